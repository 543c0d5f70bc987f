/**
 * Input checks and conversions between the {@link AdminClient} facade's types and the native
 * Admin API's (librdkafka enums as integers). Internal: not exported from the package barrel.
 *
 * @packageDocumentation
 */
import { KafkaClientError, TimeoutError } from '../errors';
import { adminErrorFromCode } from '../consumer/internal';
import type { RawAclBinding, RawAdminError, RawConfigEntry, RawNode } from './native';
import type {
  AclBinding,
  AclBindingFilter,
  AclOperation,
  AclPatternType,
  AclPermissionType,
  AclResourceType,
  AlterConfigOpType,
  ConfigAlteration,
  ConfigEntry,
  ConfigResource,
  ConfigResourceType,
  ConfigSource,
  ConsumerGroupState,
  ConsumerGroupType,
  NewTopic,
  NodeDescription,
} from './types';

const TIMED_OUT = -185;

/** A bad argument of an admin call: `ERR_INVALID_ARGUMENT`, the message starts with the call and the field. */
export function invalidArgument(call: string, path: string, message: string): KafkaClientError {
  return new KafkaClientError('ERR_INVALID_ARGUMENT', `${call}: ${path} ${message}`);
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

function checkArray(call: string, path: string, v: unknown, nonEmpty = true): asserts v is unknown[] {
  if (!Array.isArray(v)) throw invalidArgument(call, path, `must be an array, got ${show(v)}`);
  if (nonEmpty && v.length === 0) throw invalidArgument(call, path, 'must not be empty');
}

function checkObject(call: string, path: string, v: unknown): asserts v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidArgument(call, path, `must be an object, got ${show(v)}`);
}

function checkName(call: string, path: string, v: unknown): asserts v is string {
  if (typeof v !== 'string' || v.length === 0) throw invalidArgument(call, path, `must be a non-empty string, got ${show(v)}`);
}

/** Kafka's topic name rule: 1–249 characters of `[a-zA-Z0-9._-]`, not `.` or `..`. */
export function checkTopicName(call: string, path: string, v: unknown): asserts v is string {
  checkName(call, path, v);
  if (v.length > 249) throw invalidArgument(call, path, `is ${v.length} characters long (at most 249)`);
  if (v === '.' || v === '..') throw invalidArgument(call, path, `must not be ${JSON.stringify(v)}`);
  const bad = /[^a-zA-Z0-9._-]/.exec(v);
  if (bad) throw invalidArgument(call, path, `has the character ${JSON.stringify(bad[0])} at ${bad.index} (allowed: a-z A-Z 0-9 . _ -)`);
}

function checkCount(call: string, path: string, v: unknown): number {
  if (v === undefined) return -1;
  if (typeof v !== 'number' || !Number.isInteger(v) || (v < 1 && v !== -1) || v > 2 ** 31 - 1) {
    throw invalidArgument(call, path, `must be an integer >= 1 (or -1 for the broker default), got ${show(v)}`);
  }
  return v;
}

/** Checks a timeout option; returns it or the default. */
export function timeoutOf(call: string, options: { timeoutMs?: unknown } | undefined, fallback: number): number {
  const t = options?.timeoutMs;
  if (t === undefined) return fallback;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 1) throw invalidArgument(call, 'options.timeoutMs', `must be a number of milliseconds >= 1, got ${show(t)}`);
  return Math.min(Math.round(t), 2 ** 31 - 1);
}

function checkBooleanOption(call: string, path: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw invalidArgument(call, path, `must be a boolean, got ${show(v)}`);
  return v;
}

export { checkBooleanOption };

/** `createTopics` input as the native call wants it. */
export function toNativeTopics(topics: ReadonlyArray<NewTopic>): { topic: string; numPartitions: number; replicationFactor: number; config: string[] }[] {
  const call = 'createTopics';
  checkArray(call, 'topics', topics, false);
  return topics.map((t, i) => {
    const at = `topics[${i}]`;
    checkObject(call, at, t);
    checkTopicName(call, `${at}.topic`, t.topic);
    const numPartitions = checkCount(call, `${at}.numPartitions`, t.numPartitions);
    const replicationFactor = checkCount(call, `${at}.replicationFactor`, t.replicationFactor);
    const config: string[] = [];
    if (t.config !== undefined) {
      checkObject(call, `${at}.config`, t.config);
      for (const [k, v] of Object.entries(t.config)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          throw invalidArgument(call, `${at}.config[${JSON.stringify(k)}]`, `must be a string, number or boolean, got ${show(v)}`);
        }
        config.push(k, String(v));
      }
    }
    return { topic: t.topic, numPartitions, replicationFactor, config };
  });
}

/** Checks a list of group ids. */
export function checkGroupIds(call: string, groups: ReadonlyArray<string>): string[] {
  checkArray(call, 'groups', groups);
  groups.forEach((g, i) => checkName(call, `groups[${i}]`, g));
  return [...groups];
}

/** Checks a list of partitions ({topic, partition}); returns copies of just those fields. */
export function checkPartitions(call: string, path: string, list: ReadonlyArray<{ topic: string; partition: number }>): { topic: string; partition: number }[] {
  checkArray(call, path, list, false);
  return list.map((tp, i) => {
    checkObject(call, `${path}[${i}]`, tp);
    checkTopicName(call, `${path}[${i}].topic`, tp.topic);
    if (!Number.isInteger(tp.partition) || tp.partition < 0) throw invalidArgument(call, `${path}[${i}].partition`, `must be an integer >= 0, got ${show(tp.partition)}`);
    return { topic: tp.topic, partition: tp.partition };
  });
}

// ------------------------------------------------------------------ enums

const GROUP_STATES: ConsumerGroupState[] = ['Unknown', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead', 'Empty'];

/** `listGroups` states as librdkafka codes (duplicates removed). */
export function toNativeStates(states: ReadonlyArray<ConsumerGroupState> | undefined): number[] | null {
  if (states === undefined) return null;
  checkArray('listGroups', 'options.states', states);
  const out = new Set<number>();
  states.forEach((s, i) => {
    const code = GROUP_STATES.indexOf(s);
    if (code < 0) throw invalidArgument('listGroups', `options.states[${i}]`, `must be one of ${GROUP_STATES.join(', ')}, got ${show(s)}`);
    out.add(code);
  });
  return [...out];
}

/** librdkafka's state name as ours. */
export function groupState(name: string | null): ConsumerGroupState {
  return GROUP_STATES.includes(name as ConsumerGroupState) ? (name as ConsumerGroupState) : 'Unknown';
}

/** librdkafka's group type name as ours. */
export function groupType(name: string | null): ConsumerGroupType {
  return name === 'Consumer' || name === 'Classic' ? name : 'Unknown';
}

const CONFIG_TYPES: Record<ConfigResourceType, number> = { TOPIC: 2, GROUP: 3, BROKER: 4 };
const CONFIG_TYPE_NAMES = new Map(Object.entries(CONFIG_TYPES).map(([k, v]) => [v, k as ConfigResourceType]));
const CONFIG_SOURCES: ConfigSource[] = [
  'UNKNOWN_CONFIG',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
  'CLIENT_METRICS_CONFIG',
  'GROUP_CONFIG',
];
const ALTER_OPS: Record<AlterConfigOpType, number> = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 };

function configResource(call: string, at: string, r: unknown): { type: number; name: string } {
  checkObject(call, at, r);
  const type = CONFIG_TYPES[r.type as ConfigResourceType];
  if (type === undefined) throw invalidArgument(call, `${at}.type`, `must be one of ${Object.keys(CONFIG_TYPES).join(', ')}, got ${show(r.type)}`);
  checkName(call, `${at}.name`, r.name);
  if (r.type === 'BROKER' && !/^\d+$/.test(r.name)) throw invalidArgument(call, `${at}.name`, `must be a broker id such as "1" for a BROKER resource, got ${show(r.name)}`);
  if (r.type === 'TOPIC') checkTopicName(call, `${at}.name`, r.name);
  return { type, name: r.name };
}

/** `describeConfigs` input as the native call wants it. */
export function toNativeConfigResources(resources: ReadonlyArray<ConfigResource>): { type: number; name: string }[] {
  checkArray('describeConfigs', 'resources', resources);
  return resources.map((r, i) => configResource('describeConfigs', `resources[${i}]`, r));
}

/** `incrementalAlterConfigs` input as the native call wants it. */
export function toNativeAlterations(alterations: ReadonlyArray<ConfigAlteration>): { type: number; name: string; ops: { name: string; op: number; value: string | null }[] }[] {
  const call = 'incrementalAlterConfigs';
  checkArray(call, 'resources', alterations);
  return alterations.map((a, i) => {
    const at = `resources[${i}]`;
    const res = configResource(call, at, a);
    checkArray(call, `${at}.changes`, a.changes);
    const ops = a.changes.map((c, j) => {
      const cat = `${at}.changes[${j}]`;
      checkObject(call, cat, c);
      checkName(call, `${cat}.name`, c.name);
      const op = ALTER_OPS[c.op];
      if (op === undefined) throw invalidArgument(call, `${cat}.op`, `must be one of ${Object.keys(ALTER_OPS).join(', ')}, got ${show(c.op)}`);
      let value: string | null = null;
      if (c.op === 'DELETE') {
        if (c.value !== undefined) throw invalidArgument(call, `${cat}.value`, 'must be left out for DELETE');
      } else {
        if (typeof c.value !== 'string' && typeof c.value !== 'number' && typeof c.value !== 'boolean') {
          throw invalidArgument(call, `${cat}.value`, `must be a string, number or boolean for ${c.op}, got ${show(c.value)}`);
        }
        value = String(c.value);
      }
      return { name: c.name, op, value };
    });
    return { ...res, ops };
  });
}

/** A described config entry as ours. */
export function toConfigEntry(e: RawConfigEntry): ConfigEntry {
  return {
    name: e.name,
    value: e.value,
    source: CONFIG_SOURCES[e.source] ?? 'UNKNOWN_CONFIG',
    isReadOnly: e.isReadOnly,
    isDefault: e.isDefault,
    isSensitive: e.isSensitive,
    synonyms: e.synonyms.map((s) => ({ name: s.name, value: s.value, source: CONFIG_SOURCES[s.source] ?? 'UNKNOWN_CONFIG' })),
  };
}

/** librdkafka's resource type code as ours. */
export function configResourceType(code: number): ConfigResourceType {
  return CONFIG_TYPE_NAMES.get(code) ?? 'TOPIC';
}

const ACL_RESOURCE: Record<AclResourceType, number> = { ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5 };
const ACL_PATTERN: Record<AclPatternType, number> = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 };
const ACL_OPERATION: Record<AclOperation, number> = {
  UNKNOWN: 0,
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
};
const ACL_PERMISSION: Record<AclPermissionType, number> = { ANY: 1, DENY: 2, ALLOW: 3 };

function reverse<K extends string>(table: Record<K, number>): Map<number, K> {
  return new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
}
const ACL_RESOURCE_NAMES = reverse(ACL_RESOURCE);
const ACL_PATTERN_NAMES = reverse(ACL_PATTERN);
const ACL_OPERATION_NAMES = reverse(ACL_OPERATION);
const ACL_PERMISSION_NAMES = reverse(ACL_PERMISSION);

/** librdkafka operation codes as ours. */
export function aclOperations(codes: number[] | null | undefined): AclOperation[] | undefined {
  return codes ? codes.map((c) => ACL_OPERATION_NAMES.get(c) ?? 'UNKNOWN') : undefined;
}

function enumField<K extends string>(call: string, path: string, v: unknown, table: Record<K, number>, allowed: readonly K[]): number {
  if (typeof v !== 'string' || !allowed.includes(v as K)) throw invalidArgument(call, path, `must be one of ${allowed.join(', ')}, got ${show(v)}`);
  return table[v as K];
}

/** An ACL binding as the native call wants it. */
export function toNativeBinding(call: string, at: string, b: AclBinding): RawAclBinding {
  checkObject(call, at, b);
  const resourceType = enumField(call, `${at}.resourceType`, b.resourceType, ACL_RESOURCE, ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID']);
  const patternType = enumField(call, `${at}.patternType`, b.patternType, ACL_PATTERN, ['LITERAL', 'PREFIXED']);
  checkName(call, `${at}.name`, b.name);
  if (b.resourceType === 'CLUSTER' && b.name !== 'kafka-cluster') throw invalidArgument(call, `${at}.name`, `must be "kafka-cluster" for a CLUSTER resource, got ${show(b.name)}`);
  checkPrincipal(call, `${at}.principal`, b.principal, false);
  checkName(call, `${at}.host`, b.host);
  const operation = enumField(call, `${at}.operation`, b.operation, ACL_OPERATION, Object.keys(ACL_OPERATION).filter((k) => k !== 'ANY' && k !== 'UNKNOWN') as AclOperation[]);
  const permissionType = enumField(call, `${at}.permissionType`, b.permissionType, ACL_PERMISSION, ['ALLOW', 'DENY']);
  return { resourceType, name: b.name, patternType, principal: b.principal, host: b.host, operation, permissionType };
}

function checkPrincipal(call: string, path: string, v: unknown, nullable: boolean): void {
  if (nullable && (v === undefined || v === null)) return;
  checkName(call, path, v);
  if (!/^[^:]+:.+$/.test(v)) throw invalidArgument(call, path, `must be "Type:name", e.g. "User:alice", got ${show(v)}`);
}

function optionalString(call: string, path: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  checkName(call, path, v);
  return v;
}

/** An ACL filter as the native call wants it. */
export function toNativeFilter(call: string, at: string, f: AclBindingFilter): RawAclBinding {
  checkObject(call, at, f);
  const resourceType = enumField(call, `${at}.resourceType`, f.resourceType, ACL_RESOURCE, Object.keys(ACL_RESOURCE) as AclResourceType[]);
  const patternType = enumField(call, `${at}.patternType`, f.patternType, ACL_PATTERN, Object.keys(ACL_PATTERN) as AclPatternType[]);
  const name = optionalString(call, `${at}.name`, f.name);
  checkPrincipal(call, `${at}.principal`, f.principal, true);
  const principal = optionalString(call, `${at}.principal`, f.principal);
  const host = optionalString(call, `${at}.host`, f.host);
  const operation = enumField(call, `${at}.operation`, f.operation, ACL_OPERATION, Object.keys(ACL_OPERATION).filter((k) => k !== 'UNKNOWN') as AclOperation[]);
  const permissionType = enumField(call, `${at}.permissionType`, f.permissionType, ACL_PERMISSION, Object.keys(ACL_PERMISSION) as AclPermissionType[]);
  return { resourceType, name, patternType, principal, host, operation, permissionType };
}

/** A binding from the broker as ours. */
export function fromNativeBinding(b: RawAclBinding): AclBinding {
  return {
    resourceType: (ACL_RESOURCE_NAMES.get(b.resourceType) ?? 'TOPIC') as AclBinding['resourceType'],
    name: b.name ?? '',
    patternType: (ACL_PATTERN_NAMES.get(b.patternType) ?? 'LITERAL') as AclBinding['patternType'],
    principal: b.principal ?? '',
    host: b.host ?? '',
    operation: (ACL_OPERATION_NAMES.get(b.operation) ?? 'ALL') as AclBinding['operation'],
    permissionType: (ACL_PERMISSION_NAMES.get(b.permissionType) ?? 'ALLOW') as AclBinding['permissionType'],
  };
}

// ------------------------------------------------------------------ results

/** A broker node as ours. */
export function toNode(n: RawNode): NodeDescription {
  return { id: n.id, host: n.host, port: n.port, rack: n.rack };
}

/**
 * An error of the native Admin API as our hierarchy: {@link TimeoutError} for `_TIMED_OUT`,
 * {@link AuthorizationError} for `*_AUTHORIZATION_FAILED`, else a `KafkaError` with librdkafka's
 * code and name. The message names `context` and keeps the broker's own text.
 */
export function toAdminError(raw: RawAdminError, context: string): KafkaClientError {
  const err = adminErrorFromCode(raw.errno, raw.message ? `${context}: ${raw.message}` : context);
  if (raw.errno === TIMED_OUT) return new TimeoutError(err.message, { cause: err });
  return err;
}

/** `toAdminError` of a nullable error. */
export function toAdminErrorOrNull(raw: RawAdminError | null | undefined, context: string): KafkaClientError | null {
  return raw ? toAdminError(raw, context) : null;
}
