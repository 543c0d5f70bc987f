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
  error: KafkaClientError | null;
}

/** A broker of the cluster. */
export interface BrokerDescription {
  id: number;
  host: string;
  port: number;
}

/**
 * The cluster as metadata shows it.
 *
 * @remarks `clusterId` and `controller` are `null`: node-rdkafka 3.6's metadata does not carry
 * them (librdkafka's `rd_kafka_DescribeCluster` is not bound).
 */
export interface ClusterDescription {
  brokers: BrokerDescription[];
  clusterId: string | null;
  controller: number | null;
}

/** Which offset {@link AdminClient.listOffsets} looks up. */
export type OffsetSpec = 'earliest' | 'latest' | { timestamp: number };

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
