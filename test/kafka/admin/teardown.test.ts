/**
 * The native Admin handle when its environment goes away with requests in flight (a worker
 * thread terminated, process.exit()), and what keeps a process alive. Runs in child processes
 * on the real cluster: a crash is an exit status, not a dead test runner.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { describeKafka } from '../cluster';

const ROOT = path.join(__dirname, '..', '..', '..');
const RDKAFKA = require.resolve('node-rdkafka');
const ADDON = path.join(ROOT, 'build', 'Release', 'simple_kafka.node');
const CHILD_TIMEOUT_MS = 60_000;

describeKafka('native Admin teardown', (cluster) => {
  // Uses the addon directly (no TypeScript in the child).
  const SETUP = `
require(${JSON.stringify(RDKAFKA)});
const addon = require(${JSON.stringify(ADDON)});
const conf = { 'bootstrap.servers': ${JSON.stringify(cluster.plaintext.bootstrap)} };
function newAdmin() { return new addon.Admin(conf, () => {}, { oauth: false }); }
function startRequests(a) {
  const ps = [];
  for (let i = 0; i < 5; i++) {
    ps.push(a.describeCluster(false, 20000), a.listGroups(null, 20000), a.describeConfigs([{ type: 4, name: '1' }], 20000));
  }
  return ps;
}
`;

  function run(script: string, setupInMain = true): { status: number | null; signal: string | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ['-e', (setupInMain ? SETUP : '') + script], { encoding: 'utf8', timeout: CHILD_TIMEOUT_MS });
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  }

  test('terminating a worker thread with requests in flight exits cleanly', () => {
    const r = run(
      `
const { Worker } = require('worker_threads');
const w = new Worker(SETUP_CODE + 'const a = newAdmin(); const ps = startRequests(a); require("worker_threads").parentPort.postMessage(a.inFlight());', { eval: true });
w.on('message', (n) => { console.log('in flight: ' + n); w.terminate().then(() => console.log('terminated')); });
w.on('error', (e) => { console.log('worker error ' + e.message); process.exit(3); });
`.replace('SETUP_CODE', JSON.stringify(SETUP)),
      false,
    );
    expect(r.signal).toBeNull();
    expect(r.stdout).toContain('in flight: 15');
    expect(r.stdout).toContain('terminated');
    expect(r.status).toBe(0);
  }, CHILD_TIMEOUT_MS + 10_000);

  test('process.exit() with requests in flight, and with a close under way, exits cleanly', () => {
    const inFlight = run(`const a = newAdmin(); startRequests(a); console.log('in flight: ' + a.inFlight()); process.exit(0);`);
    expect(inFlight.signal).toBeNull();
    expect(inFlight.status).toBe(0);
    expect(inFlight.stdout).toContain('in flight: 15');
    const closing = run(`const a = newAdmin(); startRequests(a); a.close(); setTimeout(() => process.exit(0), 5);`);
    expect(closing.signal).toBeNull();
    expect(closing.status).toBe(0);
  }, 2 * CHILD_TIMEOUT_MS + 10_000);

  test('requests in flight keep the process alive until they are answered; an idle handle does not', () => {
    const r = run(`
const a = newAdmin();
a.describeCluster(false, 20000).then((res) => console.log('cluster ' + res.clusterId + ' brokers ' + res.nodes.length));
// No timers, no awaits: only the request keeps the loop alive; afterwards the idle, never
// closed handle must not, and is destroyed at exit.
`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`cluster ${cluster.clusterId} brokers 3`);
  }, CHILD_TIMEOUT_MS + 10_000);

  test('close() with requests in flight: every request settles with its answer, then the handle goes', () => {
    const r = run(`
const a = newAdmin();
const ps = startRequests(a);
a.close().then(() => console.log('closed, in flight ' + a.inFlight()));
Promise.allSettled(ps).then((s) => console.log('settled ' + s.filter((x) => x.status === 'fulfilled' && x.value.error === null).length + '/' + s.length));
try { a.describeCluster(false, 1000); } catch (e) { console.log('after close: ' + e.code); } // refused at once
`);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('after close: ERR_STATE');
    expect(r.stdout).toContain('settled 15/15');
    expect(r.stdout).toContain('closed, in flight 0');
    expect(r.stdout.indexOf('settled')).toBeLessThan(r.stdout.indexOf('closed'));
  }, CHILD_TIMEOUT_MS + 10_000);
});
