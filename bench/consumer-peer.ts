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
export type ConsumerPeer = 'ours-consume' | 'ours-iterator' | 'ours-run' | 'ours-consume-rdkafka' | 'node-rdkafka-flowing' | 'node-rdkafka-batch' | 'kafkajs' | 'platformatic';

/** What the orchestrator asks for. */
export interface ConsumerCase {
  peer: ConsumerPeer;
  bootstrap: string;
  topic: string;
  group: string;
  messages: number;
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

async function oursConsume(c: ConsumerCase, engine: 'native' | 'node-rdkafka' = 'native'): Promise<ConsumerResult> {
  const { Consumer } = ours();
  const consumer = new Consumer(oursConfig(c), { engine });
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
  const consumer = new Consumer(oursConfig(c), { engine: 'native' });
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
  const consumer = new Consumer(oursConfig(c), { engine: 'native' });
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

async function main(): Promise<void> {
  const c = JSON.parse(process.argv[2]) as ConsumerCase;
  const run = {
    'ours-consume': oursConsume,
    'ours-iterator': oursIterator,
    'ours-run': oursRun,
    'ours-consume-rdkafka': (x: ConsumerCase) => oursConsume(x, 'node-rdkafka'),
    'node-rdkafka-flowing': nodeRdkafkaFlowing,
    'node-rdkafka-batch': nodeRdkafkaBatch,
    kafkajs,
    platformatic,
  }[c.peer];
  const result = await run(c);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
