/**
 * Building avsc types for the Avro serde: natural JS values for logical types,
 * lossless longs, and decoding that cannot be made to loop or allocate without
 * bound by hostile bytes.
 *
 * @remarks
 * avsc's readers trust the block counts they read: an array header claiming
 * 2^62 items makes them loop until memory runs out, and a negative block size
 * makes `skip` walk backwards forever. The array and map types built here
 * stop at the end of the buffer, cap zero-width items per decode, and treat a
 * negative block size as corrupt. They plug into avsc through its public
 * `typeHook` and subclass its exported type classes; the only avsc internals
 * used are the `_read`/`_skip`/`_write`/`_check` methods and the `Tap` fields
 * `buf`/`pos` that every avsc type implements.
 *
 * @packageDocumentation
 */

import * as avro from 'avsc';

type ForSchemaOptions = NonNullable<Parameters<typeof avro.Type.forSchema>[1]>;

/** avsc's cursor over a buffer (internal to avsc, stable across 5.x). */
interface Tap {
  buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  writeLong(n: number): void;
}

/** avsc type internals used here. */
interface TypeInternals {
  _read(tap: Tap): unknown;
  _skip(tap: Tap): void;
  _write(tap: Tap, val: unknown): void;
  _check(val: unknown, flags?: unknown, hook?: (val: unknown, type: avro.Type) => void, path?: string[]): boolean;
}

/** Zero-width items (e.g. `null`s in an array) one decode may produce before the data is called hostile. */
export const MAX_ZERO_WIDTH_ITEMS = 100_000;

let zeroWidthTap: Tap | null = null;
let zeroWidthLeft = 0;

/**
 * Account for `count` zero-width items (an item type that encodes to no bytes
 * reads the same for every item, so a block is charged at once, before any
 * loop runs: a hostile count costs nothing).
 */
function chargeZeroWidth(tap: Tap, count: number): void {
  if (tap !== zeroWidthTap) {
    zeroWidthTap = tap;
    zeroWidthLeft = MAX_ZERO_WIDTH_ITEMS;
  }
  zeroWidthLeft -= count;
  if (zeroWidthLeft < 0) {
    zeroWidthTap = null;
    throw new Error(`more than ${MAX_ZERO_WIDTH_ITEMS} zero-width collection items: the block counts are corrupt`);
  }
}

function invalidate(tap: Tap): void {
  tap.pos = tap.buf.length + 1;
}

const ArrayTypeBase = avro.types.ArrayType as unknown as new (schema: unknown, opts: unknown) => avro.types.ArrayType;
const MapTypeBase = avro.types.MapType as unknown as new (schema: unknown, opts: unknown) => avro.types.MapType;
const LongTypeBase = avro.types.LongType as unknown as new () => avro.types.LongType;

/** An avsc array type whose reader and skipper are bounded by the buffer. */
class BoundedArrayType extends ArrayTypeBase {
  _read(this: { itemsType: TypeInternals }, tap: Tap): unknown[] {
    const items = this.itemsType;
    const buf = tap.buf;
    let val: unknown[] | undefined;
    let i = 0;
    let n: number;
    while ((n = tap.readLong())) {
      if (n < 0) {
        n = -n;
        tap.skipLong();
      }
      if (val === undefined) val = n <= buf.length - tap.pos ? new Array<unknown>(n) : [];
      while (n-- > 0) {
        const before = tap.pos;
        val[i++] = items._read(tap);
        if (tap.pos === before) {
          // Zero-width items: charge the whole rest of the block up front.
          chargeZeroWidth(tap, n + 1);
          while (n-- > 0) val[i++] = items._read(tap);
          break;
        }
        if (tap.pos > buf.length) return val;
      }
    }
    if (val !== undefined && val.length !== i) val.length = i;
    return val ?? [];
  }

  _skip(this: { itemsType: TypeInternals }, tap: Tap): void {
    const items = this.itemsType;
    const buf = tap.buf;
    let n: number;
    while ((n = tap.readLong())) {
      if (n < 0) {
        const len = tap.readLong();
        if (len < 0) return invalidate(tap);
        tap.pos += len;
        if (tap.pos > buf.length) return;
        continue;
      }
      while (n-- > 0) {
        const before = tap.pos;
        items._skip(tap);
        if (tap.pos === before) {
          chargeZeroWidth(tap, n + 1);
          break; // skipping zero-width items moves nothing
        }
        if (tap.pos > buf.length) return;
      }
    }
  }
}

/** An avsc map type whose reader and skipper are bounded by the buffer. */
class BoundedMapType extends MapTypeBase {
  _read(this: { valuesType: TypeInternals }, tap: Tap & { readString(): string }): Record<string, unknown> {
    const values = this.valuesType;
    const buf = tap.buf;
    const val: Record<string, unknown> = {};
    let n: number;
    while ((n = tap.readLong())) {
      if (n < 0) {
        n = -n;
        tap.skipLong();
      }
      while (n-- > 0) {
        const key = tap.readString();
        const v = values._read(tap);
        if (tap.pos > buf.length) return val;
        // Keys come from the wire: never let one reach Object.prototype.
        if (key === '__proto__') Object.defineProperty(val, key, { value: v, enumerable: true, writable: true, configurable: true });
        else val[key] = v;
      }
    }
    return val;
  }

  _skip(this: { valuesType: TypeInternals }, tap: Tap & { skipString(): void }): void {
    const values = this.valuesType;
    const buf = tap.buf;
    let n: number;
    while ((n = tap.readLong())) {
      if (n < 0) {
        const len = tap.readLong();
        if (len < 0) return invalidate(tap);
        tap.pos += len;
        if (tap.pos > buf.length) return;
        continue;
      }
      while (n-- > 0) {
        tap.skipString();
        values._skip(tap);
        if (tap.pos > buf.length) return;
      }
    }
  }
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
/** |n| below 2^52: avsc's float arithmetic decodes these exactly. */
const EXACT_LIMIT = 4503599627370496;

function readLongExact(buf: Buffer, pos: number): bigint {
  let z = 0n;
  let shift = 0n;
  for (let k = 0; k < 10; k++) {
    const b = buf[pos++];
    if (b === undefined) break;
    z |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) break;
  }
  z = BigInt.asUintN(64, z);
  return BigInt.asIntN(64, (z >> 1n) ^ -(z & 1n));
}

function writeLongExact(tap: Tap, v: bigint): void {
  tap.pos = writeExactLong(tap.buf, tap.pos, v);
}

/**
 * Write the zig-zag varint of a 64-bit `v` into `buf` at `pos` (bytes past the
 * end of `buf` are dropped, as avsc's writers do); returns the position after it.
 *
 * @internal
 */
export function writeExactLong(buf: Uint8Array, pos: number, v: bigint): number {
  let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
  while (z >= 0x80n) {
    buf[pos++] = Number(z & 0x7fn) | 0x80;
    z >>= 7n;
  }
  buf[pos++] = Number(z);
  return pos;
}

/**
 * Read the varint long at `start` exactly: a `number` when it is a safe integer, a `bigint` otherwise.
 *
 * @internal
 */
export function readExactLong(buf: Buffer, start: number): number | bigint {
  const exact = readLongExact(buf, start);
  return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : exact;
}

/**
 * Avro `long` without precision loss: decoded as a `number` when it is a safe
 * integer, as a `bigint` otherwise; both are accepted when encoding.
 */
class ExactLongType extends LongTypeBase {
  _read(tap: Tap): number | bigint {
    const start = tap.pos;
    const n = tap.readLong();
    if (n > -EXACT_LIMIT && n < EXACT_LIMIT) return n;
    return readExactLong(tap.buf, start);
  }

  _write(tap: Tap, val: unknown): void {
    if (typeof val === 'number' && Number.isSafeInteger(val)) {
      // avsc's float arithmetic is exact only below 2^52 in magnitude (it rounds -2^52 - 1 to +2^52).
      if (val > -EXACT_LIMIT && val < EXACT_LIMIT) tap.writeLong(val);
      else writeLongExact(tap, BigInt(val));
    } else if (typeof val === 'bigint' && val >= INT64_MIN && val <= INT64_MAX) {
      writeLongExact(tap, val);
    } else {
      throw new Error(`invalid "long": ${describeValue(val)}`);
    }
  }

  _check(val: unknown, _flags?: unknown, hook?: (val: unknown, type: avro.Type) => void): boolean {
    const ok = (typeof val === 'number' && Number.isSafeInteger(val)) || (typeof val === 'bigint' && val >= INT64_MIN && val <= INT64_MAX);
    if (!ok && hook) hook(val, this);
    return ok;
  }
}

/** A short, safe description of a value for error messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v.length > 40 ? `string ${JSON.stringify(v.slice(0, 40))}…` : `string ${JSON.stringify(v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  if (typeof v === 'bigint') return `bigint ${v}n`;
  if (Buffer.isBuffer(v)) return `Buffer of ${v.length} bytes`;
  if (v instanceof Date) return `Date ${Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()}`;
  if (Array.isArray(v)) return `array of ${v.length}`;
  if (typeof v === 'object') return 'object';
  return typeof v;
}

// ---------------------------------------------------------------------------
// Logical types
// ---------------------------------------------------------------------------

const LogicalTypeBase = avro.types.LogicalType as unknown as abstract new (schema: unknown, opts?: unknown) => avro.types.LogicalType;

type Schemaish = Record<string, unknown>;

abstract class NaturalLogicalType extends LogicalTypeBase {
  protected abstract override _fromValue(val: unknown): unknown;
  protected abstract override _toValue(val: unknown): unknown;

  /** Writer → reader resolution: same logical type reads as is; the underlying primitive (with promotions) is converted. */
  protected override _resolve(type: avro.Type): ((v: unknown) => unknown) | undefined {
    if (type.typeName === this.typeName && this.sameParams(type)) return (v) => v;
    const writer = avro.Type.isType(type, 'logical') ? (type as avro.types.LogicalType).underlyingType : type;
    try {
      this.underlyingType.createResolver(writer);
    } catch {
      return undefined;
    }
    if (avro.Type.isType(type, 'logical')) {
      const from = type as unknown as { _toValue(v: unknown): unknown };
      return (v) => this._fromValue(from._toValue(v));
    }
    return (v) => this._fromValue(v);
  }

  protected sameParams(_type: avro.Type): boolean {
    return true;
  }
}

function toBigIntOrNumber(v: unknown): number | bigint | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  if (typeof v === 'bigint') return v;
  return undefined;
}

/** `timestamp-millis` / `local-timestamp-millis` ⇄ `Date`; a number or bigint is taken as raw milliseconds. */
class TimestampMillisType extends NaturalLogicalType {
  protected _fromValue(val: unknown): Date {
    return new Date(Number(val));
  }
  protected _toValue(val: unknown): number | bigint | undefined {
    if (val instanceof Date) {
      const t = val.getTime();
      return Number.isNaN(t) ? undefined : t;
    }
    return toBigIntOrNumber(val);
  }
}

/**
 * `timestamp-micros` / `local-timestamp-micros` ⇄ `Date` (millisecond
 * precision: microseconds are floored away when decoding); a number or bigint
 * is taken as raw microseconds.
 */
class TimestampMicrosType extends NaturalLogicalType {
  protected _fromValue(val: unknown): Date {
    if (typeof val === 'bigint') return new Date(Number(val / 1000n - (val % 1000n < 0n ? 1n : 0n)));
    return new Date(Math.floor(Number(val) / 1000));
  }
  protected _toValue(val: unknown): number | bigint | undefined {
    if (val instanceof Date) {
      const t = val.getTime();
      if (Number.isNaN(t)) return undefined;
      const us = t * 1000;
      return Number.isSafeInteger(us) ? us : BigInt(t) * 1000n;
    }
    return toBigIntOrNumber(val);
  }
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

/** `date` ⇄ `Date` at UTC midnight; accepts a `Date` (its UTC day), `YYYY-MM-DD`, or a raw day number. */
class DateType extends NaturalLogicalType {
  protected _fromValue(val: unknown): Date {
    return new Date(Number(val) * DAY_MS);
  }
  protected _toValue(val: unknown): number | undefined {
    if (val instanceof Date) {
      const t = val.getTime();
      return Number.isNaN(t) ? undefined : Math.floor(t / DAY_MS);
    }
    if (typeof val === 'string') {
      const m = ISO_DATE.exec(val);
      if (!m) return undefined;
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      const d = new Date(t);
      if (Number.isNaN(t) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
      return t / DAY_MS;
    }
    return typeof val === 'number' && Number.isInteger(val) && val >= -2147483648 && val <= 2147483647 ? val : undefined;
  }
}

const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

function formatTime(totalUnits: bigint, unitsPerSecond: bigint, fractionDigits: number): string {
  const totalSeconds = totalUnits / unitsPerSecond;
  const frac = totalUnits % unitsPerSecond;
  const h = totalSeconds / 3600n;
  const m = (totalSeconds / 60n) % 60n;
  const s = totalSeconds % 60n;
  const pad = (x: bigint, n = 2): string => x.toString().padStart(n, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(frac, fractionDigits)}`;
}

function parseTime(val: string, unitsPerSecond: number, fractionDigits: number): number | undefined {
  const m = TIME.exec(val);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || min > 59 || s > 59) return undefined;
  const fracText = (m[4] ?? '').padEnd(9, '0');
  if (fracText.slice(fractionDigits).replace(/0/g, '') !== '') return undefined; // more precision than the type holds
  const frac = Number(fracText.slice(0, fractionDigits));
  return (h * 3600 + min * 60 + s) * unitsPerSecond + frac;
}

/** `time-millis` ⇄ `"HH:MM:SS.mmm"`; a number is taken as raw milliseconds after midnight. */
class TimeMillisType extends NaturalLogicalType {
  protected _fromValue(val: unknown): string {
    const n = Number(val);
    if (!(n >= 0 && n < DAY_MS)) throw new Error(`time-millis out of range: ${n}`);
    return formatTime(BigInt(n), 1000n, 3);
  }
  protected _toValue(val: unknown): number | undefined {
    if (typeof val === 'string') return parseTime(val, 1000, 3);
    return typeof val === 'number' && Number.isInteger(val) && val >= 0 && val < DAY_MS ? val : undefined;
  }
}

/** `time-micros` ⇄ `"HH:MM:SS.mmmuuu"`; a number or bigint is taken as raw microseconds after midnight. */
class TimeMicrosType extends NaturalLogicalType {
  protected _fromValue(val: unknown): string {
    const n = typeof val === 'bigint' ? val : BigInt(Number(val));
    if (n < 0n || n >= 86_400_000_000n) throw new Error(`time-micros out of range: ${n}`);
    return formatTime(n, 1_000_000n, 6);
  }
  protected _toValue(val: unknown): number | undefined {
    if (typeof val === 'string') return parseTime(val, 1_000_000, 6);
    const n = typeof val === 'bigint' ? Number(val) : val;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 86_400_000_000 ? n : undefined;
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `uuid` ⇄ string; encoding checks the `8-4-4-4-12` hex form. */
class UuidType extends NaturalLogicalType {
  protected _fromValue(val: unknown): unknown {
    return val;
  }
  protected _toValue(val: unknown): string | undefined {
    return typeof val === 'string' && UUID.test(val) ? val : undefined;
  }
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * `decimal` (on `bytes` or `fixed`) ⇄ an exact decimal string such as
 * `"-12.30"` (always `scale` fraction digits). Encoding accepts a string, a
 * number or a bigint; more fraction digits than `scale`, or more digits than
 * `precision`, is an error — never a silent rounding.
 */
class DecimalType extends NaturalLogicalType {
  readonly precision: number;
  readonly scale: number;
  readonly #size: number | undefined;

  constructor(schema: Schemaish, opts?: unknown) {
    super(schema, opts);
    const precision = schema.precision;
    const scale = schema.scale ?? 0;
    if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) throw new Error('decimal needs a positive integer precision');
    if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) throw new Error('decimal scale must be an integer in [0, precision]');
    const under = this.underlyingType as avro.Type & { size?: number };
    if (avro.Type.isType(under, 'fixed')) {
      const size = under.size as number;
      const maxPrecision = Math.floor(Math.log10(2) * (8 * size - 1));
      if (precision > maxPrecision) throw new Error(`decimal precision ${precision} does not fit fixed(${size})`);
      this.#size = size;
    } else if (!avro.Type.isType(under, 'bytes')) {
      throw new Error('decimal must be on bytes or fixed');
    }
    this.precision = precision;
    this.scale = scale;
  }

  protected override sameParams(type: avro.Type): boolean {
    const t = type as unknown as DecimalType;
    return t.scale === this.scale && t.precision === this.precision;
  }

  protected _fromValue(val: unknown): string {
    const buf = val as Buffer;
    if (!Buffer.isBuffer(buf)) throw new Error('decimal bytes missing');
    let unscaled = 0n;
    if (buf.length > 0) {
      unscaled = BigInt.asIntN(buf.length * 8, BigInt(`0x${buf.toString('hex')}`));
    }
    return formatDecimal(unscaled, this.scale);
  }

  protected _toValue(val: unknown): Buffer | undefined {
    const unscaled = toUnscaled(val, this.scale);
    if (unscaled === undefined) return undefined;
    const digits = (unscaled < 0n ? -unscaled : unscaled).toString().length;
    if (unscaled !== 0n && digits > this.precision) return undefined;
    return twosComplement(unscaled, this.#size);
  }

  protected override _export(schema: avro.Schema): void {
    const attrs = schema as unknown as Schemaish;
    attrs.precision = this.precision;
    attrs.scale = this.scale;
  }
}

function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const abs = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const int = abs.slice(0, abs.length - scale);
  const frac = abs.slice(abs.length - scale);
  return `${neg ? '-' : ''}${int}${scale > 0 ? `.${frac}` : ''}`;
}

function toUnscaled(val: unknown, scale: number): bigint | undefined {
  if (typeof val === 'bigint') return val * 10n ** BigInt(scale);
  let text: string;
  if (typeof val === 'number') {
    if (!Number.isFinite(val)) return undefined;
    text = Number.isInteger(val) && Math.abs(val) < 1e21 ? val.toFixed(0) : val.toString();
    if (/e/i.test(text)) return undefined;
  } else if (typeof val === 'string') {
    text = val.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  // Extra fraction digits are allowed only when they are zeros.
  if (frac.length > scale && /[^0]/.test(frac.slice(scale))) return undefined;
  const digits = `${m[2] || '0'}${frac.slice(0, scale).padEnd(scale, '0')}`;
  const n = BigInt(digits);
  return m[1] === '-' ? -n : n;
}

function twosComplement(n: bigint, size: number | undefined): Buffer | undefined {
  let len = 1;
  while (n < -(1n << BigInt(8 * len - 1)) || n >= 1n << BigInt(8 * len - 1)) len++;
  if (size !== undefined) {
    if (len > size) return undefined;
    len = size;
  }
  const u = BigInt.asUintN(8 * len, n);
  return Buffer.from(u.toString(16).padStart(2 * len, '0'), 'hex');
}

/** Which of the serde's own logical type implementations `type` is, if any (for the compiled codecs' fast paths). */
export function logicalKindOf(type: avro.Type): 'timestamp-millis' | 'timestamp-micros' | 'date' | 'uuid' | 'decimal' | undefined {
  if (type instanceof TimestampMillisType) return 'timestamp-millis';
  if (type instanceof TimestampMicrosType) return 'timestamp-micros';
  if (type instanceof DateType) return 'date';
  if (type instanceof UuidType) return 'uuid';
  if (type instanceof DecimalType) return 'decimal';
  return undefined;
}

/** A logical type implementation avsc can instantiate (`new (schema, opts)`). */
export type LogicalTypeConstructor = new (schema: never, opts?: never) => avro.types.LogicalType;

/**
 * The logical types the Avro serde maps to natural JS values:
 * `timestamp-millis`/`-micros` and `local-timestamp-*` → `Date`,
 * `date` → `Date` (UTC midnight), `time-millis`/`-micros` → `"HH:MM:SS.fff"`,
 * `decimal` → exact string, `uuid` → string.
 */
export const DEFAULT_LOGICAL_TYPES: Readonly<Record<string, LogicalTypeConstructor>> = Object.freeze({
  'timestamp-millis': TimestampMillisType as unknown as LogicalTypeConstructor,
  'timestamp-micros': TimestampMicrosType as unknown as LogicalTypeConstructor,
  'local-timestamp-millis': TimestampMillisType as unknown as LogicalTypeConstructor,
  'local-timestamp-micros': TimestampMicrosType as unknown as LogicalTypeConstructor,
  date: DateType as unknown as LogicalTypeConstructor,
  'time-millis': TimeMillisType as unknown as LogicalTypeConstructor,
  'time-micros': TimeMicrosType as unknown as LogicalTypeConstructor,
  decimal: DecimalType as unknown as LogicalTypeConstructor,
  uuid: UuidType as unknown as LogicalTypeConstructor,
});

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/** Options of {@link parseAvroType}. */
export interface ParseAvroOptions {
  /**
   * Named types already defined (by referenced schemas); new named types are
   * added to it. Keys are full names.
   */
  registry?: Record<string, avro.Type>;
  /** Logical type implementations, merged over {@link DEFAULT_LOGICAL_TYPES}; `false` disables logical types. */
  logicalTypes?: Readonly<Record<string, LogicalTypeConstructor>> | false;
}

/**
 * Parse an Avro schema (JSON text or object) into an avsc type for the serde.
 *
 * @throws Error when the schema is not valid Avro.
 */
export function parseAvroType(schema: unknown, options: ParseAvroOptions = {}): avro.Type {
  const json: unknown = typeof schema === 'string' ? JSON.parse(schema) : JSON.parse(JSON.stringify(schema));
  const logicalTypes = options.logicalTypes === false ? {} : { ...DEFAULT_LOGICAL_TYPES, ...(options.logicalTypes ?? {}) };
  const registry = options.registry ?? {};
  const pendingLogical = new WeakSet<object>();
  const typeHook = (s: unknown, opts: unknown): avro.Type | undefined => {
    if (s === 'long') {
      // Shared per registry, like avsc's own primitives.
      const reg = (opts as { registry: Record<string, avro.Type> }).registry;
      return (reg.long ??= new ExactLongType() as unknown as avro.Type);
    }
    if (s === null || typeof s !== 'object' || Array.isArray(s)) return undefined;
    const obj = s as Schemaish;
    if (typeof obj.logicalType === 'string' && logicalTypes[obj.logicalType] && !pendingLogical.has(obj)) {
      // First visit: let avsc build the logical type; it calls back for the underlying type.
      pendingLogical.add(obj);
      return undefined;
    }
    switch (obj.type) {
      case 'long':
        return new ExactLongType() as unknown as avro.Type;
      case 'array':
        return new BoundedArrayType(obj, opts) as unknown as avro.Type;
      case 'map':
        return new BoundedMapType(obj, opts) as unknown as avro.Type;
      default:
        return undefined;
    }
  };
  const type = avro.Type.forSchema(json as avro.Schema, {
    registry,
    logicalTypes: logicalTypes as unknown as ForSchemaOptions['logicalTypes'],
    typeHook: typeHook as unknown as ForSchemaOptions['typeHook'],
    wrapUnions: 'auto',
    omitRecordMethods: true,
  });
  enableBigIntBranches(type);
  return type;
}

/** Let unwrapped unions with a `long` branch accept a bigint value. */
function enableBigIntBranches(root: avro.Type): void {
  const seen = new Set<avro.Type>();
  const visit = (t: avro.Type): void => {
    if (seen.has(t)) return;
    seen.add(t);
    const any = t as unknown as {
      typeName: string;
      fields?: { type: avro.Type }[];
      itemsType?: avro.Type;
      valuesType?: avro.Type;
      types?: avro.Type[];
      underlyingType?: avro.Type;
      _bucketIndices?: Record<string, number>;
    };
    if (any.typeName === 'union:unwrapped' && any.types && any._bucketIndices) {
      const idx = any.types.findIndex((b) => b instanceof ExactLongType);
      if (idx >= 0 && any._bucketIndices.bigint === undefined) any._bucketIndices.bigint = idx;
    }
    if (any.typeName.startsWith('logical:') && any.underlyingType) visit(any.underlyingType);
    any.fields?.forEach((f) => visit(f.type));
    if (any.itemsType) visit(any.itemsType);
    if (any.valuesType) visit(any.valuesType);
    any.types?.forEach(visit);
  };
  visit(root);
}

/** The full name of a named schema (record, enum, fixed), or `null` for unnamed schemas. */
export function avroRecordName(type: avro.Type): string | null {
  const t = avro.Type.isType(type, 'logical') ? (type as avro.types.LogicalType).underlyingType : type;
  return t.name ?? null;
}
