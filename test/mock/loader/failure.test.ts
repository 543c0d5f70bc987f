/**
 * When the brokers refuse records, the load is not ok (exit code 1), the
 * failed records are counted, and the checkpoint does not move past them: a
 * --resume afterwards sends them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MockCluster } from '../../../src/testing/mock-cluster';
import { runLoad } from '../../../src/loader/loader';
import { readCheckpoint } from '../../../src/loader/checkpoint';
import { main } from '../../../src/cli/main';
import { consumeAll, uniqueTopic } from '../producer/consume';

let cluster: MockCluster;
let dir: string;
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-fail-'));
});
afterAll(async () => {
  await cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('simple-kafka load when delivery fails', () => {
  it('counts the failures, is not ok, keeps the checkpoint before them; --resume then delivers every line', async () => {
    const topic = uniqueTopic('load-fail');
    cluster.createTopic(topic, 1);
    const lines = Array.from({ length: 2000 }, (_, i) => `k${i};v${i}`);
    const input = path.join(dir, 'in.csv');
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const cp = path.join(dir, 'in.checkpoint');
    cluster.pushRequestErrors('Produce', Array.from({ length: 20 }, () => 'TOPIC_AUTHORIZATION_FAILED' as const));
    const s = await runLoad({ inputs: [input], topic, checkpoint: cp, kafka: { 'bootstrap.servers': cluster.bootstrapServers }, progress: 'none', stderr: quiet });
    cluster.clearRequestErrors('Produce');
    expect(s.ok).toBe(false);
    expect(s.failed).toBeGreaterThan(0);
    expect(s.error).toMatch(/delivery failed for \d+ record\(s\) of .*in\.csv lines \d+-\d+/);
    const after = readCheckpoint(cp)!.inputs[0];
    expect(after.done).toBe(false);
    expect(after.records).toBeLessThanOrEqual(2000 - s.failed);

    const out: string[] = [];
    const writeOut = jest.spyOn(process.stdout, 'write').mockImplementation((x: string | Uint8Array) => (out.push(String(x)), true));
    const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['load', input, '--topic', topic, '--bootstrap', cluster.bootstrapServers, '--checkpoint', cp, '--resume', '--json', '--progress', 'none']);
    } finally {
      writeOut.mockRestore();
      writeErr.mockRestore();
    }
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, resumedRecords: after.records, read: 2000 - after.records });
    const got = await consumeAll(cluster.bootstrapServers, topic, { expected: 2000, partitions: 1 });
    const values = new Set(got.map((m) => m.value));
    expect(lines.filter((l) => !values.has(l.split(';')[1]))).toEqual([]);
  });

  it('an unreachable cluster is one clear error and exit code 1', async () => {
    const err: string[] = [];
    const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation((x: string | Uint8Array) => (err.push(String(x)), true));
    const input = path.join(dir, 'one.csv');
    fs.writeFileSync(input, 'a;1\n');
    let code: number;
    try {
      code = await main(['load', input, '--topic', 't', '--bootstrap', '127.0.0.1:1', '--connect-timeout', '2000', '--progress', 'none']);
    } finally {
      writeErr.mockRestore();
    }
    expect(code).toBe(1);
    const text = err.join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^simple-kafka: /);
    expect(text).toContain('connect');
  }, 60_000);
});
