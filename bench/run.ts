/**
 * simple-kafka's producer benchmark: `npm run bench` (add `-- --quick` for a
 * short run). Every peer runs in its own process against the same broker in
 * one run: the embedded mock cluster (1 broker) always, and the real 3-node
 * cluster of scripts/kafka when it is up. Writes BENCHMARKS.md and
 * bench/throughput.svg.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Case, Result } from './peer';
import type * as TestingModule from '../src/testing/mock-cluster';
import type * as ProducerModule from '../src/producer';
import { runJsonChild } from './child';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(ROOT, '.cache', 'bench');
const QUICK = process.argv.includes('--quick');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const TRIALS_ARG = process.argv.find((a) => a.startsWith('--trials='))?.slice(9);
const TRIALS = TRIALS_ARG !== undefined ? Math.max(1, Number(TRIALS_ARG) | 0) : QUICK ? 1 : 5;

type Peer = 'c' | Exclude<Case['peer'], 'promise-floor'> | 'python';
const PEERS: Peer[] = ['c', 'ours-sendBatch', 'ours-send', 'ours-produce', 'node-rdkafka', 'python', 'kafkajs', 'platformatic'];
const LABEL: Record<Peer, string> = {
  c: 'C (librdkafka, rd_kafka_produce)',
  'ours-sendBatch': 'simple-kafka sendBatch()',
  'ours-send': 'simple-kafka pipelined send()',
  'ours-produce': 'simple-kafka produce() + poll(), Python style',
  'node-rdkafka': 'node-rdkafka produce() + delivery-report',
  python: 'confluent-kafka-python produce() + on_delivery',
  kafkajs: 'KafkaJS send(), batches of 1000',
  platformatic: '@platformatic/kafka send(), batches of 1000',
};

const LATENCY_LABEL: Partial<Record<Peer, string>> = {
  'ours-send': 'simple-kafka send()',
  'node-rdkafka': 'node-rdkafka produce() + delivery-report',
  python: 'confluent-kafka-python produce() + on_delivery',
  kafkajs: 'KafkaJS send() of one message',
};

interface Env {
  name: 'mock' | 'kafka';
  title: string;
  bootstrap: string;
  createTopic(name: string): Promise<void>;
  /** Deletes a topic a run is done with (the real brokers' page cache and disk fill up otherwise). */
  dropTopic(name: string): Promise<void>;
  cleanup(): Promise<void>;
}

interface Row {
  env: Env['name'];
  peer: Peer;
  size: number;
  acks: 1 | -1;
  result?: Result;
  error?: string;
  /**
   * The median over the rounds of this peer's rate divided by C's in the same
   * round (the brokers' pace drifts between rounds; within one it is alike).
   */
  ratio?: number;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function messagesFor(peer: Peer, size: number): number {
  const fast = size <= 100 ? 1_000_000 : 400_000;
  const n = peer === 'c' || peer.startsWith('ours') ? fast : peer === 'node-rdkafka' || peer === 'python' ? fast / 2 : fast / 5;
  return QUICK ? Math.round(n / 5) : n;
}

function rdkafkaDeps(): string {
  return path.join(ROOT, 'node_modules', 'node-rdkafka', 'build', 'deps');
}

function buildC(): string {
  const exe = path.join(OUT, 'c-producer');
  const deps = rdkafkaDeps();
  execFileSync('cc', ['-O2', '-o', exe, path.join(ROOT, 'bench', 'c', 'producer.c'), `-I${path.join(deps, 'include')}`, `-L${deps}`, '-l:librdkafka.so.1', `-Wl,-rpath,${deps}`]);
  return exe;
}

/** The trial with the median rate (a failed trial only when every trial failed). */
function medianRow(list: Row[]): Row {
  const ok = list.filter((r) => r.result !== undefined).sort((a, b) => rate(a.result!) - rate(b.result!));
  if (ok.length === 0) return list[list.length - 1];
  return ok[(ok.length - 1) >> 1];
}

function runChild(cmd: string, args: string[], timeoutMs: number): Promise<Result> {
  return runJsonChild<Result>(ROOT, cmd, args, timeoutMs);
}

function runPeer(c: Case): Promise<Result> {
  return runChild(process.execPath, ['--expose-gc', path.join(__dirname, 'peer.js'), JSON.stringify(c)], 600_000);
}

/** The Python of the venv scripts/python/setup-registry-venv.sh builds, when it has confluent-kafka. */
function findPython(): { exe: string; version: string } | undefined {
  const exe = path.join(ROOT, '.cache', 'registry-venv', 'bin', 'python');
  if (!fs.existsSync(exe)) return undefined;
  try {
    const out = execFileSync(exe, ['-c', 'import confluent_kafka as c; print(c.version(), c.libversion()[0])'], { encoding: 'utf8' }).trim().split(' ');
    return { exe, version: `confluent-kafka ${out[0]} (its bundled librdkafka ${out[1]})` };
  } catch {
    return undefined;
  }
}

function runPython(exe: string, c: Omit<Case, 'peer'>): Promise<Result> {
  return runChild(exe, [path.join(ROOT, 'bench', 'producer.py'), JSON.stringify(c)], 600_000);
}

async function mockEnv(): Promise<Env> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MockCluster } = require(path.join(ROOT, 'dist', 'testing', 'mock-cluster')) as typeof TestingModule;
  const cluster = await MockCluster.start({ brokers: 1 });
  return {
    name: 'mock',
    title: 'embedded mock cluster (librdkafka rdkafka_mock, 1 broker, in the benchmark process)',
    bootstrap: cluster.bootstrapServers,
    createTopic: async (name) => cluster.createTopic(name, 3, 1),
    dropTopic: async () => undefined,
    cleanup: () => cluster.stop(),
  };
}

async function kafkaEnv(): Promise<Env | undefined> {
  const file = path.join(ROOT, '.kafka-run', 'cluster.json');
  if (!fs.existsSync(file)) return undefined;
  const cluster = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string; plaintext: { bootstrap: string } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Kafka = require('node-rdkafka') as typeof import('node-rdkafka');
  const admin = Kafka.AdminClient.create({ 'bootstrap.servers': cluster.plaintext.bootstrap, 'client.id': 'bench-admin' });
  const created: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Producer } = require(path.join(ROOT, 'dist', 'producer')) as typeof ProducerModule;
  const warm = new Producer({ 'bootstrap.servers': cluster.plaintext.bootstrap, 'linger.ms': 0, logger: () => undefined });
  const deleteTopic = (name: string): Promise<void> => new Promise<void>((r) => admin.deleteTopic(name, 15000, () => r()));
  const createTopic = async (name: string): Promise<void> => {
    await new Promise<void>((resolve, reject) =>
      admin.createTopic({ topic: name, num_partitions: 3, replication_factor: 3 }, 15000, (err) => {
        if (err) reject(err);
        else {
          created.push(name);
          resolve();
        }
      }),
    );
    // A new topic takes a moment until every partition has a leader known to every broker:
    // write one message to each partition first, so no peer is timed through that.
    await warm.sendBatch([0, 1, 2].map((partition) => ({ topic: name, partition, value: 'warm-up' })));
  };
  try {
    await createTopic(`bench-probe-${Date.now()}`);
  } catch (err) {
    log(`real cluster in ${file} does not answer (${(err as Error).message}): mock cluster only`);
    admin.disconnect();
    await warm.close();
    return undefined;
  }
  return {
    name: 'kafka',
    title: `real cluster: Apache Kafka ${cluster.version}, 3 brokers on loopback (KRaft), topics with 3 partitions and replication factor 3, min.insync.replicas 2`,
    bootstrap: cluster.plaintext.bootstrap,
    createTopic,
    dropTopic: async (name) => {
      await deleteTopic(name);
      const i = created.indexOf(name);
      if (i >= 0) created.splice(i, 1);
    },
    cleanup: async () => {
      await warm.close();
      await Promise.all(created.map(deleteTopic));
      admin.disconnect();
    },
  };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = (r: Result): number => r.messages / r.seconds;

/**
 * CPU per message of each client process over its timed run (every thread: the
 * client's own and librdkafka's), from the same median trials as the throughput table.
 */
function cpuTable(rows: Row[], env: Env['name']): string | undefined {
  const combos: Array<[number, 1 | -1]> = [
    [100, 1],
    [100, -1],
    [1024, 1],
    [1024, -1],
  ];
  const head = ['peer', ...combos.map(([s, a]) => `${s === 100 ? '100 B' : '1 KiB'}, acks=${a === 1 ? '1' : 'all'}`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  let any = false;
  for (const peer of PEERS) {
    const cells = combos.map(([size, acks]) => {
      const r = rows.find((x) => x.env === env && x.peer === peer && x.size === size && x.acks === acks)?.result;
      if (r?.cpuUs === undefined || r.messages === 0) return '—';
      any = true;
      const c = rows.find((x) => x.env === env && x.peer === 'c' && x.size === size && x.acks === acks)?.result;
      const perMsg = r.cpuUs / r.messages;
      const ratio = c?.cpuUs !== undefined && c.messages > 0 ? ` · ${(perMsg / (c.cpuUs / c.messages)).toFixed(1)}× C` : '';
      return `${perMsg.toFixed(2)} µs${ratio}`;
    });
    lines.push(`| ${LABEL[peer]} | ${cells.join(' | ')} |`);
  }
  return any ? lines.join('\n') : undefined;
}

function throughputTable(rows: Row[], env: Env['name']): string {
  const combos: Array<[number, 1 | -1]> = [
    [100, 1],
    [100, -1],
    [1024, 1],
    [1024, -1],
  ];
  const head = ['peer', ...combos.map(([s, a]) => `${s === 100 ? '100 B' : '1 KiB'}, acks=${a === 1 ? '1' : 'all'}`)];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const peer of PEERS) {
    const cells = combos.map(([size, acks]) => {
      const row = rows.find((r) => r.env === env && r.peer === peer && r.size === size && r.acks === acks);
      if (!row) return '—';
      if (!row.result) return `failed: ${row.error?.slice(0, 60)}`;
      const c = rows.find((r) => r.env === env && r.peer === 'c' && r.size === size && r.acks === acks)?.result;
      const msgs = rate(row.result);
      const mb = (msgs * size) / 1048576;
      const r = row.ratio ?? (c ? msgs / rate(c) : undefined);
      const ratio = r !== undefined ? ` · **${r.toFixed(2)}× C**` : '';
      const errs = row.result.errors > 0 ? ` (${row.result.errors} errors)` : '';
      return `${fmt(msgs)} msg/s · ${fmt(mb, 1)} MB/s${ratio}${errs}`;
    });
    lines.push(`| ${LABEL[peer]} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function chart(rows: Row[], envs: Env['name'][]): string {
  // Grouped bars: msg/s at 100 B, acks=1, per peer, one group per environment.
  const colors = ['#6b7280', '#2563eb', '#60a5fa', '#93c5fd', '#f59e0b', '#ef4444', '#10b981', '#a855f7'];
  const data = envs.map((env) => PEERS.map((peer) => rows.find((r) => r.env === env && r.peer === peer && r.size === 100 && r.acks === 1)?.result));
  const max = Math.max(1, ...data.flat().map((r) => (r ? rate(r) : 0)));
  const barW = 36;
  const gap = 60;
  const groupW = PEERS.length * barW + gap;
  const width = 80 + envs.length * groupW + 330;
  const height = 320;
  const plotH = 240;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">Producer throughput, 100-byte values, acks=1 (msg/s)</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const y = 30 + plotH - (t / 4) * plotH;
    parts.push(`<line x1="70" x2="${80 + envs.length * groupW}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`, `<text x="64" y="${y + 4}" text-anchor="end">${fmt((max * t) / 4 / 1000)}k</text>`);
  }
  envs.forEach((env, g) => {
    const x0 = 80 + g * groupW;
    data[g].forEach((r, i) => {
      if (!r) return;
      const h = (rate(r) / max) * plotH;
      parts.push(`<rect x="${x0 + i * barW}" y="${30 + plotH - h}" width="${barW - 4}" height="${h}" fill="${colors[i]}"><title>${LABEL[PEERS[i]]}: ${fmt(rate(r))} msg/s</title></rect>`);
    });
    parts.push(`<text x="${x0 + (PEERS.length * barW) / 2}" y="${30 + plotH + 18}" text-anchor="middle">${env === 'mock' ? 'embedded mock cluster' : 'real Kafka cluster'}</text>`);
  });
  const lx = 80 + envs.length * groupW + 10;
  PEERS.forEach((peer, i) => {
    parts.push(`<rect x="${lx}" y="${40 + i * 20}" width="12" height="12" fill="${colors[i]}"/>`, `<text x="${lx + 18}" y="${50 + i * 20}">${LABEL[peer]}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The latency case: 100-byte values, acks=all, linger.ms 1, 1 000 msg/s. */
function latencyCase(env: Env, topic: string, messages: number) {
  return { kind: 'latency', bootstrap: env.bootstrap, topic, messages, size: 100, acks: -1, lingerMs: 1, rate: 1000 } as const;
}

/**
 * Waits until the cluster answers like an idle one again: after the
 * throughput runs the real brokers can take many seconds to work off their
 * backlog, and a latency run started then measures that backlog, for every
 * client alike. Short acks=all probes (200 messages at 1 000/s) until one has
 * a p50 under 10 ms and a p99 under 25 ms, at most a minute.
 */
async function settle(env: Env, topic: string): Promise<void> {
  const start = Date.now();
  for (let probe = 1; Date.now() - start < 60_000; probe++) {
    const r = await runPeer({ peer: 'ours-send', ...latencyCase(env, topic, 200) });
    const p50 = r.latencyMs?.p50 ?? Infinity;
    const p99 = r.latencyMs?.p99 ?? Infinity;
    if (p50 < 10 && p99 < 25) {
      if (probe > 1) log(`${env.name}: settled after ${((Date.now() - start) / 1000).toFixed(1)} s (probe p50 ${p50.toFixed(2)} ms)`);
      return;
    }
    log(`${env.name}: not settled yet (probe ${probe}: p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  log(`${env.name}: not settled after 60 s; measuring anyway`);
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0];
  fs.mkdirSync(OUT, { recursive: true });
  const cExe = buildC();
  const envs: Env[] = [];
  if (ONLY !== 'kafka') envs.push(await mockEnv());
  if (ONLY !== 'mock') {
    const k = await kafkaEnv();
    if (k) envs.push(k);
    else log('real cluster not up (npm run kafka:up): embedded cluster only');
  }
  let platformaticAvailable = true;
  try {
    require.resolve('@platformatic/kafka', { paths: [ROOT] });
  } catch {
    platformaticAvailable = false;
  }

  // One promise per message and nothing else, same loop as the pipelined send() peer (no Kafka).
  let floor: Result | undefined;
  try {
    floor = await runPeer({ peer: 'promise-floor', kind: 'throughput', bootstrap: '', topic: 'none', messages: messagesFor('ours-send', 100), size: 100, acks: 1, lingerMs: 0 });
    log(`promise-per-message floor: ${fmt(rate(floor))} msg/s`);
  } catch (err) {
    log(`promise-per-message floor: FAILED ${(err as Error).message}`);
  }
  const python = findPython();
  if (python === undefined) log('no .cache/registry-venv with confluent-kafka (scripts/python/setup-registry-venv.sh): confluent-kafka-python not measured');
  const rows: Row[] = [];
  const latency: Array<{ env: Env['name']; peer: Peer; result?: Result; error?: string }> = [];
  let rss: Result | undefined;
  let topicNo = 0;
  try {
    for (const env of envs) {
      // Latency first: on the real cluster the throughput runs leave the brokers writing back
      // and deleting gigabytes for minutes afterwards, which every client's latency would measure.
      // A just-started JVM broker is still compiling its hot paths: warm it with the C producer.
      if (env.name === 'kafka') {
        const warmTopic = `bench-warm-${Date.now().toString(36)}`;
        await env.createTopic(warmTopic);
        for (const acks of ['1', 'all']) await runChild(cExe, [env.bootstrap, warmTopic, String(QUICK ? 200_000 : 1_000_000), '100', acks, '5'], 600_000);
        await env.dropTopic(warmTopic);
      }
      for (const peer of ['ours-send', 'node-rdkafka', 'python', 'kafkajs'] as const) {
        if (peer === 'python' && python === undefined) continue;
        const topic = `bench-${env.name}-lat-${Date.now().toString(36)}-${topicNo++}`;
        await env.createTopic(topic);
        await settle(env, topic);
        try {
          const c = latencyCase(env, topic, QUICK ? 2000 : 5000);
          const result = peer === 'python' ? await runPython(python!.exe, c) : await runPeer({ peer, ...c });
          latency.push({ env: env.name, peer, result });
          log(`${env.name} latency ${peer}: p50 ${result.latencyMs!.p50.toFixed(2)} ms, p99 ${result.latencyMs!.p99.toFixed(2)} ms`);
        } catch (err) {
          latency.push({ env: env.name, peer, error: (err as Error).message });
        }
        await env.dropTopic(topic);
      }
      for (const size of [100, 1024]) {
        for (const acks of [1, -1] as const) {
          const peers = PEERS.filter((peer) => (peer !== 'platformatic' || (platformaticAvailable && env.name === 'kafka')) && (peer !== 'python' || python !== undefined));
          const trials = new Map<Peer, Row[]>();
          // Trials round-robin over the peers, so that background load hits them alike; the median of TRIALS
          // (the real brokers share the machine's two cores: single trials vary by a quarter or more).
          for (let trial = 0; trial < TRIALS; trial++) {
            for (const peer of peers) {
              const topic = `bench-${env.name}-${Date.now().toString(36)}-${topicNo++}`;
              await env.createTopic(topic);
              const messages = messagesFor(peer, size);
              const row: Row = { env: env.name, peer, size, acks };
              try {
                row.result =
                  peer === 'c'
                    ? await runChild(cExe, [env.bootstrap, topic, String(messages), String(size), acks === 1 ? '1' : 'all', '5'], 600_000)
                    : peer === 'python'
                      ? await runPython(python!.exe, { kind: 'throughput', bootstrap: env.bootstrap, topic, messages, size, acks, lingerMs: 5 })
                      : await runPeer({ peer, kind: 'throughput', bootstrap: env.bootstrap, topic, messages, size, acks, lingerMs: 5 });
                log(`${env.name} ${size}B acks=${acks} ${peer} #${trial + 1}: ${fmt(rate(row.result))} msg/s`);
              } catch (err) {
                row.error = (err as Error).message;
                log(`${env.name} ${size}B acks=${acks} ${peer} #${trial + 1}: FAILED ${row.error}`);
              }
              await env.dropTopic(topic);
              trials.set(peer, [...(trials.get(peer) ?? []), row]);
            }
          }
          const cTrials = trials.get('c') ?? [];
          for (const list of trials.values()) {
            const row = { ...medianRow(list) };
            const perRound = list
              .map((t, i) => (t.result && cTrials[i]?.result ? rate(t.result) / rate(cTrials[i].result!) : undefined))
              .filter((x): x is number => x !== undefined)
              .sort((a, b) => a - b);
            if (perRound.length > 0) row.ratio = perRound[(perRound.length - 1) >> 1];
            rows.push(row);
          }
        }
      }
    }
    const mock = envs.find((e) => e.name === 'mock');
    if (mock) {
      const topic = `bench-rss-${Date.now().toString(36)}`;
      await mock.createTopic(topic);
      const messages = QUICK ? 2_000_000 : 10_000_000;
      rss = await runPeer({ peer: 'ours-sendBatch', kind: 'rss', bootstrap: mock.bootstrap, topic, messages, size: 100, acks: 1, lingerMs: 5 });
      log(`rss: ${JSON.stringify(rss.rss)}`);
    }
  } finally {
    for (const env of envs) await env.cleanup().catch(() => undefined);
  }

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const librdkafka = (require('node-rdkafka') as { librdkafkaVersion: string }).librdkafkaVersion;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const envNames = envs.map((e) => e.name);
  fs.writeFileSync(path.join(ROOT, 'bench', 'throughput.svg'), chart(rows, envNames));

  const md: string[] = [];
  md.push('# Producer benchmarks', '');
  md.push(`Written by \`npm run bench\`${QUICK ? ' (`--quick`: a fifth of the messages)' : ''} on ${new Date().toISOString().slice(0, 10)}; every number below comes from that one run.`, '');
  md.push(`Machine: ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 1073741824, 0)} GiB RAM, Node ${process.version}, librdkafka ${librdkafka} (node-rdkafka's build, shared by simple-kafka, node-rdkafka and the C baseline${python ? '; confluent-kafka-python brings its own' : ''}). The machine is shared with other work while the benchmark runs (1-minute load average ${loadAtStart.toFixed(1)} at the start of this run, ${os.loadavg()[0].toFixed(1)} at its end, on ${os.cpus().length} cores): absolute figures move between runs; the ratios within one column are the comparison.`, '');
  md.push(`Each peer runs in its own process and produces values of the given size (no key) to a fresh topic with 3 partitions, \`linger.ms\` 5; time runs from the first produce to the last acknowledgement. Each cell is the median of ${TRIALS} trial${TRIALS === 1 ? '' : 's'}, run round-robin over the peers (the machine is shared; with the real brokers on the same two cores single trials vary by a quarter or more). Ratios are to the C producer: for each round of trials the peer's rate over C's in that round, and the median of those (the real brokers' pace drifts between rounds by up to half; within a round every peer meets about the same pace).`, '');
  md.push('![throughput chart](bench/throughput.svg)', '');
  for (const env of envs) {
    md.push(`## ${env.name === 'mock' ? 'Embedded cluster' : 'Real cluster'}`, '', env.title, '', throughputTable(rows, env.name), '');
    const cpu = cpuTable(rows, env.name);
    if (cpu !== undefined) {
      md.push(
        'CPU time per message of each client process during its timed run (all its threads: the client and librdkafka; the brokers not counted), from the same trials. It depends little on how busy the brokers are, so it is the steadier comparison of what each client costs:',
        '',
        cpu,
        '',
      );
    }
  }
  if (!platformaticAvailable) md.push('@platformatic/kafka: not installed, not measured.', '');
  else md.push('@platformatic/kafka: real cluster only — it requires ApiVersions v3, which the embedded cluster does not serve.', '');
  if (python === undefined) md.push('confluent-kafka-python: not measured (no `.cache/registry-venv` with confluent-kafka; `scripts/python/setup-registry-venv.sh` builds it).', '');
  else md.push(`confluent-kafka-python: ${python.version} from PyPI, in the venv of \`scripts/python/setup-registry-venv.sh\`; \`produce()\` with a delivery callback, \`poll(0)\` every 1024 messages.`, '');

  md.push('## Latency of `send()` at a fixed 1 000 msg/s', '', `100-byte values, \`acks=all\`, \`linger.ms\` 1, one message per millisecond on a schedule, after 50 acknowledged warm-up messages, measured before the throughput runs (which leave the real brokers writing back and deleting gigabytes for minutes), after warming the real brokers with the C producer, each run started once short probes show the cluster idle; latency from the call to the acknowledgement. The embedded cluster shows the clients' own latency; on the real cluster the tail (p99, max) is set by broker pauses (three JVM brokers replicating with \`acks=all\` on this machine's ${os.cpus().length} cores, shared with other work) and every client sees it alike.`, '');
  md.push('| cluster | client | p50 | p99 | max | broker round trip p99 / max · client queue p99 |', '|---|---|---|---|---|---|');
  for (const l of latency) {
    const r = l.result?.latencyMs;
    const st = l.result?.statsMs;
    const broker = st ? `${st.rttP99.toFixed(2)} ms / ${st.rttMax.toFixed(2)} ms · ${st.queueP99.toFixed(2)} ms` : '—';
    md.push(`| ${l.env} | ${LATENCY_LABEL[l.peer] ?? LABEL[l.peer]} | ${r ? `${r.p50.toFixed(2)} ms` : `failed: ${l.error?.slice(0, 60)}`} | ${r ? `${r.p99.toFixed(2)} ms` : ''} | ${r ? `${r.max.toFixed(2)} ms` : ''} | ${broker} |`);
  }
  md.push('', 'The last column is librdkafka\'s own statistics during the simple-kafka run (`statistics.interval.ms` 1000; the worst broker in the worst 1-second window): `rtt`, from a ProduceRequest leaving the client to its response — the broker\'s share, which with `acks=all` includes replication to the followers — and `int_latency`, how long messages waited in the client before a request carried them. When the round trip p99 is close to the `send()` p99, the tail is the broker\'s.', '');
  if (rss?.rss) {
    md.push('## Memory', '', `simple-kafka \`sendBatch()\`, 100-byte values, embedded cluster, RSS after a forced GC:`, '');
    md.push('| messages sent | RSS |', '|---|---|');
    for (const r of rss.rss) md.push(`| ${fmt(r.messages)} | ${r.rssMb} MB |`);
    md.push('');
  }

  md.push('## Targets', '');
  for (const env of envs) {
    const rowAt = (peer: Peer): Row | undefined => rows.find((x) => x.env === env.name && x.peer === peer && x.size === 100 && x.acks === 1);
    const cRow = rowAt('c')?.result;
    const cRate = cRow ? rate(cRow) : undefined;
    // Each peer as its ratio to C (per-round median; see the tables), C as 1.
    const at = (peer: Peer): number | undefined => {
      const row = rowAt(peer);
      if (!row?.result || cRate === undefined) return undefined;
      return peer === 'c' ? 1 : (row.ratio ?? rate(row.result) / cRate);
    };
    const c = at('c');
    const batch = at('ours-sendBatch');
    const send = at('ours-send');
    const others = (['node-rdkafka', 'kafkajs', 'platformatic'] as Peer[]).map(at).filter((x): x is number => x !== undefined);
    if (c && batch && send) {
      const best = Math.max(0, ...others);
      const py = at('python');
      const pyNote = py !== undefined ? ` confluent-kafka-python ${(py / c).toFixed(2)}× C.` : '';
      md.push(`- ${env.name}: sendBatch ${(batch / c).toFixed(2)}× C (target ≥ 0.8), pipelined send() ${(send / c).toFixed(2)}× C (target ≥ 0.5); best other Node client ${(best / c).toFixed(2)}× C — sendBatch ${(batch / best).toFixed(1)}× and send() ${(send / best).toFixed(1)}× that.${pyNote}`);
    }
    const produce = at('ours-produce');
    const pyRate = at('python');
    if (c && produce !== undefined && pyRate !== undefined) {
      md.push(`- ${env.name}: Python-style produce() + poll() ${(produce / c).toFixed(2)}× C, confluent-kafka-python's same loop ${(pyRate / c).toFixed(2)}× C (${(produce / pyRate).toFixed(2)}× Python).`);
    }
    const cpuAt = (peer: Peer): number | undefined => {
      const r = rows.find((x) => x.env === env.name && x.peer === peer && x.size === 100 && x.acks === 1)?.result;
      return r?.cpuUs !== undefined && r.messages > 0 ? r.cpuUs / r.messages : undefined;
    };
    const cCpu = cpuAt('c');
    if (cCpu !== undefined) {
      const parts = PEERS.filter((p) => p !== 'c')
        .map((p) => [LABEL[p].split(' ')[0] === 'simple-kafka' ? LABEL[p].replace('simple-kafka ', '') : LABEL[p].split(' ')[0], cpuAt(p)] as const)
        .filter((x): x is readonly [string, number] => x[1] !== undefined)
        .map(([name, v]) => `${name} ${(v / cCpu).toFixed(1)}×`);
      md.push(`- ${env.name}: CPU per message at 100 B, acks=1, as a multiple of C's (${cCpu.toFixed(2)} µs): ${parts.join(', ')}.`);
    }
    // Only where the clients are CPU-bound in this process set (the embedded cluster); a real cluster's C figure is the brokers' pace.
    if (cRate && floor && env.name === 'mock') {
      md.push(`- ${env.name}: the pipelined send() loop over a stand-in that only creates and resolves one Promise per message (no Kafka, same window of 20 000) runs at ${fmt(rate(floor))} msg/s = ${(rate(floor) / cRate).toFixed(2)}× this C figure: the ceiling of any promise-per-message API in this process; V8's young-generation GC of the outstanding promises is most of it.`);
    }
    const lat = latency.find((l) => l.env === env.name && l.peer === 'ours-send')?.result?.latencyMs;
    if (lat) md.push(`- ${env.name}: send() p99 ${lat.p99.toFixed(2)} ms at 1 000 msg/s (target ≤ 5 ms).`);
  }
  if (rss?.rss && rss.rss.length >= 2) {
    const first = rss.rss[0];
    const last = rss.rss[rss.rss.length - 1];
    md.push(`- RSS after ${fmt(last.messages)} messages is ${last.rssMb - first.rssMb >= 0 ? '+' : ''}${last.rssMb - first.rssMb} MB vs after ${fmt(first.messages)} (target: within 50 MB).`);
  }
  md.push('', 'Reproduce: `npm run bench` (the real cluster is included when `npm run kafka:up` has started it; `npm run bench -- --quick` for a shorter run, `--only=mock` / `--only=kafka` for one cluster).', '');
  // The producer section is ours to rewrite; later top-level sections (consumer, registry,
  // serde) come from other benchmarks and are kept as they are.
  const file = path.join(ROOT, 'BENCHMARKS.md');
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const others = previous.indexOf('\n# ');
  fs.writeFileSync(file, md.join('\n') + (others >= 0 ? previous.slice(others) : ''));
  log('wrote BENCHMARKS.md (producer section) and bench/throughput.svg');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
