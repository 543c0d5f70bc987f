import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { checkConfigFile } from '../../../src/config/check';
import { assertValidConfig, formatIssues, librdkafkaBuiltinFeatures, validateConfig } from '../../../src/config/validate';
import type { ClientRole } from '../../../src/config/types';
import { ConfigError, type ConfigIssue } from '../../../src/errors';

const FEATURES = ['gzip', 'snappy', 'ssl', 'sasl', 'regex', 'lz4', 'sasl_gssapi', 'sasl_plain', 'sasl_scram', 'plugins', 'zstd', 'sasl_oauthbearer'];
const B = { 'bootstrap.servers': 'broker:9092' };
const fn = (): undefined => undefined;

function check(config: Record<string, unknown>, role: ClientRole = 'producer') {
  return validateConfig(config, { role, features: FEATURES });
}

function find(issues: ConfigIssue[], pathText: string): ConfigIssue | undefined {
  return issues.find((i) => i.path === pathText);
}

describe('validateConfig', () => {
  it('reports every issue at once, each with its key, what is wrong and a fix', () => {
    const { issues, ok } = check({
      'bootstrap.server': 'broker:9092',
      'security.protocol': 'TLS',
      'linger.ms': 'soon',
      'group.id': 'g',
      'compression.codec': 'brotli',
      'enable.idempotence': true,
      acks: 0,
    });
    expect(ok).toBe(false);
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['bootstrap.server', 'security.protocol', 'linger.ms', 'group.id', 'compression.codec', 'acks, enable.idempotence', 'bootstrap.servers']),
    );
    for (const i of issues) {
      expect(i.message.length).toBeGreaterThan(10);
      expect(i.fix?.length ?? 0).toBeGreaterThan(3);
      expect(i.rule).toBeTruthy();
    }
  });

  it('passes a good config untouched, with no issue', () => {
    const config = { ...B, 'client.id': 'svc', acks: 'all', 'linger.ms': '10', 'enable.idempotence': 'true', 'compression.type': 'lz4' };
    const r = check(config);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.normalized).toEqual(config);
  });

  it.each([
    ['bootstrap.server', 'bootstrap.servers'],
    ['bootstrap_servers', 'bootstrap.servers'],
    ['BOOTSTRAP.SERVERS', 'bootstrap.servers'],
    ['clientId', 'client.id'],
    ['sasl.usernme', 'sasl.username'],
    ['enable.idempotency', 'enable.idempotence'],
    ['auto.offset.rest', 'auto.offset.reset'],
    ['securty.protocol', 'security.protocol'],
    ['linger_ms', 'linger.ms'],
    ['brokers', 'bootstrap.servers'],
  ])('unknown key %s → "did you mean %s?"', (key, suggestion) => {
    const issue = find(check({ ...B, [key]: 'x' }).issues, key);
    expect(issue).toMatchObject({ severity: 'error', rule: 'unknown-key' });
    expect(issue?.fix).toContain(`did you mean ${suggestion}`);
  });

  it('names each suggestion once, even for keys that are both librdkafka properties and Python callbacks', () => {
    const issue = find(check({ ...B, stats_c: 'x' }).issues, 'stats_c');
    expect(issue?.fix).toBe('did you mean stats_cb?');
  });

  it('an unknown key with nothing close says where the names are', () => {
    const issue = find(check({ ...B, 'completely.unrelated.thing': 1 }).issues, 'completely.unrelated.thing');
    expect(issue?.message).toBe('completely.unrelated.thing is not a librdkafka property');
    expect(issue?.fix).toMatch(/CONFIGURATION.md/);
  });

  describe('values: accepted as librdkafka accepts them', () => {
    it.each([
      ['enable.idempotence', true],
      ['enable.idempotence', 'true'],
      ['enable.idempotence', 'FALSE'],
      ['enable.idempotence', '1'],
      ['enable.idempotence', 0],
      ['acks', 'all'],
      ['acks', '-1'],
      ['acks', 1],
      ['batch.size', '100'],
      ['batch.size', ' 100 '],
      ['batch.size', '0x10'],
      ['linger.ms', 0.5],
      ['linger.ms', '2.5'],
      ['compression.codec', 'ZSTD'],
      ['debug', 'broker,topic, msg'],
      ['client.id', 42],
      ['statistics.interval.ms', 60000],
    ])('%s = %j', (key, value) => {
      expect(check({ ...B, [key]: value }).issues).toEqual([]);
    });

    it.each([
      ['enable.idempotence', 'yes', /must be a boolean, got "yes"/],
      ['enable.idempotence', 2, /must be a boolean/],
      ['acks', 'most', /must be an integer, got "most"/],
      ['acks', 1001, /is 1001 outside the allowed range -1 .. 1000/],
      ['batch.size', '100kb', /must be an integer/],
      ['batch.size', 1.5, /must be an integer/],
      ['batch.size', 0, /is 0 outside the allowed range 1 .. 2147483647/],
      ['linger.ms', 'ten', /must be a number/],
      ['linger.ms', -1, /outside the allowed range 0 .. 900000/],
      ['compression.codec', 'brotli', /is "brotli", which is not one of none, gzip, snappy, lz4, zstd/],
      ['auto.offset.reset', 'first', /not one of smallest, earliest/],
      ['debug', 'broker,everything', /lists "everything"/],
      ['client.id', { name: 'x' }, /must be a string, got an object/],
    ])('%s = %j → %s', (key, value, message) => {
      const role: ClientRole = key === 'auto.offset.reset' ? 'consumer' : 'producer';
      const extra = role === 'consumer' ? { 'group.id': 'g' } : {};
      const issues = check({ ...B, ...extra, [key]: value }, role).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: key, severity: 'error' });
      expect(issues[0].message).toMatch(message);
      expect(issues[0].message.startsWith(key)).toBe(true);
    });
  });

  describe('roles', () => {
    it.each([
      ['producer', 'group.id', 'consumer'],
      ['producer', 'auto.offset.reset', 'consumer'],
      ['producer', 'enable.auto.commit', 'consumer'],
      ['consumer', 'acks', 'producer'],
      ['consumer', 'linger.ms', 'producer'],
      ['consumer', 'transactional.id', 'producer'],
    ] as const)('on a %s, %s is an error (a %s-only property)', (role, key, owner) => {
      const value = key === 'auto.offset.reset' ? 'earliest' : key === 'enable.auto.commit' ? false : key === 'acks' ? 1 : key === 'linger.ms' ? 5 : 'x';
      const issue = find(check({ ...B, 'group.id': role === 'consumer' ? 'g' : undefined, [key]: value }, role).issues, key);
      expect(issue).toMatchObject({ severity: 'error', rule: 'role' });
      expect(issue?.message).toBe(`${key} is a ${owner}-only property, set on a ${role}; librdkafka would ignore it`);
    });

    it('on an admin client, producer and consumer keys are warnings', () => {
      const { issues, ok } = check({ ...B, acks: 'all', 'group.id': 'g' }, 'admin');
      expect(ok).toBe(true);
      expect(issues.map((i) => [i.path, i.severity])).toEqual([
        ['acks', 'warning'],
        ['group.id', 'warning'],
      ]);
    });

    it('a serializer on a consumer suggests the deserializer', () => {
      const issue = find(check({ ...B, 'group.id': 'g', 'value.serializer': { serialize: fn } }, 'consumer').issues, 'value.serializer');
      expect(issue).toMatchObject({ severity: 'error', fix: 'did you mean value.deserializer?' });
    });
  });

  describe('Python-style and simple-kafka keys', () => {
    it('accepts function-valued keys and serde objects', () => {
      const producer = check({
        ...B,
        error_cb: fn,
        stats_cb: fn,
        throttle_cb: fn,
        on_delivery: fn,
        logger: { info: fn, warn: fn, error: fn },
        'key.serializer': { serialize: fn },
        'value.serializer': (v: unknown) => v,
      });
      expect(producer.issues).toEqual([]);
      const consumer = check({ ...B, 'group.id': 'g', on_commit: fn, rebalance_cb: true, 'key.deserializer': { deserialize: fn }, logger: fn }, 'consumer');
      expect(consumer.issues).toEqual([]);
      const oauth = check({ ...B, 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'OAUTHBEARER', oauth_cb: fn });
      expect(oauth.issues).toEqual([]);
    });

    it.each([
      ['error_cb', 'log it', /error callback and must be a function, got a string/],
      ['logger', 42, /must be a function or an object with log\/info\/warn\/error methods/],
      ['value.serializer', { toBytes: fn }, /must be a serializer \(an object with a serialize\(\) method/],
      ['socket_cb', fn, /only be set through librdkafka's C API/],
    ])('%s = %p is an error', (key, value, message) => {
      const issue = find(check({ ...B, [key]: value }).issues, key);
      expect(issue?.severity).toBe('error');
      expect(issue?.message).toMatch(message);
    });

    it('on_delivery belongs to producers', () => {
      expect(find(check({ ...B, 'group.id': 'g', on_delivery: fn }, 'consumer').issues, 'on_delivery')).toMatchObject({ severity: 'error', rule: 'role' });
    });

    it('accepts the calling client\'s own keys through extraKeys', () => {
      expect(validateConfig({ ...B, mode: 'sync', maxInFlight: 10 }, { role: 'producer', features: FEATURES, extraKeys: ['mode', 'maxInFlight'] }).issues).toEqual([]);
    });
  });

  describe('Java keys', () => {
    it.each([
      ['org.apache.kafka.common.serialization.StringSerializer', 'pass new StringSerializer()'],
      ['io.confluent.kafka.serializers.KafkaAvroSerializer', 'pass new AvroSerializer(registry, schema)'],
      ['org.apache.kafka.common.serialization.ByteArraySerializer', 'pass nothing: Buffers pass through unchanged, so remove the key'],
      ['com.example.MySerializer', 'pass an object with a serialize(value, ctx) method'],
    ])('key.serializer=%s is explained', (cls, fix) => {
      const issue = find(check({ ...B, 'key.serializer': cls }).issues, 'key.serializer');
      expect(issue).toMatchObject({ severity: 'error', rule: 'java-serde-class', fix });
      expect(issue?.message).toContain('is a Java class name');
    });

    it('translates sasl.jaas.config into librdkafka keys, silently', () => {
      const r = check({
        ...B,
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="alice-secret";',
      });
      expect(r.issues).toEqual([]);
      expect(r.normalized).toEqual({ ...B, 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'alice', 'sasl.password': 'alice-secret' });
    });

    it('translates Java keys with librdkafka equivalents and drops the ones without, with a warning', () => {
      const r = check({
        ...B,
        'buffer.memory': '33554432',
        'max.request.size': 2000000,
        'send.buffer.bytes': -1,
        'max.block.ms': 60000,
        'ssl.endpoint.identification.algorithm': '',
      });
      expect(r.normalized).toEqual({ ...B, 'queue.buffering.max.kbytes': 32768, 'message.max.bytes': 2000000, 'socket.send.buffer.bytes': 0, 'ssl.endpoint.identification.algorithm': 'none' });
      expect(r.issues.map((i) => [i.path, i.severity])).toEqual([
        ['max.block.ms', 'warning'],
        ['security.protocol, ssl.endpoint.identification.algorithm', 'error'],
      ]);
    });

    it('translates Java assignor class names', () => {
      const r = check({ ...B, 'group.id': 'g', 'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor' }, 'consumer');
      expect(r.issues).toEqual([]);
      expect(r.normalized['partition.assignment.strategy']).toBe('cooperative-sticky');
    });

    it('explains JKS stores and Schema Registry keys', () => {
      const r = check({ ...B, 'security.protocol': 'SSL', 'ssl.truststore.location': '/etc/kafka/truststore.jks', 'ssl.truststore.password': 'changeit', 'schema.registry.url': 'http://sr:8081' });
      expect(find(r.issues, 'ssl.truststore.location')).toMatchObject({ severity: 'error', message: 'is a JKS trust store; librdkafka reads CA certificates as PEM' });
      expect(find(r.issues, 'ssl.truststore.location')?.fix).toContain('keytool -exportcert -rfc');
      expect(find(r.issues, 'schema.registry.url')?.fix).toBe('pass it to SchemaRegistryClient({url})');
    });

    it('reports a Java key conflicting with the librdkafka key it means, naming both', () => {
      const issue = check({ ...B, 'fetch.max.wait.ms': 100, 'fetch.wait.max.ms': 200, 'group.id': 'g' }, 'consumer').issues[0];
      expect(issue).toMatchObject({ path: 'fetch.max.wait.ms, fetch.wait.max.ms', severity: 'error' });
    });
  });

  it('drops null and undefined (Python None) and upper-cases the SASL mechanism, leaving other values untouched', () => {
    const r = check({ ...B, 'client.id': undefined, 'group.id': null, 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'scram-sha-256', 'sasl.username': 'u', 'sasl.password': 'p', 'linger.ms': '7' });
    expect(r.normalized).toEqual({ ...B, 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.username': 'u', 'sasl.password': 'p', 'linger.ms': '7' });
    expect(r.issues).toEqual([]);
  });

  it('warns about deprecated keys and aliases set to different values', () => {
    const r = check({ ...B, 'topic.metadata.refresh.fast.cnt': 3, acks: 1, 'request.required.acks': 'all' });
    expect(find(r.issues, 'topic.metadata.refresh.fast.cnt')).toMatchObject({ severity: 'warning', rule: 'deprecated', message: 'topic.metadata.refresh.fast.cnt is deprecated in librdkafka (No longer used)' });
    expect(find(r.issues, 'request.required.acks, acks')).toMatchObject({ severity: 'warning', rule: 'alias-conflict' });
  });

  it('uses the features of the librdkafka node-rdkafka loaded by default', () => {
    const features = librdkafkaBuiltinFeatures();
    expect(features).toEqual(expect.arrayContaining(['ssl', 'sasl_plain', 'sasl_scram']));
    const r = validateConfig({ ...B, 'compression.codec': 'zstd' }, { role: 'producer' });
    expect(r.issues.filter((i) => i.rule === 'librdkafka-features')).toEqual(features?.includes('zstd') ? [] : [expect.objectContaining({ path: 'compression.codec' })]);
  });
});

describe('assertValidConfig', () => {
  it('throws one ConfigError carrying every issue', () => {
    let error: unknown;
    try {
      assertValidConfig({ 'bootstrap.server': 'x', acks: 'most', 'max.block.ms': 1 }, { role: 'producer', features: FEATURES });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.code).toBe('ERR_CONFIG');
    expect(e.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['bootstrap.server', 'acks', 'bootstrap.servers', 'max.block.ms']));
    expect(e.message).toContain('bootstrap.server: bootstrap.server is not a librdkafka property (did you mean bootstrap.servers?)');
  });

  it('returns the result when there are only warnings', () => {
    const r = assertValidConfig({ ...B, 'max.block.ms': 1 }, { role: 'producer', features: FEATURES });
    expect(r.ok).toBe(true);
    expect(r.issues).toHaveLength(1);
    expect(r.normalized).toEqual(B);
  });
});

describe('checkConfigFile (simple-kafka config check)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-config-check-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('exits 1 on errors and prints each issue with its key', () => {
    const file = write('bad.properties', 'bootstrap.servers=broker:9092\nsecurity.protocol=PLAINTEXT\nssl.ca.location=/etc/ca.pem\n');
    const r = checkConfigFile(file, { role: 'consumer', features: FEATURES });
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('error   security.protocol, ssl.ca.location');
    expect(r.output).toContain('fix: did you mean security.protocol=SSL');
    expect(r.output).toContain('error   group.id');
    expect(r.output).toContain('ssl.ca.location points at /etc/ca.pem, which does not exist');
    expect(r.output).toMatch(/\(consumer\): 3 errors, 0 warnings$/);
  });

  it('exits 0 with warnings only, and --json gives the issues to machines', () => {
    const file = write('warn.properties', 'bootstrap.servers=broker:9092\nmax.block.ms=60000\n');
    const r = checkConfigFile(file, { json: true, features: FEATURES });
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.output);
    expect(out).toMatchObject({ file, role: 'producer', ok: true, errors: 0, warnings: 1 });
    expect(out.issues[0]).toMatchObject({ path: 'max.block.ms', severity: 'warning' });
  });

  it('reads JSON configs and reports a missing file as an error', () => {
    expect(checkConfigFile(write('ok.json', JSON.stringify({ ...B, acks: 'all' })), { features: FEATURES })).toMatchObject({ exitCode: 0, issues: [] });
    const missing = checkConfigFile(path.join(dir, 'nope.properties'));
    expect(missing.exitCode).toBe(1);
    expect(missing.output).toContain('does not exist');
  });

  it('formats issues for people', () => {
    expect(formatIssues([{ path: 'a', message: 'b', fix: 'c', severity: 'warning' }])).toBe('warning a\n        b\n        fix: c');
  });
});
