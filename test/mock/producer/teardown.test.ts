/**
 * The native producer when its environment goes away with messages in flight:
 * a worker thread terminated (the addon is unloaded afterwards) and
 * process.exit(). Runs in child processes: a crash is an exit status, not a
 * dead test runner.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const RDKAFKA = require.resolve('node-rdkafka');
const ADDON = path.join(ROOT, 'build', 'Release', 'simple_kafka.node');

// Uses the addon directly (no TypeScript in the child): a producer with
// messages lingering, then the environment is torn down.
const SETUP = `
require(${JSON.stringify(RDKAFKA)});
const addon = require(${JSON.stringify(ADDON)});
async function produceAndLinger(closeFirst) {
  const cluster = new addon.MockCluster();
  await cluster.start(1);
  cluster.createTopic('t', 1, 1);
  let reports = 0;
  const p = new addon.Producer({ 'bootstrap.servers': cluster.bootstraps(), 'linger.ms': '60000', 'log_level': '0' }, (r) => (reports += r.length / 7), () => {}, {});
  p.produceBatch('t', 1, ['a', 'b', Buffer.from('c')], null, -1, null, null);
  if (closeFirst) {
    p.purge(3);
    await p.close();
    const q = new addon.Producer({ 'bootstrap.servers': cluster.bootstraps(), 'log_level': '0' }, () => {}, () => {}, {});
    q.produceBatch('t', 1, ['d'], null, -1, null, null);
  }
  return p.inFlight();
}
`;

// Generous: under a loaded CI machine (three brokers and other test workers on
// two cores) a child once needed more than 30 s. A hang still fails.
const CHILD_TIMEOUT_MS = 60_000;

interface ChildResult {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** How long the child ran (a hang shows as the timeout). */
  ms: number;
}

function run(script: string, setupInMain = true, nodeFlags: string[] = []): ChildResult {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [...nodeFlags, '-e', (setupInMain ? SETUP : '') + script], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr.slice(-2000), ms: Date.now() - t0 };
}

/** Exit status 0, no signal, and each line in stdout; on failure the whole child result is shown. */
function expectClean(r: ChildResult, ...lines: string[]): void {
  const missing = lines.filter((l) => !r.stdout.includes(l));
  expect({ status: r.status, signal: r.signal, missing, stdout: r.stdout, stderr: r.stderr, ms: r.ms }).toEqual({
    status: 0,
    signal: null,
    missing: [],
    stdout: expect.any(String),
    stderr: expect.any(String),
    ms: expect.any(Number),
  });
}

test.each([
  ['with messages in flight', 'false'],
  ['right after closing one producer and starting another', 'true'],
])('terminating a worker %s exits cleanly', (_name, closeFirst) => {
  const r = run(`
const { Worker } = require('worker_threads');
const w = new Worker(SETUP_CODE + 'produceAndLinger(${closeFirst}).then((n) => require("worker_threads").parentPort.postMessage(n));', { eval: true });
w.on('message', (n) => { console.log('in flight: ' + n); w.terminate().then(() => console.log('terminated')); });
w.on('error', (e) => { console.log('worker error ' + e.message); process.exit(3); });
`.replace('SETUP_CODE', JSON.stringify(SETUP)),
    // node-rdkafka is not context-aware: only the worker loads the addons.
    false,
  );
  expectClean(r, 'terminated', closeFirst === 'true' ? 'in flight: 0' : 'in flight: 3');
}, CHILD_TIMEOUT_MS + 10_000);

test('process.exit() with messages in flight exits cleanly', () => {
  const r = run(`produceAndLinger(false).then((n) => { console.log('in flight: ' + n); process.exit(0); });`);
  expectClean(r, 'in flight: 3');
}, CHILD_TIMEOUT_MS + 10_000);

test('a process whose producer has messages in flight stays alive until they are delivered, then exits on its own', () => {
  const r = run(`
(async () => {
  const cluster = new addon.MockCluster();
  await cluster.start(1);
  cluster.createTopic('t', 1, 1);
  let reports = 0;
  const p = new addon.Producer({ 'bootstrap.servers': cluster.bootstraps(), 'linger.ms': '200' }, (r) => { reports += r.length / 7; if (reports === 2) console.log('delivered 2'); }, () => {}, {});
  p.produceBatch('t', 7, ['x', 'y'], null, -1, null, null);
  // No timers, no awaits: only the producer keeps the loop alive now.
})();
process.on('exit', () => console.log('exiting'));
`);
  // The whole result on failure: which step (delivery, or exit after it) did not happen.
  expectClean(r, 'delivered 2', 'exiting');
}, CHILD_TIMEOUT_MS + 10_000);

test('a started mock cluster keeps serving its clients after its last reference is dropped and GC runs', () => {
  // The cluster is a local of a finished function; a full GC runs before the
  // linger ends. Only stop() (or process exit) stops a started cluster.
  const r = run(`
(async () => {
  let cluster = new addon.MockCluster();
  await cluster.start(1);
  cluster.createTopic('t', 1, 1);
  let reports = 0;
  const p = new addon.Producer({ 'bootstrap.servers': cluster.bootstraps(), 'linger.ms': '300', 'log_level': '0' }, (r) => {
    for (let i = 0; i < r.length; i += 7) { reports++; console.log('report err ' + r[i + 2]); }
    if (reports === 2) console.log('delivered 2');
  }, () => {}, {});
  cluster = null;
  p.produceBatch('t', 7, ['x', 'y'], null, -1, null, null);
})();
setTimeout(() => { globalThis.gc(); console.log('collected'); }, 50);
process.on('exit', () => console.log('exiting'));
`, true, ['--expose-gc']);
  expectClean(r, 'collected', 'delivered 2', 'exiting');
  expect(r.stdout).not.toMatch(/report err [1-9-]/);
}, CHILD_TIMEOUT_MS + 10_000);
