/**
 * Avro serializer and deserializer with Confluent Schema Registry framing,
 * byte-compatible with Confluent's Java, Python and Go clients — on avsc.
 *
 * @packageDocumentation
 */

import * as avro from 'avsc';
import { ConfigError, DeserializationError, SchemaRegistryError, SerializationError, type ConfigIssue } from '../errors';
import type { SchemaRegistryClient } from '../registry/client';
import type { Schema } from '../registry/types';
import { compiledCodec, type CompiledCodec } from './avro-compile';
import { avroRecordName, describeValue, parseAvroType, type LogicalTypeConstructor } from './avro-types';
import type { SerializationContext } from './context';
import { recordNameStrategy, resolveSubjectNameStrategy, topicNameStrategy, topicRecordNameStrategy, type SubjectNameStrategy, type SubjectNameStrategyLike } from './strategies';
import type { Deserializer, Serializer } from './types';
import {
  dualSchemaIdDeserializer,
  findHeader,
  prefixSchemaIdDeserializer,
  prefixSchemaIdSerializer,
  schemaIdHeaderName,
  type SchemaIdDeserializer,
  type SchemaIdSerializer,
} from './schema-id';
import { FRAME_HEADER_SIZE, MAGIC_BYTE, MAGIC_BYTE_V1, parseFrame, parseSchemaIdPrefix, type SchemaId } from './wire';

/** An Avro schema as the serdes accept it: JSON text, a parsed JSON value, or a registry {@link Schema} (with references). */
export type AvroSchemaSource = string | Schema | object;

/** The registry-related settings of {@link AvroSerializer} (Confluent's keys). */
export interface AvroSerializerConfig {
  /** Register the schema when the subject does not have it (default true). */
  'auto.register.schemas'?: boolean;
  /** Ask the registry to normalize the schema when registering or looking it up (default false). */
  'normalize.schemas'?: boolean;
  /** Serialize with the subject's latest registered schema instead of our own (default false; needs `auto.register.schemas: false`). */
  'use.latest.version'?: boolean;
  /** Serialize with this registered schema id. */
  'use.schema.id'?: number;
  /** How to name the subject: a function or `TOPIC` / `RECORD` / `TOPIC_RECORD` (default: `{topic}-{key|value}`). */
  'subject.name.strategy'?: SubjectNameStrategyLike;
  /**
   * Where the schema id goes: {@link prefixSchemaIdSerializer} (default: `0x00` + id before the body) or
   * {@link headerSchemaIdSerializer} (the body alone; `0x01` + schema GUID in the `__value_schema_id`/`__key_schema_id`
   * header of `ctx.headers`), or your own function.
   */
  'schema.id.serializer'?: SchemaIdSerializer;
}

/** Options of {@link AvroSerializer}. */
export interface AvroSerializerOptions<T> extends AvroSerializerConfig {
  /** Convert the application object to the value avsc writes (Python's `to_dict`). */
  toDict?: (obj: T, ctx: SerializationContext) => unknown;
  /** Logical type implementations, merged over the defaults; `false` to write underlying types only. */
  logicalTypes?: Readonly<Record<string, LogicalTypeConstructor>> | false;
}

/** The registry-related settings of {@link AvroDeserializer}. */
export interface AvroDeserializerConfig {
  /** Read with the subject's latest registered schema as the reader schema (default false). */
  'use.latest.version'?: boolean;
  /** Subject naming, for `use.latest.version` (default: `{topic}-{key|value}`). */
  'subject.name.strategy'?: SubjectNameStrategyLike;
  /**
   * Where to find the schema id: {@link dualSchemaIdDeserializer} (default: the `__value_schema_id`/`__key_schema_id`
   * header when present, else the payload's `0x00` id or `0x01` GUID prefix), {@link prefixSchemaIdDeserializer}
   * (the prefix only), or your own function.
   */
  'schema.id.deserializer'?: SchemaIdDeserializer;
}

/** Options of {@link AvroDeserializer}. */
export interface AvroDeserializerOptions<T> extends AvroDeserializerConfig {
  /** Read every message into this schema (Avro schema resolution from the writer's schema). */
  readerSchema?: AvroSchemaSource;
  /** Convert the decoded value to the application object (Python's `from_dict`). */
  fromDict?: (obj: unknown, ctx: SerializationContext) => T;
  /** Logical type implementations, merged over the defaults; `false` to read underlying types only. */
  logicalTypes?: Readonly<Record<string, LogicalTypeConstructor>> | false;
}

const SERIALIZER_KEYS = new Set(['auto.register.schemas', 'normalize.schemas', 'use.latest.version', 'use.schema.id', 'subject.name.strategy', 'schema.id.serializer', 'toDict', 'logicalTypes']);
const DESERIALIZER_KEYS = new Set(['use.latest.version', 'subject.name.strategy', 'schema.id.deserializer', 'readerSchema', 'fromDict', 'logicalTypes']);

function checkKeys(options: object, known: Set<string>, issues: ConfigIssue[]): void {
  for (const [k, v] of Object.entries(options)) {
    if (!known.has(k) && v !== undefined) issues.push({ path: k, message: 'unrecognized property', fix: `known: ${[...known].join(', ')}`, severity: 'error' });
  }
}

function bool(options: Record<string, unknown>, key: string, dflt: boolean, issues: ConfigIssue[]): boolean {
  const v = options[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') {
    issues.push({ path: key, message: `must be a boolean, got ${JSON.stringify(v)}`, severity: 'error' });
    return dflt;
  }
  return v;
}

/** Normalise an {@link AvroSchemaSource} to a registry {@link Schema}. */
function toRegistrySchema(source: AvroSchemaSource): Schema {
  if (typeof source === 'string') return { schema: source, schemaType: 'AVRO' };
  if (!Array.isArray(source) && typeof (source as Schema).schema === 'string' && !('type' in source)) {
    const s = source as Schema;
    if (s.schemaType !== undefined && s.schemaType !== 'AVRO') {
      throw new ConfigError([{ path: 'schema', message: `an Avro serde needs an AVRO schema, got ${s.schemaType}`, severity: 'error' }]);
    }
    return { schemaType: 'AVRO', ...s };
  }
  return { schema: JSON.stringify(source), schemaType: 'AVRO' };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Parse a schema and the named types it references, through the registry.
 * Dependencies are parsed first into one avsc registry.
 */
async function parseWithReferences(
  registry: SchemaRegistryClient,
  schema: Schema,
  logicalTypes: AvroSerializerOptions<unknown>['logicalTypes'],
): Promise<avro.Type> {
  const named: Record<string, avro.Type> = {};
  const seen = new Set<string>();
  const load = async (s: Schema, depth: number): Promise<void> => {
    if (depth > 64) throw new Error('schema references nest more than 64 deep (a cycle?)');
    for (const ref of s.references ?? []) {
      const key = `${ref.subject}\0${ref.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const dep = await registry.getVersion(ref.subject, ref.version);
      await load(dep, depth + 1);
      parseAvroType(dep.schema, { registry: named, logicalTypes });
    }
  };
  await load(schema, 0);
  return parseAvroType(schema.schema, { registry: named, logicalTypes });
}

// One scratch buffer for every serializer: encoding is synchronous, so it is never shared by two calls at once.
const SCRATCH_KEEP_LIMIT = 1 << 20;
let scratch: Buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * True for a top-level plain `bytes` schema. Confluent's Java and Python
 * serdes frame such values raw — no Avro length prefix — and so do we.
 */
function isRawBytes(type: avro.Type): boolean {
  return (type as unknown as { typeName: string }).typeName === 'bytes';
}

function encodeRawBytes(schemaId: number, value: unknown): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value instanceof Uint8Array ? value : undefined;
  if (bytes === undefined) throw new Error(`invalid "bytes": ${describeValue(value)}`);
  const out = Buffer.allocUnsafe(FRAME_HEADER_SIZE + bytes.length);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  out.set(bytes, FRAME_HEADER_SIZE);
  return out;
}

/** The buffer the last {@link encodeCompiled} wrote into (the scratch buffer, or a bigger one). */
let compiledBuf: Buffer = scratch;

/**
 * Encode with the compiled codec into the scratch buffer from `offset`: the end offset (the bytes are in
 * {@link compiledBuf}), or -1 when it does not take the value.
 */
function encodeCompiled(codec: CompiledCodec, value: unknown, offset: number): number {
  try {
    let buf = scratch;
    let end = codec.encode(value, buf, offset);
    if (end > buf.length) {
      buf = Buffer.allocUnsafe(Math.max(buf.length * 2, end + 1024));
      end = codec.encode(value, buf, offset);
      if (buf.length <= SCRATCH_KEEP_LIMIT) scratch = buf;
    }
    compiledBuf = buf;
    return end;
  } catch {
    // NOT_HANDLED (or anything a logical type threw): avsc encodes it or says what is wrong.
    return -1;
  }
}

/** Encode `value` with `type`, no frame header (for schema id serializers other than the prefix one). */
function encodeBody(type: avro.Type, codec: CompiledCodec | undefined, value: unknown): Buffer {
  if (isRawBytes(type)) return encodeRawBytes(0, value).subarray(FRAME_HEADER_SIZE);
  const end = codec === undefined ? -1 : encodeCompiled(codec, value, 0);
  if (end < 0) return type.toBuffer(value);
  const out = Buffer.from(compiledBuf.subarray(0, end));
  compiledBuf = scratch; // never keep a grown buffer past its use
  return out;
}

/** Encode `value` with `type` behind a frame header; the hot path of the serializer. */
function encodeFramed(type: avro.Type, codec: CompiledCodec | undefined, schemaId: number, value: unknown): Buffer {
  if (isRawBytes(type)) return encodeRawBytes(schemaId, value);
  let end = codec === undefined ? -1 : encodeCompiled(codec, value, FRAME_HEADER_SIZE);
  let buf: Buffer;
  if (end >= 0) {
    buf = compiledBuf;
    compiledBuf = scratch; // never keep a grown buffer past its use
  } else {
    buf = scratch;
    end = type.encode(value, buf, FRAME_HEADER_SIZE);
    if (end < 0) {
      buf = Buffer.allocUnsafe(Math.max(buf.length * 2, buf.length - end + FRAME_HEADER_SIZE));
      end = type.encode(value, buf, FRAME_HEADER_SIZE);
      if (buf.length <= SCRATCH_KEEP_LIMIT) scratch = buf;
    }
  }
  const out = Buffer.allocUnsafe(end);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  buf.copy(out, FRAME_HEADER_SIZE, FRAME_HEADER_SIZE, end);
  return out;
}

/** Why `value` does not fit `type`, with field paths. */
function invalidReason(type: avro.Type, value: unknown, err: unknown): string {
  const problems: string[] = [];
  try {
    type.isValid(value, {
      errorHook: (path: string[], v: unknown, t: avro.Type) => {
        if (problems.length < 3) {
          const where = path.length ? `field \`${path.join('.')}\`` : 'value';
          const tn = (t as unknown as { typeName: string }).typeName;
          const name = t.name ? ` ${t.name}` : '';
          problems.push(`${where}: expected ${tn.replace(/^logical:/, '')}${name}, got ${describeValue(v)}`);
        }
      },
    });
  } catch {
    // fall through to the encoder's message
  }
  return problems.length ? `value does not match the Avro schema: ${problems.join('; ')}` : `value does not match the Avro schema: ${messageOf(err)}`;
}

interface WriterEntry {
  id: number;
  /** The schema GUID, fetched only when the schema id serializer is not the default prefix one. */
  guid?: string;
  type: avro.Type;
  /** The compiled codec of `type`, when the compiler covers it. */
  codec?: CompiledCodec;
}

function writerEntry(id: number, type: avro.Type, guid?: string): WriterEntry {
  const entry: WriterEntry = { id, type };
  const codec = compiledCodec(type);
  if (codec !== undefined) entry.codec = codec;
  if (guid !== undefined) entry.guid = guid;
  return entry;
}

/**
 * Serializes values to Avro with Confluent framing (magic byte, schema id,
 * Avro binary), registering or looking up the schema in Schema Registry.
 *
 * @remarks
 * The first message of a subject costs a registry call (registration, lookup
 * or latest version, per the config); later ones use the cached schema id and
 * encode synchronously — the returned promise is already settled. Concurrent
 * first messages share one registry call. Values are validated by the
 * encoder; a value that does not fit the schema is a
 * {@link SerializationError} naming the field.
 *
 * Logical types take natural JS values: `Date` for `timestamp-*` and `date`,
 * `"HH:MM:SS.fff"` strings for `time-*`, exact decimal strings (or numbers,
 * bigints) for `decimal`, strings for `uuid`; `long` accepts a bigint.
 *
 * @example
 * ```ts
 * const registry = new SchemaRegistryClient({ url: 'http://localhost:8081' });
 * const serializer = new AvroSerializer(registry, userSchema);
 * const bytes = await serializer.serialize(user, new SerializationContext('users', MessageField.VALUE));
 * ```
 */
export class AvroSerializer<T = unknown> implements Serializer<T> {
  readonly #registry: SchemaRegistryClient;
  readonly #schema: Schema | undefined;
  readonly #ownType: avro.Type | undefined;
  #ownTypeWithRefs: Promise<avro.Type> | undefined;
  readonly #recordName: string | null;
  readonly #toDict?: (obj: T, ctx: SerializationContext) => unknown;
  readonly #autoRegister: boolean;
  readonly #normalize: boolean;
  readonly #useLatest: boolean;
  readonly #useSchemaId: number | undefined;
  readonly #strategy: SubjectNameStrategy;
  readonly #logicalTypes: AvroSerializerOptions<T>['logicalTypes'];
  readonly #known = new Map<string, WriterEntry>();
  readonly #pending = new Map<string, Promise<WriterEntry>>();
  readonly #parsedById = new Map<number, Promise<avro.Type>>();
  readonly #idSerializer: SchemaIdSerializer;
  readonly #builtInStrategy: boolean;
  #last: { topic: string; field: string; entry: WriterEntry } | undefined;

  /**
   * @param registry - the Schema Registry client.
   * @param schema - the writer schema; may be omitted with `use.latest.version` or `use.schema.id`.
   * @param options - `toDict`, registry settings, logical types.
   * @throws {@link ConfigError} for an invalid schema, unknown options, or conflicting settings.
   */
  constructor(registry: SchemaRegistryClient, schema?: AvroSchemaSource | null, options: AvroSerializerOptions<T> = {}) {
    const issues: ConfigIssue[] = [];
    checkKeys(options, SERIALIZER_KEYS, issues);
    const o = options as Record<string, unknown>;
    this.#autoRegister = bool(o, 'auto.register.schemas', true, issues);
    this.#normalize = bool(o, 'normalize.schemas', false, issues);
    this.#useLatest = bool(o, 'use.latest.version', false, issues);
    const useId = o['use.schema.id'];
    if (useId !== undefined && (typeof useId !== 'number' || !Number.isInteger(useId) || useId < 0)) {
      issues.push({ path: 'use.schema.id', message: `must be a non-negative integer, got ${JSON.stringify(useId)}`, severity: 'error' });
    }
    this.#useSchemaId = typeof useId === 'number' ? useId : undefined;
    if (this.#useLatest && o['auto.register.schemas'] !== false) {
      issues.push({
        path: 'use.latest.version, auto.register.schemas',
        message: 'cannot enable both use.latest.version and auto.register.schemas',
        fix: "set 'auto.register.schemas': false",
        severity: 'error',
      });
    }
    if (options.toDict !== undefined && typeof options.toDict !== 'function') {
      issues.push({ path: 'toDict', message: 'must be a function (obj, ctx) => value', severity: 'error' });
    }
    const ids = o['schema.id.serializer'];
    if (ids !== undefined && typeof ids !== 'function') {
      issues.push({ path: 'schema.id.serializer', message: 'must be a function (payload, ctx, schemaId) => payload', fix: 'prefixSchemaIdSerializer or headerSchemaIdSerializer', severity: 'error' });
    }
    this.#idSerializer = typeof ids === 'function' ? (ids as SchemaIdSerializer) : prefixSchemaIdSerializer;
    try {
      this.#strategy = resolveSubjectNameStrategy(o['subject.name.strategy']);
    } catch (e) {
      this.#strategy = () => '';
      if (e instanceof ConfigError) issues.push(...e.issues);
    }
    this.#logicalTypes = options.logicalTypes;
    this.#toDict = options.toDict;
    this.#registry = registry;
    this.#builtInStrategy = !this.#useLatest && (this.#strategy === topicNameStrategy || this.#strategy === recordNameStrategy || this.#strategy === topicRecordNameStrategy);

    let ownType: avro.Type | undefined;
    if (schema === undefined || schema === null) {
      if (!this.#useLatest && this.#useSchemaId === undefined) {
        issues.push({ path: 'schema', message: 'a schema is required unless use.latest.version or use.schema.id is set', severity: 'error' });
      }
    } else {
      try {
        this.#schema = toRegistrySchema(schema);
        if (!this.#schema.references?.length) ownType = parseAvroType(this.#schema.schema, { logicalTypes: this.#logicalTypes });
      } catch (e) {
        if (e instanceof ConfigError) issues.push(...e.issues);
        else issues.push({ path: 'schema', message: `not a valid Avro schema: ${messageOf(e)}`, severity: 'error' });
      }
    }
    if (issues.length) throw new ConfigError(issues);
    this.#ownType = ownType;
    this.#recordName = ownType ? avroRecordName(ownType) : this.#schema ? recordNameOfText(this.#schema.schema) : null;
  }

  /**
   * Serialize `obj` for the topic and field of `ctx`; `null`/`undefined` give `null`.
   *
   * @throws {@link SerializationError} (as a rejection) with the field, topic and reason.
   */
  serialize(obj: T | null | undefined, ctx: SerializationContext): Promise<Buffer | null> {
    if (obj === null || obj === undefined) return Promise.resolve(null);
    if (ctx === null || typeof ctx !== 'object') {
      return Promise.reject(new SerializationError({ reason: 'a SerializationContext (topic and field) is required to serialize Avro' }));
    }
    try {
      // The built-in strategies name the subject from the topic and field only: remember the last one's entry.
      const last = this.#last;
      if (last !== undefined && last.topic === ctx.topic && last.field === ctx.field) return Promise.resolve(this.#encode(last.entry, obj, ctx));
      const subject = this.#strategy(ctx, this.#recordName);
      const entry = this.#useLatest ? undefined : this.#known.get(subject);
      if (entry !== undefined) {
        if (this.#builtInStrategy) this.#last = { topic: ctx.topic, field: ctx.field, entry };
        return Promise.resolve(this.#encode(entry, obj, ctx));
      }
      return this.#serializeSlow(subject, obj, ctx);
    } catch (err) {
      return Promise.reject(toSerializationError(err, ctx));
    }
  }

  async #serializeSlow(subject: string, obj: T, ctx: SerializationContext): Promise<Buffer> {
    let entry: WriterEntry;
    try {
      if (this.#useLatest) {
        entry = await this.#latestEntry(subject);
      } else {
        let p = this.#pending.get(subject);
        if (!p) {
          p = this.#resolveSubject(subject).finally(() => this.#pending.delete(subject));
          this.#pending.set(subject, p);
        }
        entry = await p;
        this.#known.set(subject, entry);
      }
    } catch (err) {
      throw toSerializationError(err, ctx);
    }
    return this.#encode(entry, obj, ctx);
  }

  #encode(entry: WriterEntry, obj: T, ctx: SerializationContext): Buffer {
    let value: unknown = obj;
    if (this.#toDict) {
      try {
        value = this.#toDict(obj, ctx);
      } catch (err) {
        throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `toDict failed: ${messageOf(err)}`, cause: err });
      }
    }
    if (this.#idSerializer === prefixSchemaIdSerializer) {
      try {
        return encodeFramed(entry.type, entry.codec, entry.id, value);
      } catch (err) {
        throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: invalidReason(entry.type, value, err), cause: err });
      }
    }
    let body: Buffer;
    try {
      body = encodeBody(entry.type, entry.codec, value);
    } catch (err) {
      throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: invalidReason(entry.type, value, err), cause: err });
    }
    const schemaId: SchemaId = entry.guid === undefined ? { id: entry.id } : { id: entry.id, guid: entry.guid };
    let out: unknown;
    try {
      out = this.#idSerializer(body, ctx, schemaId);
    } catch (err) {
      if (err instanceof SerializationError) throw err;
      throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `schema.id.serializer failed: ${messageOf(err)}`, cause: err });
    }
    if (!Buffer.isBuffer(out)) throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `schema.id.serializer returned ${describeValue(out)}, not a Buffer` });
    return out;
  }

  /** The schema GUID of `id`, when the schema id serializer may need it. */
  async #guidFor(id: number, known?: string): Promise<string | undefined> {
    if (this.#idSerializer === prefixSchemaIdSerializer) return undefined;
    return known ?? (await this.#registry.getGuid(id));
  }

  async #ownTypeResolved(): Promise<avro.Type> {
    if (this.#ownType) return this.#ownType;
    this.#ownTypeWithRefs ??= parseWithReferences(this.#registry, this.#schema as Schema, this.#logicalTypes);
    try {
      return await this.#ownTypeWithRefs;
    } catch (err) {
      this.#ownTypeWithRefs = undefined;
      throw err;
    }
  }

  async #typeOfId(id: number, schema?: Schema): Promise<avro.Type> {
    let p = this.#parsedById.get(id);
    if (!p) {
      p = (async () => {
        const s = schema ?? (await this.#registry.getSchema(id));
        if (s.schemaType && s.schemaType !== 'AVRO') throw new SchemaRegistryError(422, 42201, `schema id ${id} is a ${s.schemaType} schema, not Avro`);
        return parseWithReferences(this.#registry, s, this.#logicalTypes);
      })();
      this.#parsedById.set(id, p);
      p.catch(() => this.#parsedById.delete(id));
    }
    return p;
  }

  async #resolveSubject(subject: string): Promise<WriterEntry> {
    if (this.#useSchemaId !== undefined) {
      const type = this.#schema ? await this.#ownTypeResolved() : await this.#typeOfId(this.#useSchemaId);
      return writerEntry(this.#useSchemaId, type, await this.#guidFor(this.#useSchemaId));
    }
    const schema = this.#schema as Schema;
    const type = await this.#ownTypeResolved();
    const registered = this.#autoRegister
      ? await this.#registry.registerSchemaFullResponse(subject, schema, this.#normalize)
      : await this.#registry.lookupSchema(subject, schema, this.#normalize);
    return writerEntry(registered.id, type, await this.#guidFor(registered.id, registered.guid));
  }

  async #latestEntry(subject: string): Promise<WriterEntry> {
    const latest = await this.#registry.getLatestVersion(subject);
    return writerEntry(latest.id, await this.#typeOfId(latest.id, latest), await this.#guidFor(latest.id, latest.guid));
  }
}

function recordNameOfText(text: string): string | null {
  try {
    const json = JSON.parse(text) as { name?: unknown; namespace?: unknown };
    if (typeof json.name !== 'string') return null;
    return json.name.includes('.') || typeof json.namespace !== 'string' || json.namespace === '' ? json.name : `${json.namespace}.${json.name}`;
  } catch {
    return null;
  }
}

function toSerializationError(err: unknown, ctx: SerializationContext): SerializationError {
  if (err instanceof SerializationError) return err;
  if (err instanceof SchemaRegistryError) {
    return new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `schema registry: ${err.message}`, cause: err, retriable: err.retriable });
  }
  return new SerializationError({ field: ctx.field, topic: ctx.topic, reason: messageOf(err), cause: err });
}

interface ReaderEntry {
  type: avro.Type;
  resolver?: object;
  /** The compiled codec, for reading with the writer schema itself (no resolver). */
  codec?: CompiledCodec;
  /** Set when the writer schema is a top-level `bytes`: read the payload raw, as bytes or (string reader) text. */
  rawBytes?: 'bytes' | 'string';
}

/** A writer schema's key: its id (`0x00` frames) or its GUID (`0x01` frames, headers). */
type WriterKey = number | string;

function label(key: WriterKey): string {
  return typeof key === 'number' ? `schema id ${key}` : `schema GUID ${key}`;
}

/** How to read data written with `type` itself. */
function plainReader(type: avro.Type): ReaderEntry {
  if (isRawBytes(type)) return { type, rawBytes: 'bytes' };
  const codec = compiledCodec(type);
  return codec === undefined ? { type } : { type, codec };
}

interface WriterInfo {
  type: avro.Type;
  recordName: string | null;
  /** How to read with the writer schema itself. */
  entry: ReaderEntry;
}

/**
 * Deserializes Confluent-framed Avro, fetching writer schemas from Schema
 * Registry by the id in each message.
 *
 * @remarks
 * Writer schemas (with their references), reader schemas and resolvers are
 * cached per schema id; once warm, only the decode runs. Bad bytes never
 * crash: a wrong magic byte, a truncated header, an unknown schema id, a
 * truncated body or trailing garbage are each a {@link DeserializationError}
 * with the reason and the topic/partition/offset of `ctx`. Decoding is
 * bounded: hostile block counts cannot make it loop or allocate without limit.
 *
 * @example
 * ```ts
 * const deserializer = new AvroDeserializer(registry, { readerSchema: userSchemaV2 });
 * const user = await deserializer.deserialize(message.value, new SerializationContext('users', MessageField.VALUE));
 * ```
 */
export class AvroDeserializer<T = unknown> implements Deserializer<T> {
  readonly #registry: SchemaRegistryClient;
  readonly #readerSource: Schema | undefined;
  #readerType: avro.Type | undefined;
  #readerTypeLoading: Promise<avro.Type> | undefined;
  readonly #fromDict?: (obj: unknown, ctx: SerializationContext) => T;
  readonly #useLatest: boolean;
  readonly #strategy: SubjectNameStrategy;
  readonly #logicalTypes: AvroDeserializerOptions<T>['logicalTypes'];
  readonly #writers = new Map<WriterKey, WriterInfo>();
  readonly #writersLoading = new Map<WriterKey, Promise<WriterInfo>>();
  readonly #idDeserializer: SchemaIdDeserializer;
  readonly #readers = new Map<string, ReaderEntry>();
  readonly #latestTypes = new Map<number, Promise<avro.Type>>();

  /**
   * @param registry - the Schema Registry client.
   * @param options - `readerSchema`, `fromDict`, `use.latest.version`, subject strategy, logical types.
   * @throws {@link ConfigError} for an invalid reader schema or unknown options.
   */
  constructor(registry: SchemaRegistryClient, options: AvroDeserializerOptions<T> = {}) {
    const issues: ConfigIssue[] = [];
    checkKeys(options, DESERIALIZER_KEYS, issues);
    const o = options as Record<string, unknown>;
    this.#useLatest = bool(o, 'use.latest.version', false, issues);
    try {
      this.#strategy = resolveSubjectNameStrategy(o['subject.name.strategy']);
    } catch (e) {
      this.#strategy = () => '';
      if (e instanceof ConfigError) issues.push(...e.issues);
    }
    if (options.fromDict !== undefined && typeof options.fromDict !== 'function') {
      issues.push({ path: 'fromDict', message: 'must be a function (obj, ctx) => value', severity: 'error' });
    }
    const idd = o['schema.id.deserializer'];
    if (idd !== undefined && typeof idd !== 'function') {
      issues.push({ path: 'schema.id.deserializer', message: 'must be a function (data, ctx, schemaId) => body', fix: 'dualSchemaIdDeserializer or prefixSchemaIdDeserializer', severity: 'error' });
    }
    this.#idDeserializer = typeof idd === 'function' ? (idd as SchemaIdDeserializer) : dualSchemaIdDeserializer;
    if (this.#useLatest && options.readerSchema !== undefined) {
      issues.push({ path: 'readerSchema, use.latest.version', message: 'give a readerSchema or use.latest.version, not both', severity: 'error' });
    }
    this.#logicalTypes = options.logicalTypes;
    if (options.readerSchema !== undefined) {
      try {
        this.#readerSource = toRegistrySchema(options.readerSchema);
        if (!this.#readerSource.references?.length) this.#readerType = parseAvroType(this.#readerSource.schema, { logicalTypes: this.#logicalTypes });
      } catch (e) {
        if (e instanceof ConfigError) issues.push(...e.issues);
        else issues.push({ path: 'readerSchema', message: `not a valid Avro schema: ${messageOf(e)}`, severity: 'error' });
      }
    }
    if (issues.length) throw new ConfigError(issues);
    this.#registry = registry;
    this.#fromDict = options.fromDict;
  }

  /**
   * Deserialize Confluent-framed Avro bytes; `null`/`undefined` give `null`.
   *
   * @throws {@link DeserializationError} (as a rejection) with the reason, topic, partition and offset.
   */
  deserialize(data: Buffer | null | undefined, ctx: SerializationContext): Promise<T | null> {
    if (data === null || data === undefined) return Promise.resolve(null);
    if (!Buffer.isBuffer(data)) {
      const view: unknown = data;
      if (!(view instanceof Uint8Array)) return Promise.reject(this.#error(ctx, `expected a Buffer, got ${describeValue(view)}`));
      data = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    }
    try {
      let key: WriterKey;
      let offset: number;
      const idd = this.#idDeserializer;
      const builtIn = idd === dualSchemaIdDeserializer || idd === prefixSchemaIdDeserializer;
      if (builtIn && data.length >= FRAME_HEADER_SIZE && data[0] === MAGIC_BYTE && (idd === prefixSchemaIdDeserializer || ctx?.headers === undefined || findHeader(ctx.headers, schemaIdHeaderName(ctx)) == null)) {
        // The classic frame: 0x00 + id (the hot path).
        key = data.readUInt32BE(1);
        offset = FRAME_HEADER_SIZE;
      } else {
        ({ key, data, offset } = this.#schemaIdOf(data, ctx));
      }
      const writer = this.#writers.get(key);
      if (writer !== undefined && !this.#useLatest) {
        const reader = this.#readerType === undefined ? undefined : this.#readers.get(`${key}`);
        if (this.#readerType === undefined || reader !== undefined) {
          return Promise.resolve(this.#decode(data, offset, key, reader ?? writer.entry, ctx));
        }
      }
      return this.#deserializeSlow(data, offset, key, ctx);
    } catch (err) {
      return Promise.reject(err instanceof DeserializationError ? err : this.#error(ctx, messageOf(err), err));
    }
  }

  #error(ctx: SerializationContext, reason: string, cause?: unknown, retriable = false): DeserializationError {
    return new DeserializationError({
      field: ctx?.field,
      topic: ctx?.topic,
      partition: ctx?.partition,
      offset: ctx?.offset,
      reason,
      ...(cause !== undefined ? { cause } : {}),
      retriable,
    });
  }

  /** The schema id or GUID of a message (header or prefix, per `schema.id.deserializer`) and where its body starts. */
  #schemaIdOf(data: Buffer, ctx: SerializationContext): { key: WriterKey; data: Buffer; offset: number } {
    const idd = this.#idDeserializer;
    if (idd === dualSchemaIdDeserializer || idd === prefixSchemaIdDeserializer) {
      const hv = idd === dualSchemaIdDeserializer && ctx?.headers !== undefined ? findHeader(ctx.headers, schemaIdHeaderName(ctx)) : undefined;
      if (hv === undefined || hv === null) {
        if (data.length > 0 && data[0] === MAGIC_BYTE_V1) {
          const parsed = parseSchemaIdPrefix(data);
          if (!parsed.ok) throw this.#error(ctx, parsed.reason);
          return { key: parsed.guid ?? (parsed.id as number), data, offset: parsed.payloadOffset };
        }
        const parsed = parseFrame(data);
        if (!parsed.ok) throw this.#error(ctx, parsed.reason);
        return { key: parsed.schemaId, data, offset: parsed.payloadOffset };
      }
    }
    const sid: SchemaId = {};
    let body: unknown;
    try {
      body = idd(data, ctx, sid);
    } catch (err) {
      throw err instanceof DeserializationError ? err : this.#error(ctx, `schema.id.deserializer failed: ${messageOf(err)}`, err);
    }
    if (!Buffer.isBuffer(body)) throw this.#error(ctx, `schema.id.deserializer returned ${describeValue(body)}, not the body Buffer`);
    const key = sid.guid ?? sid.id;
    if (key === undefined) throw this.#error(ctx, 'schema.id.deserializer found neither a schema id nor a GUID');
    return { key, data: body, offset: 0 };
  }

  async #deserializeSlow(data: Buffer, offset: number, key: WriterKey, ctx: SerializationContext): Promise<T | null> {
    const writer = await this.#writer(key, ctx);
    let reader: ReaderEntry;
    if (this.#useLatest) {
      reader = await this.#latestReader(key, writer, ctx);
    } else if (this.#readerSource !== undefined) {
      reader = await this.#fixedReader(key, writer, ctx);
    } else {
      reader = writer.entry;
    }
    return this.#decode(data, offset, key, reader, ctx);
  }

  async #writer(id: WriterKey, ctx: SerializationContext): Promise<WriterInfo> {
    const cached = this.#writers.get(id);
    if (cached) return cached;
    let p = this.#writersLoading.get(id);
    if (!p) {
      p = this.#loadWriter(id).finally(() => this.#writersLoading.delete(id));
      this.#writersLoading.set(id, p);
    }
    try {
      const info = await p;
      this.#writers.set(id, info);
      return info;
    } catch (err) {
      if (err instanceof SchemaRegistryError) {
        if (err.errorCode === 40403 || (err.status === 404 && err.errorCode === -1)) {
          throw this.#error(ctx, `unknown ${label(id)}: the registry has no such schema (${err.errorCode})`, err);
        }
        throw this.#error(ctx, `cannot fetch writer ${label(id)} from the schema registry: ${err.message}`, err, err.retriable);
      }
      throw this.#error(ctx, `writer ${label(id)}: ${messageOf(err)}`, err);
    }
  }

  async #loadWriter(id: WriterKey): Promise<WriterInfo> {
    const schema = typeof id === 'number' ? await this.#registry.getSchema(id) : await this.#registry.getSchemaByGuid(id);
    if (schema.schemaType && schema.schemaType !== 'AVRO') throw new Error(`is a ${schema.schemaType} schema, not Avro`);
    let type: avro.Type;
    try {
      type = await parseWithReferences(this.#registry, schema, this.#logicalTypes);
    } catch (err) {
      if (err instanceof SchemaRegistryError) throw err;
      throw new Error(`is not a valid Avro schema: ${messageOf(err)}`);
    }
    return { type, recordName: avroRecordName(type), entry: plainReader(type) };
  }

  #resolverFor(reader: avro.Type, writer: WriterInfo, id: WriterKey, ctx: SerializationContext, what: string): ReaderEntry {
    if (reader === writer.type) return plainReader(reader);
    if (isRawBytes(writer.type)) {
      const tn = (reader as unknown as { typeName: string }).typeName;
      if (tn === 'bytes' || tn === 'string') return { type: reader, rawBytes: tn };
    }
    try {
      return { type: reader, resolver: reader.createResolver(writer.type, { ignoreNamespaces: true }) as object };
    } catch (err) {
      throw this.#error(ctx, `cannot read data written with ${label(id)} using ${what}: ${messageOf(err)}`, err);
    }
  }

  async #fixedReader(id: WriterKey, writer: WriterInfo, ctx: SerializationContext): Promise<ReaderEntry> {
    const key = `${id}`;
    const cached = this.#readers.get(key);
    if (cached) return cached;
    if (this.#readerType === undefined) {
      this.#readerTypeLoading ??= parseWithReferences(this.#registry, this.#readerSource as Schema, this.#logicalTypes);
      try {
        this.#readerType = await this.#readerTypeLoading;
      } catch (err) {
        this.#readerTypeLoading = undefined;
        throw this.#error(ctx, `cannot load the reader schema: ${messageOf(err)}`, err, err instanceof SchemaRegistryError && err.retriable);
      }
    }
    const entry = this.#resolverFor(this.#readerType, writer, id, ctx, 'the reader schema');
    this.#readers.set(key, entry);
    return entry;
  }

  async #latestReader(id: WriterKey, writer: WriterInfo, ctx: SerializationContext): Promise<ReaderEntry> {
    const subject = this.#strategy(ctx, writer.recordName);
    let latest;
    try {
      latest = await this.#registry.getLatestVersion(subject);
    } catch (err) {
      const retriable = err instanceof SchemaRegistryError && err.retriable;
      throw this.#error(ctx, `cannot fetch the latest schema of subject ${subject}: ${messageOf(err)}`, err, retriable);
    }
    const key = `${latest.id}\0${id}`;
    const cached = this.#readers.get(key);
    if (cached) return cached;
    if (latest.id === id) {
      const entry = writer.entry;
      this.#readers.set(key, entry);
      return entry;
    }
    let p = this.#latestTypes.get(latest.id);
    if (!p) {
      p = parseWithReferences(this.#registry, latest, this.#logicalTypes);
      this.#latestTypes.set(latest.id, p);
      p.catch(() => this.#latestTypes.delete(latest.id));
    }
    let readerType: avro.Type;
    try {
      readerType = await p;
    } catch (err) {
      throw this.#error(ctx, `cannot load the latest schema (id ${latest.id}) of subject ${subject}: ${messageOf(err)}`, err);
    }
    const entry = this.#resolverFor(readerType, writer, id, ctx, `the latest schema (id ${latest.id}) of subject ${subject}`);
    this.#readers.set(key, entry);
    return entry;
  }

  #decode(data: Buffer, offset: number, id: WriterKey, reader: ReaderEntry, ctx: SerializationContext): T | null {
    let result: { value: unknown; offset: number };
    if (reader.rawBytes) {
      // A top-level `bytes` schema: the payload is the value (Confluent's framing for byte arrays).
      const raw = Buffer.from(data.subarray(offset));
      result = { value: reader.rawBytes === 'string' ? raw.toString('utf8') : raw, offset: data.length };
    } else {
      try {
        result = reader.codec !== undefined ? reader.codec.decode(data, offset) : reader.type.decode(data, offset, reader.resolver as never);
      } catch (err) {
        throw this.#error(ctx, `invalid Avro body for ${label(id)}: ${messageOf(err)}`, err);
      }
    }
    if (result.offset < 0) {
      throw this.#error(ctx, `truncated Avro body for ${label(id)}: the ${data.length - offset}-byte payload ends before the value does`);
    }
    if (result.offset !== data.length) {
      const extra = data.length - result.offset;
      throw this.#error(ctx, `trailing garbage: ${extra} byte${extra === 1 ? '' : 's'} after the Avro value (${label(id)}, value ends at byte ${result.offset})`);
    }
    if (!this.#fromDict) return result.value as T;
    try {
      return this.#fromDict(result.value, ctx);
    } catch (err) {
      throw this.#error(ctx, `fromDict failed: ${messageOf(err)}`, err);
    }
  }
}

