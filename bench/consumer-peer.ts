/**
 * One consumer benchmark case in its own process: `node consumer-peer.js '<json ConsumerCase>'`.
 * Each peer joins a fresh group, reads `topic` from the beginning until it has `messages`
 * messages, touching every value (its length is summed), and prints one JSON line. Time runs
 * from the first message received to the last, so group join and connection setup are excluded
 * for every peer alike.
 */
import * as path from 'node:path';
import type * as ConsumerModule from '../src/consumer';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The consumer peers. */
export type ConsumerPeer = 'ours-consume' | 'ours-iterator' | 'ours-run' | 'node-rdkafka-flowing' | 'node-rdkafka-batch' | 'kafkajs' | 'platformatic' | 'native-prototype';

/** What the orchestrator asks for. */
export interface ConsumerCase {
  peer: ConsumerPeer;
  bootstrap: string;
  topic: string;
  group: string;
  messages: number;
  /** native-prototype: path of the built addon. */
  addon?: string;
}

/** What a peer prints. */
export interface ConsumerResult {
  messages: number;
  seconds: number;
  errors: number;
  bytes: number;
}

/** Counts messages and bytes; resolves when `want` messages were seen. */
class Meter {
  n = 0;
  bytes = 0;
  t0 = 0;
  t1 = 0;
  readonly done: Promise<void>;
  #resolve!: () => void;

  constructor(readonly want: number) {
    this.done = new Promise((r) => (this.#resolve = r));
  }

  add(value: Buffer | null | undefined): void {
    if (this.n === 0) this.t0 = performance.now();
    this.n++;
    this.bytes += value ? value.length : 0;
    if (this.n === this.want) {
      this.t1 = performance.now();
      this.#resolve();
    }
  }

  result(errors = 0): ConsumerResult {
    return { messages: this.n, seconds: (this.t1 - this.t0) / 1000, errors, bytes: this.bytes };
  }
}

function ours(): typeof ConsumerModule {
  // The built package (npm run build): what users run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'dist', 'consumer')) as typeof ConsumerModule;
}

function oursConfig(c: ConsumerCase): ConsumerModule.ConsumerConfig {
  return { 'bootstrap.servers': c.bootstrap, 'group.id': c.group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false };
}

async function oursConsume(c: ConsumerCase): Promise<ConsumerResult> {
  const { Consumer } = ours();
  const consumer = new Consumer(oursConfig(c));
  await consumer.subscribe([c.topic]);
  const m = new Meter(c.messages);
  while (m.n < c.messages) {
    for (const msg of await consumer.consume(1000, 1000)) if (m.n < c.messages) m.add(msg.value);
  }
  await consumer.close();
  return m.result();
}

async function oursIterator(c: ConsumerCase): Promise<ConsumerResult> {
  const { Consumer } = ours();
  const consumer = new Consumer(oursConfig(c));
  await consumer.subscribe([c.topic]);
  const m = new Meter(c.messages);
  for await (const msg of consumer.messages({ batchSize: 1000 })) {
    m.add(msg.value);
    if (m.n === c.messages) break;
  }
  await consumer.close();
  return m.result();
}

async function oursRun(c: ConsumerCase): Promise<ConsumerResult> {
  const { Consumer } = ours();
  const consumer = new Consumer(oursConfig(c));
  await consumer.subscribe([c.topic]);
  const m = new Meter(c.messages);
  const running = consumer.run({
    batchSize: 1000,
    partitionsConcurrently: 3,
    eachBatch: async (batch) => {
      for (const msg of batch.messages) if (m.n < c.messages) m.add(msg.value);
    },
  });
  await m.done;
  await consumer.stop();
  await running;
  await consumer.close();
  return m.result();
}

function rdkafka(): typeof import('node-rdkafka') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node-rdkafka') as typeof import('node-rdkafka');
}

function rdkafkaConsumer(c: ConsumerCase): Promise<import('node-rdkafka').KafkaConsumer> {
  const Kafka = rdkafka();
  const consumer = new Kafka.KafkaConsumer({ 'bootstrap.servers': c.bootstrap, 'group.id': c.group, 'enable.auto.commit': false }, { 'auto.offset.reset': 'earliest' });
  return new Promise((resolve, reject) => consumer.connect({}, (err) => (err ? reject(err) : resolve(consumer))));
}

function disconnect(consumer: import('node-rdkafka').KafkaConsumer): Promise<void> {
  return new Promise((resolve) => consumer.disconnect(() => resolve()));
}

/** node-rdkafka's standard API: flowing mode, one 'data' event per message. */
async function nodeRdkafkaFlowing(c: ConsumerCase): Promise<ConsumerResult> {
  const consumer = await rdkafkaConsumer(c);
  const m = new Meter(c.messages);
  let errors = 0;
  consumer.on('data', (msg) => {
    if (m.n < c.messages) m.add(msg.value);
  });
  consumer.subscribe([c.topic]);
  consumer.consume((err) => {
    if (err) errors++;
  });
  await m.done;
  await disconnect(consumer);
  return m.result(errors);
}

/** node-rdkafka's batch API: consume(1000, cb) in a loop. */
async function nodeRdkafkaBatch(c: ConsumerCase): Promise<ConsumerResult> {
  const consumer = await rdkafkaConsumer(c);
  consumer.setDefaultConsumeTimeout(100);
  consumer.subscribe([c.topic]);
  const m = new Meter(c.messages);
  let errors = 0;
  while (m.n < c.messages) {
    const batch = await new Promise<import('node-rdkafka').Message[]>((resolve) =>
      consumer.consume(1000, (err, msgs) => {
        if (err) errors++;
        resolve(msgs ?? []);
      }),
    );
    for (const msg of batch) if (m.n < c.messages) m.add(msg.value);
  }
  await disconnect(consumer);
  return m.result(errors);
}

async function kafkajs(c: ConsumerCase): Promise<ConsumerResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');
  const kafka = new Kafka({ clientId: 'bench', brokers: c.bootstrap.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: c.group });
  await consumer.connect();
  await consumer.subscribe({ topics: [c.topic], fromBeginning: true });
  const m = new Meter(c.messages);
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      for (const msg of batch.messages) if (m.n < c.messages) m.add(msg.value);
    },
  });
  await m.done;
  await consumer.disconnect();
  return m.result();
}

async function platformatic(c: ConsumerCase): Promise<ConsumerResult> {
  // An ES module: a real dynamic import (not compiled to require).
  const load = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, unknown>>;
  const mod = await load('@platformatic/kafka');
  const ConsumerClass = mod.Consumer as new (o: Record<string, unknown>) => {
    consume(o: Record<string, unknown>): Promise<NodeJS.ReadableStream & { close(): Promise<void> }>;
    close(force?: boolean): Promise<void>;
  };
  const consumer = new ConsumerClass({ clientId: 'bench', groupId: c.group, bootstrapBrokers: c.bootstrap.split(',') });
  const stream = await consumer.consume({ topics: [c.topic], mode: 'earliest', autocommit: false });
  const m = new Meter(c.messages);
  stream.on('data', (msg: { value?: Buffer }) => {
    if (m.n < c.messages) m.add(msg.value);
  });
  await m.done;
  await stream.close();
  await consumer.close(true);
  return m.result();
}

/**
 * The native batch path prototype (bench/consumer-native-prototype.cc): one crossing per batch,
 * values as views of one Buffer, the same Message shape as ours.
 */
async function nativePrototype(c: ConsumerCase): Promise<ConsumerResult> {
  rdkafka(); // load librdkafka.so.1 first, as src/native does
  interface Proto {
    subscribe(topics: string[]): void;
    consume(max: number, timeoutMs: number, cb: (err: unknown, data: Buffer, meta: Float64Array, topics: string[]) => void): void;
    close(): void;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Proto } = require(c.addon!) as { Proto: new (conf: Record<string, string>) => Proto };
  const p = new Proto({ 'bootstrap.servers': c.bootstrap, 'group.id': c.group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false', 'fetch.queue.backoff.ms': '100' });
  p.subscribe([c.topic]);
  const m = new Meter(c.messages);
  while (m.n < c.messages) {
    const [data, meta, topics] = await new Promise<[Buffer, Float64Array, string[]]>((resolve) => p.consume(1000, 100, (_e, d, mt, t) => resolve([d, mt, t])));
    let pos = 0;
    for (let i = 0; i < meta.length / 6 && m.n < c.messages; i++) {
      const kl = meta[i * 6 + 4];
      const vl = meta[i * 6 + 5];
      const key = kl >= 0 ? data.subarray(pos, (pos += kl)) : null;
      const value = vl >= 0 ? data.subarray(pos, (pos += vl)) : null;
      const msg = {
        topic: topics[0],
        partition: meta[i * 6 + 1],
        offset: meta[i * 6 + 2],
        key,
        value,
        headers: [],
        timestamp: { type: 'create-time', ms: meta[i * 6 + 3] },
        leaderEpoch: null,
        size: Math.max(0, vl),
        error: null,
        eof: false,
      };
      m.add(msg.value);
    }
  }
  p.close();
  return m.result();
}

async function main(): Promise<void> {
  const c = JSON.parse(process.argv[2]) as ConsumerCase;
  const run = {
    'ours-consume': oursConsume,
    'ours-iterator': oursIterator,
    'ours-run': oursRun,
    'node-rdkafka-flowing': nodeRdkafkaFlowing,
    'node-rdkafka-batch': nodeRdkafkaBatch,
    kafkajs,
    platformatic,
    'native-prototype': nativePrototype,
  }[c.peer];
  const result = await run(c);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
