/**
 * The consumer engine over simple-kafka's own addon (`native/consumer.cc`): one crossing per
 * batch, keys/values/headers as views of one Buffer. Internal.
 *
 * @packageDocumentation
 */
import { KafkaClientError } from '../errors';
import { native } from '../native';
import type { ConsumerEngine, EngineFetchOptions, EngineFetchResult, EngineHandlers } from './engine';
import type { RawEof, RawError, RawTopicPartition } from './internal';
import type { GroupMetadata, Message, MessageHeader, TimestampType, TopicPartition, TopicPartitionOffset } from './types';

/** One batch as `native/consumer.cc` hands it over. */
export interface NativeBatch {
  /** Keys, values and header values of all messages, back to back. */
  data: Buffer;
  /** 9 numbers per message: topic index, partition, offset, timestamp, timestamp type, key length, value length, leader epoch, header count. */
  meta: Float64Array;
  count: number;
  topics: string[];
  headerNames?: string[];
  headerLengths?: Float64Array;
  /** 4 numbers per EOF: topic index, partition, offset, index of the message it follows. */
  eofs?: Float64Array;
  errors?: RawError[];
  rebalances?: Array<{ code: number; cooperative: boolean; lost: boolean; partitions: TopicPartitionOffset[] }>;
}

type NativeEvent =
  | { type: 'error'; code: number; message: string; isFatal: boolean }
  | { type: 'log'; severity: number; fac: string; message: string }
  | { type: 'stats'; message: string }
  | { type: 'throttle'; broker: string; brokerId: number; throttleMs: number }
  | { type: 'commit'; code: number; partitions: RawTopicPartition[] }
  | { type: 'oauthbearer-token-refresh'; message: string };

/** The native Consumer class (see `native/consumer.h`). */
export interface NativeConsumerHandle {
  connect(timeoutMs: number): Promise<void>;
  subscribe(topics: string[]): void;
  unsubscribe(): void;
  subscription(): string[];
  assign(partitions: Array<TopicPartition | TopicPartitionOffset> | null): void;
  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void;
  incrementalUnassign(partitions: TopicPartition[]): void;
  assignment(): RawTopicPartition[];
  assignmentLost(): boolean;
  rebalanceProtocol(): string;
  consume(count: number, timeoutMs: number, fill: boolean, cb: (err: Error | null, batch: NativeBatch) => void): void;
  wake(): void;
  commit(offsets: TopicPartitionOffset[] | null): void;
  commitSync(offsets: TopicPartitionOffset[] | null): Promise<void>;
  storeOffsets(offsets: TopicPartitionOffset[]): void;
  committed(partitions: TopicPartition[], timeoutMs: number): Promise<RawTopicPartition[]>;
  position(partitions: TopicPartition[]): RawTopicPartition[];
  seek(partitions: TopicPartitionOffset[], timeoutMs: number): Promise<void>;
  pause(partitions: TopicPartition[]): number;
  resume(partitions: TopicPartition[]): number;
  getWatermarkOffsets(topic: string, partition: number): { lowOffset: number; highOffset: number };
  queryWatermarkOffsets(topic: string, partition: number, timeoutMs: number): Promise<{ lowOffset: number; highOffset: number }>;
  offsetsForTimes(partitions: TopicPartitionOffset[], timeoutMs: number): Promise<RawTopicPartition[]>;
  groupMetadata(): (GroupMetadata & { serialized: Buffer }) | null;
  setOAuthToken(token: string, lifetimeMs: number, principal: string, extensions?: string[]): void;
  setOAuthTokenFailure(reason: string): void;
  events(max?: number): NativeEvent[];
  close(): Promise<void>;
  isClosed(): boolean;
}

const STRIDE = 9;
const TIMESTAMP_TYPES: readonly TimestampType[] = ['not-available', 'create-time', 'log-append-time'];
const NO_HEADERS: MessageHeader[] = [];
const EMPTY = Buffer.alloc(0);
/** Most messages one native call takes (the addon's limit). */
const MAX_CALL_MESSAGES = 1 << 20;
/** Longest single native consume call (the addon itself blocks in slices of at most 200 ms). */
const CALL_MS = 500;
/** How often librdkafka's main queue (errors, logs, stats, commit results) is served while no fetch runs. */
const EVENT_INTERVAL_MS = 100;

/**
 * Messages of a batch. Keys, values and header values are views of `batch.data` (no copy): a
 * message kept alive keeps its batch's Buffer alive.
 */
export function decodeBatch(batch: NativeBatch): Message[] {
  const { data, meta, topics, count } = batch;
  const names = batch.headerNames;
  const lengths = batch.headerLengths;
  const out: Message[] = new Array(count);
  let pos = 0;
  let h = 0;
  for (let i = 0, j = 0; i < count; i++, j += STRIDE) {
    const keyLen = meta[j + 5];
    const valueLen = meta[j + 6];
    const headerCount = meta[j + 8];
    let key: Buffer | null = null;
    if (keyLen >= 0) {
      key = data.subarray(pos, pos + keyLen);
      pos += keyLen;
    }
    let value: Buffer | null = null;
    if (valueLen >= 0) {
      value = data.subarray(pos, pos + valueLen);
      pos += valueLen;
    }
    let headers = NO_HEADERS;
    if (headerCount > 0 && names && lengths) {
      headers = new Array(headerCount);
      for (let k = 0; k < headerCount; k++, h++) {
        const len = lengths[h];
        headers[k] = { key: names[h], value: len > 0 ? data.subarray(pos, pos + len) : EMPTY };
        if (len > 0) pos += len;
      }
    }
    const epoch = meta[j + 7];
    out[i] = {
      topic: topics[meta[j]],
      partition: meta[j + 1],
      offset: meta[j + 2],
      key,
      value,
      headers,
      timestamp: { type: TIMESTAMP_TYPES[meta[j + 4]] ?? 'unknown', ms: meta[j + 3] },
      leaderEpoch: epoch >= 0 ? epoch : null,
      size: valueLen >= 0 ? valueLen : 0,
      error: null,
      eof: false,
    };
  }
  return out;
}

function decodeEofs(batch: NativeBatch): RawEof[] {
  const e = batch.eofs;
  if (!e || e.length === 0) return [];
  const out: RawEof[] = [];
  for (let j = 0; j < e.length; j += 4) out.push({ topic: batch.topics[e[j]], partition: e[j + 1], offset: e[j + 2], messageIndex: e[j + 3] });
  return out;
}

/** The `sub` claim of a JWT, if it is one. */
function jwtSubject(token: string): string | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

function stringConfig(conf: Record<string, string | number | boolean>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(conf)) out[k] = String(v);
  return out;
}

/** The engine over `native/consumer.cc`. */
export class NativeEngine implements ConsumerEngine {
  readonly kind = 'native';
  readonly #handle: NativeConsumerHandle;
  readonly #handlers: EngineHandlers;
  #timer: NodeJS.Timeout | undefined;

  /**
   * @param conf - librdkafka properties (global and topic-level together: librdkafka routes
   *   topic-level ones to the default topic config).
   * @param oauth - `true` when the facade sets OAUTHBEARER tokens itself (`oauth_cb`).
   */
  constructor(conf: Record<string, string | number | boolean>, handlers: EngineHandlers, oauth: boolean) {
    const Ctor = (native() as unknown as { Consumer: new (conf: Record<string, string>, options: { oauth: boolean }) => NativeConsumerHandle }).Consumer;
    try {
      this.#handle = new Ctor(stringConfig(conf), { oauth });
    } catch (err) {
      throw new KafkaClientError('ERR_CONFIG', `consumer config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
    }
    this.#handlers = handlers;
    this.#timer = setInterval(() => this.#drain(), EVENT_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Serves librdkafka's main queue: errors, logs, stats, throttles, commit results. */
  #drain(): void {
    if (this.#handle.isClosed()) return;
    const events = this.#handle.events(1000);
    for (const e of events) {
      switch (e.type) {
        case 'error':
          this.#handlers.error({ code: e.code, message: e.message, isFatal: e.isFatal });
          break;
        case 'log':
          this.#handlers.log(e);
          break;
        case 'stats':
          this.#handlers.stats(e.message);
          break;
        case 'throttle':
          this.#handlers.throttle({ broker: e.broker, brokerId: e.brokerId, throttleMs: e.throttleMs });
          break;
        case 'commit':
          this.#handlers.commit(e.code !== 0 ? { code: e.code, message: '' } : undefined, e.partitions);
          break;
        default:
          // OAUTHBEARER refresh requests: the facade's refresher replaces tokens on its own schedule.
          break;
      }
    }
  }

  connect(timeoutMs: number): Promise<void> {
    return this.#handle.connect(timeoutMs);
  }

  setOAuthToken(token: string, lifetimeMs: number): void {
    this.#handle.setOAuthToken(token, lifetimeMs, jwtSubject(token) ?? 'unknown');
  }

  subscribe(patterns: string[]): void {
    this.#handle.subscribe(patterns);
  }

  unsubscribe(): void {
    this.#handle.unsubscribe();
  }

  subscription(): string[] {
    return this.#handle.subscription();
  }

  assign(partitions: Array<TopicPartition | TopicPartitionOffset>): void {
    this.#handle.assign(partitions);
  }

  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void {
    this.#handle.incrementalAssign(partitions);
  }

  incrementalUnassign(partitions: TopicPartition[]): void {
    this.#handle.incrementalUnassign(partitions);
  }

  unassign(): void {
    this.#handle.assign(null);
  }

  assignment(): TopicPartition[] {
    return this.#handle.assignment().map((tp) => ({ topic: (tp as TopicPartition).topic, partition: (tp as TopicPartition).partition }));
  }

  assignmentLost(): boolean {
    return this.#handle.assignmentLost();
  }

  rebalanceProtocol(): string {
    return this.#handle.rebalanceProtocol();
  }

  /**
   * Native calls of at most {@link CALL_MS} each until `count` (with `fill`) or something (without)
   * came, or `waitMs` is up. A call also returns early on a rebalance or a consume error. Short
   * calls keep a thread-pool thread from being held long when the process or worker exits.
   */
  async fetch(o: EngineFetchOptions): Promise<EngineFetchResult> {
    const deadline = Date.now() + o.waitMs;
    const result: EngineFetchResult = { messages: [], eofs: [] };
    for (;;) {
      const left = Math.max(0, deadline - Date.now());
      const batch = await new Promise<NativeBatch>((resolve, reject) => {
        try {
          this.#handle.consume(Math.min(o.count - result.messages.length, MAX_CALL_MESSAGES), Math.min(left, CALL_MS), o.fill, (err, b) => (err ? reject(err) : resolve(b)));
        } catch (err) {
          reject(err);
        }
      });
      const messages = decodeBatch(batch);
      const base = result.messages.length;
      for (const m of messages) result.messages.push(m);
      for (const e of decodeEofs(batch)) result.eofs.push({ ...e, messageIndex: (e.messageIndex ?? -1) + base });
      if (batch.rebalances) {
        for (const r of batch.rebalances) this.#handlers.rebalance({ code: r.code }, r.partitions, r.lost);
      }
      this.#drain();
      for (const raw of batch.errors ?? []) {
        const err = o.onError(raw);
        if (err) {
          result.error = err;
          return result;
        }
      }
      if (!o.active() || Date.now() >= deadline) return result;
      if (o.fill ? result.messages.length >= o.count : result.messages.length + result.eofs.length > 0) return result;
    }
  }

  wake(): void {
    this.#handle.wake();
  }

  commit(offsets: TopicPartitionOffset[] | null, asynchronous: boolean): Promise<void> {
    if (!asynchronous) return this.#handle.commitSync(offsets);
    this.#handle.commit(offsets);
    return Promise.resolve();
  }

  storeOffsets(offsets: TopicPartitionOffset[]): void {
    this.#handle.storeOffsets(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
  }

  committed(partitions: TopicPartition[], timeoutMs: number): Promise<RawTopicPartition[]> {
    return this.#handle.committed(partitions, timeoutMs);
  }

  position(partitions: TopicPartition[]): RawTopicPartition[] {
    return this.#handle.position(partitions);
  }

  seek(partition: TopicPartitionOffset, timeoutMs: number): Promise<void> {
    const { topic, partition: p, offset } = partition;
    return this.#handle.seek([{ topic, partition: p, offset }], timeoutMs);
  }

  pause(partitions: TopicPartition[]): number {
    return this.#handle.pause(partitions);
  }

  resume(partitions: TopicPartition[]): number {
    return this.#handle.resume(partitions);
  }

  async watermarks(topic: string, partition: number, cached: boolean, timeoutMs: number): Promise<{ low: number; high: number }> {
    const w = cached ? this.#handle.getWatermarkOffsets(topic, partition) : await this.#handle.queryWatermarkOffsets(topic, partition, timeoutMs);
    return { low: w.lowOffset, high: w.highOffset };
  }

  offsetsForTimes(partitions: TopicPartitionOffset[], timeoutMs: number): Promise<RawTopicPartition[]> {
    return this.#handle.offsetsForTimes(partitions, timeoutMs);
  }

  groupMetadata(): (GroupMetadata & { serialized: Buffer }) | null {
    return this.#handle.groupMetadata();
  }

  async close(): Promise<void> {
    this.#drain();
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#handle.close();
  }
}
