/**
 * The consumer's engines on the embedded mock cluster: the native engine (default) and
 * node-rdkafka's hand out the same messages; what only the native engine gives (timestamp type,
 * member id and generation, commits off the JS thread); hooks run before the assignment changes.
 */
import { ConsumeError, KafkaClientError } from '../../../src/errors';
import { Consumer, OFFSET_BEGINNING, type Message, type TopicPartition } from '../../../src/consumer';
import type { NativeMockCluster } from '../../../src/native';
import { numbered, produce, startMock, unique } from './helpers';

let cluster: NativeMockCluster;
let bootstrap: string;

beforeAll(async () => {
  ({ cluster, bootstrap } = await startMock(1));
});

afterAll(async () => {
  await cluster.stop();
});

const open: Consumer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function consumer(extra: Record<string, unknown> = {}, engine?: 'native' | 'node-rdkafka'): Consumer {
  const c = new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': unique('g'), 'auto.offset.reset': 'earliest', ...extra }, engine ? { engine } : {});
  open.push(c);
  return c;
}

function topic(partitions: number): string {
  const name = unique('t');
  cluster.createTopic(name, partitions, 1);
  return name;
}

async function readN(c: Consumer, count: number): Promise<Message[]> {
  const out: Message[] = [];
  for (let i = 0; i < 40 && out.length < count; i++) out.push(...(await c.consume(count - out.length, 500)));
  return out;
}

test('the native engine is the default (SIMPLE_KAFKA_CONSUMER_ENGINE changes it); an unknown engine is refused', () => {
  expect(new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'g' }).engine).toBe('native');
  expect(new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'g' }, { engine: 'node-rdkafka' }).engine).toBe('node-rdkafka');
  expect(() => new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'g' }, { engine: 'java' as never })).toThrow(KafkaClientError);
  const saved = process.env.SIMPLE_KAFKA_CONSUMER_ENGINE;
  process.env.SIMPLE_KAFKA_CONSUMER_ENGINE = 'node-rdkafka';
  try {
    expect(new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'g' }).engine).toBe('node-rdkafka');
    expect(new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'g' }, { engine: 'native' }).engine).toBe('native');
  } finally {
    if (saved === undefined) delete process.env.SIMPLE_KAFKA_CONSUMER_ENGINE;
    else process.env.SIMPLE_KAFKA_CONSUMER_ENGINE = saved;
  }
});

test('both engines hand out the same messages (keys, values, repeated and binary headers, nulls, offsets, timestamps)', async () => {
  const t = topic(2);
  const ts = Date.UTC(2024, 2, 3, 4, 5, 6);
  const records = [
    { partition: 0, key: 'a', value: 'first', headers: [{ h: 'x' }, { bin: Buffer.from([1, 2, 0x7f]) }, { h: 'y' }], timestamp: ts },
    { partition: 0, key: null, value: null, timestamp: ts + 1 },
    { partition: 1, key: Buffer.from([0xff, 0]), value: 'v', headers: [{ empty: Buffer.alloc(0) }], timestamp: ts + 2 },
    ...numbered(50, 2).map((r) => ({ ...r, timestamp: ts + 3 })),
  ];
  await produce(bootstrap, t, records);
  const read = async (engine: 'native' | 'node-rdkafka'): Promise<Message[]> => {
    const c = consumer({}, engine);
    await c.assign([0, 1].map((partition) => ({ topic: t, partition, offset: OFFSET_BEGINNING })));
    const got = await readN(c, records.length);
    return got.sort((x, y) => x.partition - y.partition || x.offset - y.offset);
  };
  const native = await read('native');
  const rdkafka = await read('node-rdkafka');
  expect(native).toHaveLength(records.length);
  const shape = (m: Message) => ({ topic: m.topic, partition: m.partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers, ms: m.timestamp.ms, size: m.size });
  expect(native.map(shape)).toEqual(rdkafka.map(shape));
  expect(native[0]).toMatchObject({
    key: Buffer.from('a'),
    value: Buffer.from('first'),
    headers: [
      { key: 'h', value: Buffer.from('x') },
      { key: 'bin', value: Buffer.from([1, 2, 0x7f]) },
      { key: 'h', value: Buffer.from('y') },
    ],
  });
  expect(native[1]).toMatchObject({ key: null, value: null, headers: [] });
  const p1 = native.find((m) => m.partition === 1 && m.offset === 0)!;
  expect(p1.key).toEqual(Buffer.from([0xff, 0]));
  expect(p1.headers).toEqual([{ key: 'empty', value: Buffer.alloc(0) }]);
  // Only the native engine knows the timestamp's type (node-rdkafka 3.6 does not hand it over).
  expect(native.every((m) => m.timestamp.type === 'create-time')).toBe(true);
  expect(rdkafka[0].timestamp.type).toBe('unknown');
});

test('hooks run before the assignment changes: onAssign sees none of its partitions assigned yet, onRevoke (on close) still sees them', async () => {
  const t = topic(3);
  await produce(bootstrap, t, numbered(9, 3));
  const c = consumer({ 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500 });
  const seen: string[] = [];
  const sorted = (ps: TopicPartition[]) => ps.map((p) => p.partition).sort().join(',');
  await c.subscribe([t], {
    onAssign: (ps) => void seen.push(`assign ${sorted(ps)} while assigned [${sorted(c.assignment())}]`),
    onRevoke: (ps) => void seen.push(`revoke ${sorted(ps)} while assigned [${sorted(c.assignment())}]`),
  });
  expect(await readN(c, 9)).toHaveLength(9);
  expect(sorted(c.assignment())).toBe('0,1,2');
  await c.close();
  expect(seen).toEqual(['assign 0,1,2 while assigned []', 'revoke 0,1,2 while assigned [0,1,2]']);
});

test('groupMetadata: member id and generation once the consumer joined (for fencing in sendOffsetsToTransaction)', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(1, 1));
  const group = unique('g');
  const c = consumer({ 'group.id': group });
  expect(c.groupMetadata()).toEqual({ groupId: group });
  await c.subscribe([t]);
  expect(await readN(c, 1)).toHaveLength(1);
  const meta = c.groupMetadata();
  expect(meta.groupId).toBe(group);
  expect(meta.memberId).toMatch(/.+/);
  expect(meta.generationId).toBeGreaterThanOrEqual(1);
});

test('a synchronous commit waits for the broker off the JS thread: timers keep firing while it is in flight', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(3, 1));
  const c = consumer({ 'enable.auto.commit': false });
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  const got = await readN(c, 3);
  cluster.setRtt(1, 400);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    await c.commit({ message: got[2] });
  } finally {
    clearInterval(timer);
    cluster.setRtt(1, 0);
  }
  expect(ticks).toBeGreaterThan(0);
  expect(await c.committed([{ topic: t, partition: 0 }])).toEqual([{ topic: t, partition: 0, offset: 3 }]);
}, 30_000);

test('errors from librdkafka calls are typed and name the partition at fault', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(1, 1));
  const c = consumer({ 'enable.auto.offset.store': false });
  await c.subscribe([t]);
  expect(await readN(c, 1)).toHaveLength(1);
  let error: unknown;
  try {
    c.storeOffsets({ offsets: [{ topic: t, partition: 7, offset: 1 }] });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(ConsumeError);
  expect((error as ConsumeError).message).toContain(`${t}[7]`);
  await expect(c.seek({ topic: t, partition: 9, offset: 0 })).rejects.toBeInstanceOf(ConsumeError);
});

test('a rebalance hook may still commit while close() revokes the last assignment', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(4, 1));
  const group = unique('g');
  const c = consumer({ 'group.id': group, 'enable.auto.commit': false });
  let commitError: unknown = 'not called';
  await c.subscribe([t], {
    onRevoke: async () => {
      commitError = await c.commit().then(() => null, (e: unknown) => e);
    },
  });
  expect(await readN(c, 4)).toHaveLength(4);
  await c.close();
  expect(commitError).toBeNull();
  const d = consumer({ 'group.id': group });
  await d.connect();
  expect(await d.committed([{ topic: t, partition: 0 }])).toEqual([{ topic: t, partition: 0, offset: 4 }]);
});
