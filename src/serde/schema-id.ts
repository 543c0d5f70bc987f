/**
 * Where a serializer puts the schema id and where a deserializer finds it —
 * Confluent's `schema.id.serializer` / `schema.id.deserializer` settings
 * (confluent-kafka-python's `prefix_schema_id_serializer`,
 * `header_schema_id_serializer`, `dual_schema_id_deserializer`,
 * `prefix_schema_id_deserializer`).
 *
 * ```
 * prefix (default)  payload = 0x00 | id (4 bytes, big-endian) | body
 * header            payload = body;  header __value_schema_id (or __key_schema_id) = 0x01 | GUID (16 bytes)
 * ```
 *
 * Deserializers accept both prefixes (`0x00` id, `0x01` GUID) in the payload,
 * and by default (`dualSchemaIdDeserializer`) look at the header first.
 *
 * @packageDocumentation
 */

import { DeserializationError, SerializationError } from '../errors';
import { MessageField, type SerdeHeaderValue, type SerializationContext } from './context';
import { KEY_SCHEMA_ID_HEADER, VALUE_SCHEMA_ID_HEADER, guidFrameHeader, idFrameHeader, parseSchemaIdPrefix, type SchemaId } from './wire';

/**
 * Puts the schema id or GUID somewhere and returns the message payload
 * (`schema.id.serializer`). May add a header to `ctx.headers`.
 */
export type SchemaIdSerializer = (payload: Buffer, ctx: SerializationContext, schemaId: SchemaId) => Buffer;

/**
 * Finds the schema id or GUID of a message, fills `schemaId` with it, and
 * returns the serialized body that follows (`schema.id.deserializer`).
 */
export type SchemaIdDeserializer = (data: Buffer, ctx: SerializationContext, schemaId: SchemaId) => Buffer;

/** The header that carries the schema id of `ctx`'s field. */
export function schemaIdHeaderName(ctx: SerializationContext): string {
  return ctx.field === MessageField.KEY ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER;
}

/**
 * The default: `0x00`, the 4-byte big-endian schema id, then the body (Confluent's classic wire format).
 *
 * @throws {@link SerializationError} when the schema id is unknown or out of range.
 */
export const prefixSchemaIdSerializer: SchemaIdSerializer = (payload, _ctx, schemaId) => {
  if (schemaId.id === undefined) throw new SerializationError({ reason: 'schema id is not set' });
  return Buffer.concat([idFrameHeader(schemaId.id), payload]);
};

/**
 * The body alone as the payload; the schema GUID (`0x01` + 16 bytes) in the
 * `__value_schema_id` (or `__key_schema_id`) header, added to `ctx.headers`
 * (an array of `[name, value]` pairs or a plain object, as the caller passed them).
 *
 * @throws {@link SerializationError} when the GUID is unknown or `ctx` has no headers to add to.
 */
export const headerSchemaIdSerializer: SchemaIdSerializer = (payload, ctx, schemaId) => {
  if (ctx === null || typeof ctx !== 'object') throw new SerializationError({ reason: 'a SerializationContext is required for the header schema id serializer' });
  if (schemaId.guid === undefined) {
    throw new SerializationError({
      field: ctx.field,
      topic: ctx.topic,
      reason: `schema GUID is not set: the registry gave no GUID for schema id ${schemaId.id ?? '?'} (GUIDs need a registry that assigns them)`,
    });
  }
  const name = schemaIdHeaderName(ctx);
  const value = guidFrameHeader(schemaId.guid);
  const headers = ctx.headers as unknown;
  try {
    if (Array.isArray(headers)) (headers as [string, SerdeHeaderValue][]).push([name, value]);
    else if (headers !== null && typeof headers === 'object') (headers as Record<string, SerdeHeaderValue>)[name] = value;
    else throw new Error('missing headers: pass a headers array or object in the SerializationContext');
  } catch (err) {
    throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `cannot add header ${name}: ${err instanceof Error ? err.message : String(err)}`, cause: err });
  }
  return payload;
};

/** The value of header `name` in `headers` (the first one with that name), or `undefined`. */
export function findHeader(headers: SerializationContext['headers'], name: string): SerdeHeaderValue {
  if (headers === undefined || headers === null) return undefined;
  if (Array.isArray(headers)) {
    for (const h of headers as ReadonlyArray<readonly [string, SerdeHeaderValue]>) if (h[0] === name) return h[1];
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(headers, name) ? (headers as Readonly<Record<string, SerdeHeaderValue>>)[name] : undefined;
}

function headerBytes(v: SerdeHeaderValue): Buffer | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromPrefix(data: Buffer, ctx: SerializationContext, schemaId: SchemaId, where: string): number {
  const parsed = parseSchemaIdPrefix(data, where);
  if (!parsed.ok) throw new DeserializationError({ field: ctx?.field, topic: ctx?.topic, partition: ctx?.partition, offset: ctx?.offset, reason: parsed.reason });
  if (parsed.guid !== undefined) schemaId.guid = parsed.guid;
  else schemaId.id = parsed.id;
  return parsed.payloadOffset;
}

/**
 * The default: the schema id or GUID from the `__value_schema_id` (or
 * `__key_schema_id`) header when the message has it — then the whole payload
 * is the body — else from the payload's `0x00`/`0x01` prefix.
 *
 * @throws {@link DeserializationError} for a bad header value or prefix.
 */
export const dualSchemaIdDeserializer: SchemaIdDeserializer = (data, ctx, schemaId) => {
  const name = ctx ? schemaIdHeaderName(ctx) : VALUE_SCHEMA_ID_HEADER;
  const h = headerBytes(findHeader(ctx?.headers, name));
  if (h !== undefined) {
    fromPrefix(h, ctx, schemaId, `header ${name}`);
    return data;
  }
  return data.subarray(fromPrefix(data, ctx, schemaId, 'the payload'));
};

/**
 * The schema id or GUID from the payload's prefix only (`0x00` + id or `0x01` + GUID); headers are ignored.
 *
 * @throws {@link DeserializationError} for a bad prefix.
 */
export const prefixSchemaIdDeserializer: SchemaIdDeserializer = (data, ctx, schemaId) => data.subarray(fromPrefix(data, ctx, schemaId, 'the payload'));
