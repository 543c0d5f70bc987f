/**
 * Types shared by the {@link Consumer} facade: messages, topic partitions, offsets,
 * rebalance hooks, deserializers and the consumer configuration.
 *
 * @packageDocumentation
 */
import type { KafkaClientError } from '../errors';
import type { GroupMetadata, LevelLogger, OAuthBearerResult } from '../producer/types';
import type { DeserializerLike } from '../serde/types';

/** Start from the first offset still in the log (librdkafka `RD_KAFKA_OFFSET_BEGINNING`). */
export const OFFSET_BEGINNING = -2;
/** Start from the end of the log: only messages produced from now on (`RD_KAFKA_OFFSET_END`). */
export const OFFSET_END = -1;
/** Start from the group's committed offset (`RD_KAFKA_OFFSET_STORED`). */
export const OFFSET_STORED = -1000;
/** No offset: not committed, or unknown (`RD_KAFKA_OFFSET_INVALID`). */
export const OFFSET_INVALID = -1001;

/** A partition of a topic. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/**
 * A partition with an offset. In commits and `committed()` results, `offset` is the offset of the
 * *next* message to consume (last handled offset + 1), as in every Kafka client.
 */
export interface TopicPartitionOffset extends TopicPartition {
  /** An absolute offset, or one of {@link OFFSET_BEGINNING}, {@link OFFSET_END}, {@link OFFSET_STORED}, {@link OFFSET_INVALID}. */
  offset: number;
  /** Optional commit metadata (stored with the commit when the broker supports it). */
  metadata?: string;
  /** A per-partition error, when the operation failed for this partition only. */
  error?: KafkaClientError;
}

/** One header of a message. Header keys may repeat; order is preserved. */
export interface MessageHeader {
  key: string;
  value: Buffer;
}

/**
 * How a message timestamp was set.
 *
 * - `create-time`: set by the producer; `log-append-time`: set by the broker;
 * - `not-available`: the message carries no timestamp;
 * - `unknown`: a timestamp is present, but the binding cannot tell which kind (the
 *   `node-rdkafka` engine: node-rdkafka 3.6 does not expose `rd_kafka_message_timestamp()`'s type).
 */
export type TimestampType = 'create-time' | 'log-append-time' | 'not-available' | 'unknown';

/** A message timestamp. */
export interface MessageTimestamp {
  type: TimestampType;
  /** Milliseconds since the epoch; `-1` when `type` is `not-available`. */
  ms: number;
}

/**
 * A consumed message.
 *
 * @typeParam K - the key type: `Buffer | null` unless a `key.deserializer` is configured.
 * @typeParam V - the value type: `Buffer | null` unless a `value.deserializer` is configured.
 *
 * @remarks
 * `error` is `null` for an ordinary message. It is set (and the message is still returned, never
 * thrown) in two cases: a partition-EOF marker ({@link Message.eof} is `true`, the error is a
 * `ConsumeError` named `_PARTITION_EOF`, key and value are `null`, `offset` is the end offset),
 * or a key/value that its deserializer rejected (a `DeserializationError` naming topic, partition,
 * offset and field; the rejected field keeps its raw bytes).
 */
export interface Message<K = Buffer | null, V = Buffer | null> {
  topic: string;
  partition: number;
  offset: number;
  key: K;
  value: V;
  /** Headers in wire order; empty when the message has none. */
  headers: MessageHeader[];
  timestamp: MessageTimestamp;
  /** The partition leader epoch, or `null` when not known (node-rdkafka 3.6 does not expose it). */
  leaderEpoch: number | null;
  /** Size of the value in bytes (`0` for a null value). */
  size: number;
  /** `null`, or why this entry is not an ordinary message (see remarks). */
  error: KafkaClientError | null;
  /** `true` when this entry only marks the end of a partition (`enable.partition.eof`). */
  eof: boolean;
}

/** A partition-EOF event: the consumer has read everything in `topic`/`partition` up to `offset`. */
export type PartitionEof = Pick<TopicPartitionOffset, 'topic' | 'partition' | 'offset'>;

/** librdkafka's log line, as passed to the `logger` config key. */
export interface ConsumerLogRecord {
  /** syslog severity: 0 emergency … 3 error, 4 warning, 6 info, 7 debug. */
  severity: number;
  /** librdkafka's facility, e.g. `SESSTMOUT`, `FAIL`. */
  fac: string;
  message: string;
}

/**
 * A consumer configuration: librdkafka's dotted keys unchanged (a dict from a `confluent_kafka`
 * program works as is), plus the function-valued keys of the Python client.
 */
export interface ConsumerConfig {
  /** Bootstrap brokers, `host:port,host:port`. */
  'bootstrap.servers'?: string;
  /** The consumer group; required for `subscribe()`, commits and `committed()`. */
  'group.id'?: string;
  'enable.auto.commit'?: boolean | string;
  'enable.auto.offset.store'?: boolean | string;
  /** `earliest`, `latest` (the default) or `error` (librdkafka also takes its aliases). */
  'auto.offset.reset'?: 'earliest' | 'latest' | 'error' | (string & {});
  'enable.partition.eof'?: boolean | string;
  'partition.assignment.strategy'?: string;
  'session.timeout.ms'?: number | string;
  'max.poll.interval.ms'?: number | string;
  /** Deserializes every key (`Buffer | null` → anything); an object or a function, sync or async. */
  'key.deserializer'?: DeserializerLike;
  /** Deserializes every value (`Buffer | null` → anything); an object or a function, sync or async. */
  'value.deserializer'?: DeserializerLike;
  /** Python `error_cb`: called with every client-level error (the consumer goes on). */
  error_cb?: (error: KafkaClientError) => void;
  /** Python `stats_cb`: called with librdkafka's statistics JSON string (needs `statistics.interval.ms`). */
  stats_cb?: (json: string) => void;
  /** Python `throttle_cb`: called with broker throttle events. */
  throttle_cb?: (event: unknown) => void;
  /** Python `on_commit`: called after every commit (auto or manual) with the result per partition. */
  on_commit?: (error: KafkaClientError | null, partitions: TopicPartitionOffset[]) => void;
  /**
   * Python `logger`: a function taking each librdkafka log record, an object with `log(record)`,
   * or a level logger (`console`, pino, winston: `error`/`warn`/`info`/`debug` methods).
   */
  logger?: ((record: ConsumerLogRecord) => void) | { log(record: ConsumerLogRecord): void } | LevelLogger;
  /**
   * Python `oauth_cb` for SASL/OAUTHBEARER: called with `sasl.oauthbearer.config` before connecting
   * and again at 80 % of each token's lifetime; returns `{token, lifetime}` (ms since the epoch) or
   * Python's `[token, expiry]` (seconds), or a Promise of either.
   */
  oauth_cb?: (oauthbearerConfig: string) => OAuthBearerResult | Promise<OAuthBearerResult>;
  /** Any other librdkafka property. */
  [key: string]: unknown;
}

/** Rebalance hooks of `subscribe()`. Each may be async; the rebalance waits for it. */
export interface RebalanceHooks {
  /**
   * Partitions were assigned to this consumer (with cooperative-sticky: only the new ones).
   * Set `offset` on entries to start elsewhere than the committed offset.
   */
  onAssign?: (partitions: TopicPartitionOffset[]) => void | Promise<void>;
  /** Partitions are being taken away; commit what was handled here (commits still succeed). */
  onRevoke?: (partitions: TopicPartition[]) => void | Promise<void>;
  /**
   * Partitions were lost (the group moved on without this member: session timeout, max poll
   * interval exceeded); commits would fail. Falls back to `onRevoke` when not given.
   */
  onLost?: (partitions: TopicPartition[]) => void | Promise<void>;
}

/** What the `rebalance` event reports. */
export interface RebalanceEvent {
  kind: 'assign' | 'revoke' | 'lost';
  /** `eager` or `cooperative` (incremental). */
  protocol: 'eager' | 'cooperative';
  partitions: TopicPartition[];
}

/** Options of `commit()`. Give at most one of `message`, `messages`, `offsets`. */
export interface CommitOptions {
  /** Commit this message's offset + 1. */
  message?: Pick<Message<unknown, unknown>, 'topic' | 'partition' | 'offset'>;
  /** Commit each message's offset + 1 (the highest per partition). */
  messages?: Pick<Message<unknown, unknown>, 'topic' | 'partition' | 'offset'>[];
  /** Commit these offsets as given (next offset to read). */
  offsets?: TopicPartitionOffset[];
  /**
   * `false` (default): the returned Promise settles with the broker's answer.
   * `true`: the commit is queued and the Promise resolves at once; the result reaches `on_commit`
   * and the `commit` event.
   */
  asynchronous?: boolean;
}

/** Options of the message iterator and of {@link RunOptions}. */
export interface FetchOptions {
  /** Most messages taken from librdkafka per crossing into native code (default 500). */
  batchSize?: number;
  /**
   * How long one fetch waits for the batch to fill before handing over what it has, in ms
   * (default 100). Only bounds latency; an idle consumer simply waits.
   */
  maxWaitMs?: number;
}

/** A batch of messages from one partition, in offset order. */
export interface Batch<K = Buffer | null, V = Buffer | null> {
  topic: string;
  partition: number;
  messages: Message<K, V>[];
  /** Offset of the first message. */
  firstOffset: number;
  /** Offset of the last message. */
  lastOffset: number;
}

/** Options of `run()`: give `eachBatch` or `eachMessage`. */
export interface RunOptions<K = Buffer | null, V = Buffer | null> extends FetchOptions {
  /** Called with each partition's share of a fetch; one call per partition at a time, in order. */
  eachBatch?: (batch: Batch<K, V>) => void | Promise<void>;
  /** Called with each message; messages of one partition are handled one after another, in order. */
  eachMessage?: (message: Message<K, V>) => void | Promise<void>;
  /** How many partitions are handled at the same time (default 1). Order within a partition always holds. */
  partitionsConcurrently?: number;
  /**
   * Store each message's offset once its handler resolved (default: `true` when
   * `enable.auto.offset.store` is `false`). With auto-commit on, only handled messages are
   * committed: at-least-once.
   */
  storeOffsets?: boolean;
}

export type { GroupMetadata, LevelLogger };
