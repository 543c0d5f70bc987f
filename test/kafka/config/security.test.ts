/**
 * Proof on the real cluster: every configuration validateConfig accepts for a
 * listener and mechanism connects and carries a message there and back, also
 * after a trip through client.properties and loadProperties; typical mistakes
 * are refused by validateConfig before connecting, or fail fast with a typed
 * error that names the keys to fix — never an endless retry, never a secret.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { loadProperties, formatProperties } from '../../../src/config/properties-file';
import { propertySpec } from '../../../src/config/schema';
import type { ClientRole } from '../../../src/config/types';
import { assertValidConfig, validateConfig } from '../../../src/config/validate';
import { AuthenticationError, AuthorizationError, ConfigError, KafkaError } from '../../../src/errors';
import { docExamples, type DocExample } from '../../fixtures/config/doc-examples';
import { makeTestTls, type TestTls } from '../../fixtures/config/tls';
import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';
import { closeFailedClients, consumeWith, logsAndStatsWith, metadataWith, produceWith } from './connect';

/** Keys both roles accept: the bootstrap and security part of an example. */
function shared(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => (propertySpec(k)?.role ?? 'both') === 'both'));
}

function errorsOf(config: Record<string, unknown>, role: ClientRole) {
  return validateConfig(config, { role }).issues.filter((i) => i.severity === 'error');
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure, but it succeeded');
}

describeKafka('config: validated configurations on every listener of the real cluster', (cluster: KafkaCluster) => {
  const alicePassword = cluster.users.alice.password;
  const topics: string[] = [];
  let dir: string;
  let keystore: { path: string; password: string };
  let tls: TestTls;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-config-kafka-'));
    keystore = { path: path.join(dir, 'client.p12'), password: 'p12-Kafka-test' };
    execFileSync('openssl', ['pkcs12', '-export', '-in', cluster.tls.clientCert, '-inkey', cluster.tls.clientKey, '-out', keystore.path, '-passout', `pass:${keystore.password}`], { stdio: 'ignore' });
    tls = makeTestTls();
  });
  afterAll(async () => {
    await closeFailedClients();
    await deleteTopics(cluster, topics);
    tls?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The example with the cluster's addresses, files and credentials (user alice, who may use alice-* topics and groups). */
  function forCluster(example: DocExample): Record<string, unknown> {
    const c: Record<string, unknown> = { ...example.config };
    const replace = (key: string, value: unknown): void => {
      if (key in c) c[key] = value;
    };
    c['bootstrap.servers'] = cluster[example.listener!].bootstrap;
    replace('ssl.ca.location', cluster.tls.ca);
    replace('ssl.truststore.location', cluster.tls.ca);
    replace('ssl.certificate.location', cluster.tls.clientCert);
    replace('ssl.key.location', cluster.tls.clientKey);
    replace('ssl.keystore.location', keystore.path);
    replace('ssl.keystore.password', keystore.password);
    if (c['sasl.username'] === 'alice') c['sasl.password'] = alicePassword;
    if (typeof c['sasl.jaas.config'] === 'string') c['sasl.jaas.config'] = (c['sasl.jaas.config'] as string).replace(/password="[^"]*"/, `password="${alicePassword}"`);
    replace('group.id', uniqueName('alice-cfg-group-'));
    return c;
  }

  const examples = docExamples().filter((e) => e.listener !== undefined);

  test('docs/security.md has a cluster example for every listener and mechanism the cluster serves', () => {
    const served = new Set(examples.map((e) => `${e.listener} ${String(e.config['sasl.mechanism'] ?? '')}`.trim()));
    for (const want of ['plaintext', 'ssl', 'saslPlaintext PLAIN', 'saslPlaintext SCRAM-SHA-256', 'saslPlaintext SCRAM-SHA-512', 'saslPlaintext OAUTHBEARER', 'saslSsl PLAIN', 'saslSsl SCRAM-SHA-512']) {
      expect(served).toContain(want);
    }
  });

  test.each(examples.map((e) => [e.name, e] as const))('%s: validates, survives client.properties, and round-trips a message', async (name, example) => {
    const config = forCluster(example);
    const direct = validateConfig(config, { role: example.role });
    expect(direct.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const file = path.join(dir, `${name}.properties`);
    fs.writeFileSync(file, formatProperties(config, `docs/security.md example ${name}`));
    const loaded = validateConfig(loadProperties(file), { role: example.role });
    expect(loaded.issues).toEqual(direct.issues);
    expect(Object.keys(loaded.normalized).sort()).toEqual(Object.keys(direct.normalized).sort());

    const connection = shared(loaded.normalized);
    const { metadata } = await metadataWith(connection);
    expect(metadata.brokers.length).toBeGreaterThanOrEqual(2);
    expect(metadata.brokers.every((b) => [1, 2, 3].includes(b.id))).toBe(true);

    const topic = uniqueName('alice-cfg-');
    topics.push(topic);
    await createTopic(cluster, topic);
    const key = uniqueName('key-');
    const value = Buffer.from(`${name} → ✓`);
    const report = await produceWith(connection, topic, key, value);
    expect(report).toMatchObject({ topic, partition: 0 });
    const message = await consumeWith({ ...connection, 'group.id': uniqueName('alice-cfg-group-') }, topic, key);
    expect(message.value).toEqual(value);
    expect(message.offset).toBe(report.offset);
  });

  describe('mistakes', () => {
    const scram = (password: string, user = 'alice') => ({
      'bootstrap.servers': cluster.saslSsl.bootstrap,
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.username': user,
      'sasl.password': password,
      'ssl.ca.location': cluster.tls.ca,
    });

    test.each([
      ['wrong SCRAM-SHA-512 password over SASL_SSL', () => scram('not-the-Password-1'), 'not-the-Password-1', /rejected the SCRAM-SHA-512 credentials for user "alice"/],
      ['unknown SCRAM user', () => scram('whatever-Pw-2', 'nobody'), 'whatever-Pw-2', /credentials for user "nobody"/],
      [
        'wrong PLAIN password over SASL_PLAINTEXT',
        () => ({ 'bootstrap.servers': cluster.saslPlaintext.bootstrap, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', 'sasl.username': 'alice', 'sasl.password': 'not-the-Password-3' }),
        'not-the-Password-3',
        /rejected the PLAIN credentials for user "alice"/,
      ],
    ])('%s: validateConfig cannot know, the connection fails with AuthenticationError instead of retrying', async (_name, make, secret, message) => {
      const config = make();
      expect(errorsOf(config, 'producer')).toEqual([]);
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect((error as AuthenticationError).fatal).toBe(true);
      expect(error.message).toMatch(message);
      expect(error.message).toContain('check sasl.username and sasl.password');
      expect(error.message).not.toContain(secret);
    });

    test('the restricted user writing a topic outside its ACLs: AuthorizationError naming the topic', async () => {
      const config = scram(alicePassword);
      expect(errorsOf(config, 'producer')).toEqual([]);
      const topic = uniqueName('forbidden-cfg-');
      topics.push(topic);
      await createTopic(cluster, topic);
      const error = await failure(produceWith({ ...config, 'message.timeout.ms': 10000 }, topic, 'k', Buffer.from('v'), 10000));
      expect(error).toBeInstanceOf(AuthorizationError);
      expect(error.message).toContain(topic);
      expect((error as AuthorizationError).kafkaName).toBe('TOPIC_AUTHORIZATION_FAILED');
    });

    test('SSL listener without a client certificate: a clear AuthenticationError naming the keys to set', async () => {
      const config = { 'bootstrap.servers': cluster.ssl.bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': cluster.tls.ca };
      expect(errorsOf(config, 'producer')).toEqual([]);
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toMatch(/requires a client certificate and none is configured/);
      expect(error.message).toContain('set ssl.certificate.location and ssl.key.location');
    });

    test('a CA that did not sign the brokers: KafkaError saying ssl.ca.location is wrong', async () => {
      const config = { 'bootstrap.servers': cluster.ssl.bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': tls.ca, 'ssl.certificate.location': cluster.tls.clientCert, 'ssl.key.location': cluster.tls.clientKey };
      expect(errorsOf(config, 'producer')).toEqual([]);
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(KafkaError);
      expect(error.message).toMatch(/certificate could not be verified/);
      expect(error.message).toContain('set ssl.ca.location to the CA that signed the broker certificates');
    });

    test('a PLAINTEXT client on the SSL port: an error within socket.timeout.ms, not a hang', async () => {
      const config = { 'bootstrap.servers': cluster.ssl.bootstrap, 'socket.timeout.ms': 10000 };
      expect(errorsOf(config, 'producer')).toEqual([]);
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(KafkaError);
      expect(error.message).toMatch(/probably expects TLS/);
      expect(error.message).toContain('did you mean security.protocol=SSL');
    });

    test('a TLS client on the PLAINTEXT port: a KafkaError suggesting PLAINTEXT', async () => {
      const config = { 'bootstrap.servers': cluster.plaintext.bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': cluster.tls.ca };
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(KafkaError);
      expect(error.message).toMatch(/does not speak TLS/);
    });

    test('a PLAINTEXT client on the SASL port: an AuthenticationError suggesting SASL', async () => {
      const config = { 'bootstrap.servers': cluster.saslPlaintext.bootstrap };
      const error = await failure(metadataWith(config, 10000));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.message).toMatch(/probably requires SASL authentication/);
    });

    test.each([
      ['SSL keys with PLAINTEXT', () => ({ 'bootstrap.servers': cluster.plaintext.bootstrap, 'ssl.ca.location': cluster.tls.ca, 'ssl.certificate.location': cluster.tls.clientCert, 'ssl.key.location': cluster.tls.clientKey }), 'ssl-without-tls'],
      ['SASL credentials but no mechanism', () => ({ ...scram('pw'), 'sasl.mechanism': undefined }), 'sasl-mechanism'],
      ['client key without its certificate', () => ({ 'bootstrap.servers': cluster.ssl.bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': cluster.tls.ca, 'ssl.key.location': cluster.tls.clientKey }), 'ssl-cert-key-pair'],
      ['an expired client certificate', () => ({ 'bootstrap.servers': cluster.ssl.bootstrap, 'security.protocol': 'SSL', 'ssl.ca.location': cluster.tls.ca, 'ssl.certificate.location': tls.expiredCert, 'ssl.key.location': tls.expiredKey }), 'ssl-cert-validity'],
      ['a broker-side JAAS line', () => ({ 'bootstrap.servers': cluster.saslSsl.bootstrap, 'security.protocol': 'SASL_SSL', 'ssl.ca.location': cluster.tls.ca, 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="x";' }), 'jaas-config'],
    ])('%s: refused by validateConfig before connecting', (_name, make, rule) => {
      let error: unknown;
      try {
        assertValidConfig(make(), { role: 'producer' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((i) => i.rule)).toContain(rule);
    });
  });

  test('no secret in librdkafka\'s log lines or statistics, even with security and config debugging on', async () => {
    const base = shared(forCluster(examples.find((e) => e.name === 'sasl-ssl-scram-512')!));
    const config = { ...base, debug: 'security,broker,conf', 'statistics.interval.ms': 1000 };
    const { logs, stats } = await logsAndStatsWith(config);
    expect(logs.length).toBeGreaterThan(20);
    expect(logs.some((l) => /sasl\.password|SCRAM/i.test(l))).toBe(true);
    expect(stats.length).toBeGreaterThan(0);
    expect(JSON.parse(stats[0])).toHaveProperty('brokers');
    for (const text of [...logs, ...stats]) expect(text).not.toContain(alicePassword);
  });
});
