/**
 * Where messages left to the partitioner land, on the embedded cluster:
 * keyless messages stick to one partition for sticky.partitioning.linger.ms
 * and then move (librdkafka's contract), keyed ones go where the configured
 * partitioner puts them, a linger of 0 spreads every message, and the
 * partitioners that hash a null key (consistent, murmur2, fnv1a) keep doing so.
 */
import { Producer, partitionFor, type RecordMetadata } from '../../../src/producer';
import { MockCluster } from '../../../src/testing/mock-cluster';
import { consumeAll, uniqueTopic } from './consume';

const PARTITIONS = 6;
let cluster: MockCluster;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 3 });
});

afterAll(async () => {
  await cluster.stop();
});

function producer(extra: Record<string, unknown> = {}): Producer {
  return new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 1, ...extra });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const partitionsOf = (results: RecordMetadata[]) => new Set(results.map((r) => r.partition));

/** `batches` batches of `size` messages, `gapMs` apart; the results of each. */
async function sendSpaced(
  p: Producer,
  topic: string,
  batches: number,
  size: number,
  gapMs: number,
  key: (b: number, i: number) => string | null,
): Promise<RecordMetadata[][]> {
  const out: RecordMetadata[][] = [];
  for (let b = 0; b < batches; b++) {
    const messages = Array.from({ length: size }, (_, i) => ({ topic, key: key(b, i), value: `b${b}-m${i}` }));
    out.push(await p.sendBatch(messages));
    await sleep(gapMs);
  }
  return out;
}

test('keyless batches: each stays on one partition, and batches move across partitions over time; nothing lost', async () => {
  const topic = uniqueTopic('sticky');
  cluster.createTopic(topic, PARTITIONS);
  const p = producer({ 'sticky.partitioning.linger.ms': 5 });
  try {
    // The first batch leaves before the topic's partitions are known: librdkafka places it.
    await p.sendBatch([{ topic, value: 'warm-up' }]);
    await sleep(20);
    const batches = await sendSpaced(p, topic, 30, 200, 15, () => null);
    // A batch is enqueued in far less than the linger: one partition each.
    for (const results of batches) expect(partitionsOf(results).size).toBe(1);
    // 30 batches, each after the linger expired: a new random pick each time.
    const used = new Set(batches.map((r) => r[0].partition));
    expect(used.size).toBeGreaterThanOrEqual(3);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 6001, partitions: PARTITIONS });
    expect(consumed).toHaveLength(6001);
    expect(new Set(consumed.map((m) => m.value)).size).toBe(6001);
    expect(consumed.every((m) => m.key === null)).toBe(true);
  } finally {
    await p.close();
  }
});

test('keyed and keyless messages mixed in one batch: keys go where the partitioner puts them, the rest stick together', async () => {
  const topic = uniqueTopic('sticky-mixed');
  cluster.createTopic(topic, PARTITIONS);
  const p = producer();
  try {
    await p.sendBatch([{ topic, value: 'warm-up' }]);
    await sleep(20);
    for (let round = 0; round < 2; round++) {
      const messages = Array.from({ length: 1000 }, (_, i) => ({ topic, key: i % 2 === 0 ? `key-${i}` : null, value: `${round}-${i}` }));
      const results = await p.sendBatch(messages);
      results.forEach((r, i) => {
        if (i % 2 === 0) expect(r.partition).toBe(partitionFor('consistent_random', `key-${i}`, PARTITIONS));
      });
      expect(partitionsOf(results.filter((_, i) => i % 2 === 1)).size).toBe(1);
      await sleep(20);
    }
  } finally {
    await p.close();
  }
});

test('an empty key is keyless under consistent_random, but hashed under murmur2_random', async () => {
  const consistent = uniqueTopic('sticky-empty');
  const murmur = uniqueTopic('murmur-empty');
  cluster.createTopic(consistent, PARTITIONS);
  cluster.createTopic(murmur, PARTITIONS);
  const a = producer({ 'sticky.partitioning.linger.ms': 5 });
  const b = producer({ partitioner: 'murmur2_random', 'sticky.partitioning.linger.ms': 5 });
  try {
    const spread = await sendSpaced(a, consistent, 20, 50, 15, () => '');
    // Sticky like a null key (the first batch is placed by librdkafka).
    for (const results of spread.slice(1)) expect(partitionsOf(results).size).toBe(1);
    expect(new Set(spread.map((r) => r[0].partition)).size).toBeGreaterThanOrEqual(2);
    const hashed = (await sendSpaced(b, murmur, 20, 50, 15, () => '')).flat();
    expect(partitionsOf(hashed)).toEqual(new Set([partitionFor('murmur2_random', '', PARTITIONS)]));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('sticky.partitioning.linger.ms 0: the keyless messages of one batch spread over the partitions', async () => {
  const topic = uniqueTopic('random');
  cluster.createTopic(topic, PARTITIONS);
  const p = producer({ 'sticky.partitioning.linger.ms': 0 });
  try {
    await p.sendBatch([{ topic, value: 'warm-up' }]);
    await sleep(20);
    const results = await p.sendBatch(Array.from({ length: 600 }, (_, i) => ({ topic, value: `m${i}` })));
    expect(partitionsOf(results).size).toBeGreaterThanOrEqual(4);
  } finally {
    await p.close();
  }
});

test('partitioner random sticks like consistent_random; murmur2 (not *_random) hashes a null key to one fixed partition', async () => {
  const sticky = uniqueTopic('random-sticky');
  const hashed = uniqueTopic('murmur2-null');
  cluster.createTopic(sticky, PARTITIONS);
  cluster.createTopic(hashed, PARTITIONS);
  const a = producer({ partitioner: 'random', 'sticky.partitioning.linger.ms': 5 });
  const b = producer({ partitioner: 'murmur2', 'sticky.partitioning.linger.ms': 5 });
  try {
    const batches = await sendSpaced(a, sticky, 20, 100, 15, () => null);
    for (const results of batches.slice(1)) expect(partitionsOf(results).size).toBe(1);
    expect(new Set(batches.map((r) => r[0].partition)).size).toBeGreaterThanOrEqual(2);
    const fixed = (await sendSpaced(b, hashed, 20, 50, 15, () => null)).flat();
    expect(partitionsOf(fixed)).toEqual(new Set([partitionFor('murmur2', null, PARTITIONS)]));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('a keyless batch after a keyed one carries no keys', async () => {
  const topic = uniqueTopic('keys-reset');
  cluster.createTopic(topic, 1);
  const p = producer();
  try {
    await p.sendBatch(Array.from({ length: 100 }, (_, i) => ({ topic, key: Buffer.from(`k${i}`), value: `keyed-${i}` })));
    await p.sendBatch(Array.from({ length: 50 }, (_, i) => ({ topic, value: `plain-${i}` })));
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 150, partitions: 1 });
    expect(consumed).toHaveLength(150);
    for (const m of consumed) {
      if (m.value?.startsWith('plain-')) expect(m.key).toBeNull();
      else expect(m.key).toBe(`k${m.value?.slice('keyed-'.length)}`);
    }
  } finally {
    await p.close();
  }
});

test('close() right after the first send to a new topic settles without waiting on the partition refresh for long', async () => {
  const topic = uniqueTopic('sticky-close');
  cluster.createTopic(topic, PARTITIONS);
  const p = producer();
  const sent = p.sendBatch([{ topic, value: 'one' }, { topic, value: 'two' }]);
  await p.close();
  await expect(sent).resolves.toHaveLength(2);
  await expect(p.sendBatch([{ topic, value: 'late' }])).rejects.toThrow(/closed/);
});
