import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DoubleDeserializer,
  DoubleSerializer,
  IntegerDeserializer,
  IntegerSerializer,
  JsonDeserializer,
  JsonSerializer,
  StringDeserializer,
  StringSerializer,
} from '../../../src/serde/primitives';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { callDeserializer, callSerializer } from '../../../src/serde/types';
import { ConfigError, DeserializationError, SerializationError } from '../../../src/errors';
import { fromTagged } from './tagged';

interface PrimitiveVector {
  serde: 'string' | 'integer' | 'double';
  codec?: string;
  value: unknown;
  hex: string;
}
const vectors = JSON.parse(readFileSync(join(__dirname, '../../fixtures/wire/primitives.json'), 'utf8')) as PrimitiveVector[];
const ctx = new SerializationContext('t', MessageField.VALUE, undefined, { partition: 2, offset: 7 });

function serdeFor(v: PrimitiveVector): [{ serialize(x: unknown, c: SerializationContext): Buffer | null }, { deserialize(b: Buffer, c: SerializationContext): unknown }] {
  switch (v.serde) {
    case 'string':
      return [new StringSerializer(v.codec) as never, new StringDeserializer(v.codec)];
    case 'integer':
      return [new IntegerSerializer() as never, new IntegerDeserializer()];
    case 'double':
      return [new DoubleSerializer() as never, new DoubleDeserializer()];
  }
}

describe('primitive serdes: golden vectors (written by confluent-kafka-python)', () => {
  it.each(vectors.map((v) => [v.serde, v.codec ?? '', JSON.stringify(v.value), v] as const))('%s %s %s', (_s, _c, _v, v) => {
    const [ser, de] = serdeFor(v);
    const value = fromTagged(v.value);
    expect(ser.serialize(value, ctx)?.toString('hex')).toBe(v.hex);
    expect(Object.is(de.deserialize(Buffer.from(v.hex, 'hex'), ctx), value)).toBe(true);
  });
});

describe('primitive serdes: null, bad input', () => {
  it('null and undefined serialize to null (a tombstone) and back', () => {
    for (const s of [new StringSerializer(), new IntegerSerializer(), new DoubleSerializer(), new JsonSerializer()]) {
      expect(s.serialize(null, ctx)).toBeNull();
      expect(s.serialize(undefined, ctx)).toBeNull();
    }
    for (const d of [new StringDeserializer(), new IntegerDeserializer(), new DoubleDeserializer(), new JsonDeserializer()]) {
      expect(d.deserialize(null, ctx)).toBeNull();
    }
  });

  const badSerialize: [string, () => unknown, RegExp][] = [
    ['a number to StringSerializer', () => new StringSerializer().serialize(5 as never, ctx), /expects a string, got a number/],
    ['non-ascii to the ascii codec', () => new StringSerializer('ascii').serialize('é', ctx), /ascii/],
    ['a 2^31 to IntegerSerializer', () => new IntegerSerializer().serialize(2 ** 31, ctx), /expects an integer in \[-2147483648, 2147483647\], got 2147483648/],
    ['1.5 to IntegerSerializer', () => new IntegerSerializer().serialize(1.5, ctx), /got 1.5/],
    ['a string to IntegerSerializer', () => new IntegerSerializer().serialize('1' as never, ctx), /got a string/],
    ['a string to DoubleSerializer', () => new DoubleSerializer().serialize('1' as never, ctx), /expects a number/],
    ['a BigInt to JsonSerializer', () => new JsonSerializer().serialize({ n: 1n }, ctx), /not JSON-serializable/],
    ['a function to JsonSerializer', () => new JsonSerializer().serialize(() => 1, ctx), /not JSON-serializable/],
  ];
  it.each(badSerialize)('%s → SerializationError with topic and field', (_name, fn, reason) => {
    expect(fn).toThrow(SerializationError);
    try {
      fn();
    } catch (e) {
      expect((e as SerializationError).reason).toMatch(reason);
      expect(e).toMatchObject({ topic: 't', field: 'value' });
    }
  });

  const badDeserialize: [string, () => unknown, RegExp][] = [
    ['3 bytes to IntegerDeserializer', () => new IntegerDeserializer().deserialize(Buffer.alloc(3), ctx), /an integer is 4 bytes, got 3/],
    ['5 bytes to IntegerDeserializer', () => new IntegerDeserializer().deserialize(Buffer.alloc(5), ctx), /got 5/],
    ['4 bytes to DoubleDeserializer', () => new DoubleDeserializer().deserialize(Buffer.alloc(4), ctx), /a double is 8 bytes, got 4/],
    ['invalid UTF-8', () => new StringDeserializer().deserialize(Buffer.from([0xc3, 0x28]), ctx), /not valid UTF-8/],
    ['a high byte to the ascii codec', () => new StringDeserializer('ascii').deserialize(Buffer.from([0x41, 0x80]), ctx), /0x80 at 1 is not ascii/],
    ['broken JSON', () => new JsonDeserializer().deserialize(Buffer.from('{"a":'), ctx), /not valid JSON/],
  ];
  it.each(badDeserialize)('%s → DeserializationError with topic, partition, offset', (_name, fn, reason) => {
    expect(fn).toThrow(DeserializationError);
    try {
      fn();
    } catch (e) {
      expect((e as DeserializationError).reason).toMatch(reason);
      expect(e).toMatchObject({ topic: 't', field: 'value', partition: 2, offset: 7 });
    }
  });

  it('refuses an unknown codec with a ConfigError naming it', () => {
    expect(() => new StringSerializer('ebcdic')).toThrow(ConfigError);
    expect(() => new StringDeserializer('ebcdic')).toThrow(/unsupported codec "ebcdic"/);
  });

  it('JSON round-trips, with replacer and reviver', () => {
    const ser = new JsonSerializer({ replacer: (_k, v) => (typeof v === 'bigint' ? `${v}n` : v) });
    const de = new JsonDeserializer({ reviver: (_k, v) => (typeof v === 'string' && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v) });
    const bytes = ser.serialize({ a: [1, 'x', null], n: 12n }, ctx);
    expect(bytes?.toString()).toBe('{"a":[1,"x",null],"n":"12n"}');
    expect(de.deserialize(bytes, ctx)).toEqual({ a: [1, 'x', null], n: 12n });
  });

  it('IntegerSerializer accepts a bigint in range', () => {
    expect(new IntegerSerializer().serialize(-2n, ctx)?.toString('hex')).toBe('fffffffe');
  });
});

describe('callSerializer / callDeserializer (what Producer and Consumer use)', () => {
  it('returns synchronously for synchronous serdes and accepts bare functions', () => {
    expect(callSerializer(new IntegerSerializer(), 1, ctx)).toEqual(Buffer.from('00000001', 'hex'));
    expect(callSerializer((v: string | null | undefined) => Buffer.from(String(v)), 'x', ctx)).toEqual(Buffer.from('x'));
    expect(callDeserializer(new IntegerDeserializer(), Buffer.from('00000001', 'hex'), ctx)).toBe(1);
  });

  it('turns any failure into a typed error carrying the context', async () => {
    const boom = (): never => {
      throw new TypeError('boom');
    };
    expect(() => callSerializer(boom, 1, ctx)).toThrow(SerializationError);
    await expect(callSerializer(async () => boom(), 1, ctx)).rejects.toMatchObject({ name: 'SerializationError', topic: 't', field: 'value', reason: 'boom' });
    await expect(callDeserializer(async () => boom(), Buffer.alloc(0), ctx)).rejects.toMatchObject({ name: 'DeserializationError', topic: 't', partition: 2, offset: 7 });
    expect(() => callSerializer(() => 'not bytes' as never, 1, ctx)).toThrow(/returned string, expected a Buffer or null/);
  });

  it('adds the partition and offset to a DeserializationError raised without them', () => {
    const de = (): never => {
      throw new DeserializationError({ reason: 'bad' });
    };
    try {
      callDeserializer(de, Buffer.alloc(1), ctx);
    } catch (e) {
      expect(e).toMatchObject({ reason: 'bad', topic: 't', partition: 2, offset: 7, field: 'value' });
    }
    expect.assertions(1);
  });
});
