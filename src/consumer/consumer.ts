/**
 * The Consumer: a typed, Promise-based facade over librdkafka's consumer, run by simple-kafka's
 * own addon (default) or by node-rdkafka's `KafkaConsumer` (see {@link ConsumerOptions.engine}).
 *
 * @packageDocumentation
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';

import { ConsumeError, DeserializationError, KafkaClientError, StateError, TimeoutError } from '../errors';
import { assertValidConfig } from '../config/validate';
import { SerializationContext } from '../serde/context';
import { callDeserializer } from '../serde/types';
import { RdkafkaEngine, type ConsumerEngine, type ConsumerEngineKind, type EngineFetchResult, type EngineHandlers } from './engine';
import {
  configFlag,
  consumeErrorFromCode,
  eofMessage,
  fromRdkafkaError,
  groupByPartition,
  interleaveEofs,
  OAuthRefresher,
  offsetsOfMessages,
  splitConsumerConfig,
  toSubscriptionPattern,
  toTopicPartitionOffsets,
  type RawError,
  type RawTopicPartition,
  type SplitConfig,
} from './internal';
import { NativeEngine } from './native-engine';
import {
  OFFSET_INVALID,
  type Batch,
  type CommitOptions,
  type ConsumerConfig,
  type FetchOptions,
  type GroupMetadata,
  type Message,
  type PartitionEof,
  type RebalanceEvent,
  type RebalanceHooks,
  type RunOptions,
  type TopicPartition,
  type TopicPartitionOffset,
} from './types';

/** librdkafka codes the facade reacts to. */
const ERR = {
  NO_OFFSET: -168,
  PARTITION_EOF: -191,
  ASSIGN_PARTITIONS: -175,
  REVOKE_PARTITIONS: -174,
  MAX_POLL_EXCEEDED: -147,
  TIMED_OUT: -185,
} as const;

/**
 * librdkafka defaults the facade changes (only when the user did not set them).
 *
 * `fetch.queue.backoff.ms`: librdkafka's 1000 ms default stalls a partition's fetches for a full
 * second whenever its local queue passes `queued.min.messages`, so a consumer reading faster than
 * ~100 k msg/s waits on empty queues (measured on the real cluster: 1 M messages at ~120 k msg/s
 * with 1000 ms, ~420 k msg/s with 100 ms, same memory bounds).
 */
const RDKAFKA_DEFAULTS: Record<string, string | number | boolean> = { 'fetch.queue.backoff.ms': 100 };

/** Default timeout of broker round trips (`committed`, `seek`, watermarks, offsets for times). */
const DEFAULT_TIMEOUT_MS = 10_000;

/** Options of the {@link Consumer} itself (not librdkafka's). */
export interface ConsumerOptions {
  /**
   * Which binding runs librdkafka's consumer:
   *
   * - `native` (default): simple-kafka's addon. Fetches run off the JS thread and cross into JS
   *   once per batch (keys, values and headers are views of one Buffer per batch); synchronous
   *   commits and broker queries run off the JS thread too; `groupMetadata()` carries the member
   *   id and generation.
   * - `node-rdkafka`: node-rdkafka's `KafkaConsumer` (one JS object per message from C++;
   *   synchronous commits block the JS thread).
   *
   * The environment variable `SIMPLE_KAFKA_CONSUMER_ENGINE` (`native` / `node-rdkafka`) sets the
   * default for consumers that do not choose.
   */
  engine?: ConsumerEngineKind;
}

/** The engine a consumer uses when its options do not say. */
function defaultEngine(): ConsumerEngineKind {
  const env = process.env.SIMPLE_KAFKA_CONSUMER_ENGINE;
  return env === 'node-rdkafka' ? 'node-rdkafka' : 'native';
}

/** Events of a {@link Consumer}. */
export interface ConsumerEvents {
  /** A partition reached its end (needs `enable.partition.eof`). */
  'partition.eof': [eof: PartitionEof];
  /** Partitions were assigned, revoked or lost (after the hook ran, before librdkafka applies it). */
  rebalance: [event: RebalanceEvent];
  /** A commit finished (auto or manual); per-partition errors are on the entries. */
  commit: [error: KafkaClientError | null, partitions: TopicPartitionOffset[]];
  /** A client-level error the consumer recovers from by itself (emitted only when listened to). */
  error: [error: KafkaClientError];
  /** librdkafka statistics JSON (needs `statistics.interval.ms`). */
  stats: [json: string];
}

type State = 'new' | 'connecting' | 'connected' | 'closing' | 'closed';


/**
 * A Kafka consumer: subscribe to topics as part of a consumer group (or assign partitions), then
 * read with `poll()`, `consume(n, ms)`, `for await`, or `run({eachBatch})`.
 *
 * @typeParam K - key type (`Buffer | null`, or what `key.deserializer` returns).
 * @typeParam V - value type (`Buffer | null`, or what `value.deserializer` returns).
 *
 * @example
 * ```ts
 * const consumer = new Consumer({ 'bootstrap.servers': 'localhost:9092', 'group.id': 'billing' });
 * await consumer.subscribe(['orders']);
 * for await (const msg of consumer) handle(msg.value);
 * ```
 *
 * @remarks
 * Lifetime: the consumer connects on first use (or `connect()`), and must be `close()`d: close
 * commits stored offsets when `enable.auto.commit` is on, leaves the group so the partitions move
 * at once, and waits for librdkafka to stop. It is idempotent and safe while a fetch is running.
 *
 * Threading: fetches run on the libuv thread pool, one at a time per consumer, in slices of at
 * most 200 ms. Many consumers in one process may need a larger `UV_THREADPOOL_SIZE` (default 4).
 *
 * Memory (native engine): a message's key, value and header values are views of one Buffer per
 * fetched batch; keeping one message keeps its batch's bytes. Copy (`Buffer.from(msg.value)`)
 * what you keep for long.
 */
export class Consumer<K = Buffer | null, V = Buffer | null> extends EventEmitter<ConsumerEvents> {
  #state: State = 'new';
  readonly #conf: SplitConfig;
  readonly #eofEnabled: boolean;
  readonly #autoOffsetStore: boolean;
  readonly #engineKind: ConsumerEngineKind;
  #client: ConsumerEngine | undefined;
  /** Broker calls in flight (close waits for them before releasing the handle). */
  readonly #inflight = new Set<Promise<unknown>>();
  #connecting: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #hooks: RebalanceHooks = {};
  /** Serializes fetches so that messages are delivered in order to concurrent readers. */
  #fetchLock: Promise<unknown> = Promise.resolve();
  /** Entries of the last fetch that `poll()` did not return yet (a message behind an EOF marker). */
  #backlog: Message<K, V>[] = [];
  /** Native consume calls in flight (0 or 1). */
  #nativeCalls = 0;
  #nativeIdle: (() => void)[] = [];
  /** An error met after some messages were already fetched: thrown by the next fetch. */
  #pendingError: KafkaClientError | undefined;
  #fatalError: KafkaClientError | undefined;
  /** Serializes rebalance handling. */
  #rebalanceChain: Promise<void> = Promise.resolve();
  /** librdkafka said the group session is gone: the next revocation is a loss. */
  #lostSignal = false;
  /** `run()` state. */
  #running = false;
  #stopRequested = false;
  #runDone: Promise<void> | undefined;
  #batchInProgress: Promise<void> | undefined;
  readonly #handlerScope = new AsyncLocalStorage<true>();
  #oauth: OAuthRefresher | undefined;
  /** close() is running the last rebalance hooks: they may still use the consumer (commit, assignment). */
  #closeHooks = false;

  /**
   * @param config - librdkafka properties (dotted names, as in `confluent_kafka`) plus the
   *   function-valued keys described by {@link ConsumerConfig}.
   * @throws {@link ConfigError} listing every issue `validateConfig(config, {role: 'consumer'})`
   *   finds (Java keys and `sasl.jaas.config` are translated first).
   */
  constructor(config: ConsumerConfig, options: ConsumerOptions = {}) {
    super();
    const engine = options.engine ?? defaultEngine();
    if (engine !== 'native' && engine !== 'node-rdkafka') throw new KafkaClientError('ERR_INVALID_ARG', `options.engine must be 'native' or 'node-rdkafka', got ${String(engine)}`);
    this.#engineKind = engine;
    const { normalized } = assertValidConfig(config as never, { role: 'consumer' });
    this.#conf = splitConsumerConfig(normalized as ConsumerConfig);
    this.#eofEnabled = configFlag(this.#conf.rdkafka['enable.partition.eof'], false);
    this.#autoOffsetStore = configFlag(this.#conf.rdkafka['enable.auto.offset.store'], true);
  }

  /** `true` between a successful `connect()` and `close()`. */
  get isConnected(): boolean {
    return this.#state === 'connected';
  }

  /** The binding this consumer runs on (see {@link ConsumerOptions.engine}). */
  get engine(): ConsumerEngineKind {
    return this.#engineKind;
  }

  /** `true` once `close()` was called. */
  get isClosed(): boolean {
    return this.#state === 'closing' || this.#state === 'closed';
  }

  /**
   * Connects to the cluster (fetches metadata). Called implicitly by `subscribe`, `assign`, reads
   * and broker queries; idempotent.
   *
   * @param timeoutMs - how long to wait for the first metadata answer (default 30 s).
   * @throws {@link StateError} after `close()`; {@link KafkaError} (or an auth error) when the
   *   cluster cannot be reached; {@link KafkaClientError} `ERR_CONFIG` for a property librdkafka rejects.
   */
  connect(timeoutMs = 30_000): Promise<void> {
    if (this.#state === 'connected' || this.#closeHooks) return Promise.resolve();
    if (this.isClosed) return Promise.reject(new StateError('consumer is closed'));
    this.#connecting ??= this.#connect(timeoutMs).catch((err: unknown) => {
      this.#connecting = undefined;
      if (this.#state === 'connecting') this.#state = 'new';
      throw err;
    });
    return this.#connecting;
  }

  async #connect(timeoutMs: number): Promise<void> {
    this.#state = 'connecting';
    const handlers: EngineHandlers = {
      rebalance: (err, partitions, lost) => this.#onRebalance(err, partitions, lost),
      commit: (err, partitions) => this.#onCommit(err, partitions),
      error: (err) => this.#onClientError(err),
      stats: (json) => {
        this.#conf.statsCb?.(json);
        this.emit('stats', json);
      },
      throttle: (e) => this.#conf.throttleCb?.(e),
      log: (e) => this.#onLog(e),
    };
    const rdkafka = { ...RDKAFKA_DEFAULTS, ...this.#conf.rdkafka };
    const client: ConsumerEngine =
      this.#engineKind === 'native' ? new NativeEngine({ ...rdkafka, ...this.#conf.topic }, handlers, this.#conf.oauthCb !== undefined) : new RdkafkaEngine(rdkafka, this.#conf.topic, handlers);
    this.#client = client;
    const release = (): void => {
      this.#oauth?.stop();
      this.#client = undefined;
      void client.close().catch(() => undefined);
    };
    if (this.#conf.oauthCb) {
      this.#oauth = new OAuthRefresher(this.#conf.oauthCb, String(this.#conf.rdkafka['sasl.oauthbearer.config'] ?? ''), (e) => this.#report(e));
      try {
        await this.#oauth.attach({ setOauthBearerToken: (token: string, lifetime: number) => client.setOAuthToken(token, lifetime) });
      } catch (err) {
        release();
        throw err;
      }
    }
    await client.connect(timeoutMs).catch((err: unknown) => {
      release();
      throw fromRdkafkaError(err, 'consumer connect');
    });
    if (this.#state !== 'connecting') {
      // close() was called while connecting: it waits for us and then disconnects.
      return;
    }
    this.#state = 'connected';
  }

  /** The connected engine, or a thrown {@link StateError}. */
  #connected(what: string): ConsumerEngine {
    if ((this.#state !== 'connected' && !(this.#state === 'closing' && this.#closeHooks)) || !this.#client) {
      throw new StateError(`${what}: consumer is ${this.isClosed ? 'closed' : 'not connected (call connect() or subscribe() first)'}`);
    }
    return this.#client;
  }

  /** Tracks a broker call so that close() waits for it. */
  #track<T>(p: Promise<T>): Promise<T> {
    this.#inflight.add(p);
    const done = (): void => void this.#inflight.delete(p);
    p.then(done, done);
    return p;
  }

  // ---------------------------------------------------------------- subscription and assignment

  /**
   * Joins the group (`group.id`) and subscribes to topics. A `RegExp` (or a string starting with
   * `^`) subscribes to every matching topic, including ones created later; librdkafka matches with
   * POSIX extended regexes, so use `[0-9]` rather than `\d`.
   *
   * Rebalances are handled for you, eager or cooperative-sticky alike (`incrementalAssign` /
   * `incrementalUnassign` under cooperative): the hooks see the partitions that change, and the
   * rebalance waits for each hook's Promise.
   *
   * @throws {@link StateError} after `close()`; {@link ConsumeError} when librdkafka refuses the subscription.
   */
  async subscribe(topics: string | RegExp | ReadonlyArray<string | RegExp>, hooks: RebalanceHooks = {}): Promise<void> {
    const list = (Array.isArray(topics) ? topics : [topics]) as (string | RegExp)[];
    if (list.length === 0) throw new KafkaClientError('ERR_INVALID_ARG', 'subscribe: no topics given');
    const patterns = list.map(toSubscriptionPattern);
    await this.connect();
    const client = this.#connected('subscribe');
    this.#hooks = { ...hooks };
    try {
      client.subscribe(patterns);
    } catch (err) {
      throw fromRdkafkaError(err, `subscribe ${patterns.join(', ')}`);
    }
  }

  /** Leaves the subscription (and the group's assignment). */
  async unsubscribe(): Promise<void> {
    await this.connect();
    try {
      this.#backlog = [];
      this.#connected('unsubscribe').unsubscribe();
    } catch (err) {
      throw fromRdkafkaError(err, 'unsubscribe');
    }
  }

  /** The current subscription (topics and `^regex` patterns). */
  subscription(): string[] {
    try {
      return this.#connected('subscription').subscription();
    } catch (err) {
      throw fromRdkafkaError(err, 'subscription');
    }
  }

  /**
   * Reads exactly these partitions, outside any group rebalancing. An `offset` on an entry sets
   * the start (absolute, or `OFFSET_BEGINNING`/`OFFSET_END`/`OFFSET_STORED`); none means the
   * committed offset, else `auto.offset.reset`. Replaces any previous assignment.
   */
  async assign(partitions: ReadonlyArray<TopicPartition | TopicPartitionOffset>): Promise<void> {
    await this.connect();
    try {
      this.#backlog = [];
      this.#connected('assign').assign(partitions.map(cleanTopicPartition));
    } catch (err) {
      throw fromRdkafkaError(err, 'assign');
    }
  }

  /** Adds partitions to the current assignment (cooperative style). */
  async incrementalAssign(partitions: ReadonlyArray<TopicPartition | TopicPartitionOffset>): Promise<void> {
    await this.connect();
    try {
      this.#connected('incrementalAssign').incrementalAssign(partitions.map(cleanTopicPartition));
    } catch (err) {
      throw fromRdkafkaError(err, 'incrementalAssign');
    }
  }

  /** Removes partitions from the current assignment (cooperative style). */
  async incrementalUnassign(partitions: ReadonlyArray<TopicPartition>): Promise<void> {
    await this.connect();
    try {
      this.#backlog = [];
      this.#connected('incrementalUnassign').incrementalUnassign(partitions.map(cleanTopicPartition));
    } catch (err) {
      throw fromRdkafkaError(err, 'incrementalUnassign');
    }
  }

  /** Drops the whole assignment. */
  async unassign(): Promise<void> {
    await this.connect();
    try {
      this.#backlog = [];
      this.#connected('unassign').unassign();
    } catch (err) {
      throw fromRdkafkaError(err, 'unassign');
    }
  }

  /** The partitions currently assigned to this consumer. */
  assignment(): TopicPartition[] {
    try {
      return this.#connected('assignment').assignment();
    } catch (err) {
      throw fromRdkafkaError(err, 'assignment');
    }
  }

  /**
   * This consumer's group, for `Producer.sendOffsetsToTransaction(offsets, consumer)`.
   *
   * @remarks With the native engine and a connected consumer: also the member id and the
   *   generation (librdkafka's `rd_kafka_consumer_group_metadata`), so the transaction
   *   coordinator fences a zombie member of this group. Otherwise (node-rdkafka engine, which does
   *   not expose them, or before connecting) only the group id and `group.instance.id`.
   * @throws {@link StateError} when `group.id` is not set.
   */
  groupMetadata(): GroupMetadata {
    const groupId = this.#conf.rdkafka['group.id'];
    if (groupId === undefined) throw new StateError('groupMetadata: the consumer has no group.id');
    const live = this.#state === 'connected' ? this.#client?.groupMetadata() : null;
    if (live) {
      const out: GroupMetadata = { groupId: live.groupId, generationId: live.generationId, memberId: live.memberId };
      if (live.groupInstanceId !== undefined) out.groupInstanceId = live.groupInstanceId;
      return out;
    }
    const instance = this.#conf.rdkafka['group.instance.id'];
    return instance === undefined ? { groupId: String(groupId) } : { groupId: String(groupId), groupInstanceId: String(instance) };
  }

  /** `eager`, `cooperative`, or `none` (no group rebalance happened yet). */
  rebalanceProtocol(): 'eager' | 'cooperative' | 'none' {
    const p = this.#connected('rebalanceProtocol').rebalanceProtocol();
    return p === 'COOPERATIVE' ? 'cooperative' : p === 'EAGER' ? 'eager' : 'none';
  }

  // ---------------------------------------------------------------- reading

  /**
   * Waits up to `timeoutMs` for one message.
   *
   * @returns the message (or an EOF marker, see {@link Message}), or `null` on timeout or close.
   * @throws {@link ConsumeError} (or an auth error) for a non-retriable consumer error; retriable
   *   ones go to `error_cb` / the `error` event and the wait goes on.
   */
  async poll(timeoutMs = 1000): Promise<Message<K, V> | null> {
    if (this.isClosed) return null;
    await this.connect();
    const batch = await this.#fetch(1, Math.max(0, timeoutMs), true, 1);
    return batch[0] ?? null;
  }

  /**
   * Reads up to `count` messages, waiting at most `timeoutMs` **for the whole batch** (it returns
   * early once `count` are there). Fewer, or none, come back when the time is up or on close.
   *
   * @throws {@link ConsumeError} (or an auth error) for a non-retriable consumer error.
   */
  async consume(count: number, timeoutMs = 1000): Promise<Message<K, V>[]> {
    if (!Number.isInteger(count) || count < 1) throw new KafkaClientError('ERR_INVALID_ARG', `consume: count must be a positive integer, got ${count}`);
    if (this.isClosed) return [];
    await this.connect();
    return this.#fetch(count, Math.max(0, timeoutMs), true);
  }

  /**
   * An async iterable of messages with backpressure: the next batch is fetched from librdkafka
   * only when the loop body has taken every message of the previous one. The loop ends when the
   * consumer is closed; `break` leaves the consumer open.
   */
  messages(options: FetchOptions = {}): AsyncIterable<Message<K, V>> {
    const batchSize = positive(options.batchSize, 500, 'batchSize');
    const maxWaitMs = positive(options.maxWaitMs, 100, 'maxWaitMs');
    const iterate = async function* (this: Consumer<K, V>): AsyncGenerator<Message<K, V>> {
      await this.connect();
      while (!this.isClosed) {
        const batch = await this.#fetch(batchSize, maxWaitMs, false);
        for (const m of batch) yield m;
      }
    };
    return { [Symbol.asyncIterator]: () => iterate.call(this) };
  }

  /** `for await (const msg of consumer)`: {@link Consumer.messages} with default options. */
  [Symbol.asyncIterator](): AsyncIterator<Message<K, V>> {
    return this.messages()[Symbol.asyncIterator]();
  }

  /**
   * Runs a handler loop until `stop()` or `close()`: each fetch is split by partition; a
   * partition's messages reach `eachBatch` (or `eachMessage`, one by one) in offset order, one
   * call at a time, while up to `partitionsConcurrently` partitions are handled side by side.
   *
   * Offsets of handled messages are stored (see {@link RunOptions.storeOffsets}), so with
   * `enable.auto.offset.store: false` auto-commit covers only handled messages. A revocation
   * waits for the batch in progress.
   *
   * @returns a Promise that resolves when the loop stops.
   * @throws (rejects) with the handler's error: the failed partitions are first rewound (seek) to
   *   the first message not handled, so the next `run()` starts there; or with a non-retriable
   *   {@link ConsumeError}.
   */
  run(options: RunOptions<K, V>): Promise<void> {
    if (this.#running) return Promise.reject(new StateError('run: already running'));
    if (!options.eachBatch === !options.eachMessage) return Promise.reject(new KafkaClientError('ERR_INVALID_ARG', 'run: give exactly one of eachBatch or eachMessage'));
    if (this.isClosed) return Promise.reject(new StateError('run: consumer is closed'));
    this.#running = true;
    this.#stopRequested = false;
    this.#runDone = this.#runLoop(options).finally(() => {
      this.#running = false;
    });
    return this.#runDone;
  }

  /** Stops `run()` after the batch in progress; resolves when it has stopped. */
  async stop(): Promise<void> {
    this.#stopRequested = true;
    await this.#runDone?.catch(() => undefined);
  }

  async #runLoop(options: RunOptions<K, V>): Promise<void> {
    const batchSize = positive(options.batchSize, 500, 'batchSize');
    const maxWaitMs = positive(options.maxWaitMs, 100, 'maxWaitMs');
    const concurrency = positive(options.partitionsConcurrently, 1, 'partitionsConcurrently');
    const store = options.storeOffsets ?? !this.#autoOffsetStore;
    await this.connect();
    while (!this.isClosed && !this.#stopRequested) {
      const fetched = await this.#fetch(batchSize, maxWaitMs, false);
      const messages = this.#eofEnabled ? fetched.filter((m) => !m.eof) : fetched;
      if (messages.length === 0) continue;
      const groups = groupByPartition(messages);
      let release!: () => void;
      this.#batchInProgress = new Promise<void>((r) => (release = r));
      try {
        await this.#handlerScope.run(true, () => this.#handleGroups(groups, options, concurrency, store));
      } finally {
        this.#batchInProgress = undefined;
        release();
      }
    }
  }

  async #handleGroups(groups: Message<K, V>[][], options: RunOptions<K, V>, concurrency: number, store: boolean): Promise<void> {
    /** Per group: index of the first message not handled. */
    const handled = groups.map(() => 0);
    let failure: unknown;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < groups.length) {
        const g = next++;
        const group = groups[g];
        try {
          if (options.eachBatch) {
            const batch: Batch<K, V> = {
              topic: group[0].topic,
              partition: group[0].partition,
              messages: group,
              firstOffset: group[0].offset,
              lastOffset: group[group.length - 1].offset,
            };
            await options.eachBatch(batch);
            handled[g] = group.length;
          } else {
            for (const m of group) {
              if (failure !== undefined) break;
              await options.eachMessage!(m);
              handled[g]++;
            }
          }
        } catch (err) {
          failure ??= err ?? new Error('handler failed');
        }
        if (store && handled[g] > 0) this.#storeQuietly(group.slice(0, handled[g]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
    if (failure === undefined) return;
    // Rewind every partition with unhandled messages to its first unhandled one.
    await Promise.all(
      groups.map(async (group, g) => {
        if (handled[g] >= group.length) return;
        const m = group[handled[g]];
        await this.seek({ topic: m.topic, partition: m.partition, offset: m.offset }).catch((err: unknown) => this.#report(err as KafkaClientError));
      }),
    );
    throw failure;
  }

  #storeQuietly(messages: Message<K, V>[]): void {
    if (this.#state !== 'connected') return;
    try {
      this.storeOffsets({ messages });
    } catch (err) {
      // The partition may have been revoked meanwhile; the next owner re-reads from the commit.
      this.#report(err as KafkaClientError);
    }
  }

  /** Serialized fetch + conversion. */
  #fetch(count: number, waitMs: number, fill: boolean, limit?: number): Promise<Message<K, V>[]> {
    const run = this.#fetchLock.then(async () => {
      // A fetch returns messages and the EOF markers between them; what a poll() could not
      // return waits here for the next read, so no message is dropped.
      if (this.#backlog.length > 0) return this.#backlog.splice(0, limit ?? count);
      const raw = await this.#fetchRaw(count, waitMs, fill);
      const out = await this.#convert(raw);
      if (limit !== undefined && out.length > limit) this.#backlog.push(...out.splice(limit));
      return out;
    });
    this.#fetchLock = run.catch(() => undefined);
    return run;
  }

  /**
   * One engine fetch: at most `count` messages, waiting at most `waitMs` as a whole, in slices
   * short enough that close() never waits long.
   */
  async #fetchRaw(count: number, waitMs: number, fill: boolean): Promise<EngineFetchResult> {
    if (this.#pendingError) {
      const err = this.#pendingError;
      this.#pendingError = undefined;
      throw err;
    }
    if (this.#fatalError) throw this.#fatalError;
    const client = this.#client;
    if (!client || this.#state !== 'connected') return { messages: [], eofs: [] };
    this.#nativeCalls++;
    let result: EngineFetchResult;
    try {
      result = await client.fetch({
        count,
        waitMs,
        fill,
        active: () => this.#state === 'connected',
        onError: (raw) => this.#consumeFailure(raw as RawError),
      });
    } catch (raw) {
      const err = this.#consumeFailure(raw as RawError);
      if (err) throw err;
      result = { messages: [], eofs: [] };
    } finally {
      this.#nativeCalls--;
      if (this.#nativeCalls === 0) for (const f of this.#nativeIdle.splice(0)) f();
    }
    if (result.error) {
      if (result.messages.length === 0 && result.eofs.length === 0) throw result.error;
      this.#pendingError = result.error as KafkaClientError;
    }
    return result;
  }

  /**
   * What a consume error means: `undefined` when the fetch should go on (the error was
   * reported to `error_cb` / `error`), or the error to throw.
   */
  #consumeFailure(raw: RawError): KafkaClientError | undefined {
    const code = typeof raw?.code === 'number' ? raw.code : undefined;
    if (code === ERR.TIMED_OUT) return undefined;
    if (this.#state !== 'connected') return undefined; // closing: end quietly
    if (code === ERR.MAX_POLL_EXCEEDED) this.#lostSignal = true;
    const err = fromRdkafkaError(raw, 'consume');
    if (err.retriable && !err.fatal) {
      this.#report(err);
      return undefined;
    }
    if (err.fatal) this.#fatalError = err;
    return err;
  }

  /** Converts, emits EOF events, deserializes. */
  async #convert(raw: EngineFetchResult): Promise<Message<K, V>[]> {
    const messages = raw.messages;
    let out = messages;
    if (raw.eofs.length > 0) {
      for (const e of raw.eofs) this.emit('partition.eof', { topic: e.topic, partition: e.partition, offset: e.offset });
      if (this.#eofEnabled) {
        out = interleaveEofs(messages, raw.eofs, (e) =>
          eofMessage(e, consumeErrorFromCode(ERR.PARTITION_EOF, `${e.topic}[${e.partition}] reached end at offset ${e.offset}`, { retriable: true })),
        );
      }
    }
    const { keyDeserializer, valueDeserializer } = this.#conf;
    if (keyDeserializer || valueDeserializer) await this.#deserialize(out, keyDeserializer, valueDeserializer);
    return out as unknown as Message<K, V>[];
  }

  async #deserialize(messages: Message<unknown, unknown>[], keyD: SplitConfig['keyDeserializer'], valueD: SplitConfig['valueDeserializer']): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const m of messages) {
      if (m.eof) continue;
      const headers = m.headers.length > 0 ? m.headers.map((h) => [h.key, h.value] as const) : undefined;
      const apply = (field: 'key' | 'value', d: NonNullable<SplitConfig['keyDeserializer']>): void => {
        const ctx = new SerializationContext(m.topic, field, headers, { partition: m.partition, offset: m.offset });
        const fail = (err: unknown): void => {
          m.error ??= err as DeserializationError;
        };
        try {
          const result = callDeserializer(d, m[field] as Buffer | null, ctx);
          if (result instanceof Promise) {
            pending.push(
              result.then((v) => {
                if (!m.error) m[field] = v;
              }, fail),
            );
          } else if (!m.error) {
            m[field] = result;
          }
        } catch (err) {
          fail(err);
        }
      };
      if (keyD) apply('key', keyD);
      if (valueD) apply('value', valueD);
    }
    if (pending.length > 0) await Promise.all(pending);
  }

  // ---------------------------------------------------------------- offsets

  /**
   * Commits offsets to the group.
   *
   * - no `message`/`messages`/`offsets`: librdkafka's current offsets (the stored ones: with
   *   `enable.auto.offset.store` on, everything handed out so far);
   * - `message` / `messages`: each message's offset + 1;
   * - `offsets`: exactly these (next offset to read).
   *
   * Nothing to commit is not an error. With `asynchronous: true` the commit is only queued.
   *
   * @remarks A synchronous commit waits for the broker off the JS thread (native engine); the
   *   node-rdkafka engine blocks the JS thread for that round trip (it has no off-thread variant).
   * @throws {@link StateError} when not connected; {@link ConsumeError} (or an auth error) when
   *   the broker refuses, e.g. `REBALANCE_IN_PROGRESS`, `UNKNOWN_MEMBER_ID`, `_ASSIGNMENT_LOST`.
   */
  async commit(options: CommitOptions = {}): Promise<void> {
    await this.connect();
    const client = this.#connected('commit');
    const offsets = offsetsOf(options);
    try {
      await this.#track(client.commit(offsets, options.asynchronous === true));
    } catch (err) {
      const e = fromRdkafkaError(err, 'commit');
      if (e instanceof ConsumeError && e.errno === ERR.NO_OFFSET) return;
      throw e;
    }
  }

  /**
   * Stores offsets for the next commit (auto or `commit()`) without committing: the building block
   * of at-least-once with `enable.auto.offset.store: false`. Messages store offset + 1.
   *
   * @throws {@link StateError} when not connected; {@link KafkaClientError} `ERR_INVALID_ARG` when
   *   `enable.auto.offset.store` is on; {@link ConsumeError} `_STATE` when not subscribed
   *   (node-rdkafka only stores for subscriptions) or the partition is not assigned.
   */
  storeOffsets(options: Pick<CommitOptions, 'message' | 'messages' | 'offsets'>): void {
    const client = this.#connected('storeOffsets');
    const offsets = offsetsOf(options);
    if (!offsets || offsets.length === 0) throw new KafkaClientError('ERR_INVALID_ARG', 'storeOffsets: give message, messages or offsets');
    if (this.#autoOffsetStore) throw new KafkaClientError('ERR_INVALID_ARG', 'storeOffsets: enable.auto.offset.store is on (offsets are stored as messages are handed out); set it to false to store them yourself');
    try {
      client.storeOffsets(offsets);
    } catch (err) {
      const at = err as { topic?: unknown; partition?: unknown };
      throw fromRdkafkaError(err, typeof at.topic === 'string' ? `storeOffsets ${at.topic}[${String(at.partition)}]` : 'storeOffsets');
    }
  }

  /**
   * The group's committed offsets (next offset to read; `OFFSET_INVALID` when none), fetched
   * from the coordinator. Defaults to the current assignment.
   *
   * @throws {@link TimeoutError} after `timeoutMs`; {@link ConsumeError} on a broker error.
   */
  async committed(partitions?: ReadonlyArray<TopicPartition>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<TopicPartitionOffset[]> {
    await this.connect();
    const client = this.#connected('committed');
    const request = (partitions ?? this.assignment()).map(cleanTopicPartition);
    if (request.length === 0) return [];
    const raw = await this.#track(client.committed(request, timeoutMs)).catch((err: unknown) => {
      throw timeoutOr(err, 'committed');
    });
    return toTopicPartitionOffsets(raw, request, 'committed');
  }

  /**
   * The consumer's position per partition: the offset of the next message it will hand out
   * (`OFFSET_INVALID` before the first fetch). Defaults to the current assignment.
   */
  position(partitions?: ReadonlyArray<TopicPartition>): TopicPartitionOffset[] {
    const client = this.#connected('position');
    const request = (partitions ?? this.assignment()).map(cleanTopicPartition);
    try {
      return toTopicPartitionOffsets(client.position(request), request, 'position');
    } catch (err) {
      throw fromRdkafkaError(err, 'position');
    }
  }

  /**
   * Moves an assigned partition to `offset` (absolute or `OFFSET_BEGINNING`/`OFFSET_END`); the
   * next fetch of that partition starts there. Messages already fetched from it are dropped.
   *
   * @throws {@link ConsumeError} (e.g. `_UNKNOWN_PARTITION` when not assigned); {@link TimeoutError}.
   */
  async seek(partition: TopicPartitionOffset, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.connect();
    const client = this.#connected('seek');
    this.#backlog = this.#backlog.filter((m) => m.topic !== partition.topic || m.partition !== partition.partition);
    const { topic, partition: p, offset } = partition;
    await this.#track(client.seek({ topic, partition: p, offset }, timeoutMs)).catch((err: unknown) => {
      throw timeoutOr(err, `seek ${topic}[${p}] to ${offset}`);
    });
  }

  /** Stops fetching these partitions (they stay assigned). */
  pause(partitions: ReadonlyArray<TopicPartition>): void {
    const client = this.#connected('pause');
    const code = client.pause(partitions.map(cleanTopicPartition));
    if (code !== 0 && typeof code === 'number') throw consumeErrorFromCode(code, 'pause');
  }

  /** Resumes fetching paused partitions. */
  resume(partitions: ReadonlyArray<TopicPartition>): void {
    const client = this.#connected('resume');
    const code = client.resume(partitions.map(cleanTopicPartition));
    if (code !== 0 && typeof code === 'number') throw consumeErrorFromCode(code, 'resume');
  }

  /**
   * Low and high watermarks of a partition: `low` is the first offset still in the log, `high`
   * the offset the next produced message gets. Asks the leader, unless `cached` (then the values
   * from the last fetch, which needs the partition to be consumed).
   *
   * @throws {@link ConsumeError} (e.g. `UNKNOWN_TOPIC_OR_PART`); {@link TimeoutError}.
   */
  async getWatermarkOffsets(topic: string, partition: number, options: { timeoutMs?: number; cached?: boolean } = {}): Promise<{ low: number; high: number }> {
    await this.connect();
    const client = this.#connected('getWatermarkOffsets');
    const context = `getWatermarkOffsets ${topic}[${partition}]`;
    try {
      return await this.#track(client.watermarks(topic, partition, options.cached === true, options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    } catch (err) {
      throw options.cached ? fromRdkafkaError(err, context) : timeoutOr(err, context);
    }
  }

  /**
   * For each partition, the earliest offset whose timestamp is at or after `offset` (read as a
   * timestamp in ms); `OFFSET_END` (-1) when there is none.
   *
   * @throws {@link ConsumeError}; {@link TimeoutError}.
   */
  async offsetsForTimes(partitions: ReadonlyArray<TopicPartitionOffset>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<TopicPartitionOffset[]> {
    await this.connect();
    const client = this.#connected('offsetsForTimes');
    const request = partitions.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    const raw = await this.#track(client.offsetsForTimes(request, timeoutMs)).catch((err: unknown) => {
      throw timeoutOr(err, 'offsetsForTimes');
    });
    return toTopicPartitionOffsets(raw, request, 'offsetsForTimes');
  }

  // ---------------------------------------------------------------- close

  /**
   * Leaves the group and releases librdkafka: stops `run()` and iterators (pending reads resolve
   * empty), waits for the fetch in flight (at most 200 ms) and for the batch `run()` is handling
   * (unless called from inside a handler), runs `onRevoke` for the last assignment, commits stored
   * offsets when `enable.auto.commit` is on, and closes. Idempotent: later calls return the same
   * Promise. Never rejects for a consumer that was never connected or is already closed.
   *
   * @throws (rejects) {@link KafkaError} only when librdkafka reports a failure while closing;
   *   the consumer is closed regardless.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    const wasConnecting = this.#state === 'connecting' ? this.#connecting : undefined;
    const previous = this.#state;
    this.#state = 'closing';
    this.#stopRequested = true;
    if (wasConnecting) await wasConnecting.catch(() => undefined);
    const client = this.#client;
    if (previous === 'new' || !client) {
      this.#state = 'closed';
      return;
    }
    client.wake();
    if (this.#nativeCalls > 0) await new Promise<void>((r) => this.#nativeIdle.push(r));
    const inHandler = this.#handlerScope.getStore() === true;
    if (this.#batchInProgress && !inHandler) await this.#batchInProgress;
    if (client.kind === 'native') {
      // Rebalances met by the last fetch, then the hooks for what is still assigned: they run
      // before librdkafka revokes it while closing (it then applies the change by itself).
      this.#closeHooks = true;
      try {
        if (!inHandler) await this.#rebalanceChain;
        await this.#revokeForClose(client);
      } finally {
        this.#closeHooks = false;
      }
      await Promise.allSettled([...this.#inflight]);
    }
    let failure: KafkaClientError | undefined;
    await client.close().catch((err: unknown) => {
      failure = fromRdkafkaError(err, 'close');
    });
    if (!inHandler) await this.#rebalanceChain;
    this.#oauth?.stop();
    this.#client = undefined;
    this.#state = 'closed';
    if (failure) throw failure;
  }

  /** close() on the native engine: `onRevoke` (or `onLost`) for the group assignment still held. */
  async #revokeForClose(client: ConsumerEngine): Promise<void> {
    let partitions: TopicPartition[];
    let lost: boolean;
    try {
      if (client.subscription().length === 0) return;
      partitions = client.assignment();
      lost = this.#lostSignal || client.assignmentLost();
    } catch {
      return;
    }
    if (partitions.length === 0) return;
    const protocol = client.rebalanceProtocol() === 'COOPERATIVE' ? 'cooperative' : 'eager';
    const hook = lost ? (this.#hooks.onLost ?? this.#hooks.onRevoke) : this.#hooks.onRevoke;
    try {
      await hook?.(partitions);
    } catch (e) {
      this.#report(new KafkaClientError('ERR_REBALANCE_HOOK', `rebalance hook failed: ${(e as Error)?.message ?? e}`, { cause: e }));
    }
    this.emit('rebalance', { kind: lost ? 'lost' : 'revoke', protocol, partitions });
  }

  // ---------------------------------------------------------------- callbacks

  #onRebalance(err: RawError | undefined, partitions: TopicPartition[], lost?: boolean): void {
    this.#rebalanceChain = this.#rebalanceChain.then(() => this.#rebalance(err, partitions, lost)).catch((e: unknown) => this.#report(fromRdkafkaError(e, 'rebalance')));
  }

  async #rebalance(err: RawError | undefined, raw: TopicPartition[], lostFlag?: boolean): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const code = err?.code;
    const cooperative = client.rebalanceProtocol() === 'COOPERATIVE';
    const protocol = cooperative ? 'cooperative' : 'eager';
    const partitions = raw.map((tp) => ({ topic: tp.topic, partition: tp.partition }));
    const callHook = async (hook: ((p: never[]) => void | Promise<void>) | undefined, arg: unknown[]): Promise<void> => {
      if (!hook) return;
      try {
        await hook(arg as never[]);
      } catch (e) {
        this.#report(new KafkaClientError('ERR_REBALANCE_HOOK', `rebalance hook failed: ${(e as Error)?.message ?? e}`, { cause: e }));
      }
    };
    if (code === ERR.ASSIGN_PARTITIONS) {
      this.#lostSignal = false;
      const assigned: TopicPartitionOffset[] = raw.map((tp) => ({ topic: tp.topic, partition: tp.partition, offset: (tp as TopicPartitionOffset).offset ?? OFFSET_INVALID }));
      await callHook(this.#hooks.onAssign, assigned);
      this.emit('rebalance', { kind: 'assign', protocol, partitions });
      const apply = assigned.map(({ topic, partition, offset }) => (offset === OFFSET_INVALID ? { topic, partition } : { topic, partition, offset }));
      try {
        if (cooperative) client.incrementalAssign(apply);
        else client.assign(apply);
      } catch (e) {
        if (this.#state === 'connected') this.#report(fromRdkafkaError(e, 'rebalance assign'));
      }
      return;
    }
    if (code === ERR.REVOKE_PARTITIONS) {
      if (this.#batchInProgress && !this.#handlerScope.getStore()) await this.#batchInProgress;
      const lost = lostFlag === true || this.#lostSignal;
      await callHook(lost ? (this.#hooks.onLost ?? this.#hooks.onRevoke) : this.#hooks.onRevoke, partitions);
      this.emit('rebalance', { kind: lost ? 'lost' : 'revoke', protocol, partitions });
      try {
        if (cooperative) client.incrementalUnassign(partitions);
        else client.unassign();
      } catch (e) {
        if (this.#state === 'connected') this.#report(fromRdkafkaError(e, 'rebalance unassign'));
      }
      if (!cooperative) this.#lostSignal = false;
      return;
    }
    // A rebalance error: drop the assignment, as librdkafka asks.
    if (err) this.#report(fromRdkafkaError(err, 'rebalance'));
    try {
      client.unassign();
    } catch {
      // nothing assigned
    }
  }

  #onCommit(err: RawError | undefined, partitions: RawTopicPartition[]): void {
    const list = toTopicPartitionOffsets(partitions ?? [], [], 'commit');
    let error: KafkaClientError | null = null;
    if (err && err.code !== 0) {
      error = fromRdkafkaError(err, 'commit');
      if (error instanceof ConsumeError && error.errno === ERR.NO_OFFSET) return;
    }
    try {
      this.#conf.onCommit?.(error, list);
    } catch (e) {
      this.#report(new KafkaClientError('ERR_CALLBACK', `on_commit threw: ${(e as Error)?.message ?? e}`, { cause: e }));
    }
    this.emit('commit', error, list);
  }

  #onClientError(raw: RawError): void {
    const err = fromRdkafkaError(raw, 'consumer');
    if (err.fatal) this.#fatalError ??= err;
    this.#report(err);
  }

  #onLog(e: { severity?: number; fac?: string; message?: string }): void {
    const fac = String(e?.fac ?? '');
    // librdkafka warns with these facilities when the group dropped this member: a loss.
    if (fac === 'SESSTMOUT' || fac === 'MAXPOLL') this.#lostSignal = true;
    this.#conf.logger?.({ severity: Number(e?.severity ?? 6), fac, message: String(e?.message ?? '') });
  }

  /** Client-level errors: to `error_cb` and `error` listeners; never thrown from here. */
  #report(err: KafkaClientError): void {
    try {
      this.#conf.errorCb?.(err);
    } catch {
      // a throwing error_cb must not take the consumer down
    }
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}

/** `{topic, partition[, offset]}` without extra fields (node-rdkafka reads only these). */
function cleanTopicPartition(tp: TopicPartition | TopicPartitionOffset): TopicPartition | TopicPartitionOffset {
  const offset = (tp as TopicPartitionOffset).offset;
  return offset === undefined ? { topic: tp.topic, partition: tp.partition } : { topic: tp.topic, partition: tp.partition, offset };
}

/** The offsets a commit/store option object names, or `null` for "current". */
function offsetsOf(options: Pick<CommitOptions, 'message' | 'messages' | 'offsets'>): TopicPartitionOffset[] | null {
  const given = [options.message, options.messages, options.offsets].filter((x) => x !== undefined).length;
  if (given > 1) throw new KafkaClientError('ERR_INVALID_ARG', 'give at most one of message, messages, offsets');
  if (options.message) return offsetsOfMessages([options.message]);
  if (options.messages) return offsetsOfMessages(options.messages);
  if (options.offsets) return options.offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
  return null;
}

function timeoutOr(err: unknown, context: string): KafkaClientError {
  const e = fromRdkafkaError(err, context);
  if (e instanceof ConsumeError && e.errno === ERR.TIMED_OUT) return new TimeoutError(`${context}: timed out`, { cause: e });
  return e;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1) throw new KafkaClientError('ERR_INVALID_ARG', `${name} must be a positive number, got ${value}`);
  return Math.floor(value);
}
