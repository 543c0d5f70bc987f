/**
 * Consumer groups on the real cluster: partitions split between members (eager and
 * cooperative-sticky), takeover on close, takeover after SIGKILL once the session times out,
 * and at-least-once delivery across a crash.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { Consumer, type Message, type TopicPartition } from '../../../src/consumer';
import { describeKafka, uniqueName } from '../cluster';
import { numbered, produce, readLog, startChild, Topics, type Child } from './helpers';

const sorted = (ps: TopicPartition[]): number[] => ps.map((p) => p.partition).sort((a, b) => a - b);

describeKafka('consumer groups', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics = new Topics(cluster);
  const open: Consumer[] = [];
  const children: Child[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-consumer-'));

  afterEach(async () => {
    for (const c of children.splice(0)) c.process.kill('SIGKILL');
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await topics.deleteAll();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function consumer(group: string, extra: Record<string, unknown> = {}): Consumer {
    const c = new Consumer({
      'bootstrap.servers': bootstrap,
      'group.id': group,
      'auto.offset.reset': 'earliest',
      'session.timeout.ms': 6000,
      'heartbeat.interval.ms': 500,
      ...extra,
    });
    open.push(c);
    return c;
  }

  /** Polls all consumers (concurrently) until `done()` or `rounds` rounds; returns what each read. */
  async function pollUntil(consumers: Consumer[], done: (read: Message[][]) => boolean, rounds = 120): Promise<Message[][]> {
    const read: Message[][] = consumers.map(() => []);
    for (let i = 0; i < rounds && !done(read); i++) {
      const batches = await Promise.all(consumers.map((c) => c.consume(500, 250)));
      batches.forEach((b, j) => read[j].push(...b));
    }
    return read;
  }

  test.each(['range', 'cooperative-sticky'])('%s: two members split the partitions; when one closes the other takes over', async (strategy) => {
    const topic = await topics.create('grp-split-', 6);
    const group = uniqueName('grp-');
    const extra = { 'partition.assignment.strategy': strategy };
    const a = consumer(group, extra);
    const b = consumer(group, extra);
    const events: string[] = [];
    const hooks = (name: string) => ({
      onAssign: (ps: TopicPartition[]) => void events.push(`${name} assign ${sorted(ps)}`),
      onRevoke: (ps: TopicPartition[]) => void events.push(`${name} revoke ${sorted(ps)}`),
    });

    await a.subscribe([topic], hooks('a'));
    await pollUntil([a], () => a.assignment().length === 6);
    expect(sorted(a.assignment())).toEqual([0, 1, 2, 3, 4, 5]);

    await b.subscribe([topic], hooks('b'));
    await pollUntil([a, b], () => a.assignment().length === 3 && b.assignment().length === 3);
    const pa = sorted(a.assignment());
    const pb = sorted(b.assignment());
    expect([...pa, ...pb].sort()).toEqual([0, 1, 2, 3, 4, 5]);

    if (strategy === 'cooperative-sticky') {
      // Incremental: a gives up only the three partitions that move, and keeps the others.
      expect(a.rebalanceProtocol()).toBe('cooperative');
      const revokes = events.filter((e) => e.startsWith('a revoke'));
      expect(revokes).toEqual([`a revoke ${pb}`]);
      expect(events.filter((e) => e.startsWith('b assign') && e !== 'b assign ')).toEqual([`b assign ${pb}`]);
    } else {
      expect(a.rebalanceProtocol()).toBe('eager');
      expect(events).toContain('a revoke 0,1,2,3,4,5');
    }

    // Each member reads exactly its own partitions.
    await produce(bootstrap, topic, numbered(600, 6));
    const [ra, rb] = await pollUntil([a, b], (r) => r[0].length + r[1].length >= 600);
    expect(new Set(ra.map((m) => m.partition))).toEqual(new Set(pa));
    expect(new Set(rb.map((m) => m.partition))).toEqual(new Set(pb));
    expect([...ra, ...rb].map((m) => m.value!.toString()).sort()).toEqual(numbered(600, 6).map((r) => String(r.value)).sort());

    // a leaves; b takes over a's partitions and reads what is produced to them.
    await a.close();
    await pollUntil([b], () => b.assignment().length === 6);
    expect(sorted(b.assignment())).toEqual([0, 1, 2, 3, 4, 5]);
    await produce(bootstrap, topic, numbered(60, 6, 'late'));
    const [late] = await pollUntil([b], (r) => r[0].filter((m) => m.value!.toString().startsWith('late')).length >= 60);
    const lateValues = late.map((m) => m.value!.toString()).filter((v) => v.startsWith('late'));
    expect(lateValues.sort()).toEqual(numbered(60, 6, 'late').map((r) => String(r.value)).sort());
  }, 120_000);

  test('a member killed with SIGKILL: after the session timeout the survivor takes its partitions from the last committed offsets', async () => {
    const topic = await topics.create('grp-kill-', 4);
    const group = uniqueName('grp-');
    const log = path.join(tmp, `${group}.log`);
    const survivor = consumer(group);
    await survivor.subscribe([topic]);
    await pollUntil([survivor], () => survivor.assignment().length === 4);

    const child = startChild({ bootstrap, topic, group, log, stallAfter: 300, batchSize: 100 });
    children.push(child);
    await pollUntil([survivor], () => survivor.assignment().length === 2 && child.assigned.length > 0 && child.assigned[child.assigned.length - 1].length === 2, 200);
    const childParts = child.assigned[child.assigned.length - 1];
    expect([...childParts, ...sorted(survivor.assignment())].sort()).toEqual([0, 1, 2, 3]);

    await produce(bootstrap, topic, numbered(2000, 4));
    await child.waitFor((l) => l.startsWith('handled ') && Number(l.slice(8)) >= 300, 60_000);
    // The child now stalls in its handler; wait until its auto-commit covered everything it logged.
    const handledByChild = () => readLog(log).filter((m) => childParts.includes(m.partition));
    const coverage = async (): Promise<Map<number, number>> => {
      const committed = await survivor.committed(childParts.map((partition) => ({ topic, partition })));
      return new Map(committed.map((c) => [c.partition, c.offset]));
    };
    let committed = await coverage();
    const before: Message[] = [];
    for (let i = 0; i < 100; i++) {
      const logged = handledByChild();
      const ok = childParts.every((p) => {
        const offsets = logged.filter((m) => m.partition === p).map((m) => m.offset);
        const next = offsets.length === 0 ? -1001 : Math.max(...offsets) + 1;
        return (committed.get(p) ?? -1001) === next;
      });
      if (ok) break;
      before.push(...(await survivor.consume(500, 100)));
      committed = await coverage();
    }
    child.process.kill('SIGKILL');
    await child.exited;
    // More data on every partition, so the survivor has something to read on each.
    await produce(bootstrap, topic, numbered(400, 4, 'more'));
    const survivorRead: Message[] = [];
    // The dead member is expelled after session.timeout.ms (6 s); then the survivor owns all four.
    for (let i = 0; i < 200; i++) {
      survivorRead.push(...(await survivor.consume(500, 250)));
      const values = new Set([...readLog(log), ...before, ...survivorRead].map((m) => String(m.value)));
      if (survivor.assignment().length === 4 && values.size === 2400) break;
    }
    expect(sorted(survivor.assignment())).toEqual([0, 1, 2, 3]);
    for (const p of childParts) {
      const first = survivorRead.find((m) => m.partition === p);
      // From the commit; nothing committed: from the beginning (auto.offset.reset=earliest).
      const from = committed.get(p)!;
      expect(first?.offset).toBe(from >= 0 ? from : 0);
    }
    const all = new Set([...readLog(log), ...before, ...survivorRead].map((m) => String(m.value)));
    expect(all.size).toBe(2400);
  }, 180_000);

  test('at-least-once: 100 000 numbered messages, SIGKILL in the middle, restart: every number handled, no offset committed before its message was handled', async () => {
    const total = 100_000;
    const topic = await topics.create('grp-alo-', 6);
    const group = uniqueName('grp-');
    const log = path.join(tmp, `${group}.log`);
    await produce(
      bootstrap,
      topic,
      Array.from({ length: total }, (_, i) => ({ value: String(i), partition: i % 6 })),
      { 'linger.ms': 20, 'batch.num.messages': 10000, acks: 1 },
    );

    const first = startChild({ bootstrap, topic, group, log, stallAfter: 60_000 });
    children.push(first);
    await first.waitFor((l) => l.startsWith('handled ') && Number(l.slice(8)) >= 30_000, 120_000);
    first.process.kill('SIGKILL');
    await first.exited;
    const crashLog = readLog(log);
    expect(crashLog.length).toBeGreaterThanOrEqual(30_000);
    expect(crashLog.length).toBeLessThan(total);

    // What the group committed before the crash: every offset below it must have been handled.
    const probe = consumer(group);
    await probe.connect();
    const committed = await probe.committed(Array.from({ length: 6 }, (_, partition) => ({ topic, partition })));
    await probe.close();
    let committedTotal = 0;
    for (const c of committed) {
      if (c.offset < 0) continue;
      committedTotal += c.offset;
      const handled = new Set(crashLog.filter((m) => m.partition === c.partition).map((m) => m.offset));
      for (let o = 0; o < c.offset; o++) if (!handled.has(o)) throw new Error(`offset ${o} of partition ${c.partition} committed but never handled`);
    }
    expect(committedTotal).toBeGreaterThan(0);

    const second = startChild({ bootstrap, topic, group, log });
    children.push(second);
    await second.waitFor((l) => l.startsWith('handled ') && Number(l.slice(8)) >= total - committedTotal, 180_000);
    second.process.kill('SIGTERM');
    await second.exited;

    const seen = new Set(readLog(log).map((m) => Number(m.value)));
    const missing: number[] = [];
    for (let i = 0; i < total; i++) if (!seen.has(i)) missing.push(i);
    expect(missing).toEqual([]);
    const duplicates = readLog(log).length - total;
    // Redelivered: at most what the first process handled after its last commit.
    expect(duplicates).toBeLessThanOrEqual(crashLog.length - committedTotal);
  }, 300_000);
});
