/**
 * The consumer facade's engines: the librdkafka handle under a {@link Consumer}, either simple-kafka's
 * own addon (`native`, the default) or node-rdkafka's `KafkaConsumer`. Internal: nothing here is
 * exported from the package barrel.
 *
 * Both engines take librdkafka properties, call the same {@link EngineHandlers}, and throw or
 * reject with node-rdkafka-shaped errors (`{code: number, message}`) that the facade maps with
 * `fromRdkafkaError`.
 *
 * @packageDocumentation
 */
import type { KafkaConsumer as RdKafkaConsumer } from 'node-rdkafka';

import { KafkaClientError } from '../errors';
import { nodeRdkafka } from '../native';
import { fetchLoop, toMessage, type RawEof, type RawError, type RawMessage, type RawTopicPartition } from './internal';
import type { GroupMetadata, Message, TopicPartition, TopicPartitionOffset } from './types';

/** Which librdkafka binding a consumer runs on. */
export type ConsumerEngineKind = 'native' | 'node-rdkafka';

/** What an engine reports back to the facade (always on the JS thread). */
export interface EngineHandlers {
  /** A group rebalance: the facade runs the hooks, then assigns/unassigns through the engine. */
  rebalance(err: RawError | undefined, partitions: TopicPartitionOffset[], lost?: boolean): void;
  commit(err: RawError | undefined, partitions: RawTopicPartition[]): void;
  error(err: RawError): void;
  stats(json: string): void;
  throttle(event: unknown): void;
  log(record: { severity?: number; fac?: string; message?: string }): void;
}

/** Inputs of {@link ConsumerEngine.fetch}. */
export interface EngineFetchOptions {
  count: number;
  waitMs: number;
  /** `true`: wait until `count` or `waitMs`; `false`: return as soon as something came. */
  fill: boolean;
  /** `false` ends the fetch with what it has (closing). */
  active: () => boolean;
  /** A consume error: `undefined` to go on, or the error that ends the fetch. */
  onError: (err: unknown) => Error | undefined;
}

/** Messages (not yet deserialized) and EOF events of one fetch. */
export interface EngineFetchResult {
  messages: Message[];
  eofs: RawEof[];
  error?: Error;
}

/** The librdkafka consumer handle behind the facade. */
export interface ConsumerEngine {
  readonly kind: ConsumerEngineKind;
  connect(timeoutMs: number): Promise<void>;
  setOAuthToken(token: string, lifetimeMs: number): void;
  subscribe(patterns: string[]): void;
  unsubscribe(): void;
  subscription(): string[];
  assign(partitions: Array<TopicPartition | TopicPartitionOffset>): void;
  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void;
  incrementalUnassign(partitions: TopicPartition[]): void;
  unassign(): void;
  assignment(): TopicPartition[];
  /** librdkafka's `rd_kafka_assignment_lost()`: the group session was lost. */
  assignmentLost(): boolean;
  /** `EAGER`, `COOPERATIVE` or `NONE`. */
  rebalanceProtocol(): string;
  /** One fetch; `waitMs` bounds it as a whole. At most one runs at a time. */
  fetch(options: EngineFetchOptions): Promise<EngineFetchResult>;
  /** Ends the fetch in flight soon (closing). */
  wake(): void;
  commit(offsets: TopicPartitionOffset[] | null, asynchronous: boolean): Promise<void>;
  storeOffsets(offsets: TopicPartitionOffset[]): void;
  committed(partitions: TopicPartition[], timeoutMs: number): Promise<RawTopicPartition[]>;
  position(partitions: TopicPartition[]): RawTopicPartition[];
  seek(partition: TopicPartitionOffset, timeoutMs: number): Promise<void>;
  /** 0, or the librdkafka code of the first failed partition. */
  pause(partitions: TopicPartition[]): number;
  resume(partitions: TopicPartition[]): number;
  watermarks(topic: string, partition: number, cached: boolean, timeoutMs: number): Promise<{ low: number; high: number }>;
  offsetsForTimes(partitions: TopicPartitionOffset[], timeoutMs: number): Promise<RawTopicPartition[]>;
  /** Member id and generation from librdkafka, when the engine can tell (native only). */
  groupMetadata(): (GroupMetadata & { serialized?: Buffer }) | null;
  /** Leaves the group and releases librdkafka; the facade calls it once, with no call in flight. */
  close(): Promise<void>;
}

/** Longest single blocking call into librdkafka of the node-rdkafka engine. */
const SLICE_MS = 200;

/** The part of node-rdkafka's native consumer handle used directly. */
interface RdNativeHandle {
  consume(timeoutMs: number, count: number, cb: (err: RawError | null, messages: RawMessage[], eofs: RawEof[]) => void): void;
  pause(partitions: TopicPartition[]): number;
  resume(partitions: TopicPartition[]): number;
}

/** The engine over node-rdkafka's `KafkaConsumer` (one JS object per message from C++). */
export class RdkafkaEngine implements ConsumerEngine {
  readonly kind = 'node-rdkafka';
  readonly #client: RdKafkaConsumer;

  /**
   * @param rdkafka - librdkafka global properties.
   * @param topic - librdkafka topic-level properties (node-rdkafka installs a default topic config of its own).
   */
  constructor(rdkafka: Record<string, string | number | boolean>, topic: Record<string, string | number | boolean>, handlers: EngineHandlers) {
    const Kafka = nodeRdkafka();
    const conf: Record<string, unknown> = {
      ...rdkafka,
      rebalance_cb: (err: RawError | undefined, partitions: TopicPartitionOffset[]) => handlers.rebalance(err, partitions),
      offset_commit_cb: (err: RawError | undefined, partitions: RawTopicPartition[]) => handlers.commit(err, partitions),
    };
    try {
      this.#client = new Kafka.KafkaConsumer(conf as never, { ...topic } as never);
    } catch (err) {
      throw new KafkaClientError('ERR_CONFIG', `consumer config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
    }
    this.#client.on('event.error', (err) => handlers.error(err as RawError));
    this.#client.on('event.stats', (e: { message?: string }) => handlers.stats(String(e?.message ?? '')));
    this.#client.on('event.throttle', (e: unknown) => handlers.throttle(e));
    this.#client.on('event.log', (e: { severity?: number; fac?: string; message?: string }) => handlers.log(e));
  }

  connect(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#client.connect({ timeout: timeoutMs, allTopics: false } as never, (err) => (err ? reject(err) : resolve()));
    });
  }

  setOAuthToken(token: string): void {
    this.#client.setOauthBearerToken(token);
  }

  subscribe(patterns: string[]): void {
    this.#client.subscribe(patterns);
  }

  unsubscribe(): void {
    this.#client.unsubscribe();
  }

  subscription(): string[] {
    return this.#client.subscription();
  }

  assign(partitions: Array<TopicPartition | TopicPartitionOffset>): void {
    this.#client.assign(partitions);
  }

  incrementalAssign(partitions: Array<TopicPartition | TopicPartitionOffset>): void {
    this.#client.incrementalAssign(partitions);
  }

  incrementalUnassign(partitions: TopicPartition[]): void {
    this.#client.incrementalUnassign(partitions);
  }

  unassign(): void {
    this.#client.unassign();
  }

  assignment(): TopicPartition[] {
    return this.#client.assignments().map((tp) => ({ topic: tp.topic, partition: tp.partition }));
  }

  assignmentLost(): boolean {
    return (this.#client as unknown as { assignmentLost?: () => boolean }).assignmentLost?.() ?? false;
  }

  rebalanceProtocol(): string {
    return this.#client.rebalanceProtocol();
  }

  /**
   * node-rdkafka's native `consume(timeout, n)` applies its timeout to each message: see
   * {@link fetchLoop} for how the whole fetch is kept within `waitMs`.
   */
  async fetch(o: EngineFetchOptions): Promise<EngineFetchResult> {
    const handle = this.#client.getClient() as RdNativeHandle;
    const result = await fetchLoop({
      call: (timeoutMs, n) =>
        new Promise((resolve, reject) => {
          try {
            handle.consume(timeoutMs, n, (err, messages, eofs) => (err ? reject(err) : resolve({ messages, eofs: eofs ?? [] })));
          } catch (err) {
            reject(err);
          }
        }),
      onError: o.onError,
      active: o.active,
      now: Date.now,
      count: o.count,
      waitMs: o.waitMs,
      fill: o.fill,
      sliceMs: SLICE_MS,
    });
    return { messages: result.messages.map(toMessage), eofs: result.eofs, error: result.error };
  }

  wake(): void {
    // Slices of at most SLICE_MS: the fetch notices `active()` soon enough.
  }

  async commit(offsets: TopicPartitionOffset[] | null, asynchronous: boolean): Promise<void> {
    if (asynchronous) this.#client.commit(offsets as never);
    else this.#client.commitSync(offsets as never);
  }

  storeOffsets(offsets: TopicPartitionOffset[]): void {
    this.#client.offsetsStore(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
  }

  committed(partitions: TopicPartition[], timeoutMs: number): Promise<RawTopicPartition[]> {
    return new Promise((resolve, reject) => {
      this.#client.committed(partitions as never, timeoutMs, (err, tps) => (err ? reject(err) : resolve(tps as RawTopicPartition[])));
    });
  }

  position(partitions: TopicPartition[]): RawTopicPartition[] {
    return this.#client.position(partitions as never) as RawTopicPartition[];
  }

  seek(partition: TopicPartitionOffset, timeoutMs: number): Promise<void> {
    const { topic, partition: p, offset } = partition;
    return new Promise((resolve, reject) => {
      this.#client.seek({ topic, partition: p, offset }, timeoutMs, (err) => (err ? reject(err) : resolve()));
    });
  }

  pause(partitions: TopicPartition[]): number {
    return (this.#client.getClient() as RdNativeHandle).pause(partitions);
  }

  resume(partitions: TopicPartition[]): number {
    return (this.#client.getClient() as RdNativeHandle).resume(partitions);
  }

  async watermarks(topic: string, partition: number, cached: boolean, timeoutMs: number): Promise<{ low: number; high: number }> {
    if (cached) {
      const w = this.#client.getWatermarkOffsets(topic, partition);
      return { low: w.lowOffset, high: w.highOffset };
    }
    return new Promise((resolve, reject) => {
      this.#client.queryWatermarkOffsets(topic, partition, timeoutMs, (err, w) => (err ? reject(err) : resolve({ low: w.lowOffset, high: w.highOffset })));
    });
  }

  offsetsForTimes(partitions: TopicPartitionOffset[], timeoutMs: number): Promise<RawTopicPartition[]> {
    return new Promise((resolve, reject) => {
      this.#client.offsetsForTimes(partitions, timeoutMs, (err, tps) => (err ? reject(err) : resolve(tps as RawTopicPartition[])));
    });
  }

  groupMetadata(): null {
    return null;
  }

  close(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#client.disconnect((err: unknown) => (err ? reject(err) : resolve()));
    });
  }
}
