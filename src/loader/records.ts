/**
 * Parsing and serialization of one chunk of loader input: bytes in, keys and
 * values out (or dead letters). The same code runs on the main thread and in
 * the worker threads.
 *
 * @packageDocumentation
 */
import { isUtf8 } from 'node:buffer';

import { SerializationError } from '../errors';
import { SchemaRegistryClient } from '../registry/client';
import { AvroSerializer } from '../serde/avro';
import { MessageField, SerializationContext } from '../serde/context';
import { JsonSerializer } from '../serde/primitives';
import { CsvParser } from './csv';

/** Input formats of the loader. */
export type LoadFormat = 'csv' | 'jsonl' | 'lines';
/** Value serializations of the loader. */
export type LoadSerialization = 'string' | 'json' | 'avro';

/** How records are read and serialized; plain data, so it can cross to a worker. */
export interface RecordSpec {
  format: LoadFormat;
  serialization: LoadSerialization;
  topic: string;
  /** CSV: the delimiter (one ASCII character). */
  delimiter: string;
  /** CSV: the column names come from each input's header line (so they may be unknown until it is read). */
  header?: boolean;
  /** CSV: the key column — a name, a 1-based number, or `null` for no key (default: the first column). */
  keyColumn?: string | number | null;
  /** CSV: the value column (name or 1-based number); default: see docs/loader.md. */
  valueColumn?: string | number;
  /** JSON Lines: the field holding the key (dotted path); absent: no key. */
  keyField?: string;
  /** JSON Lines: the field holding the value (dotted path); absent: the whole object. */
  valueField?: string;
  /** Avro: the writer schema (JSON text) and its registry id. */
  avro?: { schema: string; id: number };
}

/** A record that could not be parsed or serialized. */
export interface DeadLetter {
  /** 1-based line number in its input. */
  line: number;
  /** What is wrong, naming the field or byte at fault. */
  reason: string;
  /** The record's text as read. */
  raw: string;
}

/** What {@link ChunkProcessor.process} returns. */
export interface ChunkOutput {
  /** Keys as the producer takes them: UTF-8 bytes or a string. */
  keys: Array<Buffer | string | null>;
  values: Array<Buffer | string | null>;
  dead: DeadLetter[];
  /** Records in the chunk: sent plus dead-lettered. */
  records: number;
}

interface AvroField {
  name: string;
  types: string[];
}

/** Resolves a column reference (name or 1-based number) against `columns`; -1 when absent. */
export function columnIndex(ref: string | number, columns: readonly string[] | undefined, what: string): number {
  if (typeof ref === 'number' || /^[1-9][0-9]*$/.test(ref)) {
    const n = Number(ref);
    if (columns && n > columns.length) throw new RangeError(`${what} ${n}: there are only ${columns.length} columns (${columns.join(', ')})`);
    return n - 1;
  }
  if (!columns) throw new RangeError(`${what} "${ref}" is a name, but the columns have no names: pass --header or --columns, or give a column number`);
  const i = columns.indexOf(ref);
  if (i < 0) throw new RangeError(`${what} "${ref}" is not a column (columns: ${columns.join(', ')})`);
  return i;
}

/**
 * Parses and serializes chunks of one input. A chunk must hold whole records
 * (see `findRecordBoundary`).
 */
export class ChunkProcessor {
  readonly #spec: RecordSpec;
  readonly #ctx: SerializationContext;
  readonly #json = new JsonSerializer();
  readonly #avro: AvroSerializer<unknown> | undefined;
  readonly #avroFields: AvroField[] | undefined;
  #columns: string[] | undefined;
  #keyIndex = -1;
  #valueIndex = -1;

  constructor(spec: RecordSpec, columns?: string[]) {
    this.#spec = spec;
    this.#ctx = new SerializationContext(spec.topic, MessageField.VALUE);
    if (spec.serialization === 'avro') {
      if (!spec.avro) throw new RangeError('avro serialization needs a schema');
      // The schema and its id are resolved once by the loader; this registry client is never asked.
      const unused = new SchemaRegistryClient({ url: 'mock://simple-kafka-loader-unused' });
      this.#avro = new AvroSerializer(unused, spec.avro.schema, { 'auto.register.schemas': false, 'use.schema.id': spec.avro.id });
      this.#avroFields = avroRecordFields(spec.avro.schema);
    }
    this.setColumns(columns);
  }

  /** Sets the CSV column names (from a header); checks the key and value columns against them. */
  setColumns(columns: string[] | undefined): void {
    const s = this.#spec;
    this.#columns = columns;
    if (s.format !== 'csv') return;
    if (!columns && s.header) return; // resolved when the header has been read
    this.#keyIndex = s.keyColumn === null ? -1 : columnIndex(s.keyColumn ?? 1, columns, 'key column');
    this.#valueIndex = s.valueColumn === undefined ? -1 : columnIndex(s.valueColumn, columns, 'value column');
    if (s.serialization === 'avro' && !columns && !s.header) throw new RangeError('CSV with Avro needs column names: pass --header or --columns');
    if (s.serialization === 'string' && columns && this.#valueIndex < 0) {
      const others = columns.length - (this.#keyIndex >= 0 ? 1 : 0);
      if (others !== 1) {
        throw new RangeError(`string values take one column, but there are ${others} besides the key: pass --value-column, or --serialization json`);
      }
      this.#valueIndex = columns.findIndex((_, i) => i !== this.#keyIndex);
    }
  }

  /** Parses and serializes `chunk`, whose first byte is on line `firstLine`. */
  async process(chunk: Buffer, firstLine: number): Promise<ChunkOutput> {
    const out: ChunkOutput = { keys: [], values: [], dead: [], records: 0 };
    const pending: Array<Promise<void>> = [];
    const add = (line: number, raw: () => string, key: Buffer | string | null, value: unknown): void => {
      const at = out.keys.length;
      out.records++;
      out.keys.push(key);
      const v = this.#serialize(value);
      if (v instanceof Promise) {
        out.values.push(null);
        pending.push(
          v.then(
            (b) => void (out.values[at] = b),
            (err: unknown) => {
              out.values[at] = DEAD;
              out.dead.push({ line, reason: reasonOf(err), raw: raw() });
            },
          ),
        );
      } else if (v instanceof Error) {
        out.values.push(DEAD);
        out.dead.push({ line, reason: v.message, raw: raw() });
      } else out.values.push(v);
    };
    const dead = (line: number, reason: string, raw: string): void => {
      out.records++;
      out.dead.push({ line, reason, raw });
    };
    if (this.#spec.format === 'csv' && this.#keyValueFast(chunk, firstLine, out, add, dead)) {
      // done: plain key;value lines
    } else if (this.#spec.format === 'csv') this.#csv(chunk, firstLine, add, dead);
    else this.#lines(chunk, firstLine, add, dead);
    if (pending.length > 0) await Promise.all(pending);
    if (out.dead.length > 0 && out.values.includes(DEAD)) {
      const keys: Array<Buffer | string | null> = [];
      const values: Array<Buffer | string | null> = [];
      for (let i = 0; i < out.values.length; i++) {
        if (out.values[i] === DEAD) continue;
        keys.push(out.keys[i]);
        values.push(out.values[i]);
      }
      out.keys = keys;
      out.values = values;
      out.dead.sort((a, b) => a.line - b.line);
    }
    return out;
  }

  #serialize(value: unknown): Buffer | string | null | Error | Promise<Buffer | null> {
    try {
      switch (this.#spec.serialization) {
        case 'string':
          if (value === null || value === undefined) return null;
          if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
          return JSON.stringify(value);
        case 'json':
          return this.#json.serialize(Buffer.isBuffer(value) ? value.toString('utf8') : value, this.#ctx);
        case 'avro':
          return this.#avro!.serialize(Buffer.isBuffer(value) ? value.toString('utf8') : value, this.#ctx);
      }
    } catch (err) {
      return new Error(reasonOf(err));
    }
  }

  /**
   * The common case, string values of `key;value` lines without quotes or
   * column names: keys and values are slices of the chunk's text, pushed
   * straight to the output. Lines that do not have exactly two fields take the
   * general path. Returns false when the case does not apply.
   */
  #keyValueFast(chunk: Buffer, firstLine: number, out: ChunkOutput, add: AddFn, dead: DeadFn): boolean {
    if (this.#spec.serialization !== 'string' || this.#columns || this.#valueIndex >= 0 || this.#keyIndex !== 0) return false;
    if (chunk.indexOf(0x22) >= 0 || !isUtf8(chunk)) return false;
    const text = chunk.toString('utf8');
    const delim = this.#spec.delimiter === '\\t' ? '\t' : this.#spec.delimiter;
    const keys = out.keys;
    const values = out.values;
    let line = firstLine;
    let start = 0;
    const n = text.length;
    while (start < n) {
      let lf = text.indexOf('\n', start);
      if (lf < 0) lf = n;
      let end = lf;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
      if (end > start) {
        const d1 = text.indexOf(delim, start);
        if (d1 >= 0 && d1 < end) {
          const d2 = text.indexOf(delim, d1 + 1);
          if (d2 < 0 || d2 >= end) {
            keys.push(text.slice(start, d1));
            values.push(text.slice(d1 + 1, end));
            out.records++;
            start = lf + 1;
            line++;
            continue;
          }
        }
        const rec = text.slice(start, end);
        this.#csvRecord(rec.split(delim), line, () => rec, add, dead);
      }
      start = lf + 1;
      line++;
    }
    return true;
  }

  #csv(chunk: Buffer, firstLine: number, add: AddFn, dead: DeadFn): void {
    if (chunk.indexOf(0x22) < 0 && isUtf8(chunk)) {
      // No quotes: every line is one record, fields split at the delimiter (as strings, no copies).
      const text = chunk.toString('utf8');
      const delim = this.#spec.delimiter === '\\t' ? '\t' : this.#spec.delimiter;
      let line = firstLine;
      let start = 0;
      const n = text.length;
      while (start < n) {
        let lf = text.indexOf('\n', start);
        if (lf < 0) lf = n;
        let end = lf;
        if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
        const at = line;
        line++;
        if (end > start) {
          const rec = text.slice(start, end);
          this.#csvRecord(rec.split(delim), at, () => rec, add, dead);
        }
        start = lf + 1;
      }
      return;
    }
    const parser = new CsvParser({ delimiter: this.#spec.delimiter, firstLine });
    const records = parser.push(chunk);
    records.push(...parser.end());
    for (const r of records) {
      const raw = (): string => r.raw.toString('utf8');
      if (r.error !== undefined) {
        dead(r.line, r.error, raw());
        continue;
      }
      this.#csvRecord(r.fields, r.line, raw, add, dead);
    }
  }

  #csvRecord(f: Array<Buffer | string>, line: number, raw: () => string, add: AddFn, dead: DeadFn): void {
    const cols = this.#columns;
    const ser = this.#spec.serialization;
    const ki = this.#keyIndex;
    if (cols && f.length !== cols.length) {
      dead(line, `expected ${cols.length} fields (${cols.join(', ')}), got ${f.length}`, raw());
      return;
    }
    if (ki >= f.length) {
      dead(line, `no key column ${ki + 1}: the record has ${f.length} field${f.length === 1 ? '' : 's'}`, raw());
      return;
    }
    const key = ki >= 0 ? f[ki] : null;
    let value: unknown;
    if (this.#valueIndex >= 0) {
      if (this.#valueIndex >= f.length) {
        dead(line, `no value column ${this.#valueIndex + 1}: the record has ${f.length} fields`, raw());
        return;
      }
      value = f[this.#valueIndex];
    } else if (ser === 'string') {
      const want = ki >= 0 ? 2 : 1;
      if (f.length !== want) {
        dead(line, `expected ${want} field${want === 1 ? '' : 's'} (${ki >= 0 ? 'key and value' : 'value'}), got ${f.length}`, raw());
        return;
      }
      value = f[ki === 0 ? 1 : 0];
    } else if (f.some((x) => typeof x !== 'string' && !isUtf8(x))) {
      dead(line, `field ${f.findIndex((x) => typeof x !== 'string' && !isUtf8(x)) + 1} is not valid UTF-8`, raw());
      return;
    } else if (cols) {
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < cols.length; i++) obj[cols[i]] = f[i].toString('utf8');
      if (this.#avroFields) {
        const bad = coerceToAvro(obj, this.#avroFields);
        if (bad) {
          dead(line, bad, raw());
          return;
        }
      }
      value = obj;
    } else {
      value = f.map((b) => b.toString('utf8'));
    }
    add(line, raw, key, value);
  }

  #lines(chunk: Buffer, firstLine: number, add: AddFn, dead: DeadFn): void {
    const jsonl = this.#spec.format === 'jsonl';
    const { keyField, valueField } = this.#spec;
    const keyPath = keyField?.split('.');
    const valuePath = valueField?.split('.');
    const valid = isUtf8(chunk);
    // Valid UTF-8 (the usual case): lines are slices of the chunk's text. Otherwise line by line on
    // the bytes: a raw line keeps its bytes, a JSON line that is not UTF-8 is a bad record.
    const all = valid ? chunk.toString('utf8') : chunk;
    let line = firstLine;
    let start = 0;
    const n = all.length;
    while (start < n) {
      let lf = valid ? (all as string).indexOf('\n', start) : (all as Buffer).indexOf(0x0a, start);
      if (lf < 0) lf = n;
      let end = lf;
      if (end > start && (valid ? (all as string).charCodeAt(end - 1) : (all as Buffer)[end - 1]) === 0x0d) end--;
      const at = line;
      let text: string;
      if (valid) text = (all as string).slice(start, end);
      else {
        const bytes = (all as Buffer).subarray(start, end);
        if (!isUtf8(bytes)) {
          start = lf + 1;
          line++;
          if (!jsonl && this.#spec.serialization === 'string') add(at, () => bytes.toString('utf8'), null, bytes);
          else dead(at, 'not valid UTF-8', bytes.toString('utf8'));
          continue;
        }
        text = bytes.toString('utf8');
      }
      start = lf + 1;
      line++;
      if (!jsonl) {
        add(at, () => text, null, text);
        continue;
      }
      if (text.trim() === '') continue;
      let obj: unknown;
      try {
        obj = JSON.parse(text);
      } catch (err) {
        dead(at, `invalid JSON: ${(err as Error).message}`, text);
        continue;
      }
      let key: string | null = null;
      if (keyField !== undefined) {
        const k = pick(obj, keyPath!);
        if (k === undefined) {
          dead(at, `key field \`${keyField}\` is missing`, text);
          continue;
        }
        key = k === null ? null : typeof k === 'string' ? k : JSON.stringify(k);
      }
      let value: unknown = obj;
      if (valueField !== undefined) {
        value = pick(obj, valuePath!);
        if (value === undefined) {
          dead(at, `value field \`${valueField}\` is missing`, text);
          continue;
        }
      } else if (this.#spec.serialization === 'string') {
        value = text;
      }
      add(at, () => text, key, value);
    }
  }
}

type AddFn = (line: number, raw: () => string, key: Buffer | string | null, value: unknown) => void;
type DeadFn = (line: number, reason: string, raw: string) => void;

/** Marks a value whose serialization failed (removed before sending). */
const DEAD = Buffer.alloc(0);

function pick(obj: unknown, parts: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function reasonOf(err: unknown): string {
  if (err instanceof SerializationError) return err.reason ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

/** The fields of a record schema with their (branch) type names, for CSV text coercion. */
export function avroRecordFields(schema: string): AvroField[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(schema);
  } catch {
    return undefined;
  }
  const s = json as { type?: unknown; fields?: unknown };
  if (s === null || typeof s !== 'object' || s.type !== 'record' || !Array.isArray(s.fields)) return undefined;
  return (s.fields as Array<{ name: string; type: unknown }>).map((f) => ({ name: f.name, types: (Array.isArray(f.type) ? f.type : [f.type]).map(typeName) }));
}

function typeName(t: unknown): string {
  if (typeof t === 'string') return t;
  if (t !== null && typeof t === 'object') {
    const o = t as { type?: unknown; logicalType?: unknown };
    if (typeof o.logicalType === 'string') return `${String(o.type)}:${o.logicalType}`;
    if (typeof o.type === 'string') return o.type;
  }
  return 'unknown';
}

/**
 * Converts CSV text fields in place to the Avro field types (int, long,
 * float, double, boolean, null; timestamps from ISO text or numbers). Returns
 * a reason naming the field when a text does not fit, else `undefined`.
 */
export function coerceToAvro(obj: Record<string, unknown>, fields: readonly AvroField[]): string | undefined {
  for (const f of fields) {
    if (!Object.prototype.hasOwnProperty.call(obj, f.name)) continue;
    const text = obj[f.name] as string;
    const nullable = f.types.includes('null');
    if (text === '' && nullable) {
      obj[f.name] = null;
      continue;
    }
    const t = f.types.find((x) => x !== 'null') ?? 'null';
    const kind = t.split(':')[0];
    const logical = t.split(':')[1];
    if (logical === 'timestamp-millis' || logical === 'timestamp-micros' || logical === 'local-timestamp-millis' || logical === 'local-timestamp-micros') {
      const d = /^-?[0-9]+$/.test(text) ? new Date(Number(logical.endsWith('micros') ? BigInt(text) / 1000n : BigInt(text))) : new Date(text);
      if (Number.isNaN(d.getTime())) return `field \`${f.name}\`: expected a timestamp (ISO 8601 or a number), got ${JSON.stringify(text)}`;
      obj[f.name] = d;
      continue;
    }
    if (logical !== undefined) continue; // date, time, decimal, uuid: the serializer takes text
    switch (kind) {
      case 'int':
      case 'long': {
        if (!/^[+-]?[0-9]+$/.test(text.trim())) return `field \`${f.name}\`: expected ${kind}, got ${JSON.stringify(text)}`;
        const big = BigInt(text.trim());
        obj[f.name] = kind === 'long' && (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) ? big : Number(big);
        break;
      }
      case 'float':
      case 'double': {
        const n = Number(text.trim());
        if (text.trim() === '' || (Number.isNaN(n) && text.trim() !== 'NaN')) return `field \`${f.name}\`: expected ${kind}, got ${JSON.stringify(text)}`;
        obj[f.name] = n;
        break;
      }
      case 'boolean': {
        const l = text.trim().toLowerCase();
        if (l === 'true' || l === '1') obj[f.name] = true;
        else if (l === 'false' || l === '0') obj[f.name] = false;
        else return `field \`${f.name}\`: expected boolean (true/false), got ${JSON.stringify(text)}`;
        break;
      }
      case 'null':
        if (text !== '') return `field \`${f.name}\`: expected null (an empty field), got ${JSON.stringify(text)}`;
        obj[f.name] = null;
        break;
      case 'bytes':
        obj[f.name] = Buffer.from(text, 'utf8');
        break;
      default:
        break; // string, enum: the text as is
    }
  }
  return undefined;
}
