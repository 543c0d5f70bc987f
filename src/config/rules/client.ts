/**
 * Client rules: required keys, librdkafka build features, consumer group
 * settings and the cross-field limits librdkafka checks when a client is
 * created (`rd_kafka_conf_finalize()`), reported here before connecting.
 *
 * @packageDocumentation
 */
import type { ConfigIssue } from '../../errors';
import { defineRule, issueMaker, listWords } from './rule';

const required = issueMaker('required-keys');
const feature = issueMaker('librdkafka-features');
const group = issueMaker('consumer-group');
const limits = issueMaker('client-limits');

/** Every client needs `bootstrap.servers`; a consumer needs `group.id`. */
export const requiredKeysRule = defineRule('required-keys', 'bootstrap.servers is set; consumers have a group.id', (view, options) => {
  const issues: ConfigIssue[] = [];
  const servers = view.str('metadata.broker.list');
  if (servers === undefined) {
    issues.push(required('error', 'bootstrap.servers', 'bootstrap.servers is not set, so the client has no broker to connect to', 'set bootstrap.servers to "host1:9092,host2:9092"'));
  } else {
    const bad = servers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !/^([A-Za-z_]+:\/\/)?(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+)(:\d{1,5})?$/.test(s));
    if (bad.length > 0) {
      issues.push(required('error', view.key('metadata.broker.list') ?? 'bootstrap.servers', `${listWords(bad.map((b) => JSON.stringify(b)))} ${bad.length === 1 ? 'is' : 'are'} not host:port`, 'write a comma-separated list such as "broker1:9092,broker2:9092"'));
    }
  }
  if (options.role === 'consumer' && view.str('group.id') === undefined) {
    issues.push(required('error', 'group.id', 'a consumer needs group.id (its consumer group, where its offsets are committed)', 'set group.id, e.g. "orders-service"'));
  }
  return issues;
});

const COMPRESSION_FEATURE: Readonly<Record<string, string>> = { gzip: 'gzip', snappy: 'snappy', lz4: 'lz4', zstd: 'zstd' };
const MECHANISM_FEATURE: Readonly<Record<string, string>> = { PLAIN: 'sasl_plain', 'SCRAM-SHA-256': 'sasl_scram', 'SCRAM-SHA-512': 'sasl_scram', OAUTHBEARER: 'sasl_oauthbearer' };

/** Compression codecs, TLS, SASL mechanisms and OIDC need librdkafka built with them (GSSAPI is the GSSAPI rule's). */
export const librdkafkaFeaturesRule = defineRule('librdkafka-features', 'compression codecs, SSL, SASL mechanisms and OIDC are in the built librdkafka (builtin.features)', (view, options) => {
  const features = options.features;
  if (!features) return [];
  const issues: ConfigIssue[] = [];
  const have = (f: string): boolean => features.includes(f);
  const built = `this librdkafka has ${features.join(', ')}`;
  for (const name of ['compression.codec']) {
    const key = view.key(name);
    const codec = view.str(name)?.toLowerCase();
    const needed = codec && COMPRESSION_FEATURE[codec];
    if (key && needed && !have(needed)) {
      issues.push(feature('error', key, `${key}=${codec} needs librdkafka built with ${needed}; ${built}`, `use a codec it has (${['gzip', 'snappy', 'lz4', 'zstd'].filter(have).join(', ') || 'none'})`));
    }
  }
  if (view.usesTls() && !have('ssl')) {
    issues.push(feature('error', view.key('security.protocol') ?? 'security.protocol', `security.protocol=${view.protocol().toUpperCase()} needs librdkafka built with OpenSSL; ${built}`, 'use a librdkafka built with ssl'));
  }
  const mech = view.mechanism();
  if (view.usesSasl() && mech && MECHANISM_FEATURE[mech] && !have(MECHANISM_FEATURE[mech])) {
    issues.push(feature('error', view.key('sasl.mechanism') ?? 'sasl.mechanism', `sasl.mechanism=${mech} needs librdkafka built with ${MECHANISM_FEATURE[mech]}; ${built}`, 'use another mechanism or a librdkafka built with it'));
  }
  const oidcMethod = mech === 'OAUTHBEARER' && view.str('sasl.oauthbearer.method')?.toLowerCase() === 'oidc';
  if (oidcMethod && !have('oidc')) {
    issues.push(
      feature('error', 'sasl.oauthbearer.method', `sasl.oauthbearer.method=oidc needs librdkafka built with OIDC support (libcurl); ${built}`, 'fetch tokens yourself in oauth_cb (call the token endpoint there), or use a librdkafka built with oidc'),
    );
  }
  if (!oidcMethod && !have('oidc')) {
    // Without libcurl librdkafka refuses every sasl.oauthbearer.* property but sasl.oauthbearer.config,
    // whatever its value, when the handle is created (a consumer's or admin's only at connect).
    // With sasl.oauthbearer.method=oidc the issue above already says it all.
    for (const key of Object.keys(view.config)) {
      if (!key.startsWith('sasl.oauthbearer.') || key === 'sasl.oauthbearer.config') continue;
      issues.push(feature('error', key, `${key} is an OAuth/OIDC property, which this librdkafka refuses: it was built without OIDC support (libcurl); ${built}`, 'remove it and fetch tokens yourself in oauth_cb, or use a librdkafka built with oidc'));
    }
  }
  const requested = view.str('builtin.features');
  if (requested !== undefined) {
    const missing = requested
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0 && !have(s));
    if (missing.length > 0) issues.push(feature('error', 'builtin.features', `builtin.features requires ${listWords(missing)}, which this librdkafka lacks; ${built}`, 'drop the requirement or use a librdkafka built with it'));
  }
  return issues;
});

/** Consumer group settings librdkafka rejects at creation. */
export const consumerGroupRule = defineRule('consumer-group', 'max.poll.interval.ms >= session.timeout.ms; group.protocol=consumer forbids client-side session/heartbeat/assignor keys; fetch sizes fit', (view, options) => {
  if (options.role !== undefined && options.role !== 'consumer') return [];
  const issues: ConfigIssue[] = [];
  const protocol = view.str('group.protocol')?.toLowerCase() ?? 'classic';
  if (protocol === 'consumer') {
    const fixes: Record<string, string> = {
      'session.timeout.ms': 'it is set on the broker (group.consumer.session.timeout.ms)',
      'heartbeat.interval.ms': 'it is set on the broker (group.consumer.heartbeat.interval.ms)',
      'partition.assignment.strategy': 'use group.remote.assignor instead',
      'group.protocol.type': 'remove it',
    };
    for (const [k, fix] of Object.entries(fixes)) {
      if (view.has(k)) issues.push(group('error', `${k}, group.protocol`, `${k} is not supported with group.protocol=consumer (KIP-848)`, fix));
    }
  } else if (view.has('max.poll.interval.ms') || view.has('session.timeout.ms')) {
    const poll = view.int('max.poll.interval.ms') ?? 300000;
    const session = view.int('session.timeout.ms') ?? 45000;
    if (poll < session) {
      issues.push(group('error', 'max.poll.interval.ms, session.timeout.ms', `max.poll.interval.ms (${poll}) must be at least session.timeout.ms (${session})`, 'raise max.poll.interval.ms or lower session.timeout.ms'));
    }
  }
  const fetchMax = view.int('fetch.max.bytes');
  const msgMax = view.int('message.max.bytes') ?? 1000000;
  if (view.has('fetch.max.bytes') && fetchMax !== undefined && fetchMax < msgMax) {
    issues.push(group('error', 'fetch.max.bytes, message.max.bytes', `fetch.max.bytes (${fetchMax}) must be at least message.max.bytes (${msgMax})`, 'raise fetch.max.bytes or lower message.max.bytes'));
  }
  const recv = view.int('receive.message.max.bytes');
  if (view.has('receive.message.max.bytes') && recv !== undefined) {
    const f = fetchMax ?? 52428800;
    if (f + 512 > recv) issues.push(group('error', 'receive.message.max.bytes, fetch.max.bytes', `receive.message.max.bytes (${recv}) must be at least fetch.max.bytes + 512 (${f + 512})`, 'raise receive.message.max.bytes or lower fetch.max.bytes'));
  }
  return issues;
});

/** Limits librdkafka checks for every client. */
export const clientLimitsRule = defineRule('client-limits', 'reconnect.backoff.max.ms >= reconnect.backoff.ms', (view) => {
  const issues: ConfigIssue[] = [];
  if (view.has('reconnect.backoff.ms') || view.has('reconnect.backoff.max.ms')) {
    const min = view.int('reconnect.backoff.ms') ?? 100;
    const max = view.int('reconnect.backoff.max.ms') ?? 10000;
    if (max < min) issues.push(limits('error', 'reconnect.backoff.max.ms, reconnect.backoff.ms', `reconnect.backoff.max.ms (${max}) must be at least reconnect.backoff.ms (${min})`, 'raise reconnect.backoff.max.ms or lower reconnect.backoff.ms'));
  }
  return issues;
});

/** Every client rule. */
export const CLIENT_RULES = [requiredKeysRule, librdkafkaFeaturesRule, consumerGroupRule, clientLimitsRule] as const;
