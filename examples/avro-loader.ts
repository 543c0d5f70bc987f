/**
 * The Avro loader: rows exported from a warehouse table as JSON (one object
 * per line) are serialized with the subject's latest Avro schema from the
 * Schema Registry and sent by a pool of workers that take rows from one
 * bounded queue. The queue is safe to share: JavaScript runs the workers
 * concurrently on one thread, so `take()` never hands a row to two workers.
 * Rows the schema refuses are reported with their line number; the rest are
 * acknowledged (acks=all, idempotence on).
 *
 *   node dist/examples/avro-loader.js <topic> <rows.jsonl>    (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL)
 *
 * The command-line equivalent, with worker threads, dead letters and resume:
 * `simple-kafka load rows.jsonl --topic T --format jsonl --serialization avro --registry URL`.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { AvroSerializer, Producer, SchemaRegistryClient, SerializationError, StringSerializer } from 'simple-kafka';

/** What {@link loadAvro} did. */
export interface AvroLoadResult {
  acknowledged: number;
  /** `line N: reason` for each row that was not loaded. */
  rejected: string[];
}

/** A bounded FIFO queue: `put` waits while it is full, `take` waits while it is empty, `null` after `close`. */
class BoundedQueue<T> {
  readonly #items: T[] = [];
  readonly #takers: Array<(item: T | null) => void> = [];
  readonly #putters: Array<() => void> = [];
  #closed = false;

  constructor(readonly capacity: number) {}

  async put(item: T): Promise<void> {
    while (this.#items.length >= this.capacity) await new Promise<void>((r) => this.#putters.push(r));
    const taker = this.#takers.shift();
    if (taker) taker(item);
    else this.#items.push(item);
  }

  take(): Promise<T | null> {
    const item = this.#items.shift();
    this.#putters.shift()?.();
    if (item !== undefined) return Promise.resolve(item);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((r) => this.#takers.push(r));
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#takers.splice(0)) t(null);
  }
}

/** Loads JSON rows of `file` into `topic` as Avro (the subject `<topic>-value`'s latest schema). */
export async function loadAvro(
  options: { bootstrapServers: string; registryUrl: string; topic: string; file: string; keyField: string; workers?: number },
  log: (line: string) => void = console.log,
): Promise<AvroLoadResult> {
  const registry = new SchemaRegistryClient({ url: options.registryUrl });
  const producer = new Producer<string, Record<string, unknown>>({
    'bootstrap.servers': options.bootstrapServers,
    acks: 'all',
    'enable.idempotence': true,
    'key.serializer': new StringSerializer(),
    // The schema is the subject's latest version in the registry, fetched once and cached.
    'value.serializer': new AvroSerializer(registry, null, { 'auto.register.schemas': false, 'use.latest.version': true }),
  });
  const queue = new BoundedQueue<{ line: number; row: Record<string, unknown> }>(1000);
  const result: AvroLoadResult = { acknowledged: 0, rejected: [] };

  const worker = async (): Promise<void> => {
    for (let item = await queue.take(); item !== null; item = await queue.take()) {
      try {
        await producer.send({ topic: options.topic, key: String(item.row[options.keyField]), value: item.row });
        result.acknowledged++;
      } catch (err) {
        const why = err instanceof SerializationError ? `does not fit the schema: ${err.message}` : (err as Error).message;
        result.rejected.push(`line ${item.line}: ${why}`);
      }
    }
  };

  try {
    await producer.connect();
    const workers = Array.from({ length: options.workers ?? 8 }, worker);
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(options.file), crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      try {
        await queue.put({ line, row: JSON.parse(text) as Record<string, unknown> });
      } catch (err) {
        result.rejected.push(`line ${line}: not JSON: ${(err as Error).message}`);
      }
    }
    queue.close();
    await Promise.all(workers);
  } finally {
    await producer.close();
    registry.close();
  }
  log(`acknowledged ${result.acknowledged}, rejected ${result.rejected.length}`);
  for (const r of result.rejected.slice(0, 10)) log(`  ${r}`);
  return result;
}

if (require.main === module) {
  const [topic, file] = process.argv.slice(2);
  if (!topic || !file) {
    console.error('usage: avro-loader <topic> <rows.jsonl>');
    process.exit(2);
  }
  loadAvro({
    bootstrapServers: process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092',
    registryUrl: process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081',
    topic,
    file,
    keyField: process.env.KEY_FIELD ?? 'id',
  }).then(
    (r) => process.exit(r.rejected.length === 0 ? 0 : 1),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
