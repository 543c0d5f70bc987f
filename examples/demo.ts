/**
 * The demo: an embedded 3-broker cluster, a few thousand messages produced
 * with `sendBatch()` and consumed back, counted, with rates.
 *
 * Run with `npm run demo` (DEMO_MESSAGES sets the count; default 5000).
 * Exits non-zero unless every message produced was consumed back.
 */
import { Consumer, MockCluster, Producer } from 'simple-kafka';

const rate = (n: number, ms: number): string => `${Math.round((n * 1000) / Math.max(ms, 1)).toLocaleString('en-US')} msg/s`;

/** Runs the demo and resolves with `{ produced, consumed }`. */
export async function demo(count = Number(process.env.DEMO_MESSAGES ?? 5000), log: (line: string) => void = console.log): Promise<{ produced: number; consumed: number }> {
  const cluster = await MockCluster.start({ brokers: 3 });
  const topic = 'demo';
  cluster.createTopic(topic, 3);
  log(`embedded cluster up: bootstrap.servers=${cluster.bootstrapServers}`);

  const producer = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 5 });
  const consumer = new Consumer({
    'bootstrap.servers': cluster.bootstrapServers,
    'group.id': 'simple-kafka-demo',
    'auto.offset.reset': 'earliest',
  });
  try {
    await producer.connect();
    const records = Array.from({ length: count }, (_, i) => ({ topic, key: `customer-${i % 100}`, value: `order ${i}` }));
    let t0 = performance.now();
    const acks = await producer.sendBatch(records);
    const produceMs = performance.now() - t0;
    const produced = acks.filter((m) => m.offset >= 0).length;
    log(`produced ${produced} messages in ${produceMs.toFixed(0)} ms (${rate(produced, produceMs)}), acknowledged by the brokers`);

    await consumer.connect();
    await consumer.subscribe([topic]);
    const seen = new Set<string>();
    t0 = performance.now();
    const deadline = Date.now() + 120_000;
    while (seen.size < produced && Date.now() < deadline) {
      for (const msg of await consumer.consume(1000, 1000)) {
        if (msg.value) seen.add(msg.value.toString());
      }
    }
    const consumeMs = performance.now() - t0;
    log(`consumed ${seen.size} distinct messages in ${consumeMs.toFixed(0)} ms (${rate(seen.size, consumeMs)})`);
    log(produced === seen.size && produced === count ? `produced == consumed == ${count}` : `MISMATCH: sent ${count}, produced ${produced}, consumed ${seen.size}`);
    return { produced, consumed: seen.size };
  } finally {
    await consumer.close();
    await producer.close();
    await cluster.stop();
  }
}

if (require.main === module) {
  demo().then(
    ({ produced, consumed }) => process.exit(produced === consumed ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
