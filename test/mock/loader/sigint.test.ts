/**
 * The real command, spawned: SIGINT mid-load stops reading, waits for the
 * records in flight, writes the checkpoint and the summary, and exits 1;
 * --resume then loads the rest with no duplicates.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MockCluster } from '../../../src/testing/mock-cluster';
import { readCheckpoint } from '../../../src/loader/checkpoint';
import { consumeAll, uniqueTopic } from '../producer/consume';

jest.setTimeout(120_000);

const REPO = path.resolve(__dirname, '..', '..', '..');
const REGISTER = path.join(REPO, 'test', 'kafka', 'consumer', 'ts-register.js');
const CLI = path.join(REPO, 'src', 'cli', 'main.ts');

let cluster: MockCluster;
let dir: string;
beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-sigint-'));
});
afterAll(async () => {
  await cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', REGISTER, CLI, 'load', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, (s) => child.kill(s));
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

it('SIGINT: what was read is acknowledged and checkpointed, exit 1; --resume completes without duplicates', async () => {
  const topic = uniqueTopic('load-sigint');
  cluster.createTopic(topic, 2);
  const lines = Array.from({ length: 30_000 }, (_, i) => `k${i % 11};v${i}`);
  const input = path.join(dir, 'in.csv');
  fs.writeFileSync(input, lines.join('\n') + '\n');
  const cp = path.join(dir, 'in.checkpoint');
  const common = [input, '--topic', topic, '--bootstrap', cluster.bootstrapServers, '--checkpoint', cp, '--json'];
  let signalled = false;
  const first = await run([...common, '--rate-limit', '5000', '--chunk-bytes', '2048', '--progress', 'plain', '--progress-interval', '200'], (text, kill) => {
    // Interrupt once the first progress line shows acknowledged records.
    if (!signalled && /simple-kafka load: .*[1-9][0-9,]* acked/.test(text)) {
      signalled = true;
      kill('SIGINT');
    }
  });
  expect(signalled).toBe(true);
  expect(first.code).toBe(1);
  expect(first.stderr).toContain('stopping: waiting for the records in flight');
  const s1 = JSON.parse(first.stdout) as { ok: boolean; read: number; acknowledged: number; error: string };
  expect(s1.ok).toBe(false);
  expect(s1.error).toMatch(/^interrupted/);
  expect(s1.read).toBeGreaterThan(0);
  expect(s1.read).toBeLessThan(30_000);
  expect(s1.acknowledged).toBe(s1.read);
  expect(readCheckpoint(cp)!.inputs[0].records).toBe(s1.read);

  const second = await run([...common, '--resume', '--progress', 'none']);
  expect(second.code).toBe(0);
  expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, read: 30_000 - s1.read, resumedRecords: s1.read });
  const got = await consumeAll(cluster.bootstrapServers, topic, { expected: 30_000, partitions: 2, settleMs: 500 });
  expect(got.map((m) => `${m.key};${m.value}`).sort()).toEqual([...lines].sort());
});
