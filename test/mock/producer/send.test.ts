/**
 * Promise-style producing on the embedded cluster: send(), sendBatch(), the
 * send gate (backpressure, sync mode), and what is consumed back.
 */
import { KafkaError, SerializationError } from '../../../src/errors';
import { JsonSerializer, StringSerializer } from '../../../src/serde/primitives';
import { Producer, type RecordMetadata } from '../../../src/producer';
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

/** Per partition, the offsets must be exactly 0..n-1. */
function expectContiguous(results: RecordMetadata[]): void {
  const byPartition = new Map<number, number[]>();
  for (const r of results) {
    const list = byPartition.get(r.partition) ?? [];
    list.push(r.offset);
    byPartition.set(r.partition, list);
  }
  for (const offsets of byPartition.values()) {
    offsets.sort((a, b) => a - b);
    expect(offsets).toEqual(offsets.map((_, i) => i));
  }
}

describe('send()', () => {
  test('resolves each message with its partition, offset and timestamp; all are consumed back', async () => {
    const topic = uniqueTopic('send');
    cluster.createTopic(topic, 3);
    const p = producer();
    try {
      await p.connect();
      const sends: Array<Promise<RecordMetadata>> = [];
      for (let i = 0; i < 300; i++) sends.push(p.send({ topic, key: `k${i % 10}`, value: `v${i}` }));
      const results = await Promise.all(sends);
      expect(results).toHaveLength(300);
      for (const r of results) {
        expect(r.topic).toBe(topic);
        expect(r.partition).toBeGreaterThanOrEqual(0);
        expect(r.partition).toBeLessThan(3);
        // The embedded broker answers every produce with LogAppendTime 1234; a real broker
        // gives -1 (CreateTime topics) and librdkafka then reports the create time.
        expect(typeof r.timestamp).toBe('number');
      }
      expectContiguous(results);
      // Same key → same partition.
      const partitionOfKey = new Map<string, number>();
      results.forEach((r, i) => {
        const k = `k${i % 10}`;
        if (!partitionOfKey.has(k)) partitionOfKey.set(k, r.partition);
        expect(r.partition).toBe(partitionOfKey.get(k));
      });

      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 300, partitions: 3 });
      expect(consumed).toHaveLength(300);
      const byValue = new Map(consumed.map((m) => [m.value, m]));
      results.forEach((r, i) => {
        const m = byValue.get(`v${i}`);
        expect(m).toBeDefined();
        expect(m!.key).toBe(`k${i % 10}`);
        expect(m!.partition).toBe(r.partition);
        expect(m!.offset).toBe(r.offset);
      });
    } finally {
      await p.close();
    }
  });

  test('keeps call order within a partition, and honours explicit partition, headers, timestamp and null value', async () => {
    const topic = uniqueTopic('send-fields');
    cluster.createTopic(topic, 4);
    const p = producer();
    try {
      const ts = Date.UTC(2024, 0, 2, 3, 4, 5);
      const sends = [];
      for (let i = 0; i < 50; i++) sends.push(p.send({ topic, partition: 2, value: Buffer.from(`b${i}`), headers: { n: String(i), tag: ['x', 'y'] } }));
      sends.push(p.send({ topic, partition: 1, key: 'tomb', value: null, timestamp: ts, headers: [['h', Buffer.from('bytes')]] }));
      const results = await Promise.all(sends);
      expect(results.slice(0, 50).map((r) => r.partition)).toEqual(new Array(50).fill(2));
      expect(results.slice(0, 50).map((r) => r.offset)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(results[50]).toMatchObject({ topic, partition: 1, offset: 0 });

      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 51, partitions: 4 });
      const p2 = consumed.filter((m) => m.partition === 2).sort((a, b) => a.offset - b.offset);
      expect(p2.map((m) => m.value)).toEqual(Array.from({ length: 50 }, (_, i) => `b${i}`));
      expect(p2[7].headers).toEqual([
        ['n', '7'],
        ['tag', 'x'],
        ['tag', 'y'],
      ]);
      const tomb = consumed.find((m) => m.partition === 1)!;
      expect(tomb.key).toBe('tomb');
      expect(tomb.value).toBeNull();
      expect(tomb.timestamp).toBe(ts);
      expect(tomb.headers).toEqual([['h', 'bytes']]);
    } finally {
      await p.close();
    }
  });
});

describe('delivery reports in bulk', () => {
  test('60 000 sends over many delivery drains: each send() resolves with its own offset, in call order', async () => {
    // One partition: the offset of message i is i. Far more reports than one
    // hand-over to JS carries, so reports are passed in several calls that
    // reuse one buffer: a report read after it was overwritten would show here.
    const topic = uniqueTopic('bulk');
    cluster.createTopic(topic, 1);
    const p = producer({ 'batch.num.messages': 20_000 });
    try {
      const n = 60_000;
      const sends: Array<Promise<RecordMetadata>> = [];
      for (let i = 0; i < n; i++) {
        sends.push(p.send({ topic, value: `v${i}` }));
        if (i % 7_000 === 0) await new Promise((r) => setImmediate(r));
      }
      const results = await Promise.all(sends);
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(new Set(results.map((r) => r.partition))).toEqual(new Set([0]));
    } finally {
      await p.close();
    }
  });
});

describe('sendBatch()', () => {
  test('10 000 messages: one result per message in input order, contiguous offsets, contents consumed back', async () => {
    const topic = uniqueTopic('batch');
    cluster.createTopic(topic, 5);
    const p = producer();
    try {
      const n = 10_000;
      const messages = Array.from({ length: n }, (_, i) => ({
        topic,
        key: `key-${i % 97}`,
        value: i % 2 === 0 ? `value-${i}` : Buffer.from(`value-${i}`),
        headers: i % 1000 === 0 ? { marker: `m${i}` } : undefined,
      }));
      const results = await p.sendBatch(messages);
      expect(results).toHaveLength(n);
      expectContiguous(results);

      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: n, partitions: 5 });
      expect(consumed).toHaveLength(n);
      const at = new Map(consumed.map((m) => [`${m.partition}/${m.offset}`, m]));
      results.forEach((r, i) => {
        const m = at.get(`${r.partition}/${r.offset}`)!;
        expect(m.value).toBe(`value-${i}`);
        expect(m.key).toBe(`key-${i % 97}`);
        if (i % 1000 === 0) expect(m.headers).toEqual([['marker', `m${i}`]]);
      });
    } finally {
      await p.close();
    }
  });

  test('messages for several topics keep their order per topic', async () => {
    const a = uniqueTopic('batch-a');
    const b = uniqueTopic('batch-b');
    cluster.createTopic(a, 1);
    cluster.createTopic(b, 1);
    const p = producer();
    try {
      const messages = Array.from({ length: 600 }, (_, i) => ({ topic: i % 3 === 0 ? b : a, value: `${i}` }));
      const results = await p.sendBatch(messages);
      expect(results.filter((r) => r.topic === a).map((r) => r.offset)).toEqual(Array.from({ length: 400 }, (_, i) => i));
      expect(results.filter((r) => r.topic === b).map((r) => r.offset)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      const consumedB = await consumeAll(cluster.bootstrapServers, b, { expected: 200, partitions: 1 });
      expect(consumedB.map((m) => m.value)).toEqual(messages.filter((m) => m.topic === b).map((m) => m.value));
    } finally {
      await p.close();
    }
  });

  test('many batches of mixed sizes in flight at once, then more after they settle: each resolves with its own outcomes', async () => {
    const topic = uniqueTopic('batch-mixed');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      const sizes = [3, 700, 64, 5000, 1, 129, 2048, 700, 65, 4096];
      let next = 0;
      const round = (): Array<Promise<RecordMetadata[]>> =>
        sizes.map((n) => p.sendBatch(Array.from({ length: n }, () => ({ topic, value: `v${next++}` }))));
      // Two rounds: the second runs on storage the first gave back.
      const first = await Promise.all(round());
      const second = await Promise.all(round());
      const all = [...first, ...second].flat();
      expect(all).toHaveLength(2 * sizes.reduce((a, b) => a + b, 0));
      // One partition, batches in call order: offsets are exactly 0..n-1 in input order.
      expect(all.map((r) => r.offset)).toEqual(all.map((_, i) => i));
      for (const r of all) {
        expect(r.topic).toBe(topic);
        expect(r.partition).toBe(0);
        expect(r.timestamp).toBeGreaterThan(0);
      }
      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: all.length, partitions: 1 });
      expect(consumed.map((m) => m.value)).toEqual(all.map((_, i) => `v${i}`));
    } finally {
      await p.close();
    }
  });

  test('keys and values arrive byte for byte: UTF-8 strings, binary, views, empty and null; small runs and runs too large to pack', async () => {
    const topic = uniqueTopic('batch-bytes');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      const backing = Buffer.from('0123456789abcdef');
      const shapes: Array<string | Uint8Array | null> = [
        'ascii',
        'é-ü 日本語 😀',
        `${'a'.repeat(64)}é`,
        'x'.repeat(300),
        'a\ud800b',
        '',
        Buffer.alloc(0),
        Buffer.from([0, 255, 128, 10]),
        backing.subarray(3, 9),
        new Uint8Array(backing.buffer, backing.byteOffset + 10, 4),
        null,
      ];
      const small = shapes.flatMap((v) => shapes.map((k) => ({ topic, value: v, key: k })));
      // 4.7 MiB in one run: more than one packed call carries (the array form
      // takes it). Checked by its offsets only: the embedded cluster serves
      // large fetches slowly.
      const bigTopic = uniqueTopic('batch-bytes-big');
      cluster.createTopic(bigTopic, 1);
      const big = Array.from({ length: 1200 }, (_, i) => ({ topic: bigTopic, value: Buffer.alloc(4096, i), key: i % 2 === 0 ? `big-${i}` : null }));
      const a = await p.sendBatch(small);
      const b = await p.sendBatch(big);
      const c = await Promise.all(small.map((m) => p.send(m)));
      expect(b.map((r) => r.offset)).toEqual(big.map((_, i) => i));
      const offsets = [...a, ...c].map((r) => r.offset);
      expect(offsets).toEqual(offsets.map((_, i) => i));
      const all = [...small, ...small];

      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: all.length, partitions: 1 });
      expect(consumed).toHaveLength(all.length);
      const bytes = (v: string | Uint8Array | null): Buffer | null => (v === null ? null : typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v));
      consumed.forEach((m, i) => {
        expect(m.valueBytes).toEqual(bytes(all[i].value));
        expect(m.keyBytes).toEqual(bytes(all[i].key));
      });
    } finally {
      await p.close();
    }
  });

  test('an empty batch resolves to an empty list', async () => {
    const p = producer();
    try {
      await expect(p.sendBatch([])).resolves.toEqual([]);
    } finally {
      await p.close();
    }
  });
});

describe('the send gate', () => {
  test('maxInFlight caps un-acknowledged messages; the rest wait and all arrive in call order', async () => {
    const topic = uniqueTopic('gate');
    cluster.createTopic(topic, 1);
    const p = producer({ maxInFlight: 100 });
    try {
      let maxSeen = 0;
      const sends: Array<Promise<RecordMetadata>> = [];
      for (let i = 0; i < 5000; i++) {
        sends.push(
          p.send({ topic, value: `${i}` }).then((r) => {
            maxSeen = Math.max(maxSeen, p.inFlight);
            return r;
          }),
        );
        maxSeen = Math.max(maxSeen, p.inFlight);
      }
      expect(p.inFlight).toBe(100);
      expect(p.queueLength).toBe(5000);
      const results = await Promise.all(sends);
      expect(maxSeen).toBeLessThanOrEqual(100);
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
      expect(p.inFlight).toBe(0);
    } finally {
      await p.close();
    }
  });

  test('a local queue smaller than maxInFlight never surfaces queue-full to send(): messages wait and keep order', async () => {
    const topic = uniqueTopic('gate-queue');
    cluster.createTopic(topic, 1);
    const p = producer({ maxInFlight: 2000, 'queue.buffering.max.messages': 50 });
    try {
      const sends = Array.from({ length: 3000 }, (_, i) => p.send({ topic, value: `${i}` }));
      const batch = p.sendBatch(Array.from({ length: 1000 }, (_, i) => ({ topic, value: `b${i}` })));
      const results = await Promise.all(sends);
      const batchResults = await batch;
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
      expect(batchResults.map((r) => r.offset)).toEqual(Array.from({ length: 1000 }, (_, i) => 3000 + i));
    } finally {
      await p.close();
    }
  });

  test("mode 'sync': one message in flight at a time, order kept across broker errors and retries", async () => {
    const topic = uniqueTopic('sync');
    cluster.createTopic(topic, 1);
    const p = producer({ mode: 'sync', 'retry.backoff.ms': 10 });
    try {
      cluster.pushRequestErrors('Produce', ['NOT_ENOUGH_REPLICAS', 'REQUEST_TIMED_OUT', 'NOT_ENOUGH_REPLICAS']);
      let maxSeen = 0;
      const sends = Array.from({ length: 60 }, (_, i) =>
        p.send({ topic, value: `${i}` }).then((r) => {
          maxSeen = Math.max(maxSeen, p.inFlight);
          return r;
        }),
      );
      expect(p.inFlight).toBe(1);
      const results = await Promise.all(sends);
      expect(maxSeen).toBeLessThanOrEqual(1);
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: 60 }, (_, i) => i));
      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 60, partitions: 1 });
      expect(consumed.map((m) => m.value)).toEqual(Array.from({ length: 60 }, (_, i) => `${i}`));
    } finally {
      await p.close();
    }
  });

  test('sendBatch in sync mode sends one message at a time, in order', async () => {
    const topic = uniqueTopic('sync-batch');
    cluster.createTopic(topic, 1);
    const p = producer({ mode: 'sync' });
    try {
      const results = await p.sendBatch(Array.from({ length: 40 }, (_, i) => ({ topic, value: `${i}` })));
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    } finally {
      await p.close();
    }
  });
});

describe('serializers', () => {
  test('key.serializer and value.serializer (sync and async) are applied, order kept', async () => {
    const topic = uniqueTopic('serde');
    cluster.createTopic(topic, 1);
    const p = new Producer<number, { n: number }>({
      'bootstrap.servers': cluster.bootstrapServers,
      'key.serializer': (k) => (k === null || k === undefined ? null : Buffer.from(`#${k}`)),
      'value.serializer': {
        serialize: async (v, ctx) => {
          // Later values resolve sooner: order must still hold.
          await new Promise((r) => setTimeout(r, v && v.n % 2 === 0 ? 5 : 0));
          return Buffer.from(JSON.stringify({ ...v, topic: ctx.topic, field: ctx.field }));
        },
      },
    });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, n) => p.send({ topic, key: n, value: { n } })));
      expect(results.map((r) => r.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      const batch = await p.sendBatch([{ topic, key: 100, value: { n: 100 } }]);
      expect(batch[0].offset).toBe(20);
      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 21, partitions: 1 });
      expect(consumed.map((m) => m.key)).toEqual([...Array.from({ length: 20 }, (_, n) => `#${n}`), '#100']);
      expect(JSON.parse(consumed[3].value!)).toEqual({ n: 3, topic, field: 'value' });
    } finally {
      await p.close();
    }
  });
});

describe('serde classes', () => {
  test('StringSerializer keys and JsonSerializer values; a value the serializer refuses rejects with its SerializationError', async () => {
    const topic = uniqueTopic('serde-classes');
    cluster.createTopic(topic, 1);
    const p = new Producer<string, { id: number } | bigint>({
      'bootstrap.servers': cluster.bootstrapServers,
      'key.serializer': new StringSerializer(),
      'value.serializer': new JsonSerializer(),
    });
    try {
      await p.send({ topic, key: 'é', value: { id: 1 } });
      await p.sendBatch([{ topic, key: 'k2', value: { id: 2 } }]);
      const err = await p.send({ topic, key: 'k3', value: 10n }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SerializationError);
      expect(err).toMatchObject({ field: 'value', topic });
      const consumed = await consumeAll(cluster.bootstrapServers, topic, { expected: 2, partitions: 1 });
      expect(consumed.map((m) => [m.key, m.value])).toEqual([
        ['é', '{"id":1}'],
        ['k2', '{"id":2}'],
      ]);
    } finally {
      await p.close();
    }
  });
});

describe('delivery failures', () => {
  test('a non-retriable broker error rejects send() with a typed KafkaError; the next send succeeds', async () => {
    const topic = uniqueTopic('err');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      await p.send({ topic, value: 'warm-up' });
      cluster.pushRequestErrors('Produce', ['INVALID_RECORD']);
      const err = await p.send({ topic, value: 'refused' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KafkaError);
      expect(err).toMatchObject({ code: 'ERR_PRODUCE', kafkaName: 'INVALID_RECORD', retriable: false, fatal: false });
      expect((err as Error).message).toContain(topic);
      await expect(p.send({ topic, value: 'after' })).resolves.toMatchObject({ topic, partition: 0, offset: 1 });
    } finally {
      await p.close();
    }
  });

  test('retriable broker errors are retried by librdkafka; with retries off they reject as retriable', async () => {
    const topic = uniqueTopic('err-retry');
    cluster.createTopic(topic, 1);
    const retrying = producer({ 'retry.backoff.ms': 10 });
    const noRetry = producer({ retries: 0 });
    try {
      await retrying.send({ topic, value: 'a' });
      await noRetry.send({ topic, value: 'b' });
      cluster.pushRequestErrors('Produce', ['NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS']);
      await expect(retrying.send({ topic, value: 'c' })).resolves.toMatchObject({ offset: 2 });
      cluster.pushRequestErrors('Produce', ['NOT_ENOUGH_REPLICAS']);
      const err = await noRetry.send({ topic, value: 'd' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_PRODUCE', kafkaName: 'NOT_ENOUGH_REPLICAS', retriable: true });
    } finally {
      await Promise.all([retrying.close(), noRetry.close()]);
    }
  });

  test('authorization failures are AuthorizationError', async () => {
    const topic = uniqueTopic('err-auth');
    cluster.createTopic(topic, 1);
    const p = producer();
    try {
      await p.send({ topic, value: 'ok' });
      cluster.pushRequestErrors('Produce', ['TOPIC_AUTHORIZATION_FAILED']);
      const err = await p.send({ topic, value: 'no' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_AUTHORIZATION', kafkaName: 'TOPIC_AUTHORIZATION_FAILED' });
    } finally {
      await p.close();
    }
  });

  test('a failed message in a batch rejects with SendBatchError listing each outcome', async () => {
    const topic = uniqueTopic('err-batch');
    cluster.createTopic(topic, 2);
    const p = producer({ 'message.max.bytes': 2000 });
    try {
      const messages = [
        { topic, partition: 0, value: 'small-0' },
        { topic, partition: 0, value: 'x'.repeat(5000) },
        { topic, partition: 1, value: 'small-2' },
      ];
      const err = (await p.sendBatch(messages).catch((e: unknown) => e)) as import('../../../src/producer').SendBatchError;
      expect(err.name).toBe('SendBatchError');
      expect(err.code).toBe('ERR_PRODUCE');
      expect(err.failed).toEqual([1]);
      expect(err.kafkaName).toBe('MSG_SIZE_TOO_LARGE');
      expect(err.results[0]).toEqual({ topic, partition: 0, offset: 0, timestamp: expect.any(Number) });
      expect(err.results[2]).toEqual({ topic, partition: 1, offset: 0, timestamp: expect.any(Number) });
      expect(err.results[1]).toMatchObject({ kafkaName: 'MSG_SIZE_TOO_LARGE' });
    } finally {
      await p.close();
    }
  });

  test('an unknown partition rejects at once with _UNKNOWN_PARTITION', async () => {
    const topic = uniqueTopic('err-part');
    cluster.createTopic(topic, 2);
    const p = producer();
    try {
      await p.connect();
      await p.send({ topic, value: 'learn metadata' });
      const err = await p.send({ topic, partition: 7, value: 'x' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_PRODUCE', kafkaName: '_UNKNOWN_PARTITION' });
    } finally {
      await p.close();
    }
  });
});
