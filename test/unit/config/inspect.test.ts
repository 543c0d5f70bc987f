/**
 * No secret (password, key password, client secret) appears in util.inspect(client)
 * of a Producer, Consumer or AdminClient built with them (not connected).
 */
import * as util from 'node:util';

import { AdminClient, ConfigError, Consumer, Producer, librdkafkaFeatures } from '../../../src';
import { makeTestTls, type TestTls } from '../../fixtures/config/tls';

const SASL_PASSWORD = 'sasl-pw-Zq8u1LmN';
const CLIENT_SECRET = 'oidc-secret-Hy7Ve3Rk';

let tls: TestTls;
beforeAll(() => {
  tls = makeTestTls();
});
afterAll(() => tls?.cleanup());

/** librdkafka without libcurl refuses every OIDC property (sasl.oauthbearer.client.secret too) when a handle is created. */
const HAS_OIDC = librdkafkaFeatures().includes('oidc');

function secretConfig(): Record<string, unknown> {
  return {
    'bootstrap.servers': '127.0.0.1:1',
    'security.protocol': 'SASL_SSL',
    'sasl.mechanism': 'PLAIN',
    'sasl.username': 'alice',
    'sasl.password': SASL_PASSWORD,
    'ssl.ca.location': tls.ca,
    'ssl.certificate.location': tls.cert,
    'ssl.key.location': tls.encryptedKey,
    'ssl.key.password': tls.keyPassword,
    'sasl.oauthbearer.client.secret': CLIENT_SECRET,
  };
}

function expectNoSecret(client: unknown): void {
  const secrets = [SASL_PASSWORD, tls.keyPassword, CLIENT_SECRET];
  for (const options of [{}, { depth: Infinity, showHidden: true, getters: true }] as util.InspectOptions[]) {
    const text = util.inspect(client, options);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  expect(JSON.stringify(client) ?? '').not.toMatch(new RegExp(secrets.join('|')));
  expect(String(client)).not.toMatch(new RegExp(secrets.join('|')));
}

type Client = { close(...args: never[]): Promise<unknown> };

/**
 * The client built with every secret; without an oidc librdkafka the constructor refuses
 * sasl.oauthbearer.client.secret (a ConfigError that must not show it either), and the client
 * is built without that key.
 */
function build(make: (config: Record<string, unknown>) => Client, extra: Record<string, unknown> = {}): Client {
  const config = { ...secretConfig(), ...extra };
  if (HAS_OIDC) return make(config);
  let err: unknown;
  try {
    void make(config).close().catch(() => undefined);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).issues.map((i) => i.path)).toContain('sasl.oauthbearer.client.secret');
  expectNoSecret(err);
  const { 'sasl.oauthbearer.client.secret': _omitted, ...rest } = config;
  return make(rest);
}

describe('util.inspect(client) shows no secret', () => {
  test('Producer', async () => {
    const p = build((c) => new Producer(c));
    try {
      expectNoSecret(p);
    } finally {
      await p.close({ timeoutMs: 100 } as never);
    }
  });

  test('Consumer', async () => {
    const c = build((conf) => new Consumer(conf as never), { 'group.id': 'g' });
    try {
      expectNoSecret(c);
    } finally {
      await c.close();
    }
  });

  test('AdminClient', async () => {
    const a = build((c) => new AdminClient(c));
    try {
      expectNoSecret(a);
    } finally {
      await a.close();
    }
  });
});
