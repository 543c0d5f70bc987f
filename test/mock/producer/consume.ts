/**
 * Consume-back helper for producer tests, over plain node-rdkafka (independent
 * of the library under test): assigns every partition of a topic from the
 * beginning and reads until the expected count, then a little longer to catch
 * extras (duplicates).
 */
import type * as KafkaTypes from 'node-rdkafka';
import { nodeRdkafka } from '../../../src/native';

/** A consumed message, decoded for comparisons. */
export interface Consumed {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** The key and value bytes as they are in the topic. */
  keyBytes: Buffer | null;
  valueBytes: Buffer | null;
  timestamp: number;
  headers: Array<[string, string]>;
}

/** Options of {@link consumeAll}. */
export interface ConsumeOptions {
  /** Stop when this many were read (then read `settleMs` more for extras). */
  expected: number;
  partitions: number;
  /** `read_committed` or `read_uncommitted` (default). */
  isolation?: 'read_committed' | 'read_uncommitted';
  timeoutMs?: number;
  settleMs?: number;
  /** Extra librdkafka properties (security). */
  config?: Record<string, unknown>;
}

/** Reads every message of `topic` (all partitions, from offset 0). */
export async function consumeAll(bootstrap: string, topic: string, options: ConsumeOptions): Promise<Consumed[]> {
  const Kafka = nodeRdkafka();
  const consumer = new Kafka.KafkaConsumer(
    {
      'bootstrap.servers': bootstrap,
      'group.id': `sk-test-${topic}-${Math.random().toString(36).slice(2)}`,
      'enable.auto.commit': false,
      'isolation.level': options.isolation ?? 'read_uncommitted',
      'fetch.wait.max.ms': 50,
      ...(options.config ?? {}),
    } as KafkaTypes.ConsumerGlobalConfig,
    { 'auto.offset.reset': 'earliest' },
  );
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  const out: Consumed[] = [];
  try {
    consumer.assign(Array.from({ length: options.partitions }, (_, partition) => ({ topic, partition, offset: 0 })));
    consumer.setDefaultConsumeTimeout(100);
    const deadline = Date.now() + (options.timeoutMs ?? 30000);
    let settleUntil = Infinity;
    while (Date.now() < Math.min(deadline, settleUntil)) {
      const batch = await new Promise<KafkaTypes.Message[]>((resolve, reject) => consumer.consume(5000, (err, msgs) => (err ? reject(err) : resolve(msgs))));
      for (const m of batch) {
        out.push({
          partition: m.partition,
          offset: m.offset,
          key: m.key === undefined || m.key === null ? null : m.key.toString(),
          value: m.value === null ? null : m.value.toString(),
          keyBytes: m.key === undefined || m.key === null ? null : Buffer.from(m.key),
          valueBytes: m.value === null ? null : Buffer.from(m.value),
          timestamp: m.timestamp ?? -1,
          headers: (m.headers ?? []).flatMap((h) => Object.entries(h).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString() : String(v)] as [string, string])),
        });
      }
      if (out.length >= options.expected && settleUntil === Infinity) settleUntil = Date.now() + (options.settleMs ?? 300);
    }
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
  return out;
}

/** A unique topic name for one test. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
