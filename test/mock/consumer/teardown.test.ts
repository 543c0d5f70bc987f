/**
 * The native consumer when its environment goes away with a fetch in flight and the consumer
 * never closed: a worker thread terminated (the addon is unloaded afterwards) and process.exit().
 * Runs in child processes: a crash is an exit status, not a dead test runner.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const RDKAFKA = require.resolve('node-rdkafka');
const ADDON = path.join(ROOT, 'build', 'Release', 'simple_kafka.node');

// Uses the addon directly (no TypeScript in the child): consumers reading, a long consume and a
// broker query in flight, none closed.
const SETUP = `
require(${JSON.stringify(RDKAFKA)});
const addon = require(${JSON.stringify(ADDON)});
async function consumeAndLeave() {
  const cluster = new addon.MockCluster();
  await cluster.start(1);
  cluster.createTopic('t', 2, 1);
  const conf = { 'bootstrap.servers': cluster.bootstraps(), 'auto.offset.reset': 'earliest', 'log_level': '0' };
  const a = new addon.Consumer({ ...conf, 'group.id': 'ga' });
  a.subscribe(['t']);
  const b = new addon.Consumer({ ...conf, 'group.id': 'gb' });
  b.assign([{ topic: 't', partition: 0, offset: -2 }]);
  let fetched = 0;
  const loop = (c) => c.consume(100, 500, true, () => { fetched++; loop(c); });
  loop(a);
  loop(b);
  void b.committed([{ topic: 't', partition: 0 }], 30000).catch(() => {});
  await new Promise((r) => setTimeout(r, 500));
  return fetched;
}
`;

const CHILD_TIMEOUT_MS = 60_000;

function run(script: string, setupInMain = true): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['-e', (setupInMain ? SETUP : '') + script], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test('terminating a worker whose consumers are reading exits cleanly', () => {
  const r = run(
    `
const { Worker } = require('worker_threads');
const w = new Worker(SETUP_CODE + 'consumeAndLeave().then((n) => require("worker_threads").parentPort.postMessage(n));', { eval: true });
w.on('message', () => { console.log('reading'); w.terminate().then(() => console.log('terminated')); });
w.on('error', (e) => { console.log('worker error ' + e.message); process.exit(3); });
`.replace('SETUP_CODE', JSON.stringify(SETUP)),
    // node-rdkafka is not context-aware: only the worker loads the addons.
    false,
  );
  expect(r.signal).toBeNull();
  expect(r.stdout).toContain('reading');
  expect(r.stdout).toContain('terminated');
  expect(r.status).toBe(0);
}, CHILD_TIMEOUT_MS + 10_000);

test('process.exit() while consumers are reading exits cleanly', () => {
  const r = run(`consumeAndLeave().then(() => { console.log('reading'); process.exit(0); });`);
  expect(r.signal).toBeNull();
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('reading');
}, CHILD_TIMEOUT_MS + 10_000);
