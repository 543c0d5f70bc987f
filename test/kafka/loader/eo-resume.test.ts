/**
 * Exactly-once resume on the real cluster: the position committed in the
 * same transaction as the records (a consumer-group offset) is authoritative
 * over a checkpoint file that lags it, as after a kill between the commit and
 * the file write. (The embedded cluster does not keep transactional offset
 * commits, so this runs here.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';
import { runLoad } from '../../../src/loader/loader';
import { readCheckpoint } from '../../../src/loader/checkpoint';
import { consumeAll } from '../../mock/producer/consume';

jest.setTimeout(120_000);

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

describeKafka('simple-kafka load --exactly-once --resume (real cluster)', (cluster: KafkaCluster) => {
  const topics: string[] = [];
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-eo-'));
  });
  afterAll(async () => {
    await deleteTopics(cluster, topics);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves past a lagging checkpoint file to the committed position: nothing is sent twice', async () => {
    const t = uniqueName('load-eo-lag');
    await createTopic(cluster, t, 3, 3);
    topics.push(t);
    const lines = Array.from({ length: 6000 }, (_, i) => `k${i % 7};v${i}`);
    const input = path.join(dir, 'eo-lag.csv');
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const cp = path.join(dir, 'eo-lag.checkpoint');
    const opts = { inputs: [input], topic: t, exactlyOnce: true, checkpoint: cp, chunkBytes: 8192, kafka: { 'bootstrap.servers': cluster.plaintext.bootstrap }, progress: 'none' as const, stderr: quiet };
    expect(await runLoad(opts)).toMatchObject({ ok: true, acknowledged: 6000 });

    // As if the process died after committing the transactions past line 2000 but before writing the file.
    const data = readCheckpoint(cp)!;
    data.inputs[0] = { ...data.inputs[0], offset: Buffer.byteLength(lines.slice(0, 2000).join('\n') + '\n'), line: 2000, records: 2000, done: false };
    fs.writeFileSync(cp, JSON.stringify(data));
    expect(await runLoad({ ...opts, resume: true })).toMatchObject({ ok: true, read: 0, sent: 0 });
    expect(readCheckpoint(cp)!.inputs[0]).toMatchObject({ done: true });

    const got = await consumeAll(cluster.plaintext.bootstrap, t, { expected: 6000, partitions: 3, isolation: 'read_committed', settleMs: 1500 });
    expect(got).toHaveLength(6000);
    expect(new Set(got.map((m) => m.value)).size).toBe(6000);
  });
});
