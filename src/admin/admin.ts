/**
 * The AdminClient: topics, partitions, cluster, offsets, consumer groups and their offsets,
 * configs and ACLs, over the addon's Admin API handle (and a node-rdkafka producer handle for
 * the topic list).
 *
 * @packageDocumentation
 */
import type { KafkaConsumer as RdKafkaConsumer, Metadata, Producer as RdKafkaProducer } from 'node-rdkafka';

import { AuthenticationError, KafkaClientError, StateError, TimeoutError } from '../errors';
import { assertValidConfig } from '../config/validate';
import { nodeRdkafka } from '../native';
import { fromRdkafkaError, normalizeOAuthResult, OAuthRefresher, splitConsumerConfig } from '../consumer/internal';
import { OFFSET_INVALID } from '../consumer/types';
import {
  aclOperations,
  checkBooleanOption,
  checkGroupIds,
  checkPartitions,
  checkTopicName,
  configResourceType,
  fromNativeBinding,
  groupState,
  groupType,
  invalidArgument,
  timeoutOf,
  toAdminError,
  toConfigEntry,
  toNativeAlterations,
  toNativeBinding,
  toNativeConfigResources,
  toNativeFilter,
  toNativeStates,
  toNativeTopics,
  toNode,
} from './convert';
import { nativeAdminClass, type NativeAdmin, type NativeAdminEvents, type RawAdminError, type RawGroupOffsets } from './native';
import type {
  AclBinding,
  AclBindingFilter,
  AclResult,
  AdminCallOptions,
  AdminConfig,
  AlterConfigsOptions,
  ClusterDescription,
  ConfigAlteration,
  ConfigResource,
  ConfigResourceDescription,
  ConfigResourceResult,
  CreateTopicsOptions,
  DeleteAclsResult,
  DescribeClusterOptions,
  DescribeGroupsOptions,
  DescribeTopicsOptions,
  GroupDescription,
  GroupResult,
  ListGroupsOptions,
  ListGroupsResult,
  ListOffsetsOptions,
  ListOffsetsRequest,
  ListOffsetsResult,
  NewPartitions,
  NewTopic,
  TopicDescription,
  TopicPartition,
  TopicPartitionOffset,
  TopicResult,
} from './types';

const DEFAULT_TIMEOUT_MS = 30_000;
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);
/** librdkafka codes the facade reacts to. */
const ERR = { TIMED_OUT: -185 } as const;

/**
 * Administers a Kafka cluster: create, delete and describe topics, add partitions, describe the
 * cluster, look up offsets, list, describe and delete consumer groups, read and reset their
 * offsets, describe and change configs, create, describe and delete ACLs.
 *
 * @example
 * ```ts
 * const admin = new AdminClient({ 'bootstrap.servers': 'localhost:9092' });
 * const [res] = await admin.createTopics([{ topic: 'orders', numPartitions: 6, replicationFactor: 3 }]);
 * if (res.error) console.error(res.error.kafkaName);
 * await admin.close();
 * ```
 *
 * @remarks
 * Calls that act on several topics or partitions never fail as a whole because one of them
 * failed: each result carries its own `error` (`null` on success). They reject only when the
 * request could not be made at all (closed client, bad arguments).
 *
 * Every call but `listTopics` goes through librdkafka's Admin API on a handle of the addon's
 * own (`native/admin.cc`): requests are issued without blocking and answered on librdkafka's
 * background thread, several may be in flight at once. `listTopics` sends a Metadata request
 * from a node-rdkafka producer handle. Both handles get the same validated configuration
 * (bootstrap, security, `oauth_cb`).
 *
 * Lifetime: connects on first use (or in `connect()`); call `close()` when done: it waits for the
 * calls in flight to settle, then releases every handle. Threading: nothing blocks the JS
 * thread; `listTopics` calls run on the libuv thread pool, one at a time.
 */
export class AdminClient {
  readonly #conf: ReturnType<typeof splitConsumerConfig>;
  readonly #errorCb: AdminConfig['error_cb'];
  /** A producer handle (it joins no group) for metadata and watermarks. */
  #metaConnecting: Promise<RdKafkaProducer> | undefined;
  #closed = false;
  #oauth: OAuthRefresher | undefined;
  /** Serializes node-rdkafka metadata calls (each holds a pool thread while it waits). */
  #queue: Promise<unknown> = Promise.resolve();
  /** The addon's Admin API handle, created on first use. */
  #native: NativeAdmin | undefined;
  /** An authentication failure the Admin API handle reported since a request last got an answer. */
  #authFailure: { error: AuthenticationError; at: number } | undefined;
  /** Native calls in flight: `close()` lets them settle first. */
  readonly #inflight = new Set<Promise<unknown>>();

  /**
   * @param config - librdkafka properties (bootstrap, security), `error_cb` and `oauth_cb`.
   * @throws {@link ConfigError} listing every issue `validateConfig(config, {role: 'admin'})` finds.
   */
  constructor(config: AdminConfig) {
    const { normalized } = assertValidConfig(config as never, { role: 'admin' });
    this.#conf = splitConsumerConfig(normalized as AdminConfig);
    this.#errorCb = config.error_cb;
    if (this.#conf.oauthCb) {
      this.#oauth = new OAuthRefresher(this.#conf.oauthCb, String(this.#conf.rdkafka['sasl.oauthbearer.config'] ?? ''), (e) => this.#reportError(e));
    }
  }

  // ------------------------------------------------------------------ topics

  /**
   * Creates topics.
   *
   * @returns one result per topic, in order: `error` is e.g. a `KafkaError` named
   *   `TOPIC_ALREADY_EXISTS`, `INVALID_REPLICATION_FACTOR`, `INVALID_CONFIG`, `POLICY_VIOLATION`,
   *   or an `AuthorizationError`.
   */
  async createTopics(topics: ReadonlyArray<NewTopic>, options: CreateTopicsOptions = {}): Promise<TopicResult[]> {
    const timeout = timeoutOf('createTopics', options, DEFAULT_TIMEOUT_MS);
    const validateOnly = checkBooleanOption('createTopics', 'options.validateOnly', options.validateOnly);
    const specs = toNativeTopics(topics);
    const admin = this.#nativeAdmin();
    const out: TopicResult[] = new Array(specs.length);
    // A request may not name a topic twice: a repeated topic goes in a later request (and then
    // reads TOPIC_ALREADY_EXISTS, as it would one call later).
    for (const batch of uniqueBatches(specs, (t) => t.topic)) {
      const res = await this.#track(admin.createTopics(batch.map((b) => b.item), validateOnly, timeout));
      const byName = new Map((res.topics ?? []).map((t) => [t.topic, t.error]));
      for (const { index, item: t } of batch) {
        const context = `createTopics ${t.topic}`;
        out[index] = { topic: t.topic, error: res.error ? this.#requestError(res.error, context) : byName.has(t.topic) ? this.#errorOrNull(byName.get(t.topic), context) : toAdminError(NO_ANSWER, context) };
      }
    }
    return out;
  }

  /** Deletes topics; one result per topic, in order (e.g. `UNKNOWN_TOPIC_OR_PART`, or an {@link AuthorizationError}). */
  async deleteTopics(topics: ReadonlyArray<string>, options: AdminCallOptions = {}): Promise<TopicResult[]> {
    const call = 'deleteTopics';
    const timeout = timeoutOf(call, options, DEFAULT_TIMEOUT_MS);
    if (!Array.isArray(topics)) throw invalidArgument(call, 'topics', 'must be an array');
    topics.forEach((t, i) => checkTopicName(call, `topics[${i}]`, t));
    return this.#topicResults(call, [...topics], (t) => t, (batch) => this.#nativeAdmin().deleteTopics(batch, timeout));
  }

  /**
   * Raises topics' partition counts to `count` (partitions can only be added); one result per
   * topic, in order (e.g. `INVALID_PARTITIONS` when `count` is not larger). `validateOnly`:
   * check without adding.
   */
  async createPartitions(changes: ReadonlyArray<NewPartitions>, options: CreateTopicsOptions = {}): Promise<TopicResult[]> {
    const call = 'createPartitions';
    const timeout = timeoutOf(call, options, DEFAULT_TIMEOUT_MS);
    const validateOnly = checkBooleanOption(call, 'options.validateOnly', options.validateOnly);
    if (!Array.isArray(changes)) throw invalidArgument(call, 'changes', 'must be an array');
    const specs = changes.map((c, i) => {
      if (c === null || typeof c !== 'object') throw invalidArgument(call, `changes[${i}]`, 'must be an object');
      checkTopicName(call, `changes[${i}].topic`, c.topic);
      if (!Number.isInteger(c.count) || c.count < 1) throw invalidArgument(call, `changes[${i}].count`, `must be an integer >= 1, got ${JSON.stringify(c.count)}`);
      return { topic: c.topic, count: c.count };
    });
    return this.#topicResults(call, specs, (c) => c.topic, (batch) => this.#nativeAdmin().createPartitions(batch, validateOnly, timeout));
  }

  /** Runs a per-topic native call in requests without repeats; one result per item, in order. */
  async #topicResults<T>(
    call: string,
    items: T[],
    topicOf: (t: T) => string,
    send: (batch: T[]) => Promise<{ error: RawAdminError | null; topics?: { topic: string; error: RawAdminError | null }[] }>,
  ): Promise<TopicResult[]> {
    const out: TopicResult[] = new Array(items.length);
    for (const batch of uniqueBatches(items, topicOf)) {
      const res = await this.#track(send(batch.map((b) => b.item)));
      const byName = new Map((res.topics ?? []).map((t) => [t.topic, t.error]));
      for (const { index, item } of batch) {
        const topic = topicOf(item);
        const context = `${call} ${topic}`;
        out[index] = { topic, error: res.error ? this.#requestError(res.error, context) : byName.has(topic) ? this.#errorOrNull(byName.get(topic), context) : toAdminError(NO_ANSWER, context) };
      }
    }
    return out;
  }

  /** Names of the cluster's topics, sorted; internal topics only with `includeInternal`. */
  async listTopics(options: AdminCallOptions & { includeInternal?: boolean } = {}): Promise<string[]> {
    const md = await this.#metadata({ allTopics: true }, options.timeoutMs);
    return md.topics
      .map((t) => t.name)
      .filter((name) => options.includeInternal || !INTERNAL_TOPICS.has(name))
      .sort();
  }

  /**
   * Partitions, leaders, replicas and in-sync replicas of each topic (DescribeTopics); one entry
   * per requested topic, in order, each with its own `error`: `UNKNOWN_TOPIC_OR_PART` for a
   * missing topic, an {@link AuthorizationError} (`TOPIC_AUTHORIZATION_FAILED`) for one this
   * principal may not describe.
   */
  async describeTopics(topics: ReadonlyArray<string>, options: DescribeTopicsOptions = {}): Promise<TopicDescription[]> {
    const timeout = timeoutOf('describeTopics', options, DEFAULT_TIMEOUT_MS);
    const withOps = checkBooleanOption('describeTopics', 'options.includeAuthorizedOperations', options.includeAuthorizedOperations);
    if (!Array.isArray(topics)) throw invalidArgument('describeTopics', 'topics', 'must be an array');
    topics.forEach((t, i) => checkTopicName('describeTopics', `topics[${i}]`, t));
    if (topics.length === 0) return [];
    const res = await this.#track(this.#nativeAdmin().describeTopics([...new Set(topics)], withOps, timeout));
    const byName = new Map((res.topics ?? []).map((t) => [t.topic, t]));
    return topics.map((topic): TopicDescription => {
      const context = `describeTopics ${topic}`;
      const t = byName.get(topic);
      const error = res.error ? this.#requestError(res.error, context) : t ? this.#errorOrNull(t.error, context) : toAdminError(NO_ANSWER, context);
      const out: TopicDescription = {
        topic,
        internal: t?.internal ?? INTERNAL_TOPICS.has(topic),
        partitions: error ? [] : (t?.partitions ?? []).map((p) => ({ partition: p.partition, leader: p.leader, replicas: [...p.replicas], isr: [...p.isr] })).sort((x, y) => x.partition - y.partition),
        error,
      };
      const ops = aclOperations(t?.authorizedOperations);
      if (withOps && ops && !error) out.authorizedOperations = ops;
      return out;
    });
  }

  /**
   * The cluster id, the controller and the brokers (DescribeCluster).
   *
   * @throws {@link KafkaError} / {@link TimeoutError} when no broker answers;
   *   {@link AuthorizationError} for authorized operations this principal may not describe.
   */
  async describeCluster(options: DescribeClusterOptions = {}): Promise<ClusterDescription> {
    const timeout = timeoutOf('describeCluster', options, DEFAULT_TIMEOUT_MS);
    const withOps = checkBooleanOption('describeCluster', 'options.includeAuthorizedOperations', options.includeAuthorizedOperations);
    const res = await this.#track(this.#nativeAdmin().describeCluster(withOps, timeout));
    if (res.error) throw this.#requestError(res.error, 'describeCluster');
    const out: ClusterDescription = {
      brokers: (res.nodes ?? []).map(toNode).sort((a, b) => a.id - b.id),
      clusterId: res.clusterId ?? null,
      controller: res.controller ? res.controller.id : null,
    };
    const ops = aclOperations(res.authorizedOperations);
    if (withOps && ops) out.authorizedOperations = ops;
    return out;
  }

  // ------------------------------------------------------------------ consumer groups

  /**
   * Lists the cluster's consumer groups (every broker is asked for the groups it coordinates).
   *
   * @returns the groups, sorted by id, with their state and protocol type; `errors` names the
   *   brokers that could not be asked (their groups are then missing), so a partial answer is
   *   never mistaken for a complete one.
   * @throws {@link KafkaError} / {@link TimeoutError} when the request as a whole failed.
   */
  async listGroups(options: ListGroupsOptions = {}): Promise<ListGroupsResult> {
    const timeout = timeoutOf('listGroups', options, DEFAULT_TIMEOUT_MS);
    const states = toNativeStates(options.states);
    const res = await this.#track(this.#nativeAdmin().listGroups(states, timeout));
    if (res.error) throw this.#requestError(res.error, 'listGroups');
    return {
      groups: (res.groups ?? [])
        .map((g) => ({ groupId: g.groupId, state: groupState(g.state), type: groupType(g.type), isSimpleConsumerGroup: g.isSimple }))
        .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)),
      errors: (res.errors ?? []).map((e) => toAdminError(e, 'listGroups')),
    };
  }

  /**
   * Describes consumer groups: state, protocol, assignor, coordinator, and each member with its
   * assigned partitions. One entry per requested group, in order, each with its own `error`
   * (e.g. an {@link AuthorizationError} named `GROUP_AUTHORIZATION_FAILED`). A group nobody
   * uses reads as state `Dead` with no members.
   */
  async describeGroups(groups: ReadonlyArray<string>, options: DescribeGroupsOptions = {}): Promise<GroupDescription[]> {
    const timeout = timeoutOf('describeGroups', options, DEFAULT_TIMEOUT_MS);
    const withOps = checkBooleanOption('describeGroups', 'options.includeAuthorizedOperations', options.includeAuthorizedOperations);
    const ids = checkGroupIds('describeGroups', groups);
    const unique = [...new Set(ids)];
    const res = await this.#track(this.#nativeAdmin().describeGroups(unique, withOps, timeout));
    const byId = new Map((res.groups ?? []).map((g) => [g.groupId, g]));
    return ids.map((groupId): GroupDescription => {
      const context = `describeGroups ${groupId}`;
      const g = byId.get(groupId);
      const error = res.error ? this.#requestError(res.error, context) : g ? this.#errorOrNull(g.error, context) : toAdminError(NO_ANSWER, context);
      const out: GroupDescription = {
        groupId,
        state: groupState(g?.state ?? null),
        type: groupType(g?.type ?? null),
        isSimpleConsumerGroup: g?.isSimple ?? false,
        partitionAssignor: g?.partitionAssignor ?? '',
        coordinator: g?.coordinator ? toNode(g.coordinator) : null,
        members: (g?.members ?? []).map((m) => ({
          memberId: m.memberId,
          clientId: m.clientId,
          groupInstanceId: m.groupInstanceId,
          host: m.host,
          assignment: m.assignment.map((tp) => ({ topic: tp.topic, partition: tp.partition })),
        })),
        error,
      };
      const ops = aclOperations(g?.authorizedOperations);
      if (withOps && ops) out.authorizedOperations = ops;
      return out;
    });
  }

  /**
   * Deletes consumer groups (their committed offsets go with them). Only a group without
   * members can be deleted: an active one reads `NON_EMPTY_GROUP`, an unknown one
   * `GROUP_ID_NOT_FOUND`. One result per requested group, in order.
   */
  async deleteGroups(groups: ReadonlyArray<string>, options: AdminCallOptions = {}): Promise<GroupResult[]> {
    const timeout = timeoutOf('deleteGroups', options, DEFAULT_TIMEOUT_MS);
    const ids = checkGroupIds('deleteGroups', groups);
    const res = await this.#track(this.#nativeAdmin().deleteGroups([...new Set(ids)], timeout));
    const byId = new Map((res.groups ?? []).map((g) => [g.groupId, g.error]));
    return ids.map((groupId) => {
      const context = `deleteGroups ${groupId}`;
      return { groupId, error: res.error ? this.#requestError(res.error, context) : byId.has(groupId) ? this.#errorOrNull(byId.get(groupId), context) : toAdminError(NO_ANSWER, context) };
    });
  }

  // ------------------------------------------------------------------ configs

  /**
   * Describes the configs of topics, brokers (named by id, e.g. `'1'`) or groups: every entry
   * with its value, source, and flags, by name. One result per resource, in order, each with
   * its own `error` (e.g. `UNKNOWN_TOPIC_OR_PART`, or an {@link AuthorizationError}).
   */
  async describeConfigs(resources: ReadonlyArray<ConfigResource>, options: AdminCallOptions = {}): Promise<ConfigResourceDescription[]> {
    const timeout = timeoutOf('describeConfigs', options, DEFAULT_TIMEOUT_MS);
    const specs = toNativeConfigResources(resources);
    const admin = this.#nativeAdmin();
    const out: ConfigResourceDescription[] = new Array(specs.length);
    for (const batch of uniqueBatches(specs, (r) => `${r.type}:${r.name}`)) {
      const res = await this.#track(admin.describeConfigs(batch.map((b) => b.item), timeout));
      const byKey = new Map((res.resources ?? []).map((r) => [`${r.type}:${r.name}`, r]));
      for (const { index, item: spec } of batch) {
        const type = configResourceType(spec.type);
        const context = `describeConfigs ${type} ${spec.name}`;
        const r = byKey.get(`${spec.type}:${spec.name}`);
        const error = res.error ? this.#requestError(res.error, context) : r ? this.#errorOrNull(r.error, context) : toAdminError(NO_ANSWER, context);
        const configs: ConfigResourceDescription['configs'] = {};
        if (!error) for (const e of r?.configs ?? []) configs[e.name] = toConfigEntry(e);
        out[index] = { type, name: spec.name, configs, error };
      }
    }
    return out;
  }

  /**
   * Changes configs of topics, brokers or groups one key at a time: `SET` a value, `DELETE` an
   * override (back to the inherited value), `APPEND`/`SUBTRACT` an item of a list value. Keys
   * not named keep their values (unlike the legacy AlterConfigs). One result per resource, in
   * order, each with its own `error` (e.g. `INVALID_CONFIG`, `INVALID_REQUEST`).
   */
  async incrementalAlterConfigs(resources: ReadonlyArray<ConfigAlteration>, options: AlterConfigsOptions = {}): Promise<ConfigResourceResult[]> {
    const timeout = timeoutOf('incrementalAlterConfigs', options, DEFAULT_TIMEOUT_MS);
    const validateOnly = checkBooleanOption('incrementalAlterConfigs', 'options.validateOnly', options.validateOnly);
    const specs = toNativeAlterations(resources);
    const admin = this.#nativeAdmin();
    const out: ConfigResourceResult[] = new Array(specs.length);
    // A resource named twice: its second set of changes goes in a later request, after the first.
    for (const batch of uniqueBatches(specs, (r) => `${r.type}:${r.name}`)) {
      const res = await this.#track(admin.incrementalAlterConfigs(batch.map((b) => b.item), validateOnly, timeout));
      const byKey = new Map((res.resources ?? []).map((r) => [`${r.type}:${r.name}`, r.error]));
      for (const { index, item: spec } of batch) {
        const type = configResourceType(spec.type);
        const context = `incrementalAlterConfigs ${type} ${spec.name}`;
        const key = `${spec.type}:${spec.name}`;
        const error = res.error ? this.#requestError(res.error, context) : byKey.has(key) ? this.#errorOrNull(byKey.get(key), context) : toAdminError(NO_ANSWER, context);
        out[index] = { type, name: spec.name, error };
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ ACLs

  /**
   * Creates ACL bindings. One result per binding, in order, each with its own `error` (e.g. an
   * {@link AuthorizationError} named `CLUSTER_AUTHORIZATION_FAILED` for a principal that may not
   * alter ACLs). Creating a binding that exists already succeeds.
   */
  async createAcls(bindings: ReadonlyArray<AclBinding>, options: AdminCallOptions = {}): Promise<AclResult[]> {
    const timeout = timeoutOf('createAcls', options, DEFAULT_TIMEOUT_MS);
    if (!Array.isArray(bindings) || bindings.length === 0) throw invalidArgument('createAcls', 'bindings', 'must be a non-empty array');
    const specs = bindings.map((b, i) => toNativeBinding('createAcls', `bindings[${i}]`, b));
    const res = await this.#track(this.#nativeAdmin().createAcls(specs, timeout));
    return bindings.map((b, i) => {
      const context = `createAcls ${describeBinding(b)}`;
      const raw = res.results?.[i];
      return { binding: { ...b }, error: res.error ? this.#requestError(res.error, context) : raw ? this.#errorOrNull(raw.error, context) : toAdminError(NO_ANSWER, context) };
    });
  }

  /**
   * The ACL bindings matching `filter` (`ANY` and omitted names, principals and hosts match
   * everything; pattern type `MATCH` also finds the prefixed and wildcard bindings that apply to
   * a name).
   *
   * @throws {@link AuthorizationError} (`CLUSTER_AUTHORIZATION_FAILED`) for a principal that may
   *   not describe ACLs; {@link KafkaError} (`SECURITY_DISABLED`) when the cluster has no
   *   authorizer; {@link TimeoutError}.
   */
  async describeAcls(filter: AclBindingFilter, options: AdminCallOptions = {}): Promise<AclBinding[]> {
    const timeout = timeoutOf('describeAcls', options, DEFAULT_TIMEOUT_MS);
    const spec = toNativeFilter('describeAcls', 'filter', filter);
    const res = await this.#track(this.#nativeAdmin().describeAcls(spec, timeout));
    if (res.error) throw this.#requestError(res.error, 'describeAcls');
    return (res.bindings ?? []).map(fromNativeBinding);
  }

  /**
   * Deletes the ACL bindings matching each filter. One result per filter, in order: the bindings
   * it deleted, or its own `error`.
   */
  async deleteAcls(filters: ReadonlyArray<AclBindingFilter>, options: AdminCallOptions = {}): Promise<DeleteAclsResult[]> {
    const timeout = timeoutOf('deleteAcls', options, DEFAULT_TIMEOUT_MS);
    if (!Array.isArray(filters) || filters.length === 0) throw invalidArgument('deleteAcls', 'filters', 'must be a non-empty array');
    const specs = filters.map((f, i) => toNativeFilter('deleteAcls', `filters[${i}]`, f));
    const res = await this.#track(this.#nativeAdmin().deleteAcls(specs, timeout));
    return filters.map((f, i) => {
      const context = `deleteAcls filters[${i}]`;
      const raw = res.responses?.[i];
      const error = res.error ? this.#requestError(res.error, context) : raw ? this.#errorOrNull(raw.error, context) : toAdminError(NO_ANSWER, context);
      return { filter: { ...f }, deleted: error ? [] : (raw?.bindings ?? []).map(fromNativeBinding), error };
    });
  }

  // ------------------------------------------------------------------ offsets

  /**
   * Looks up offsets per partition (ListOffsets): `earliest` (first offset still in the log),
   * `latest` (the offset the next message will get), `maxTimestamp` (the message with the
   * largest timestamp), or `{timestamp}` (first offset whose timestamp is at or after it; -1 when
   * none). One result per request, in order, each with its own `error` (e.g.
   * `UNKNOWN_TOPIC_OR_PART`, an {@link AuthorizationError}). With `isolationLevel:
   * 'read_committed'`, `latest` is the last stable offset.
   */
  async listOffsets(requests: ReadonlyArray<ListOffsetsRequest>, options: ListOffsetsOptions = {}): Promise<ListOffsetsResult[]> {
    const call = 'listOffsets';
    const timeout = timeoutOf(call, options, DEFAULT_TIMEOUT_MS);
    const isolation = options.isolationLevel ?? 'read_uncommitted';
    if (isolation !== 'read_uncommitted' && isolation !== 'read_committed') {
      throw invalidArgument(call, 'options.isolationLevel', `must be read_uncommitted or read_committed, got ${JSON.stringify(isolation)}`);
    }
    if (!Array.isArray(requests)) throw invalidArgument(call, 'requests', 'must be an array');
    const specs = requests.map((r, i) => {
      const at = `requests[${i}]`;
      if (r === null || typeof r !== 'object') throw invalidArgument(call, at, 'must be an object');
      checkTopicName(call, `${at}.topic`, r.topic);
      if (!Number.isInteger(r.partition) || r.partition < 0) throw invalidArgument(call, `${at}.partition`, `must be an integer >= 0, got ${JSON.stringify(r.partition)}`);
      let offset: number;
      if (r.spec === 'earliest') offset = -2;
      else if (r.spec === 'latest') offset = -1;
      else if (r.spec === 'maxTimestamp') offset = -3;
      else if (r.spec && typeof r.spec === 'object' && Number.isInteger(r.spec.timestamp) && r.spec.timestamp >= 0) offset = r.spec.timestamp;
      else throw invalidArgument(call, `${at}.spec`, `must be 'earliest', 'latest', 'maxTimestamp' or {timestamp: ms >= 0}, got ${JSON.stringify(r.spec)}`);
      return { topic: r.topic, partition: r.partition, offset };
    });
    const admin = this.#nativeAdmin();
    const out: ListOffsetsResult[] = new Array(specs.length);
    // A request may not name a partition twice: a repeat (e.g. earliest and latest of one
    // partition) goes in a later request.
    for (const batch of uniqueBatches(specs, (r) => `${r.topic}\u0000${r.partition}`)) {
      const res = await this.#track(admin.listOffsets(batch.map((b) => b.item), isolation === 'read_committed' ? 1 : 0, timeout));
      const byKey = new Map((res.results ?? []).map((r) => [`${r.topic}\u0000${r.partition}`, r]));
      for (const { index, item: spec } of batch) {
        const { topic, partition } = spec;
        const context = `listOffsets ${topic}[${partition}]`;
        const r = byKey.get(`${topic}\u0000${partition}`);
        const error = res.error ? this.#requestError(res.error, context) : r ? this.#errorOrNull(r.error, context) : toAdminError(NO_ANSWER, context);
        out[index] = { topic, partition, offset: error || !r ? OFFSET_INVALID : r.offset, error };
      }
    }
    return out;
  }

  /**
   * The offsets a consumer group committed (next offset to read), by OffsetFetch. With
   * `partitions`, exactly those (`OFFSET_INVALID` where nothing is committed); without, every
   * partition where the group has a commit. `requireStable`: wait for pending transactional
   * commits to complete first.
   *
   * @remarks Per-partition errors are on the entries.
   * @throws {@link KafkaError} / {@link TimeoutError} when the coordinator cannot be asked;
   *   {@link AuthorizationError} (`GROUP_AUTHORIZATION_FAILED`) for a group this principal may
   *   not describe.
   */
  async listConsumerGroupOffsets(
    groupId: string,
    options: AdminCallOptions & { partitions?: ReadonlyArray<TopicPartition>; requireStable?: boolean } = {},
  ): Promise<TopicPartitionOffset[]> {
    const call = 'listConsumerGroupOffsets';
    const timeout = timeoutOf(call, options, DEFAULT_TIMEOUT_MS);
    const requireStable = checkBooleanOption(call, 'options.requireStable', options.requireStable);
    checkGroupIds(call, [groupId]);
    let request: TopicPartition[] | null = null;
    if (options.partitions !== undefined) {
      request = checkPartitions(call, 'options.partitions', options.partitions);
      if (request.length === 0) return [];
    }
    const res = await this.#track(this.#nativeAdmin().listGroupOffsets(groupId, request, requireStable, timeout));
    const context = `${call} ${groupId}`;
    if (res.error) throw this.#requestError(res.error, context);
    const group = res.groups?.find((g) => g.groupId === groupId);
    if (!group) throw toAdminError(NO_ANSWER, context);
    if (group.error) throw toAdminError(group.error, context);
    const entry = (p: RawGroupOffsets['partitions'][number]): TopicPartitionOffset => {
      const out: TopicPartitionOffset = { topic: p.topic, partition: p.partition, offset: p.error ? OFFSET_INVALID : p.offset };
      if (p.metadata) out.metadata = p.metadata;
      if (p.error) out.error = toAdminError(p.error, `${context} ${p.topic}[${p.partition}]`);
      return out;
    };
    if (request) {
      const byKey = new Map(group.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p]));
      return request.map(({ topic, partition }) => {
        const p = byKey.get(`${topic}\u0000${partition}`);
        return p ? entry(p) : { topic, partition, offset: OFFSET_INVALID };
      });
    }
    return group.partitions
      .map(entry)
      .filter((r) => r.offset >= 0 || r.error)
      .sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
  }

  /**
   * Sets a consumer group's committed offsets (next offset to read), e.g. to rewind or skip.
   * The group must have no active members, as with Kafka's own tool: otherwise the broker
   * answers `UNKNOWN_MEMBER_ID` for each partition.
   *
   * @returns one entry per partition, in order, with its `error` (`undefined` on success); an
   *   error of the whole request (timeout, `GROUP_AUTHORIZATION_FAILED`, a group with members)
   *   is on every entry.
   * @remarks Sent as an OffsetCommit request (generation -1), as Kafka's AdminClient does.
   */
  async alterConsumerGroupOffsets(groupId: string, offsets: ReadonlyArray<TopicPartitionOffset>, options: AdminCallOptions = {}): Promise<TopicPartitionOffset[]> {
    const call = 'alterConsumerGroupOffsets';
    const timeout = timeoutOf(call, options, DEFAULT_TIMEOUT_MS);
    checkGroupIds(call, [groupId]);
    const request = checkPartitions(call, 'offsets', offsets).map((tp, i) => {
      const offset = offsets[i].offset;
      if (!Number.isInteger(offset) || offset < 0) throw invalidArgument(call, `offsets[${i}].offset`, `must be an integer >= 0, got ${JSON.stringify(offset)}`);
      return { ...tp, offset };
    });
    if (request.length === 0) return [];
    const context = `${call} ${groupId}`;
    const out: TopicPartitionOffset[] = new Array(request.length);
    for (const batch of uniqueBatches(request, (r) => `${r.topic}\u0000${r.partition}`)) {
      const res = await this.#track(this.#nativeAdmin().alterGroupOffsets(groupId, batch.map((b) => b.item), timeout));
      const group = res.groups?.find((g) => g.groupId === groupId);
      const whole = res.error ?? group?.error ?? (group ? null : NO_ANSWER);
      const byKey = new Map((group?.partitions ?? []).map((p) => [`${p.topic}\u0000${p.partition}`, p]));
      for (const { index, item } of batch) {
        const p = byKey.get(`${item.topic}\u0000${item.partition}`);
        const raw = p?.error ?? whole;
        out[index] = raw ? { ...item, error: toAdminError(raw, `${context} ${item.topic}[${item.partition}]`) } : item;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ lifetime

  /**
   * Creates the Admin API handle and checks that the cluster answers (a DescribeCluster
   * request). Optional: every call connects on first use.
   *
   * @throws {@link StateError} when closed; {@link KafkaError} / {@link TimeoutError} /
   *   {@link AuthenticationError} when the cluster cannot be reached.
   */
  async connect(options: AdminCallOptions = {}): Promise<void> {
    await this.describeCluster(options);
  }

  /**
   * Releases the connections. Calls in flight settle first (each within its own timeout); calls
   * made after `close()` reject with {@link StateError}. Idempotent.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#oauth?.stop();
    await Promise.allSettled([...this.#inflight]);
    const nativeAdmin = this.#native;
    this.#native = undefined;
    if (nativeAdmin) await nativeAdmin.close();
    await this.#queue.catch(() => undefined);
    const meta = this.#metaConnecting ? await this.#metaConnecting.catch(() => undefined) : undefined;
    if (meta) await disconnect(meta);
  }

  // ------------------------------------------------------------------ internals

  /** The addon's Admin API handle, created on first use with the validated config. */
  #nativeAdmin(): NativeAdmin {
    if (this.#closed) throw new StateError('admin client is closed');
    if (!this.#native) {
      const config: Record<string, string> = {};
      for (const [k, v] of Object.entries(this.#conf.rdkafka)) config[k] = String(v);
      const Admin = nativeAdminClass();
      let admin: NativeAdmin;
      try {
        admin = new Admin(config, (type, payload) => this.#onNativeEvent(type, payload), { oauth: this.#conf.oauthCb !== undefined });
      } catch (err) {
        throw new KafkaClientError('ERR_CONFIG', `admin config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
      }
      this.#native = admin;
    }
    return this.#native;
  }

  #onNativeEvent<T extends keyof NativeAdminEvents>(type: T, payload: NativeAdminEvents[T]): void {
    if (type === 'error') {
      const e = payload as NativeAdminEvents['error'];
      const err = toAdminError(e, 'admin');
      if (err instanceof AuthenticationError) this.#authFailure = { error: err, at: Date.now() };
      this.#reportError(err);
    } else if (type === 'oauthbearer-token-refresh') {
      void this.#refreshNativeToken(payload as string);
    }
  }

  /** librdkafka asks for a token (at start and at 80 % of each token's lifetime): `oauth_cb` gives it. */
  async #refreshNativeToken(oauthConfig: string): Promise<void> {
    const cb = this.#conf.oauthCb;
    const admin = this.#native;
    if (!cb || !admin) return;
    try {
      const result = await cb(oauthConfig);
      const { token, lifetime } = normalizeOAuthResult(result);
      const principal = !Array.isArray(result) && result && typeof result === 'object' ? String((result as { principal?: unknown }).principal ?? '') : '';
      if (this.#native === admin) admin.setOAuthToken(token, lifetime, principal, []);
    } catch (err) {
      if (this.#native === admin) admin.setOAuthTokenFailure(err instanceof Error ? err.message : String(err));
      this.#reportError(err instanceof KafkaClientError ? err : new KafkaClientError('ERR_OAUTH', `oauth_cb failed: ${(err as Error)?.message ?? err}`, { cause: err }));
    }
  }

  /**
   * A request-level error of a native call. A request that timed out while the brokers refuse
   * to authenticate this client (an authentication failure reported since the last request that
   * got an answer) reads as that {@link AuthenticationError}: librdkafka reports the failure only
   * as a client event, and the request then times out.
   */
  #requestError(raw: RawAdminError, context: string): KafkaClientError {
    const err = toAdminError(raw, context);
    const auth = this.#authFailure;
    if (err instanceof TimeoutError && auth) {
      return new AuthenticationError(`${context}: ${auth.error.message.replace(/^admin: /, '')}`, { errno: auth.error.errno, kafkaName: auth.error.kafkaName, cause: err });
    }
    return err;
  }

  /** A per-resource error of a native call (see {@link AdminClient.#requestError}). */
  #errorOrNull(raw: RawAdminError | null | undefined, context: string): KafkaClientError | null {
    return raw ? this.#requestError(raw, context) : null;
  }

  /** Counts a native call in flight until it settles. */
  #track<T extends { error: RawAdminError | null }>(p: Promise<T>): Promise<T> {
    this.#inflight.add(p);
    const done = (): void => {
      this.#inflight.delete(p);
    };
    p.then((res) => {
      done();
      // A broker answered: whatever failed to authenticate before does not any more.
      if (!timedOut(res)) this.#authFailure = undefined;
    }, done);
    return p;
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StateError('admin client is closed'));
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #metaClient(): Promise<RdKafkaProducer> {
    if (this.#closed) return Promise.reject(new StateError('admin client is closed'));
    this.#metaConnecting ??= this.#connectProducer();
    this.#metaConnecting.catch(() => (this.#metaConnecting = undefined));
    return this.#metaConnecting;
  }

  async #connectProducer(): Promise<RdKafkaProducer> {
    const Kafka = nodeRdkafka();
    let producer: RdKafkaProducer;
    try {
      // No auto-creation: a metadata request for a missing topic must not create it.
      producer = new Kafka.Producer({ ...this.#conf.rdkafka, 'allow.auto.create.topics': false } as never, {});
    } catch (err) {
      throw new KafkaClientError('ERR_CONFIG', `admin config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
    }
    producer.on('event.error', (err) => this.#reportError(err));
    if (this.#oauth) await this.#oauth.attach(producer);
    await new Promise<void>((resolve, reject) =>
      producer.connect({ timeout: DEFAULT_TIMEOUT_MS, allTopics: false } as never, (err) => (err ? reject(fromRdkafkaError(err, 'admin connect', 'admin')) : resolve())),
    );
    return producer;
  }

  #reportError(err: unknown): void {
    try {
      this.#errorCb?.(fromRdkafkaError(err, 'admin', 'admin'));
    } catch {
      // a throwing error_cb must not break the client
    }
  }

  async #metadata(options: { topic?: string; allTopics: boolean }, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Metadata> {
    const meta = await this.#metaClient();
    return this.#serial(
      () =>
        new Promise<Metadata>((resolve, reject) =>
          meta.getMetadata({ ...options, timeout: timeoutMs }, (err, md) => (err ? reject(mapError(err, 'metadata')) : resolve(md))),
        ),
    );
  }
}

/** True when a native result holds a `_TIMED_OUT` error anywhere (request or resource level). */
function timedOut(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(timedOut);
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (o.errno === -185) return true;
  return Object.values(o).some((x) => x !== null && typeof x === 'object' && timedOut(x));
}

/** The error a resource reads when the broker's answer does not mention it. */
const NO_ANSWER: RawAdminError = { errno: -199, kafkaName: '_BAD_MSG', message: 'the answer did not include this resource' };

/**
 * Splits `items` into requests in which no key repeats (a request may not name a resource
 * twice): the n-th occurrence of a key goes in the n-th request, so requests run in order of
 * occurrence. Each batch entry keeps its index in `items`.
 */
function uniqueBatches<T>(items: readonly T[], key: (t: T) => string): { index: number; item: T }[][] {
  const out: { index: number; item: T }[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    (out[n] ??= []).push({ index, item });
  });
  return out;
}

function describeBinding(b: AclBinding): string {
  return `${b.permissionType} ${b.principal} ${b.operation} on ${b.resourceType}:${b.patternType}:${b.name}`;
}

function mapError(err: unknown, context: string): KafkaClientError {
  const e = fromRdkafkaError(err, context, 'admin');
  if ((e as { errno?: number }).errno === ERR.TIMED_OUT) return new TimeoutError(`${context}: timed out`, { cause: e });
  return e;
}

function disconnect(client: RdKafkaConsumer | RdKafkaProducer): Promise<void> {
  return new Promise((resolve) => {
    try {
      client.disconnect(() => resolve());
    } catch {
      resolve();
    }
  });
}
