/**
 * The CSV at-least-once loader: reads `key;value` lines from CSV files and
 * sends them asynchronously, keys and values as strings, with at-least-once
 * delivery (acks=all, idempotence on). Every line is either acknowledged by
 * the brokers or reported; the exit code says which.
 *
 *   node dist/examples/csv-loader.js <topic> <file.csv>...      (KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)
 *
 * For real loads (RFC 4180 quoting, dead letters, worker threads, progress,
 * checkpoints and --resume) use the command line: `simple-kafka load`, see docs/loader.md.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Producer, type RecordMetadata } from 'simple-kafka';

/** What {@link loadCsv} did. */
export interface CsvLoadResult {
  sent: number;
  acknowledged: number;
  /** `file:line: reason` for each line that was not sent or not acknowledged. */
  failures: string[];
}

/** Loads `key;value` lines of `files` into `topic`; resolves when every send has settled. */
export async function loadCsv(bootstrapServers: string, topic: string, files: string[], log: (line: string) => void = console.log): Promise<CsvLoadResult> {
  const producer = new Producer({
    'bootstrap.servers': bootstrapServers,
    acks: 'all', // every in-sync replica has the record before it counts as sent
    'enable.idempotence': true, // retries never duplicate or reorder
    'linger.ms': 10,
  });
  const result: CsvLoadResult = { sent: 0, acknowledged: 0, failures: [] };
  const inFlight: Array<Promise<RecordMetadata | void>> = [];
  try {
    await producer.connect();
    for (const file of files) {
      let line = 0;
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      for await (const text of lines) {
        line++;
        if (text === '') continue;
        const at = text.indexOf(';');
        if (at < 0) {
          result.failures.push(`${file}:${line}: no ';' between key and value`);
          continue;
        }
        // send() resolves on the broker's acknowledgement; many are in flight at once,
        // and past the producer's maxInFlight it waits (backpressure) instead of failing.
        const sending = producer.send({ topic, key: text.slice(0, at), value: text.slice(at + 1) }).then(
          (md) => {
            result.acknowledged++;
            return md;
          },
          (err: Error) => void result.failures.push(`${file}:${line}: ${err.message}`),
        );
        result.sent++;
        inFlight.push(sending);
        if (inFlight.length >= 10_000) await Promise.all(inFlight.splice(0));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await producer.close(); // flushes what is still queued
  }
  log(`sent ${result.sent}, acknowledged ${result.acknowledged}, failed ${result.failures.length}`);
  for (const f of result.failures.slice(0, 10)) log(`  ${f}`);
  return result;
}

if (require.main === module) {
  const [topic, ...files] = process.argv.slice(2);
  if (!topic || files.length === 0) {
    console.error('usage: csv-loader <topic> <file.csv>...');
    process.exit(2);
  }
  loadCsv(process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092', topic, files).then(
    (r) => process.exit(r.failures.length === 0 && r.acknowledged === r.sent ? 0 : 1),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
