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
