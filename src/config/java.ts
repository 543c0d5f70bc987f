/**
 * Keys of the Java client (and of Confluent's Java serializers) that
 * librdkafka does not know: translated where librdkafka has an equivalent,
 * dropped with a warning where it has nothing to do, and explained otherwise.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';

import type { ConfigIssue } from '../errors';
import { namesOf } from './schema';
import type { ConfigInput } from './types';

type JavaKeyRule =
  | { kind: 'rename'; to: string; convert?: (value: unknown) => unknown }
  | { kind: 'drop'; why: string }
  | { kind: 'error'; why: string; fix: string };

const registry = (what: string): JavaKeyRule => ({
  kind: 'error',
  why: `is a Confluent serializer/Schema Registry setting, not a Kafka client one`,
  fix: `pass it to ${what}`,
});

function javaBytesToLibrdkafka(value: unknown): unknown {
  const n = Number(value);
  return Number.isFinite(n) && n < 0 ? 0 : value;
}

/** Java-only keys with no special handling beyond this table. */
export const JAVA_KEYS: Readonly<Record<string, JavaKeyRule>> = {
  'buffer.memory': { kind: 'rename', to: 'queue.buffering.max.kbytes', convert: (v) => (Number.isFinite(Number(v)) ? Math.max(1, Math.ceil(Number(v) / 1024)) : v) },
  'max.request.size': { kind: 'rename', to: 'message.max.bytes' },
  'fetch.max.wait.ms': { kind: 'rename', to: 'fetch.wait.max.ms' },
  'send.buffer.bytes': { kind: 'rename', to: 'socket.send.buffer.bytes', convert: javaBytesToLibrdkafka },
  'receive.buffer.bytes': { kind: 'rename', to: 'socket.receive.buffer.bytes', convert: javaBytesToLibrdkafka },
  'max.poll.records': { kind: 'drop', why: 'librdkafka has no per-poll record limit; consume(n) takes the batch size' },
  'max.block.ms': { kind: 'drop', why: 'send() waits for room instead of blocking a thread; message.timeout.ms bounds delivery' },
  'default.api.timeout.ms': { kind: 'drop', why: 'each call takes its own timeout' },
  'exclude.internal.topics': { kind: 'drop', why: 'librdkafka never matches internal topics unless they are named' },
  'auto.include.jmx.reporter': { kind: 'drop', why: 'JMX is Java-only; use statistics.interval.ms with stats_cb' },
  'metric.reporters': { kind: 'drop', why: 'Java metrics reporters do not apply; use statistics.interval.ms with stats_cb' },
  'metrics.num.samples': { kind: 'drop', why: 'Java metrics do not apply' },
  'metrics.sample.window.ms': { kind: 'drop', why: 'Java metrics do not apply' },
  'metrics.recording.level': { kind: 'drop', why: 'Java metrics do not apply' },
  'ssl.protocol': { kind: 'drop', why: 'librdkafka negotiates the highest TLS version OpenSSL offers' },
  'ssl.enabled.protocols': { kind: 'drop', why: 'librdkafka negotiates the highest TLS version OpenSSL offers' },
  'ssl.keymanager.algorithm': { kind: 'drop', why: 'a Java JSSE setting' },
  'ssl.trustmanager.algorithm': { kind: 'drop', why: 'a Java JSSE setting' },
  'ssl.secure.random.implementation': { kind: 'drop', why: 'a Java JSSE setting' },
  'security.providers': { kind: 'drop', why: 'a Java security setting' },
  'sasl.login.refresh.window.factor': { kind: 'drop', why: 'librdkafka schedules token refresh itself' },
  'sasl.login.refresh.window.jitter': { kind: 'drop', why: 'librdkafka schedules token refresh itself' },
  'sasl.login.refresh.min.period.seconds': { kind: 'drop', why: 'librdkafka schedules token refresh itself' },
  'sasl.login.refresh.buffer.seconds': { kind: 'drop', why: 'librdkafka schedules token refresh itself' },
  'sasl.login.connect.timeout.ms': { kind: 'drop', why: 'a Java OAuth login setting' },
  'sasl.login.read.timeout.ms': { kind: 'drop', why: 'a Java OAuth login setting' },
  'sasl.login.retry.backoff.ms': { kind: 'drop', why: 'a Java OAuth login setting' },
  'sasl.login.retry.backoff.max.ms': { kind: 'drop', why: 'a Java OAuth login setting' },
  'sasl.oauthbearer.scope.claim.name': { kind: 'drop', why: 'a Java token validation setting' },
  'sasl.oauthbearer.sub.claim.name': { kind: 'drop', why: 'a Java token validation setting' },
  'sasl.kerberos.ticket.renew.window.factor': { kind: 'drop', why: 'librdkafka renews with sasl.kerberos.kinit.cmd every sasl.kerberos.min.time.before.relogin' },
  'sasl.kerberos.ticket.renew.jitter': { kind: 'drop', why: 'librdkafka renews with sasl.kerberos.kinit.cmd every sasl.kerberos.min.time.before.relogin' },
  'sasl.kerberos.min.time.before.relogin.ms': { kind: 'rename', to: 'sasl.kerberos.min.time.before.relogin' },
  'sasl.login.callback.handler.class': { kind: 'error', why: 'names a Java class', fix: 'pass a token refresh function as oauth_cb, or set sasl.oauthbearer.method=oidc with client id, secret and token endpoint' },
  'sasl.client.callback.handler.class': { kind: 'error', why: 'names a Java class', fix: 'set sasl.username and sasl.password (or oauth_cb for OAUTHBEARER)' },
  'sasl.login.class': { kind: 'error', why: 'names a Java class', fix: 'remove it; librdkafka logs in by itself' },
  'partitioner.class': { kind: 'error', why: 'names a Java class', fix: 'set partitioner instead: murmur2_random matches the Java default partitioner' },
  'interceptor.classes': { kind: 'error', why: 'names Java classes; there are no client interceptors here', fix: 'remove it, and wrap send()/poll() in your code instead' },
  'ssl.engine.factory.class': { kind: 'error', why: 'names a Java class', fix: 'remove it; librdkafka uses OpenSSL (see ssl.providers)' },
  'schema.registry.url': registry('SchemaRegistryClient({url})'),
  'basic.auth.credentials.source': registry('SchemaRegistryClient'),
  'basic.auth.user.info': registry("SchemaRegistryClient({'basic.auth.user.info'})"),
  'schema.registry.basic.auth.user.info': registry("SchemaRegistryClient({'basic.auth.user.info'})"),
  'bearer.auth.credentials.source': registry('SchemaRegistryClient'),
  'bearer.auth.token': registry('SchemaRegistryClient'),
  'auto.register.schemas': registry("AvroSerializer(registry, schema, {'auto.register.schemas'})"),
  'use.latest.version': registry("AvroSerializer(registry, schema, {'use.latest.version'})"),
  'normalize.schemas': registry('AvroSerializer(registry, schema, {...})'),
  'specific.avro.reader': registry('AvroDeserializer(registry, {fromDict})'),
  'key.subject.name.strategy': registry("AvroSerializer(registry, schema, {'subject.name.strategy'})"),
  'value.subject.name.strategy': registry("AvroSerializer(registry, schema, {'subject.name.strategy'})"),
};

/** The four serde keys simple-kafka accepts (objects, not Java class names). */
export const SERDE_KEYS = ['key.serializer', 'value.serializer', 'key.deserializer', 'value.deserializer'] as const;

const SERDE_CLASSES: Readonly<Record<string, string>> = {
  StringSerializer: 'new StringSerializer()',
  StringDeserializer: 'new StringDeserializer()',
  IntegerSerializer: 'new IntegerSerializer()',
  IntegerDeserializer: 'new IntegerDeserializer()',
  DoubleSerializer: 'new DoubleSerializer()',
  DoubleDeserializer: 'new DoubleDeserializer()',
  ByteArraySerializer: 'nothing: Buffers pass through unchanged, so remove the key',
  ByteArrayDeserializer: 'nothing: values arrive as Buffers, so remove the key',
  ByteBufferSerializer: 'nothing: Buffers pass through unchanged, so remove the key',
  ByteBufferDeserializer: 'nothing: values arrive as Buffers, so remove the key',
  BytesSerializer: 'nothing: Buffers pass through unchanged, so remove the key',
  BytesDeserializer: 'nothing: values arrive as Buffers, so remove the key',
  KafkaAvroSerializer: 'new AvroSerializer(registry, schema)',
  KafkaAvroDeserializer: 'new AvroDeserializer(registry)',
  KafkaJsonSerializer: 'new JsonSerializer()',
  KafkaJsonDeserializer: 'new JsonDeserializer()',
  KafkaJsonSchemaSerializer: 'new JsonSerializer()',
  KafkaJsonSchemaDeserializer: 'new JsonDeserializer()',
};

function issue(path: string, message: string, fix: string | undefined, severity: 'error' | 'warning', rule = 'java-key'): ConfigIssue {
  return { path, message, fix, severity, rule };
}

/** A Java serializer class name explained: what simple-kafka object to pass instead. */
export function explainSerdeClass(key: string, className: string): ConfigIssue {
  const simple = className.slice(className.lastIndexOf('.') + 1);
  const instead = SERDE_CLASSES[simple];
  const kind = key.endsWith('deserializer') ? 'deserializer' : 'serializer';
  return issue(
    key,
    `"${className}" is a Java class name; simple-kafka takes a ${kind} object here`,
    instead ? `pass ${instead}` : `pass an object with a ${kind === 'serializer' ? 'serialize(value, ctx)' : 'deserialize(bytes, ctx)'} method`,
    'error',
    'java-serde-class',
  );
}

const ASSIGNORS: Readonly<Record<string, string | undefined>> = {
  RangeAssignor: 'range',
  RoundRobinAssignor: 'roundrobin',
  CooperativeStickyAssignor: 'cooperative-sticky',
  StickyAssignor: undefined,
};

/** What a file holds, judged from its first 64 KiB: PEM (with a key and/or certificates), or something else. */
function pemKind(file: string): { pem: boolean; key: boolean; cert: boolean } {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(65536);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      const text = buf.subarray(0, n).toString('latin1');
      return { pem: text.includes('-----BEGIN '), key: /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text), cert: text.includes('-----BEGIN CERTIFICATE-----') };
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return { pem: false, key: false, cert: false };
  }
}

function has(config: Record<string, unknown>, name: string): string | undefined {
  return namesOf(name).find((n) => config[n] !== undefined && config[n] !== null);
}

/** Result of {@link translateJavaKeys}. */
export interface JavaTranslation {
  config: Record<string, unknown>;
  issues: ConfigIssue[];
}

/**
 * Rewrites the Java client keys of a configuration into librdkafka keys:
 * PEM trust and key stores, PKCS#12 key stores, renamed sizes and timeouts,
 * assignor class names, the Java way of disabling hostname verification.
 * Keys librdkafka has no use for are dropped with a warning; Java class names
 * are errors that say what to do instead. Explicit librdkafka keys win; a
 * conflicting value is reported naming both keys.
 */
export function translateJavaKeys(input: ConfigInput): JavaTranslation {
  const config: Record<string, unknown> = { ...input };
  const issues: ConfigIssue[] = [];
  const set = (from: string, to: string, value: unknown): void => {
    const existing = has(config, to);
    if (existing === undefined) config[to] = value;
    else if (String(config[existing]) !== String(value)) {
      issues.push(issue(`${from}, ${existing}`, `${from} (a Java key, meaning ${to}) and ${existing} are both set, to different values`, `keep only ${existing}`, 'error'));
    }
  };

  for (const [key, rule] of Object.entries(JAVA_KEYS)) {
    if (!(key in config)) continue;
    const value = config[key];
    delete config[key];
    if (value === undefined || value === null) continue;
    if (rule.kind === 'rename') set(key, rule.to, rule.convert ? rule.convert(value) : value);
    else if (rule.kind === 'drop') issues.push(issue(key, `is a Java client key with no librdkafka equivalent (${rule.why}); it is ignored`, 'remove it', 'warning'));
    else issues.push(issue(key, `${rule.why}`, rule.fix, 'error'));
  }

  // Trust store → CA.
  const tsType = typeof config['ssl.truststore.type'] === 'string' ? (config['ssl.truststore.type'] as string).trim().toUpperCase() : undefined;
  const tsLocation = config['ssl.truststore.location'];
  const tsCerts = config['ssl.truststore.certificates'];
  if (typeof tsLocation === 'string') {
    const type = tsType ?? (pemKind(tsLocation).pem ? 'PEM' : /\.(p12|pfx)$/i.test(tsLocation) ? 'PKCS12' : 'JKS');
    if (type === 'PEM') set('ssl.truststore.location', 'ssl.ca.location', tsLocation);
    else {
      const how =
        type === 'PKCS12'
          ? `openssl pkcs12 -in ${tsLocation} -nokeys -out ca.pem`
          : `keytool -exportcert -rfc -keystore ${tsLocation} -alias <ca alias> -file ca.pem`;
      issues.push(issue('ssl.truststore.location', `is a ${type} trust store; librdkafka reads CA certificates as PEM`, `convert it (${how}) and set ssl.ca.location to the PEM file`, 'error'));
    }
  }
  if (typeof tsCerts === 'string') set('ssl.truststore.certificates', 'ssl.ca.pem', tsCerts);
  delete config['ssl.truststore.location'];
  delete config['ssl.truststore.certificates'];
  delete config['ssl.truststore.type'];
  delete config['ssl.truststore.password'];

  // Key store: librdkafka's ssl.keystore.location is PKCS#12; Java's may be PEM or JKS.
  const ksType = typeof config['ssl.keystore.type'] === 'string' ? (config['ssl.keystore.type'] as string).trim().toUpperCase() : undefined;
  const ksLocation = config['ssl.keystore.location'];
  if (typeof ksLocation === 'string') {
    const kind = pemKind(ksLocation);
    const type = ksType ?? (kind.pem ? 'PEM' : 'PKCS12');
    if (type === 'PEM' && ksType === undefined && !(kind.key && kind.cert)) {
      issues.push(
        issue(
          'ssl.keystore.location',
          `points at a PEM file without both a private key and a certificate; librdkafka reads ssl.keystore.location as PKCS#12`,
          'set ssl.certificate.location and ssl.key.location instead (or ssl.keystore.type=PEM for one file holding key and certificate)',
          'error',
        ),
      );
      delete config['ssl.keystore.location'];
      delete config['ssl.keystore.password'];
    } else if (type === 'PEM') {
      delete config['ssl.keystore.location'];
      set('ssl.keystore.location', 'ssl.certificate.location', ksLocation);
      set('ssl.keystore.location', 'ssl.key.location', ksLocation);
      delete config['ssl.keystore.password'];
    } else if (type !== 'PKCS12') {
      issues.push(
        issue(
          'ssl.keystore.location',
          `is a ${type} key store; librdkafka reads PKCS#12 key stores or PEM files`,
          `convert it (keytool -importkeystore -srckeystore ${ksLocation} -destkeystore keystore.p12 -deststoretype PKCS12) and point ssl.keystore.location at the .p12 file`,
          'error',
        ),
      );
    }
  }
  if (config['ssl.keystore.certificate.chain'] !== undefined) {
    set('ssl.keystore.certificate.chain', 'ssl.certificate.pem', config['ssl.keystore.certificate.chain']);
    delete config['ssl.keystore.certificate.chain'];
  }
  if (config['ssl.keystore.key'] !== undefined) {
    set('ssl.keystore.key', 'ssl.key.pem', config['ssl.keystore.key']);
    delete config['ssl.keystore.key'];
  }
  delete config['ssl.keystore.type'];

  // Java disables hostname verification with an empty value.
  if (config['ssl.endpoint.identification.algorithm'] === '') config['ssl.endpoint.identification.algorithm'] = 'none';

  // Assignor class names → librdkafka names.
  const pas = config['partition.assignment.strategy'];
  if (typeof pas === 'string' && pas.includes('.')) {
    const names: string[] = [];
    for (const cls of pas.split(',').map((s) => s.trim()).filter(Boolean)) {
      const simple = cls.slice(cls.lastIndexOf('.') + 1);
      const mapped = Object.prototype.hasOwnProperty.call(ASSIGNORS, simple) ? ASSIGNORS[simple] : cls.includes('.') ? undefined : cls;
      if (mapped === undefined) {
        issues.push(issue('partition.assignment.strategy', `"${cls}" has no librdkafka equivalent`, 'use range, roundrobin or cooperative-sticky', 'error'));
      } else {
        names.push(mapped);
      }
    }
    config['partition.assignment.strategy'] = names.join(',');
  }

  return { config, issues };
}
