/**
 * `validateConfig`: every issue of a client configuration at once, each with
 * its key, what is wrong and how to fix it.
 *
 * @packageDocumentation
 */
import { ConfigError, type ConfigIssue } from '../errors';
import { nodeRdkafka } from '../native';
import type { ConfigPropertySpec } from './generated';
import { translateJaas } from './jaas';
import { explainSerdeClass, SERDE_KEYS, translateJavaKeys } from './java';
import { CLIENT_RULES } from './rules/client';
import { DELIVERY_RULES } from './rules/delivery';
import type { ConfigRule, RuleOptions } from './rules/rule';
import { SECURITY_RULES, jaasConfigRule } from './rules/security';
import { appliesTo, canonicalName, checkValue, librdkafkaKeys, namesOf, propertySpec } from './schema';
import { isSecretKey, redact, secretValues } from './secrets';
import { suggestKeys } from './suggest';
import type { ClientRole, ConfigInput, ValidateOptions, ValidationResult } from './types';

/** Every rule validateConfig runs after the per-key checks, in order. */
export const CONFIG_RULES: readonly ConfigRule[] = [...CLIENT_RULES, ...SECURITY_RULES.filter((r) => r !== jaasConfigRule), ...DELIVERY_RULES];

type CallbackKind = 'function' | 'function-or-boolean' | 'logger' | 'any';

interface CallbackKey {
  role: ClientRole | 'both';
  accepts: CallbackKind;
  what: string;
}

/** Function-valued keys: Python `confluent_kafka`'s and librdkafka's callbacks that JavaScript can set. */
export const CALLBACK_KEYS: Readonly<Record<string, CallbackKey>> = {
  error_cb: { role: 'both', accepts: 'function', what: 'error callback' },
  stats_cb: { role: 'both', accepts: 'function', what: 'statistics callback' },
  throttle_cb: { role: 'both', accepts: 'function', what: 'throttle callback' },
  log_cb: { role: 'both', accepts: 'function', what: 'log callback' },
  oauth_cb: { role: 'both', accepts: 'function', what: 'OAUTHBEARER token refresh callback' },
  oauthbearer_token_refresh_cb: { role: 'both', accepts: 'function', what: 'OAUTHBEARER token refresh callback' },
  logger: { role: 'both', accepts: 'logger', what: 'logger' },
  on_delivery: { role: 'producer', accepts: 'function', what: 'delivery report callback' },
  dr_cb: { role: 'producer', accepts: 'function-or-boolean', what: 'delivery report callback' },
  dr_msg_cb: { role: 'producer', accepts: 'function-or-boolean', what: 'delivery report callback' },
  on_commit: { role: 'consumer', accepts: 'function', what: 'commit callback' },
  offset_commit_cb: { role: 'consumer', accepts: 'function-or-boolean', what: 'commit callback' },
  rebalance_cb: { role: 'consumer', accepts: 'function-or-boolean', what: 'rebalance callback' },
  opaque: { role: 'both', accepts: 'any', what: 'opaque value' },
};

/** KafkaJS option names, for "did you mean". */
const KAFKAJS_HINTS: Readonly<Record<string, { to: string; fix: string }>> = {
  brokers: { to: 'bootstrap.servers', fix: 'set bootstrap.servers to a comma-separated "host:port" string' },
  ssl: { to: 'security.protocol', fix: 'set security.protocol=SSL (or SASL_SSL) and ssl.ca.location / ssl.certificate.location / ssl.key.location' },
  sasl: { to: 'sasl.mechanism', fix: 'set security.protocol=SASL_SSL, sasl.mechanism, sasl.username and sasl.password as separate keys' },
  connectionTimeout: { to: 'socket.connection.setup.timeout.ms', fix: 'use socket.connection.setup.timeout.ms' },
  requestTimeout: { to: 'socket.timeout.ms', fix: 'use socket.timeout.ms' },
  idempotent: { to: 'enable.idempotence', fix: 'use enable.idempotence' },
  transactionalId: { to: 'transactional.id', fix: 'use transactional.id' },
  maxInFlightRequests: { to: 'max.in.flight.requests.per.connection', fix: 'use max.in.flight.requests.per.connection' },
};

/** Pointer properties only librdkafka's C API can set. */
const C_API_ONLY_FIX: Readonly<Record<string, string>> = {
  ssl_key: 'use ssl.key.pem or ssl.key.location',
  ssl_certificate: 'use ssl.certificate.pem or ssl.certificate.location',
  ssl_ca: 'use ssl.ca.pem or ssl.ca.location',
};

/**
 * String properties whose values librdkafka checks when the client or topic is
 * created (listed in their CONFIGURATION.md descriptions, not in its Range column).
 */
const STRING_VALUES: Readonly<Record<string, { values: readonly string[]; list: boolean }>> = {
  partitioner: { values: ['random', 'consistent', 'consistent_random', 'murmur2', 'murmur2_random', 'fnv1a', 'fnv1a_random'], list: false },
  'partition.assignment.strategy': { values: ['range', 'roundrobin', 'cooperative-sticky'], list: true },
};

function checkStringValues(key: string, value: unknown): ConfigIssue[] {
  const known = STRING_VALUES[key];
  if (!known || typeof value !== 'string') return [];
  const items = known.list ? value.split(',').map((v) => v.trim()).filter(Boolean) : [value.trim()];
  const bad = items.filter((v) => !known.values.includes(v));
  if (bad.length > 0) {
    const fix = key === 'partitioner' ? 'use murmur2_random to place keys as the Java client does, or consistent_random (librdkafka\'s default)' : `use ${known.values.join(', ')}`;
    return [mk('value-enum', 'error', key, `${key} lists ${bad.map((b) => JSON.stringify(b)).join(', ')}, not among ${known.values.join(', ')}`, fix)];
  }
  if (key === 'partition.assignment.strategy' && items.includes('cooperative-sticky') && items.length > 1) {
    return [mk('value-enum', 'error', key, `${key} mixes cooperative-sticky with eager strategies (${items.filter((i) => i !== 'cooperative-sticky').join(', ')}), which librdkafka does not allow`, 'use cooperative-sticky alone, or only eager strategies')];
  }
  return [];
}

/** Keys a rule checks more precisely than the generic value check. */
const RULE_OWNED = new Set(['security.protocol', 'sasl.mechanism', 'sasl.mechanisms']);

function mk(rule: string, severity: 'error' | 'warning', path: string, message: string, fix?: string): ConfigIssue {
  return fix === undefined ? { path, message, severity, rule } : { path, message, fix, severity, rule };
}

function deprecationNote(spec: ConfigPropertySpec): string {
  const after = spec.description.split('**DEPRECATED**').pop() ?? '';
  const first = after.replace(/\*\*[^*]+\*\*/g, '').trim().split(/(?<=\.)\s/)[0]?.trim();
  return first ? ` (${first.replace(/\.$/, '')})` : '';
}

function roleIssue(key: string, keyRole: 'producer' | 'consumer', role: ClientRole): ConfigIssue {
  if (role === 'admin') {
    return mk('role', 'warning', key, `${key} is a ${keyRole} property; an admin client ignores it`, 'remove it from the admin configuration');
  }
  return mk('role', 'error', key, `${key} is a ${keyRole}-only property, set on a ${role}; librdkafka would ignore it`, `remove it, or move it to the ${keyRole} configuration`);
}

function checkCallback(key: string, value: unknown, spec: CallbackKey, role: ClientRole): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ok =
    spec.accepts === 'any' ||
    typeof value === 'function' ||
    (spec.accepts === 'function-or-boolean' && typeof value === 'boolean') ||
    (spec.accepts === 'logger' && typeof value === 'object' && value !== null && ['log', 'info', 'warn', 'error', 'debug'].some((m) => typeof (value as Record<string, unknown>)[m] === 'function'));
  if (!ok) {
    const expected = spec.accepts === 'logger' ? 'a function or an object with log/info/warn/error methods' : spec.accepts === 'function-or-boolean' ? 'a function (or true/false)' : 'a function';
    issues.push(mk('callback', 'error', key, `${key} is the ${spec.what} and must be ${expected}, got ${typeof value === 'string' ? 'a string' : typeof value}`, `pass ${expected}`));
  }
  if (spec.role !== 'both' && spec.role !== role) issues.push(roleIssue(key, spec.role as 'producer' | 'consumer', role));
  return issues;
}

function checkSerde(key: string, value: unknown, role: ClientRole): ConfigIssue[] {
  if (typeof value === 'string') return [explainSerdeClass(key, value)];
  const isSerializer = key.endsWith('.serializer');
  const method = isSerializer ? 'serialize' : 'deserialize';
  const issues: ConfigIssue[] = [];
  const ok = typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function');
  if (!ok) issues.push(mk('serde', 'error', key, `${key} must be a ${isSerializer ? 'serializer' : 'deserializer'} (an object with a ${method}() method, or a function)`, `pass e.g. new String${isSerializer ? 'Serializer' : 'Deserializer'}()`));
  const wants: ClientRole = isSerializer ? 'producer' : 'consumer';
  if (role !== wants) {
    const twin = isSerializer ? key.replace('.serializer', '.deserializer') : key.replace('.deserializer', '.serializer');
    issues.push(
      role === 'admin'
        ? mk('role', 'warning', key, `${key} is used by ${wants}s; an admin client ignores it`, 'remove it')
        : mk('role', 'error', key, `${key} is used by ${wants}s, not by a ${role}`, `did you mean ${twin}?`),
    );
  }
  return issues;
}

function unknownKeyIssue(key: string, known: readonly string[]): ConfigIssue {
  const kafkajs = KAFKAJS_HINTS[key];
  if (kafkajs) return mk('unknown-key', 'error', key, `${key} is a KafkaJS option, not a librdkafka property`, `did you mean ${kafkajs.to}? ${kafkajs.fix}`);
  const suggestions = suggestKeys(key, known);
  const fix = suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : 'see librdkafka CONFIGURATION.md for the property names';
  return mk('unknown-key', 'error', key, `${key} is not a librdkafka property`, fix);
}

function checkKeys(config: Record<string, unknown>, role: ClientRole, extraKeys: readonly string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = [...librdkafkaKeys(), ...Object.keys(CALLBACK_KEYS), ...SERDE_KEYS, 'sasl.jaas.config', ...extraKeys];
  for (const [key, value] of Object.entries(config)) {
    if (extraKeys.includes(key)) continue;
    if ((SERDE_KEYS as readonly string[]).includes(key)) {
      issues.push(...checkSerde(key, value, role));
      continue;
    }
    const callback = CALLBACK_KEYS[key];
    if (callback) {
      issues.push(...checkCallback(key, value, callback, role));
      continue;
    }
    const spec = propertySpec(key);
    if (!spec) {
      issues.push(unknownKeyIssue(key, known));
      continue;
    }
    if (spec.type === 'pointer') {
      issues.push(mk('c-api-only', 'error', key, `${key} can only be set through librdkafka's C API, not from JavaScript`, C_API_ONLY_FIX[key] ?? 'remove it'));
      continue;
    }
    if (!RULE_OWNED.has(key)) {
      const problem = checkValue(spec, value, isSecretKey(key));
      if (problem) issues.push(mk(`value-${problem.kind}`, 'error', key, `${key} ${problem.message}`, problem.fix));
      else issues.push(...checkStringValues(key, value));
    }
    if (spec.role !== 'both' && !appliesTo(spec, role)) issues.push(roleIssue(key, spec.role, role));
    if (spec.deprecated) {
      const replacement = spec.aliasOf && !propertySpec(spec.aliasOf)?.deprecated ? spec.aliasOf : undefined;
      issues.push(mk('deprecated', 'warning', key, `${key} is deprecated in librdkafka${deprecationNote(spec)}`, replacement ? `use ${replacement}` : 'remove it'));
    }
  }
  // Aliases set to different values: librdkafka keeps the last one set.
  const seen = new Set<string>();
  for (const key of Object.keys(config)) {
    const spec = propertySpec(key);
    if (!spec) continue;
    const canonical = canonicalName(key);
    if (seen.has(canonical)) continue;
    seen.add(canonical);
    const set = namesOf(key).filter((n) => config[n] !== undefined);
    const values = new Set(set.map((n) => String(config[n]).trim().toLowerCase()));
    if (set.length > 1 && values.size > 1 && canonical !== 'sasl.mechanisms') {
      const last = Object.keys(config).filter((k) => set.includes(k)).pop();
      issues.push(mk('alias-conflict', 'warning', set.join(', '), `${listOf(set)} are the same setting with different values; librdkafka uses the last one set (${last})`, 'keep only one of them'));
    }
  }
  return issues;
}

function listOf(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

let defaultFeatures: readonly string[] | null | undefined;

/** librdkafka's builtin features as node-rdkafka reports them, or undefined when it cannot be loaded. */
export function librdkafkaBuiltinFeatures(): readonly string[] | undefined {
  if (defaultFeatures === undefined) {
    try {
      const f = (nodeRdkafka() as unknown as { features?: unknown }).features;
      defaultFeatures = Array.isArray(f) ? f.map(String) : null;
    } catch {
      defaultFeatures = null;
    }
  }
  return defaultFeatures ?? undefined;
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.severity}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Validates a client configuration and returns every issue at once.
 *
 * @remarks
 * Checks, in order: each key (unknown keys with "did you mean", types, ranges
 * and enums as librdkafka parses them — `"true"` and `"100"` included —,
 * producer-only keys on a consumer and the reverse, deprecated keys, Java
 * keys and serializer class names, callbacks), then the cross-field rules
 * (required keys, librdkafka features, security, delivery guarantees). Java
 * keys and `sasl.jaas.config` are translated into librdkafka keys in
 * `normalized`. No message contains a secret value. Synchronous; reads the
 * certificate and key files the configuration names (see `checkFiles`).
 */
export function validateConfig(config: ConfigInput, options: ValidateOptions): ValidationResult {
  const role = options.role;
  const extraKeys = options.extraKeys ?? [];
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) if (v !== undefined && v !== null) cleaned[k] = v;

  const java = translateJavaKeys(cleaned);
  const jaas = translateJaas(java.config);
  const normalized = jaas.config;
  const mech = normalized['sasl.mechanism'] ?? normalized['sasl.mechanisms'];
  for (const k of ['sasl.mechanism', 'sasl.mechanisms']) {
    const v = normalized[k];
    if (typeof v === 'string' && v !== v.trim().toUpperCase() && typeof mech === 'string') normalized[k] = v.trim().toUpperCase();
  }

  const ruleOptions: RuleOptions = { role, features: options.features ?? librdkafkaBuiltinFeatures(), now: options.now, checkFiles: options.checkFiles };
  const issues: ConfigIssue[] = [...java.issues, ...jaas.issues, ...checkKeys(normalized, role, extraKeys)];
  for (const rule of CONFIG_RULES) issues.push(...rule(normalized, ruleOptions));

  const secrets = [...new Set([...secretValues(cleaned), ...secretValues(normalized)])].sort((a, b) => b.length - a.length);
  const safe = dedupe(issues).map((i) => {
    const message = redact(i.message, secrets);
    const fix = i.fix === undefined ? undefined : redact(i.fix, secrets);
    return fix === undefined ? { ...i, message } : { ...i, message, fix };
  });
  return { issues: safe, normalized, ok: !safe.some((i) => i.severity === 'error') };
}

/**
 * Validates like {@link validateConfig} and throws when any issue is an error.
 * Client constructors call this.
 *
 * @returns the result (its issues are warnings only).
 * @throws {@link ConfigError} carrying every issue (errors and warnings) when there is an error.
 */
export function assertValidConfig(config: ConfigInput, options: ValidateOptions): ValidationResult {
  const result = validateConfig(config, options);
  if (!result.ok) throw new ConfigError(result.issues);
  return result;
}

/**
 * Issues as text for people, one block per issue:
 * ```
 * error   ssl.key.location, ssl.certificate.location
 *         ssl.key.location is set but ssl.certificate.location is not: …
 *         fix: set ssl.certificate.location to the client certificate, …
 * ```
 */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => [`${i.severity === 'error' ? 'error  ' : 'warning'} ${i.path}`, `        ${i.message}`, ...(i.fix ? [`        fix: ${i.fix}`] : [])].join('\n')).join('\n');
}
