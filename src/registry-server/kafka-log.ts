/**
 * The schema log on Kafka: one compacted, single-partition topic (default
 * `_schemas`), written with `acks=all` by an idempotent producer and read from
 * the beginning by a consumer that assigns partition 0 itself (no group).
 *
 * @remarks
 * node-rdkafka is used directly, behind the {@link SchemaLog} interface, so
 * the registry does not depend on how the library's own clients evolve.
 *
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';

import { assertValidConfig } from '../config/validate';
import { KafkaClientError, KafkaError, StateError, TimeoutError } from '../errors';
import { nodeRdkafka } from '../native';
import type { SchemaLog, SchemaLogRecord } from './log';

type Rd = ReturnType<typeof nodeRdkafka>;
type RdProducer = InstanceType<Rd['Producer']>;
type RdConsumer = InstanceType<Rd['KafkaConsumer']>;

/** The default topic, as Confluent's. */
export const DEFAULT_SCHEMAS_TOPIC = '_schemas';

/** Options of {@link KafkaSchemaLog}. */
export interface KafkaSchemaLogOptions {
  /**
   * librdkafka settings shared by the log's producer, consumer and admin
   * client: `bootstrap.servers` and security (`security.protocol`, `sasl.*`,
   * `ssl.*`). Validated with `validateConfig`; Java `client.properties` keys
   * are translated.
   */
  config: Readonly<Record<string, unknown>>;
  /** Topic name. Default `_schemas`. */
  topic?: string;
  /** Replication factor when the topic is created. Default min(3, brokers). */
  replicationFactor?: number;
  /** Create the topic when it is missing. Default true. */
  createTopic?: boolean;
  /** Connect/metadata/create timeout in ms. Default 30 000. */
  timeoutMs?: number;
  /**
   * The consumer's `fetch.wait.max.ms`. A write answers once this instance has
   * read its own record back, and brokers tend to hold an empty fetch this
   * long even when new data lands, so it bounds write latency (≈ this + the
   * acks=all round trip); lower costs more idle fetches. Default 10.
   */
  readWaitMs?: number;
  /** How long an append may take before it fails (`message.timeout.ms`). Default 30 000. */
  appendTimeoutMs?: number;
}

interface Pending {
  resolve: (offset: number) => void;
  reject: (err: Error) => void;
}

function rdError(context: string, err: unknown): KafkaError {
  const e = err as { code?: number; message?: string };
  const errno = typeof e?.code === 'number' ? e.code : -1;
  return new KafkaError(`${context}: ${e?.message ?? String(err)}`, { errno, kafkaName: String(errno), cause: err });
}

const TOPIC_ALREADY_EXISTS = 36;

/**
 * A {@link SchemaLog} on a Kafka topic.
 *
 * @example
 * ```ts
 * const log = new KafkaSchemaLog({ config: { 'bootstrap.servers': 'localhost:9092' } });
 * const store = new RegistryStore(log);
 * await store.start();
 * ```
 */
export class KafkaSchemaLog implements SchemaLog {
  readonly description: string;
  readonly topic: string;
  readonly #options: KafkaSchemaLogOptions;
  #producer: RdProducer | null = null;
  #consumer: RdConsumer | null = null;
  #pending = new Set<Pending>();
  #opened = false;
  #closed = false;
  #pumping: Promise<void> | null = null;

  constructor(options: KafkaSchemaLogOptions) {
    this.#options = options;
    this.topic = options.topic ?? DEFAULT_SCHEMAS_TOPIC;
    const servers = String(options.config['bootstrap.servers'] ?? options.config['metadata.broker.list'] ?? '(no bootstrap.servers)');
    this.description = `Kafka topic ${this.topic} at ${servers}`;
  }

  async open(onRecord: (record: SchemaLogRecord) => void, onErrorRaw: (err: Error) => void = () => {}): Promise<void> {
    if (this.#opened) throw new StateError('schema log already open');
    // librdkafka repeats connection errors many times a second while a cluster is away: say each once a minute.
    const lastSaid = new Map<string, { at: number; repeats: number }>();
    const onError = (err: Error): void => {
      const now = Date.now();
      const seen = lastSaid.get(err.message);
      if (seen && now - seen.at < 60_000) {
        seen.repeats++;
        return;
      }
      const repeats = seen?.repeats ?? 0;
      lastSaid.set(err.message, { at: now, repeats: 0 });
      if (lastSaid.size > 100) lastSaid.clear();
      onErrorRaw(repeats > 0 ? new Error(`${err.message} (and ${repeats} more times)`) : err);
    };
    if (this.#closed) throw new StateError('schema log closed');
    this.#opened = true;
    const Kafka = nodeRdkafka();
    const timeout = this.#options.timeoutMs ?? 30_000;
    const { normalized } = assertValidConfig(this.#options.config, { role: 'producer' });
    const base: Record<string, unknown> = { ...normalized };
    delete base['metadata.broker.list'];
    if (base['bootstrap.servers'] === undefined && normalized['metadata.broker.list'] !== undefined) base['bootstrap.servers'] = normalized['metadata.broker.list'];

    try {
      const producer = new Kafka.Producer({
        ...(base as object),
        'client.id': 'simple-kafka-registry',
        'enable.idempotence': true,
        acks: 'all',
        'linger.ms': 1,
        'message.timeout.ms': this.#options.appendTimeoutMs ?? 30_000,
        dr_cb: true,
      } as never);
      this.#producer = producer;
      producer.on('delivery-report', (err, report) => {
        const pending = report.opaque as Pending | undefined;
        if (!pending) return;
        this.#pending.delete(pending);
        if (err) pending.reject(rdError('schema log append failed', err));
        else pending.resolve(Number(report.offset));
      });
      producer.on('event.error', (err) => onError(rdError('schema log producer', err)));
      const metadata = await new Promise<{ brokers: unknown[] }>((resolve, reject) =>
        producer.connect({ timeout, allTopics: false } as never, (err, md) => (err ? reject(rdError(`cannot reach Kafka (${this.description})`, err)) : resolve(md as never))),
      );
      producer.setPollInterval(5);

      if (this.#options.createTopic !== false) await this.#ensureTopic(base, Math.min(3, metadata.brokers.length), timeout);
      await this.#checkTopic(producer, timeout);

      const consumer = new Kafka.KafkaConsumer(
        {
          ...(base as object),
          'client.id': 'simple-kafka-registry',
          'group.id': `simple-kafka-registry-${randomUUID()}`,
          'enable.auto.commit': false,
          'enable.auto.offset.store': false,
          'enable.partition.eof': true,
          'fetch.wait.max.ms': this.#options.readWaitMs ?? 10,
        } as never,
        { 'auto.offset.reset': 'earliest' },
      );
      this.#consumer = consumer;
      consumer.on('event.error', (err) => onError(rdError('schema log consumer', err)));
      await new Promise<void>((resolve, reject) => consumer.connect({ timeout } as never, (err) => (err ? reject(rdError(`cannot reach Kafka (${this.description})`, err)) : resolve())));
      const { lowOffset, highOffset } = await new Promise<{ lowOffset: number; highOffset: number }>((resolve, reject) =>
        consumer.queryWatermarkOffsets(this.topic, 0, timeout, (err, offsets) => (err ? reject(rdError(`cannot read the end of ${this.topic}`, err)) : resolve(offsets))),
      );

      let caughtUp: () => void = () => {};
      const done = new Promise<void>((resolve) => (caughtUp = resolve));
      let reached = highOffset <= lowOffset;
      if (reached) caughtUp();
      consumer.on('data', (message) => {
        if (this.#closed) return;
        const offset = Number(message.offset);
        if (message.key !== null && message.key !== undefined) {
          onRecord({ offset, key: message.key.toString('utf8'), value: message.value === null || message.value === undefined ? null : message.value.toString('utf8') });
        }
        if (!reached && offset >= highOffset - 1) {
          reached = true;
          caughtUp();
        }
      });
      consumer.on('partition.eof', (eof) => {
        if (!reached && Number(eof.offset) >= highOffset) {
          reached = true;
          caughtUp();
        }
      });
      // Our own pump of batch reads (not node-rdkafka's consume loop, whose thread can deadlock
      // disconnect): each read returns as soon as the partition end is reached, so new records
      // arrive within a millisecond or so, and close() waits for the read in flight (≤ 200 ms).
      consumer.setDefaultConsumeTimeout(200);
      // -2 = RD_KAFKA_OFFSET_BEGINNING: the first offset the topic still holds.
      consumer.assign([{ topic: this.topic, partition: 0, offset: -2 }]);
      this.#pumping = new Promise<void>((stopped) => {
        const pump = (): void => {
          if (this.#closed) return stopped();
          consumer.consume(1000, (err) => {
            if (err && !this.#closed) {
              onError(rdError('schema log read', err));
              setTimeout(pump, 100);
              return;
            }
            setImmediate(pump);
          });
        };
        pump();
      });
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`reading ${this.description} to its end (offset ${highOffset}) took longer than ${timeout * 4} ms`)), timeout * 4);
      });
      try {
        await Promise.race([done, limit]);
      } finally {
        clearTimeout(timer);
      }
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async #ensureTopic(base: Record<string, unknown>, brokers: number, timeout: number): Promise<void> {
    const Kafka = nodeRdkafka();
    const admin = Kafka.AdminClient.create({ ...(base as object), 'client.id': 'simple-kafka-registry-admin' } as never);
    try {
      const replication = this.#options.replicationFactor ?? Math.max(1, brokers);
      await new Promise<void>((resolve, reject) =>
        admin.createTopic(
          { topic: this.topic, num_partitions: 1, replication_factor: replication, config: { 'cleanup.policy': 'compact' } },
          timeout,
          (err) => {
            if (!err || (err as { code?: number }).code === TOPIC_ALREADY_EXISTS) resolve();
            else reject(rdError(`cannot create the schema topic ${this.topic} (create it yourself — 1 partition, cleanup.policy=compact — and pass createTopic: false when the cluster cannot, e.g. the embedded mock cluster)`, err));
          },
        ),
      );
    } finally {
      admin.disconnect();
    }
  }

  async #checkTopic(producer: RdProducer, timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const md = await new Promise<{ topics: { name: string; partitions: { id: number; leader: number }[] }[] }>((resolve, reject) =>
        producer.getMetadata({ topic: this.topic, timeout } as never, (err, m) => (err ? reject(rdError(`cannot describe ${this.topic}`, err)) : resolve(m as never))),
      );
      const t = md.topics.find((x) => x.name === this.topic);
      if (t && t.partitions.length > 1) {
        throw new KafkaClientError('ERR_REGISTRY_TOPIC', `the schema topic ${this.topic} has ${t.partitions.length} partitions; a registry needs exactly one (and cleanup.policy=compact)`);
      }
      if (t && t.partitions.length === 1 && t.partitions[0].leader >= 0) return;
      if (Date.now() > deadline) throw new TimeoutError(`the schema topic ${this.topic} has no leader after ${timeout} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  append(key: string, value: string | null): Promise<number> {
    const producer = this.#producer;
    if (!producer || this.#closed) return Promise.reject(new StateError('schema log is not open'));
    return new Promise<number>((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      this.#pending.add(pending);
      try {
        producer.produce(this.topic, 0, value === null ? null : Buffer.from(value, 'utf8'), Buffer.from(key, 'utf8'), Date.now(), pending);
      } catch (err) {
        this.#pending.delete(pending);
        reject(rdError('schema log append failed', err));
      }
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const consumer = this.#consumer;
    const producer = this.#producer;
    this.#consumer = null;
    this.#producer = null;
    await this.#pumping;
    if (consumer) {
      await new Promise<void>((resolve) => {
        if (!consumer.isConnected()) return resolve();
        consumer.disconnect(() => resolve());
      });
    }
    if (producer) {
      await new Promise<void>((resolve) => {
        if (!producer.isConnected()) return resolve();
        producer.flush(5000, () => producer.disconnect(() => resolve()));
      });
    }
    for (const p of this.#pending) p.reject(new StateError('schema log closed'));
    this.#pending.clear();
  }
}
