/**
 * The {@link Producer}: a typed, Promise-based Kafka producer over simple-kafka's
 * native batch path.
 *
 * @packageDocumentation
 */
import { KafkaClientError, KafkaError, QueueFullError, SerializationError, StateError } from '../errors';
import { kafkaErrorFromCode } from '../native';
import { SerializationContext } from '../serde/context';
import { callSerializer, type SerializerLike } from '../serde/types';
import { checkProducerConfig, type ResolvedProducerConfig } from './config';
import { checkBytes, checkPartition, checkTimestamp, checkTopic, flattenHeaders, invalidArgument } from './encode';
import { SendBatchError, deliveryError, fromNative, isRetriableCode } from './errors';
import { SendGate, type GateItem } from './gate';
import { Packer } from './pack';
import {
  ERR_QUEUE_FULL,
  MAX_NATIVE_BATCH,
  PURGE_INFLIGHT,
  PURGE_NON_BLOCKING,
  PURGE_QUEUE,
  R_ERR,
  R_INDEX,
  R_OFFSET,
  R_PARTITION,
  R_STATUS,
  R_TAG,
  R_TIMESTAMP,
  REPORT_STRIDE,
  nativeProducerClass,
  type FlatHeaders,
  type NativeBytes,
  type NativeEvents,
  type NativeProducer,
} from './native';
import type {
  CloseOptions,
  ConnectOptions,
  DeliveryCallback,
  DeliveryReport,
  GroupMetadata,
  GroupMetadataLike,
  MessageHeaders,
  OAuthBearerResult,
  ProduceOptions,
  ProducerConfig,
  ProducerLogRecord,
  PurgeOptions,
  RawBytes,
  RecordMetadata,
  ProducerRecord,
  TransactionOffset,
} from './types';

/** Default timeout of the transaction calls (ms). */
const TXN_TIMEOUT_MS = 60_000;
/** Default timeout of close() before outstanding messages are purged (ms). */
const CLOSE_TIMEOUT_MS = 30_000;
/** Largest run handed to the native side by coalesced send() calls. */
const MAX_SEND_RUN = 65_536;

/** Receives the outcome of each message of a run. */
interface Sink {
  /**
   * Settles the messages of `run` whose delivery reports are
   * `reports[from .. to)` (REPORT_STRIDE numbers each). One call per stretch of
   * reports of one run: the loop over them is the sink's own (monomorphic, no
   * number boxed per message).
   */
  settleReports(run: Run, reports: Float64Array, from: number, to: number, acksZero: boolean): void;
  /** The message never reached librdkafka (or its report never came); ignored if already settled. */
  fail(run: Run, i: number, error: KafkaClientError): void;
}

/** Messages of one topic handed to librdkafka in one native call. */
interface Run {
  topic: string;
  values: NativeBytes[];
  keys: NativeBytes[] | null;
  partitions: Int32Array | number;
  timestamps: Float64Array | null;
  headers: Array<FlatHeaders | null> | null;
  count: number;
  /** Reports still expected. */
  remaining: number;
  /** Counted by the send gate. */
  gated: boolean;
  sink: Sink;
  /** Index of message 0 of this run in its sink. */
  base: number;
}

function partitionOf(run: Run, i: number): number {
  return typeof run.partitions === 'number' ? run.partitions : run.partitions[i];
}

function sliceRun(run: Run, from: number): Run {
  return {
    topic: run.topic,
    values: run.values.slice(from),
    keys: run.keys ? run.keys.slice(from) : null,
    partitions: typeof run.partitions === 'number' ? run.partitions : run.partitions.slice(from),
    timestamps: run.timestamps ? run.timestamps.slice(from) : null,
    headers: run.headers ? run.headers.slice(from) : null,
    count: run.count - from,
    remaining: 0,
    gated: run.gated,
    sink: run.sink,
    base: run.base + from,
  };
}

const NO_VALUES: NativeBytes[] = [];

/**
 * librdkafka copied the run's messages: let the collector have the values,
 * keys and headers while the run waits for its delivery reports.
 */
function release(run: Run): void {
  run.values = NO_VALUES;
  run.keys = null;
  run.timestamps = null;
  run.headers = null;
}

function metadata(topic: string, partition: number, offset: number, timestamp: number): RecordMetadata {
  return { topic, partition, offset: offset < 0 ? -1 : offset, timestamp };
}

/**
 * Settles a send() promise with a failure through its resolve function: the
 * promise adopts the rejected one. A send keeps only its resolve function
 * while it waits for the broker (its reject function is garbage at once),
 * which is less for the collector to copy per message in flight.
 */
function rejectThrough(resolve: (md: RecordMetadata) => void, error: Error): void {
  (resolve as (v: unknown) => void)(Promise.reject(error));
}

/** Sink of coalesced `send()` calls: one promise per message. */
class SendSink implements Sink {
  readonly resolves: Array<(md: RecordMetadata) => void> = [];

  settleReports(run: Run, reports: Float64Array, from: number, to: number, acksZero: boolean): void {
    const topic = run.topic;
    const base = run.base;
    const resolves = this.resolves;
    for (let o = from; o < to; o += REPORT_STRIDE) {
      const k = base + reports[o + R_INDEX];
      const errno = reports[o + R_ERR];
      const partition = reports[o + R_PARTITION];
      if (errno === 0) {
        // With acks=0 librdkafka numbers the messages from the unknown base offset -1: not offsets.
        resolves[k](metadata(topic, partition, acksZero ? -1 : reports[o + R_OFFSET], reports[o + R_TIMESTAMP]));
      } else {
        rejectThrough(resolves[k], deliveryError(errno, topic, partition, reports[o + R_STATUS]));
      }
    }
  }

  fail(run: Run, i: number, error: KafkaClientError): void {
    rejectThrough(this.resolves[run.base + i], error);
  }
}

/**
 * Outcome storage of one `sendBatch()`: partition, offset and timestamp per
 * message in one Float64Array, and a state byte per message.
 */
interface Outcomes {
  /** Messages it has room for. */
  cap: number;
  /** `[partition, offset, timestamp]` per message. */
  meta: Float64Array;
  /** 0 pending, 1 delivered, 2 failed. */
  state: Uint8Array;
}

/**
 * Outcome storage given back by settled batches, taken by the next ones. A
 * pipeline of batches reuses the same few buffers instead of asking the
 * allocator (and the kernel, for fresh pages) for new ones per batch.
 */
const outcomePool: Outcomes[] = [];
/** Bytes the pool may hold in all (25 bytes per message of capacity). */
const OUTCOME_POOL_MAX_BYTES = 4 << 20;
let outcomePoolBytes = 0;
/** Batches larger than this get storage of their own, not kept. */
const OUTCOME_POOL_MAX_CAP = 1 << 16;

const outcomeBytes = (o: Outcomes): number => o.meta.byteLength + o.state.byteLength;

function takeOutcomes(n: number): Outcomes {
  for (let i = outcomePool.length - 1; i >= 0; i--) {
    const o = outcomePool[i];
    if (o.cap >= n && o.cap <= 4 * n) {
      outcomePool[i] = outcomePool[outcomePool.length - 1];
      outcomePool.pop();
      outcomePoolBytes -= outcomeBytes(o);
      o.state.fill(0, 0, n);
      return o;
    }
  }
  // Pooled sizes are rounded up so batches of nearby sizes share buffers.
  const cap = n <= OUTCOME_POOL_MAX_CAP ? Math.max(64, 2 ** Math.ceil(Math.log2(n))) : n;
  return { cap, meta: new Float64Array(3 * cap), state: new Uint8Array(cap) };
}

function giveOutcomes(o: Outcomes): void {
  const bytes = outcomeBytes(o);
  if (o.cap > OUTCOME_POOL_MAX_CAP || outcomePoolBytes + bytes > OUTCOME_POOL_MAX_BYTES) return;
  outcomePool.push(o);
  outcomePoolBytes += bytes;
}

/**
 * Sink of one `sendBatch()`: settles when every message has its outcome.
 * Outcomes are kept in typed arrays (pooled) and turned into RecordMetadata
 * objects once, at the end (no per-message objects live through the batch).
 */
class BatchSink implements Sink {
  readonly #n: number;
  /** The topic of each message, or the one topic of them all. */
  readonly #topics: string[] | string;
  /** Outcome storage until the batch settles; `undefined` after (late reports are ignored). */
  #out: Outcomes | undefined;
  #errors: Map<number, KafkaClientError> | undefined;
  #remaining: number;
  readonly promise: Promise<RecordMetadata[]>;
  #resolve!: (results: RecordMetadata[]) => void;
  #reject!: (error: Error) => void;

  constructor(n: number, topics: string[] | string) {
    this.#n = n;
    this.#topics = topics;
    this.#out = takeOutcomes(n);
    this.#remaining = n;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  settleReports(run: Run, reports: Float64Array, from: number, to: number, acksZero: boolean): void {
    const out = this.#out;
    if (out === undefined) return;
    const state = out.state;
    const meta = out.meta;
    const base = run.base;
    let settled = 0;
    for (let o = from; o < to; o += REPORT_STRIDE) {
      const k = base + reports[o + R_INDEX];
      if (state[k] !== 0) continue;
      settled++;
      const errno = reports[o + R_ERR];
      if (errno === 0) {
        state[k] = 1;
        const m = 3 * k;
        meta[m] = reports[o + R_PARTITION];
        const offset = acksZero ? -1 : reports[o + R_OFFSET];
        meta[m + 1] = offset < 0 ? -1 : offset;
        meta[m + 2] = reports[o + R_TIMESTAMP];
      } else {
        state[k] = 2;
        (this.#errors ??= new Map()).set(k, deliveryError(errno, run.topic, reports[o + R_PARTITION], reports[o + R_STATUS]));
      }
    }
    this.#remaining -= settled;
    if (settled > 0 && this.#remaining === 0) this.#finish(out);
  }

  fail(run: Run, i: number, error: KafkaClientError): void {
    const out = this.#out;
    if (out === undefined) return;
    const k = run.base + i;
    if (out.state[k] !== 0) return;
    out.state[k] = 2;
    (this.#errors ??= new Map()).set(k, error);
    if (--this.#remaining === 0) this.#finish(out);
  }

  #finish(out: Outcomes): void {
    this.#out = undefined;
    const n = this.#n;
    const topics = this.#topics;
    const meta = out.meta;
    const errors = this.#errors;
    const results = new Array<RecordMetadata | KafkaClientError>(n);
    if (errors === undefined && typeof topics === 'string') {
      for (let k = 0, m = 0; k < n; k++, m += 3) {
        results[k] = { topic: topics, partition: meta[m], offset: meta[m + 1], timestamp: meta[m + 2] };
      }
    } else {
      for (let k = 0, m = 0; k < n; k++, m += 3) {
        results[k] = errors?.get(k) ?? { topic: typeof topics === 'string' ? topics : topics[k], partition: meta[m], offset: meta[m + 1], timestamp: meta[m + 2] };
      }
    }
    giveOutcomes(out);
    if (errors === undefined) {
      this.#resolve(results as RecordMetadata[]);
      return;
    }
    const failed = [...errors.keys()].sort((a, b) => a - b);
    this.#reject(new SendBatchError(results, failed));
  }
}

/**
 * Sink of Python-style `produce()` calls: one run holds the messages of many
 * calls (one tag, indexes in call order), so a call adds no run and no map
 * entry of its own. Each message settles once and queues its callback for
 * poll()/flush(); what the callback needs is let go once it is queued.
 */
class ProduceSink implements Sink {
  readonly #ready: Array<() => void>;
  /** Per message: its callback, or `undefined` for none; `SETTLED` once settled. */
  readonly #callbacks: Array<DeliveryCallback<unknown, unknown> | undefined | typeof SETTLED> = [];
  /** Per message, only while a callback waits for them. */
  readonly #keys: unknown[] = [];
  readonly #values: unknown[] = [];
  readonly #headers: Array<MessageHeaders | undefined> = [];

  constructor(ready: Array<() => void>) {
    this.#ready = ready;
  }

  /** Records message `i` (the run's next index). */
  add(i: number, callback: DeliveryCallback<unknown, unknown> | undefined, key: unknown, value: unknown, headers: MessageHeaders | undefined): void {
    this.#callbacks[i] = callback;
    if (callback !== undefined) {
      this.#keys[i] = key;
      this.#values[i] = value;
      this.#headers[i] = headers;
    }
  }

  settleReports(run: Run, reports: Float64Array, from: number, to: number, acksZero: boolean): void {
    for (let o = from; o < to; o += REPORT_STRIDE) {
      const errno = reports[o + R_ERR];
      const partition = reports[o + R_PARTITION];
      const offset = acksZero ? -1 : reports[o + R_OFFSET];
      this.#deliver(run, reports[o + R_INDEX], errno === 0 ? null : deliveryError(errno, run.topic, partition, reports[o + R_STATUS]), partition, offset, reports[o + R_TIMESTAMP]);
    }
  }

  fail(run: Run, i: number, error: KafkaClientError): void {
    this.#deliver(run, i, error instanceof KafkaError ? error : kafkaErrorFromCode(-1, error.message, { produce: true, cause: error }), -1, -1, -1);
  }

  #deliver(run: Run, i: number, error: KafkaError | null, partition: number, offset: number, timestamp: number): void {
    const cb = this.#callbacks[i];
    if (cb === SETTLED) return;
    this.#callbacks[i] = SETTLED;
    if (cb === undefined) return;
    const report: DeliveryReport<unknown, unknown> = {
      topic: run.topic,
      partition,
      offset: offset < 0 ? -1 : offset,
      timestamp,
      key: this.#keys[i],
      value: this.#values[i],
      headers: this.#headers[i],
    };
    this.#keys[i] = this.#values[i] = this.#headers[i] = undefined;
    this.#ready.push(() => cb(error, report));
  }
}

/** A produce() message whose outcome is known. */
const SETTLED = Symbol('settled');

/** Messages of one produce() run (the index has 20 bits; runs are replaced well before). */
const MAX_PRODUCE_RUN = 65_536;

type State = 'open' | 'closing' | 'closed';

/**
 * One executor shared by every send() promise: it hands out the resolve and
 * reject functions through `captured`, so a send allocates no closure of its own.
 */
const captured: { resolve?: (md: RecordMetadata) => void; reject?: (error: Error) => void } = {};
const CAPTURE = (resolve: (md: RecordMetadata) => void, reject: (error: Error) => void): void => {
  captured.resolve = resolve;
  captured.reject = reject;
};

/** Native handle of each producer, for {@link raiseFatalErrorForTests} only. */
const nativeOf = new WeakMap<object, NativeProducer>();

/**
 * Raises a fatal error on a producer's handle as a broker-side failure would
 * (librdkafka's `rd_kafka_test_fatal_error`).
 *
 * @internal For tests of fatal-error handling; not exported from the package.
 */
export function raiseFatalErrorForTests(producer: object, errno: number): void {
  const handle = nativeOf.get(producer);
  if (handle === undefined) throw new StateError('not a producer');
  handle.testFatalError(errno, 'raised by raiseFatalErrorForTests');
}

function severityMethod(severity: number): 'error' | 'warn' | 'info' | 'debug' {
  if (severity <= 3) return 'error';
  if (severity === 4) return 'warn';
  if (severity <= 6) return 'info';
  return 'debug';
}

function decodeJwtSubject(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Kafka producer.
 *
 * Two ways to produce, on one librdkafka handle:
 *
 * - **Promise style** — {@link Producer.send} and {@link Producer.sendBatch}
 *   resolve with each message's {@link RecordMetadata} once the broker
 *   acknowledged it as `acks` demands. Many sends may be outstanding; the
 *   send gate caps un-acknowledged messages at `maxInFlight` and makes
 *   further sends wait (backpressure) instead of failing. `mode: 'sync'`
 *   acknowledges each message before the next leaves.
 * - **Python style** — {@link Producer.produce} enqueues at once, throws
 *   {@link QueueFullError} when the local queue is full, and delivery
 *   callbacks run inside {@link Producer.poll} and {@link Producer.flush}, as
 *   in confluent-kafka-python.
 *
 * @remarks
 * Messages cross into librdkafka in batches: all `send()` calls made in the
 * same tick (and each `sendBatch()`) are one native call; delivery reports
 * come back to JS in batches too, woken by librdkafka itself (no poll timer).
 * Flush, close and transaction calls run on the libuv thread pool, never
 * blocking the event loop. While messages are outstanding the producer keeps
 * the process alive; an idle producer does not.
 *
 * @typeParam K - key type (`key.serializer` input), {@link RawBytes} by default.
 * @typeParam V - value type (`value.serializer` input), {@link RawBytes} by default.
 *
 * @example
 * ```ts
 * const producer = new Producer({ 'bootstrap.servers': 'localhost:9092', acks: 'all' });
 * await producer.connect();
 * const md = await producer.send({ topic: 'orders', key: 'o-1', value: JSON.stringify(order) });
 * console.log(md.partition, md.offset);
 * await producer.close();
 * ```
 */
export class Producer<K = RawBytes, V = RawBytes> {
  readonly #cfg: ResolvedProducerConfig;
  readonly #native: NativeProducer;
  readonly #gate: SendGate;
  readonly #runs = new Map<number, Run>();
  /** The run Python-style produce() calls add to (see ProduceSink). */
  #produceRun: { run: Run; sink: ProduceSink; tag: number; topicId: number } | undefined;
  /** The native handle's id of each topic produce() was called for. */
  readonly #topicIds = new Map<string, number>();
  readonly #ops = new Set<Promise<unknown>>();
  readonly #ready: Array<() => void> = [];
  #tag = 0;
  #state: State = 'open';
  #closing: Promise<void> | undefined;
  #fatal: KafkaError | undefined;
  #connected = false;
  /** Runs waiting for the microtask that hands them to librdkafka, in order. */
  #outbox: Run[] = [];
  /** The last outbox run, still open to more coalesced send() calls. */
  #open: { run: Run; sink: SendSink; keys: NativeBytes[] | null; parts: number[] | null; ts: number[] | null; hdrs: Array<FlatHeaders | null> | null } | undefined;
  #flushScheduled = false;
  /** Runs refused with a full local queue, retried in order as reports free room. */
  #stalled: Run[] = [];
  #idleWaiters: Array<() => void> = [];
  readonly #chunk: number;
  /** Packs each run's values and keys for one native read (see pack.ts). */
  readonly #packer = new Packer();
  readonly #acksZero: boolean;

  /**
   * Creates the producer (and its librdkafka handle; no connection is made yet).
   *
   * @param config - librdkafka properties plus {@link ProducerOptions}; see {@link ProducerConfig}.
   * @throws {@link ConfigError} listing every issue `validateConfig(config, {role: 'producer'})`
   *   and the facade's own option checks find, before any librdkafka handle is created
   *   (Java keys and `sasl.jaas.config` are translated first); then any property librdkafka rejects.
   */
  constructor(config: ProducerConfig<K, V>) {
    this.#cfg = checkProducerConfig(config as Readonly<Record<string, unknown>>);
    this.#gate = new SendGate(this.#cfg.maxInFlight);
    const acks = this.#cfg.librdkafka['acks'] ?? this.#cfg.librdkafka['request.required.acks'];
    this.#acksZero = acks !== undefined && acks.trim() === '0';
    this.#chunk = Math.max(1, Math.min(MAX_NATIVE_BATCH, 50_000, Math.floor(this.#cfg.maxInFlight / 4)));
    const Native = nativeProducerClass();
    try {
      this.#native = new Native(
        this.#cfg.librdkafka,
        (reports) => this.#onDelivery(reports),
        (type, payload) => this.#onEvent(type, payload),
        {
          log: this.#cfg.logger !== undefined,
          stats: this.#cfg.statsCb !== undefined,
          oauth: this.#cfg.oauthCb !== undefined,
          throttle: this.#cfg.throttleCb !== undefined,
        },
      );
    } catch (err) {
      throw fromNative(err, 'new Producer');
    }
    nativeOf.set(this, this.#native);
  }

  /** librdkafka's name of this client instance, e.g. `rdkafka#producer-1` (empty once closed). */
  get name(): string {
    return this.#native.name();
  }

  /**
   * Messages not yet delivered: in librdkafka's queue or in flight, plus those
   * waiting at the send gate (Python's `len(producer)`).
   */
  get queueLength(): number {
    return (this.#state === 'closed' ? 0 : this.#native.outqLen()) + this.#gate.waiting + this.#stalledCount() + this.#outboxCount();
  }

  /** Messages given to `send()`/`sendBatch()` that are admitted and not yet acknowledged (at most `maxInFlight`). */
  get inFlight(): number {
    return this.#gate.inFlight;
  }

  /** The fatal error this producer hit, if any: it must be closed and replaced. */
  get fatalError(): KafkaError | undefined {
    return this.#fatal;
  }

  /** True after {@link Producer.connect} succeeded and until close. */
  get connected(): boolean {
    return this.#connected && this.#state === 'open';
  }

  /**
   * Checks that the cluster answers (a metadata request). Optional: `send()`
   * and `produce()` work without it, connecting on demand.
   *
   * @throws {@link KafkaError} (e.g. `_TRANSPORT`, `_TIMED_OUT`) when no broker answers in time;
   *   {@link StateError} after close.
   */
  async connect(options: ConnectOptions = {}): Promise<void> {
    this.#refuseOrThrow('connect');
    const timeout = options.timeoutMs ?? 10_000;
    await this.#op('connect', () => this.#native.metadata(timeout));
    this.#connected = true;
  }

  /**
   * Sends one message; resolves when the broker acknowledged it.
   *
   * @remarks Waits at the send gate when `maxInFlight` messages are
   * un-acknowledged. Messages sent in the same tick go to librdkafka in one
   * batch and keep their call order. With `mode: 'sync'` the next message
   * leaves only after this one is acknowledged.
   * @returns the partition, offset and timestamp the broker gave the message.
   * @throws (rejects) {@link ProduceError} when delivery failed (after librdkafka's own retries);
   *   {@link SerializationError} for a key/value that is not bytes/string (or that its serializer refused);
   *   {@link KafkaClientError} `ERR_INVALID_ARGUMENT` naming a bad field; {@link StateError} once closing;
   *   the fatal {@link KafkaError} after a fatal error.
   */
  send(record: ProducerRecord<K, V>): Promise<RecordMetadata> {
    const refusal = this.#refusal('send');
    if (refusal) return Promise.reject(refusal);
    let topic: string;
    let partition: number;
    let timestamp: number;
    let headers: FlatHeaders | null;
    let key: NativeBytes | Promise<NativeBytes>;
    let value: NativeBytes | Promise<NativeBytes>;
    try {
      if (record === null || typeof record !== 'object') throw invalidArgument('record', 'must be an object { topic, value, key?, partition?, headers?, timestamp? }');
      topic = checkTopic(record.topic, 'topic');
      partition = checkPartition(record.partition, 'partition');
      timestamp = checkTimestamp(record.timestamp, 'timestamp');
      headers = flattenHeaders(record.headers, 'headers');
      key = this.#serialize('key', record.key, topic, record.headers, 'key');
      value = this.#serialize('value', record.value, topic, record.headers, 'value');
    } catch (err) {
      return Promise.reject(err);
    }
    const promise = new Promise<RecordMetadata>(CAPTURE);
    const resolve = captured.resolve!;
    const reject = captured.reject!;
    // The common case first, in a function with no closures (so no context is
    // allocated per call); waiting at the gate or for a serializer is #sendLater's.
    if (!(key instanceof Promise) && !(value instanceof Promise) && this.#gate.tryTake(1)) {
      this.#addSend(topic, value, key, partition, timestamp, headers, resolve);
    } else {
      this.#sendLater(topic, key, value, partition, timestamp, headers, resolve, reject);
    }
    return promise;
  }

  /**
   * Sends many messages (any topics) in order; resolves when every one was
   * acknowledged, with one {@link RecordMetadata} per message in input order.
   *
   * @remarks The whole array is checked first: a bad message rejects the call
   * before anything is sent. Large batches pass the send gate in chunks, so
   * backpressure applies within a batch too.
   * @throws (rejects) {@link SendBatchError} (a {@link ProduceError}) when some messages failed — it
   *   settles after all did, and lists each message's outcome; {@link SerializationError} /
   *   {@link KafkaClientError} `ERR_INVALID_ARGUMENT` naming `messages[i].field`; {@link StateError} once closing.
   */
  async sendBatch(records: ReadonlyArray<ProducerRecord<K, V>>): Promise<RecordMetadata[]> {
    const refusal = this.#refusal('sendBatch');
    if (refusal) throw refusal;
    if (!Array.isArray(records)) throw invalidArgument('messages', 'must be an array of records');
    const n = records.length;
    if (n === 0) return [];

    // The topic of each message; only built once a second topic shows up.
    let topics: string[] | null = null;
    let firstTopic = '';
    const values = new Array<NativeBytes>(n);
    let keys: NativeBytes[] | null = null;
    let partitions: Int32Array | null = null;
    let timestamps: Float64Array | null = null;
    let headers: Array<FlatHeaders | null> | null = null;
    let pending: Array<Promise<void>> | null = null;
    const keySer = this.#cfg.keySerializer;
    const valueSer = this.#cfg.valueSerializer;
    let lastTopic = '';
    let topicCount = 0;
    for (let i = 0; i < n; i++) {
      const m = records[i];
      if (m === null || typeof m !== 'object') throw invalidArgument(`messages[${i}]`, 'must be an object { topic, value, ... }');
      let topic = m.topic;
      if (topic !== lastTopic) {
        topic = lastTopic = checkTopic(topic, `messages[${i}].topic`);
        if (topicCount++ === 0) firstTopic = topic;
        else topics ??= new Array<string>(i).fill(firstTopic);
      }
      if (topics !== null) topics.push(topic);
      if (m.partition !== undefined && m.partition !== null && m.partition !== -1) {
        partitions ??= new Int32Array(n).fill(-1);
        partitions[i] = checkPartition(m.partition, `messages[${i}].partition`);
      }
      if (m.timestamp !== undefined && m.timestamp !== null && m.timestamp !== 0) {
        timestamps ??= new Float64Array(n);
        timestamps[i] = checkTimestamp(m.timestamp, `messages[${i}].timestamp`);
      }
      if (m.headers !== undefined && m.headers !== null) {
        const h = flattenHeaders(m.headers, `messages[${i}].headers`);
        if (h !== null) {
          headers ??= new Array<FlatHeaders | null>(n).fill(null);
          headers[i] = h;
        }
      }
      const v = m.value;
      if (valueSer === undefined) {
        values[i] = v === undefined || v === null ? null : typeof v === 'string' || v instanceof Uint8Array ? v : checkBytes(v, 'value', topic, `messages[${i}].value`);
      } else {
        const out = callSerializer(valueSer, v, new SerializationContext(topic, 'value', m.headers as never));
        if (out instanceof Promise) (pending ??= []).push(out.then((b) => void (values[i] = b)));
        else values[i] = out;
      }
      const k = m.key;
      if (keySer === undefined) {
        if (k !== undefined && k !== null) {
          keys ??= new Array<NativeBytes>(n).fill(null);
          keys[i] = typeof k === 'string' || k instanceof Uint8Array ? k : checkBytes(k, 'key', topic, `messages[${i}].key`);
        }
      } else {
        keys ??= new Array<NativeBytes>(n).fill(null);
        const ks = keys;
        const out = callSerializer(keySer, k, new SerializationContext(topic, 'key', m.headers as never));
        if (out instanceof Promise) (pending ??= []).push(out.then((b) => void (ks[i] = b)));
        else ks[i] = out;
      }
    }
    if (pending !== null) {
      await Promise.all(pending);
      const again = this.#refusal('sendBatch');
      if (again) throw again;
    }

    const sink = new BatchSink(n, topics ?? firstTopic);
    const chunk = this.#chunk;
    let start = 0;
    while (start < n) {
      const topic = topics === null ? firstTopic : topics[start];
      let end = start + 1;
      const limit = Math.min(n, start + chunk);
      if (topics === null) end = limit;
      else while (end < limit && topics[end] === topic) end++;
      const whole = start === 0 && end === n;
      const run: Run = {
        topic,
        values: whole ? values : values.slice(start, end),
        keys: keys === null ? null : whole ? keys : keys.slice(start, end),
        partitions: partitions === null ? -1 : whole ? partitions : partitions.slice(start, end),
        timestamps: timestamps === null ? null : whole ? timestamps : timestamps.slice(start, end),
        headers: headers === null ? null : whole ? headers : headers.slice(start, end),
        count: end - start,
        remaining: 0,
        gated: true,
        sink,
        base: start,
      };
      if (this.#gate.tryTake(run.count)) {
        this.#pushRun(run);
      } else {
        this.#gate.enqueue({
          units: run.count,
          ready: true,
          dead: false,
          go: () => this.#pushRun(run),
          fail: (err) => {
            for (let i = 0; i < run.count; i++) sink.fail(run, i, err as KafkaClientError);
          },
        });
      }
      start = end;
    }
    return sink.promise;
  }

  /**
   * Python-style produce: enqueues one message at once and returns. Its
   * delivery callback (`onDelivery`, else the `on_delivery` config key) runs
   * inside a later {@link Producer.poll} or {@link Producer.flush}.
   *
   * @param topic - the topic.
   * @param options - the message and its callback; a Buffer, string or null is taken as the value.
   * @throws {@link QueueFullError} when librdkafka's local queue is full (call `poll()` or `flush()` and retry);
   *   {@link ProduceError} when librdkafka refuses the message (e.g. unknown partition, message too large);
   *   {@link SerializationError} / {@link KafkaClientError} `ERR_INVALID_ARGUMENT` naming the field;
   *   {@link StateError} once closing.
   */
  produce(topic: string, options: ProduceOptions<K, V> | RawBytes = {}): void {
    this.#refuseOrThrow('produce');
    checkTopic(topic, 'topic');
    const opts: ProduceOptions<K, V> =
      options === null || typeof options === 'string' || options instanceof Uint8Array ? { value: options as V } : options;
    if (typeof opts !== 'object') throw invalidArgument('options', 'must be an object { value, key, partition, headers, timestamp, onDelivery }');
    const partition = checkPartition(opts.partition, 'partition');
    const timestamp = checkTimestamp(opts.timestamp, 'timestamp');
    const headers = flattenHeaders(opts.headers, 'headers');
    const callback = (opts.onDelivery ?? opts.on_delivery ?? this.#cfg.onDelivery) as DeliveryCallback<unknown, unknown> | undefined;
    if (callback !== undefined && typeof callback !== 'function') throw invalidArgument('onDelivery', 'must be a function (error, report) => void');
    const key = this.#serialize('key', opts.key, topic, opts.headers, 'key');
    const value = this.#serialize('value', opts.value, topic, opts.headers, 'value');
    if (key instanceof Promise || value instanceof Promise) {
      if (key instanceof Promise) key.catch(() => undefined);
      if (value instanceof Promise) value.catch(() => undefined);
      throw new SerializationError({
        field: key instanceof Promise ? 'key' : 'value',
        topic,
        reason: 'the serializer is asynchronous; produce() is synchronous — use send() with asynchronous serializers',
      });
    }
    // Messages given to send() earlier in this tick go first.
    this.#flushOutbox();
    // The open produce run, while it is still registered (a run whose
    // messages were all settled is retired by the delivery path).
    let open = this.#produceRun;
    if (open === undefined || open.run.topic !== topic || open.run.count >= MAX_PRODUCE_RUN || this.#runs.get(open.tag) !== open.run) {
      let topicId = this.#topicIds.get(topic);
      if (topicId === undefined) {
        try {
          topicId = this.#native.topicId(topic);
        } catch (err) {
          throw fromNative(err, 'produce');
        }
        this.#topicIds.set(topic, topicId);
      }
      const sink = new ProduceSink(this.#ready);
      const run: Run = { topic, values: NO_VALUES, keys: null, partitions: -1, timestamps: null, headers: null, count: 0, remaining: 0, gated: false, sink, base: 0 };
      open = this.#produceRun = { run, sink, tag: this.#nextTag(), topicId };
    }
    const run = open.run;
    const i = run.count;
    let code: number;
    try {
      if (timestamp === 0 && headers === null) {
        code = this.#native.produceOne(open.topicId, open.tag, i, value, key, partition);
      } else {
        const r = this.#native.produceBatch(topic, open.tag, [value], key === null ? null : [key], partition, timestamp > 0 ? Float64Array.of(timestamp) : null, headers === null ? null : [headers], i);
        code = typeof r === 'number' ? 0 : r[0];
      }
    } catch (err) {
      throw fromNative(err, 'produce');
    }
    if (code !== 0) {
      if (code === ERR_QUEUE_FULL) throw new QueueFullError();
      throw deliveryError(code, topic, partition, undefined);
    }
    open.sink.add(i, callback, opts.key, opts.value, opts.headers);
    run.count = i + 1;
    run.remaining++;
    if (run.remaining === 1) this.#runs.set(open.tag, run);
  }

  /**
   * Serves delivery callbacks of {@link Producer.produce} (Python's `poll()`).
   *
   * @param timeoutMs - when no callback is ready, wait up to this long for one (default 0).
   * @remarks A non-zero timeout blocks the event loop while it waits, as
   * Python's `poll()` blocks its thread; prefer `poll(0)` or `await flush()`.
   * Promise-style sends never need `poll()`.
   * @returns the number of delivery callbacks run.
   * @throws {@link StateError} after close; whatever a callback throws.
   */
  poll(timeoutMs = 0): number {
    if (this.#state === 'closed') throw new StateError('poll: the producer is closed');
    if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs)) throw invalidArgument('timeoutMs', 'must be a number');
    this.#native.poll(0);
    if (this.#ready.length === 0 && timeoutMs > 0) this.#native.poll(Number.isFinite(timeoutMs) ? timeoutMs : -1);
    return this.#serveReady();
  }

  /**
   * Waits until every message given to the producer was delivered or failed
   * (Python's `flush()`), then runs the pending delivery callbacks.
   *
   * @param timeoutMs - give up after this long (default: no limit).
   * @returns how many messages are still outstanding (0 when everything was delivered).
   * @throws {@link StateError} after close.
   */
  async flush(timeoutMs = Infinity): Promise<number> {
    if (this.#state === 'closed') throw new StateError('flush: the producer is closed');
    if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) throw invalidArgument('timeoutMs', 'must be a number >= 0');
    const deadline = Date.now() + timeoutMs;
    this.#flushOutbox();
    await this.#waitQueued(deadline);
    const left = Number.isFinite(deadline) ? Math.max(0, deadline - Date.now()) : -1;
    const remaining = await this.#op('flush', () => this.#native.flush(left));
    this.#serveReady();
    return remaining + this.#gate.waiting + this.#stalledCount();
  }

  /**
   * Drops messages not yet delivered (Python's `purge()`); their sends reject
   * (and their callbacks report) with `_PURGE_QUEUE` / `_PURGE_INFLIGHT`.
   *
   * @throws {@link StateError} after close.
   */
  purge(options: PurgeOptions = {}): void {
    this.#refuseOrThrow('purge', true);
    let flags = 0;
    if (options.queue !== false) flags |= PURGE_QUEUE;
    if (options.inflight !== false) flags |= PURGE_INFLIGHT;
    if (options.blocking === false) flags |= PURGE_NON_BLOCKING;
    this.#flushOutbox();
    try {
      this.#native.purge(flags);
    } catch (err) {
      throw fromNative(err, 'purge');
    }
  }

  /**
   * Flushes, then closes the producer. Idempotent: every call returns the same promise.
   *
   * @remarks Safe with sends in flight: they all settle — delivered ones
   * resolve; messages still undelivered after `timeoutMs` are purged and
   * reject. New calls reject with {@link StateError} from the moment close
   * starts. Pending `produce()` callbacks run before close resolves.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closing ??= this.#close(options.timeoutMs ?? CLOSE_TIMEOUT_MS);
    return this.#closing;
  }

  // ---------------------------------------------------------------------------
  // Transactions

  /**
   * Initializes transactions (needs `transactional.id`): fences older
   * producers with the same id and recovers the previous transaction.
   *
   * @throws {@link KafkaError} with `retriable` / `fatal` set as librdkafka says.
   */
  async initTransactions(timeoutMs = TXN_TIMEOUT_MS): Promise<void> {
    this.#refuseOrThrow('initTransactions');
    await this.#op('initTransactions', () => this.#native.initTransactions(timeoutMs));
  }

  /**
   * Begins a transaction; messages sent until commit or abort belong to it.
   *
   * @throws {@link KafkaError} (e.g. `_STATE` when one is already in progress).
   */
  beginTransaction(): void {
    this.#refuseOrThrow('beginTransaction');
    this.#flushOutbox();
    try {
      this.#native.beginTransaction();
    } catch (err) {
      throw fromNative(err, 'beginTransaction');
    }
  }

  /**
   * Adds a consumer's positions to the transaction: they are committed for
   * the group if and only if the transaction commits.
   *
   * @param offsets - per partition, the next offset to read (last processed + 1).
   * @param groupMetadata - the consumer group (see {@link GroupMetadataLike}).
   * @throws {@link KafkaError}; when `txnRequiresAbort` is set, call {@link Producer.abortTransaction}.
   */
  async sendOffsetsToTransaction(offsets: readonly TransactionOffset[], groupMetadata: GroupMetadataLike, timeoutMs = TXN_TIMEOUT_MS): Promise<void> {
    this.#refuseOrThrow('sendOffsetsToTransaction');
    if (!Array.isArray(offsets)) throw invalidArgument('offsets', 'must be an array of { topic, partition, offset }');
    const list = offsets.map((o, i) => {
      if (o === null || typeof o !== 'object') throw invalidArgument(`offsets[${i}]`, 'must be { topic, partition, offset }');
      const topic = checkTopic(o.topic, `offsets[${i}].topic`);
      const partition = checkPartition(o.partition, `offsets[${i}].partition`);
      if (partition < 0) throw invalidArgument(`offsets[${i}].partition`, 'must be an integer >= 0');
      if (typeof o.offset !== 'number' || !Number.isInteger(o.offset) || o.offset < 0) {
        throw invalidArgument(`offsets[${i}].offset`, `must be an integer >= 0 (the next offset to read), got ${JSON.stringify(o.offset)}`);
      }
      return { topic, partition, offset: o.offset };
    });
    const group = normalizeGroup(groupMetadata);
    this.#flushOutbox();
    await this.#op('sendOffsetsToTransaction', () => this.#native.sendOffsetsToTransaction(list, group, timeoutMs));
  }

  /**
   * Commits the transaction: first waits until every message sent in it was
   * delivered, then commits.
   *
   * @throws {@link KafkaError}: `retriable` → call again; `txnRequiresAbort` →
   *   {@link Producer.abortTransaction}; `fatal` → close the producer.
   */
  async commitTransaction(timeoutMs = TXN_TIMEOUT_MS): Promise<void> {
    this.#refuseOrThrow('commitTransaction');
    const deadline = Date.now() + timeoutMs;
    this.#flushOutbox();
    await this.#waitQueued(deadline);
    const left = Math.max(1, deadline - Date.now());
    await this.#op('commitTransaction', () => this.#native.commitTransaction(left));
  }

  /**
   * Aborts the transaction: its messages are purged or written as aborted
   * (invisible to `read_committed` consumers); sends not yet acknowledged reject.
   *
   * @throws {@link KafkaError}.
   */
  async abortTransaction(timeoutMs = TXN_TIMEOUT_MS): Promise<void> {
    this.#refuseOrThrow('abortTransaction');
    this.#flushOutbox();
    const aborted = new StateError('abortTransaction: the transaction was aborted before this message was enqueued');
    this.#gate.failAll(aborted);
    this.#failStalled(aborted);
    await this.#op('abortTransaction', () => this.#native.abortTransaction(timeoutMs));
  }

  // ---------------------------------------------------------------------------
  // Internals

  #serialize(field: 'key' | 'value', v: unknown, topic: string, headers: MessageHeaders | undefined, path: string): NativeBytes | Promise<NativeBytes> {
    const ser = (field === 'key' ? this.#cfg.keySerializer : this.#cfg.valueSerializer) as SerializerLike<unknown> | undefined;
    if (ser === undefined) return checkBytes(v, field, topic, path);
    return callSerializer(ser, v, new SerializationContext(topic, field, headers as never));
  }

  #refusal(what: string): KafkaClientError | undefined {
    if (this.#state !== 'open') return new StateError(`${what}: the producer is ${this.#state === 'closing' ? 'closing' : 'closed'}`);
    if (this.#fatal) return this.#fatal;
    return undefined;
  }

  #refuseOrThrow(what: string, allowFatal = false): void {
    if (this.#state !== 'open') throw new StateError(`${what}: the producer is ${this.#state === 'closing' ? 'closing' : 'closed'}`);
    if (this.#fatal && !allowFatal) throw this.#fatal;
  }

  #nextTag(): number {
    do {
      this.#tag = this.#tag >= 0xffffffff ? 1 : this.#tag + 1;
    } while (this.#runs.has(this.#tag));
    return this.#tag;
  }

  /** A send() that waits: for an asynchronous serializer, or at the gate. */
  #sendLater(
    topic: string,
    key: NativeBytes | Promise<NativeBytes>,
    value: NativeBytes | Promise<NativeBytes>,
    partition: number,
    timestamp: number,
    headers: FlatHeaders | null,
    resolve: (md: RecordMetadata) => void,
    reject: (error: Error) => void,
  ): void {
    if (key instanceof Promise || value instanceof Promise) {
      const item: GateItem = {
        units: 1,
        ready: false,
        dead: false,
        go: () => this.#addSend(topic, value as NativeBytes, key as NativeBytes, partition, timestamp, headers, resolve),
        fail: reject,
      };
      this.#gate.enqueue(item);
      Promise.all([key, value]).then(
        ([k, v]) => {
          key = k;
          value = v;
          item.ready = true;
          this.#gate.pump();
        },
        (err: unknown) => {
          item.dead = true;
          reject(err as Error);
          this.#gate.pump();
          this.#checkIdle();
        },
      );
      return;
    }
    const k = key;
    const v = value;
    this.#gate.enqueue({
      units: 1,
      ready: true,
      dead: false,
      go: () => this.#addSend(topic, v, k, partition, timestamp, headers, resolve),
      fail: reject,
    });
  }

  /** Appends one admitted send() to the open run (coalescing sends of this tick). */
  #addSend(
    topic: string,
    value: NativeBytes,
    key: NativeBytes,
    partition: number,
    timestamp: number,
    headers: FlatHeaders | null,
    resolve: (md: RecordMetadata) => void,
  ): void {
    let open = this.#open;
    if (open === undefined || open.run.topic !== topic || open.run.count >= MAX_SEND_RUN) {
      const sink = new SendSink();
      const run: Run = { topic, values: [], keys: null, partitions: -1, timestamps: null, headers: null, count: 0, remaining: 0, gated: true, sink, base: 0 };
      open = this.#open = { run, sink, keys: null, parts: null, ts: null, hdrs: null };
      this.#outbox.push(run);
    }
    const i = open.run.count++;
    open.run.values.push(value);
    open.sink.resolves.push(resolve);
    if (key !== null) {
      if (open.keys === null) open.keys = new Array<NativeBytes>(i).fill(null);
      open.keys.push(key);
    } else if (open.keys !== null) open.keys.push(null);
    if (partition !== -1) {
      if (open.parts === null) open.parts = new Array<number>(i).fill(-1);
      open.parts.push(partition);
    } else if (open.parts !== null) open.parts.push(-1);
    if (timestamp !== 0) {
      if (open.ts === null) open.ts = new Array<number>(i).fill(0);
      open.ts.push(timestamp);
    } else if (open.ts !== null) open.ts.push(0);
    if (headers !== null) {
      if (open.hdrs === null) open.hdrs = new Array<FlatHeaders | null>(i).fill(null);
      open.hdrs.push(headers);
    } else if (open.hdrs !== null) open.hdrs.push(null);
    this.#scheduleFlush();
  }

  /** Queues an admitted sendBatch() chunk behind the sends before it. */
  #pushRun(run: Run): void {
    this.#sealOpen();
    this.#outbox.push(run);
    this.#scheduleFlush();
  }

  #sealOpen(): void {
    const open = this.#open;
    if (open === undefined) return;
    this.#open = undefined;
    const run = open.run;
    run.keys = open.keys;
    if (open.parts !== null) run.partitions = Int32Array.from(open.parts);
    if (open.ts !== null) run.timestamps = Float64Array.from(open.ts);
    run.headers = open.hdrs;
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flushOutbox());
  }

  /** Hands every outbox run to librdkafka, in order (behind stalled runs, if any). */
  #flushOutbox(): void {
    this.#flushScheduled = false;
    if (this.#outbox.length === 0) return;
    this.#sealOpen();
    const runs = this.#outbox;
    this.#outbox = [];
    for (const run of runs) {
      if (this.#stalled.length > 0) {
        this.#stalled.push(run);
        continue;
      }
      const tail = this.#submit(run);
      if (tail !== undefined) this.#stalled.push(tail);
    }
    this.#checkIdle();
  }

  /**
   * One native call for one run. Returns the part refused because the local
   * queue was full (to be retried in order), if any.
   */
  #submit(run: Run): Run | undefined {
    if (this.#state === 'closed') {
      const err = new StateError('the producer was closed before the message was sent');
      for (let i = 0; i < run.count; i++) run.sink.fail(run, i, err);
      return undefined;
    }
    const tag = this.#nextTag();
    let r: number | Int32Array;
    try {
      const packer = this.#packer;
      r =
        run.headers === null && packer.pack(run.values, run.keys, run.count)
          ? this.#native.producePacked(run.topic, tag, packer.data, packer.lengths, run.count, run.partitions, run.timestamps)
          : this.#native.produceBatch(run.topic, tag, run.values, run.keys, run.partitions, run.timestamps, run.headers);
    } catch (err) {
      const e = fromNative(err, 'send');
      for (let i = 0; i < run.count; i++) run.sink.fail(run, i, e);
      if (run.gated) this.#gate.release(run.count);
      return undefined;
    }
    if (typeof r === 'number') {
      run.remaining = run.count;
      this.#runs.set(tag, run);
      release(run);
      return undefined;
    }
    let enqueued = 0;
    let failed = 0;
    let stallFrom = -1;
    const failures: Array<[number, number]> = [];
    for (let i = 0; i < run.count; i++) {
      const code = r[i];
      if (code === 0) {
        enqueued++;
      } else if (code === ERR_QUEUE_FULL && run.gated) {
        stallFrom = i;
        break;
      } else {
        failures.push([i, code]);
      }
    }
    if (enqueued > 0) {
      run.remaining = enqueued;
      this.#runs.set(tag, run);
    }
    for (const [i, code] of failures) {
      run.sink.fail(run, i, deliveryError(code, run.topic, partitionOf(run, i), undefined));
      failed++;
    }
    if (failed > 0 && run.gated) this.#gate.release(failed);
    const tail = stallFrom >= 0 ? sliceRun(run, stallFrom) : undefined;
    release(run);
    return tail;
  }

  /** Retries stalled runs in order until one is refused again. */
  #retryStalled(): void {
    while (this.#stalled.length > 0) {
      const head = this.#stalled[0];
      const tail = this.#submit(head);
      if (tail === undefined) {
        this.#stalled.shift();
        continue;
      }
      this.#stalled[0] = tail;
      if (this.#native.inFlight() === 0) {
        // Nothing is queued and it still does not fit: it never will
        // (larger than queue.buffering.max.kbytes).
        tail.sink.fail(tail, 0, deliveryError(ERR_QUEUE_FULL, tail.topic, partitionOf(tail, 0), undefined));
        if (tail.gated) this.#gate.release(1);
        if (tail.count === 1) this.#stalled.shift();
        else this.#stalled[0] = sliceRun(tail, 1);
        continue;
      }
      return;
    }
  }

  #stalledCount(): number {
    let n = 0;
    for (const run of this.#stalled) n += run.count;
    return n;
  }

  #outboxCount(): number {
    let n = 0;
    for (const run of this.#outbox) n += run.count;
    return n;
  }

  #failStalled(error: KafkaClientError): void {
    const stalled = this.#stalled;
    this.#stalled = [];
    for (const run of stalled) {
      for (let i = 0; i < run.count; i++) run.sink.fail(run, i, error);
      if (run.gated) this.#gate.release(run.count);
    }
  }

  /** Delivery reports from the native side: 7 numbers per message. */
  #onDelivery(reports: Float64Array): void {
    const runs = this.#runs;
    const acksZero = this.#acksZero;
    const end = reports.length;
    let released = 0;
    let o = 0;
    while (o < end) {
      // A stretch of reports of one run (one tag): settled in one sink call.
      const tag = reports[o + R_TAG];
      let to = o + REPORT_STRIDE;
      while (to < end && reports[to + R_TAG] === tag) to += REPORT_STRIDE;
      const run = runs.get(tag);
      if (run !== undefined) {
        const count = (to - o) / REPORT_STRIDE;
        run.sink.settleReports(run, reports, o, to, acksZero);
        if (run.gated) released += count;
        run.remaining -= count;
        if (run.remaining <= 0) runs.delete(tag);
      }
      o = to;
    }
    if (released > 0) this.#gate.release(released);
    if (this.#stalled.length > 0) this.#retryStalled();
    this.#checkIdle();
  }

  #onEvent<T extends keyof NativeEvents>(type: T, payload: NativeEvents[T]): void {
    switch (type) {
      case 'error': {
        const e = payload as NativeEvents['error'];
        const err = kafkaErrorFromCode(e.errno, e.message, { fatal: e.fatal, retriable: !e.fatal && isRetriableCode(e.errno) });
        if (e.fatal) this.#fatal ??= err;
        if (this.#cfg.errorCb) this.#cfg.errorCb(err);
        else if (this.#cfg.logger) this.#log({ severity: 3, fac: 'ERROR', message: err.message });
        break;
      }
      case 'log': {
        const l = payload as NativeEvents['log'];
        this.#log({ severity: l.level, fac: l.facility, message: l.message });
        break;
      }
      case 'stats':
        this.#cfg.statsCb?.(payload as string);
        break;
      case 'throttle':
        this.#cfg.throttleCb?.(payload as NativeEvents['throttle']);
        break;
      case 'oauthbearer-token-refresh':
        void this.#refreshToken(payload as string);
        break;
    }
  }

  #log(record: ProducerLogRecord): void {
    const logger = this.#cfg.logger;
    if (logger === undefined) return;
    if (typeof logger === 'function') logger(record);
    else if ('log' in logger && typeof logger.log === 'function') logger.log(record);
    else {
      const l = logger as { error(m: string): void; warn(m: string): void; info(m: string): void; debug?(m: string): void };
      const method = severityMethod(record.severity);
      const line = `librdkafka ${record.fac}: ${record.message}`;
      if (method === 'debug') (l.debug ?? l.info).call(l, line);
      else l[method](line);
    }
  }

  async #refreshToken(oauthConfig: string): Promise<void> {
    const cb = this.#cfg.oauthCb;
    if (cb === undefined) return;
    try {
      const result: OAuthBearerResult = await cb(oauthConfig);
      let token: string;
      let lifetime: number;
      let principal: string | undefined;
      let extensions: Record<string, string> | undefined;
      if (Array.isArray(result)) {
        [token, lifetime, principal, extensions] = result as [string, number, string?, Record<string, string>?];
        if (lifetime < 1e11) lifetime = Math.round(lifetime * 1000); // Python gives seconds
      } else {
        const r = result as { token: string; lifetime: number; principal?: string; extensions?: Record<string, string> };
        ({ token, lifetime, principal, extensions } = r);
      }
      if (typeof token !== 'string' || typeof lifetime !== 'number') throw new Error('oauth_cb must return { token, lifetime } or [token, expiry]');
      principal ??= decodeJwtSubject(token) ?? 'unknown';
      const ext: string[] = [];
      for (const [k, v] of Object.entries(extensions ?? {})) ext.push(k, String(v));
      if (this.#state === 'closed') return;
      this.#native.setOAuthToken(token, lifetime, principal, ext);
    } catch (err) {
      if (this.#state === 'closed') return;
      try {
        this.#native.setOAuthTokenFailure(err instanceof Error ? err.message : String(err));
      } catch {
        // closed meanwhile
      }
    }
  }

  /** Runs queued produce() callbacks; returns how many ran. */
  #serveReady(): number {
    const ready = this.#ready;
    let n = 0;
    while (ready.length > 0) {
      const batch = ready.splice(0, ready.length);
      for (let i = 0; i < batch.length; i++) {
        n++;
        try {
          batch[i]();
        } catch (err) {
          // Keep the rest for the next poll, as a Python callback exception does.
          ready.unshift(...batch.slice(i + 1));
          throw err;
        }
      }
    }
    return n;
  }

  /** Tracks a native async call (close waits for it) and maps its rejection. */
  async #op<T>(what: string, start: () => Promise<T>): Promise<T> {
    let p: Promise<T>;
    try {
      p = start();
    } catch (err) {
      throw fromNative(err, what);
    }
    this.#ops.add(p);
    try {
      return await p;
    } catch (err) {
      throw fromNative(err, what);
    } finally {
      this.#ops.delete(p);
    }
  }

  #isQueuedEmpty(): boolean {
    return this.#gate.waiting === 0 && this.#stalled.length === 0 && this.#outbox.length === 0;
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0 || !this.#isQueuedEmpty()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when nothing waits at the gate or in the stalled list, or at `deadline`. */
  #waitQueued(deadline: number): Promise<void> {
    if (this.#isQueuedEmpty()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.#idleWaiters.push(done);
      if (Number.isFinite(deadline)) {
        timer = setTimeout(
          () => {
            this.#idleWaiters = this.#idleWaiters.filter((w) => w !== done);
            resolve();
          },
          Math.max(0, deadline - Date.now()),
        );
      }
    });
  }

  async #close(timeoutMs: number): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    const deadline = Date.now() + Math.max(0, timeoutMs);
    this.#flushOutbox();
    try {
      await this.#waitQueued(deadline);
      const left = deadline - Date.now();
      if (left > 0 && this.#native.outqLen() > 0) await this.#op('close', () => this.#native.flush(left));
    } catch {
      // purged below
    }
    const notSent = new StateError('close: the producer was closed before the message was sent');
    this.#gate.failAll(notSent);
    this.#failStalled(notSent);
    try {
      if (this.#native.outqLen() > 0) {
        this.#native.purge(PURGE_QUEUE | PURGE_INFLIGHT);
        await this.#op('close', () => this.#native.flush(5_000));
      }
    } catch {
      // the reports that did not come are failed below
    }
    await Promise.allSettled([...this.#ops]);
    let closeError: unknown;
    try {
      await this.#native.close();
    } catch (err) {
      closeError = err;
    }
    this.#state = 'closed';
    const lost = new StateError('close: the producer was closed before the delivery report arrived');
    for (const run of this.#runs.values()) {
      for (let i = 0; i < run.count; i++) run.sink.fail(run, i, lost);
    }
    this.#runs.clear();
    this.#checkIdle();
    this.#serveReady();
    if (closeError !== undefined) throw fromNative(closeError, 'close');
  }
}

function normalizeGroup(g: GroupMetadataLike): Buffer | GroupMetadata {
  let v: unknown = g;
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const o = v as { groupMetadata?: () => unknown; consumerGroupMetadata?: () => unknown };
    if (typeof o.groupMetadata === 'function') v = o.groupMetadata();
    else if (typeof o.consumerGroupMetadata === 'function') v = o.consumerGroupMetadata();
  }
  if (typeof v === 'string') {
    if (v.length === 0) throw invalidArgument('groupMetadata', 'the group id must not be empty');
    return { groupId: v };
  }
  if (Buffer.isBuffer(v)) return v;
  if (v !== null && typeof v === 'object' && typeof (v as GroupMetadata).groupId === 'string' && (v as GroupMetadata).groupId.length > 0) {
    const m = v as GroupMetadata;
    if (m.generationId !== undefined && !Number.isInteger(m.generationId)) throw invalidArgument('groupMetadata.generationId', 'must be an integer');
    return m;
  }
  throw invalidArgument('groupMetadata', 'must be a group id, { groupId, generationId?, memberId?, groupInstanceId? }, serialized metadata, or a consumer');
}
