/**
 * Registry server benchmark with autocannon, on loopback. The server runs in a
 * child process (test/fixtures/registry-server/serve-child.js), on the real
 * cluster's `_schemas`-style topic when `.kafka-run/cluster.json` answers,
 * else on an in-memory log (`--memory` forces that). Cases:
 *
 *  - `GET /schemas/ids/{id}` over 100 registered ids (the serializer/deserializer hot path);
 *  - `POST /subjects/{s}/versions` of a schema already registered (answered locally);
 *  - `POST /subjects/{s}/versions` of a new schema each time (a write through the log:
 *    Kafka round trip with acks=all, then applied locally).
 *
 *   npx tsc -p bench && node .cache/bench/bench/registry.js [--duration=10] [--connections=32] [--memory]
 *
 * Prints a Markdown table and writes `.cache/bench/registry.md` and `.cache/bench/registry.json`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = fs.existsSync(path.join(__dirname, '..', 'package.json')) ? path.resolve(__dirname, '..') : path.resolve(__dirname, '..', '..', '..');

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : process.argv.includes(`--${name}`) ? 'true' : fallback;
}

function startChild(options: Record<string, unknown>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test', 'fixtures', 'registry-server', 'serve-child.js'), JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`registry child exited ${code}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ url: (JSON.parse(out.split('\n')[0]) as { url: string }).url, child });
    });
  });
}

/** Record `name` with `fields` long fields; every field after the first has a default, so each is BACKWARD compatible with the previous. */
function schema(name: string, fields = 1): string {
  return JSON.stringify({ type: 'record', name, namespace: 'bench', fields: Array.from({ length: fields }, (_, i) => (i === 0 ? { name: 'f0', type: 'long' } : { name: `f${i}`, type: 'long', default: 0 })) });
}

async function post(url: string, p: string, body: unknown): Promise<unknown> {
  const res = await fetch(url + p, { method: 'POST', headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main(): Promise<void> {
  const duration = Number(arg('duration', '10'));
  const connections = Number(arg('connections', '32'));
  let storage = 'memory';
  const options: Record<string, unknown> = { host: '127.0.0.1' };
  const clusterFile = path.join(ROOT, '.kafka-run', 'cluster.json');
  if (arg('memory', 'false') !== 'true' && fs.existsSync(clusterFile)) {
    const cluster = JSON.parse(fs.readFileSync(clusterFile, 'utf8')) as { plaintext: { bootstrap: string }; brokers: number };
    options.kafka = { config: { 'bootstrap.servers': cluster.plaintext.bootstrap }, topic: `_schemas-bench-${Date.now()}` };
    storage = `Kafka (${cluster.brokers} brokers, acks=all)`;
  }
  const { url, child } = await startChild(options);
  const rows: { case: string; connections: number; rps: number; p50: number; p99: number; errors: number }[] = [];
  try {
    const ids: number[] = [];
    for (let i = 0; i < 100; i++) ids.push(((await post(url, `/subjects/s${i}/versions`, { schema: schema(`R${i}`) })) as { id: number }).id);

    const run = async (name: string, opts: Record<string, unknown>, conns = connections): Promise<void> => {
      const r = await autocannon({ url, connections: conns, duration, ...opts });
      rows.push({ case: name, connections: conns, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts });
      process.stderr.write(`${name}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, errors ${r.errors + r.non2xx + r.timeouts}\n`);
    };

    let k = 0;
    await run('GET /schemas/ids/{id} (100 ids)', {
      requests: [{ method: 'GET', setupRequest: (req: AutocannonRequest) => ({ ...req, path: `/schemas/ids/${ids[k++ % ids.length]}` }) }],
    });
    let j = 0;
    await run('POST /subjects/{s}/versions, already registered', {
      requests: [
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
          setupRequest: (req: AutocannonRequest) => {
            const i = j++ % 100;
            return { ...req, path: `/subjects/s${i}/versions`, body: JSON.stringify({ schema: schema(`R${i}`) }) };
          },
        },
      ],
    });
    let n = 0;
    await run(
      'POST /subjects/{s}/versions, new schema (write through the log)',
      {
        requests: [
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
            setupRequest: (req: AutocannonRequest) => {
              const i = n++;
              return { ...req, path: `/subjects/new-${i % 50}/versions`, body: JSON.stringify({ schema: schema(`N${i % 50}`, 1 + Math.floor(i / 50)) }) };
            },
          },
        ],
      },
      Math.min(connections, 8),
    );
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    const kafka = options.kafka as { config: Record<string, string>; topic: string } | undefined;
    if (kafka) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rd = require('node-rdkafka') as typeof import('node-rdkafka');
      const admin = rd.AdminClient.create({ 'bootstrap.servers': kafka.config['bootstrap.servers'] });
      await new Promise<void>((resolve) => admin.deleteTopic(kafka.topic, 10_000, () => resolve()));
      admin.disconnect();
    }
  }

  const md = [
    `Registry server (${storage}), loopback, autocannon ${duration} s per case, Node ${process.version}:`,
    '',
    '| case | connections | req/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.case} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`),
    '',
  ].join('\n');
  process.stdout.write(`${md}\n`);
  const outDir = path.join(ROOT, '.cache', 'bench');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'registry.md'), md);
  fs.writeFileSync(path.join(outDir, 'registry.json'), JSON.stringify({ storage, duration, connections, rows }, null, 2));
}

main().catch((err: Error) => {
  process.stderr.write(`registry bench failed: ${err.message}\n`);
  process.exit(1);
});
