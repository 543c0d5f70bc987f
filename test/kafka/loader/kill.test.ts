/**
 * The loader survives `kill -9` on the real 3-node cluster: the CLI is
 * spawned loading 200 000 numbered lines, SIGKILLed once its checkpoint shows
 * progress, then rerun with --resume. Consumed back: every line at least once
 * (at-least-once), and exactly once with --exactly-once read through
 * read_committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';
import { consumeAll } from '../../mock/producer/consume';

jest.setTimeout(240_000);

const REPO = path.resolve(__dirname, '..', '..', '..');
const REGISTER = path.join(REPO, 'test', 'kafka', 'consumer', 'ts-register.js');
const CLI = path.join(REPO, 'src', 'cli', 'main.ts');
const LINES = 200_000;

function cli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, CLI, 'load', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout })));
}

/** Resolves when the checkpoint shows at least `lines` acknowledged lines (and the load is not finished). */
async function checkpointReaches(file: string, lines: number, child: ChildProcess, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the load exited (code ${child.exitCode}) before it could be killed`);
    try {
      const cp = JSON.parse(fs.readFileSync(file, 'utf8')) as { inputs: Array<{ line: number; done: boolean }> };
      if (cp.inputs[0].done) throw new Error('the load finished before it could be killed');
      if (cp.inputs[0].line >= lines) return cp.inputs[0].line;
    } catch (err) {
      if (!(err instanceof SyntaxError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`checkpoint ${file} did not reach ${lines} lines in ${timeoutMs} ms`);
}

describeKafka('simple-kafka load survives kill -9 (real cluster)', (cluster: KafkaCluster) => {
  const topics: string[] = [];
  let dir: string;
  let input: string;
  const env = { SK_BOOTSTRAP_SERVERS: cluster.plaintext.bootstrap };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-kill-'));
    input = path.join(dir, 'numbered.csv');
    const lines: string[] = [];
    for (let i = 0; i < LINES; i++) lines.push(`key-${i % 1000};line-${i}`);
    fs.writeFileSync(input, lines.join('\n') + '\n');
  });
  afterAll(async () => {
    await deleteTopics(cluster, topics);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function topic(prefix: string): Promise<string> {
    const name = uniqueName(prefix);
    await createTopic(cluster, name, 3, 3);
    topics.push(name);
    return name;
  }

  async function killThenResume(t: string, checkpoint: string, extra: string[]): Promise<{ killedAt: number; resumed: { code: number | null; stderr: string; stdout: string } }> {
    // Throttled so that the kill lands mid-load on any machine.
    const first = cli([input, '--topic', t, '--checkpoint', checkpoint, '--chunk-bytes', '32768', '--rate-limit', '40000', '--progress', 'plain', ...extra], env);
    const firstDone = exited(first);
    const killedAt = await checkpointReaches(checkpoint, 20_000, first, 120_000);
    first.kill('SIGKILL');
    const killed = await firstDone;
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await exited(cli([input, '--topic', t, '--checkpoint', checkpoint, '--resume', '--json', '--progress', 'none', ...extra], env));
    return { killedAt, resumed };
  }

  function lineNumbers(values: Array<string | null>): Map<number, number> {
    const seen = new Map<number, number>();
    for (const v of values) {
      const n = Number(/^line-(\d+)$/.exec(v ?? '')?.[1] ?? NaN);
      seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    return seen;
  }

  it('at-least-once: after SIGKILL and --resume every line is in the topic at least once', async () => {
    const t = await topic('load-kill');
    const checkpoint = path.join(dir, 'alo.checkpoint');
    const { killedAt, resumed } = await killThenResume(t, checkpoint, []);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout) as { ok: boolean; read: number; acknowledged: number; resumedRecords: number };
    expect(summary.ok).toBe(true);
    expect(summary.resumedRecords).toBeGreaterThanOrEqual(killedAt);
    expect(summary.read).toBe(LINES - summary.resumedRecords);

    const got = await consumeAll(cluster.plaintext.bootstrap, t, { expected: LINES, partitions: 3, timeoutMs: 90_000, settleMs: 1000 });
    const seen = lineNumbers(got.map((m) => m.value));
    const missing = Array.from({ length: LINES }, (_, i) => i).filter((i) => !seen.has(i));
    expect(missing).toEqual([]);
    expect(seen.has(NaN)).toBe(false);
    expect(got.every((m) => m.key === `key-${Number(m.value!.slice(5)) % 1000}`)).toBe(true);
  });

  it('exactly-once: after SIGKILL and --resume, read_committed sees every line exactly once', async () => {
    const t = await topic('load-kill-eo');
    const checkpoint = path.join(dir, 'eo.checkpoint');
    const { resumed } = await killThenResume(t, checkpoint, ['--exactly-once']);
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as { ok: boolean }).ok).toBe(true);

    const got = await consumeAll(cluster.plaintext.bootstrap, t, { expected: LINES, partitions: 3, isolation: 'read_committed', timeoutMs: 90_000, settleMs: 2000 });
    const seen = lineNumbers(got.map((m) => m.value));
    const missing = Array.from({ length: LINES }, (_, i) => i).filter((i) => !seen.has(i));
    const dupes = [...seen].filter(([, n]) => n > 1).map(([i]) => i);
    expect(missing).toEqual([]);
    expect(dupes).toEqual([]);
    expect(got).toHaveLength(LINES);
  });
});
