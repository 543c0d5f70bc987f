/**
 * The embedded Kafka cluster: librdkafka's mock cluster, in process.
 *
 * @packageDocumentation
 */
import { KafkaClientError, StateError } from '../errors';
import { fromNativeError, native, nodeRdkafka, type NativeMockCluster } from '../native';

/** Kafka protocol API keys most often used with {@link MockCluster.pushRequestErrors}. */
export const ApiKeys = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
  TxnOffsetCommit: 28,
} as const;

/** A Kafka API key: its number or its name in {@link ApiKeys}. */
export type ApiKey = number | keyof typeof ApiKeys;

/**
 * An error to inject: librdkafka's number, or its name with or without the
 * `ERR_` prefix (`'NOT_LEADER_FOR_PARTITION'`, `'ERR_REQUEST_TIMED_OUT'`).
 */
export type InjectedError = number | string;

/** Options of {@link MockCluster.start}. */
export interface MockClusterOptions {
  /** Number of brokers, 1..64; default 3. Broker ids are 1..brokers. */
  brokers?: number;
}

function errorCode(e: InjectedError, index: number): number {
  if (typeof e === 'number' && Number.isInteger(e)) return e;
  if (typeof e === 'string') {
    const codes = nodeRdkafka().CODES.ERRORS as Record<string, number>;
    const key = e.startsWith('ERR_') ? e : `ERR_${e}`;
    if (key in codes) return codes[key];
  }
  throw new KafkaClientError('ERR_INVALID_ARGUMENT', `errors[${index}]: unknown Kafka error ${JSON.stringify(e)} (use a librdkafka error number or a name such as NOT_LEADER_FOR_PARTITION)`);
}

function apiKeyNumber(apiKey: ApiKey): number {
  if (typeof apiKey === 'number' && Number.isInteger(apiKey) && apiKey >= 0 && apiKey < 32768) return apiKey;
  if (typeof apiKey === 'string' && Object.prototype.hasOwnProperty.call(ApiKeys, apiKey)) return ApiKeys[apiKey];
  throw new KafkaClientError('ERR_INVALID_ARGUMENT', `apiKey: unknown Kafka API key ${JSON.stringify(apiKey)} (use a number or one of ${Object.keys(ApiKeys).join(', ')})`);
}

function brokerId(id: number): number {
  if (!Number.isInteger(id)) throw new KafkaClientError('ERR_INVALID_ARGUMENT', `brokerId: must be an integer, got ${JSON.stringify(id)}`);
  return id;
}

/**
 * An in-process Kafka cluster (librdkafka's mock cluster) that any Kafka
 * client can connect to at {@link MockCluster.bootstrapServers}. For tests,
 * demos, `simple-kafka dev`, and fault injection.
 *
 * @remarks
 * The cluster's brokers run on librdkafka threads inside this process; the JS
 * thread only issues commands. Start and stop run on the libuv thread pool.
 * The cluster does not keep the event loop alive, but it runs until
 * {@link MockCluster.stop}: dropping every reference to a started cluster
 * does not stop it under its clients. A cluster still running when the
 * process exits is stopped by the addon's environment cleanup.
 * The mock cluster serves Produce, Fetch, consumer groups and transactions,
 * but not every admin API.
 *
 * @example
 * ```ts
 * const cluster = await MockCluster.start({ brokers: 3 });
 * cluster.createTopic('orders', 6);
 * // ... connect any client to cluster.bootstrapServers
 * await cluster.stop();
 * ```
 */
export class MockCluster {
  readonly #native: NativeMockCluster;
  readonly #brokers: number;
  readonly #bootstrap: string;
  #stopping: Promise<void> | undefined;

  private constructor(nativeCluster: NativeMockCluster, brokers: number) {
    this.#native = nativeCluster;
    this.#brokers = brokers;
    this.#bootstrap = nativeCluster.bootstraps();
  }

  /**
   * Starts a cluster.
   *
   * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT` when `brokers` is not an integer in 1..64.
   */
  static async start(options: MockClusterOptions = {}): Promise<MockCluster> {
    const brokers = options.brokers ?? 3;
    if (!Number.isInteger(brokers) || brokers < 1 || brokers > 64) {
      throw new KafkaClientError('ERR_INVALID_ARGUMENT', `brokers: must be an integer from 1 to 64, got ${JSON.stringify(brokers)}`);
    }
    const nativeCluster = new (native().MockCluster)();
    try {
      await nativeCluster.start(brokers);
    } catch (err) {
      throw fromNativeError(err, 'MockCluster.start');
    }
    return new MockCluster(nativeCluster, brokers);
  }

  /** The bootstrap string, `host:port` of every broker, comma-separated. */
  get bootstrapServers(): string {
    return this.#bootstrap;
  }

  /** Number of brokers (ids 1..brokers). */
  get brokers(): number {
    return this.#brokers;
  }

  /** True until {@link MockCluster.stop} is called. */
  get running(): boolean {
    return this.#stopping === undefined && this.#native.isRunning();
  }

  /**
   * Creates a topic.
   *
   * @param replicationFactor - default: `min(3, brokers)`.
   * @throws {@link KafkaError} e.g. `TOPIC_ALREADY_EXISTS`; {@link StateError} after stop.
   */
  createTopic(name: string, partitions = 1, replicationFactor = Math.min(3, this.#brokers)): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw new KafkaClientError('ERR_INVALID_ARGUMENT', `name: must be a non-empty string, got ${JSON.stringify(name)}`);
    }
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new KafkaClientError('ERR_INVALID_ARGUMENT', `partitions: must be a positive integer, got ${JSON.stringify(partitions)}`);
    }
    if (!Number.isInteger(replicationFactor) || replicationFactor < 1 || replicationFactor > this.#brokers) {
      throw new KafkaClientError('ERR_INVALID_ARGUMENT', `replicationFactor: must be an integer from 1 to ${this.#brokers}, got ${JSON.stringify(replicationFactor)}`);
    }
    this.#call('createTopic', () => this.#native.createTopic(name, partitions, replicationFactor));
  }

  /** Takes a broker down: its connections close and it refuses new ones. */
  setBrokerDown(id: number): void {
    this.#call('setBrokerDown', () => this.#native.setBrokerDown(brokerId(id)));
  }

  /** Brings a broker back up. */
  setBrokerUp(id: number): void {
    this.#call('setBrokerUp', () => this.#native.setBrokerUp(brokerId(id)));
  }

  /** Sets a broker's round-trip time (added latency), in milliseconds. */
  setRtt(id: number, ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new KafkaClientError('ERR_INVALID_ARGUMENT', `ms: must be a non-negative integer, got ${JSON.stringify(ms)}`);
    this.#call('setRtt', () => this.#native.setRtt(brokerId(id), ms));
  }

  /**
   * Makes the next requests of one API fail, in order: the first request gets
   * `errors[0]`, the next `errors[1]`, and so on (any broker).
   *
   * @example `cluster.pushRequestErrors('Produce', ['NOT_LEADER_FOR_PARTITION', 'REQUEST_TIMED_OUT'])`
   */
  pushRequestErrors(apiKey: ApiKey, errors: readonly InjectedError[]): void {
    const key = apiKeyNumber(apiKey);
    if (!Array.isArray(errors)) throw new KafkaClientError('ERR_INVALID_ARGUMENT', 'errors: must be an array');
    const codes = errors.map(errorCode);
    this.#call('pushRequestErrors', () => this.#native.pushRequestErrors(key, codes));
  }

  /** Drops errors pushed for one API that have not been served yet. */
  clearRequestErrors(apiKey: ApiKey): void {
    const key = apiKeyNumber(apiKey);
    this.#call('clearRequestErrors', () => this.#native.clearRequestErrors(key));
  }

  /** Stops the cluster. Idempotent: later calls return the same promise. */
  stop(): Promise<void> {
    this.#stopping ??= this.#native.stop().catch((err: unknown) => {
      throw fromNativeError(err, 'MockCluster.stop');
    });
    return this.#stopping;
  }

  #call(what: string, fn: () => void): void {
    if (this.#stopping) throw new StateError(`MockCluster.${what}: the cluster is stopped`);
    try {
      fn();
    } catch (err) {
      throw fromNativeError(err, `MockCluster.${what}`);
    }
  }
}
