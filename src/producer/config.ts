/**
 * The producer's configuration: splits what the user wrote into librdkafka
 * properties (as strings) and the facade's own options and callbacks,
 * reporting every bad key, not just the first.
 *
 * @packageDocumentation
 */
import { validateConfig } from '../config/validate';
import { ConfigError, type ConfigIssue } from '../errors';
import type { SerializerLike } from '../serde/types';
import type { DeliveryCallback, OAuthBearerResult, ProducerLogger, ThrottleEvent } from './types';
import type { KafkaError } from '../errors';

/** librdkafka's default `queue.buffering.max.messages`. */
export const DEFAULT_QUEUE_MAX_MESSAGES = 100_000;

/** The facade's view of a producer configuration. */
export interface ResolvedProducerConfig {
  /** Every librdkafka property, stringified. */
  librdkafka: Record<string, string>;
  maxInFlight: number;
  mode: 'async' | 'sync';
  keySerializer?: SerializerLike<unknown>;
  valueSerializer?: SerializerLike<unknown>;
  errorCb?: (error: KafkaError) => void;
  statsCb?: (json: string) => void;
  throttleCb?: (event: ThrottleEvent) => void;
  oauthCb?: (config: string) => OAuthBearerResult | Promise<OAuthBearerResult>;
  onDelivery?: DeliveryCallback<unknown, unknown>;
  logger?: ProducerLogger;
  /** `transactional.id` is set. */
  transactional: boolean;
}

/** The producer facade's own options (not librdkafka properties), passed to validateConfig as `extraKeys`. */
export const PRODUCER_OPTION_KEYS: readonly string[] = ['maxInFlight', 'mode'];

const CALLBACK_KEYS = new Set(['error_cb', 'stats_cb', 'throttle_cb', 'oauth_cb', 'on_delivery']);
const OWN_KEYS = new Set(['maxInFlight', 'mode', 'key.serializer', 'value.serializer', 'logger', ...CALLBACK_KEYS]);

function stringify(key: string, value: unknown, issues: ConfigIssue[]): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        issues.push({ path: key, message: `must be a finite number, got ${value}`, severity: 'error' });
        return undefined;
      }
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'function':
      issues.push({
        path: key,
        message: 'is a function, but only error_cb, stats_cb, throttle_cb, oauth_cb, on_delivery and logger take functions',
        severity: 'error',
      });
      return undefined;
    default:
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
      issues.push({ path: key, message: `must be a string, number or boolean, got ${value === null ? 'null' : typeof value}`, severity: 'error' });
      return undefined;
  }
}

function isSerializer(v: unknown): boolean {
  return typeof v === 'function' || (typeof v === 'object' && v !== null && typeof (v as { serialize?: unknown }).serialize === 'function');
}

function isLogger(v: unknown): boolean {
  if (typeof v === 'function') return true;
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.log === 'function' || (typeof o.error === 'function' && typeof o.warn === 'function' && typeof o.info === 'function');
}

/**
 * Splits and checks a producer configuration.
 *
 * @remarks librdkafka itself checks the librdkafka properties when the
 * producer is created; this function checks the facade's own keys and the
 * value types.
 * @throws {@link ConfigError} listing every bad key.
 */
export function resolveProducerConfig(config: Readonly<Record<string, unknown>>): ResolvedProducerConfig {
  if (config === null || typeof config !== 'object') {
    throw new ConfigError([{ path: '', message: 'the producer configuration must be an object', severity: 'error' }]);
  }
  const issues: ConfigIssue[] = [];
  const librdkafka: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null) continue;
    if (OWN_KEYS.has(key)) continue;
    const s = stringify(key, value, issues);
    if (s !== undefined) librdkafka[key] = s;
  }

  const mode = (config.mode ?? 'async') as 'async' | 'sync';
  if (mode !== 'async' && mode !== 'sync') issues.push({ path: 'mode', message: `must be 'async' or 'sync', got ${JSON.stringify(mode)}`, severity: 'error' });

  const queueMax = Number(librdkafka['queue.buffering.max.messages'] ?? DEFAULT_QUEUE_MAX_MESSAGES);
  let maxInFlight = Number.isFinite(queueMax) && queueMax > 0 ? queueMax : DEFAULT_QUEUE_MAX_MESSAGES;
  if (config.maxInFlight !== undefined && config.maxInFlight !== null) {
    const m = config.maxInFlight;
    if (typeof m !== 'number' || !Number.isInteger(m) || m < 1) {
      issues.push({ path: 'maxInFlight', message: `must be an integer >= 1, got ${JSON.stringify(m)}`, severity: 'error' });
    } else {
      maxInFlight = m;
    }
  }
  if (mode === 'sync') {
    maxInFlight = 1;
    // Each message waits for the previous ack: do not also wait for a linger.
    if (librdkafka['linger.ms'] === undefined && librdkafka['queue.buffering.max.ms'] === undefined) librdkafka['linger.ms'] = '0';
  }

  for (const key of CALLBACK_KEYS) {
    const v = config[key];
    if (v !== undefined && v !== null && typeof v !== 'function') issues.push({ path: key, message: `must be a function, got ${typeof v}`, severity: 'error' });
  }
  for (const key of ['key.serializer', 'value.serializer']) {
    const v = config[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      issues.push({
        path: key,
        message: `is the Java class name ${JSON.stringify(v)}; give a serializer object or function (e.g. new StringSerializer())`,
        severity: 'error',
      });
    } else if (!isSerializer(v)) {
      issues.push({ path: key, message: 'must be a function (value, ctx) => Buffer | null or an object with serialize(value, ctx)', severity: 'error' });
    }
  }
  const logger = config.logger;
  if (logger !== undefined && logger !== null && !isLogger(logger)) {
    issues.push({ path: 'logger', message: 'must be a function (record) => void, an object with log(record), or a console-like object', severity: 'error' });
  }
  if (issues.length > 0) throw new ConfigError(issues);

  return {
    librdkafka,
    maxInFlight,
    mode,
    keySerializer: (config['key.serializer'] ?? undefined) as SerializerLike<unknown> | undefined,
    valueSerializer: (config['value.serializer'] ?? undefined) as SerializerLike<unknown> | undefined,
    errorCb: (config.error_cb ?? undefined) as ResolvedProducerConfig['errorCb'],
    statsCb: (config.stats_cb ?? undefined) as ResolvedProducerConfig['statsCb'],
    throttleCb: (config.throttle_cb ?? undefined) as ResolvedProducerConfig['throttleCb'],
    oauthCb: (config.oauth_cb ?? undefined) as ResolvedProducerConfig['oauthCb'],
    onDelivery: (config.on_delivery ?? undefined) as ResolvedProducerConfig['onDelivery'],
    logger: (logger ?? undefined) as ProducerLogger | undefined,
    transactional: librdkafka['transactional.id'] !== undefined && librdkafka['transactional.id'] !== '',
  };
}

/**
 * Validates a producer configuration with `validateConfig(config, {role: 'producer'})`
 * and the facade's own checks, then resolves it.
 *
 * @remarks Runs before any native handle exists. Java keys and
 * `sasl.jaas.config` are translated first (as for the consumer). When a key
 * is reported by both checks, the validator's issue (with its fix) is kept.
 * @throws {@link ConfigError} carrying every issue (errors and warnings) when any is an error.
 */
export function checkProducerConfig(config: Readonly<Record<string, unknown>>): ResolvedProducerConfig {
  if (config === null || typeof config !== 'object') return resolveProducerConfig(config);
  const validation = validateConfig(config, { role: 'producer', extraKeys: PRODUCER_OPTION_KEYS });
  let resolved: ResolvedProducerConfig | undefined;
  let own: readonly ConfigIssue[] = [];
  try {
    resolved = resolveProducerConfig(validation.normalized);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    own = err.issues;
  }
  if (validation.ok && resolved !== undefined) return resolved;
  const reported = new Set(validation.issues.filter((i) => i.severity === 'error').map((i) => i.path));
  throw new ConfigError([...validation.issues, ...own.filter((i) => !reported.has(i.path))]);
}
