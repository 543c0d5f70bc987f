/**
 * A small HTTP server following Confluent Schema Registry's REST contract, for
 * testing the client over real HTTP: it serves a MockSchemaRegistry, checks
 * the content type, answers errors as `{error_code, message}` JSON, and can be
 * told to fail (status codes, non-JSON bodies, silence) or to require auth.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { MockSchemaRegistry } from '../../../src/registry/mock';

export interface LoggedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export type Fault = { status: number; body?: string; contentType?: string } | 'hang' | 'reset';

export interface ContractServer {
  url: string;
  registry: MockSchemaRegistry;
  requests: LoggedRequest[];
  /** Faults served, in order, before normal answers resume. */
  faults: Fault[];
  /** When set, requests must carry this Authorization header. */
  requireAuth?: string;
  close(): Promise<void>;
}

export async function startContractServer(options: { tls?: { key: Buffer; cert: Buffer } } = {}): Promise<ContractServer> {
  const registry = new MockSchemaRegistry();
  const state = { requests: [] as LoggedRequest[], faults: [] as Fault[], requireAuth: undefined as string | undefined };
  const sockets = new Set<import('node:net').Socket>();
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const send = (status: number, body: unknown): void => {
        const payload = Buffer.from(JSON.stringify(body));
        res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json', 'Content-Length': payload.length });
        res.end(payload);
      };
      let body: unknown;
      if (text.length) {
        try {
          body = JSON.parse(text);
        } catch {
          state.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text });
          return send(400, { error_code: 400, message: 'Unexpected character in JSON body' });
        }
      }
      state.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const fault = state.faults.shift();
      if (fault === 'hang') return; // never answer
      if (fault === 'reset') return req.socket.destroy();
      if (fault) {
        res.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'text/html' });
        return res.end(fault.body ?? '');
      }
      if (state.requireAuth !== undefined && req.headers.authorization !== state.requireAuth) {
        return send(401, { error_code: 401, message: 'Unauthorized' });
      }
      if (body !== undefined && !/^application\/(vnd\.schemaregistry(\.v1)?\+)?json/.test(req.headers['content-type'] ?? '')) {
        return send(415, { error_code: 415, message: 'HTTP 415 Unsupported Media Type' });
      }
      const answer = registry.handle({ method: req.method ?? 'GET', path: req.url ?? '/', body });
      send(answer.status, answer.body);
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const cs: ContractServer = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    registry,
    get requests() {
      return state.requests;
    },
    set requests(v) {
      state.requests = v;
    },
    get faults() {
      return state.faults;
    },
    set faults(v) {
      state.faults = v;
    },
    get requireAuth() {
      return state.requireAuth;
    },
    set requireAuth(v) {
      state.requireAuth = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return cs;
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A pass-through HTTP proxy that counts requests per route (`GET /schemas/ids/{id}`, …). */
export async function startCountingProxy(target: string): Promise<{ url: string; count(route: string): number; close(): Promise<void> }> {
  const counts = new Map<string, number>();
  const t = new URL(target);
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${path
      .replace(/^\/schemas\/ids\/[^/]+/, '/schemas/ids/{id}')
      .replace(/^\/subjects\/[^/]+/, '/subjects/{subject}')
      .replace(/\/versions\/[^/]+/, '/versions/{version}')
      .replace(/^\/(config|mode)\/[^/]+/, '/$1/{subject}')}`;
    counts.set(route, (counts.get(route) ?? 0) + 1);
    const up = http.request({ hostname: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: (route) => counts.get(route) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
