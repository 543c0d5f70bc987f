/**
 * The typed surface of the addon's native `Producer` (see `native/producer.h`).
 *
 * @internal
 * @packageDocumentation
 */
import { native } from '../native';

/** Numbers per delivery report in the Float64Array handed to `onDelivery`. */
export const REPORT_STRIDE = 7;
/** Offsets inside one report. */
export const R_TAG = 0;
export const R_INDEX = 1;
export const R_ERR = 2;
export const R_PARTITION = 3;
export const R_OFFSET = 4;
export const R_TIMESTAMP = 5;
export const R_STATUS = 6;
/** Largest batch one `produceBatch` call takes (the index has 20 bits). */
export const MAX_NATIVE_BATCH = (1 << 20) - 1;

/** `rd_kafka_purge` flags. */
export const PURGE_QUEUE = 1;
export const PURGE_INFLIGHT = 2;
export const PURGE_NON_BLOCKING = 4;

/** `rd_kafka_msg_status_t`. */
export const STATUS_NOT_PERSISTED = 0;
export const STATUS_POSSIBLY_PERSISTED = 1;
export const STATUS_PERSISTED = 2;

/** librdkafka error codes the facade acts on. */
export const ERR_QUEUE_FULL = -184;
export const ERR_PURGE_QUEUE = -152;
export const ERR_PURGE_INFLIGHT = -151;
export const ERR_FATAL = -150;

/** Bytes as the native side takes them. */
export type NativeBytes = Buffer | Uint8Array | string | null;

/** A header list flattened for the native side: `[name, value, name, value, ...]`. */
export type FlatHeaders = Array<string | NativeBytes>;

/** Events the native producer emits. */
export interface NativeEvents {
  error: { errno: number; kafkaName: string; message: string; fatal: boolean };
  log: { level: number; facility: string; message: string };
  stats: string;
  throttle: { broker: string; brokerId: number; throttleMs: number };
  'oauthbearer-token-refresh': string;
}

/** The native producer instance. */
export interface NativeProducer {
  /** Enqueues a batch; returns its length, or per-message error codes (0 = enqueued) when some failed. */
  produceBatch(
    topic: string,
    tag: number,
    values: NativeBytes[],
    keys: NativeBytes[] | null,
    partitions: Int32Array | number,
    timestamps: Float64Array | null,
    headers: Array<FlatHeaders | null> | null,
    /** Index of message 0 in its tag's reports (default 0): a tag's messages may come over several calls. */
    base?: number,
  ): number | Int32Array;
  /**
   * Enqueues a batch packed by `Packer` (pack.ts): value i then key i back to back
   * in `data`, their lengths in `lengths` (-1: null). Same result as `produceBatch`.
   */
  producePacked(
    topic: string,
    tag: number,
    data: Uint8Array,
    lengths: Int32Array,
    count: number,
    partitions: Int32Array | number,
    timestamps: Float64Array | null,
  ): number | Int32Array;
  /**
   * Enqueues one message as index `index` of `tag` (no timestamp, no headers).
   * Returns 0, or librdkafka's error code when it refused the message.
   */
  produceOne(topic: string | number, tag: number, index: number, value: NativeBytes, key: NativeBytes, partition: number): number;
  /** An id for `topic` that produceOne() takes in place of the name (no string conversion per message); valid for the handle's life. */
  topicId(topic: string): number;
  poll(timeoutMs: number): number;
  flush(timeoutMs: number): Promise<number>;
  purge(flags: number): void;
  outqLen(): number;
  inFlight(): number;
  close(): Promise<void>;
  metadata(timeoutMs: number, topic?: string): Promise<{
    brokers: { id: number; host: string; port: number }[];
    topics: { name: string; partitions: number; errno: number }[];
  }>;
  initTransactions(timeoutMs: number): Promise<void>;
  beginTransaction(): void;
  sendOffsetsToTransaction(
    offsets: { topic: string; partition: number; offset: number }[],
    group: Buffer | { groupId: string; generationId?: number; memberId?: string; groupInstanceId?: string },
    timeoutMs: number,
  ): Promise<void>;
  commitTransaction(timeoutMs: number): Promise<void>;
  abortTransaction(timeoutMs: number): Promise<void>;
  setOAuthToken(token: string, lifetimeMs: number, principal: string, extensions: string[]): void;
  setOAuthTokenFailure(reason: string): void;
  fatalError(): Error | null;
  /** Raises a fatal error as a broker would (`rd_kafka_test_fatal_error`; tests only). */
  testFatalError(errno: number, reason: string): number;
  name(): string;
}

/** The native producer class. */
export interface NativeProducerClass {
  new (
    config: Record<string, string>,
    onDelivery: (reports: Float64Array) => void,
    onEvent: <T extends keyof NativeEvents>(type: T, payload: NativeEvents[T]) => void,
    events: { log: boolean; stats: boolean; oauth: boolean; throttle: boolean },
  ): NativeProducer;
  /** librdkafka's partitioner `name` applied to `key` (-1: random). */
  partition(name: string, key: NativeBytes, partitionCount: number): number;
}

/** The native Producer class of the addon. */
export function nativeProducerClass(): NativeProducerClass {
  return (native() as unknown as { Producer: NativeProducerClass }).Producer;
}
