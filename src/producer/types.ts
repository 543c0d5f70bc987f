/**
 * Types of the {@link Producer} facade: records, delivery metadata, headers,
 * callbacks and the producer configuration.
 *
 * @packageDocumentation
 */
import type { KafkaError } from '../errors';
import type { LibrdkafkaProperties } from '../config/generated';
import type { SerializerLike } from '../serde/types';

/** Bytes as the producer sends them without a serializer: a Buffer, any Uint8Array, a string (UTF-8), or `null`. */
export type RawBytes = Buffer | Uint8Array | string | null;

/** One header value: bytes, a string (UTF-8), or `null`. */
export type HeaderValue = Buffer | Uint8Array | string | null;

/**
 * Message headers, in any of the shapes other clients use:
 *
 * - an object, KafkaJS style: `{ 'trace-id': 'abc', tags: ['a', 'b'] }` (an array repeats the header);
 * - a list of pairs, confluent-kafka-python style: `[['trace-id', 'abc'], ['tag', 'a']]`;
 * - a list of `{ key, value }`, the shape the consumer returns.
 *
 * Order and duplicates are kept as given.
 */
export type MessageHeaders =
  | Readonly<Record<string, HeaderValue | undefined | readonly HeaderValue[]>>
  | ReadonlyArray<readonly [string, HeaderValue | undefined]>
  | ReadonlyArray<{ readonly key: string; readonly value: HeaderValue | undefined }>;

/**
 * A message to produce with {@link Producer.send} or {@link Producer.sendBatch}.
 *
 * @typeParam K - key type: {@link RawBytes} unless `key.serializer` is configured.
 * @typeParam V - value type: {@link RawBytes} unless `value.serializer` is configured.
 */
export interface ProducerRecord<K = RawBytes, V = RawBytes> {
  /** Topic to produce to. */
  topic: string;
  /** The value; `null` or absent is a tombstone. */
  value?: V | null;
  /** The key; decides the partition through `partitioner` unless `partition` is given. */
  key?: K | null;
  /** An explicit partition (an integer ≥ 0); absent: the configured `partitioner` chooses. */
  partition?: number;
  /** Message headers. */
  headers?: MessageHeaders;
  /** Create time in milliseconds since the epoch (or a Date); absent: now. */
  timestamp?: number | Date;
}

/** Where a message was written, as the broker acknowledged it. */
export interface RecordMetadata {
  topic: string;
  partition: number;
  /** Offset of the message in its partition; `-1` when the broker does not say (`acks=0`). */
  offset: number;
  /** The message timestamp in milliseconds since the epoch (create time, or log-append time when the topic uses it). */
  timestamp: number;
}

/** What a Python-style delivery callback receives with the error (if any) — `confluent_kafka.Message` as plain data. */
export interface DeliveryReport<K = unknown, V = unknown> extends RecordMetadata {
  /** The key as given to `produce()` (before serialization). */
  key: K | null | undefined;
  /** The value as given to `produce()` (before serialization). */
  value: V | null | undefined;
  /** The headers as given to `produce()`. */
  headers: MessageHeaders | undefined;
}

/**
 * A Python-style delivery callback (`on_delivery`): `error` is `null` on success.
 *
 * @remarks Runs only inside {@link Producer.poll} and {@link Producer.flush}, as in confluent-kafka-python.
 */
export type DeliveryCallback<K = unknown, V = unknown> = (error: KafkaError | null, report: DeliveryReport<K, V>) => void;

/** Options of Python-style {@link Producer.produce}. */
export interface ProduceOptions<K = RawBytes, V = RawBytes> {
  /** The value; `null` or absent is a tombstone. */
  value?: V | null;
  /** The key. */
  key?: K | null;
  /** An explicit partition; absent (or `-1`, Python's default): the partitioner chooses. */
  partition?: number;
  /** Message headers. */
  headers?: MessageHeaders;
  /** Create time in milliseconds since the epoch (or a Date); absent or `0`: now. */
  timestamp?: number | Date;
  /** Called from `poll()`/`flush()` with this message's delivery report; overrides the `on_delivery` config key. */
  onDelivery?: DeliveryCallback<K, V>;
  /** Python's spelling of {@link ProduceOptions.onDelivery}. */
  on_delivery?: DeliveryCallback<K, V>;
}

/** A throttle event: a broker delayed a response because of a quota. */
export interface ThrottleEvent {
  /** Broker name, `host:port/id`. */
  broker: string;
  brokerId: number;
  /** How long the broker throttled, in ms (`0`: throttling ended). */
  throttleMs: number;
}

/** One librdkafka log line, as the `logger` receives it. */
export interface ProducerLogRecord {
  /** syslog severity: 0 emergency … 3 error, 4 warning, 5 notice, 6 info, 7 debug. */
  severity: number;
  /** librdkafka's facility, e.g. `FAIL`, `CONFWARN`. */
  fac: string;
  message: string;
}

/** A console-like logger: the method matching the severity is called. */
export interface LevelLogger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug?(message: string): void;
}

/** What the `logger` key accepts. */
export type ProducerLogger = ((record: ProducerLogRecord) => void) | { log(record: ProducerLogRecord): void } | LevelLogger;

/** An OAUTHBEARER token, as `oauth_cb` returns it. */
export interface OAuthBearerToken {
  /** The token (a JWT). */
  token: string;
  /** When it expires: milliseconds since the epoch. */
  lifetime: number;
  /** The principal name. */
  principal?: string;
  /** SASL extensions. */
  extensions?: Record<string, string>;
}

/**
 * What `oauth_cb` may return (or resolve to): a {@link OAuthBearerToken}, or
 * Python's tuple `[token, expiry, principal?, extensions?]` where `expiry` is
 * seconds since the epoch (Python) or milliseconds (values above 10¹¹ are read as ms).
 */
export type OAuthBearerResult = OAuthBearerToken | readonly [string, number, string?, Record<string, string>?];

/**
 * Options of the producer that are not librdkafka properties.
 */
export interface ProducerOptions<K = RawBytes, V = RawBytes> {
  /**
   * The send gate: at most this many messages given to `send()`/`sendBatch()`
   * are un-acknowledged at once; past it `send()` waits (backpressure).
   * Default: `queue.buffering.max.messages` (librdkafka's default 100 000).
   */
  maxInFlight?: number;
  /**
   * `'async'` (default): `send()` pipelines up to `maxInFlight` messages.
   * `'sync'`: a gate of 1 — each message is acknowledged before the next
   * leaves (ordering without idempotence); `linger.ms` defaults to 0.
   */
  mode?: 'async' | 'sync';
  /** Serializes every key given to `send`, `sendBatch` and `produce`. */
  'key.serializer'?: SerializerLike<K>;
  /** Serializes every value given to `send`, `sendBatch` and `produce`. */
  'value.serializer'?: SerializerLike<V>;
  /** Python `error_cb`: called with every client-level error (transport, authentication, fatal). */
  error_cb?: (error: KafkaError) => void;
  /** Python `stats_cb`: the statistics JSON string every `statistics.interval.ms`. */
  stats_cb?: (json: string) => void;
  /** Python `throttle_cb`: broker throttle events. */
  throttle_cb?: (event: ThrottleEvent) => void;
  /** Python `oauth_cb`: called with `sasl.oauthbearer.config` when a token is needed. */
  oauth_cb?: (oauthbearerConfig: string) => OAuthBearerResult | Promise<OAuthBearerResult>;
  /** Python `on_delivery`: the default delivery callback of {@link Producer.produce}. */
  on_delivery?: DeliveryCallback<K, V>;
  /** Python `logger`: receives librdkafka's log lines (instead of stderr). */
  logger?: ProducerLogger;
}

/**
 * A producer configuration: librdkafka's dotted keys unchanged (a dict from a
 * `confluent_kafka` program works as is), the Python function-valued keys,
 * serializers, and {@link ProducerOptions}.
 *
 * @example
 * ```ts
 * const config: ProducerConfig = { 'bootstrap.servers': 'localhost:9092', acks: 'all', 'linger.ms': 5 };
 * ```
 */
export type ProducerConfig<K = RawBytes, V = RawBytes> = LibrdkafkaProperties & ProducerOptions<K, V> & { [key: string]: unknown };

/** Consumer group metadata for {@link Producer.sendOffsetsToTransaction}. */
export interface GroupMetadata {
  groupId: string;
  /** The consumer's generation; `-1` (default) skips the broker's zombie fencing. */
  generationId?: number;
  memberId?: string;
  groupInstanceId?: string;
}

/**
 * What {@link Producer.sendOffsetsToTransaction} accepts as group metadata: a
 * group id, a {@link GroupMetadata}, the bytes of librdkafka's serialized
 * metadata (`rd_kafka_consumer_group_metadata_write`), or a consumer with a
 * `groupMetadata()` / `consumerGroupMetadata()` method returning one of those.
 */
export type GroupMetadataLike =
  | string
  | GroupMetadata
  | Buffer
  | { groupMetadata(): string | GroupMetadata | Buffer }
  | { consumerGroupMetadata(): string | GroupMetadata | Buffer };

/** A consumed position to commit in a transaction: `offset` is the next offset to read (last processed + 1). */
export interface TransactionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** Options of {@link Producer.purge}, Python's `purge(in_queue, in_flight, blocking)`. */
export interface PurgeOptions {
  /** Purge messages still in the local queue (default true). */
  queue?: boolean;
  /** Purge messages in flight to the broker (default true); the broker may still write them. */
  inflight?: boolean;
  /** Wait for librdkafka's threads to purge (default true). */
  blocking?: boolean;
}

/** Options of {@link Producer.close}. */
export interface CloseOptions {
  /** How long close waits for outstanding messages before purging them (default 30 000 ms). */
  timeoutMs?: number;
}

/** Options of {@link Producer.connect}. */
export interface ConnectOptions {
  /** How long to wait for the cluster's metadata (default 10 000 ms). */
  timeoutMs?: number;
}
