/**
 * Per-schema compiled Avro codecs: JavaScript generated for one avsc type
 * (`new Function`), writing straight into the caller's buffer and reading
 * straight from the message buffer.
 *
 * @remarks
 * The generated code produces exactly the bytes avsc writes and the values
 * avsc reads (the serde's types from {@link parseAvroType}; records are read
 * as plain objects). It covers every Avro type except wrapped unions and
 * `error` records, and every logical type (ours get inlined fast paths; any
 * other calls its `_toValue`/`_fromValue`). For a type it does not cover,
 * {@link compiledCodec} returns `undefined` and the serde uses avsc.
 *
 * Encoding is strict: a value the compiled code does not accept as it is
 * throws {@link NOT_HANDLED}, and the caller re-encodes with avsc, which
 * either writes it or throws the error that names the field at fault. So the
 * compiled path only ever writes values avsc writes, the same bytes.
 *
 * Decoding is bounded like the types of {@link parseAvroType}: lengths and
 * block counts are checked against the bytes left, zero-width items are
 * capped per decode ({@link MAX_ZERO_WIDTH_ITEMS}), and a body that ends
 * early gives offset `-1` (as avsc's `Type.decode`).
 *
 * @packageDocumentation
 */

import * as avro from 'avsc';
import { MAX_ZERO_WIDTH_ITEMS, logicalKindOf, readExactLong, writeExactLong } from './avro-types';

/** Thrown by a compiled encoder for a value it does not take as is: re-encode with avsc. */
export const NOT_HANDLED: unique symbol = Symbol('avro-compile: not handled');

/** A compiled encoder/decoder for one Avro type. */
export interface CompiledCodec {
  /**
   * Write `value` into `buf` from `offset`.
   *
   * @returns the offset after the value; more than `buf.length` when `buf` is too small (its contents are then garbage: retry with a bigger buffer).
   * @throws {@link NOT_HANDLED} for a value the compiled code does not take (encode it with avsc instead).
   */
  encode(value: unknown, buf: Buffer, offset: number): number;
  /**
   * Read one value from `buf` at `offset`, as avsc's `Type.decode` does.
   *
   * @returns the value and the offset after it, or offset `-1` when the bytes end before the value does.
   * @throws Error for corrupt data (bad union or enum index, too many zero-width items, a logical value out of range).
   */
  decode(buf: Buffer, offset: number): { value: unknown; offset: number };
}

const TRUNC: unique symbol = Symbol('avro-compile: truncated');

type AnyType = avro.Type & {
  typeName: string;
  name?: string;
  fields?: { name: string; type: AnyType; defaultValue(): unknown }[];
  itemsType?: AnyType;
  valuesType?: AnyType;
  types?: AnyType[];
  symbols?: string[];
  size?: number;
  underlyingType?: AnyType;
  scale?: number;
  precision?: number;
  _bucketIndices?: Record<string, number>;
  _dynamicBranches?: { index: number; type: AnyType }[] | null;
};

class Unsupported extends Error {}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Smallest number of bytes a value of `t` can encode to (0 only for types that always encode to nothing). */
function minWidth(t: AnyType, seen = new Set<AnyType>()): number {
  switch (t.typeName) {
    case 'null':
      return 0;
    case 'fixed':
      return t.size as number;
    case 'record': {
      if (seen.has(t)) return 1; // a recursive record cannot be zero-width (it would be infinite)
      seen.add(t);
      let n = 0;
      for (const f of t.fields ?? []) n += minWidth(f.type, seen);
      seen.delete(t);
      return n;
    }
    case 'float':
      return 4;
    case 'double':
      return 8;
    default:
      if (t.typeName.startsWith('logical:')) return minWidth(t.underlyingType as AnyType, seen);
      return 1;
  }
}

/** Generates the source of one codec. */
class Generator {
  readonly consts: unknown[] = [];
  readonly #constIndex = new Map<unknown, number>();
  readonly #writers = new Map<AnyType, string>();
  readonly #readers = new Map<AnyType, string>();
  readonly #functions: string[] = [];
  #tmp = 0;

  const(value: unknown): string {
    let i = this.#constIndex.get(value);
    if (i === undefined) {
      i = this.consts.length;
      this.consts.push(value);
      this.#constIndex.set(value, i);
    }
    return `K[${i}]`;
  }

  tmp(prefix: string): string {
    return `${prefix}${this.#tmp++}`;
  }

  get source(): string {
    return this.#functions.join('\n');
  }

  // ---- encoding ----------------------------------------------------------

  /** Statements writing the value of the JS expression `x` (a variable name) as type `t`. */
  write(t: AnyType, x: string): string {
    const tn = t.typeName;
    switch (tn) {
      case 'null':
        return `if (${x} !== null) throw NH;`;
      case 'boolean':
        return `if (typeof ${x} !== 'boolean') throw NH; buf[pos++] = ${x} ? 1 : 0;`;
      case 'int':
        return `if (typeof ${x} !== 'number' || ${x} !== (${x} | 0)) throw NH; wi(${x});`;
      case 'long':
        return `if (typeof ${x} === 'number') { if (!Number.isSafeInteger(${x})) throw NH; wl(${x}); } else if (typeof ${x} === 'bigint') { wbig(${x}); } else throw NH;`;
      case 'float':
        return `if (typeof ${x} !== 'number') throw NH; F32[0] = ${x}; buf[pos] = U32[0]; buf[pos + 1] = U32[1]; buf[pos + 2] = U32[2]; buf[pos + 3] = U32[3]; pos += 4;`;
      case 'double':
        return (
          `if (typeof ${x} !== 'number') throw NH; F64[0] = ${x}; buf[pos] = U64[0]; buf[pos + 1] = U64[1]; buf[pos + 2] = U64[2]; buf[pos + 3] = U64[3]; ` +
          `buf[pos + 4] = U64[4]; buf[pos + 5] = U64[5]; buf[pos + 6] = U64[6]; buf[pos + 7] = U64[7]; pos += 8;`
        );
      case 'string':
        return `if (typeof ${x} !== 'string') throw NH; ws(${x});`;
      case 'bytes':
        return `if (!Buffer.isBuffer(${x})) throw NH; wl(${x}.length); wraw(${x});`;
      case 'fixed':
        return `if (!Buffer.isBuffer(${x}) || ${x}.length !== ${t.size}) throw NH; wraw(${x});`;
      case 'enum': {
        const symbols = t.symbols as string[];
        const cases = symbols.map((s, i) => `case ${JSON.stringify(s)}: ${i < 64 ? `buf[pos++] = ${2 * i};` : `wl(${i});`} break;`).join(' ');
        return `if (typeof ${x} !== 'string') throw NH; switch (${x}) { ${cases} default: throw NH; }`;
      }
      case 'array': {
        const n = this.tmp('n');
        const i = this.tmp('i');
        const it = this.tmp('x');
        return (
          `if (!Array.isArray(${x})) throw NH; { const ${n} = ${x}.length; if (${n} !== 0) { wl(${n}); ` +
          `for (let ${i} = 0; ${i} < ${n}; ${i}++) { const ${it} = ${x}[${i}]; ${this.write(t.itemsType as AnyType, it)} } } buf[pos++] = 0; }`
        );
      }
      case 'map': {
        const ks = this.tmp('k');
        const n = this.tmp('n');
        const i = this.tmp('i');
        const it = this.tmp('x');
        return (
          `if (${x} === null || typeof ${x} !== 'object' || Array.isArray(${x})) throw NH; { const ${ks} = Object.keys(${x}); const ${n} = ${ks}.length; if (${n} !== 0) { wl(${n}); ` +
          `for (let ${i} = 0; ${i} < ${n}; ${i}++) { ws(${ks}[${i}]); const ${it} = ${x}[${ks}[${i}]]; ${this.write(t.valuesType as AnyType, it)} } } buf[pos++] = 0; }`
        );
      }
      case 'record':
        return `${this.#recordWriter(t)}(${x});`;
      case 'union:unwrapped':
        return this.#unionWrite(t, x);
      default:
        if (tn.startsWith('logical:')) return this.#logicalWrite(t, x);
        throw new Unsupported(tn);
    }
  }

  #recordWriter(t: AnyType): string {
    const known = this.#writers.get(t);
    if (known) return known;
    const name = this.tmp('w');
    this.#writers.set(t, name);
    const body: string[] = [`if (v === null || typeof v !== 'object') throw NH;`];
    for (const f of t.fields ?? []) {
      if (!IDENT.test(f.name) || f.name === '__proto__') throw new Unsupported(`field name ${f.name}`);
      const x = this.tmp('f');
      const dflt = f.defaultValue();
      const write = this.write(f.type, x);
      if (dflt === undefined) {
        body.push(`{ const ${x} = v.${f.name}; ${write} }`);
      } else {
        const bytes = (f.type as avro.Type).toBuffer(dflt);
        const lit = bytes.length <= 16 ? Array.from(bytes, (b, i) => `buf[pos + ${i}] = ${b};`).join(' ') + ` pos += ${bytes.length};` : `wraw(${this.const(bytes)});`;
        body.push(`{ const ${x} = v.${f.name}; if (${x} === undefined) { ${lit} } else { ${write} } }`);
      }
    }
    this.#functions.push(`function ${name}(v) {\n  ${body.join('\n  ')}\n}`);
    return name;
  }

  #unionWrite(t: AnyType, x: string): string {
    const types = t.types as AnyType[];
    const buckets = t._bucketIndices ?? {};
    const b = (k: string): number => buckets[k] ?? -1;
    const idx = this.tmp('u');
    let sel =
      `let ${idx}; if (${x} === null) ${idx} = ${b('null')}; else switch (typeof ${x}) { ` +
      `case 'string': ${idx} = ${b('string')}; break; case 'number': ${idx} = ${b('number')}; break; case 'boolean': ${idx} = ${b('boolean')}; break; ` +
      `case 'bigint': ${idx} = ${b('bigint')}; break; ` +
      `case 'object': ${idx} = Array.isArray(${x}) ? ${b('array')} : Buffer.isBuffer(${x}) ? ${b('buffer')} : ${b('object')}; break; ` +
      `default: ${idx} = ${b('undefined')}; }`;
    for (const br of t._dynamicBranches ?? []) {
      const kind = logicalKindOf(br.type);
      // Our timestamp and date types take every valid Date (and no invalid one): no need to ask _check.
      const check =
        kind === 'timestamp-millis' || kind === 'timestamp-micros' || kind === 'date'
          ? `(${x} instanceof Date ? ${x}.getTime() === ${x}.getTime() : ${this.const(br.type)}._check(${x}))`
          : `${this.const(br.type)}._check(${x})`;
      sel += ` if (${check}) { if (${idx} !== -1) throw NH; ${idx} = ${br.index}; }`;
    }
    sel += ` if (${idx} === -1) throw NH;`;
    const cases = types.map((bt, i) => `case ${i}: ${i < 64 ? `buf[pos++] = ${2 * i};` : `wl(${i});`} ${this.write(bt, x)} break;`);
    // avsc writes nothing after the index for a null value, whatever the branch.
    return `{ ${sel} if (${x} === null) { wl(${idx}); } else switch (${idx}) { ${cases.join(' ')} } }`;
  }

  #logicalWrite(t: AnyType, x: string): string {
    const under = t.underlyingType as AnyType;
    const lt = this.const(t);
    const lv = this.tmp('l');
    const kind = logicalKindOf(t);
    let conv: string;
    switch (kind) {
      case 'timestamp-millis':
        conv = `let ${lv}; if (${x} instanceof Date) { ${lv} = ${x}.getTime(); if (${lv} !== ${lv}) throw NH; } else ${lv} = ${lt}._toValue(${x});`;
        break;
      case 'timestamp-micros':
        conv =
          `let ${lv}; if (${x} instanceof Date) { const t = ${x}.getTime(); if (t !== t) throw NH; ${lv} = t * 1000; ` +
          `if (!Number.isSafeInteger(${lv})) ${lv} = BigInt(t) * 1000n; } else ${lv} = ${lt}._toValue(${x});`;
        break;
      case 'date':
        conv = `let ${lv}; if (${x} instanceof Date) { const t = ${x}.getTime(); if (t !== t) throw NH; ${lv} = Math.floor(t / 86400000); } else ${lv} = ${lt}._toValue(${x});`;
        break;
      case 'uuid':
        conv = `if (!isUuid(${x})) throw NH; const ${lv} = ${x};`;
        break;
      case 'decimal': {
        const size = under.typeName === 'fixed' ? (under.size as number) : 0;
        conv = `let ${lv} = decimalFast(${x}, ${t.scale ?? 0}, ${t.precision}, ${size}); if (${lv} === undefined) ${lv} = ${lt}._toValue(${x}); else if (${lv} === null) throw NH;`;
        if (size === 0) {
          // bytes: the fast path leaves the two's complement in DEC[0..DECLEN).
          return `{ ${conv} if (${lv} === true) { wl(DECLEN); for (let j = 0; j < DECLEN; j++) buf[pos++] = DEC[j]; } else { ${this.write(under, lv)} } }`;
        }
        return `{ ${conv} if (${lv} === true) { for (let j = 0; j < ${size}; j++) buf[pos++] = DEC[j]; } else { ${this.write(under, lv)} } }`;
      }
      default:
        conv = `const ${lv} = ${lt}._toValue(${x});`;
    }
    return `{ ${conv} ${this.write(under, lv)} }`;
  }

  // ---- decoding ----------------------------------------------------------

  /** An expression reading a value of type `t`. */
  read(t: AnyType): string {
    const tn = t.typeName;
    switch (tn) {
      case 'null':
        return 'null';
      case 'boolean':
        return 'rb()';
      case 'int':
        return 'rl()';
      case 'long':
        return 'rlong()';
      case 'float':
        return 'rf()';
      case 'double':
        return 'rd()';
      case 'string':
        return 'rs()';
      case 'bytes':
        return 'rbytes(rlen())';
      case 'fixed':
        return `rbytes(${t.size})`;
      case 'enum':
        return `renum(${this.const(t.symbols)}, ${this.const(t.name ?? '')})`;
      case 'array':
      case 'map':
      case 'record':
      case 'union:unwrapped':
        return `${this.#readerFn(t)}()`;
      default:
        if (tn.startsWith('logical:')) return this.#logicalRead(t);
        throw new Unsupported(tn);
    }
  }

  #readerFn(t: AnyType): string {
    const known = this.#readers.get(t);
    if (known) return known;
    const name = this.tmp('r');
    this.#readers.set(t, name);
    let body: string;
    switch (t.typeName) {
      case 'record': {
        const props = (t.fields ?? []).map((f) => {
          if (!IDENT.test(f.name) || f.name === '__proto__') throw new Unsupported(`field name ${f.name}`);
          return `${f.name}: ${this.read(f.type)}`;
        });
        body = `return { ${props.join(', ')} };`;
        break;
      }
      case 'array': {
        const items = t.itemsType as AnyType;
        const guard = minWidth(items) > 0 ? 'if (n > end - pos) throw TRUNC;' : 'zw -= n; if (zw < 0) zeroWidth();';
        body = `const a = []; let n; while ((n = rl()) !== 0) { if (n < 0) { n = -n; skipLong(); } ${guard} for (; n > 0; n--) a.push(${this.read(items)}); } return a;`;
        break;
      }
      case 'map':
        body =
          `const m = {}; let n; while ((n = rl()) !== 0) { if (n < 0) { n = -n; skipLong(); } if (n > end - pos) throw TRUNC; ` +
          `for (; n > 0; n--) { const k = rs(); const v = ${this.read(t.valuesType as AnyType)}; if (k === '__proto__') defineKey(m, k, v); else m[k] = v; } } return m;`;
        break;
      case 'union:unwrapped': {
        const cases = (t.types as AnyType[]).map((bt, i) => `case ${i}: return ${this.read(bt)};`);
        body = `const i = rl(); switch (i) { ${cases.join(' ')} default: throw new Error('invalid union index: ' + i); }`;
        break;
      }
      default:
        throw new Unsupported(t.typeName);
    }
    this.#functions.push(`function ${name}() { ${body} }`);
    return name;
  }

  #logicalRead(t: AnyType): string {
    const under = t.underlyingType as AnyType;
    const lt = this.const(t);
    switch (logicalKindOf(t)) {
      case 'timestamp-millis':
        return `rtsMillis(${this.read(under)})`;
      case 'timestamp-micros':
        return `rtsMicros(${this.read(under)}, ${lt})`;
      case 'uuid':
        return this.read(under);
      case 'decimal':
        if (under.typeName === 'bytes') return `rdecimal(rlen(), ${t.scale ?? 0}, ${lt})`;
        if (under.typeName === 'fixed') return `rdecimal(${under.size}, ${t.scale ?? 0}, ${lt})`;
        return `${lt}._fromValue(${this.read(under)})`;
      default:
        return `${lt}._fromValue(${this.read(under)})`;
    }
  }
}

/** The runtime the generated functions close over (source text; `K` holds the constants). */
const RUNTIME = String.raw`
let buf = null, pos = 0, end = 0, zw = 0;
const F32 = new Float32Array(1), U32 = new Uint8Array(F32.buffer);
const F64 = new Float64Array(1), U64 = new Uint8Array(F64.buffer);
const DEC = new Uint8Array(32); let DECLEN = 0;

// ---- writing: the same bytes as avsc's Tap ----
function wi(n) {
  let m = ((n << 1) ^ (n >> 31)) >>> 0;
  while (m > 0x7f) { buf[pos++] = (m & 0x7f) | 0x80; m >>>= 7; }
  buf[pos++] = m;
}
function wl(n) {
  if (n >= -1073741824 && n < 1073741824) {
    let m = n >= 0 ? n << 1 : (~n << 1) | 1;
    while (m > 0x7f) { buf[pos++] = (m & 0x7f) | 0x80; m >>>= 7; }
    buf[pos++] = m;
  } else if (n > -4503599627370496 && n < 4503599627370496) {
    let f = n >= 0 ? n * 2 : -n * 2 - 1;
    while (f >= 128) { buf[pos++] = (f & 0x7f) | 0x80; f = Math.floor(f / 128); }
    buf[pos++] = f;
  } else {
    pos = writeExactLong(buf, pos, BigInt(n));
  }
}
function wbig(v) {
  if (v < -9223372036854775808n || v > 9223372036854775807n) throw NH;
  pos = writeExactLong(buf, pos, v);
}
function wraw(b) {
  const n = b.length;
  if (n <= 16) { for (let i = 0; i < n; i++) buf[pos + i] = b[i]; }
  else if (pos + n <= buf.length) buf.set(b, pos);
  pos += n;
}
function ws(s) {
  const n = s.length;
  if (n < 64) {
    const start = pos;
    buf[pos++] = n << 1;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) { pos = start; wsSlow(s); return; }
      buf[pos++] = c;
    }
    return;
  }
  wsSlow(s);
}
function wsSlow(s) {
  const len = Buffer.byteLength(s);
  wl(len);
  if (pos + len > buf.length) { pos += len; return; }
  if (len > 64) { buf.utf8Write(s, pos, len); pos += len; return; }
  // avsc's own encoder for short strings (it differs from Buffer's on lone surrogates).
  let p = pos;
  for (let i = 0, l = s.length; i < l; i++) {
    let c1 = s.charCodeAt(i), c2;
    if (c1 < 0x80) buf[p++] = c1;
    else if (c1 < 0x800) { buf[p++] = (c1 >> 6) | 0xc0; buf[p++] = (c1 & 0x3f) | 0x80; }
    else if ((c1 & 0xfc00) === 0xd800 && ((c2 = s.charCodeAt(i + 1)) & 0xfc00) === 0xdc00) {
      c1 = 0x10000 + ((c1 & 0x03ff) << 10) + (c2 & 0x03ff); i++;
      buf[p++] = (c1 >> 18) | 0xf0; buf[p++] = ((c1 >> 12) & 0x3f) | 0x80; buf[p++] = ((c1 >> 6) & 0x3f) | 0x80; buf[p++] = (c1 & 0x3f) | 0x80;
    } else { buf[p++] = (c1 >> 12) | 0xe0; buf[p++] = ((c1 >> 6) & 0x3f) | 0x80; buf[p++] = (c1 & 0x3f) | 0x80; }
  }
  pos += len;
}
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const HALF = Array.from({ length: 8 }, (_, i) => 2 ** (8 * i - 1)); // HALF[len]: 2^(8 len - 1)
const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
function isUuid(s) {
  if (typeof s !== 'string' || s.length !== 36) return false;
  if (s.charCodeAt(8) !== 45 || s.charCodeAt(13) !== 45 || s.charCodeAt(18) !== 45 || s.charCodeAt(23) !== 45) return false;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    const c = s.charCodeAt(i);
    if (c >= 128 || HEX[c] === 0) return false;
  }
  return true;
}
/**
 * Fast decimal: a plain "-123.45" string (or a safe integer) with a small unscaled value.
 * true: two's complement in DEC[0..DECLEN) (or size bytes for fixed); null: invalid; undefined: not handled here.
 */
function decimalFast(x, scale, precision, size) {
  let unscaled;
  if (typeof x === 'string') {
    const n = x.length;
    if (n === 0 || n > 16) return undefined;
    let i = 0, neg = false, digits = 0, frac = -1, v = 0;
    if (x.charCodeAt(0) === 45) { neg = true; i = 1; }
    if (i === n) return undefined;
    for (; i < n; i++) {
      const c = x.charCodeAt(i);
      if (c === 46) { if (frac !== -1 || digits === 0 || i === n - 1) return undefined; frac = 0; continue; }
      if (c < 48 || c > 57) return undefined;
      if (frac !== -1) { if (frac >= scale) { if (c !== 48) return null; continue; } frac++; }
      v = v * 10 + (c - 48); digits++;
    }
    for (let k = frac === -1 ? 0 : frac; k < scale; k++) v *= 10;
    unscaled = neg ? -v : v;
  } else if (typeof x === 'number' && Number.isSafeInteger(x)) {
    unscaled = x;
    for (let k = 0; k < scale; k++) unscaled *= 10;
  } else return undefined;
  if (size > 32) return undefined;
  const abs = unscaled < 0 ? -unscaled : unscaled;
  if (abs >= 70368744177664) return undefined; // 2^46: leave it to the exact path
  if (abs !== 0 && abs >= (precision < POW10.length ? POW10[precision] : Infinity)) return null;
  let len = 1;
  while (unscaled < -HALF[len] || unscaled >= HALF[len]) len++;
  if (size !== 0) { if (len > size) return null; len = size; }
  let u = unscaled < 0 ? unscaled + 281474976710656 : unscaled; // + 2^48
  for (let j = len - 1; j >= 0; j--) {
    if (len - 1 - j < 6) { const b = u % 256; DEC[j] = b; u = (u - b) / 256; } else DEC[j] = unscaled < 0 ? 0xff : 0;
  }
  DECLEN = len;
  return true;
}

// ---- reading: the values avsc reads, bounded by the buffer ----
function zeroWidth() { throw new Error('more than ' + MAXZW + ' zero-width collection items: the block counts are corrupt'); }
function rl() {
  if (pos >= end) throw TRUNC;
  let b = buf[pos++];
  if (b < 0x80) return (b >> 1) ^ -(b & 1);
  let n = b & 0x7f, k = 7, h;
  do { b = buf[pos++]; h = b & 0x80; n |= (b & 0x7f) << k; k += 7; } while (h && k < 28);
  if (h) {
    let f = n, fk = 268435456;
    do { b = buf[pos++]; f += (b & 0x7f) * fk; fk *= 128; } while (b & 0x80);
    return (f % 2 ? -(f + 1) : f) / 2;
  }
  return (n >> 1) ^ -(n & 1);
}
function rlong() {
  const start = pos;
  const n = rl();
  if (n > -4503599627370496 && n < 4503599627370496) return n;
  return readExactLong(buf, start);
}
function skipLong() { while (buf[pos++] & 0x80) {} }
function rlen() {
  const n = rl();
  if (n < 0 || n > end - pos) throw TRUNC;
  return n;
}
function rb() { if (pos >= end) throw TRUNC; return !!buf[pos++]; }
function rf() { if (pos + 4 > end) throw TRUNC; U32[0] = buf[pos]; U32[1] = buf[pos + 1]; U32[2] = buf[pos + 2]; U32[3] = buf[pos + 3]; pos += 4; return F32[0]; }
function rd() {
  if (pos + 8 > end) throw TRUNC;
  U64[0] = buf[pos]; U64[1] = buf[pos + 1]; U64[2] = buf[pos + 2]; U64[3] = buf[pos + 3]; U64[4] = buf[pos + 4]; U64[5] = buf[pos + 5]; U64[6] = buf[pos + 6]; U64[7] = buf[pos + 7];
  pos += 8; return F64[0];
}
function rs() {
  const n = rl();
  if (n < 0 || n > end - pos) throw TRUNC;
  const s = pos; pos += n;
  if (n <= 16) {
    for (let i = s; i < pos; i++) if (buf[i] >= 0x80) return buf.utf8Slice(s, pos);
    return ascii(buf, s, n);
  }
  return buf.utf8Slice(s, pos);
}
/** A short ASCII string from its bytes (one allocation; no native call). */
function ascii(b, s, n) {
  switch (n) {
    case 0: return '';
    case 1: return String.fromCharCode(b[s]);
    case 2: return String.fromCharCode(b[s], b[s + 1]);
    case 3: return String.fromCharCode(b[s], b[s + 1], b[s + 2]);
    case 4: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    case 8: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
    case 9: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8]);
    case 10: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9]);
    case 11: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10]);
    case 12: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11]);
    case 13: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12]);
    case 14: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13]);
    case 15: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14]);
    case 16: return String.fromCharCode(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7], b[s + 8], b[s + 9], b[s + 10], b[s + 11], b[s + 12], b[s + 13], b[s + 14], b[s + 15]);
  }
}
function rbytes(n) {
  if (pos + n > end) throw TRUNC;
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = buf[pos + i];
  pos += n; return out;
}
function renum(symbols, name) {
  const i = rl();
  const s = symbols[i];
  if (s === undefined) throw new Error('invalid ' + name + ' enum index: ' + i);
  return s;
}
function defineKey(m, k, v) { Object.defineProperty(m, k, { value: v, enumerable: true, writable: true, configurable: true }); }
function rtsMillis(v) { return new Date(typeof v === 'number' ? v : Number(v)); }
function rtsMicros(v, t) { return typeof v === 'number' ? new Date(Math.floor(v / 1000)) : t._fromValue(v); }
function rdecimal(n, scale, t) {
  if (pos + n > end) throw TRUNC;
  if (n > 6) { const b = rbytes(n); return t._fromValue(b); }
  let u = 0;
  for (let i = 0; i < n; i++) u = u * 256 + buf[pos + i];
  if (n > 0 && buf[pos] & 0x80) u -= 2 ** (8 * n);
  pos += n;
  const neg = u < 0;
  const abs = String(neg ? -u : u).padStart(scale + 1, '0');
  const cut = abs.length - scale;
  return (neg ? '-' : '') + abs.slice(0, cut) + (scale > 0 ? '.' + abs.slice(cut) : '');
}
`;

const cache = new WeakMap<avro.Type, CompiledCodec | null>();

/**
 * The compiled codec of `type` (built once per type and cached), or
 * `undefined` when the type has something the compiler does not cover.
 */
export function compiledCodec(type: avro.Type): CompiledCodec | undefined {
  const hit = cache.get(type);
  if (hit !== undefined) return hit ?? undefined;
  let codec: CompiledCodec | null = null;
  try {
    codec = compile(type as AnyType);
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
  }
  cache.set(type, codec);
  return codec ?? undefined;
}

function compile(type: AnyType): CompiledCodec {
  const g = new Generator();
  const writeRoot = g.write(type, 'v');
  const readRoot = g.read(type);
  const body = `'use strict';
${RUNTIME}
${g.source}
return {
  encode(v, b, offset) {
    buf = b; pos = offset;
    try { ${writeRoot} return pos; } finally { buf = null; }
  },
  decode(b, offset) {
    buf = b; pos = offset; end = b.length; zw = MAXZW;
    try {
      const value = ${readRoot};
      return pos > end ? { value: undefined, offset: -1 } : { value, offset: pos };
    } catch (e) {
      if (e === TRUNC) return { value: undefined, offset: -1 };
      throw e;
    } finally { buf = null; }
  },
};`;
  const factory = new Function('K', 'NH', 'TRUNC', 'MAXZW', 'writeExactLong', 'readExactLong', body) as (...args: unknown[]) => CompiledCodec;
  return factory(g.consts, NOT_HANDLED, TRUNC, MAX_ZERO_WIDTH_ITEMS, writeExactLong, readExactLong);
}
