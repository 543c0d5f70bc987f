/**
 * Producer lifecycle on the embedded cluster: close while sending, config and
 * input errors, client-level callbacks, fatal errors, partitioner placement,
 * transactions.
 */
import { Partitioners } from 'kafkajs';
import { ConfigError, KafkaClientError, KafkaError, StateError } from '../../../src/errors';
import { Producer, type RecordMetadata } from '../../../src/producer';
import { raiseFatalErrorForTests } from '../../../src/producer/producer';
import { MockCluster } from '../../../src/testing/mock-cluster';
import { consumeAll, uniqueTopic } from './consume';

let cluster: MockCluster;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 3 });
});

afterAll(async () => {
  await cluster.stop();
});

function producer(extra: Record<string, unknown> = {}): Producer {
  return new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 2, ...extra });
}

type Settled = { ok: true; md: RecordMetadata } | { ok: false; err: unknown };

function settle(p: Promise<RecordMetadata>): Promise<Settled> {
  return p.then(
    (md) => ({ ok: true, md }),
    (err: unknown) => ({ ok: false, err }),
  );
}

describe('close()', () => {
  test('while 20 000 sends and a batch are in flight: every promise settles, delivered ones are in the topic', async () => {
    const topic = uniqueTopic('close-busy');
    cluster.createTopic(topic, 3);
    const p = producer({ maxInFlight: 5000 });
    const sends = Array.from({ length: 20_000 }, (_, i) => settle(p.send({ topic, value: `s${i}` })));
    const batch = p.sendBatch(Array.from({ length: 5000 }, (_, i) => ({ topic, value: `b${i}` }))).then(
      (r) => r.length,
      (e: unknown) => e,
    );
    const closing = p.close();
    expect(p.close()).toBe(closing);
    await closing;
    const outcomes = await Promise.all(sends);
    const delivered = outcomes.filter((o): o is { ok: true; md: RecordMetadata } => o.ok);
    // close() flushes: with a healthy cluster everything is delivered.
    expect(delivered).toHaveLength(20_000);
    expect(await batch).toBe(5000);
    const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 25_000, partitions: 3 });
    expect(consumed).toHaveLength(25_000);
    await expect(p.send({ topic, value: 'late' })).rejects.toBeInstanceOf(StateError);
    await expect(p.sendBatch([{ topic, value: 'late' }])).rejects.toBeInstanceOf(StateError);
  });

  test('with the broker down and a short timeout: queued sends reject (purged or never sent), close resolves', async () => {
    const c = await MockCluster.start({ brokers: 1 });
    const topic = uniqueTopic('close-down');
    c.createTopic(topic, 1);
    const p = new Producer({ 'bootstrap.servers': c.bootstrapServers, maxInFlight: 100, logger: () => undefined });
    try {
      await p.send({ topic, value: 'before' });
      c.setBrokerDown(1);
      const sends = Array.from({ length: 500 }, (_, i) => settle(p.send({ topic, value: `${i}` })));
      await p.close({ timeoutMs: 300 });
      const outcomes = await Promise.all(sends);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(0);
      for (const o of outcomes) {
        const err = (o as { err: KafkaClientError }).err;
        expect(err).toBeInstanceOf(KafkaClientError);
        // Admitted ones were purged; those still at the gate never left.
        expect(['_PURGE_QUEUE', '_PURGE_INFLIGHT', 'ERR_STATE']).toContain(err instanceof KafkaError ? err.kafkaName : err.code);
      }
    } finally {
      await p.close();
      await c.stop();
    }
  });

  test('close() with nothing sent, twice, and after a flush', async () => {
    const p = producer();
    await p.flush(1000);
    await p.close();
    await p.close();
    expect(p.queueLength).toBe(0);
    expect(p.connected).toBe(false);
  });
});

describe('bad input and bad config', () => {
  test('send() rejects with a typed error naming the field', async () => {
    const topic = uniqueTopic('bad');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      await expect(p.send({ topic, value: 42 as never })).rejects.toMatchObject({ code: 'ERR_SERIALIZATION', field: 'value', topic });
      await expect(p.send({ topic, value: 'v', key: [1] as never })).rejects.toMatchObject({ code: 'ERR_SERIALIZATION', field: 'key' });
      await expect(p.send({ topic, value: 'v', partition: -2 })).rejects.toThrow(/^partition: must be an integer >= 0/);
      await expect(p.send({ topic: 5 as never, value: 'v' })).rejects.toThrow(/^topic: must be a non-empty string/);
      await expect(p.send({ topic: 'x'.repeat(600), value: 'v' })).rejects.toThrow(/^topic: is 600 characters long/);
      await expect(p.sendBatch([{ topic, value: 'a' }, { topic: 'x'.repeat(300), value: 'b' }])).rejects.toThrow(/^messages\[1\]\.topic: is 300 characters long/);
      await expect(p.send({ topic, value: 'v', headers: [['a']] as never })).rejects.toThrow(/^headers\[0\]: must be a \[name, value\] pair/);
      await expect(p.send(null as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
      await expect(p.sendBatch('x' as never)).rejects.toThrow(/^messages: must be an array/);
    } finally {
      await p.close();
    }
  });

  test('sendBatch() with one bad message sends nothing and names messages[i].field', async () => {
    const topic = uniqueTopic('bad-batch');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      const messages = [
        { topic, value: 'a' },
        { topic, value: 'b', timestamp: 'yesterday' as never },
      ];
      await expect(p.sendBatch(messages)).rejects.toThrow(/^messages\[1\]\.timestamp: must be milliseconds/);
      await expect(p.sendBatch([{ topic, value: 'a' }, { topic, value: true as never }])).rejects.toMatchObject({
        code: 'ERR_SERIALIZATION',
        field: 'value',
        message: expect.stringContaining('messages[1].value'),
      });
      // Nothing of the refused batches was written: the next message gets offset 0.
      await expect(p.send({ topic, value: 'first' })).resolves.toMatchObject({ offset: 0 });
    } finally {
      await p.close();
    }
  });

  test('new Producer() reports every bad key in one ConfigError', () => {
    let err: unknown;
    try {
      new Producer({
        'bootstrap.servers': cluster.bootstrapServers,
        'no.such.property': 1,
        'linger.ms': 'soon' as never,
        mode: 'fast' as never,
        maxInFlight: 0,
        error_cb: 'not a function' as never,
        'value.serializer': 'org.apache.kafka.common.serialization.StringSerializer' as never,
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    // validateConfig's issues (unknown keys, types, Java class names) and the facade's own options, all at once.
    const paths = (err as ConfigError).issues.filter((i) => i.severity === 'error').map((i) => i.path).sort();
    expect(paths).toEqual(['error_cb', 'linger.ms', 'maxInFlight', 'mode', 'no.such.property', 'value.serializer']);
    // librdkafka's properties are checked before any handle exists, with a fix.
    let err2: unknown;
    try {
      new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'no.such.property': 1, 'linger.ms': 'soon' as never });
    } catch (e) {
      err2 = e;
    }
    expect(err2).toBeInstanceOf(ConfigError);
    expect((err2 as ConfigError).issues.map((i) => i.path).sort()).toEqual(['linger.ms', 'no.such.property']);
    expect((err2 as ConfigError).message).toContain('no.such.property is not a librdkafka property');
  });

  test('transactional.id with idempotence explicitly off is refused by librdkafka as a ConfigError', () => {
    expect(() => new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'transactional.id': 'x', 'enable.idempotence': false })).toThrow(ConfigError);
  });
});

describe('client callbacks', () => {
  test('error_cb gets typed errors when brokers are unreachable; stats_cb gets statistics JSON; logger gets log lines', async () => {
    const c = await MockCluster.start({ brokers: 1 });
    const errors: KafkaError[] = [];
    const stats: Array<{ type: string; name: string }> = [];
    const logs: Array<{ severity: number; fac: string }> = [];
    const p = new Producer({
      'bootstrap.servers': c.bootstrapServers,
      'statistics.interval.ms': 100,
      debug: 'broker',
      error_cb: (e) => errors.push(e),
      stats_cb: (json) => stats.push(JSON.parse(json) as { type: string; name: string }),
      logger: (r) => logs.push(r),
    });
    try {
      await p.connect();
      expect(p.connected).toBe(true);
      c.setBrokerDown(1);
      for (let i = 0; i < 300 && (errors.length === 0 || stats.length === 0); i++) await new Promise((r) => setTimeout(r, 50));
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toBeInstanceOf(KafkaError);
      expect(['_TRANSPORT', '_ALL_BROKERS_DOWN']).toContain(errors[0].kafkaName);
      expect(errors[0].fatal).toBe(false);
      expect(stats[0]).toMatchObject({ type: 'producer', name: p.name });
      expect(logs.some((l) => l.severity === 7 && l.fac.length > 0)).toBe(true);
    } finally {
      await p.close({ timeoutMs: 100 });
      await c.stop();
    }
  });

  test('a console-like logger gets formatted lines', async () => {
    const lines: string[] = [];
    const sink = (l: string) => lines.push(l);
    const p = producer({ logger: { error: sink, warn: sink, info: sink, debug: sink }, debug: 'generic' });
    try {
      await p.connect();
      for (let i = 0; i < 500 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(lines[0]).toMatch(/^librdkafka [A-Z]+: /);
    } finally {
      await p.close();
    }
  });

  test('a fatal error fails later sends with the fatal KafkaError and reaches error_cb', async () => {
    const topic = uniqueTopic('fatal');
    cluster.createTopic(topic, 1);
    const errors: KafkaError[] = [];
    const p = producer({ 'enable.idempotence': true, error_cb: (e: KafkaError) => errors.push(e), logger: () => undefined });
    try {
      await p.send({ topic, value: 'ok' });
      // What librdkafka raises on e.g. an idempotence sequence desync.
      raiseFatalErrorForTests(p, 47 /* INVALID_PRODUCER_EPOCH */);
      for (let i = 0; i < 500 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(errors[0]).toMatchObject({ fatal: true, kafkaName: 'INVALID_PRODUCER_EPOCH', retriable: false });
      expect(p.fatalError).toBe(errors[0]);
      await expect(p.send({ topic, value: 'after' })).rejects.toBe(errors[0]);
      expect(() => p.produce(topic, 'after')).toThrow(expect.objectContaining({ fatal: true }));
    } finally {
      await p.close();
    }
  });
});

describe('partitioning', () => {
  test('murmur2_random puts keyed messages on the partitions KafkaJS DefaultPartitioner picks', async () => {
    const topic = uniqueTopic('murmur');
    const partitions = 7;
    cluster.createTopic(topic, partitions);
    const p = producer({ partitioner: 'murmur2_random' });
    try {
      const keys = Array.from({ length: 2000 }, (_, i) => `user-${i * 7919}`);
      const results = await p.sendBatch(keys.map((key) => ({ topic, key, value: 'x' })));
      const kafkajs = Partitioners.DefaultPartitioner();
      const partitionMetadata = Array.from({ length: partitions }, (_, id) => ({ partitionId: id, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
      const expected = keys.map((key) => kafkajs({ topic, partitionMetadata, message: { key, value: 'x' } }));
      expect(results.map((r) => r.partition)).toEqual(expected);
    } finally {
      await p.close();
    }
  });
});

describe('transactions', () => {
  test('committed messages are visible to read_committed, aborted ones are not; sendOffsetsToTransaction is accepted', async () => {
    const topic = uniqueTopic('txn');
    const input = uniqueTopic('txn-in');
    cluster.createTopic(topic, 2);
    cluster.createTopic(input, 1);
    const p = producer({ 'transactional.id': `tx-${topic}` });
    try {
      await p.initTransactions();
      p.beginTransaction();
      const committed = await Promise.all(Array.from({ length: 100 }, (_, i) => p.send({ topic, key: `${i}`, value: `c${i}` })));
      await p.sendOffsetsToTransaction([{ topic: input, partition: 0, offset: 42 }], { groupId: `g-${topic}` });
      await p.commitTransaction();
      expect(committed).toHaveLength(100);

      p.beginTransaction();
      const aborted = Array.from({ length: 50 }, (_, i) => settle(p.send({ topic, value: `a${i}` })));
      await p.abortTransaction();
      const abortedOutcomes = await Promise.all(aborted);
      // Sent before the abort: either delivered (then written as aborted) or purged.
      expect(abortedOutcomes).toHaveLength(50);

      p.beginTransaction();
      p.produce(topic, { value: 'python-style' });
      await p.sendBatch([{ topic, value: 'batch-1' }, { topic, value: 'batch-2' }]);
      await p.commitTransaction();

      const visible = await consumeAll(cluster.bootstrapServers, topic, { expected: 103, partitions: 2, isolation: 'read_committed' });
      const values = visible.map((m) => m.value).sort();
      expect(values).toEqual([...Array.from({ length: 100 }, (_, i) => `c${i}`), 'batch-1', 'batch-2', 'python-style'].sort());

      // (The embedded broker accepts TxnOffsetCommit but does not store it: the kafka tier checks the group's offsets.)
    } finally {
      await p.close();
    }
  });

  test('transaction misuse is a typed KafkaError; bad offsets name the field', async () => {
    const topic = uniqueTopic('txn-bad');
    cluster.createTopic(topic, 1);
    const p = producer({ 'transactional.id': `tx-${topic}` });
    try {
      await p.initTransactions();
      let err: unknown;
      try {
        await p.commitTransaction();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(KafkaError);
      expect(err).toMatchObject({ kafkaName: '_STATE' });
      // Sending outside a transaction is refused.
      await expect(p.send({ topic, value: 'x' })).rejects.toMatchObject({ kafkaName: '_STATE' });
      p.beginTransaction();
      expect(() => p.beginTransaction()).toThrow(expect.objectContaining({ kafkaName: '_STATE' }));
      await expect(p.sendOffsetsToTransaction([{ topic, partition: 0, offset: -5 }], 'g')).rejects.toThrow(/^offsets\[0\]\.offset: must be an integer >= 0/);
      await expect(p.sendOffsetsToTransaction([], '' as never)).rejects.toThrow(/^groupMetadata: the group id must not be empty/);
      await p.abortTransaction();
    } finally {
      await p.close();
    }
  });

  test('a non-transactional producer refuses transaction calls', async () => {
    const p = producer();
    try {
      await expect(p.initTransactions(1000)).rejects.toMatchObject({ code: 'ERR_KAFKA', kafkaName: '_NOT_CONFIGURED' });
    } finally {
      await p.close();
    }
  });
});
