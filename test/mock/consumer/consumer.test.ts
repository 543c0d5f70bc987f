/**
 * Consumer facade on the embedded mock cluster: reading, message shape, EOF, offsets,
 * deserializers, backpressure, run() ordering, close.
 */
import { ConsumeError, DeserializationError, StateError } from '../../../src/errors';
import { Consumer, OFFSET_BEGINNING, OFFSET_INVALID, type Message } from '../../../src/consumer';
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

const open: Consumer<unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function consumer<K = Buffer | null, V = Buffer | null>(extra: Record<string, unknown> = {}): Consumer<K, V> {
  const c = new Consumer<K, V>({ 'bootstrap.servers': bootstrap, 'group.id': unique('g'), 'auto.offset.reset': 'earliest', ...extra });
  open.push(c as unknown as Consumer<unknown, unknown>);
  return c;
}

function topic(partitions: number): string {
  const name = unique('t');
  cluster.createTopic(name, partitions, 1);
  return name;
}

/** Reads with consume() until `count` messages (not EOF markers) came, or `rounds` consume calls. */
async function readN<K, V>(c: Consumer<K, V>, count: number, rounds = 40): Promise<Message<K, V>[]> {
  const out: Message<K, V>[] = [];
  for (let i = 0; i < rounds && out.length < count; i++) {
    for (const m of await c.consume(count - out.length, 500)) if (!m.eof) out.push(m);
  }
  return out;
}

test('assign + consume returns every message with key, value, headers, timestamp, partition and offset', async () => {
  const t = topic(2);
  const ts = Date.UTC(2024, 0, 2, 3, 4, 5);
  await produce(bootstrap, t, [
    { partition: 0, key: 'a', value: 'first', headers: [{ h1: 'x' }, { h2: Buffer.from('bin') }, { h1: 'y' }], timestamp: ts },
    { partition: 0, key: null, value: null, timestamp: ts + 1 },
    { partition: 1, key: 'b', value: 'third', timestamp: ts + 2 },
  ]);
  const c = consumer();
  await c.assign([
    { topic: t, partition: 0, offset: OFFSET_BEGINNING },
    { topic: t, partition: 1, offset: OFFSET_BEGINNING },
  ]);
  const got = (await readN(c, 3)).sort((x, y) => x.partition - y.partition || x.offset - y.offset);
  expect(got).toHaveLength(3);
  expect(got[0]).toMatchObject({
    topic: t,
    partition: 0,
    offset: 0,
    key: Buffer.from('a'),
    value: Buffer.from('first'),
    headers: [
      { key: 'h1', value: Buffer.from('x') },
      { key: 'h2', value: Buffer.from('bin') },
      { key: 'h1', value: Buffer.from('y') },
    ],
    timestamp: { ms: ts },
    error: null,
    eof: false,
    size: 5,
  });
  expect(got[1]).toMatchObject({ partition: 0, offset: 1, key: null, value: null, headers: [], timestamp: { ms: ts + 1 } });
  expect(got[2]).toMatchObject({ partition: 1, offset: 0, key: Buffer.from('b'), value: Buffer.from('third') });
  expect(c.assignment().sort((a, b) => a.partition - b.partition)).toEqual([
    { topic: t, partition: 0 },
    { topic: t, partition: 1 },
  ]);
});

test('poll returns one message at a time in offset order, then null when nothing is left', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(3, 1));
  const c = consumer();
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  const values: string[] = [];
  for (let i = 0; i < 40 && values.length < 3; i++) {
    const m = await c.poll(500);
    if (m) values.push(m.value!.toString());
  }
  expect(values).toEqual(['m0', 'm1', 'm2']);
  expect(await c.poll(300)).toBeNull();
});

test('consume(n, ms) returns what arrived when the time is up, without waiting for n', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(4, 1));
  const c = consumer();
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  const got = await readN(c, 4);
  expect(got.map((m) => m.value!.toString())).toEqual(['m0', 'm1', 'm2', 'm3']);
  // Nothing more: a large batch comes back empty after the timeout instead of blocking.
  expect(await c.consume(1000, 300)).toEqual([]);
});

test('poll() with partition EOF on returns every message and every EOF marker, one per call', async () => {
  const t = topic(3);
  const records = Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, value: `p${i}` }));
  await produce(bootstrap, t, records);
  const c = consumer({ 'enable.partition.eof': true });
  await c.assign([0, 1, 2].map((partition) => ({ topic: t, partition, offset: OFFSET_BEGINNING })));
  const values: string[] = [];
  const eofs = new Set<number>();
  for (let i = 0; i < 400 && (values.length < 30 || eofs.size < 3); i++) {
    const m = await c.poll(200);
    if (m === null) continue;
    if (m.eof) eofs.add(m.partition);
    else values.push(m.value!.toString());
  }
  expect(values.sort()).toEqual(records.map((r) => r.value).sort());
  expect([...eofs].sort()).toEqual([0, 1, 2]);
});

test('partition EOF is a flagged entry and an event, never an exception', async () => {
  const t = topic(2);
  await produce(bootstrap, t, [{ partition: 0, value: 'only' }]);
  const c = consumer({ 'enable.partition.eof': true });
  const events: { partition: number; offset: number }[] = [];
  c.on('partition.eof', (e) => events.push({ partition: e.partition, offset: e.offset }));
  await c.assign([
    { topic: t, partition: 0, offset: OFFSET_BEGINNING },
    { topic: t, partition: 1, offset: OFFSET_BEGINNING },
  ]);
  const entries: Message[] = [];
  for (let i = 0; i < 40 && entries.filter((m) => m.eof).length < 2; i++) entries.push(...(await c.consume(10, 500)));
  const messages = entries.filter((m) => !m.eof);
  const eofs = entries.filter((m) => m.eof);
  expect(messages.map((m) => m.value!.toString())).toEqual(['only']);
  expect(eofs.map((m) => [m.partition, m.offset]).sort()).toEqual([
    [0, 1],
    [1, 0],
  ]);
  for (const e of eofs) {
    expect(e.error).toBeInstanceOf(ConsumeError);
    expect((e.error as ConsumeError).kafkaName).toBe('_PARTITION_EOF');
    expect(e.value).toBeNull();
  }
  expect(events.sort((a, b) => a.partition - b.partition)).toEqual([
    { partition: 0, offset: 1 },
    { partition: 1, offset: 0 },
  ]);
});

test('deserializers (sync and async) shape keys and values; a failing one marks only its message', async () => {
  const t = topic(1);
  await produce(bootstrap, t, [
    { key: '1', value: '{"n":1}' },
    { key: '2', value: 'not json' },
    { key: '3', value: '{"n":3}' },
  ]);
  const c = consumer<number, { n: number }>({
    'key.deserializer': (b: Buffer | null) => Number(b!.toString()),
    'value.deserializer': { deserialize: async (b: Buffer | null, ctx: { topic: string; field: string }) => (ctx.topic === t && ctx.field === 'value' ? JSON.parse(b!.toString()) : null) },
  });
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  const got = await readN(c, 3);
  expect(got.map((m) => m.key)).toEqual([1, 2, 3]);
  expect(got[0].value).toEqual({ n: 1 });
  expect(got[2].value).toEqual({ n: 3 });
  expect(got[0].error).toBeNull();
  expect(got[1].error).toBeInstanceOf(DeserializationError);
  expect(got[1].error).toMatchObject({ field: 'value', topic: t, partition: 0, offset: 1 });
  expect(got[1].value).toEqual(Buffer.from('not json'));
});

test('commit of a message, of offsets and of the current position; committed() reads them back', async () => {
  const t = topic(2);
  await produce(bootstrap, t, numbered(10, 2));
  const group = unique('g');
  const c = consumer({ 'group.id': group, 'enable.auto.commit': false });
  await c.assign([
    { topic: t, partition: 0, offset: OFFSET_BEGINNING },
    { topic: t, partition: 1, offset: OFFSET_BEGINNING },
  ]);
  const got = await readN(c, 10);
  expect(got).toHaveLength(10);
  const p0 = got.filter((m) => m.partition === 0);

  expect(await c.committed()).toEqual(
    expect.arrayContaining([
      { topic: t, partition: 0, offset: OFFSET_INVALID },
      { topic: t, partition: 1, offset: OFFSET_INVALID },
    ]),
  );

  await c.commit({ message: p0[1] });
  expect(await c.committed([{ topic: t, partition: 0 }])).toEqual([{ topic: t, partition: 0, offset: 2 }]);

  await c.commit({ offsets: [{ topic: t, partition: 1, offset: 3 }] });
  expect(await c.committed([{ topic: t, partition: 1 }])).toEqual([{ topic: t, partition: 1, offset: 3 }]);

  // Current position: everything handed out (auto offset store is on by default).
  await c.commit();
  const committed = await c.committed();
  expect(committed.sort((a, b) => a.partition - b.partition)).toEqual([
    { topic: t, partition: 0, offset: 5 },
    { topic: t, partition: 1, offset: 5 },
  ]);
  expect(c.position().sort((a, b) => a.partition - b.partition)).toEqual([
    { topic: t, partition: 0, offset: 5 },
    { topic: t, partition: 1, offset: 5 },
  ]);

  // A second consumer in the same group resumes from the commits.
  await c.close();
  const d = consumer({ 'group.id': group });
  await d.assign([{ topic: t, partition: 0 }]);
  await produce(bootstrap, t, [{ partition: 0, value: 'after' }]);
  const next = await readN(d, 1);
  expect(next.map((m) => [m.offset, m.value!.toString()])).toEqual([[5, 'after']]);
});

test('asynchronous commit reports through on_commit and the commit event', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(3, 1));
  const results: unknown[] = [];
  const c = consumer({ 'enable.auto.commit': false, on_commit: (err: unknown, parts: unknown) => results.push({ err, parts }) });
  const events = new Promise<unknown>((resolve) => c.once('commit', (err, parts) => resolve({ err, parts })));
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  const got = await readN(c, 3);
  await c.commit({ message: got[2], asynchronous: true });
  // The commit callback is served by the next fetch.
  for (let i = 0; i < 20 && results.length === 0; i++) await c.consume(1, 200);
  const ev = await events;
  expect(ev).toEqual({ err: null, parts: [{ topic: t, partition: 0, offset: 3 }] });
  expect(results).toEqual([{ err: null, parts: [{ topic: t, partition: 0, offset: 3 }] }]);
  expect(await c.committed()).toEqual([{ topic: t, partition: 0, offset: 3 }]);
});

test('storeOffsets with enable.auto.offset.store=false: commit() commits only what was stored', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(6, 1));
  const c = consumer({ 'enable.auto.commit': false, 'enable.auto.offset.store': false });
  await c.subscribe([t]);
  const got = await readN(c, 6);
  expect(got).toHaveLength(6);
  c.storeOffsets({ message: got[3] });
  await c.commit();
  expect(await c.committed([{ topic: t, partition: 0 }])).toEqual([{ topic: t, partition: 0, offset: 4 }]);
});

test('seek, pause/resume and watermarks (offsetsForTimes needs the real cluster: the mock ignores timestamps)', async () => {
  const t = topic(1);
  const base = Date.UTC(2024, 5, 1);
  await produce(
    bootstrap,
    t,
    Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `m${i}`, timestamp: base + i * 1000 })),
  );
  const c = consumer();
  await c.assign([{ topic: t, partition: 0, offset: OFFSET_BEGINNING }]);
  expect(await c.getWatermarkOffsets(t, 0)).toEqual({ low: 0, high: 10 });

  const first = await readN(c, 10);
  expect(first.map((m) => m.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(await c.getWatermarkOffsets(t, 0, { cached: true })).toEqual({ low: expect.any(Number), high: 10 });

  await c.seek({ topic: t, partition: 0, offset: 7 });
  expect((await readN(c, 3)).map((m) => m.value!.toString())).toEqual(['m7', 'm8', 'm9']);

  c.pause([{ topic: t, partition: 0 }]);
  await c.seek({ topic: t, partition: 0, offset: 0 });
  await produce(bootstrap, t, [{ partition: 0, value: 'late' }]);
  expect(await c.consume(5, 500)).toEqual([]);
  c.resume([{ topic: t, partition: 0 }]);
  const again = await readN(c, 11);
  expect(again.map((m) => m.value!.toString())).toEqual([...first.map((m) => m.value!.toString()), 'late']);
});

test('for await hands out every message, and never runs ahead of the loop body by more than one batch', async () => {
  const t = topic(2);
  await produce(bootstrap, t, numbered(60, 2));
  let fetched = 0;
  const c = consumer<Buffer | null, string>({ 'value.deserializer': (b: Buffer | null) => (fetched++, b!.toString()) });
  await c.subscribe([t]);
  const seen: string[] = [];
  let maxAhead = 0;
  for await (const m of c.messages({ batchSize: 8 })) {
    maxAhead = Math.max(maxAhead, fetched - seen.length);
    await new Promise((r) => setTimeout(r, 2));
    seen.push(m.value);
    if (seen.length === 60) break;
  }
  expect(seen.sort()).toEqual(numbered(60, 2).map((r) => String(r.value)).sort());
  expect(maxAhead).toBeLessThanOrEqual(8);
  expect(fetched).toBe(60);
});

test('run({eachBatch}) keeps offset order per partition and never overlaps calls for one partition', async () => {
  const t = topic(3);
  await produce(bootstrap, t, numbered(90, 3));
  const c = consumer({ 'enable.auto.offset.store': false, 'enable.auto.commit': false });
  await c.subscribe([t]);
  const byPartition = new Map<number, number[]>();
  const active = new Set<number>();
  let overlap = false;
  let total = 0;
  const done = c.run({
    batchSize: 7,
    partitionsConcurrently: 3,
    eachBatch: async (batch) => {
      if (active.has(batch.partition)) overlap = true;
      active.add(batch.partition);
      await new Promise((r) => setTimeout(r, 1 + (batch.partition % 3)));
      const list = byPartition.get(batch.partition) ?? [];
      list.push(...batch.messages.map((m) => m.offset));
      byPartition.set(batch.partition, list);
      expect(batch.firstOffset).toBe(batch.messages[0].offset);
      expect(batch.lastOffset).toBe(batch.messages[batch.messages.length - 1].offset);
      active.delete(batch.partition);
      total += batch.messages.length;
      if (total >= 90) void c.stop();
    },
  });
  await done;
  expect(overlap).toBe(false);
  expect([...byPartition.keys()].sort()).toEqual([0, 1, 2]);
  for (const offsets of byPartition.values()) expect(offsets).toEqual(Array.from({ length: 30 }, (_, i) => i));
  // Handled offsets were stored: a commit of the current offsets covers all 90.
  await c.commit();
  const committed = await c.committed();
  expect(committed.map((p) => p.offset)).toEqual([30, 30, 30]);
});

test('run({eachMessage}) rejects with the handler error and rewinds, so the next run starts at the failed message', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(10, 1));
  const c = consumer({ 'enable.auto.offset.store': false, 'enable.auto.commit': false });
  await c.subscribe([t]);
  const seen: string[] = [];
  const failure = new Error('poison');
  await expect(
    c.run({
      eachMessage: async (m) => {
        if (m.value!.toString() === 'm4') throw failure;
        seen.push(m.value!.toString());
      },
    }),
  ).rejects.toBe(failure);
  expect(seen).toEqual(['m0', 'm1', 'm2', 'm3']);
  const rest: string[] = [];
  await c.run({
    eachMessage: async (m) => {
      rest.push(m.value!.toString());
      if (rest.length === 6) void c.stop();
    },
  });
  expect(rest).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
});

test('close: idempotent, ends iterators and pending reads, and later calls fail with StateError', async () => {
  const t = topic(1);
  const c = consumer();
  await c.subscribe([t]);
  const loop = (async () => {
    let n = 0;
    for await (const _ of c) n++;
    return n;
  })();
  const pending = c.consume(10, 30_000);
  await new Promise((r) => setTimeout(r, 300));
  const first = c.close();
  expect(c.close()).toBe(first);
  await first;
  expect(await pending).toEqual([]);
  expect(await loop).toBe(0);
  expect(c.isClosed).toBe(true);
  await expect(c.subscribe([t])).rejects.toBeInstanceOf(StateError);
  expect(() => c.assignment()).toThrow(StateError);
  expect(await c.poll(10)).toBeNull();
  // A consumer that never connected closes at once.
  await new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': unique('g') }).close();
});

test('close commits stored offsets when auto-commit is on', async () => {
  const t = topic(1);
  await produce(bootstrap, t, numbered(5, 1));
  const group = unique('g');
  const c = consumer({ 'group.id': group, 'auto.commit.interval.ms': 600_000 });
  await c.subscribe([t]);
  expect(await readN(c, 5)).toHaveLength(5);
  await c.close();
  const d = consumer({ 'group.id': group });
  await d.connect();
  expect(await d.committed([{ topic: t, partition: 0 }])).toEqual([{ topic: t, partition: 0, offset: 5 }]);
});

test('two consumers of one group split the partitions (eager) and one takes over after the other closes', async () => {
  const t = topic(4);
  const group = unique('g');
  const a = consumer({ 'group.id': group, 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500 });
  const b = consumer({ 'group.id': group, 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 500 });
  const assigned = { a: [] as number[], b: [] as number[] };
  await a.subscribe([t], { onAssign: (ps) => void assigned.a.push(...ps.map((p) => p.partition)) });
  await b.subscribe([t], { onAssign: (ps) => void assigned.b.push(...ps.map((p) => p.partition)) });
  // Keep both polling until each owns partitions.
  for (let i = 0; i < 60 && (a.assignment().length === 0 || b.assignment().length === 0 || a.assignment().length + b.assignment().length < 4); i++) {
    await Promise.all([a.consume(10, 250), b.consume(10, 250)]);
  }
  const pa = a.assignment().map((p) => p.partition);
  const pb = b.assignment().map((p) => p.partition);
  expect(pa.length).toBe(2);
  expect(pb.length).toBe(2);
  expect([...pa, ...pb].sort()).toEqual([0, 1, 2, 3]);
  await a.close();
  for (let i = 0; i < 60 && b.assignment().length < 4; i++) await b.consume(10, 250);
  expect(b.assignment().map((p) => p.partition).sort()).toEqual([0, 1, 2, 3]);
}, 60_000);
