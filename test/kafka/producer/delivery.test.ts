/**
 * Delivery semantics on the real 3-node cluster: acks 0 / 1 / all,
 * idempotence, transactions seen through read_committed, offsets committed
 * with a transaction.
 */
import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics, Kafka } from '../rdkafka';
import { KafkaError } from '../../../src/errors';
import { Producer } from '../../../src/producer';
import { consumeAll } from '../../mock/producer/consume';

jest.setTimeout(120_000);

describeKafka('producer delivery (real cluster)', (cluster: KafkaCluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics: string[] = [];

  async function topic(prefix: string, partitions = 3): Promise<string> {
    const name = uniqueName(prefix);
    await createTopic(cluster, name, partitions, 3);
    topics.push(name);
    return name;
  }

  afterAll(async () => {
    await deleteTopics(cluster, topics);
  });

  test.each([
    { acks: 0 as const, offsets: 'unknown' },
    { acks: 1 as const, offsets: 'known' },
    { acks: 'all' as const, offsets: 'known' },
  ])('acks=$acks: 3000 messages all consumed back; offsets $offsets', async ({ acks }) => {
    const t = await topic(`p-acks${acks}-`);
    const p = new Producer({ 'bootstrap.servers': bootstrap, acks, 'linger.ms': 5 });
    try {
      await p.connect();
      const results = await p.sendBatch(Array.from({ length: 3000 }, (_, i) => ({ topic: t, key: `k${i % 50}`, value: `v${i}` })));
      const single = await p.send({ topic: t, key: 'single', value: 'single' });
      if (acks === 0) {
        expect(results.every((r) => r.offset === -1)).toBe(true);
        expect(single.offset).toBe(-1);
      } else {
        for (let part = 0; part < 3; part++) {
          const offsets = results.filter((r) => r.partition === part).map((r) => r.offset);
          expect(offsets).toEqual(offsets.map((_, i) => i));
        }
        expect(single.offset).toBeGreaterThanOrEqual(0);
      }
      const consumed = await consumeAll(bootstrap, t, { expected: 3001, partitions: 3 });
      expect(consumed).toHaveLength(3001);
      expect(new Set(consumed.map((m) => m.value)).size).toBe(3001);
    } finally {
      await p.close();
    }
  });

  test('idempotence: 20 000 pipelined sends arrive exactly once, in order per partition', async () => {
    const t = await topic('p-idem-', 2);
    const p = new Producer({ 'bootstrap.servers': bootstrap, 'enable.idempotence': true, 'linger.ms': 2, maxInFlight: 5000 });
    try {
      const sends = Array.from({ length: 20_000 }, (_, i) => p.send({ topic: t, partition: i % 2, value: `${i}` }));
      const results = await Promise.all(sends);
      for (let part = 0; part < 2; part++) {
        expect(results.filter((r) => r.partition === part).map((r) => r.offset)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
      }
      const consumed = await consumeAll(bootstrap, t, { expected: 20_000, partitions: 2 });
      expect(consumed).toHaveLength(20_000);
      for (let part = 0; part < 2; part++) {
        const values = consumed.filter((m) => m.partition === part).map((m) => Number(m.value));
        expect(values).toEqual(Array.from({ length: 10_000 }, (_, i) => 2 * i + part));
      }
    } finally {
      await p.close();
    }
  });

  test('headers, explicit timestamps and null values survive the round trip; RecordMetadata carries the create time', async () => {
    const t = await topic('p-fields-', 1);
    const p = new Producer({ 'bootstrap.servers': bootstrap });
    try {
      const ts = Date.UTC(2023, 5, 1);
      const md = await p.send({ topic: t, key: 'k', value: null, timestamp: ts, headers: [['a', '1'], ['a', '2'], ['b', Buffer.from([0x41])]] });
      expect(md).toEqual({ topic: t, partition: 0, offset: 0, timestamp: ts });
      const [m] = await consumeAll(bootstrap, t, { expected: 1, partitions: 1 });
      expect(m).toMatchObject({ key: 'k', value: null, timestamp: ts, headers: [['a', '1'], ['a', '2'], ['b', 'A']] });
    } finally {
      await p.close();
    }
  });

  test('transactions: read_committed sees committed messages only; sendOffsetsToTransaction commits the group offsets', async () => {
    const t = await topic('p-txn-', 3);
    const input = await topic('p-txn-in-', 1);
    const group = uniqueName('p-txn-group-');
    const p = new Producer({ 'bootstrap.servers': bootstrap, 'transactional.id': uniqueName('p-txn-id-') });
    try {
      await p.initTransactions();

      p.beginTransaction();
      await p.sendBatch(Array.from({ length: 500 }, (_, i) => ({ topic: t, key: `${i}`, value: `commit-1-${i}` })));
      await p.sendOffsetsToTransaction([{ topic: input, partition: 0, offset: 17 }], { groupId: group });
      await p.commitTransaction();

      p.beginTransaction();
      await Promise.all(Array.from({ length: 300 }, (_, i) => p.send({ topic: t, key: `${i}`, value: `abort-${i}` })));
      await p.sendOffsetsToTransaction([{ topic: input, partition: 0, offset: 99 }], group);
      await p.abortTransaction();

      p.beginTransaction();
      await Promise.all(Array.from({ length: 200 }, (_, i) => p.send({ topic: t, value: `commit-2-${i}` })));
      await p.commitTransaction();

      const committed = await consumeAll(bootstrap, t, { expected: 700, partitions: 3, isolation: 'read_committed', settleMs: 1500 });
      const values = committed.map((m) => m.value!);
      expect(values).toHaveLength(700);
      expect(values.filter((v) => v.startsWith('abort-'))).toEqual([]);
      expect(new Set(values).size).toBe(700);
      const all = await consumeAll(bootstrap, t, { expected: 1000, partitions: 3, isolation: 'read_uncommitted', settleMs: 1500 });
      expect(all.filter((m) => m.value!.startsWith('abort-'))).toHaveLength(300);

      const consumer = new Kafka.KafkaConsumer({ 'bootstrap.servers': bootstrap, 'group.id': group }, {});
      await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 15000 }, (err) => (err ? reject(err) : resolve())));
      try {
        const offsets = await new Promise<Array<{ offset?: number }>>((resolve, reject) =>
          consumer.committed([{ topic: input, partition: 0 }], 15000, (err, tps) => (err ? reject(err) : resolve(tps))),
        );
        expect(offsets[0].offset).toBe(17);
      } finally {
        await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
      }
    } finally {
      await p.close();
    }
  });

  test('SASL/OAUTHBEARER with oauth_cb: the callback supplies the token and messages are delivered', async () => {
    const t = await topic('p-oauth-', 1);
    const calls: string[] = [];
    const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const p = new Producer({
      'bootstrap.servers': cluster.saslPlaintext.bootstrap,
      'security.protocol': 'sasl_plaintext',
      'sasl.mechanisms': 'OAUTHBEARER',
      'sasl.oauthbearer.config': 'scope=test',
      oauth_cb: async (config) => {
        calls.push(config);
        const now = Math.floor(Date.now() / 1000);
        // An unsecured JWT, which the cluster's test validator accepts; Python's tuple shape, expiry in seconds.
        return [`${b64({ alg: 'none' })}.${b64({ sub: cluster.oauthbearer.principal, iat: now, exp: now + 3600 })}.`, now + 3600, cluster.oauthbearer.principal] as const;
      },
    });
    try {
      await p.connect({ timeoutMs: 20_000 });
      await expect(p.send({ topic: t, value: 'via oauth' })).resolves.toMatchObject({ partition: 0, offset: 0 });
      expect(calls).toEqual(['scope=test']);
    } finally {
      await p.close();
    }
  });

  test('a second producer with the same transactional.id fences the first: its commit fails fatally', async () => {
    const t = await topic('p-fence-', 1);
    const id = uniqueName('p-fence-id-');
    const first = new Producer({ 'bootstrap.servers': bootstrap, 'transactional.id': id, logger: () => undefined });
    const second = new Producer({ 'bootstrap.servers': bootstrap, 'transactional.id': id });
    try {
      await first.initTransactions();
      first.beginTransaction();
      await first.send({ topic: t, value: 'zombie' });
      await second.initTransactions();
      const err = await first.commitTransaction().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaError);
      expect((err as KafkaError).fatal || (err as KafkaError).txnRequiresAbort).toBe(true);
      second.beginTransaction();
      await second.send({ topic: t, value: 'live' });
      await second.commitTransaction();
      const seen = await consumeAll(bootstrap, t, { expected: 1, partitions: 1, isolation: 'read_committed', settleMs: 1000 });
      expect(seen.map((m) => m.value)).toEqual(['live']);
    } finally {
      await Promise.all([first.close({ timeoutMs: 2000 }), second.close()]);
    }
  });
});
