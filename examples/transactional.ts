/**
 * Consume-transform-produce, exactly once: read `input` as a consumer group,
 * write each value upper-cased to `output`, and commit the input offsets in
 * the same transaction as the output (`sendOffsetsToTransaction`). A failed
 * transaction is aborted and the consumer rewound to the last committed
 * offsets, so nothing is lost or written twice.
 *
 * Connection settings: `SK_CONFIG` (client.properties) and/or `SK_BOOTSTRAP_SERVERS`.
 *
 * ```sh
 * SK_BOOTSTRAP_SERVERS=localhost:9092 node dist/examples/transactional.js orders orders-upper
 * ```
 */
import { Consumer, KafkaError, loadProperties, Producer, type Message, type TransactionOffset } from 'simple-kafka';

/** Options of {@link transformTopic}. */
export interface TransformOptions {
  config: Record<string, unknown>;
  input: string;
  output: string;
  group: string;
  /** The producer's `transactional.id`: one per input partition set, stable across restarts. */
  transactionalId: string;
  /** Stop after this many idle milliseconds (no input while partitions are assigned) — default 5 s. */
  idleMs?: number;
  /** Give up when the group has assigned no partition after this long — default 60 s. */
  joinTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Runs the loop until the input is idle; resolves with the number of messages transformed. */
export async function transformTopic({ config, input, output, group, transactionalId, idleMs = 5000, joinTimeoutMs = 60_000, log = console.log }: TransformOptions): Promise<number> {
  const consumer = new Consumer({
    ...config,
    'group.id': group,
    'auto.offset.reset': 'earliest',
    // Offsets are committed by the producer's transaction, never by the consumer.
    'enable.auto.commit': false,
    // Read only committed output of upstream transactional producers.
    'isolation.level': 'read_committed',
  });
  const producer = new Producer({ ...config, 'transactional.id': transactionalId });
  let transformed = 0;
  try {
    await producer.connect();
    await producer.initTransactions();
    // The idle clock starts at the first assignment (joining the group takes a
    // moment) and again at each later one.
    const joinBy = Date.now() + joinTimeoutMs;
    let idleSince: number | undefined;
    await consumer.subscribe([input], { onAssign: () => void (idleSince = Date.now()) });
    while (idleSince === undefined || Date.now() - idleSince < idleMs) {
      if (idleSince === undefined && Date.now() > joinBy) throw new Error(`no partition of ${input} assigned after ${joinTimeoutMs} ms`);
      const batch: Message[] = (await consumer.consume(100, 500)).filter((m) => !m.eof && !m.error);
      if (batch.length === 0) continue;
      idleSince = Date.now();
      producer.beginTransaction();
      try {
        for (const m of batch) {
          await producer.send({ topic: output, key: m.key, value: (m.value?.toString() ?? '').toUpperCase(), headers: m.headers });
        }
        // The next offset to read, per input partition.
        const next = new Map<number, number>();
        for (const m of batch) next.set(m.partition, Math.max(next.get(m.partition) ?? 0, m.offset + 1));
        const offsets: TransactionOffset[] = [...next].map(([partition, offset]) => ({ topic: input, partition, offset }));
        await producer.sendOffsetsToTransaction(offsets, consumer);
        await producer.commitTransaction();
        transformed += batch.length;
        log(`committed a transaction of ${batch.length} message${batch.length === 1 ? '' : 's'} (${transformed} in all)`);
      } catch (err) {
        if (err instanceof KafkaError && err.fatal) throw err;
        log(`transaction failed (${err instanceof Error ? err.message : String(err)}): aborting and rewinding`);
        await producer.abortTransaction();
        // Rewind to what the last committed transaction recorded.
        for (const c of await consumer.committed(consumer.assignment())) {
          await consumer.seek({ topic: c.topic, partition: c.partition, offset: c.offset >= 0 ? c.offset : -2 });
        }
      }
    }
    log(`input idle for ${idleMs} ms: ${transformed} messages transformed`);
    return transformed;
  } finally {
    await consumer.close();
    await producer.close();
  }
}

function configFromEnv(): Record<string, unknown> {
  const config: Record<string, unknown> = process.env.SK_CONFIG ? { ...loadProperties(process.env.SK_CONFIG) } : {};
  if (process.env.SK_BOOTSTRAP_SERVERS) config['bootstrap.servers'] = process.env.SK_BOOTSTRAP_SERVERS;
  return config;
}

if (require.main === module) {
  const [input = 'simple-kafka-example', output = 'simple-kafka-example-upper'] = process.argv.slice(2);
  transformTopic({ config: configFromEnv(), input, output, group: `${input}-to-${output}`, transactionalId: `${input}-to-${output}` }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
