/**
 * Consumer offset queries, regex subscriptions and lost partitions on the real cluster.
 */
import { Consumer, OFFSET_BEGINNING, OFFSET_END, type Message, type TopicPartition } from '../../../src/consumer';
import { ConsumeError } from '../../../src/errors';
import { describeKafka, uniqueName } from '../cluster';
import { numbered, produce, Topics } from './helpers';

describeKafka('consumer offsets and subscriptions', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics = new Topics(cluster);
  const open: Consumer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(() => topics.deleteAll());

  function consumer(extra: Record<string, unknown> = {}): Consumer {
    const c = new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': uniqueName('off-'), 'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, ...extra });
    open.push(c);
    return c;
  }

  test('offsetsForTimes finds the first offset at or after a timestamp; watermarks bound the log', async () => {
    const topic = await topics.create('times-', 2);
    const base = Date.now() - 3_600_000;
    await produce(
      bootstrap,
      topic,
      Array.from({ length: 20 }, (_, i) => ({ partition: i % 2, value: `m${i}`, timestamp: base + i * 1000 })),
    );
    const c = consumer();
    const found = await c.offsetsForTimes([
      { topic, partition: 0, offset: base + 4500 }, // m0,m2,m4,m6… at base+0,2000,4000,6000 → offset 3 (m6)
      { topic, partition: 1, offset: base }, // m1 at base+1000 → offset 0
    ]);
    expect(found).toEqual([
      { topic, partition: 0, offset: 3 },
      { topic, partition: 1, offset: 0 },
    ]);
    // After the last message: END.
    expect(await c.offsetsForTimes([{ topic, partition: 1, offset: base + 3_600_000 }])).toEqual([{ topic, partition: 1, offset: OFFSET_END }]);
    expect(await c.getWatermarkOffsets(topic, 0)).toEqual({ low: 0, high: 10 });
    expect(await c.getWatermarkOffsets(topic, 1)).toEqual({ low: 0, high: 10 });
    await expect(c.getWatermarkOffsets(uniqueName('missing-'), 0, { timeoutMs: 3000 })).rejects.toBeInstanceOf(ConsumeError);

    // Seek by time: assign at the offset found and read from there.
    await c.assign([{ topic, partition: 0, offset: found[0].offset }]);
    const read: Message[] = [];
    for (let i = 0; i < 40 && read.length < 7; i++) read.push(...(await c.consume(10, 250)));
    expect(read.map((m) => m.value!.toString())).toEqual(['m6', 'm8', 'm10', 'm12', 'm14', 'm16', 'm18']);
    expect(read[0].timestamp.ms).toBe(base + 6000);
  });

  test('with enable.partition.eof, a restarted group resumes at the message after the last one read (none skipped)', async () => {
    const topic = await topics.create('eofpos-', 1);
    await produce(bootstrap, topic, [{ value: 'm0' }, { value: 'm1' }, { value: 'm2' }]);
    const group = uniqueName('eofpos-');
    const first = consumer({ 'group.id': group, 'enable.partition.eof': true });
    await first.subscribe([topic]);
    const seen: string[] = [];
    let eof = false;
    for (let i = 0; i < 120 && !eof; i++) {
      for (const m of await first.consume(10, 250)) {
        if (m.eof) eof = seen.length === 3;
        else seen.push(m.value!.toString());
      }
    }
    expect(seen).toEqual(['m0', 'm1', 'm2']);
    expect(first.position([{ topic, partition: 0 }])).toEqual([{ topic, partition: 0, offset: 3 }]);
    expect(() => first.storeOffsets({ offsets: [{ topic, partition: 0, offset: 1 }] })).toThrow(/enable.auto.offset.store/);
    await first.commit();
    expect(await first.committed([{ topic, partition: 0 }])).toEqual([{ topic, partition: 0, offset: 3 }]);
    await first.close();

    await produce(bootstrap, topic, [{ value: 'm3' }]);
    const second = consumer({ 'group.id': group, 'enable.partition.eof': true });
    await second.subscribe([topic]);
    const next: string[] = [];
    for (let i = 0; i < 120 && next.length < 1; i++) for (const m of await second.consume(10, 250)) if (!m.eof) next.push(m.value!.toString());
    expect(next).toEqual(['m3']);
  }, 90_000);

  test('a regex subscription reads every matching topic, including one created after subscribing', async () => {
    const prefix = uniqueName('rx').replace(/[^a-z0-9]/gi, '');
    const t1 = await topics.create(`${prefix}-a-`, 1);
    const other = await topics.create(`other${prefix}-`, 1);
    const c = consumer({ 'topic.metadata.refresh.interval.ms': 1000 });
    await c.subscribe(new RegExp(`^${prefix}-.*`));
    await produce(bootstrap, t1, [{ value: 'one' }]);
    await produce(bootstrap, other, [{ value: 'not me' }]);
    const read: Message[] = [];
    for (let i = 0; i < 80 && read.length < 1; i++) read.push(...(await c.consume(10, 250)));
    const t2 = await topics.create(`${prefix}-b-`, 1);
    await produce(bootstrap, t2, [{ value: 'two' }]);
    for (let i = 0; i < 120 && read.length < 2; i++) read.push(...(await c.consume(10, 250)));
    expect(read.map((m) => [m.topic, m.value!.toString()]).sort()).toEqual([
      [t1, 'one'],
      [t2, 'two'],
    ]);
    expect(c.subscription()).toEqual([`^${prefix}-.*`]);
  }, 90_000);

  test('exceeding max.poll.interval.ms loses the partitions: onLost (not onRevoke) runs, then they are assigned again', async () => {
    const topic = await topics.create('lost-', 2);
    await produce(bootstrap, topic, numbered(10, 2));
    const calls: string[] = [];
    const c = consumer({ 'max.poll.interval.ms': 6000, 'session.timeout.ms': 6000 });
    const parts = (ps: TopicPartition[]): string => ps.map((p) => p.partition).sort().join(',');
    await c.subscribe([topic], {
      onAssign: (ps) => void calls.push(`assign ${parts(ps)}`),
      onRevoke: (ps) => void calls.push(`revoke ${parts(ps)}`),
      onLost: (ps) => void calls.push(`lost ${parts(ps)}`),
    });
    const read: Message[] = [];
    for (let i = 0; i < 80 && read.length < 10; i++) read.push(...(await c.consume(10, 250)));
    expect(read).toHaveLength(10);
    // Stop polling for longer than max.poll.interval.ms: librdkafka leaves the group.
    await new Promise((r) => setTimeout(r, 8000));
    for (let i = 0; i < 80 && calls.filter((x) => x.startsWith('assign')).length < 2; i++) await c.consume(10, 250);
    expect(calls).toEqual(['assign 0,1', 'lost 0,1', 'assign 0,1']);
    expect(c.assignment()).toHaveLength(2);
  }, 90_000);

  test('a committed message is read back by committed() as offset + 1', async () => {
    const topic = await topics.create('cmt-', 1);
    const c = consumer({ 'enable.auto.commit': false });
    await c.assign([{ topic, partition: 0, offset: OFFSET_BEGINNING }]);
    await produce(bootstrap, topic, [{ value: 'x' }]);
    const read: Message[] = [];
    for (let i = 0; i < 40 && read.length < 1; i++) read.push(...(await c.consume(1, 250)));
    await c.commit({ message: read[0] });
    const res = await c.committed([{ topic, partition: 0 }]);
    expect(res).toEqual([{ topic, partition: 0, offset: 1 }]);
  });
});
