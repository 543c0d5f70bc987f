/**
 * The kafka tier's view of the real cluster started by `scripts/kafka/up`.
 *
 * `describeKafka(name, fn)` registers `fn`'s tests when the cluster described by
 * `.kafka-run/cluster.json` (or the file named by `SK_KAFKA_ENV`) answers a metadata request.
 * Otherwise the tests are skipped with one clear line on stderr, or — with
 * `SK_REQUIRE_KAFKA=1`, as in CI — they fail, naming the reason.
 *
 * @remarks The availability probe runs synchronously at module load (Jest collects `describe`
 * blocks synchronously) in a child Node process, once per test file, in well under a second
 * when the cluster runs and at most {@link PROBE_TIMEOUT_MS} when it does not.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One listener's bootstrap string (all three nodes). */
export interface KafkaListener {
  bootstrap: string;
}

/** Shape of `.kafka-run/cluster.json` as written by `scripts/kafka/up`. */
export interface KafkaCluster {
  version: string;
  clusterId: string;
  brokers: number;
  runDir: string;
  nodes: { id: number; plaintext: number; saslPlaintext: number; ssl: number; saslSsl: number; controller: number }[];
  plaintext: KafkaListener;
  saslPlaintext: KafkaListener & { mechanisms: string[] };
  ssl: KafkaListener & { clientAuth: string };
  saslSsl: KafkaListener & { mechanisms: string[] };
  users: {
    admin: { password: string; superUser: boolean };
    alice: { password: string; superUser: boolean; topicPrefix: string; groupPrefix: string };
  };
  tls: { ca: string; clientCert: string; clientKey: string; clientPrincipal: string };
  oauthbearer: { principal: string };
  superUsers: string[];
  startedAt: string;
  startSeconds: number;
}

/** How long the probe waits for a metadata answer before declaring the cluster absent. */
export const PROBE_TIMEOUT_MS = 5000;

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Path of the cluster description: `$SK_KAFKA_ENV` or `<repo>/.kafka-run/cluster.json`. */
export function clusterFile(): string {
  const override = process.env.SK_KAFKA_ENV;
  return override ? path.resolve(override) : path.join(REPO_ROOT, '.kafka-run', 'cluster.json');
}

/** Parses cluster.json, or a cluster.env (KEY=value lines) written by the same script. */
export function parseClusterFile(text: string): KafkaCluster {
  if (text.trimStart().startsWith('{')) return JSON.parse(text) as KafkaCluster;
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  const need = (k: string): string => {
    const v = env[k];
    if (v === undefined) throw new Error(`${k} missing`);
    return v;
  };
  const mechanisms = need('SK_KAFKA_SASL_MECHANISMS').split(',');
  const prefix = need('SK_KAFKA_ALICE_PREFIX');
  return {
    version: need('SK_KAFKA_VERSION'),
    clusterId: need('SK_KAFKA_CLUSTER_ID'),
    brokers: Number(need('SK_KAFKA_BROKERS')),
    runDir: need('SK_KAFKA_RUN_DIR'),
    nodes: [],
    plaintext: { bootstrap: need('SK_KAFKA_PLAINTEXT_BOOTSTRAP') },
    saslPlaintext: { bootstrap: need('SK_KAFKA_SASL_PLAINTEXT_BOOTSTRAP'), mechanisms },
    ssl: { bootstrap: need('SK_KAFKA_SSL_BOOTSTRAP'), clientAuth: 'required' },
    saslSsl: { bootstrap: need('SK_KAFKA_SASL_SSL_BOOTSTRAP'), mechanisms },
    users: {
      admin: { password: need('SK_KAFKA_ADMIN_PASSWORD'), superUser: true },
      alice: { password: need('SK_KAFKA_ALICE_PASSWORD'), superUser: false, topicPrefix: prefix, groupPrefix: prefix },
    },
    tls: {
      ca: need('SK_KAFKA_TLS_CA'),
      clientCert: need('SK_KAFKA_TLS_CLIENT_CERT'),
      clientKey: need('SK_KAFKA_TLS_CLIENT_KEY'),
      clientPrincipal: need('SK_KAFKA_TLS_CLIENT_PRINCIPAL'),
    },
    oauthbearer: { principal: need('SK_KAFKA_OAUTHBEARER_PRINCIPAL') },
    superUsers: [],
    startedAt: need('SK_KAFKA_STARTED_AT'),
    startSeconds: Number(need('SK_KAFKA_START_SECONDS')),
  };
}

type Availability = { ok: true; cluster: KafkaCluster } | { ok: false; reason: string };

// Child process: one metadata request over PLAINTEXT; prints the broker count.
const PROBE = `
const net = require('net');
const [rdkafka, bootstrap, timeoutMs] = process.argv.slice(1);
const addrs = bootstrap.split(',').map((a) => { const i = a.lastIndexOf(':'); return [a.slice(0, i), Number(a.slice(i + 1))]; });
// Fail fast when nothing listens at all (librdkafka would retry until the timeout).
let refused = 0, started = false;
for (const [host, port] of addrs) {
  const s = net.connect({ host, port, timeout: 1000 }, () => { s.destroy(); metadata(); });
  s.on('error', () => { if (++refused === addrs.length) { console.error('nothing listens'); process.exit(1); } });
  s.on('timeout', () => s.destroy());
}
function metadata() {
  if (started) return;
  started = true;
  const Kafka = require(rdkafka);
  const p = new Kafka.Producer({ 'metadata.broker.list': bootstrap, 'socket.timeout.ms': 3000 });
  const timer = setTimeout(() => { console.error('no metadata answer'); process.exit(1); }, Number(timeoutMs));
  p.connect({ timeout: Number(timeoutMs) }, (err, md) => {
    if (err) { console.error(err.message); process.exit(1); }
    clearTimeout(timer);
    console.log(md.brokers.length);
    p.disconnect(() => process.exit(0));
  });
}`;

function probe(): Availability {
  const file = clusterFile();
  if (!fs.existsSync(file)) return { ok: false, reason: `no cluster at ${file}` };
  let cluster: KafkaCluster;
  try {
    cluster = parseClusterFile(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, reason: `cannot read ${file}: ${(e as Error).message}` };
  }
  let rdkafka: string;
  try {
    rdkafka = require.resolve('node-rdkafka');
  } catch {
    return { ok: false, reason: 'node-rdkafka is not installed' };
  }
  const r = spawnSync(process.execPath, ['-e', PROBE, rdkafka, cluster.plaintext.bootstrap, String(PROBE_TIMEOUT_MS)], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS + 3000,
  });
  if (r.status !== 0) {
    const why = (r.stderr || '').trim().split('\n').pop() || r.error?.message || `exit ${r.status}`;
    return { ok: false, reason: `cluster in ${file} does not answer metadata at ${cluster.plaintext.bootstrap} (${why})` };
  }
  return { ok: true, cluster };
}

let availability: Availability | undefined;

/** Whether the cluster is there (probed once per test file). */
export function kafkaAvailability(): Availability {
  availability ??= probe();
  return availability;
}

/** The cluster description, or throws with the reason it is unavailable. */
export function kafkaCluster(): KafkaCluster {
  const a = kafkaAvailability();
  if (!a.ok) throw new Error(`kafka tier: ${a.reason}; run npm run kafka:up`);
  return a.cluster;
}

/** Print the skip notice once per Jest run, not once per test file or worker. */
function warnSkippedOnce(message: string): void {
  // Jest workers are forked children (IPC channel) of the Jest process; in-band runs are it.
  const runner = process.send ? process.ppid : process.pid;
  let started = '';
  try {
    started = fs.readFileSync(`/proc/${runner}/stat`, 'utf8').split(' ')[21] ?? '';
  } catch {
    // Not Linux: fall back to the pid alone.
  }
  const marker = path.join(os.tmpdir(), `sk-kafka-tier-skipped-${runner}-${started}`);
  try {
    fs.writeFileSync(marker, message, { flag: 'wx' });
  } catch {
    return; // another file in this run already said it
  }
  process.stderr.write(`\n${message}\n\n`);
}

// Shape-correct stand-in handed to skipped suites so describe-time property reads do not throw.
const PLACEHOLDER: KafkaCluster = parseClusterFile(
  [
    'SK_KAFKA_VERSION=', 'SK_KAFKA_CLUSTER_ID=', 'SK_KAFKA_BROKERS=0', 'SK_KAFKA_RUN_DIR=',
    'SK_KAFKA_PLAINTEXT_BOOTSTRAP=', 'SK_KAFKA_SASL_PLAINTEXT_BOOTSTRAP=', 'SK_KAFKA_SSL_BOOTSTRAP=',
    'SK_KAFKA_SASL_SSL_BOOTSTRAP=', 'SK_KAFKA_SASL_MECHANISMS=', 'SK_KAFKA_ADMIN_PASSWORD=',
    'SK_KAFKA_ALICE_PASSWORD=', 'SK_KAFKA_ALICE_PREFIX=alice-', 'SK_KAFKA_TLS_CA=', 'SK_KAFKA_TLS_CLIENT_CERT=',
    'SK_KAFKA_TLS_CLIENT_KEY=', 'SK_KAFKA_TLS_CLIENT_PRINCIPAL=', 'SK_KAFKA_OAUTHBEARER_PRINCIPAL=',
    'SK_KAFKA_STARTED_AT=', 'SK_KAFKA_START_SECONDS=0',
  ].join('\n'),
);

/**
 * `describe` for tests that need the real cluster. `fn` receives the cluster description.
 * Absent cluster: skipped with a notice, or a failing test when `SK_REQUIRE_KAFKA=1`.
 */
export function describeKafka(name: string, fn: (cluster: KafkaCluster) => void): void {
  const a = kafkaAvailability();
  if (a.ok) {
    describe(name, () => fn(a.cluster));
    return;
  }
  if (process.env.SK_REQUIRE_KAFKA === '1') {
    describe(name, () => {
      test('needs the real Kafka cluster', () => {
        throw new Error(`SK_REQUIRE_KAFKA=1 but ${a.reason}. Start it with: npm run kafka:up`);
      });
    });
    return;
  }
  warnSkippedOnce(`kafka tier skipped: ${a.reason}; run npm run kafka:up (SK_REQUIRE_KAFKA=1 makes this a failure)`);
  describe.skip(name, () => fn(PLACEHOLDER));
}

/** A name unique to this run, for topics and groups: `<prefix><n>-<time>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
