/**
 * Consumer and AdminClient facades without a broker: configuration checks, state errors,
 * argument checks, OAUTHBEARER token refresh, loggers.
 */
import { AdminClient } from '../../../src/admin';
import { Consumer } from '../../../src/consumer';
import { normalizeOAuthResult, OAuthRefresher, toLogFunction } from '../../../src/consumer/internal';
import { ConfigError, KafkaClientError, StateError } from '../../../src/errors';

describe('construction', () => {
  test('a consumer config with several problems reports them all at once', () => {
    let error: unknown;
    try {
      new Consumer({ 'bootstrap.servers': 'x:1', 'group.id': 'g', 'auto.ofset.reset': 'earliest', 'session.timeout.ms': 'soon', 'key.deserializer': 'org.apache.kafka.common.serialization.StringDeserializer' } as never);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).issues.filter((i) => i.severity === 'error').map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['auto.ofset.reset', 'session.timeout.ms', 'key.deserializer']));
  });

  test('cross-field rules apply; warnings (a Java-only key) do not stop construction', () => {
    expect(() => new Consumer({ 'bootstrap.servers': 'x:1', 'group.id': 'g', 'max.poll.interval.ms': 10_000 })).toThrow(/max\.poll\.interval\.ms \(10000\) must be at least session\.timeout\.ms/);
    expect(() => new Consumer({ 'bootstrap.servers': 'x:1', 'group.id': 'g', 'max.poll.records': 5 })).not.toThrow();
  });

  test('an admin config is checked with the admin role', () => {
    expect(() => new AdminClient({ 'bootstrap.servers': 'x:1', 'group.id': 'g', 'linger.ms': 'fast' })).toThrow(ConfigError);
  });
});

describe('state and arguments (no broker needed)', () => {
  test('sync calls before connect throw StateError; close of a never-connected consumer resolves', async () => {
    const c = new Consumer({ 'bootstrap.servers': '127.0.0.1:1', 'group.id': 'g' });
    expect(c.isConnected).toBe(false);
    expect(() => c.assignment()).toThrow(StateError);
    expect(() => c.position()).toThrow(StateError);
    expect(() => c.pause([{ topic: 't', partition: 0 }])).toThrow(StateError);
    expect(() => c.storeOffsets({ offsets: [{ topic: 't', partition: 0, offset: 1 }] })).toThrow(StateError);
    await expect(c.consume(0)).rejects.toThrow(/positive integer/);
    await expect(c.subscribe([])).rejects.toThrow(/no topics/);
    await expect(c.subscribe(/x/i)).rejects.toThrow(/flags/);
    await expect(c.run({})).rejects.toThrow(/exactly one of eachBatch or eachMessage/);
    await c.close();
    await c.close();
    expect(c.isClosed).toBe(true);
    await expect(c.connect()).rejects.toBeInstanceOf(StateError);
    expect(await c.consume(5, 10)).toEqual([]);
    expect(await c.poll(10)).toBeNull();
  });

  test('a closed admin client refuses calls with StateError', async () => {
    const a = new AdminClient({ 'bootstrap.servers': '127.0.0.1:1' });
    await a.close();
    await expect(a.listTopics()).rejects.toBeInstanceOf(StateError);
    await expect(a.deleteTopics(['t'])).rejects.toBeInstanceOf(StateError);
    await expect(a.listConsumerGroupOffsets('g')).rejects.toBeInstanceOf(StateError);
  });
});

describe('OAUTHBEARER', () => {
  test.each([
    [{ token: 'a', lifetime: 1_900_000_000_000 }, { token: 'a', lifetime: 1_900_000_000_000 }],
    [['b', 1_900_000_000], { token: 'b', lifetime: 1_900_000_000_000 }],
    [['c', 1_900_000_000_123], { token: 'c', lifetime: 1_900_000_000_123 }],
  ])('normalizeOAuthResult(%p)', (input, expected) => {
    expect(normalizeOAuthResult(input)).toEqual(expected);
  });

  test.each([[null], [{ token: '' , lifetime: 1 }], [{ token: 'x' }], [['x', 'soon']]])('rejects %p', (input) => {
    expect(() => normalizeOAuthResult(input)).toThrow(KafkaClientError);
  });

  test('tokens are set on attach and replaced on every handle at 80 % of their lifetime', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      let n = 0;
      const configs: string[] = [];
      const r = new OAuthRefresher(
        async (cfg) => {
          configs.push(cfg);
          n += 1;
          return { token: `t${n}`, lifetime: Date.now() + 100_000 };
        },
        'principal=me',
        () => undefined,
      );
      const a: string[] = [];
      const b: string[] = [];
      await r.attach({ setOauthBearerToken: (t) => a.push(t) });
      await r.attach({ setOauthBearerToken: (t) => b.push(t) });
      expect([a, b]).toEqual([['t1'], ['t1']]);
      await jest.advanceTimersByTimeAsync(79_000);
      expect(a).toEqual(['t1']);
      await jest.advanceTimersByTimeAsync(2_000);
      expect([a, b]).toEqual([
        ['t1', 't2'],
        ['t1', 't2'],
      ]);
      expect(configs).toEqual(['principal=me', 'principal=me']);
      r.stop();
      await jest.advanceTimersByTimeAsync(200_000);
      expect(a).toEqual(['t1', 't2']);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a failing refresh is reported and retried', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      let n = 0;
      const errors: KafkaClientError[] = [];
      const r = new OAuthRefresher(
        async () => {
          n += 1;
          if (n === 2) throw new Error('idp down');
          return ['tok' + n, (Date.now() + 10_000) / 1000] as [string, number];
        },
        '',
        (e) => errors.push(e),
      );
      const seen: string[] = [];
      await r.attach({ setOauthBearerToken: (t) => seen.push(t) });
      await jest.advanceTimersByTimeAsync(8_000);
      expect(errors.map((e) => e.message)).toEqual(['oauth_cb failed: idp down']);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(seen).toEqual(['tok1', 'tok3']);
      r.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

test('loggers: a function, a log(record) object, or a level logger', () => {
  const records: unknown[] = [];
  toLogFunction((r) => records.push(r))!({ severity: 4, fac: 'A', message: 'x' });
  toLogFunction({ log: (r) => records.push(r) })!({ severity: 7, fac: 'B', message: 'y' });
  const lines: string[] = [];
  const level = { error: (m: string) => lines.push(`E ${m}`), warn: (m: string) => lines.push(`W ${m}`), info: (m: string) => lines.push(`I ${m}`) };
  const log = toLogFunction(level)!;
  for (const severity of [3, 4, 6, 7]) log({ severity, fac: 'F', message: String(severity) });
  expect(records).toEqual([
    { severity: 4, fac: 'A', message: 'x' },
    { severity: 7, fac: 'B', message: 'y' },
  ]);
  expect(lines).toEqual(['E librdkafka F: 3', 'W librdkafka F: 4', 'I librdkafka F: 6', 'I librdkafka F: 7']);
  expect(toLogFunction(undefined)).toBeUndefined();
});
