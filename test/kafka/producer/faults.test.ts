/**
 * Fault tests on the real cluster: the leader of the partition being written
 * is killed (SIGKILL) and restarted while producing. Idempotent: nothing lost,
 * nothing duplicated, per-key order kept. Transactional: committed data
 * exactly once, aborted data invisible.
 *
 * These restart a broker: other clients of the shared cluster see a leader
 * change (RF 3, min.insync.replicas 2, so they keep working).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics, Kafka } from '../rdkafka';
import { KafkaError } from '../../../src/errors';
import { Producer, type ProducerRecord } from '../../../src/producer';
import { consumeAll } from '../../mock/producer/consume';

jest.setTimeout(600_000);

const ROOT = path.join(__dirname, '..', '..', '..');

/** Runs scripts/kafka/<verb> N; resolves on success, rejects with its output. */
function kafkaScript(verb: 'kill' | 'start', node: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(ROOT, 'scripts', 'kafka', verb), String(node)], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`scripts/kafka/${verb} ${node} exited ${code}: ${out.trim()}`));
    });
  });
}

/** The node id leading `topic`/`partition`. */
async function leaderOf(bootstrap: string, topic: string, partition: number): Promise<number> {
  const producer = new Kafka.Producer({ 'bootstrap.servers': bootstrap });
  await new Promise<void>((resolve, reject) => producer.connect({ timeout: 15000 }, (err) => (err ? reject(err) : resolve())));
  try {
    const md = await new Promise<Kafka.Metadata>((resolve, reject) =>
      producer.getMetadata({ topic, timeout: 15000 }, (err, m) => (err ? reject(err) : resolve(m))),
    );
    const leader = md.topics.find((t) => t.name === topic)?.partitions.find((p) => p.id === partition)?.leader;
    if (leader === undefined) throw new Error(`no leader for ${topic} [${partition}]`);
    return leader;
  } finally {
    await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  }
}

describeKafka('producer under a broker kill (real cluster)', (cluster: KafkaCluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics: string[] = [];

  afterAll(async () => {
    await deleteTopics(cluster, topics);
  });

  test('idempotent, acks=all: 200 000 keyed, numbered messages across a leader kill and restart — 0 lost, 0 duplicated, per-key order kept', async () => {
    const topic = uniqueName('p-fault-idem-');
    await createTopic(cluster, topic, 1, 3);
    topics.push(topic);
    const leader = await leaderOf(bootstrap, topic, 0);
    const keys = 100;
    const total = 200_000;
    const p = new Producer({
      'bootstrap.servers': bootstrap,
      'enable.idempotence': true,
      acks: 'all',
      'linger.ms': 5,
      maxInFlight: 20_000,
      logger: () => undefined,
    });
    let restart: Promise<void> | undefined;
    try {
      const chunk = 2000;
      let restarted = false;
      const batches: Array<Promise<unknown>> = [];
      for (let start = 0; start < total; start += chunk) {
        const messages: ProducerRecord[] = [];
        for (let i = start; i < start + chunk; i++) messages.push({ topic, key: `key-${i % keys}`, value: `${i % keys}:${Math.floor(i / keys)}` });
        batches.push(p.sendBatch(messages));
        if (start === 40_000) {
          // Kill the leader mid-stream, restart it, and keep producing meanwhile.
          restart = (async () => {
            await kafkaScript('kill', leader);
            await new Promise((r) => setTimeout(r, 3000));
            await kafkaScript('start', leader);
            restarted = true;
          })();
        }
        // Until the leader is back, pace the stream so that it spans the kill and the restart.
        if (restart !== undefined && !restarted) await new Promise((r) => setTimeout(r, 150));
        if (batches.length >= 10) await Promise.all(batches.splice(0));
      }
      await Promise.all(batches);
      await restart;
    } finally {
      await restart?.catch(() => undefined);
      await p.close();
    }
    const consumed = await consumeAll(bootstrap, topic, { expected: total, partitions: 1, timeoutMs: 120_000, settleMs: 2000 });
    expect(consumed.length).toBe(total);
    const seen = new Set<string>();
    const lastSeq = new Map<string, number>();
    let duplicates = 0;
    let outOfOrder = 0;
    for (const m of consumed) {
      if (seen.has(m.value!)) duplicates++;
      seen.add(m.value!);
      const [k, seq] = m.value!.split(':');
      const last = lastSeq.get(k) ?? -1;
      if (Number(seq) !== last + 1) outOfOrder++;
      lastSeq.set(k, Number(seq));
    }
    expect({ duplicates, outOfOrder, distinct: seen.size }).toEqual({ duplicates: 0, outOfOrder: 0, distinct: total });
  });

  test('transactional: batches committed across an abort and a leader kill are read exactly once; aborted ones never', async () => {
    const topic = uniqueName('p-fault-txn-');
    await createTopic(cluster, topic, 1, 3);
    topics.push(topic);
    const leader = await leaderOf(bootstrap, topic, 0);
    const p = new Producer({
      'bootstrap.servers': bootstrap,
      'transactional.id': uniqueName('p-fault-txn-id-'),
      'linger.ms': 5,
      logger: () => undefined,
    });
    const committed: number[] = [];
    const aborted: number[] = [];
    const batchSize = 2000;
    let restart: Promise<void> | undefined;
    try {
      await p.initTransactions();
      for (let batch = 0; batch < 12; batch++) {
        if (batch === 5) {
          restart = (async () => {
            await kafkaScript('kill', leader);
            await new Promise((r) => setTimeout(r, 3000));
            await kafkaScript('start', leader);
          })();
        }
        const wantAbort = batch === 3 || batch === 8;
        // Retry a batch until it commits (or, for the planned aborts, until it aborts).
        for (let attempt = 0; ; attempt++) {
          if (attempt > 20) throw new Error(`batch ${batch} could not be committed`);
          p.beginTransaction();
          try {
            await p.sendBatch(Array.from({ length: batchSize }, (_, i) => ({ topic, value: `${batch}:${attempt}:${i}` })));
            if (wantAbort) {
              await p.abortTransaction();
              aborted.push(batch);
              break;
            }
            await p.commitTransaction();
            committed.push(batch);
            break;
          } catch (err) {
            if (err instanceof KafkaError && err.fatal) throw err;
            // Delivery failed or the commit is abortable: abort and redo the batch.
            await p.abortTransaction().catch(async (e: unknown) => {
              if (e instanceof KafkaError && e.retriable) await p.abortTransaction();
              else throw e;
            });
          }
        }
      }
      await restart;
    } finally {
      await restart?.catch(() => undefined);
      await p.close();
    }
    expect(committed).toHaveLength(10);
    expect(aborted).toEqual([3, 8]);
    const visible = await consumeAll(bootstrap, topic, { expected: 10 * batchSize, partitions: 1, isolation: 'read_committed', timeoutMs: 120_000, settleMs: 2000 });
    // Each committed batch exactly once (one attempt of it), nothing of the aborted ones.
    const perBatch = new Map<number, Set<string>>();
    for (const m of visible) {
      const [batch, attempt] = m.value!.split(':');
      const attempts = perBatch.get(Number(batch)) ?? new Set<string>();
      attempts.add(attempt);
      perBatch.set(Number(batch), attempts);
    }
    expect(visible).toHaveLength(10 * batchSize);
    expect([...perBatch.keys()].sort((a, b) => a - b)).toEqual(committed.slice().sort((a, b) => a - b));
    for (const attempts of perBatch.values()) expect(attempts.size).toBe(1);
    expect(new Set(visible.map((m) => m.value)).size).toBe(10 * batchSize);
  });
});
