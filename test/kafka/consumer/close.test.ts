/**
 * close() while reads are in flight, 100 times over, on the real cluster: the process must
 * survive (node-rdkafka and @confluentinc/kafka-javascript have open segfault reports for this),
 * every close must settle, and what was read before each close must be correct.
 */
import { Consumer, OFFSET_BEGINNING, type Message } from '../../../src/consumer';
import { describeKafka, uniqueName } from '../cluster';
import { numbered, produce, Topics } from './helpers';

describeKafka('consumer close under load', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics = new Topics(cluster);
  afterAll(() => topics.deleteAll());

  test('100 rounds of consume-in-progress + close (subscribe and assign, iterator, run, consume)', async () => {
    const topic = await topics.create('close-', 3);
    const records = numbered(3000, 3);
    await produce(bootstrap, topic, records);
    const valid = new Set(records.map((r) => String(r.value)));
    let closedWhileReading = 0;
    let totalRead = 0;

    for (let round = 0; round < 100; round++) {
      const viaGroup = round % 2 === 0;
      const consumer = new Consumer({
        'bootstrap.servers': bootstrap,
        'group.id': uniqueName('close-'),
        'auto.offset.reset': 'earliest',
        'session.timeout.ms': 6000,
        'enable.auto.commit': round % 4 === 0,
      });
      if (viaGroup) await consumer.subscribe([topic]);
      else await consumer.assign([0, 1, 2].map((partition) => ({ topic, partition, offset: OFFSET_BEGINNING })));

      const read: Message[] = [];
      // Odd rounds close once `target` messages were read (a fetch is then still in flight); even
      // rounds close after a delay (right away, mid-join or mid-fetch).
      const target = round % 2 === 1 ? 1 + ((round * 331) % 2500) : Infinity;
      let reached!: () => void;
      const targetReached = new Promise<void>((r) => (reached = r));
      const push = (ms: Message[]): void => {
        read.push(...ms);
        if (read.length >= target) reached();
      };
      let reader: Promise<unknown>;
      switch (round % 3) {
        case 0:
          reader = (async () => {
            for await (const m of consumer.messages({ batchSize: 50 })) push([m]);
          })();
          break;
        case 1:
          reader = consumer.run({ batchSize: 50, eachBatch: async (b) => push(b.messages) });
          break;
        default:
          reader = (async () => {
            while (!consumer.isClosed) push(await consumer.consume(100, 200));
          })();
      }
      if (target === Infinity) await new Promise((r) => setTimeout(r, (round * 37) % 400));
      else await targetReached;
      if (read.length > 0 && read.length < records.length) closedWhileReading++;
      const closing = consumer.close();
      const again = consumer.close();
      expect(again).toBe(closing);
      await closing;
      await reader;
      expect(consumer.isClosed).toBe(true);
      expect(await consumer.consume(10, 10)).toEqual([]);
      for (const m of read) {
        expect(valid.has(m.value!.toString())).toBe(true);
        expect(m.value!.toString()).toBe(`m${Number(m.key!.toString().slice(1))}`);
      }
      // Per partition, offsets are consecutive from where reading began.
      for (const p of [0, 1, 2]) {
        const offsets = read.filter((m) => m.partition === p).map((m) => m.offset);
        offsets.forEach((o, i) => expect(o).toBe(offsets[0] + i));
      }
      totalRead += read.length;
    }
    // Most rounds were really interrupted in the middle of reading.
    expect(closedWhileReading).toBeGreaterThan(50);
    expect(totalRead).toBeGreaterThan(0);
  }, 600_000);
});
