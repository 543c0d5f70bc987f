/**
 * The Confluent Schema Registry wire format: one magic byte `0x00`, the schema
 * id as a 4-byte big-endian integer, then the serialized payload.
 *
 * ```
 * byte 0      magic byte 0x00
 * bytes 1..4  schema id, big-endian
 * bytes 5..   payload (Avro binary for Avro)
 * ```
 *
 * This module is pure: no I/O, no registry, no schema. It is byte-compatible
 * with Confluent's Java, Python and Go clients.
 *
 * @packageDocumentation
 */

import { DeserializationError, SerializationError } from '../errors';

/** The first byte of every Confluent-framed message. */
export const MAGIC_BYTE = 0x00;

/** Length in bytes of the frame header (magic byte + schema id). */
export const FRAME_HEADER_SIZE = 5;

/** The largest schema id the wire format can carry for every client (Java reads it as a signed int). */
export const MAX_SCHEMA_ID = 0x7fffffff;

/** Where a frame came from, used to enrich a {@link DeserializationError}. */
export interface FrameSource {
  /** `key` or `value`. */
  field?: string;
  topic?: string;
  partition?: number;
  offset?: string | number | bigint;
}

/** The result of {@link parseFrame}: either the header fields or why the bytes are not a frame. */
export type FrameParseResult =
  | { ok: true; schemaId: number; payloadOffset: number }
  | { ok: false; reason: string };

function checkSchemaId(schemaId: number): void {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > MAX_SCHEMA_ID) {
    throw new SerializationError({ reason: `schema id must be an integer in [0, ${MAX_SCHEMA_ID}], got ${String(schemaId)}` });
  }
}

/**
 * Write the 5-byte frame header into `target` at `offset`.
 *
 * @param target - the buffer to write into; it must have room for 5 bytes at `offset`.
 * @param schemaId - the registry's schema id, 0 … 2 147 483 647.
 * @param offset - where to write, 0 by default.
 * @returns the offset just after the header, where the payload starts.
 * @throws {@link SerializationError} when the schema id is out of range.
 * @throws RangeError when `target` is too short.
 */
export function writeFrameHeader(target: Buffer, schemaId: number, offset = 0): number {
  checkSchemaId(schemaId);
  if (offset < 0 || offset + FRAME_HEADER_SIZE > target.length) {
    throw new RangeError(`no room for a ${FRAME_HEADER_SIZE}-byte frame header at offset ${offset} of a ${target.length}-byte buffer`);
  }
  target[offset] = MAGIC_BYTE;
  target.writeUInt32BE(schemaId, offset + 1);
  return offset + FRAME_HEADER_SIZE;
}

/**
 * Frame a payload: magic byte, big-endian schema id, payload.
 *
 * @param schemaId - the registry's schema id, 0 … 2 147 483 647.
 * @param payload - the serialized value (e.g. Avro binary); copied.
 * @returns a new buffer of `5 + payload.length` bytes.
 * @throws {@link SerializationError} when the schema id is out of range.
 *
 * @example
 * ```ts
 * encodeFrame(1, Buffer.from([0x02, 0x61])) // <00 00 00 00 01 02 61>
 * ```
 */
export function encodeFrame(schemaId: number, payload: Uint8Array): Buffer {
  checkSchemaId(schemaId);
  const out = Buffer.allocUnsafe(FRAME_HEADER_SIZE + payload.length);
  out[0] = MAGIC_BYTE;
  out.writeUInt32BE(schemaId, 1);
  out.set(payload, FRAME_HEADER_SIZE);
  return out;
}

function hexByte(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/**
 * Check the frame header without throwing (the hot path of the deserializers).
 *
 * A header-only frame (exactly 5 bytes) is accepted: some schemas (an empty
 * record, `null`) encode to zero payload bytes.
 *
 * @param data - the raw message bytes.
 * @returns `{ok: true, schemaId, payloadOffset}` or `{ok: false, reason}`.
 */
export function parseFrame(data: Uint8Array): FrameParseResult {
  if (data.length < FRAME_HEADER_SIZE) {
    if (data.length > 0 && data[0] !== MAGIC_BYTE) {
      return { ok: false, reason: `unknown magic byte ${hexByte(data[0])} at byte 0 (expected 0x00): not produced by a Confluent Schema Registry serializer` };
    }
    return {
      ok: false,
      reason: `truncated header: ${data.length} byte${data.length === 1 ? '' : 's'}, a Confluent frame needs at least ${FRAME_HEADER_SIZE} (magic byte + 4-byte schema id)`,
    };
  }
  if (data[0] !== MAGIC_BYTE) {
    return { ok: false, reason: `unknown magic byte ${hexByte(data[0])} at byte 0 (expected 0x00): not produced by a Confluent Schema Registry serializer` };
  }
  // Big-endian unsigned 32-bit read without a DataView allocation.
  const schemaId = ((data[1] << 24) >>> 0) + (data[2] << 16) + (data[3] << 8) + data[4];
  return { ok: true, schemaId, payloadOffset: FRAME_HEADER_SIZE };
}

/**
 * Split a Confluent frame into its schema id and payload.
 *
 * @param data - the raw message bytes.
 * @param source - topic/partition/offset/field to put in the error, when known.
 * @returns the schema id and a view (not a copy) of the payload.
 * @throws {@link DeserializationError} on a wrong magic byte or a truncated header.
 */
export function decodeFrame(data: Uint8Array, source: FrameSource = {}): { schemaId: number; payload: Buffer } {
  const parsed = parseFrame(data);
  if (!parsed.ok) {
    throw new DeserializationError({ ...source, reason: parsed.reason });
  }
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return { schemaId: parsed.schemaId, payload: buf.subarray(parsed.payloadOffset) };
}

// ---------------------------------------------------------------------------
// Schema GUIDs (Confluent's newer framings)

/** The first byte of a schema GUID frame: `0x01`, then the 16-byte GUID. */
export const MAGIC_BYTE_V1 = 0x01;

/** Length in bytes of a GUID frame header (magic byte `0x01` + 16-byte GUID). */
export const GUID_FRAME_HEADER_SIZE = 17;

/** The Kafka header that carries a message key's schema id or GUID (Confluent's `__key_schema_id`). */
export const KEY_SCHEMA_ID_HEADER = '__key_schema_id';

/** The Kafka header that carries a message value's schema id or GUID (Confluent's `__value_schema_id`). */
export const VALUE_SCHEMA_ID_HEADER = '__value_schema_id';

/** Which schema a message was written with: the registry's integer id, its GUID, or both when known. */
export interface SchemaId {
  /** The global schema id (what `0x00` frames carry). */
  id?: number;
  /** The schema GUID, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (what `0x01` frames carry). */
  guid?: string;
}

const GUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The 17-byte GUID frame header: `0x01` and the GUID's 16 bytes (RFC 4122 byte order, as Python's `uuid.UUID.bytes`).
 *
 * @throws {@link SerializationError} when `guid` is not a GUID.
 */
export function guidFrameHeader(guid: string): Buffer {
  if (typeof guid !== 'string' || !GUID_TEXT.test(guid)) {
    throw new SerializationError({ reason: `schema GUID must look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, got ${JSON.stringify(String(guid)).slice(0, 60)}` });
  }
  const out = Buffer.allocUnsafe(GUID_FRAME_HEADER_SIZE);
  out[0] = MAGIC_BYTE_V1;
  out.write(guid.replace(/-/g, ''), 1, 16, 'hex');
  return out;
}

/** The 5-byte id frame header: `0x00` and the big-endian schema id. */
export function idFrameHeader(schemaId: number): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_SIZE);
  writeFrameHeader(out, schemaId, 0);
  return out;
}

function guidAt(data: Uint8Array, offset: number): string {
  const h = Buffer.from(data.buffer, data.byteOffset + offset, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The result of {@link parseSchemaIdPrefix}. */
export type SchemaIdParseResult =
  | { ok: true; id: number; guid?: undefined; payloadOffset: number }
  | { ok: true; id?: undefined; guid: string; payloadOffset: number }
  | { ok: false; reason: string };

/**
 * Read a schema id prefix of either form without throwing: `0x00` + 4-byte
 * big-endian id, or `0x01` + 16-byte GUID (what Confluent's deserializers
 * accept in the payload and in the `__key_schema_id`/`__value_schema_id` headers).
 *
 * @param data - the bytes (a message payload or a header value).
 * @param where - how to name `data` in the reason, e.g. `header __value_schema_id`.
 */
export function parseSchemaIdPrefix(data: Uint8Array, where = 'the payload'): SchemaIdParseResult {
  if (data.length === 0) return { ok: false, reason: `truncated header: ${where} is empty, expected a magic byte 0x00 or 0x01 and a schema id or GUID` };
  const magic = data[0];
  if (magic === MAGIC_BYTE) {
    if (data.length < FRAME_HEADER_SIZE) {
      return { ok: false, reason: `truncated header: ${data.length} byte${data.length === 1 ? '' : 's'} in ${where}, a 0x00 frame needs ${FRAME_HEADER_SIZE} (magic byte + 4-byte schema id)` };
    }
    const id = ((data[1] << 24) >>> 0) + (data[2] << 16) + (data[3] << 8) + data[4];
    return { ok: true, id, payloadOffset: FRAME_HEADER_SIZE };
  }
  if (magic === MAGIC_BYTE_V1) {
    if (data.length < GUID_FRAME_HEADER_SIZE) {
      return { ok: false, reason: `truncated header: ${data.length} byte${data.length === 1 ? '' : 's'} in ${where}, a 0x01 frame needs ${GUID_FRAME_HEADER_SIZE} (magic byte + 16-byte schema GUID)` };
    }
    return { ok: true, guid: guidAt(data, 1), payloadOffset: GUID_FRAME_HEADER_SIZE };
  }
  return { ok: false, reason: `unknown magic byte ${hexByte(magic)} at byte 0 of ${where} (expected 0x00 or 0x01): not produced by a Confluent Schema Registry serializer` };
}
