/**
 * Serializers for plain values, byte-compatible with Confluent's (and Kafka's
 * Java) `StringSerializer`, `IntegerSerializer`, `DoubleSerializer`, plus a
 * registry-less JSON serde. All of them are synchronous.
 *
 * @packageDocumentation
 */

import { ConfigError, DeserializationError, SerializationError } from '../errors';
import type { SerializationContext } from './context';
import type { Deserializer, Serializer } from './types';

type Codec = 'utf8' | 'ascii' | 'latin1' | 'utf16le';

const CODEC_ALIASES: Record<string, Codec> = {
  'utf-8': 'utf8',
  utf_8: 'utf8',
  utf8: 'utf8',
  u8: 'utf8',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  'latin-1': 'latin1',
  latin_1: 'latin1',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  iso8859_1: 'latin1',
  'utf-16-le': 'utf16le',
  utf_16_le: 'utf16le',
  'utf-16le': 'utf16le',
  utf16le: 'utf16le',
};

function resolveCodec(codec: string): Codec {
  const c = CODEC_ALIASES[codec.toLowerCase()];
  if (c === undefined) {
    throw new ConfigError([
      {
        path: 'codec',
        message: `unsupported codec ${JSON.stringify(codec)}`,
        fix: `use one of ${[...new Set(Object.values(CODEC_ALIASES))].join(', ')} (Python spellings such as utf_8 and latin-1 are accepted)`,
        severity: 'error',
      },
    ]);
  }
  return c;
}

function where(ctx: SerializationContext | undefined): { field?: string; topic?: string } {
  return ctx ? { field: ctx.field, topic: ctx.topic } : {};
}

function whereRead(ctx: SerializationContext | undefined): { field?: string; topic?: string; partition?: number; offset?: string | number | bigint } {
  return ctx ? { field: ctx.field, topic: ctx.topic, partition: ctx.partition, offset: ctx.offset } : {};
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (Buffer.isBuffer(v)) return 'a Buffer';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/* eslint-disable no-control-regex -- these ranges start at NUL on purpose */
const NON_ASCII = /[^\x00-\x7f]/;
const NON_LATIN1 = /[^\x00-\xff]/;
/* eslint-enable no-control-regex */
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * Encodes strings with a codec (UTF-8 by default), as Kafka's and Confluent's `StringSerializer`.
 *
 * @remarks Strict like Python's codecs: a character the codec cannot represent is a {@link SerializationError}, not a silent `?`.
 * @example
 * ```ts
 * new StringSerializer().serialize('héllo', ctx) // <68 c3 a9 6c 6c 6f>
 * ```
 */
export class StringSerializer implements Serializer<string> {
  readonly #codec: Codec;

  /**
   * @param codec - `utf_8` (default), `ascii`, `latin-1` or `utf_16_le`; Node and Python spellings are both accepted.
   * @throws {@link ConfigError} on an unknown codec.
   */
  constructor(codec = 'utf_8') {
    this.#codec = resolveCodec(codec);
  }

  /**
   * @throws {@link SerializationError} when `obj` is not a string or does not fit the codec.
   */
  serialize(obj: string | null | undefined, ctx?: SerializationContext): Buffer | null {
    if (obj === null || obj === undefined) return null;
    if (typeof obj !== 'string') {
      throw new SerializationError({ ...where(ctx), reason: `StringSerializer expects a string, got ${describe(obj)}` });
    }
    if (this.#codec === 'ascii' && NON_ASCII.test(obj)) {
      throw new SerializationError({ ...where(ctx), reason: `string has characters outside the ascii codec` });
    }
    if (this.#codec === 'latin1' && NON_LATIN1.test(obj)) {
      throw new SerializationError({ ...where(ctx), reason: `string has characters outside the latin-1 codec` });
    }
    return Buffer.from(obj, this.#codec);
  }
}

/**
 * Decodes bytes to a string with a codec (UTF-8 by default).
 *
 * @remarks Strict: invalid UTF-8, or a byte above 0x7f for `ascii`, is a {@link DeserializationError}.
 */
export class StringDeserializer implements Deserializer<string> {
  readonly #codec: Codec;

  /**
   * @param codec - `utf_8` (default), `ascii`, `latin-1` or `utf_16_le`.
   * @throws {@link ConfigError} on an unknown codec.
   */
  constructor(codec = 'utf_8') {
    this.#codec = resolveCodec(codec);
  }

  /**
   * @throws {@link DeserializationError} when the bytes are not valid in the codec.
   */
  deserialize(data: Buffer | null | undefined, ctx?: SerializationContext): string | null {
    if (data === null || data === undefined) return null;
    switch (this.#codec) {
      case 'utf8':
        try {
          return UTF8_STRICT.decode(data);
        } catch {
          throw new DeserializationError({ ...whereRead(ctx), reason: 'bytes are not valid UTF-8' });
        }
      case 'ascii':
        for (let i = 0; i < data.length; i++) {
          if (data[i] > 0x7f) {
            throw new DeserializationError({ ...whereRead(ctx), reason: `byte 0x${data[i].toString(16)} at ${i} is not ascii` });
          }
        }
        return data.toString('latin1');
      case 'utf16le':
        if (data.length % 2 !== 0) {
          throw new DeserializationError({ ...whereRead(ctx), reason: `odd length ${data.length} for utf-16-le` });
        }
        return data.toString('utf16le');
      default:
        return data.toString(this.#codec);
    }
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Encodes a 32-bit signed integer as 4 big-endian bytes, as Kafka's Java
 * `IntegerSerializer` and Python's `IntegerSerializer` (`struct.pack('>i')`).
 *
 * @example
 * ```ts
 * new IntegerSerializer().serialize(-2, ctx) // <ff ff ff fe>
 * ```
 */
export class IntegerSerializer implements Serializer<number | bigint> {
  /**
   * @throws {@link SerializationError} when `obj` is not an integer in [-2^31, 2^31-1].
   */
  serialize(obj: number | bigint | null | undefined, ctx?: SerializationContext): Buffer | null {
    if (obj === null || obj === undefined) return null;
    const n = typeof obj === 'bigint' ? (obj >= BigInt(INT32_MIN) && obj <= BigInt(INT32_MAX) ? Number(obj) : NaN) : obj;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) {
      throw new SerializationError({
        ...where(ctx),
        reason: `IntegerSerializer expects an integer in [${INT32_MIN}, ${INT32_MAX}], got ${typeof obj === 'number' || typeof obj === 'bigint' ? String(obj) : describe(obj)}`,
      });
    }
    const out = Buffer.allocUnsafe(4);
    out.writeInt32BE(n, 0);
    return out;
  }
}

/** Decodes 4 big-endian bytes to a 32-bit signed integer. */
export class IntegerDeserializer implements Deserializer<number> {
  /**
   * @throws {@link DeserializationError} when `data` is not exactly 4 bytes.
   */
  deserialize(data: Buffer | null | undefined, ctx?: SerializationContext): number | null {
    if (data === null || data === undefined) return null;
    if (data.length !== 4) {
      throw new DeserializationError({ ...whereRead(ctx), reason: `an integer is 4 bytes, got ${data.length}` });
    }
    return data.readInt32BE(0);
  }
}

/**
 * Encodes a number as an 8-byte big-endian IEEE 754 double, as Kafka's Java
 * `DoubleSerializer` and Python's `DoubleSerializer` (`struct.pack('>d')`).
 */
export class DoubleSerializer implements Serializer<number> {
  /**
   * @throws {@link SerializationError} when `obj` is not a number.
   */
  serialize(obj: number | null | undefined, ctx?: SerializationContext): Buffer | null {
    if (obj === null || obj === undefined) return null;
    if (typeof obj !== 'number') {
      throw new SerializationError({ ...where(ctx), reason: `DoubleSerializer expects a number, got ${describe(obj)}` });
    }
    const out = Buffer.allocUnsafe(8);
    out.writeDoubleBE(obj, 0);
    return out;
  }
}

/** Decodes 8 big-endian bytes to a double. */
export class DoubleDeserializer implements Deserializer<number> {
  /**
   * @throws {@link DeserializationError} when `data` is not exactly 8 bytes.
   */
  deserialize(data: Buffer | null | undefined, ctx?: SerializationContext): number | null {
    if (data === null || data === undefined) return null;
    if (data.length !== 8) {
      throw new DeserializationError({ ...whereRead(ctx), reason: `a double is 8 bytes, got ${data.length}` });
    }
    return data.readDoubleBE(0);
  }
}

/** Options of {@link JsonSerializer}. */
export interface JsonSerializerOptions {
  /** Passed to `JSON.stringify`. */
  replacer?: (this: unknown, key: string, value: unknown) => unknown;
}

/** Options of {@link JsonDeserializer}. */
export interface JsonDeserializerOptions {
  /** Passed to `JSON.parse`. */
  reviver?: (this: unknown, key: string, value: unknown) => unknown;
}

/**
 * Encodes any JSON-serializable value as UTF-8 JSON text.
 *
 * @remarks
 * Plain JSON, without Schema Registry framing. (Confluent's Python
 * `JSONSerializer` is a JSON-Schema serde with a registry; this is not it.)
 */
export class JsonSerializer<T = unknown> implements Serializer<T> {
  readonly #replacer?: JsonSerializerOptions['replacer'];

  /** @param options - an optional `replacer` for `JSON.stringify`. */
  constructor(options: JsonSerializerOptions = {}) {
    this.#replacer = options.replacer;
  }

  /**
   * @throws {@link SerializationError} when `obj` cannot be stringified (a cycle, a BigInt, a function).
   */
  serialize(obj: T | null | undefined, ctx?: SerializationContext): Buffer | null {
    if (obj === null || obj === undefined) return null;
    let text: string | undefined;
    try {
      text = JSON.stringify(obj, this.#replacer);
    } catch (err) {
      throw new SerializationError({ ...where(ctx), reason: `not JSON-serializable: ${err instanceof Error ? err.message : String(err)}`, cause: err });
    }
    if (text === undefined) {
      throw new SerializationError({ ...where(ctx), reason: `not JSON-serializable: ${describe(obj)}` });
    }
    return Buffer.from(text, 'utf8');
  }
}

/** Decodes UTF-8 JSON text. */
export class JsonDeserializer<T = unknown> implements Deserializer<T> {
  readonly #reviver?: JsonDeserializerOptions['reviver'];

  /** @param options - an optional `reviver` for `JSON.parse`. */
  constructor(options: JsonDeserializerOptions = {}) {
    this.#reviver = options.reviver;
  }

  /**
   * @throws {@link DeserializationError} when the bytes are not UTF-8 JSON.
   */
  deserialize(data: Buffer | null | undefined, ctx?: SerializationContext): T | null {
    if (data === null || data === undefined) return null;
    let text: string;
    try {
      text = UTF8_STRICT.decode(data);
    } catch {
      throw new DeserializationError({ ...whereRead(ctx), reason: 'bytes are not valid UTF-8' });
    }
    try {
      return JSON.parse(text, this.#reviver) as T;
    } catch (err) {
      throw new DeserializationError({ ...whereRead(ctx), reason: `not valid JSON: ${err instanceof Error ? err.message : String(err)}`, cause: err });
    }
  }
}
