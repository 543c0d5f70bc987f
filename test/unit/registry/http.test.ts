import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaRegistryClient, type SchemaRegistryClientConfig } from '../../../src/registry/client';
import { ConfigError, SchemaRegistryError } from '../../../src/errors';
import { closedPort, startContractServer, type ContractServer } from './contract-server';

const SCHEMA = JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
const SECRET = 's3cr3t-P@ss';

async function failure(p: Promise<unknown>): Promise<SchemaRegistryError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SchemaRegistryError);
    return e as SchemaRegistryError;
  }
  throw new Error('expected a SchemaRegistryError');
}

describe('SchemaRegistryClient over HTTP: the wire contract', () => {
  let server: ContractServer;
  const clients: SchemaRegistryClient[] = [];
  const client = (conf: Partial<SchemaRegistryClientConfig> = {}): SchemaRegistryClient => {
    const c = new SchemaRegistryClient({ url: server.url, 'retries.wait.ms': 1, 'retries.max.wait.ms': 5, ...conf });
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    server = await startContractServer();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
  });

  it('speaks application/vnd.schemaregistry.v1+json', async () => {
    await client().registerSchema('s', SCHEMA);
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/subjects/s/versions');
    expect(req.headers['content-type']).toBe('application/vnd.schemaregistry.v1+json');
    expect(req.headers.accept).toContain('application/vnd.schemaregistry.v1+json');
    expect(req.body).toEqual({ schema: SCHEMA });
  });

  it('escapes subjects in paths', async () => {
    await client().registerSchema('a/b c?', SCHEMA);
    expect(server.requests[0].path).toBe('/subjects/a%2Fb%20c%3F/versions');
    expect(await client().getVersions('a/b c?')).toEqual([1]);
  });

  it('sends basic auth from basic.auth.user.info, from the URL, and from SASL_INHERIT', async () => {
    const expected = `Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`;
    server.requireAuth = expected;
    expect(await client({ 'basic.auth.credentials.source': 'USER_INFO', 'basic.auth.user.info': `alice:${SECRET}` }).getSubjects()).toEqual([]);
    const withUserInfo = server.url.replace('http://', `http://alice:${encodeURIComponent(SECRET)}@`);
    expect(await client({ url: withUserInfo }).getSubjects()).toEqual([]);
    expect(await client({ 'basic.auth.credentials.source': 'SASL_INHERIT', 'sasl.username': 'alice', 'sasl.password': SECRET }).getSubjects()).toEqual([]);
  });

  it('sends bearer auth with the Confluent Cloud headers', async () => {
    await client({ 'bearer.auth.token': 'tok', 'bearer.auth.logical.cluster': 'lsrc-1', 'bearer.auth.identity.pool.id': 'pool-2' }).getSubjects();
    expect(server.requests[0].headers).toMatchObject({ authorization: 'Bearer tok', 'target-sr-cluster': 'lsrc-1', 'confluent-identity-pool-id': 'pool-2' });
  });

  it('a 401 is a SchemaRegistryError that does not leak the password', async () => {
    server.requireAuth = 'Basic something-else';
    const withUserInfo = server.url.replace('http://', `http://alice:${encodeURIComponent(SECRET)}@`);
    const e = await failure(client({ url: withUserInfo }).getSubjects());
    expect({ status: e.status, errorCode: e.errorCode }).toEqual({ status: 401, errorCode: 401 });
    expect(JSON.stringify({ m: e.message, s: e.stack })).not.toContain(SECRET);
    expect(server.requests.length).toBe(1); // 401 is not retried
  });

  it('retries 503s with backoff, then succeeds', async () => {
    server.faults.push({ status: 503 }, { status: 503 });
    expect(await client({ 'max.retries': 3 }).getSubjects()).toEqual([]);
    expect(server.requests.length).toBe(3);
  });

  it('gives up after max.retries and reports the last status', async () => {
    server.faults.push({ status: 503, body: '<html>busy</html>' }, { status: 503, body: '<html>busy</html>' });
    const e = await failure(client({ 'max.retries': 1 }).getSubjects());
    expect({ status: e.status, errorCode: e.errorCode, retriable: e.retriable }).toEqual({ status: 503, errorCode: -1, retriable: true });
    expect(e.message).toContain('HTTP 503: <html>busy</html>');
    expect(server.requests.length).toBe(2);
  });

  it('does not retry a 404', async () => {
    await failure(client({ 'max.retries': 5 }).getSchema(5));
    expect(server.requests.length).toBe(1);
  });

  it('recovers from a reset connection', async () => {
    server.faults.push('reset');
    expect(await client().getSubjects()).toEqual([]);
    expect(server.requests.length).toBe(2);
  });

  it('fails over to the next URL when the first is down, and stays there', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const c = client({ url: `${dead},${server.url}`, 'max.retries': 0 });
    expect(await c.registerSchema('s', SCHEMA)).toBe(1);
    expect(await c.getVersions('s')).toEqual([1]);
    expect(server.requests.length).toBe(2);
  });

  it('times out a silent registry (request.timeout.ms) and says it could not reach it', async () => {
    server.faults.push('hang');
    const e = await failure(client({ 'request.timeout.ms': 100, 'max.retries': 0 }).getSubjects());
    expect({ status: e.status, errorCode: e.errorCode, retriable: e.retriable }).toEqual({ status: 0, errorCode: -1, retriable: true });
    expect(e.message).toMatch(/cannot reach the schema registry at http:\/\/127\.0\.0\.1:\d+: no answer within 100 ms/);
  });

  it('an unreachable registry is a retriable SchemaRegistryError without credentials', async () => {
    const url = `http://bob:${encodeURIComponent(SECRET)}@127.0.0.1:${await closedPort()}`;
    const e = await failure(client({ url, 'max.retries': 1 }).getSubjects());
    expect(e.status).toBe(0);
    expect(e.retriable).toBe(true);
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify({ m: e.message, s: e.stack, c: String(e.cause) })).not.toContain(SECRET);
    expect(e.message).not.toContain('bob');
  });
});

describe('SchemaRegistryClient over HTTPS', () => {
  let dir: string;
  let server: ContractServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sk-registry-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    server = await startContractServer({ tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the CA of ssl.ca.location', async () => {
    const c = new SchemaRegistryClient({ url: server.url, 'ssl.ca.location': join(dir, 'cert.pem') });
    expect(await c.registerSchema('s', SCHEMA)).toBe(1);
    c.close();
  });

  it('refuses an unknown certificate', async () => {
    const c = new SchemaRegistryClient({ url: server.url, 'max.retries': 0 });
    const e = await failure(c.getSubjects());
    expect(e.status).toBe(0);
    expect(e.message).toMatch(/self[- ]signed|certificate/i);
    c.close();
  });
});

describe('SchemaRegistryClient configuration', () => {
  function configError(conf: unknown): ConfigError {
    try {
      new SchemaRegistryClient(conf as SchemaRegistryClientConfig);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return e as ConfigError;
    }
    throw new Error('expected a ConfigError');
  }

  it.each([
    [{}, ['url']],
    [{ url: 'ftp://x' }, ['url']],
    [{ url: 'http://x', 'schema.registry.url': 'y', colour: 'red' }, ['schema.registry.url', 'colour']],
    [{ url: 'http://x', 'basic.auth.credentials.source': 'USER_INFO' }, ['basic.auth.user.info']],
    [{ url: 'http://x', 'basic.auth.user.info': 'no-colon' }, ['basic.auth.user.info']],
    [{ url: 'http://u:p@x', 'basic.auth.user.info': 'a:b' }, ['basic.auth.user.info']],
    [{ url: 'http://x', 'basic.auth.user.info': 'a:b', 'bearer.auth.token': 't' }, ['bearer.auth.token, basic.auth.user.info']],
    [{ url: 'http://x', 'bearer.auth.credentials.source': 'OAUTHBEARER' }, ['bearer.auth.credentials.source']],
    [{ url: 'http://x', 'ssl.key.location': '/k' }, ['ssl.key.location, ssl.certificate.location', 'ssl.key.location']],
    [{ url: 'http://x', 'ssl.ca.location': '/nonexistent/ca.pem' }, ['ssl.ca.location']],
    [{ url: 'http://x', 'max.retries': -1, 'cache.capacity': 'lots' }, ['cache.capacity', 'max.retries']],
  ])('%j → issues at %j', (conf, paths) => {
    const e = configError(conf);
    expect(e.issues.map((i) => i.path)).toEqual(paths);
  });

  it('never echoes secrets in configuration errors', () => {
    const e = configError({ url: `http://bob:${SECRET}@x,not a url ${SECRET}`, 'basic.auth.user.info': `bob:${SECRET}`, 'ssl.key.password': SECRET, 'ssl.key.location': '/k' });
    expect(JSON.stringify({ m: e.message, i: e.issues })).not.toContain(SECRET);
  });

  it('exposes the URLs without credentials', () => {
    const c = new SchemaRegistryClient({ url: `https://bob:${SECRET}@a:8081, http://b:8081/` });
    expect(c.url).toBe('https://a:8081,http://b:8081');
    c.close();
  });
});
