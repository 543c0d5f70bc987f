/** Producer configuration: splitting, stringifying, and every bad key reported. */
import { ConfigError } from '../../../src/errors';
import { resolveProducerConfig } from '../../../src/producer/config';
import { flattenHeaders } from '../../../src/producer/encode';

describe('resolveProducerConfig', () => {
  test.each([
    { config: { acks: 'all', 'linger.ms': 5, 'enable.idempotence': true, 'bootstrap.servers': ['a:1', 'b:2'] }, librdkafka: { acks: 'all', 'linger.ms': '5', 'enable.idempotence': 'true', 'bootstrap.servers': 'a:1,b:2' } },
    { config: { 'client.id': 'x', 'debug': undefined, 'sasl.password': null }, librdkafka: { 'client.id': 'x' } },
  ])('stringifies librdkafka properties: $config', ({ config, librdkafka }) => {
    expect(resolveProducerConfig(config).librdkafka).toEqual(librdkafka);
  });

  test('own options and Python callbacks are not passed to librdkafka', () => {
    const cb = (): void => undefined;
    const r = resolveProducerConfig({ maxInFlight: 10, mode: 'async', error_cb: cb, stats_cb: cb, throttle_cb: cb, oauth_cb: cb, on_delivery: cb, logger: cb, 'value.serializer': cb, 'key.serializer': { serialize: cb } });
    expect(r.librdkafka).toEqual({});
    expect(r.maxInFlight).toBe(10);
    expect(r.errorCb).toBe(cb);
  });

  test('maxInFlight defaults to queue.buffering.max.messages; sync mode is a gate of 1 with linger 0', () => {
    expect(resolveProducerConfig({}).maxInFlight).toBe(100_000);
    expect(resolveProducerConfig({ 'queue.buffering.max.messages': 500 }).maxInFlight).toBe(500);
    const sync = resolveProducerConfig({ mode: 'sync' });
    expect(sync.maxInFlight).toBe(1);
    expect(sync.librdkafka['linger.ms']).toBe('0');
    expect(resolveProducerConfig({ mode: 'sync', 'linger.ms': 3 }).librdkafka['linger.ms']).toBe('3');
  });

  test('every bad key is reported at once, with its path', () => {
    let err: ConfigError | undefined;
    try {
      resolveProducerConfig({ maxInFlight: -1, mode: 'turbo', error_cb: 3, logger: 'console', 'key.serializer': {}, 'socket.timeout.ms': NaN, 'ssl.ca.pem': { x: 1 }, 'oddity': () => 1 });
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.issues.map((i) => i.path).sort()).toEqual(['error_cb', 'key.serializer', 'logger', 'maxInFlight', 'mode', 'oddity', 'socket.timeout.ms', 'ssl.ca.pem']);
    expect(err!.issues.every((i) => i.severity === 'error')).toBe(true);
  });
});

describe('flattenHeaders', () => {
  test.each([
    { h: { a: '1', b: ['x', 'y'] }, flat: ['a', '1', 'b', 'x', 'b', 'y'] },
    { h: [['a', '1'], ['a', '2']], flat: ['a', '1', 'a', '2'] },
    { h: [{ key: 'k', value: 'v' }], flat: ['k', 'v'] },
    { h: { n: null }, flat: ['n', null] },
    { h: {}, flat: null },
  ])('$h', ({ h, flat }) => {
    expect(flattenHeaders(h as never, 'headers')).toEqual(flat);
  });

  test.each([
    { h: 'a=1', msg: /^headers: must be an object/ },
    { h: [['a']], msg: /^headers\[0\]: must be a \[name, value\] pair/ },
    { h: [[1, 'v']], msg: /^headers\[0\]: the header name must be a string/ },
    { h: { a: 1 }, msg: /^headers\.a: must be a Buffer/ },
    { h: { a: ['ok', {}] }, msg: /^headers\.a\[1\]: must be a Buffer/ },
  ])('refuses $h', ({ h, msg }) => {
    expect(() => flattenHeaders(h as never, 'headers')).toThrow(msg);
  });
});
