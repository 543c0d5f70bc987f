import { AuthorizationError, ConsumeError, KafkaClientError } from '../../../src/errors';
import {
  codeFromDescription,
  configFlag,
  consumeErrorFromCode,
  fetchLoop,
  fromRdkafkaError,
  groupByPartition,
  interleaveEofs,
  offsetsOfMessages,
  splitConsumerConfig,
  toHeaders,
  toMessage,
  toSubscriptionPattern,
  toTopicPartitionOffsets,
  type RawBatch,
  type RawMessage,
} from '../../../src/consumer/internal';
import { OFFSET_INVALID, type Message } from '../../../src/consumer';

const raw = (partition: number, offset: number, extra: Partial<RawMessage> = {}): RawMessage => ({
  topic: 't',
  partition,
  offset,
  key: null,
  value: Buffer.from(`v${partition}-${offset}`),
  size: 4,
  timestamp: 1_700_000_000_000 + offset,
  ...extra,
});

describe('toMessage', () => {
  test('maps every field of a node-rdkafka message', () => {
    const m = toMessage(raw(2, 7, { key: Buffer.from('k'), headers: [{ a: Buffer.from('1') }, { b: Buffer.from('2') }, { a: Buffer.from('3') }] }));
    expect(m).toEqual({
      topic: 't',
      partition: 2,
      offset: 7,
      key: Buffer.from('k'),
      value: Buffer.from('v2-7'),
      headers: [
        { key: 'a', value: Buffer.from('1') },
        { key: 'b', value: Buffer.from('2') },
        { key: 'a', value: Buffer.from('3') },
      ],
      timestamp: { type: 'unknown', ms: 1_700_000_000_007 },
      leaderEpoch: null,
      size: 4,
      error: null,
      eof: false,
    });
  });

  test('absent key, headers and timestamp', () => {
    const m = toMessage({ topic: 't', partition: 0, offset: 0, value: null, size: 0, timestamp: -1 });
    expect(m.key).toBeNull();
    expect(m.value).toBeNull();
    expect(m.headers).toEqual([]);
    expect(m.timestamp).toEqual({ type: 'not-available', ms: -1 });
  });

  test('string keys become Buffers', () => {
    expect(toMessage(raw(0, 0, { key: 'abc' })).key).toEqual(Buffer.from('abc'));
    expect(toHeaders(undefined)).toEqual([]);
  });
});

describe('interleaveEofs', () => {
  const msgs = [toMessage(raw(0, 0)), toMessage(raw(1, 0)), toMessage(raw(0, 1))];
  const mk = (e: { partition: number; offset: number }): Message => ({ ...toMessage(raw(e.partition, e.offset)), eof: true });
  test.each([
    { name: 'no eofs', eofs: [], expected: ['0:0', '1:0', '0:1'] },
    { name: 'before first', eofs: [{ topic: 't', partition: 2, offset: 5, messageIndex: -1 }], expected: ['eof2:5', '0:0', '1:0', '0:1'] },
    { name: 'after a middle message', eofs: [{ topic: 't', partition: 1, offset: 1, messageIndex: 1 }], expected: ['0:0', '1:0', 'eof1:1', '0:1'] },
    {
      name: 'two after the last',
      eofs: [
        { topic: 't', partition: 0, offset: 2, messageIndex: 2 },
        { topic: 't', partition: 1, offset: 1, messageIndex: 2 },
      ],
      expected: ['0:0', '1:0', '0:1', 'eof0:2', 'eof1:1'],
    },
  ])('$name', ({ eofs, expected }) => {
    const out = interleaveEofs(msgs, eofs, mk).map((m) => `${m.eof ? 'eof' : ''}${m.partition}:${m.offset}`);
    expect(out).toEqual(expected);
  });
});

describe('offsets and grouping', () => {
  const list = [
    { topic: 'a', partition: 0, offset: 5 },
    { topic: 'b', partition: 0, offset: 9 },
    { topic: 'a', partition: 0, offset: 7 },
    { topic: 'a', partition: 1, offset: 2 },
    { topic: 'a', partition: 0, offset: 6 },
  ];
  test('offsetsOfMessages commits the highest offset + 1 per partition', () => {
    expect(offsetsOfMessages(list)).toEqual([
      { topic: 'a', partition: 0, offset: 8 },
      { topic: 'b', partition: 0, offset: 10 },
      { topic: 'a', partition: 1, offset: 3 },
    ]);
  });
  test('groupByPartition keeps delivery order inside each partition', () => {
    expect(groupByPartition(list).map((g) => g.map((m) => `${m.topic}${m.partition}@${m.offset}`))).toEqual([['a0@5', 'a0@7', 'a0@6'], ['b0@9'], ['a1@2']]);
  });
});

describe('config', () => {
  test('splits facade keys from librdkafka properties', () => {
    const d = (b: Buffer | null | undefined): string => String(b);
    const errorCb = jest.fn();
    const logs: unknown[] = [];
    const s = splitConsumerConfig({
      'bootstrap.servers': 'x:1',
      'group.id': 'g',
      'enable.auto.commit': false,
      'session.timeout.ms': 6000,
      'value.deserializer': d,
      error_cb: errorCb,
      logger: { log: (r) => logs.push(r) },
      'fetch.wait.max.ms': undefined,
      'auto.offset.reset': 'earliest',
    });
    expect(s.topic).toEqual({ 'auto.offset.reset': 'earliest' });
    expect(s.rdkafka).toEqual({ 'bootstrap.servers': 'x:1', 'group.id': 'g', 'enable.auto.commit': false, 'session.timeout.ms': 6000 });
    expect(s.valueDeserializer).toBe(d);
    expect(s.errorCb).toBe(errorCb);
    s.logger!({ severity: 4, fac: 'X', message: 'm' });
    expect(logs).toEqual([{ severity: 4, fac: 'X', message: 'm' }]);
  });

  test('names every key whose value librdkafka cannot take', () => {
    expect(() => splitConsumerConfig({ 'a.b': {}, 'c.d': () => 1, ok: 'x' })).toThrow(/`a\.b`, `c\.d`/);
  });

  test.each([
    [undefined, true, true],
    [undefined, false, false],
    [false, true, false],
    ['false', true, false],
    ['TRUE', false, true],
    ['1', false, true],
    [0, true, false],
  ])('configFlag(%p, %p) = %p', (value, fallback, expected) => {
    expect(configFlag(value, fallback)).toBe(expected);
  });
});

describe('toSubscriptionPattern', () => {
  test.each([
    ['orders', 'orders'],
    [/^orders-.*/, '^orders-.*'],
    [/orders/, '^.*orders'],
  ])('%p -> %p', (input, expected) => {
    expect(toSubscriptionPattern(input)).toBe(expected);
  });
  test('rejects flags librdkafka cannot honour', () => {
    expect(() => toSubscriptionPattern(/orders/i)).toThrow(KafkaClientError);
  });
});

describe('errors', () => {
  test('consume errors are ConsumeErrors with name and retriable flag', () => {
    const e = consumeErrorFromCode(3, 'consume');
    expect(e).toBeInstanceOf(ConsumeError);
    expect(e.kafkaName).toBe('UNKNOWN_TOPIC_OR_PART');
    expect(e.retriable).toBe(true);
    const state = consumeErrorFromCode(-172, 'consume');
    expect(state.kafkaName).toBe('_STATE');
    expect(state.retriable).toBe(false);
  });

  test('authorization codes keep their class', () => {
    const e = consumeErrorFromCode(29, 'consume');
    expect(e).toBeInstanceOf(AuthorizationError);
    expect(e.code).toBe('ERR_AUTHORIZATION');
  });

  test('node-rdkafka error objects and per-partition Error texts are mapped back to codes', () => {
    expect(fromRdkafkaError({ code: -185, message: 'Local: Timed out' }, 'x')).toMatchObject({ errno: -185, kafkaName: '_TIMED_OUT' });
    expect(codeFromDescription('Broker: Unknown topic or partition')).toBe(3);
    const list = toTopicPartitionOffsets(
      [{ topic: 't', partition: 0, offset: 4 }, new Error('Broker: Unknown topic or partition'), { topic: 't', partition: 2 }],
      [
        { topic: 't', partition: 0 },
        { topic: 't', partition: 1 },
        { topic: 't', partition: 2 },
      ],
      'committed',
    );
    expect(list[0]).toEqual({ topic: 't', partition: 0, offset: 4 });
    expect(list[1]).toMatchObject({ topic: 't', partition: 1, offset: OFFSET_INVALID, error: { kafkaName: 'UNKNOWN_TOPIC_OR_PART' } });
    expect(list[2]).toEqual({ topic: 't', partition: 2, offset: OFFSET_INVALID });
  });
});

describe('fetchLoop', () => {
  /**
   * A simulated librdkafka queue: `arrivals[i]` is the (virtual) time message i becomes
   * available. `call` behaves like node-rdkafka's native consume: each message is waited for
   * up to `timeout` ms, and the call goes on until `count` or a timeout.
   */
  function simulate(arrivals: number[]) {
    let clock = 0;
    let next = 0;
    const calls: { timeout: number; count: number; at: number }[] = [];
    const call = async (timeout: number, count: number): Promise<RawBatch> => {
      calls.push({ timeout, count, at: clock });
      const messages: RawMessage[] = [];
      while (messages.length < count && next < arrivals.length) {
        const wait = Math.max(0, arrivals[next] - clock);
        if (wait > timeout) break;
        clock += wait;
        messages.push(raw(0, next++));
      }
      if (messages.length < count) clock += next < arrivals.length ? Math.min(timeout, Math.max(0, arrivals[next] - clock)) : timeout;
      return { messages, eofs: [] };
    };
    return { call, calls, now: () => clock };
  }

  test('the whole batch is bounded by waitMs even when every message arrives just inside the per-message timeout', async () => {
    // One message every 90 ms: node-rdkafka's consume(1000 ms, 100) would take 100 x 90 ms = 9 s.
    const sim = simulate(Array.from({ length: 100 }, (_, i) => (i + 1) * 90));
    const r = await fetchLoop({ call: sim.call, onError: () => undefined, active: () => true, now: sim.now, count: 100, waitMs: 1000, fill: true, sliceMs: 200 });
    expect(sim.now()).toBeLessThanOrEqual(1000);
    expect(r.messages.map((m) => m.offset)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    for (const c of sim.calls) expect(c.timeout === 0 || c.count === 1).toBe(true);
    for (const c of sim.calls) expect(c.timeout).toBeLessThanOrEqual(200);
  });

  test('a ready queue is drained in one call', async () => {
    const sim = simulate(Array.from({ length: 500 }, () => 0));
    const r = await fetchLoop({ call: sim.call, onError: () => undefined, active: () => true, now: sim.now, count: 300, waitMs: 1000, fill: true, sliceMs: 200 });
    expect(r.messages).toHaveLength(300);
    expect(sim.calls).toEqual([{ timeout: 0, count: 300, at: 0 }]);
  });

  test('fill=false returns as soon as something came', async () => {
    const sim = simulate([50, 60, 70, 5000]);
    const r = await fetchLoop({ call: sim.call, onError: () => undefined, active: () => true, now: sim.now, count: 100, waitMs: 10_000, fill: false, sliceMs: 200 });
    expect(r.messages.map((m) => m.offset)).toEqual([0]);
    expect(sim.now()).toBe(50);
  });

  test('returns empty at the deadline; a retriable error waits and goes on; a fatal one ends the fetch', async () => {
    const sim = simulate([]);
    const r = await fetchLoop({ call: sim.call, onError: () => undefined, active: () => true, now: sim.now, count: 5, waitMs: 450, fill: true, sliceMs: 200 });
    expect(r.messages).toEqual([]);
    expect(sim.calls.map((c) => c.timeout)).toEqual([0, 200, 200, 50]);

    let n = 0;
    const flaky = async (): Promise<RawBatch> => {
      n += 1;
      if (n === 1) throw { code: 3 };
      if (n === 2) return { messages: [raw(0, 0)], eofs: [] };
      throw { code: -150 };
    };
    const boom = new Error('fatal');
    const r2 = await fetchLoop({ call: flaky, onError: (e) => ((e as { code: number }).code === -150 ? boom : undefined), active: () => true, now: () => 0, count: 5, waitMs: 100, fill: true, sliceMs: 200 });
    expect(r2.messages).toHaveLength(1);
    expect(r2.error).toBe(boom);
  });

  test('stops when no longer active (close)', async () => {
    const sim = simulate([]);
    let active = true;
    const r = await fetchLoop({
      call: async (t, c) => {
        active = false;
        return sim.call(t, c);
      },
      onError: () => undefined,
      active: () => active,
      now: sim.now,
      count: 5,
      waitMs: 60_000,
      fill: true,
      sliceMs: 200,
    });
    expect(r.messages).toEqual([]);
    expect(sim.calls).toHaveLength(1);
  });
});
