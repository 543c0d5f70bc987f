/**
 * The compiled Avro codecs against avsc: seeded random records over the
 * fixture schemas (test/fixtures/avro/*.avsc, fuzz-schemas.json) and a set of
 * edge schemas. For every record: our bytes === avsc's bytes, and
 * decode(encode(x)) deep-equals x and avsc's decode. Mutated bodies decode the
 * same way with both (or fail with both); invalid values are never written by
 * the compiled path with bytes avsc would not write.
 *
 * Reproduce with another seed: SK_EQUIV_SEED=<n> npx jest test/unit/serde/avro-compile.test.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as avro from 'avsc';
import { NOT_HANDLED, compiledCodec, type CompiledCodec } from '../../../src/serde/avro-compile';
import { parseAvroType } from '../../../src/serde/avro-types';
import { plain } from './tagged';

const SEED = Number(process.env.SK_EQUIV_SEED ?? 20240601);
const AVRO_DIR = join(__dirname, '../../fixtures/avro');

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type T = avro.Type & {
  typeName: string;
  fields?: { name: string; type: T; defaultValue(): unknown }[];
  itemsType?: T;
  valuesType?: T;
  types?: T[];
  symbols?: string[];
  size?: number;
  underlyingType?: T;
  precision?: number;
  scale?: number;
};

const DAY = 86_400_000;
const CHARS = ['a', 'Z', '0', ' ', '-', '_', '"', '\\', '\n', 'é', 'ß', '€', '✓', '中', '😀', '\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff'];

/** Random valid values of a type, in the canonical form the decoder gives back. */
class Values {
  readonly #rnd: () => number;
  constructor(seed: number) {
    this.#rnd = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.#rnd() * n);
  }
  pick<X>(xs: readonly X[]): X {
    return xs[this.int(xs.length)];
  }
  magnitude(bits: number): number {
    // Uniform over bit lengths, so every varint width shows up.
    const b = this.int(bits + 1);
    return Math.floor(this.#rnd() * 2 ** b);
  }
  string(maxLen: number): string {
    const n = this.int(maxLen + 1);
    const ascii = this.#rnd() < 0.6;
    let s = '';
    for (let i = 0; i < n; i++) s += ascii ? String.fromCharCode(32 + this.int(95)) : this.pick(CHARS);
    return s;
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  of(t: T, depth = 0, omitDefaults = false): unknown {
    const tn = t.typeName;
    switch (tn) {
      case 'null':
        return null;
      case 'boolean':
        return this.#rnd() < 0.5;
      case 'int': {
        const v = this.pick([0, 1, -1, 63, 64, -64, -65, 2 ** 31 - 1, -(2 ** 31), this.magnitude(31), -this.magnitude(31)]);
        return v === 0 ? 0 : Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, v)); // no -0: an int reads back as 0
      }
      case 'long': {
        const r = this.int(10);
        if (r === 0) return this.pick([2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 52, -(2 ** 52), -(2 ** 52) - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1]);
        if (r === 1) return this.pick([2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n, -(2n ** 53n) - 7n, BigInt(this.magnitude(40)) * 65536n + 12345n + 2n ** 53n]);
        const v = this.magnitude(53);
        return this.#rnd() < 0.5 || v === 0 ? v : -v;
      }
      case 'float':
        return this.pick([0, -0, 1.5, NaN, Infinity, -Infinity, Math.fround((this.#rnd() - 0.5) * 1e6), Math.fround(this.#rnd() * 1e-30), 3.4028234663852886e38]);
      case 'double':
        return this.pick([0, -0, NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, (this.#rnd() - 0.5) * 1e12, this.#rnd()]);
      case 'string':
        return this.string(this.#rnd() < 0.1 ? 200 : 20);
      case 'bytes':
        return this.bytes(this.int(this.#rnd() < 0.1 ? 100 : 12));
      case 'fixed':
        return this.bytes(t.size as number);
      case 'enum':
        return this.pick(t.symbols as string[]);
      case 'array': {
        const n = depth > 3 ? 0 : this.int(5);
        return Array.from({ length: n }, () => this.of(t.itemsType as T, depth + 1, omitDefaults));
      }
      case 'map': {
        const n = depth > 3 ? 0 : this.int(4);
        const m: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) m[this.string(6)] = this.of(t.valuesType as T, depth + 1, omitDefaults);
        return m;
      }
      case 'record': {
        const o: Record<string, unknown> = {};
        for (const f of t.fields ?? []) {
          if (omitDefaults && f.defaultValue() !== undefined && this.#rnd() < 0.5) continue;
          // Recursive types: stop through a nullable branch.
          const ft = f.type;
          if (depth > 4 && ft.typeName === 'union:unwrapped' && ft.types?.some((b) => b.typeName === 'null')) o[f.name] = null;
          else o[f.name] = this.of(ft, depth + 1, omitDefaults);
        }
        return o;
      }
      case 'union:unwrapped':
        return this.of(this.pick(t.types as T[]), depth + 1, omitDefaults);
      default:
        return this.#logical(t);
    }
  }
  #logical(t: T): unknown {
    switch (t.typeName) {
      case 'logical:timestamp-millis':
      case 'logical:local-timestamp-millis':
      case 'logical:timestamp-micros':
      case 'logical:local-timestamp-micros':
        return new Date(this.pick([0, -1, 1, 8.64e15, -8.64e15, Math.floor((this.#rnd() - 0.3) * 4e12)]));
      case 'logical:date':
        return new Date(DAY * Math.floor((this.#rnd() - 0.5) * 200_000));
      case 'logical:time-millis': {
        const ms = this.int(DAY);
        return new Date(ms).toISOString().slice(11, 23);
      }
      case 'logical:time-micros': {
        const us = this.int(DAY) * 1000 + this.int(1000);
        return `${new Date(Math.floor(us / 1000)).toISOString().slice(11, 23)}${String(us % 1000).padStart(3, '0')}`;
      }
      case 'logical:uuid': {
        const h = this.bytes(16).toString('hex');
        const u = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
        return this.#rnd() < 0.2 ? u.toUpperCase() : u;
      }
      case 'logical:decimal': {
        const precision = t.precision as number;
        const scale = t.scale ?? 0;
        const digits = 1 + this.int(precision);
        let d = '';
        for (let i = 0; i < digits; i++) d += String(this.int(10));
        let u = BigInt(d);
        if (this.#rnd() < 0.5) u = -u;
        const neg = u < 0n;
        const abs = (neg ? -u : u).toString().padStart(scale + 1, '0');
        const cut = abs.length - scale;
        return `${neg ? '-' : ''}${abs.slice(0, cut)}${scale > 0 ? `.${abs.slice(cut)}` : ''}`;
      }
      default:
        throw new Error(`no generator for ${t.typeName}`);
    }
  }
}

/** Edge schemas beyond the fixtures: every primitive, fixed, big enums, logical types in unions and collections, defaults, recursion. */
const EDGE_SCHEMAS: Record<string, unknown> = {
  primitives: {
    type: 'record',
    name: 'P',
    fields: ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'].map((t) => ({ name: `f_${t}`, type: t })),
  },
  fixedAndEnums: {
    type: 'record',
    name: 'FE',
    fields: [
      { name: 'empty', type: { type: 'fixed', name: 'Zero', size: 0 } },
      { name: 'md5', type: { type: 'fixed', name: 'Md5', size: 16 } },
      { name: 'big', type: { type: 'enum', name: 'Big', symbols: Array.from({ length: 100 }, (_, i) => `S${i}`) } },
      { name: 'bigs', type: { type: 'array', items: 'Big' } },
    ],
  },
  logicalUnions: {
    type: 'record',
    name: 'LU',
    fields: [
      { name: 'when', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null },
      { name: 'whenUs', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }] },
      { name: 'day', type: ['null', { type: 'int', logicalType: 'date' }] },
      { name: 'id', type: ['null', { type: 'string', logicalType: 'uuid' }] },
      { name: 'amount', type: ['null', { type: 'bytes', logicalType: 'decimal', precision: 30, scale: 6 }] },
      { name: 'small', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 0 } },
      { name: 'wide', type: { type: 'fixed', name: 'W', size: 16, logicalType: 'decimal', precision: 38, scale: 10 } },
      { name: 'narrow', type: { type: 'fixed', name: 'N', size: 3, logicalType: 'decimal', precision: 6, scale: 3 } },
      { name: 'times', type: { type: 'array', items: { type: 'int', logicalType: 'time-millis' } } },
      { name: 'timesUs', type: { type: 'map', values: { type: 'long', logicalType: 'time-micros' } } },
      { name: 'local', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
    ],
  },
  defaults: {
    type: 'record',
    name: 'D',
    fields: [
      { name: 'a', type: 'int', default: 42 },
      { name: 'b', type: 'string', default: 'a default that is longer than sixteen bytes' },
      { name: 'c', type: ['null', 'long'], default: null },
      { name: 'd', type: { type: 'array', items: 'double' }, default: [1.5, 2.5] },
      { name: 'e', type: { type: 'map', values: 'int' }, default: { x: 1 } },
      { name: 'f', type: { type: 'enum', name: 'E', symbols: ['X', 'Y'] }, default: 'Y' },
      { name: 'g', type: 'boolean', default: true },
      { name: 'h', type: { type: 'fixed', name: 'F2', size: 2 }, default: '\u00ff\u0001' },
    ],
  },
  nested: {
    type: 'array',
    items: { type: 'map', values: ['null', 'boolean', 'double', 'string', { type: 'array', items: ['int', 'string'] }, { type: 'record', name: 'Leaf', fields: [{ name: 'x', type: 'long' }] }] },
  },
  tree: {
    type: 'record',
    name: 'Tree',
    fields: [
      { name: 'label', type: 'string' },
      { name: 'children', type: { type: 'array', items: 'Tree' } },
      { name: 'parent', type: ['null', 'Tree'], default: null },
    ],
  },
  topString: 'string',
  topLong: 'long',
  topUnion: ['null', 'double', 'string'],
};

function loadSchemas(): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const f of readdirSync(AVRO_DIR).filter((n) => n.endsWith('.avsc')).sort()) out.push([f, JSON.parse(readFileSync(join(AVRO_DIR, f), 'utf8'))]);
  for (const e of JSON.parse(readFileSync(join(AVRO_DIR, 'fuzz-schemas.json'), 'utf8')) as { name: string; schema: unknown }[]) out.push([`fuzz-schemas.json ${e.name}`, e.schema]);
  for (const [k, s] of Object.entries(EDGE_SCHEMAS)) out.push([`edge ${k}`, s]);
  return out;
}

const SCHEMAS = loadSchemas();
/** A schema value (a bare type name is a JSON string, not schema text). */
const parse = (s: unknown): avro.Type => parseAvroType(typeof s === 'string' ? JSON.stringify(s) : s);
const RECORDS = 300;

function encodeWith(codec: CompiledCodec, v: unknown): Buffer {
  let buf = Buffer.alloc(64);
  let end = codec.encode(v, buf, 0);
  if (end > buf.length) {
    buf = Buffer.alloc(end + 16);
    end = codec.encode(v, buf, 0);
  }
  return Buffer.from(buf.subarray(0, end));
}

/** Plain data with invalid Dates (NaN times) spelt out, so two of them compare equal. */
function comparable(v: unknown): unknown {
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (Array.isArray(v)) return v.map(comparable);
  if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, comparable(x)]));
}

/** Outcome of one decode: the value and offset, or that it failed (throw or truncated). */
function outcome(f: () => { value: unknown; offset: number }): { ok: true; value: unknown; offset: number } | { ok: false } {
  try {
    const r = f();
    return r.offset < 0 ? { ok: false } : { ok: true, value: comparable(r.value), offset: r.offset };
  } catch {
    return { ok: false };
  }
}

describe('compiled Avro codecs: byte-for-byte avsc', () => {
  const uncompiled = SCHEMAS.filter(([, s]) => compiledCodec(parse(s)) === undefined).map(([n]) => n);

  it('compile every fixture schema except the one with a wrapped (ambiguous) union', () => {
    expect(uncompiled).toEqual(['envelope.avsc']);
  });

  describe.each(SCHEMAS.filter(([n]) => !uncompiled.includes(n)))('%s', (name, schema) => {
    const type = parse(schema);
    const codec = compiledCodec(type) as CompiledCodec;
    const seed = SEED ^ [...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7);

    it(`${RECORDS} random records: same bytes as avsc, decode(encode(x)) equals x and avsc's decode`, () => {
      const gen = new Values(seed);
      for (let i = 0; i < RECORDS; i++) {
        const x = gen.of(type as T);
        const ours = encodeWith(codec, x);
        const theirs = type.toBuffer(x);
        if (!ours.equals(theirs)) throw new Error(`record ${i}: ${JSON.stringify(plain(x), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}\nours   ${ours.toString('hex')}\navsc   ${theirs.toString('hex')}`);
        const back = codec.decode(ours, 0);
        expect(back.offset).toBe(ours.length);
        expect(back.value).toEqual(x);
        expect(back.value).toEqual(plain(type.fromBuffer(ours)));
      }
    });

    it('records with defaulted fields left out: same bytes as avsc', () => {
      const gen = new Values(seed + 1);
      for (let i = 0; i < RECORDS / 3; i++) {
        const x = gen.of(type as T, 0, true);
        expect(encodeWith(codec, x).toString('hex')).toBe(type.toBuffer(x).toString('hex'));
      }
    });

    it('mutated bodies: the compiled decoder reads what avsc reads, and fails where avsc fails', () => {
      const gen = new Values(seed + 2);
      const resolved = type; // no resolver: reading with the writer schema
      for (let i = 0; i < 400; i++) {
        const good = encodeWith(codec, gen.of(type as T));
        const b = Buffer.from(good);
        const op = gen.int(4);
        let body: Buffer;
        if (op === 0 && b.length) {
          b[gen.int(b.length)] = gen.int(256);
          body = b;
        } else if (op === 1) body = b.subarray(0, gen.int(b.length + 1));
        else if (op === 2) body = Buffer.concat([b.subarray(0, gen.int(b.length + 1)), gen.bytes(1 + gen.int(6))]);
        else body = gen.bytes(gen.int(24));
        const ours = outcome(() => codec.decode(body, 0));
        const theirs = outcome(() => resolved.decode(body, 0));
        if (ours.ok !== theirs.ok) throw new Error(`body ${body.toString('hex')}: compiled ${ours.ok ? 'read it' : 'failed'}, avsc ${theirs.ok ? 'read it' : 'failed'}`);
        expect(ours).toEqual(theirs);
      }
    });

    it('invalid values: the compiled encoder refuses whatever avsc refuses', () => {
      const gen = new Values(seed + 3);
      const wrong = [undefined, null, 'x', 1.5, -1, 2 ** 40, true, {}, [], Buffer.from('z'), new Date(NaN), 10n ** 30n, '1.2.3', '123e4567-e89b-12d3-a456-42661417400'];
      for (let i = 0; i < RECORDS / 3; i++) {
        const x = gen.of(type as T);
        const bad = corrupt(x, gen, wrong);
        let avscBytes: Buffer | undefined;
        try {
          avscBytes = type.toBuffer(bad);
        } catch {
          avscBytes = undefined;
        }
        let ours: Buffer | 'refused';
        try {
          ours = encodeWith(codec, bad);
        } catch (e) {
          if (e !== NOT_HANDLED) throw e;
          ours = 'refused';
        }
        if (avscBytes === undefined) expect(ours).toBe('refused');
        else if (ours !== 'refused') expect(ours.toString('hex')).toBe(avscBytes.toString('hex'));
      }
    });
  });

  it('lone surrogates: the same bytes as avsc in short and long strings', () => {
    const type = parseAvroType({ type: 'array', items: 'string' });
    const codec = compiledCodec(type) as CompiledCodec;
    const v = ['\ud800', 'a\udc00b', '\ud83d', `${'x'.repeat(70)}\ud800${'y'.repeat(3)}`, '\ud83d\ude00\ud83d'];
    expect(encodeWith(codec, v).toString('hex')).toBe(type.toBuffer(v).toString('hex'));
  });

  it('longs beyond ±2^52 are exact (avsc alone rounds -2^52 - 1 to +2^52)', () => {
    const type = parseAvroType('"long"');
    const codec = compiledCodec(type) as CompiledCodec;
    for (const v of [-(2 ** 52) - 1, -(2 ** 53) + 1, 2 ** 53 - 1, -(2 ** 52)]) {
      const bytes = encodeWith(codec, v);
      expect(bytes.toString('hex')).toBe(type.toBuffer(v).toString('hex'));
      expect(codec.decode(bytes, 0).value).toBe(v);
      expect(type.fromBuffer(bytes)).toBe(v);
    }
    expect(encodeWith(codec, -(2 ** 52) - 1).toString('hex')).toBe('8180808080808010');
  });

  it('grows past a too-small buffer and reports the needed size', () => {
    const type = parseAvroType({ type: 'array', items: 'string' });
    const codec = compiledCodec(type) as CompiledCodec;
    const v = ['x'.repeat(300), 'é'.repeat(100)];
    const small = Buffer.alloc(10);
    const end = codec.encode(v, small, 0);
    expect(end).toBeGreaterThan(small.length);
    expect(encodeWith(codec, v).toString('hex')).toBe(type.toBuffer(v).toString('hex'));
  });
});

/** Replace one random leaf (or the whole value) with a wrong-typed value. */
function corrupt(x: unknown, gen: Values, wrong: unknown[]): unknown {
  if (gen.int(4) === 0 || x === null || typeof x !== 'object' || Buffer.isBuffer(x) || x instanceof Date) return gen.pick(wrong);
  if (Array.isArray(x)) {
    if (x.length === 0) return [gen.pick(wrong)];
    const c = [...x];
    const i = gen.int(c.length);
    c[i] = corrupt(c[i], gen, wrong);
    return c;
  }
  const o = { ...(x as Record<string, unknown>) };
  const keys = Object.keys(o);
  if (keys.length === 0) return gen.pick(wrong);
  const k = gen.pick(keys);
  o[k] = corrupt(o[k], gen, wrong);
  return o;
}
