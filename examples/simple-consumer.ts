/**
 * The simple consumer, Python style: `subscribe()` with assignment callbacks,
 * a poll loop (`consume(n, timeout)`, Python's `Consumer.consume()`),
 * partition-EOF markers, `position()`, and `close()` — the loop a
 * `confluent_kafka.Consumer` program has.
 *
 * Reads until every assigned partition reached its end (or `max` messages),
 * then prints the positions and closes (committing, as auto-commit is on).
 *
 * Connection settings: `SK_CONFIG` (client.properties) and/or `SK_BOOTSTRAP_SERVERS`.
 *
 * ```sh
 * SK_BOOTSTRAP_SERVERS=localhost:9092 node dist/examples/simple-consumer.js orders my-group
 * ```
 */
import { Consumer, loadProperties, type TopicPartition } from 'simple-kafka';

/** Options of {@link simpleConsumer}. */
export interface SimpleConsumerOptions {
  config: Record<string, unknown>;
  topic: string;
  group: string;
  /** Stop after this many messages even if partitions are not at their end (default: no limit). */
  max?: number;
  /** Give up after this long without reaching the end (default 60 s). */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** What {@link simpleConsumer} saw. */
export interface SimpleConsumerResult {
  messages: Array<{ partition: number; offset: number; key: string | null; value: string | null }>;
  /** Next offset to read per partition when it stopped. */
  positions: Array<{ partition: number; offset: number }>;
}

/** Consumes `topic` as `group` until every assigned partition is at its end. */
export async function simpleConsumer({ config, topic, group, max = Infinity, timeoutMs = 60_000, log = console.log }: SimpleConsumerOptions): Promise<SimpleConsumerResult> {
  const consumer = new Consumer({
    ...config,
    'group.id': group,
    'auto.offset.reset': 'earliest',
    // Python: 'enable.partition.eof': True — poll() returns an EOF marker at the end of each partition.
    'enable.partition.eof': true,
    // At-least-once: store each offset after handling its message (Python: c.store_offsets(msg));
    // auto-commit then commits what was stored. (With enable.partition.eof, automatic storing
    // would also commit one past an EOF marker in librdkafka 2.12: issue #4844.)
    'enable.auto.offset.store': false,
  });
  const messages: SimpleConsumerResult['messages'] = [];
  let assigned: TopicPartition[] = [];
  const atEnd = new Set<number>();
  try {
    // Python: c.subscribe(['topic'], on_assign=..., on_revoke=...)
    await consumer.subscribe([topic], {
      onAssign: (partitions) => {
        assigned = partitions.map(({ topic: t, partition }) => ({ topic: t, partition }));
        log(`assigned: ${partitions.map((p) => `${p.topic} [${p.partition}]`).join(', ')}`);
      },
      onRevoke: (partitions) => log(`revoked: ${partitions.map((p) => `${p.topic} [${p.partition}]`).join(', ')}`),
    });
    const deadline = Date.now() + timeoutMs;
    let done = false;
    while (!done && Date.now() < deadline && messages.length < max) {
      // Python: for msg in c.consume(num_messages=100, timeout=1.0): ...
      for (const msg of await consumer.consume(Math.min(100, max - messages.length), 1000)) {
        if (msg.eof) {
          // Python: msg.error().code() == KafkaError._PARTITION_EOF
          log(`end of ${msg.topic} [${msg.partition}] at offset ${msg.offset}`);
          atEnd.add(msg.partition);
          done = assigned.length > 0 && assigned.every((p) => atEnd.has(p.partition));
          continue;
        }
        if (msg.error) {
          log(`error: ${msg.error.message}`);
          continue;
        }
        atEnd.delete(msg.partition);
        const key = msg.key?.toString() ?? null;
        const value = msg.value?.toString() ?? null;
        messages.push({ partition: msg.partition, offset: msg.offset, key, value });
        log(`${msg.topic} [${msg.partition}] @ ${msg.offset}: key=${key} value=${value}`);
        consumer.storeOffsets({ message: msg });
      }
    }
    // Python: c.position(c.assignment())
    const positions = consumer.position(consumer.assignment()).map(({ partition, offset }) => ({ partition, offset }));
    for (const p of positions) log(`position ${topic} [${p.partition}]: ${p.offset}`);
    return { messages, positions };
  } finally {
    // Python: c.close() — leaves the group and commits the final offsets.
    await consumer.close();
    log('consumer closed');
  }
}

function configFromEnv(): Record<string, unknown> {
  const config: Record<string, unknown> = process.env.SK_CONFIG ? { ...loadProperties(process.env.SK_CONFIG) } : {};
  if (process.env.SK_BOOTSTRAP_SERVERS) config['bootstrap.servers'] = process.env.SK_BOOTSTRAP_SERVERS;
  return config;
}

if (require.main === module) {
  const [topic = 'simple-kafka-example', group = 'simple-kafka-example'] = process.argv.slice(2);
  simpleConsumer({ config: configFromEnv(), topic, group }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
