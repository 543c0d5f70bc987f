/** new Producer() validates its configuration with validateConfig before any librdkafka handle exists. */
import { ConfigError, Producer } from '../../../src';
import { checkProducerConfig } from '../../../src/producer/config';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('Producer config validation', () => {
  test('a typo key, a bad enum and a consumer-only key: one ConfigError naming each key', () => {
    const err = configError(() => new Producer({ 'bootstrap.server': '127.0.0.1:1', acks: 'maybe' as never, 'group.id': 'g' }));
    const byPath = new Map(err.issues.map((i) => [i.path, i]));
    expect(byPath.get('bootstrap.server')).toMatchObject({ severity: 'error', rule: 'unknown-key', fix: expect.stringContaining('bootstrap.servers') });
    expect(byPath.get('acks')).toMatchObject({ severity: 'error' });
    // group.id is consumer-only: an error on a producer (librdkafka would ignore it).
    expect(byPath.get('group.id')).toMatchObject({ severity: 'error', rule: 'role' });
    for (const key of ['bootstrap.server', 'acks', 'group.id']) expect(err.message).toContain(key);
  });

  test('validator issues and the facade option issues are reported together, each key once', () => {
    const err = configError(() =>
      checkProducerConfig({
        'bootstrap.servers': '127.0.0.1:1',
        'no.such.property': 1,
        'linger.ms': 'soon',
        mode: 'fast',
        maxInFlight: 0,
        error_cb: 'not a function',
        'value.serializer': 'org.apache.kafka.common.serialization.StringSerializer',
      }),
    );
    const paths = err.issues.filter((i) => i.severity === 'error').map((i) => i.path);
    expect([...new Set(paths)].sort()).toEqual(['error_cb', 'linger.ms', 'maxInFlight', 'mode', 'no.such.property', 'value.serializer']);
    expect(paths.filter((p) => p === 'error_cb')).toHaveLength(1);
  });

  test('delivery-guarantee rules run in the constructor', () => {
    const err = configError(() => new Producer({ 'bootstrap.servers': '127.0.0.1:1', 'enable.idempotence': true, acks: 0 }));
    expect(err.issues.map((i) => i.path).join(' ')).toContain('acks');
  });

  test('a valid config with Python callbacks, serializers and the facade options constructs', async () => {
    const cb = (): void => undefined;
    const serializer = { serialize: (v: unknown): Buffer => Buffer.from(String(v)) };
    const p = new Producer<unknown, unknown>({
      'bootstrap.servers': '127.0.0.1:1',
      acks: 'all',
      'linger.ms': '5',
      'enable.idempotence': 'true',
      maxInFlight: 50,
      mode: 'async',
      error_cb: cb,
      stats_cb: cb,
      throttle_cb: cb,
      oauth_cb: () => ({ token: 't', lifetime: Date.now() + 60_000, principal: 'p' }),
      on_delivery: cb,
      logger: { log: cb, info: cb, warn: cb, error: cb },
      'key.serializer': serializer,
      'value.serializer': serializer,
    });
    await p.close({ timeoutMs: 100 });
  });

  test('Java keys are translated before librdkafka sees them', () => {
    const r = checkProducerConfig({ 'bootstrap.servers': '127.0.0.1:1', 'max.request.size': 2_000_000, mode: 'sync' });
    expect(r.librdkafka['message.max.bytes']).toBe('2000000');
    expect(r.librdkafka['max.request.size']).toBeUndefined();
    expect(r.maxInFlight).toBe(1);
  });
});
