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

describe('util.inspect(client) shows no secret', () => {
  test('Producer', async () => {
    let config = secretConfig();
    if (!HAS_OIDC) {
      // The producer creates its librdkafka handle in the constructor: this build refuses the key.
      let err: unknown;
      try {
        new Producer(config).close().catch(() => undefined);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.path)).toContain('sasl.oauthbearer.client.secret');
      expectNoSecret(err);
      expect((err as Error).message).not.toContain(CLIENT_SECRET);
      const { 'sasl.oauthbearer.client.secret': _omitted, ...rest } = config;
      config = rest;
    }
    const p = new Producer(config);
    try {
      expectNoSecret(p);
    } finally {
      await p.close({ timeoutMs: 100 });
    }
  });

  test('Consumer', async () => {
    const c = new Consumer({ ...secretConfig(), 'group.id': 'g' });
    try {
      expectNoSecret(c);
    } finally {
      await c.close();
    }
  });

  test('AdminClient', async () => {
    const a = new AdminClient(secretConfig());
    try {
      expectNoSecret(a);
    } finally {
      await a.close();
    }
  });
});
