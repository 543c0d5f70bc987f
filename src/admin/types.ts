/**
 * Types of the {@link AdminClient} facade.
 *
 * @packageDocumentation
 */
import type { KafkaClientError } from '../errors';
import type { TopicPartition, TopicPartitionOffset } from '../consumer/types';

/**
 * An admin client configuration: librdkafka's dotted keys (bootstrap and security), plus
 * Python's `error_cb`.
 */
export interface AdminConfig {
  'bootstrap.servers'?: string;
  /** Python `error_cb`: client-level errors (broker down, authentication) as they happen. */
  error_cb?: (error: KafkaClientError) => void;
  /** Any other librdkafka property. */
  [key: string]: unknown;
}

/** Timeout option shared by every admin call. */
export interface AdminCallOptions {
  /** How long one broker request may take, in ms (default 30 000). */
  timeoutMs?: number;
}

/** A topic to create. */
export interface NewTopic {
  topic: string;
  /** Partition count (default: the broker's `num.partitions`). */
  numPartitions?: number;
  /** Replication factor (default: the broker's `default.replication.factor`). */
  replicationFactor?: number;
  /** Topic configs, e.g. `{ 'cleanup.policy': 'compact' }`. */
  config?: Record<string, string | number | boolean>;
}

/** The outcome for one topic of a topic operation: `error` is `null` on success. */
export interface TopicResult {
  topic: string;
  error: KafkaClientError | null;
}

/** A partition increase: the topic will have `count` partitions in total. */
export interface NewPartitions {
  topic: string;
  count: number;
}

/** One partition of a described topic. */
export interface PartitionDescription {
  partition: number;
  /** Broker id of the leader; -1 when there is none. */
  leader: number;
  replicas: number[];
  isr: number[];
}

/** A described topic, or the error that prevented describing it. */
export interface TopicDescription {
  topic: string;
  /** `true` for Kafka's internal topics (`__consumer_offsets`, `__transaction_state`). */
  internal: boolean;
  partitions: PartitionDescription[];
  /** Only with `includeAuthorizedOperations`. */
  authorizedOperations?: AclOperation[];
  error: KafkaClientError | null;
}

/** Options of {@link AdminClient.describeTopics}. */
export interface DescribeTopicsOptions extends AdminCallOptions {
  /** Ask which operations this principal is authorized for on each topic. */
  includeAuthorizedOperations?: boolean;
}

/** Options of {@link AdminClient.listOffsets}. */
export interface ListOffsetsOptions extends AdminCallOptions {
  /** `read_committed`: `latest` is the last stable offset (default `read_uncommitted`). */
  isolationLevel?: 'read_uncommitted' | 'read_committed';
}

/** A broker of the cluster. */
export interface BrokerDescription {
  id: number;
  host: string;
  port: number;
}

/** A broker as the Admin API describes it (with its rack, when configured). */
export interface NodeDescription extends BrokerDescription {
  rack: string | null;
}

/** The cluster as DescribeCluster shows it. */
export interface ClusterDescription {
  /** The brokers, sorted by id. */
  brokers: NodeDescription[];
  /** The cluster id (`null` only from a broker too old to tell). */
  clusterId: string | null;
  /** Broker id of the active controller as the brokers report it (`null` when unknown). */
  controller: number | null;
  /** What this principal may do on the cluster; only with `includeAuthorizedOperations`. */
  authorizedOperations?: AclOperation[];
}

/** Options of {@link AdminClient.describeCluster}. */
export interface DescribeClusterOptions extends AdminCallOptions {
  /** Ask the brokers which cluster operations this principal is authorized for. */
  includeAuthorizedOperations?: boolean;
}

/** Options of {@link AdminClient.createTopics}. */
export interface CreateTopicsOptions extends AdminCallOptions {
  /**
   * Ask the controller to check the request (name, partitions, replication factor against live
   * brokers, configs, policies) without creating anything. Each topic's result says whether
   * creation would have succeeded.
   */
  validateOnly?: boolean;
}

// ------------------------------------------------------------------ consumer groups

/** A consumer group's state, as the group coordinator reports it. */
export type ConsumerGroupState = 'Unknown' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead' | 'Empty';

/** The group protocol: `Classic` (JoinGroup/SyncGroup) or `Consumer` (KIP-848). */
export type ConsumerGroupType = 'Unknown' | 'Consumer' | 'Classic';

/** Options of {@link AdminClient.listGroups}. */
export interface ListGroupsOptions extends AdminCallOptions {
  /** Only groups in one of these states (default: every state). */
  states?: ReadonlyArray<ConsumerGroupState>;
}

/** One group of a {@link AdminClient.listGroups} answer. */
export interface GroupListing {
  groupId: string;
  state: ConsumerGroupState;
  type: ConsumerGroupType;
  /** `true` for a group that only stores offsets (no members ever joined with a protocol). */
  isSimpleConsumerGroup: boolean;
}

/** What {@link AdminClient.listGroups} found. */
export interface ListGroupsResult {
  /** Every group listed by the brokers that answered, sorted by id. */
  groups: GroupListing[];
  /** Brokers that could not be asked: their groups are missing from `groups`. Empty when all answered. */
  errors: KafkaClientError[];
}

/** Options of {@link AdminClient.describeGroups}. */
export interface DescribeGroupsOptions extends AdminCallOptions {
  /** Ask which operations this principal is authorized for on each group. */
  includeAuthorizedOperations?: boolean;
}

/** A member of a consumer group. */
export interface GroupMember {
  memberId: string;
  clientId: string;
  /** Static membership id (`group.instance.id`), or `null`. */
  groupInstanceId: string | null;
  /** The member's host as the coordinator saw it, e.g. `/127.0.0.1`. */
  host: string;
  /** The partitions assigned to this member. */
  assignment: TopicPartition[];
}

/** A described consumer group, or the error that prevented describing it. */
export interface GroupDescription {
  groupId: string;
  state: ConsumerGroupState;
  type: ConsumerGroupType;
  isSimpleConsumerGroup: boolean;
  /** The assignor the group uses, e.g. `range`, `cooperative-sticky` (empty when none). */
  partitionAssignor: string;
  /** The group coordinator, when known. */
  coordinator: NodeDescription | null;
  members: GroupMember[];
  /** Only with `includeAuthorizedOperations`. */
  authorizedOperations?: AclOperation[];
  /** e.g. an {@link AuthorizationError} named `GROUP_AUTHORIZATION_FAILED`; `null` on success. */
  error: KafkaClientError | null;
}

/** The outcome for one group: `error` is `null` on success. */
export interface GroupResult {
  groupId: string;
  /** e.g. a `KafkaError` named `NON_EMPTY_GROUP`, `GROUP_ID_NOT_FOUND`, or an `AuthorizationError`. */
  error: KafkaClientError | null;
}

// ------------------------------------------------------------------ configs

/** The kind of resource a config belongs to. */
export type ConfigResourceType = 'TOPIC' | 'BROKER' | 'GROUP';

/** A resource whose configs are described or altered. A broker is named by its id (`'1'`). */
export interface ConfigResource {
  type: ConfigResourceType;
  name: string;
}

/** Where a config value comes from (Kafka's `ConfigSource`). */
export type ConfigSource =
  | 'UNKNOWN_CONFIG'
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG'
  | 'DYNAMIC_BROKER_LOGGER_CONFIG'
  | 'CLIENT_METRICS_CONFIG'
  | 'GROUP_CONFIG';

/** One config value of a resource. */
export interface ConfigEntry {
  name: string;
  /** `null` for a sensitive value (passwords) or one without a value. */
  value: string | null;
  source: ConfigSource;
  isReadOnly: boolean;
  isDefault: boolean;
  isSensitive: boolean;
  /** The values this one overrides, most specific first (the entry itself included). */
  synonyms: { name: string; value: string | null; source: ConfigSource }[];
}

/** A described resource: its configs by name, or the error that prevented describing it. */
export interface ConfigResourceDescription extends ConfigResource {
  configs: Record<string, ConfigEntry>;
  error: KafkaClientError | null;
}

/** How {@link AdminClient.incrementalAlterConfigs} changes one config. */
export type AlterConfigOpType = 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT';

/** One change: `SET` a value, `DELETE` it (back to the default), `APPEND`/`SUBTRACT` a list item. */
export interface ConfigChange {
  name: string;
  op: AlterConfigOpType;
  /** Required except for `DELETE`. */
  value?: string | number | boolean;
}

/** The changes to make to one resource. */
export interface ConfigAlteration extends ConfigResource {
  changes: ReadonlyArray<ConfigChange>;
}

/** Options of {@link AdminClient.incrementalAlterConfigs}. */
export interface AlterConfigsOptions extends AdminCallOptions {
  /** Check the changes without applying them. */
  validateOnly?: boolean;
}

/** The outcome for one resource: `error` is `null` on success. */
export interface ConfigResourceResult extends ConfigResource {
  /** e.g. `INVALID_CONFIG`, `UNKNOWN_TOPIC_OR_PART`, or an `AuthorizationError`. */
  error: KafkaClientError | null;
}

// ------------------------------------------------------------------ ACLs

/** The kind of resource an ACL applies to (`CLUSTER` is Kafka's cluster resource, named `kafka-cluster`). */
export type AclResourceType = 'ANY' | 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID';

/** How an ACL's resource name matches: exactly (`LITERAL`) or as a prefix (`PREFIXED`). Filters add `ANY`, `MATCH`. */
export type AclPatternType = 'ANY' | 'MATCH' | 'LITERAL' | 'PREFIXED';

/** An operation an ACL allows or denies (`ANY` in filters only). */
export type AclOperation =
  | 'UNKNOWN'
  | 'ANY'
  | 'ALL'
  | 'READ'
  | 'WRITE'
  | 'CREATE'
  | 'DELETE'
  | 'ALTER'
  | 'DESCRIBE'
  | 'CLUSTER_ACTION'
  | 'DESCRIBE_CONFIGS'
  | 'ALTER_CONFIGS'
  | 'IDEMPOTENT_WRITE';

/** Whether an ACL allows or denies (`ANY` in filters only). */
export type AclPermissionType = 'ANY' | 'DENY' | 'ALLOW';

/** One ACL: `principal` (e.g. `User:alice`) from `host` (`*` for any) may/may not `operation` the resource. */
export interface AclBinding {
  resourceType: Exclude<AclResourceType, 'ANY'>;
  /** Resource name; a prefix with `PREFIXED`; `*` for every resource; `kafka-cluster` for the cluster. */
  name: string;
  patternType: 'LITERAL' | 'PREFIXED';
  principal: string;
  host: string;
  operation: Exclude<AclOperation, 'ANY' | 'UNKNOWN'>;
  permissionType: Exclude<AclPermissionType, 'ANY'>;
}

/** Which ACLs to describe or delete: omitted (or `null`) strings and `ANY` match everything. */
export interface AclBindingFilter {
  resourceType: AclResourceType;
  name?: string | null;
  patternType: AclPatternType;
  principal?: string | null;
  host?: string | null;
  operation: Exclude<AclOperation, 'UNKNOWN'>;
  permissionType: AclPermissionType;
}

/** The outcome of creating one ACL. */
export interface AclResult {
  binding: AclBinding;
  error: KafkaClientError | null;
}

/** The outcome of one delete filter: the ACLs it deleted, or its error. */
export interface DeleteAclsResult {
  filter: AclBindingFilter;
  /** The bindings that matched and were deleted. */
  deleted: AclBinding[];
  error: KafkaClientError | null;
}

/** Which offset {@link AdminClient.listOffsets} looks up. */
export type OffsetSpec = 'earliest' | 'latest' | 'maxTimestamp' | { timestamp: number };

/** A partition and the offset to look up. */
export interface ListOffsetsRequest extends TopicPartition {
  spec: OffsetSpec;
}

/** An offset lookup result: the offset, or `error` for this partition only. */
export interface ListOffsetsResult extends TopicPartition {
  /** The offset found; `-1` for a timestamp after the last message. */
  offset: number;
  error: KafkaClientError | null;
}

export type { TopicPartition, TopicPartitionOffset };
