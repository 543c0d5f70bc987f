/**
 * The server around the API: basic auth, HTTPS, readiness before the log is
 * read, body limits, graceful close, and the CLI entry point.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { MemorySchemaTopic, runRegistryServe, startRegistryServer, type SchemaLog, type SchemaLogRecord } from '../../../src/registry-server';
import { body, call, memoryServer, record } from './helpers';

const U1 = record('User', [['id', 'long']]);
const basic = (user: string, password: string): Record<string, string> => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

describe('basic auth', () => {
  const users = { alice: 'wonder-land', bob: 'b:o:b' };
  let server: Awaited<ReturnType<typeof memoryServer>>;
  beforeAll(async () => {
    server = await memoryServer({ auth: { users } });
  });
  afterAll(() => server.close());

  it.each([
    ['no credentials', {}, 401],
    ['wrong password', basic('alice', 'nope'), 401],
    ['unknown user', basic('mallory', 'wonder-land'), 401],
    ['garbage header', { Authorization: 'Basic !!!' }, 401],
    ['bearer instead of basic', { Authorization: 'Bearer wonder-land' }, 401],
    ['right credentials', basic('alice', 'wonder-land'), 200],
    ['password with colons', basic('bob', 'b:o:b'), 200],
  ] as const)('%s → %i', async (_name, headers, status) => {
    const reply = await server.call('GET', '/subjects', undefined, headers);
    expect(reply.status).toBe(status);
    if (status === 401) {
      expect(reply.body).toEqual({ error_code: 401, message: 'Unauthorized' });
      expect(reply.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(reply.text).not.toContain('wonder-land');
    }
  });

  it('protects writes too, and lets the right user write', async () => {
    expect((await server.call('POST', '/subjects/s/versions', body(U1))).status).toBe(401);
    expect(await server.call('POST', '/subjects/s/versions', body(U1), basic('alice', 'wonder-land'))).toMatchObject({ status: 200, body: { id: 1 } });
  });

  it('leaves /health and /ready open for probes', async () => {
    expect((await server.call('GET', '/health')).status).toBe(200);
    expect(await server.call('GET', '/ready')).toMatchObject({ status: 200, body: { ready: true } });
  });
});

describe('HTTPS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-registry-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { encoding: 'utf8' });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  (made.status === 0 ? it : it.skip)('serves the API over TLS to a client that trusts the certificate', async () => {
    const server = await startRegistryServer({ port: 0, tls: { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const get = (ca?: Buffer) =>
        new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = https.request(`${server.url}/schemas/types`, { ca, method: 'GET' }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => (text += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          });
          req.on('error', reject);
          req.end();
        });
      expect(await get(fs.readFileSync(cert))).toEqual({ status: 200, text: '["JSON","PROTOBUF","AVRO"]' });
      await expect(get()).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      await server.close();
    }
  });
});

/** A log whose reading finishes only when `release()` is called. */
function gatedLog(): { log: SchemaLog; release: () => void } {
  const inner = new MemorySchemaTopic().log();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  return {
    release,
    log: {
      description: 'gated',
      open: async (onRecord: (r: SchemaLogRecord) => void) => {
        await gate;
        await inner.open(onRecord);
      },
      append: (k, v) => inner.append(k, v),
      close: () => inner.close(),
    },
  };
}

describe('readiness', () => {
  it('listens at once, answers 503 until the log is read, then serves', async () => {
    const { log, release } = gatedLog();
    const server = await startRegistryServer({ port: 0, log, waitForReady: false });
    try {
      expect(await call(server.url, 'GET', '/ready')).toMatchObject({ status: 503, body: { ready: false } });
      const early = await call(server.url, 'GET', '/subjects');
      expect(early).toMatchObject({ status: 503, body: { error_code: 50003 } });
      expect(early.headers.get('retry-after')).toBe('1');
      expect((await call(server.url, 'GET', '/health')).status).toBe(200);
      release();
      await server.ready;
      expect(await call(server.url, 'GET', '/ready')).toMatchObject({ status: 200, body: { ready: true } });
      expect(await call(server.url, 'GET', '/')).toMatchObject({ status: 200, body: {} });
    } finally {
      await server.close();
    }
  });

  it('rejects start when the log cannot be opened, and frees the port', async () => {
    const log: SchemaLog = {
      description: 'broken',
      open: async () => {
        throw new Error('cluster unreachable');
      },
      append: async () => 0,
      close: async () => {},
    };
    await expect(startRegistryServer({ port: 0, log })).rejects.toThrow('cluster unreachable');
  });
});

describe('body limits', () => {
  let server: Awaited<ReturnType<typeof memoryServer>>;
  beforeAll(async () => {
    server = await memoryServer({ maxBodyBytes: 4096 });
  });
  afterAll(() => server.close());

  it('refuses a declared oversized body with 413', async () => {
    const big = body(record('Big', [{ name: 'f', type: 'string', doc: 'x'.repeat(10_000) }]));
    const reply = await server.call('POST', '/subjects/big/versions', big);
    expect(reply).toMatchObject({ status: 413, body: { error_code: 413 } });
    expect((await server.call('GET', '/subjects')).body).toEqual([]);
  });

  it('refuses a chunked body that grows past the limit with 413', async () => {
    const port = Number(new URL(server.url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('POST /subjects/big/versions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n');
        const chunk = 'y'.repeat(2000);
        for (let i = 0; i < 4; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      });
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', (err) => (text ? resolve(text) : reject(err)));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('"error_code":413');
  });

  it('accepts a body under the limit', async () => {
    expect((await server.call('POST', '/subjects/small/versions', body(U1))).status).toBe(200);
  });
});

describe('runRegistryServe (the CLI body)', () => {
  it('refuses to start without bootstrap servers, naming the option', async () => {
    await expect(runRegistryServe({ until: Promise.resolve() })).rejects.toThrow(/bootstrap/);
  });

  it('refuses a certificate without a key', async () => {
    await expect(runRegistryServe({ bootstrap: '127.0.0.1:1', tlsCert: '/nonexistent.pem', until: Promise.resolve() })).rejects.toThrow(/certificate and a key/);
  });

  it('refuses a malformed user entry without echoing it', async () => {
    const err = await runRegistryServe({ bootstrap: '127.0.0.1:1', users: ['no-colon-secret'], until: Promise.resolve() }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).not.toContain('no-colon-secret');
  });
});

describe('close', () => {
  it('is idempotent and finishes in-flight requests', async () => {
    const server = await memoryServer();
    const inflight = server.call('POST', '/subjects/s/versions', body(U1));
    const first = server.close();
    const second = server.close();
    await Promise.all([first, second]);
    const reply = await inflight.catch(() => null);
    // Either answered normally before the close or refused as shutting down; never a 500.
    if (reply) expect([200, 503]).toContain(reply.status);
  });
});
