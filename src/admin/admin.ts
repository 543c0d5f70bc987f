/**
 * The AdminClient: topics, partitions, cluster metadata, offsets and consumer group offsets,
 * over node-rdkafka's `AdminClient` and librdkafka consumer handles.
 *
 * @packageDocumentation
 */
import type { IAdminClient, KafkaConsumer as RdKafkaConsumer, Metadata, Producer as RdKafkaProducer } from 'node-rdkafka';

import { KafkaClientError, StateError, TimeoutError } from '../errors';
import { assertValidConfig } from '../config/validate';
import { nodeRdkafka } from '../native';
import { adminErrorFromCode, fromRdkafkaError, OAuthRefresher, splitConsumerConfig, toTopicPartitionOffsets, type RawError, type RawTopicPartition } from '../consumer/internal';
import { OFFSET_INVALID } from '../consumer/types';
import type {
  AdminCallOptions,
  AdminConfig,
  ClusterDescription,
  ListOffsetsRequest,
  ListOffsetsResult,
  NewPartitions,
  NewTopic,
  TopicDescription,
  TopicPartition,
  TopicPartitionOffset,
  TopicResult,
} from './types';

const DEFAULT_TIMEOUT_MS = 30_000;
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);
/** librdkafka codes the facade reacts to. */
const ERR = { TIMED_OUT: -185, UNKNOWN_TOPIC_OR_PART: 3, NO_OFFSET: -168 } as const;

/**
 * Administers a Kafka cluster: create, delete and describe topics, add partitions, describe the
 * cluster, look up offsets, read and reset consumer group offsets.
 *
 * @example
 * ```ts
 * const admin = new AdminClient({ 'bootstrap.servers': 'localhost:9092' });
 * const [res] = await admin.createTopics([{ topic: 'orders', numPartitions: 6, replicationFactor: 3 }]);
 * if (res.error) console.error(res.error.kafkaName);
 * await admin.close();
 * ```
 *
 * @remarks
 * Calls that act on several topics or partitions never fail as a whole because one of them
 * failed: each result carries its own `error` (`null` on success). They reject only when the
 * request could not be made at all (closed client, bad arguments).
 *
 * node-rdkafka 3.6.1 binds only CreateTopics, DeleteTopics and CreatePartitions of librdkafka's
 * Admin API. Metadata, offsets and group offsets use the same requests through librdkafka
 * consumer handles (Metadata, ListOffsets, OffsetFetch, OffsetCommit). Not available until the
 * native addon binds them: validate-only topic creation, consumer group listing, description
 * and deletion, configs, and ACLs.
 *
 * Lifetime: connects on first use; call `close()` when done. Threading: each broker call runs on
 * the libuv thread pool; the calls of one client are serialized.
 */
export class AdminClient {
  readonly #conf: ReturnType<typeof splitConsumerConfig>;
  readonly #errorCb: AdminConfig['error_cb'];
  #admin: IAdminClient | undefined;
  /** A producer handle (it joins no group) for metadata and watermarks. */
  #metaConnecting: Promise<RdKafkaProducer> | undefined;
  #closed = false;
  #oauth: OAuthRefresher | undefined;
  /** Serializes calls: node-rdkafka's admin calls take a write lock and hold a pool thread while they wait. */
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * @param config - librdkafka properties (bootstrap, security), `error_cb` and `oauth_cb`.
   * @throws {@link ConfigError} listing every issue `validateConfig(config, {role: 'admin'})` finds.
   */
  constructor(config: AdminConfig) {
    const { normalized } = assertValidConfig(config as never, { role: 'admin' });
    this.#conf = splitConsumerConfig(normalized as AdminConfig);
    this.#errorCb = config.error_cb;
    if (this.#conf.oauthCb) {
      this.#oauth = new OAuthRefresher(this.#conf.oauthCb, String(this.#conf.rdkafka['sasl.oauthbearer.config'] ?? ''), (e) => this.#reportError(e));
    }
  }

  // ------------------------------------------------------------------ topics

  /**
   * Creates topics.
   *
   * @returns one result per topic, in order: `error` is e.g. a `KafkaError` named
   *   `TOPIC_ALREADY_EXISTS`, `INVALID_REPLICATION_FACTOR`, `INVALID_CONFIG`, `POLICY_VIOLATION`,
   *   or an `AuthorizationError`.
   */
  async createTopics(topics: ReadonlyArray<NewTopic>, options: AdminCallOptions = {}): Promise<TopicResult[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return this.#serial(async () => {
      const admin = await this.#adminClient();
      const out: TopicResult[] = [];
      for (const t of topics) {
        const config = Object.fromEntries(Object.entries(t.config ?? {}).map(([k, v]) => [k, String(v)]));
        const spec = { topic: t.topic, num_partitions: t.numPartitions ?? -1, replication_factor: t.replicationFactor ?? -1, config };
        out.push({ topic: t.topic, error: await callback((cb) => admin.createTopic(spec, timeout, cb), `createTopics ${t.topic}`) });
      }
      return out;
    });
  }

  /** Deletes topics; one result per topic (e.g. `UNKNOWN_TOPIC_OR_PART`). */
  async deleteTopics(topics: ReadonlyArray<string>, options: AdminCallOptions = {}): Promise<TopicResult[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return this.#serial(async () => {
      const admin = await this.#adminClient();
      const out: TopicResult[] = [];
      for (const topic of topics) out.push({ topic, error: await callback((cb) => admin.deleteTopic(topic, timeout, cb), `deleteTopics ${topic}`) });
      return out;
    });
  }

  /**
   * Raises topics' partition counts to `count` (partitions can only be added); one result per
   * topic (e.g. `INVALID_PARTITIONS` when `count` is not larger).
   */
  async createPartitions(changes: ReadonlyArray<NewPartitions>, options: AdminCallOptions = {}): Promise<TopicResult[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return this.#serial(async () => {
      const admin = await this.#adminClient();
      const out: TopicResult[] = [];
      for (const c of changes) {
        out.push({ topic: c.topic, error: await callback((cb) => admin.createPartitions(c.topic, c.count, timeout, cb), `createPartitions ${c.topic}`) });
      }
      return out;
    });
  }

  /** Names of the cluster's topics, sorted; internal topics only with `includeInternal`. */
  async listTopics(options: AdminCallOptions & { includeInternal?: boolean } = {}): Promise<string[]> {
    const md = await this.#metadata({ allTopics: true }, options.timeoutMs);
    return md.topics
      .map((t) => t.name)
      .filter((name) => options.includeInternal || !INTERNAL_TOPICS.has(name))
      .sort();
  }

  /**
   * Partitions, leaders, replicas and in-sync replicas of each topic; one entry per topic, in
   * order.
   *
   * @remarks A topic the broker does not describe comes back with a `KafkaError` named
   *   `UNKNOWN_TOPIC_OR_PART`: node-rdkafka's metadata drops the per-topic error code, so a topic
   *   this principal may not describe reads the same way.
   */
  async describeTopics(topics: ReadonlyArray<string>, options: AdminCallOptions = {}): Promise<TopicDescription[]> {
    const out: TopicDescription[] = [];
    for (const topic of topics) {
      let md: Metadata;
      try {
        md = await this.#metadata({ topic, allTopics: false }, options.timeoutMs);
      } catch (err) {
        out.push({ topic, internal: INTERNAL_TOPICS.has(topic), partitions: [], error: err as KafkaClientError });
        continue;
      }
      const t = md.topics.find((x) => x.name === topic);
      if (!t || t.partitions.length === 0) {
        out.push({ topic, internal: INTERNAL_TOPICS.has(topic), partitions: [], error: adminErrorFromCode(ERR.UNKNOWN_TOPIC_OR_PART, `describeTopics ${topic}`) });
        continue;
      }
      out.push({
        topic,
        internal: INTERNAL_TOPICS.has(topic),
        partitions: t.partitions
          .map((p) => ({ partition: p.id, leader: p.leader, replicas: [...p.replicas], isr: [...p.isrs] }))
          .sort((a, b) => a.partition - b.partition),
        error: null,
      });
    }
    return out;
  }

  /** The brokers of the cluster (see {@link ClusterDescription} for what is missing). */
  async describeCluster(options: AdminCallOptions = {}): Promise<ClusterDescription> {
    const md = await this.#metadata({ allTopics: false }, options.timeoutMs);
    return {
      brokers: md.brokers.map((b) => ({ id: b.id, host: b.host, port: b.port })).sort((a, b) => a.id - b.id),
      clusterId: null,
      controller: null,
    };
  }

  // ------------------------------------------------------------------ offsets

  /**
   * Looks up offsets per partition: `earliest` (first offset still in the log), `latest` (the
   * offset the next message will get), or `{timestamp}` (first offset whose timestamp is at or
   * after it; -1 when none). One result per request, in order, each with its own `error`.
   */
  async listOffsets(requests: ReadonlyArray<ListOffsetsRequest>, options: AdminCallOptions = {}): Promise<ListOffsetsResult[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const meta = await this.#metaClient();
    const out: ListOffsetsResult[] = [];
    for (const r of requests) {
      const { topic, partition, spec } = r;
      const context = `listOffsets ${topic}[${partition}]`;
      try {
        if (spec === 'earliest' || spec === 'latest') {
          const w = await this.#serial(
            () =>
              new Promise<{ lowOffset: number; highOffset: number }>((resolve, reject) =>
                meta.queryWatermarkOffsets(topic, partition, timeout, (err, v) => (err ? reject(mapError(err, context)) : resolve(v))),
              ),
          );
          out.push({ topic, partition, offset: spec === 'earliest' ? w.lowOffset : w.highOffset, error: null });
        } else {
          // Only consumer handles look offsets up by time in node-rdkafka; librdkafka wants a
          // group.id for those, so a throw-away one (never joined) is used.
          const raw = await this.#withGroupConsumer(
            `simple-kafka-admin-${process.pid}-${Date.now().toString(36)}`,
            (consumer) =>
              new Promise<RawTopicPartition[]>((resolve, reject) =>
                consumer.offsetsForTimes([{ topic, partition, offset: spec.timestamp }], timeout, (err, v) => (err ? reject(mapError(err, context)) : resolve(v as RawTopicPartition[]))),
              ),
            false,
          );
          const [parsed] = toTopicPartitionOffsets(raw, [{ topic, partition }], 'listOffsets', 'admin');
          out.push({ topic, partition, offset: parsed.offset, error: parsed.error ?? null });
        }
      } catch (err) {
        out.push({ topic, partition, offset: OFFSET_INVALID, error: err as KafkaClientError });
      }
    }
    return out;
  }

  /**
   * The offsets a consumer group committed (next offset to read). With `partitions`, exactly those
   * (`OFFSET_INVALID` where nothing is committed); without, every partition of every topic where
   * the group has a commit.
   *
   * @remarks Sent as an OffsetFetch request by a librdkafka consumer handle of the group that does
   *   not join it. Per-partition errors are on the entries.
   * @throws {@link KafkaError} / {@link TimeoutError} when the coordinator cannot be asked.
   */
  async listConsumerGroupOffsets(groupId: string, options: AdminCallOptions & { partitions?: ReadonlyArray<TopicPartition> } = {}): Promise<TopicPartitionOffset[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let request: TopicPartition[];
    if (options.partitions) {
      request = options.partitions.map(({ topic, partition }) => ({ topic, partition }));
    } else {
      const md = await this.#metadata({ allTopics: true }, timeout);
      request = md.topics.filter((t) => !INTERNAL_TOPICS.has(t.name)).flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.id })));
    }
    if (request.length === 0) return [];
    const result = await this.#withGroupConsumer(groupId, async (consumer) => {
      const raw = await new Promise<RawTopicPartition[]>((resolve, reject) =>
        consumer.committed(request as never, timeout, (err, tps) => (err ? reject(mapError(err, `listConsumerGroupOffsets ${groupId}`)) : resolve(tps as RawTopicPartition[]))),
      );
      return toTopicPartitionOffsets(raw, request, `listConsumerGroupOffsets ${groupId}`, 'admin');
    });
    return options.partitions ? result : result.filter((r) => r.offset >= 0 || r.error);
  }

  /**
   * Sets a consumer group's committed offsets (next offset to read), e.g. to rewind or skip.
   * The group must have no active members, as with Kafka's own tool: otherwise the broker
   * answers `UNKNOWN_MEMBER_ID` for each partition.
   *
   * @returns one entry per partition with its `error` (`undefined` on success).
   * @remarks Sent as an OffsetCommit request (generation -1) by a librdkafka consumer handle of
   *   the group that does not join it — the request Kafka's AdminClient sends.
   */
  async alterConsumerGroupOffsets(groupId: string, offsets: ReadonlyArray<TopicPartitionOffset>, options: AdminCallOptions = {}): Promise<TopicPartitionOffset[]> {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const request = offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    if (request.length === 0) return [];
    return this.#withGroupConsumer(groupId, async (consumer) => {
      const done = new Promise<{ err: RawError | undefined; list: RawTopicPartition[] }>((resolve) => {
        consumer.once('offset.commit', (err: unknown, list: unknown) => resolve({ err: err as RawError | undefined, list: list as RawTopicPartition[] }));
      });
      try {
        consumer.commit(request as never);
      } catch (err) {
        throw mapError(err, `alterConsumerGroupOffsets ${groupId}`);
      }
      // The commit result is served by the consumer's poll.
      const deadline = Date.now() + timeout;
      let settled: { err: RawError | undefined; list: RawTopicPartition[] } | undefined;
      void done.then((r) => (settled = r));
      const handle = consumer.getClient() as { consume(t: number, n: number, cb: (err: unknown) => void): void };
      while (!settled && Date.now() < deadline) {
        await new Promise<void>((resolve) => handle.consume(Math.min(100, Math.max(1, deadline - Date.now())), 1, () => resolve()));
        await Promise.resolve();
      }
      if (!settled) throw new TimeoutError(`alterConsumerGroupOffsets ${groupId}: no commit answer within ${timeout} ms`);
      const list = toTopicPartitionOffsets(settled.list ?? [], request, `alterConsumerGroupOffsets ${groupId}`, 'admin');
      if (settled.err && typeof settled.err.code === 'number' && settled.err.code !== 0) {
        // A request-level error applies to every partition that has none of its own.
        const err = adminErrorFromCode(settled.err.code, `alterConsumerGroupOffsets ${groupId}`, settled.err);
        return request.map((r, i) => ({ ...r, error: list[i]?.error ?? err }));
      }
      return request.map((r, i) => (list[i]?.error ? { ...r, error: list[i].error } : r));
    });
  }

  // ------------------------------------------------------------------ lifetime

  /** Releases the connections. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#oauth?.stop();
    await this.#queue.catch(() => undefined);
    const admin = this.#admin;
    this.#admin = undefined;
    try {
      admin?.disconnect();
    } catch {
      // already disconnected
    }
    const meta = this.#metaConnecting ? await this.#metaConnecting.catch(() => undefined) : undefined;
    if (meta) await disconnect(meta);
  }

  // ------------------------------------------------------------------ internals

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StateError('admin client is closed'));
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #adminClient(): Promise<IAdminClient> {
    if (this.#closed) throw new StateError('admin client is closed');
    if (!this.#admin) {
      let token: string | undefined;
      if (this.#oauth) {
        const holder = { setOauthBearerToken: (t: string) => (token = t) };
        await this.#oauth.attach(holder);
        this.#oauth.detach(holder);
      }
      let admin: IAdminClient;
      try {
        admin = nodeRdkafka().AdminClient.create(this.#conf.rdkafka as never, token);
      } catch (err) {
        throw new KafkaClientError('ERR_CONFIG', `admin config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
      }
      if (this.#oauth) await this.#oauth.attach({ setOauthBearerToken: (t: string) => admin.refreshOauthBearerToken(t) });
      this.#admin = admin;
    }
    return this.#admin;
  }

  #metaClient(): Promise<RdKafkaProducer> {
    if (this.#closed) return Promise.reject(new StateError('admin client is closed'));
    this.#metaConnecting ??= this.#connectProducer();
    this.#metaConnecting.catch(() => (this.#metaConnecting = undefined));
    return this.#metaConnecting;
  }

  async #connectProducer(): Promise<RdKafkaProducer> {
    const Kafka = nodeRdkafka();
    let producer: RdKafkaProducer;
    try {
      // No auto-creation: a metadata request for a missing topic must not create it.
      producer = new Kafka.Producer({ ...this.#conf.rdkafka, 'allow.auto.create.topics': false } as never, {});
    } catch (err) {
      throw new KafkaClientError('ERR_CONFIG', `admin config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
    }
    producer.on('event.error', (err) => this.#reportError(err));
    if (this.#oauth) await this.#oauth.attach(producer);
    await new Promise<void>((resolve, reject) =>
      producer.connect({ timeout: DEFAULT_TIMEOUT_MS, allTopics: false } as never, (err) => (err ? reject(fromRdkafkaError(err, 'admin connect', 'admin')) : resolve())),
    );
    return producer;
  }

  #reportError(err: unknown): void {
    try {
      this.#errorCb?.(fromRdkafkaError(err, 'admin', 'admin'));
    } catch {
      // a throwing error_cb must not break the client
    }
  }

  async #connectConsumer(extra: Record<string, string | number | boolean>, forwardErrors: boolean): Promise<RdKafkaConsumer> {
    const Kafka = nodeRdkafka();
    let consumer: RdKafkaConsumer;
    try {
      consumer = new Kafka.KafkaConsumer({ ...this.#conf.rdkafka, 'allow.auto.create.topics': false, ...extra, offset_commit_cb: true } as never, {});
    } catch (err) {
      throw new KafkaClientError('ERR_CONFIG', `admin config rejected by librdkafka: ${(err as Error).message}`, { cause: err });
    }
    if (forwardErrors) consumer.on('event.error', (err) => this.#reportError(err));
    if (this.#oauth) await this.#oauth.attach(consumer);
    await new Promise<void>((resolve, reject) =>
      consumer.connect({ timeout: DEFAULT_TIMEOUT_MS, allTopics: false } as never, (err) => (err ? reject(fromRdkafkaError(err, 'admin connect', 'admin')) : resolve())),
    );
    return consumer;
  }

  /**
   * A short-lived consumer handle of `groupId` that never joins the group. `forwardErrors`:
   * report its client-level errors to `error_cb` (off for the throw-away group of offset lookups).
   */
  async #withGroupConsumer<T>(groupId: string, fn: (c: RdKafkaConsumer) => Promise<T>, forwardErrors = true): Promise<T> {
    if (this.#closed) throw new StateError('admin client is closed');
    const consumer = await this.#connectConsumer({ 'group.id': groupId, 'enable.auto.commit': false }, forwardErrors);
    try {
      return await fn(consumer);
    } finally {
      this.#oauth?.detach(consumer);
      await disconnect(consumer);
    }
  }

  async #metadata(options: { topic?: string; allTopics: boolean }, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Metadata> {
    const meta = await this.#metaClient();
    return this.#serial(
      () =>
        new Promise<Metadata>((resolve, reject) =>
          meta.getMetadata({ ...options, timeout: timeoutMs }, (err, md) => (err ? reject(mapError(err, 'metadata')) : resolve(md))),
        ),
    );
  }
}

/** Runs a node-rdkafka admin call; resolves with its typed error, or `null` on success. */
function callback(call: (cb: (err: unknown) => void) => void, context: string): Promise<KafkaClientError | null> {
  return new Promise((resolve) => {
    try {
      call((err) => resolve(err ? mapError(err, context) : null));
    } catch (err) {
      resolve(mapError(err, context));
    }
  });
}

function mapError(err: unknown, context: string): KafkaClientError {
  const e = fromRdkafkaError(err, context, 'admin');
  if ((e as { errno?: number }).errno === ERR.TIMED_OUT) return new TimeoutError(`${context}: timed out`, { cause: e });
  return e;
}

function disconnect(client: RdKafkaConsumer | RdKafkaProducer): Promise<void> {
  return new Promise((resolve) => {
    try {
      client.disconnect(() => resolve());
    } catch {
      resolve();
    }
  });
}
