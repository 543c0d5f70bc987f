/**
 * decodeBatch: the native engine's one-crossing batch layout (one Buffer, one Float64Array) back
 * into messages, without a broker.
 */
import { decodeBatch, type NativeBatch } from '../../../src/consumer/native-engine';

/** Lays out messages the way native/consumer.cc does. */
function layout(
  topics: string[],
  messages: Array<{ topic: number; partition: number; offset: number; ts: number; tsType: number; key: Buffer | null; value: Buffer | null; epoch: number; headers?: Array<[string, Buffer | null]> }>,
): NativeBatch {
  const chunks: Buffer[] = [];
  const meta: number[] = [];
  const headerNames: string[] = [];
  const headerLengths: number[] = [];
  for (const m of messages) {
    if (m.key) chunks.push(m.key);
    if (m.value) chunks.push(m.value);
    for (const [name, value] of m.headers ?? []) {
      headerNames.push(name);
      headerLengths.push(value ? value.length : -1);
      if (value) chunks.push(value);
    }
    meta.push(m.topic, m.partition, m.offset, m.ts, m.tsType, m.key ? m.key.length : -1, m.value ? m.value.length : -1, m.epoch, m.headers?.length ?? 0);
  }
  const batch: NativeBatch = { data: Buffer.concat(chunks), meta: Float64Array.from(meta), count: messages.length, topics };
  if (headerNames.length > 0) {
    batch.headerNames = headerNames;
    batch.headerLengths = Float64Array.from(headerLengths);
  }
  return batch;
}

test('keys, values and headers come back in order, nulls stay null, empty stays empty', () => {
  const batch = layout(
    ['a', 'b'],
    [
      { topic: 0, partition: 2, offset: 10, ts: 1700000000000, tsType: 1, key: Buffer.from('k1'), value: Buffer.from('v1'), epoch: 3, headers: [['h', Buffer.from('x')], ['h', null], ['e', Buffer.alloc(0)]] },
      { topic: 1, partition: 0, offset: 11, ts: -1, tsType: 0, key: null, value: null, epoch: -1 },
      { topic: 0, partition: 1, offset: 12, ts: 1700000000001, tsType: 2, key: Buffer.alloc(0), value: Buffer.from([0, 255]), epoch: 0 },
    ],
  );
  const [m1, m2, m3] = decodeBatch(batch);
  expect(m1).toEqual({
    topic: 'a',
    partition: 2,
    offset: 10,
    key: Buffer.from('k1'),
    value: Buffer.from('v1'),
    headers: [
      { key: 'h', value: Buffer.from('x') },
      { key: 'h', value: Buffer.alloc(0) },
      { key: 'e', value: Buffer.alloc(0) },
    ],
    timestamp: { type: 'create-time', ms: 1700000000000 },
    leaderEpoch: 3,
    size: 2,
    error: null,
    eof: false,
  });
  expect(m2).toMatchObject({ topic: 'b', key: null, value: null, headers: [], timestamp: { type: 'not-available', ms: -1 }, leaderEpoch: null, size: 0 });
  expect(m3).toMatchObject({ topic: 'a', partition: 1, key: Buffer.alloc(0), value: Buffer.from([0, 255]), timestamp: { type: 'log-append-time' }, leaderEpoch: 0 });
});

test('an empty batch decodes to no messages', () => {
  expect(decodeBatch({ data: Buffer.alloc(0), meta: new Float64Array(0), count: 0, topics: [] })).toEqual([]);
});
