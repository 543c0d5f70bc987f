/**
 * Consume-transform-produce with the Consumer and a transactional Producer on the real cluster:
 * the input offsets commit with the transaction, and an aborted transaction leaves neither output
 * nor offsets behind.
 */
import { Consumer, OFFSET_INVALID, type Message } from '../../../src/consumer';
import { Producer } from '../../../src/producer';
import { describeKafka, uniqueName } from '../cluster';
import { numbered, produce, Topics } from './helpers';

describeKafka('consumer in a producer transaction', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics = new Topics(cluster);
  afterAll(() => topics.deleteAll());

  test('offsets sent with sendOffsetsToTransaction(…, consumer) commit only when the transaction does', async () => {
    const input = await topics.create('txn-in-', 1);
    const output = await topics.create('txn-out-', 1);
    await produce(bootstrap, input, numbered(10, 1));
    const group = uniqueName('txn-');
    const consumer = new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest', 'enable.auto.commit': false });
    const producer = new Producer({ 'bootstrap.servers': bootstrap, 'transactional.id': uniqueName('txn-id-') });
    const reader = new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': uniqueName('txn-read-'), 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' });
    try {
      await producer.connect();
      await producer.initTransactions();
      await consumer.subscribe([input]);
      const read: Message[] = [];
      for (let i = 0; i < 80 && read.length < 10; i++) read.push(...(await consumer.consume(10, 250)));
      expect(read).toHaveLength(10);
      // The live metadata (native engine): member id and generation, so the coordinator can fence a zombie.
      const meta = consumer.groupMetadata();
      expect(meta).toMatchObject({ groupId: group, memberId: expect.stringMatching(/.+/) });
      expect(meta.generationId).toBeGreaterThanOrEqual(1);

      // First half, aborted: no output, no offsets.
      producer.beginTransaction();
      for (const m of read.slice(0, 5)) await producer.send({ topic: output, value: `aborted ${m.value}` });
      await producer.sendOffsetsToTransaction([{ topic: input, partition: 0, offset: 5 }], consumer);
      await producer.abortTransaction();
      expect(await consumer.committed([{ topic: input, partition: 0 }])).toEqual([{ topic: input, partition: 0, offset: OFFSET_INVALID }]);

      // All ten, committed: output and offsets together.
      producer.beginTransaction();
      for (const m of read) await producer.send({ topic: output, value: `done ${m.value}` });
      await producer.sendOffsetsToTransaction([{ topic: input, partition: 0, offset: 10 }], consumer);
      await producer.commitTransaction();
      expect(await consumer.committed([{ topic: input, partition: 0 }])).toEqual([{ topic: input, partition: 0, offset: 10 }]);

      await reader.subscribe([output]);
      const out: string[] = [];
      for (let i = 0; i < 80 && out.length < 10; i++) out.push(...(await reader.consume(20, 250)).map((m) => m.value!.toString()));
      expect(out).toEqual(numbered(10, 1).map((r) => `done ${r.value}`));
      expect(await reader.consume(20, 500)).toEqual([]);
    } finally {
      await Promise.all([consumer.close(), reader.close(), producer.close()]);
    }
  }, 90_000);
});
