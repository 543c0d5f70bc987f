/**
 * Loader benchmark: `simple-kafka load` (runLoad) against our raw
 * `sendBatch()` on the same broker, in one run.
 *
 *  - raw sendBatch: 1 M `key;value` records already in memory (strings),
 *    sent with `sendBatch()` in slices of 50 000, all in flight;
 *  - load CSV: the same 1 M records as a `key;value` file, string values,
 *    on the main thread and with 2 worker threads;
 *  - load Avro: 1 M JSON Lines rows to Avro (schema from a registry server
 *    started in-process), key from a field.
 *
 * CPU µs/record is the benchmark process's CPU time (JS, worker threads and
 * librdkafka's threads together) per record, best trial: less sensitive to
 * a busy machine than the rates.
 *
 * Every case uses the loader's producer settings (acks all, idempotence,
 * linger.ms 10), a fresh topic of 3 partitions, and is timed from start to
 * the last acknowledgement. Trials are interleaved (each case once per
 * trial), the best trial per case is kept. Targets: CSV ≥ 0.7× raw, Avro ≥ 0.5× raw.
 *
 *   npm run bench:loader [-- --records=1000000 --trials=3 --cluster=kafka|mock]
 *
 * The real cluster of scripts/kafka is used when `.kafka-run/cluster.env`
 * exists (override with --cluster). Prints a Markdown section and writes
 * `.cache/bench/loader.md` and `.cache/bench/loader.json`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as LoaderModule from '../src/loader/loader';
import type * as ProducerModule from '../src/producer';
import type * as TestingModule from '../src/testing/mock-cluster';
import type * as ServerModule from '../src/registry-server';
import type * as NodeRdkafka from 'node-rdkafka';

const ROOT = fs.existsSync(path.join(__dirname, '..', 'package.json')) ? path.resolve(__dirname, '..') : path.resolve(__dirname, '..', '..', '..');
const dist = <T>(p: string): T => require(path.join(ROOT, 'dist', p)) as T; // eslint-disable-line @typescript-eslint/no-require-imports
const { runLoad } = dist<typeof LoaderModule>('loader/loader');
const { Producer } = dist<typeof ProducerModule>('producer');
const { MockCluster } = dist<typeof TestingModule>('testing/mock-cluster');
const { startRegistryServer } = dist<typeof ServerModule>('registry-server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Kafka = require('node-rdkafka') as typeof NodeRdkafka;

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const RECORDS = Number(arg('records', '1000000'));
const TRIALS = Number(arg('trials', '3'));
const ENV_FILE = path.join(ROOT, '.kafka-run', 'cluster.env');
const CLUSTER = arg('cluster', fs.existsSync(ENV_FILE) ? 'kafka' : 'mock');
const OUT = path.join(ROOT, '.cache', 'bench');
const PRODUCER = { acks: 'all', 'enable.idempotence': true, 'linger.ms': 10 };
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

const AVRO_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Row',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'active', type: 'boolean' },
  ],
});

interface CaseResult {
  name: string;
  best: number;
  trials: number[];
  mbs: number;
  /** Process CPU time (all threads: JS, workers, librdkafka) per record, best trial. */
  cpuUs: number;
}

async function main(): Promise<void> {
  let bootstrap: string;
  let mock: TestingModule.MockCluster | undefined;
  let clusterLabel: string;
  if (CLUSTER === 'kafka') {
    const env = Object.fromEntries(
      fs
        .readFileSync(ENV_FILE, 'utf8')
        .split('\n')
        .map((l) => /^([A-Z0-9_]+)=(.*)$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    bootstrap = env.SK_KAFKA_PLAINTEXT_BOOTSTRAP;
    clusterLabel = `real cluster: Apache Kafka ${env.SK_KAFKA_VERSION ?? ''}, ${env.SK_KAFKA_BROKERS ?? 3} brokers on loopback, topics with 3 partitions, replication factor 3`;
  } else {
    mock = await MockCluster.start({ brokers: 1 });
    bootstrap = mock.bootstrapServers;
    clusterLabel = 'embedded mock cluster (1 broker, in the benchmark process)';
  }

  const admin = Kafka.AdminClient.create({ 'bootstrap.servers': bootstrap });
  const created: string[] = [];
  let seq = 0;
  const topic = async (prefix: string): Promise<string> => {
    const name = `bench-loader-${prefix}-${process.pid}-${seq++}`;
    if (mock) mock.createTopic(name, 3);
    else {
      await new Promise<void>((resolve, reject) =>
        admin.createTopic({ topic: name, num_partitions: 3, replication_factor: 3 }, 30000, (err) => (err ? reject(err) : resolve())),
      );
    }
    created.push(name);
    return name;
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-bench-loader-'));
  const keys = new Array<string>(RECORDS);
  const values = new Array<string>(RECORDS);
  const csv: string[] = [];
  const jsonl: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    keys[i] = `key-${i % 10000}`;
    values[i] = `value-${String(i).padStart(9, '0')}`;
    csv.push(`${keys[i]};${values[i]}`);
    jsonl.push(JSON.stringify({ id: i, name: `user-${i}`, score: i / 4, active: i % 2 === 0 }));
  }
  const csvFile = path.join(dir, 'kv.csv');
  fs.writeFileSync(csvFile, csv.join('\n') + '\n');
  const jsonlFile = path.join(dir, 'rows.jsonl');
  fs.writeFileSync(jsonlFile, jsonl.join('\n') + '\n');
  csv.length = 0;
  jsonl.length = 0;
  const csvBytes = fs.statSync(csvFile).size;
  const jsonlBytes = fs.statSync(jsonlFile).size;

  const registry = await startRegistryServer({ port: 0, host: '127.0.0.1' });

  const cases: Array<{ name: string; bytes: number; run: () => Promise<number> }> = [
    {
      name: 'raw sendBatch() of in-memory key;value strings',
      bytes: csvBytes,
      run: async () => {
        const t = await topic('raw');
        const p = new Producer({ 'bootstrap.servers': bootstrap, ...PRODUCER } as never);
        await p.connect();
        const t0 = performance.now();
        const slices: Array<Promise<unknown>> = [];
        for (let i = 0; i < RECORDS; i += 50_000) {
          const batch = [];
          for (let j = i; j < Math.min(RECORDS, i + 50_000); j++) batch.push({ topic: t, key: keys[j], value: values[j] });
          slices.push(p.sendBatch(batch));
        }
        await Promise.all(slices);
        const ms = performance.now() - t0;
        await p.close();
        return ms;
      },
    },
    ...[0, 1, 2].map((workers) => ({
      name: `load CSV key;value, string${workers > 0 ? `, --workers ${workers}` : ''}`,
      bytes: csvBytes,
      run: async () => {
        const t = await topic(`csv${workers}`);
        const t0 = performance.now();
        const s = await runLoad({ inputs: [csvFile], topic: t, workers, kafka: { 'bootstrap.servers': bootstrap }, progress: 'none', stderr: quiet });
        const ms = performance.now() - t0;
        if (!s.ok || s.acknowledged !== RECORDS) throw new Error(`load CSV: ${JSON.stringify(s)}`);
        return ms;
      },
    })),
    ...[0, 1, 2].map((workers) => ({
      name: `load JSON Lines to Avro${workers > 0 ? `, --workers ${workers}` : ''}`,
      bytes: jsonlBytes,
      run: async () => {
        const t = await topic(`avro${workers}`);
        const t0 = performance.now();
        const s = await runLoad({
          inputs: [jsonlFile],
          topic: t,
          format: 'jsonl',
          keyField: 'id',
          serialization: 'avro',
          avro: { registry: { url: registry.url }, subject: `${t}-value`, schemaFile: path.join(dir, 'row.avsc') },
          workers,
          kafka: { 'bootstrap.servers': bootstrap },
          progress: 'none',
          stderr: quiet,
        });
        const ms = performance.now() - t0;
        if (!s.ok || s.acknowledged !== RECORDS) throw new Error(`load Avro: ${JSON.stringify(s)}`);
        return ms;
      },
    })),
  ];
  fs.writeFileSync(path.join(dir, 'row.avsc'), AVRO_SCHEMA);

  const times = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  for (let trial = 0; trial < TRIALS; trial++) {
    for (const c of cases) {
      const c0 = process.cpuUsage();
      const ms = await c.run();
      const used = process.cpuUsage(c0);
      (times.get(c.name) ?? times.set(c.name, []).get(c.name)!).push(ms);
      (cpu.get(c.name) ?? cpu.set(c.name, []).get(c.name)!).push(((used.user + used.system) / RECORDS));
      process.stderr.write(`trial ${trial + 1}: ${c.name}: ${Math.round((RECORDS * 1000) / ms).toLocaleString('en-US')} rec/s\n`);
    }
  }
  const results: CaseResult[] = cases.map((c) => {
    const ts = times.get(c.name)!;
    const best = Math.min(...ts);
    return {
      name: c.name,
      best: (RECORDS * 1000) / best,
      trials: ts.map((ms) => (RECORDS * 1000) / ms),
      mbs: c.bytes / 1e6 / (best / 1000),
      cpuUs: Math.min(...cpu.get(c.name)!),
    };
  });
  const raw = results[0].best;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const target = (name: string): string => (name.startsWith('load CSV') ? ' (target ≥ 0.7)' : name.includes('Avro') ? ' (target ≥ 0.5)' : '');
  const lines = [
    `${clusterLabel}; ${fmt(RECORDS)} records per case, best of ${TRIALS} interleaved trials; Node ${process.version}, ${os.cpus().length} cores (shared).`,
    '',
    '| case | records/s | input MB/s | × raw sendBatch | CPU µs/record |',
    '|---|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${fmt(r.best)} | ${r.mbs.toFixed(1)} | **${(r.best / raw).toFixed(2)}×**${target(r.name)} | ${r.cpuUs.toFixed(2)} |`),
  ];
  const md = lines.join('\n');
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'loader.md'), `${md}\n`);
  fs.writeFileSync(path.join(OUT, 'loader.json'), JSON.stringify({ cluster: CLUSTER, records: RECORDS, results }, null, 1));
  process.stdout.write(`${md}\n`);

  await registry.close();
  if (!mock) {
    for (const t of created) await new Promise<void>((resolve) => admin.deleteTopic(t, 30000, () => resolve()));
  }
  admin.disconnect();
  await mock?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:loader: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
