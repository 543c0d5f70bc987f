/**
 * One benchmark case in its own process: `node peer.js '<json Case>'`.
 * Prints one JSON line with the result. Each peer produces `messages` values
 * of `size` bytes (no key) to `topic` and stops when every message has been
 * acknowledged; time runs from the first produce to the last acknowledgement.
 */
import * as path from 'node:path';
import type * as ProducerModule from '../src/producer';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What the orchestrator asks for. */
export interface Case {
  peer: 'ours-sendBatch' | 'ours-send' | 'ours-produce' | 'node-rdkafka' | 'kafkajs' | 'platformatic' | 'promise-floor';
  kind: 'throughput' | 'latency' | 'rss';
  bootstrap: string;
  topic: string;
  messages: number;
  size: number;
  acks: 1 | -1;
  lingerMs: number;
  /** latency: messages per second. */
  rate?: number;
}

/** What a peer prints. */
export interface Result {
  messages: number;
  seconds: number;
  errors: number;
  latencyMs?: { p50: number; p99: number; max: number };
  /**
   * latency (simple-kafka): librdkafka's own statistics over the timed run —
   * ProduceRequest round trips to the brokers (`rtt`, the broker's share) and
   * the time messages waited in the client before a request carried them
   * (`int_latency`): the worst broker in the worst 1-second statistics window of the run.
   */
  statsMs?: { rttP99: number; rttMax: number; queueP99: number };
  rss?: Array<{ messages: number; rssMb: number }>;
  /** CPU time of the whole client process (every thread) over the timed run, in microseconds. */
  cpuUs?: number;
}

/** The timed run's start and end: wall clock and the process's CPU time. */
const clock = { cpu0: -1, cpu1: -1 };
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
function startClock(): bigint {
  clock.cpu0 = cpuNow();
  clock.cpu1 = -1;
  return process.hrtime.bigint();
}
function stopClock(): void {
  clock.cpu1 = cpuNow();
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Messages sent and acknowledged before a latency run starts its clock. */
const WARM_UP = 50;

function ours(): typeof ProducerModule {
  // The built package (npm run build): what users run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'dist', 'producer')) as typeof ProducerModule;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(): number {
  (global as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1048576);
}

async function oursSendBatch(c: Case): Promise<Result> {
  const { Producer } = ours();
  const p = new Producer({ 'bootstrap.servers': c.bootstrap, acks: c.acks, 'linger.ms': c.lingerMs });
  await p.connect();
  const value = Buffer.alloc(c.size, 'x');
  const batchSize = 10_000;
  const batch = Array.from({ length: batchSize }, () => ({ topic: c.topic, value }));
  const rss: Array<{ messages: number; rssMb: number }> = [];
  const window: Array<Promise<unknown>> = [];
  let errors = 0;
  const t0 = startClock();
  for (let sent = 0; sent < c.messages; sent += batchSize) {
    const n = Math.min(batchSize, c.messages - sent);
    window.push(p.sendBatch(n === batchSize ? batch : batch.slice(0, n)).catch(() => errors++));
    if (window.length >= 8) await window.shift();
    if (c.kind === 'rss' && (sent + n === 1_000_000 || sent + n === c.messages)) {
      await Promise.all(window.splice(0));
      rss.push({ messages: sent + n, rssMb: rssMb() });
    }
  }
  await Promise.all(window);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stopClock();
  await p.close();
  return { messages: c.messages, seconds, errors, rss: c.kind === 'rss' ? rss : undefined };
}

interface BrokerStats {
  nodeid: number;
  rtt: { p99: number; max: number };
  int_latency: { p99: number };
}

async function oursSend(c: Case): Promise<Result> {
  const { Producer } = ours();
  const windows: BrokerStats[][] = [];
  let timing = false;
  const stats =
    c.kind === 'latency'
      ? {
          'statistics.interval.ms': 1000,
          stats_cb: (json: string) => {
            if (timing) windows.push(Object.values((JSON.parse(json) as { brokers: Record<string, BrokerStats> }).brokers).filter((b) => b.nodeid >= 0));
          },
        }
      : {};
  const p = new Producer({ 'bootstrap.servers': c.bootstrap, acks: c.acks, 'linger.ms': c.lingerMs, ...stats });
  await p.connect();
  const value = Buffer.alloc(c.size, 'x');
  let errors = 0;
  if (c.kind === 'latency') {
    const rate = c.rate ?? 1000;
    const latencies: number[] = [];
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < WARM_UP; i++) await p.send({ topic: c.topic, value });
    timing = true;
    startClock();
    const t0 = performance.now();
    for (let i = 0; i < c.messages; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0.5) await sleep(wait);
      const start = performance.now();
      pending.push(
        p.send({ topic: c.topic, value }).then(
          () => void latencies.push(performance.now() - start),
          () => void errors++,
        ),
      );
    }
    await Promise.all(pending);
    const seconds = (performance.now() - t0) / 1000;
    stopClock();
    await p.close();
    latencies.sort((a, b) => a - b);
    const brokers = windows.flat().filter((b) => b.rtt.max > 0);
    const statsMs =
      brokers.length > 0
        ? {
            rttP99: Math.max(...brokers.map((b) => b.rtt.p99)) / 1000,
            rttMax: Math.max(...brokers.map((b) => b.rtt.max)) / 1000,
            queueP99: Math.max(...brokers.map((b) => b.int_latency.p99)) / 1000,
          }
        : undefined;
    return { messages: c.messages, seconds, errors, latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] }, statsMs };
  }
  // Pipelined: many sends outstanding; the producer's gate bounds what is in flight,
  // this loop bounds the promises it holds.
  const windowSize = 20_000;
  let outstanding = 0;
  let wake: (() => void) | undefined;
  const done = (): void => {
    outstanding--;
    if (wake !== undefined && outstanding <= windowSize / 2) {
      const w = wake;
      wake = undefined;
      w();
    }
  };
  const fail = (): void => {
    errors++;
    done();
  };
  const t0 = startClock();
  for (let i = 0; i < c.messages; i++) {
    if (outstanding >= windowSize) await new Promise<void>((r) => (wake = r));
    outstanding++;
    p.send({ topic: c.topic, value }).then(done, fail);
  }
  while (outstanding > 0) await new Promise<void>((r) => (wake = r));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stopClock();
  await p.close();
  return { messages: c.messages, seconds, errors };
}

/**
 * The Python-style loop of bench/producer.py with our produce(): a delivery
 * callback per message, poll(0) every 1024 messages, poll(1) and retry on
 * QueueFullError; done when every callback ran.
 */
async function oursProduce(c: Case): Promise<Result> {
  const { Producer } = ours();
  let delivered = 0;
  let errors = 0;
  const p = new Producer({
    'bootstrap.servers': c.bootstrap,
    acks: c.acks,
    'linger.ms': c.lingerMs,
    on_delivery: (err: unknown) => {
      if (err) errors++;
      else delivered++;
    },
  });
  await p.connect();
  const value = Buffer.alloc(c.size, 'x');
  const t0 = startClock();
  for (let i = 0; i < c.messages; ) {
    try {
      p.produce(c.topic, value);
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_QUEUE_FULL') throw err;
      p.poll(1);
      continue;
    }
    i++;
    if ((i & 1023) === 0) p.poll(0);
  }
  while (delivered + errors < c.messages) {
    p.poll(0);
    await sleep(1);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stopClock();
  await p.close();
  return { messages: delivered, seconds, errors };
}

/**
 * No Kafka at all: the pipelined send() loop above (same window, same
 * callbacks) over a stand-in that creates one Promise per message and
 * resolves each with a RecordMetadata-shaped object in bulk on the next turn
 * of the event loop. The most any promise-per-message API can do here.
 */
async function promiseFloor(c: Case): Promise<Result> {
  let resolves: Array<(md: { topic: string; partition: number; offset: number; timestamp: number }) => void> = [];
  const deliver = (): void => {
    const now = resolves;
    resolves = [];
    for (let i = 0; i < now.length; i++) now[i]({ topic: c.topic, partition: 0, offset: i, timestamp: Date.now() });
  };
  const send = (): Promise<unknown> =>
    new Promise((resolve) => {
      if (resolves.push(resolve) === 1) setImmediate(deliver);
    });
  const windowSize = 20_000;
  let outstanding = 0;
  let errors = 0;
  let wake: (() => void) | undefined;
  const done = (): void => {
    outstanding--;
    if (wake !== undefined && outstanding <= windowSize / 2) {
      const w = wake;
      wake = undefined;
      w();
    }
  };
  const fail = (): void => {
    errors++;
    done();
  };
  const t0 = startClock();
  for (let i = 0; i < c.messages; i++) {
    if (outstanding >= windowSize) await new Promise<void>((r) => (wake = r));
    outstanding++;
    send().then(done, fail);
  }
  while (outstanding > 0) await new Promise<void>((r) => (wake = r));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stopClock();
  return { messages: c.messages, seconds, errors };
}

async function nodeRdkafka(c: Case): Promise<Result> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Kafka = require('node-rdkafka') as typeof import('node-rdkafka');
  const p = new Kafka.Producer({ 'bootstrap.servers': c.bootstrap, 'linger.ms': c.lingerMs, dr_cb: true, log_level: 3 } as never, { acks: c.acks } as never);
  await new Promise<void>((resolve, reject) => p.connect({ timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  await new Promise<void>((resolve, reject) => p.getMetadata({ topic: c.topic, timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  const value = Buffer.alloc(c.size, 'x');
  let delivered = 0;
  let errors = 0;
  let finish: (() => void) | undefined;
  const latencies: number[] = [];
  p.on('delivery-report', (err, report) => {
    if (err) errors++;
    if (c.kind === 'latency') latencies.push(performance.now() - (report.opaque as number));
    delivered++;
    if (delivered >= c.messages) finish?.();
  });
  p.setPollInterval(c.kind === 'latency' ? 1 : 5);
  if (c.kind === 'latency') {
    // Warm-up: the same number of messages, acknowledged before timing starts.
    const target = WARM_UP;
    const warmed = new Promise<void>((r) => (finish = r));
    const saved = c.messages;
    c.messages = target;
    for (let i = 0; i < target; i++) p.produce(c.topic, null, value, null, null, performance.now());
    await warmed;
    c.messages = saved;
    delivered = 0;
    errors = 0;
    latencies.length = 0;
  }
  const finished = new Promise<void>((r) => (finish = r));
  startClock();
  const t0 = performance.now();
  if (c.kind === 'latency') {
    const rate = c.rate ?? 1000;
    for (let i = 0; i < c.messages; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0.5) await sleep(wait);
      p.produce(c.topic, null, value, null, null, performance.now());
    }
  } else {
    for (let i = 0; i < c.messages; ) {
      try {
        p.produce(c.topic, null, value, null);
        i++;
        if ((i & 4095) === 0) await new Promise((r) => setImmediate(r));
      } catch {
        // Local queue full: let the poll interval serve delivery reports.
        await sleep(1);
      }
    }
  }
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  stopClock();
  p.setPollInterval(0);
  await new Promise<void>((resolve) => p.disconnect(() => resolve()));
  if (c.kind === 'latency') {
    latencies.sort((a, b) => a - b);
    return { messages: c.messages, seconds, errors, latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] } };
  }
  return { messages: delivered, seconds, errors };
}

async function kafkajs(c: Case): Promise<Result> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Kafka, logLevel } = require('kafkajs') as typeof import('kafkajs');
  const kafka = new Kafka({ clientId: 'bench', brokers: c.bootstrap.split(','), logLevel: logLevel.NOTHING });
  const p = kafka.producer({ allowAutoTopicCreation: false });
  await p.connect();
  const value = Buffer.alloc(c.size, 'x');
  let errors = 0;
  if (c.kind === 'latency') {
    const rate = c.rate ?? 1000;
    const latencies: number[] = [];
    const pending: Array<Promise<void>> = [];
    for (let i = 0; i < WARM_UP; i++) await p.send({ topic: c.topic, acks: c.acks, messages: [{ value }] });
    startClock();
    const t0 = performance.now();
    for (let i = 0; i < c.messages; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0.5) await sleep(wait);
      const start = performance.now();
      pending.push(
        p.send({ topic: c.topic, acks: c.acks, messages: [{ value }] }).then(
          () => void latencies.push(performance.now() - start),
          () => void errors++,
        ),
      );
    }
    await Promise.all(pending);
    const seconds = (performance.now() - t0) / 1000;
    stopClock();
    await p.disconnect();
    latencies.sort((a, b) => a - b);
    return { messages: c.messages, seconds, errors, latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] } };
  }
  const batchSize = 1000;
  const messages = Array.from({ length: batchSize }, () => ({ value }));
  const window: Array<Promise<unknown>> = [];
  startClock();
  const t0 = performance.now();
  for (let sent = 0; sent < c.messages; sent += batchSize) {
    const n = Math.min(batchSize, c.messages - sent);
    window.push(p.send({ topic: c.topic, acks: c.acks, messages: n === batchSize ? messages : messages.slice(0, n) }).catch(() => (errors += n)));
    if (window.length >= 8) await window.shift();
  }
  await Promise.all(window);
  const seconds = (performance.now() - t0) / 1000;
  stopClock();
  await p.disconnect();
  return { messages: c.messages, seconds, errors };
}

async function platformatic(c: Case): Promise<Result> {
  // An ES module: a real dynamic import (not compiled to require).
  const load = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, unknown>>;
  const mod = await load('@platformatic/kafka');
  const ProducerClass = mod.Producer as new (o: Record<string, unknown>) => {
    send(o: Record<string, unknown>): Promise<unknown>;
    close(): Promise<void>;
  };
  const p = new ProducerClass({ clientId: 'bench', bootstrapBrokers: c.bootstrap.split(','), autocreateTopics: false, acks: c.acks });
  const value = Buffer.alloc(c.size, 'x');
  const batchSize = 1000;
  const messages = Array.from({ length: batchSize }, () => ({ topic: c.topic, value }));
  let errors = 0;
  const window: Array<Promise<unknown>> = [];
  await p.send({ messages: messages.slice(0, 1) });
  startClock();
  const t0 = performance.now();
  for (let sent = 0; sent < c.messages; sent += batchSize) {
    const n = Math.min(batchSize, c.messages - sent);
    window.push(p.send({ messages: n === batchSize ? messages : messages.slice(0, n), acks: c.acks }).catch(() => (errors += n)));
    if (window.length >= 8) await window.shift();
  }
  await Promise.all(window);
  const seconds = (performance.now() - t0) / 1000;
  stopClock();
  await p.close();
  return { messages: c.messages, seconds, errors };
}

async function main(): Promise<void> {
  const c = JSON.parse(process.argv[2]) as Case;
  const run = { 'ours-sendBatch': oursSendBatch, 'ours-send': oursSend, 'ours-produce': oursProduce, 'node-rdkafka': nodeRdkafka, kafkajs, platformatic, 'promise-floor': promiseFloor }[c.peer];
  const result = await run(c);
  if (clock.cpu0 >= 0 && clock.cpu1 >= clock.cpu0) result.cpuUs = clock.cpu1 - clock.cpu0;
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
