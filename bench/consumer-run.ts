/**
 * simple-kafka's consumer benchmark. Preloads `--messages` (default 1 000 000) 100-byte
 * messages into a fresh topic of the real cluster (3 partitions, RF 3), then lets every peer,
 * each in its own process and its own consumer group, read them all back from the beginning.
 * Reports msg/s and the ratio to the C consumer over the same librdkafka.
 *
 *   npm run build && npx tsc -p bench && node .cache/bench/bench/consumer-run.js [--messages=N] [--runs=N] [--only=peer,peer]
 *
 * Writes `.cache/bench/consumer.md` (a BENCHMARKS.md section) and `.cache/bench/consumer.json`.
 * The embedded mock cluster is not used: librdkafka's mock serves fetches at ~1 k msg/s, which
 * would measure the mock, not the clients.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConsumerCase, ConsumerPeer, ConsumerResult } from './consumer-peer';
import { runJsonChild } from './child';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(ROOT, '.cache', 'bench');
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const MESSAGES = Number(arg('messages') ?? 1_000_000);
const RUNS = Number(arg('runs') ?? 1);
const ONLY = arg('only')?.split(',');

type Peer = 'c' | 'c-defaults' | 'confluent-kafka-python' | ConsumerPeer;
const PEERS: Peer[] = ['c', 'c-defaults', 'ours-consume', 'ours-iterator', 'ours-run', 'ours-consume-rdkafka', 'node-rdkafka-batch', 'node-rdkafka-flowing', 'kafkajs', 'platformatic', 'confluent-kafka-python'];
const LABEL: Record<Peer, string> = {
  c: 'C (librdkafka rd_kafka_consumer_poll), fetch.queue.backoff.ms=100 as ours',
  'c-defaults': 'C, librdkafka defaults (fetch.queue.backoff.ms=1000)',
  'ours-consume': 'simple-kafka consume(1000, ms) (native engine, the default)',
  'ours-iterator': 'simple-kafka for await (batchSize 1000) (native engine)',
  'ours-run': 'simple-kafka run({eachBatch}) (native engine)',
  'ours-consume-rdkafka': "simple-kafka consume(1000, ms), engine: 'node-rdkafka'",
  'node-rdkafka-batch': 'node-rdkafka consume(1000, cb)',
  'node-rdkafka-flowing': "node-rdkafka consume() + 'data' events",
  kafkajs: 'KafkaJS run({eachBatch})',
  platformatic: "@platformatic/kafka stream 'data'",
  'confluent-kafka-python': 'confluent-kafka-python consume(1000)',
};

interface Row {
  peer: Peer;
  results: ConsumerResult[];
  error?: string;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function rdkafka(): typeof import('node-rdkafka') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node-rdkafka') as typeof import('node-rdkafka');
}

function buildC(): string {
  const exe = path.join(OUT, 'c-consumer');
  const deps = path.join(ROOT, 'node_modules', 'node-rdkafka', 'build', 'deps');
  execFileSync('cc', ['-O2', '-o', exe, path.join(ROOT, 'bench', 'consumer.c'), `-I${path.join(deps, 'include')}`, `-L${deps}`, '-l:librdkafka.so.1', `-Wl,-rpath,${deps}`]);
  return exe;
}

function runChild(cmd: string, args: string[], timeoutMs: number): Promise<ConsumerResult> {
  return runJsonChild<ConsumerResult>(ROOT, cmd, args, timeoutMs);
}

async function preload(bootstrap: string, topic: string, count: number): Promise<void> {
  const Kafka = rdkafka();
  const admin = Kafka.AdminClient.create({ 'bootstrap.servers': bootstrap });
  await new Promise<void>((resolve, reject) => admin.createTopic({ topic, num_partitions: 3, replication_factor: 3 }, 15000, (e) => (e ? reject(e) : resolve())));
  admin.disconnect();
  const p = new Kafka.Producer({ 'bootstrap.servers': bootstrap, 'linger.ms': 20, 'batch.num.messages': 10000, 'queue.buffering.max.messages': 500000, dr_cb: false }, { acks: -1 } as never);
  await new Promise<void>((resolve, reject) => p.connect({}, (e) => (e ? reject(e) : resolve())));
  const value = Buffer.alloc(100, 'x');
  for (let i = 0; i < count; ) {
    try {
      p.produce(topic, null, value, null);
      i++;
    } catch {
      p.poll();
      await new Promise((r) => setTimeout(r, 2));
    }
  }
  await new Promise<void>((resolve, reject) => p.flush(120_000, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve) => p.disconnect(() => resolve()));
}

async function deleteTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = rdkafka().AdminClient.create({ 'bootstrap.servers': bootstrap });
  await new Promise<void>((resolve) => admin.deleteTopic(topic, 15000, () => resolve()));
  admin.disconnect();
}

/** The venv of scripts/python/setup-registry-venv.sh (it has confluent-kafka), else the system python3. */
const PYTHON = fs.existsSync(path.join(ROOT, '.cache', 'registry-venv', 'bin', 'python3')) ? path.join(ROOT, '.cache', 'registry-venv', 'bin', 'python3') : 'python3';

function hasPythonClient(): boolean {
  return spawnSync(PYTHON, ['-c', 'import confluent_kafka'], { stdio: 'ignore' }).status === 0;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (r: ConsumerResult): number => r.messages / r.seconds;
const best = (row: Row): number => Math.max(...row.results.map(rate));

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(ROOT, '.kafka-run', 'cluster.json');
  if (!fs.existsSync(file)) throw new Error(`no cluster description at ${file}: run npm run kafka:up`);
  const cluster = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; plaintext: { bootstrap: string } };
  const bootstrap = cluster.plaintext.bootstrap;
  const topic = `bench-consume-${Date.now().toString(36)}`;
  log(`preloading ${fmt(MESSAGES)} messages of 100 B into ${topic}`);
  await preload(bootstrap, topic, MESSAGES);
  const cExe = buildC();
  const rows: Row[] = [];
  try {
    for (const peer of PEERS.filter((p) => !ONLY || ONLY.includes(p))) {
      const row: Row = { peer, results: [] };
      rows.push(row);
      if (peer === 'confluent-kafka-python' && !hasPythonClient()) {
        row.error = 'not installed (pip install confluent-kafka)';
        log(`${peer}: ${row.error}`);
        continue;
      }
      for (let run = 0; run < RUNS; run++) {
        const group = `bench-${peer}-${Date.now().toString(36)}-${run}`;
        try {
          let result: ConsumerResult;
          if (peer === 'c') result = await runChild(cExe, [bootstrap, topic, group, String(MESSAGES), 'fetch.queue.backoff.ms=100'], 240_000);
          else if (peer === 'c-defaults') result = await runChild(cExe, [bootstrap, topic, group, String(MESSAGES)], 240_000);
          else if (peer === 'confluent-kafka-python') result = await runChild(PYTHON, [path.join(ROOT, 'bench', 'consumer.py'), bootstrap, topic, group, String(MESSAGES)], 240_000);
          else {
            const c: ConsumerCase = { peer, bootstrap, topic, group, messages: MESSAGES };
            result = await runChild(process.execPath, [path.join(__dirname, 'consumer-peer.js'), JSON.stringify(c)], 240_000);
          }
          if (result.messages !== MESSAGES) throw new Error(`read ${result.messages} of ${MESSAGES}`);
          row.results.push(result);
          log(`${peer} run ${run + 1}: ${fmt(rate(result))} msg/s`);
        } catch (err) {
          row.error = (err as Error).message;
          log(`${peer} run ${run + 1}: failed: ${row.error}`);
        }
      }
    }
  } finally {
    await deleteTopic(bootstrap, topic);
  }
  const c = rows.find((r) => r.peer === 'c' && r.results.length > 0);
  const lines = [
    `### Consumer throughput`,
    '',
    `${fmt(MESSAGES)} preloaded 100-byte messages, read back from the beginning by each peer in its own process and consumer group; real cluster: Apache Kafka ${cluster.version}, 3 brokers on loopback, topic with 3 partitions, RF 3. Best of ${RUNS} run(s); time from the first message to the last. ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, librdkafka ${rdkafka().librdkafkaVersion}.`,
    '',
    '| peer | msg/s | × C |',
    '|---|---|---|',
    ...rows.map((r) => {
      if (r.results.length === 0) return `| ${LABEL[r.peer]} | ${r.error ?? '—'} | |`;
      return `| ${LABEL[r.peer]} | ${fmt(best(r))} | ${c ? `**${(best(r) / best(c)).toFixed(2)}×**` : '—'} |`;
    }),
    '',
  ];
  fs.writeFileSync(path.join(OUT, 'consumer.md'), lines.join('\n'));
  fs.writeFileSync(path.join(OUT, 'consumer.json'), JSON.stringify({ messages: MESSAGES, runs: RUNS, rows }, null, 2));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
