/**
 * The simple producer, Python style: `produce()` with a delivery callback,
 * `poll()` to serve callbacks, `flush()` before exit — the loop a
 * `confluent_kafka.Producer` program has, one to one.
 *
 * Connection settings, as for the `simple-kafka` CLI: `SK_CONFIG` (a
 * client.properties file) and/or `SK_BOOTSTRAP_SERVERS`.
 *
 * ```sh
 * SK_BOOTSTRAP_SERVERS=localhost:9092 node dist/examples/simple-producer.js orders 10
 * ```
 */
import { loadProperties, Producer, QueueFullError, type DeliveryCallback, type KafkaError } from 'simple-kafka';

/** Options of {@link simpleProducer}. */
export interface SimpleProducerOptions {
  /** Client configuration: at least `bootstrap.servers`. */
  config: Record<string, unknown>;
  topic: string;
  /** How many messages (default 10). */
  count?: number;
  log?: (line: string) => void;
}

/** Produces `count` keyed messages; resolves with how many were delivered and how many failed. */
export async function simpleProducer({ config, topic, count = 10, log = console.log }: SimpleProducerOptions): Promise<{ delivered: number; failed: number }> {
  const producer = new Producer(config);
  let delivered = 0;
  let failed = 0;

  // Python: def delivery_report(err, msg): ...
  const deliveryReport: DeliveryCallback = (err: KafkaError | null, report) => {
    if (err) {
      failed++;
      log(`delivery failed for ${String(report.key)}: ${err.message}`);
    } else {
      delivered++;
      log(`delivered ${String(report.key)} to ${report.topic} [${report.partition}] @ ${report.offset}`);
    }
  };

  try {
    for (let i = 0; i < count; i++) {
      // Serve delivery callbacks of earlier messages (Python: p.poll(0)).
      producer.poll(0);
      try {
        producer.produce(topic, { key: `key-${i}`, value: `message ${i}`, headers: { source: 'simple-producer' }, onDelivery: deliveryReport });
      } catch (err) {
        if (!(err instanceof QueueFullError)) throw err;
        // The local queue is full: let deliveries drain, then retry this message.
        await producer.flush(1000);
        i--;
      }
    }
    // Wait for every outstanding delivery report (Python: p.flush()).
    const left = await producer.flush(30_000);
    log(`${delivered} delivered, ${failed} failed, ${left} still in the queue`);
    return { delivered, failed };
  } finally {
    await producer.close();
  }
}

/** The connection settings from SK_CONFIG and SK_BOOTSTRAP_SERVERS. */
function configFromEnv(): Record<string, unknown> {
  const config: Record<string, unknown> = process.env.SK_CONFIG ? { ...loadProperties(process.env.SK_CONFIG) } : {};
  if (process.env.SK_BOOTSTRAP_SERVERS) config['bootstrap.servers'] = process.env.SK_BOOTSTRAP_SERVERS;
  return config;
}

if (require.main === module) {
  const [topic = 'simple-kafka-example', count = '10'] = process.argv.slice(2);
  simpleProducer({ config: configFromEnv(), topic, count: Number(count) }).then(
    ({ failed }) => process.exit(failed === 0 ? 0 : 1),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
