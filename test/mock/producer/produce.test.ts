/**
 * Python-style producing on the embedded cluster: produce() + poll()/flush(),
 * QueueFullError, purge(), on_delivery.
 */
import { KafkaError, QueueFullError, StateError } from '../../../src/errors';
import { Producer, type DeliveryReport } from '../../../src/producer';
import { MockCluster } from '../../../src/testing/mock-cluster';
import { consumeAll, uniqueTopic } from './consume';

let cluster: MockCluster;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
});

afterAll(async () => {
  await cluster.stop();
});

type Outcome = { error: KafkaError | null; report: DeliveryReport };

test('delivery callbacks run only inside flush()/poll(), once per message, with offsets; flush() returns 0', async () => {
  const topic = uniqueTopic('produce');
  cluster.createTopic(topic, 2);
  const outcomes: Outcome[] = [];
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 1 });
  try {
    for (let i = 0; i < 1000; i++) {
      p.produce(topic, { key: `k${i}`, value: `v${i}`, onDelivery: (error, report) => outcomes.push({ error, report }) });
    }
    // Let every delivery report reach JS: callbacks still wait for flush()/poll().
    while (p.queueLength > 0 && outcomes.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(outcomes).toHaveLength(0);
    await expect(p.flush(10_000)).resolves.toBe(0);
    expect(outcomes).toHaveLength(1000);
    expect(outcomes.every((o) => o.error === null)).toBe(true);
    const byPartition = [0, 1].map((part) => outcomes.filter((o) => o.report.partition === part).map((o) => o.report.offset));
    for (const offsets of byPartition) expect(offsets).toEqual(offsets.map((_, i) => i));
    const fifth = outcomes.find((o) => o.report.key === 'k5');
    expect(fifth?.report).toMatchObject({ topic, key: 'k5', value: 'v5', headers: undefined });
    expect(fifth?.report.offset).toBeGreaterThanOrEqual(0);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 1000, partitions: 2 });
    expect(new Set(consumed.map((m) => m.value)).size).toBe(1000);
  } finally {
    await p.close();
  }
});

test('a value as second argument, the on_delivery config key, and poll(ms) serving callbacks', async () => {
  const topic = uniqueTopic('produce-poll');
  cluster.createTopic(topic, 1);
  const seen: Array<[string | null, number]> = [];
  const p = new Producer({
    'bootstrap.servers': cluster.bootstrapServers,
    'linger.ms': 0,
    on_delivery: (err, report) => seen.push([err ? err.kafkaName : null, report.offset]),
  });
  try {
    p.produce(topic, 'first');
    p.produce(topic, Buffer.from('second'));
    p.produce(topic, null);
    let served = 0;
    // poll(ms) blocks up to ms per call; bounded overall by the loop count.
    for (let i = 0; i < 200 && served < 3; i++) served += p.poll(50);
    expect(served).toBe(3);
    expect(seen).toEqual([
      [null, 0],
      [null, 1],
      [null, 2],
    ]);
    expect(p.poll(0)).toBe(0);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 3, partitions: 1 });
    expect(consumed.map((m) => m.value)).toEqual(['first', 'second', null]);
  } finally {
    await p.close();
  }
});

test('QueueFullError when the local queue is full; after flush() there is room again', async () => {
  const topic = uniqueTopic('produce-full');
  cluster.createTopic(topic, 1);
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'queue.buffering.max.messages': 10 });
  try {
    for (let i = 0; i < 10; i++) p.produce(topic, { value: `${i}` });
    let thrown: unknown;
    try {
      p.produce(topic, { value: 'one too many' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(QueueFullError);
    expect(thrown).toMatchObject({ code: 'ERR_QUEUE_FULL', retriable: true });
    await expect(p.flush(10_000)).resolves.toBe(0);
    p.produce(topic, { value: 'fits now' });
    await expect(p.flush(10_000)).resolves.toBe(0);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 11, partitions: 1 });
    expect(consumed.map((m) => m.value)).toEqual([...Array.from({ length: 10 }, (_, i) => `${i}`), 'fits now']);
  } finally {
    await p.close();
  }
});

test('the Python loop: produce until QueueFullError, poll(ms) to make room, retry — nothing lost', async () => {
  const topic = uniqueTopic('produce-loop');
  cluster.createTopic(topic, 1);
  let delivered = 0;
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'queue.buffering.max.messages': 100, on_delivery: (e) => e === null && delivered++ });
  try {
    let fullCount = 0;
    for (let i = 0; i < 2000; ) {
      try {
        p.produce(topic, { value: `${i}` });
        i++;
      } catch (err) {
        if (!(err instanceof QueueFullError)) throw err;
        fullCount++;
        p.poll(100);
      }
    }
    expect(fullCount).toBeGreaterThan(0);
    await p.flush(10_000);
    expect(delivered).toBe(2000);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 2000, partitions: 1 });
    expect(consumed.map((m) => m.value)).toEqual(Array.from({ length: 2000 }, (_, i) => `${i}`));
  } finally {
    await p.close();
  }
});

test('70 000 produce() calls across several runs, mixed with timestamps, headers, refusals and send(): each callback once, with its own message', async () => {
  const topic = uniqueTopic('produce-many');
  cluster.createTopic(topic, 1);
  const other = uniqueTopic('produce-many-b');
  cluster.createTopic(other, 1);
  const seen = new Map<string, Outcome[]>();
  const record = (error: KafkaError | null, report: DeliveryReport): void => {
    const key = String(report.key);
    seen.set(key, [...(seen.get(key) ?? []), { error, report }]);
  };
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 2, on_delivery: record });
  try {
    const n = 70_000;
    const tooLarge = Buffer.alloc(1_100_000);
    const sends: Array<Promise<unknown>> = [];
    let refused = 0;
    for (let i = 0; i < n; i++) {
      if (i % 10_000 === 5000) {
        // Refused by librdkafka at once (larger than message.max.bytes): nothing queued, no callback.
        expect(() => p.produce(topic, { key: `bad-${i}`, value: tooLarge })).toThrow(KafkaError);
        refused++;
      }
      if (i % 7000 === 3) sends.push(p.send({ topic, key: `send-${i}`, value: `s${i}` }));
      if (i % 5000 === 1) p.produce(other, { key: `other-${i}`, value: `o${i}` });
      const extra = i % 997 === 0 ? { timestamp: 1_700_000_000_000 + i, headers: { n: `${i}` } } : {};
      p.produce(topic, { key: `k${i}`, value: `v${i}`, ...extra });
      if (i % 4096 === 0) p.poll(0);
    }
    await Promise.all(sends);
    await expect(p.flush(30_000)).resolves.toBe(0);
    expect(refused).toBe(7);
    // Every message exactly once, with its own key, value and headers (mismatches listed, none expected).
    const wrong: string[] = [];
    for (let i = 0; i < n; i++) {
      const got = seen.get(`k${i}`);
      if (got?.length !== 1) {
        wrong.push(`k${i}: ${got?.length ?? 0} callbacks`);
        continue;
      }
      const { error, report } = got[0];
      if (error !== null || report.topic !== topic || report.value !== `v${i}`) wrong.push(`k${i}: ${error?.message ?? ''} ${report.topic} ${String(report.value)}`);
      // (The embedded cluster answers with a timestamp of its own: the timestamps themselves are checked on the real cluster.)
      if (i % 997 === 0 && (report.headers as Record<string, string> | undefined)?.n !== `${i}`) wrong.push(`k${i}: headers ${JSON.stringify(report.headers)}`);
    }
    expect(wrong).toEqual([]);
    expect([...seen.keys()].filter((k) => k.startsWith('bad-'))).toEqual([]);
    expect([...seen.keys()].filter((k) => k.startsWith('other-'))).toHaveLength(14);
    // Callbacks and sends in call order: offsets count up in that order.
    const offsets = Array.from({ length: n }, (_, i) => seen.get(`k${i}`)![0].report.offset);
    expect(offsets.every((o, i) => i === 0 || o > offsets[i - 1])).toBe(true);
    expect(offsets[n - 1]).toBe(n + sends.length - 1);
  } finally {
    await p.close();
  }
});

test('purge() drops queued messages: their callbacks report _PURGE_QUEUE and pending sends reject', async () => {
  const topic = uniqueTopic('purge');
  cluster.createTopic(topic, 1);
  const errors: string[] = [];
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 60_000, 'batch.num.messages': 100_000 });
  try {
    for (let i = 0; i < 20; i++) p.produce(topic, { value: `${i}`, onDelivery: (e) => errors.push(e ? e.kafkaName : 'ok') });
    const send = p.send({ topic, value: 'send' }).catch((e: unknown) => e);
    await Promise.resolve(); // the send joins librdkafka's queue
    p.purge({ inflight: false });
    expect(await send).toMatchObject({ code: 'ERR_PRODUCE', kafkaName: '_PURGE_QUEUE', retriable: true });
    await p.flush(5000);
    expect(errors).toEqual(new Array(20).fill('_PURGE_QUEUE'));
    expect(p.queueLength).toBe(0);
  } finally {
    await p.close();
  }
});

test('produce() refuses bad input with a typed error naming the field, synchronously', async () => {
  const topic = uniqueTopic('produce-bad');
  const p = new Producer({ 'bootstrap.servers': cluster.bootstrapServers });
  try {
    expect(() => p.produce(topic, { value: 42 as never })).toThrow(expect.objectContaining({ code: 'ERR_SERIALIZATION', field: 'value' }));
    expect(() => p.produce(topic, { value: 'v', key: {} as never })).toThrow(expect.objectContaining({ code: 'ERR_SERIALIZATION', field: 'key' }));
    expect(() => p.produce(topic, { value: 'v', partition: 1.5 })).toThrow(/partition: must be an integer >= 0/);
    expect(() => p.produce(topic, { value: 'v', timestamp: -3 })).toThrow(/timestamp: must be milliseconds/);
    expect(() => p.produce(topic, { value: 'v', headers: { a: 5 as never } })).toThrow(/headers\.a: must be a Buffer/);
    expect(() => p.produce('', { value: 'v' })).toThrow(/topic: must be a non-empty string/);
    expect(() => p.produce('t'.repeat(250), { value: 'v' })).toThrow(/^topic: is 250 characters long \(Kafka allows at most 249\)/);
    expect(p.queueLength).toBe(0);
  } finally {
    await p.close();
  }
  expect(() => p.produce(topic, { value: 'late' })).toThrow(StateError);
  expect(() => p.poll()).toThrow(StateError);
  await expect(p.flush()).rejects.toBeInstanceOf(StateError);
});
