import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFrame, encodeFrame, FRAME_HEADER_SIZE, MAGIC_BYTE, parseFrame, writeFrameHeader } from '../../../src/serde/wire';
import { DeserializationError, SerializationError } from '../../../src/errors';

interface FrameVector {
  schemaId: number;
  payload: string;
  frame: string;
}
const vectors = JSON.parse(readFileSync(join(__dirname, '../../fixtures/wire/frames.json'), 'utf8')) as FrameVector[];

describe('Confluent framing: golden vectors (written by confluent-kafka-python)', () => {
  it.each(vectors.map((v) => [v.schemaId, v.payload, v.frame] as const))('schema id %d, payload <%s> → <%s>', (schemaId, payload, frame) => {
    expect(encodeFrame(schemaId, Buffer.from(payload, 'hex')).toString('hex')).toBe(frame);
    const decoded = decodeFrame(Buffer.from(frame, 'hex'));
    expect(decoded.schemaId).toBe(schemaId);
    expect(decoded.payload.toString('hex')).toBe(payload);
  });

  it('writes a header in place', () => {
    const buf = Buffer.alloc(8, 0xaa);
    expect(writeFrameHeader(buf, 0x01020304, 2)).toBe(7);
    expect(buf.toString('hex')).toBe('aaaa0001020304aa');
    expect(() => writeFrameHeader(buf, 1, 4)).toThrow(RangeError);
  });

  it('exposes the constants of the format', () => {
    expect(MAGIC_BYTE).toBe(0);
    expect(FRAME_HEADER_SIZE).toBe(5);
  });

  it('decodes from a Uint8Array view without copying', () => {
    const backing = Buffer.from('ff0000000009abcd', 'hex');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 1, 7);
    const { schemaId, payload } = decodeFrame(view);
    expect(schemaId).toBe(9);
    expect(payload.toString('hex')).toBe('abcd');
  });
});

describe('Confluent framing: bad input', () => {
  const bad: [string, string, RegExp][] = [
    ['empty', '', /truncated header: 0 bytes/],
    ['one zero byte', '00', /truncated header: 1 byte,/],
    ['four bytes', '00000000', /truncated header: 4 bytes/],
    ['wrong magic byte', '0100000001', /unknown magic byte 0x01 at byte 0/],
    ['wrong magic byte, short', '7b22', /unknown magic byte 0x7b/],
    ['JSON text', Buffer.from('{"a":1}').toString('hex'), /unknown magic byte 0x7b/],
  ];
  it.each(bad)('%s → DeserializationError', (_name, hex, reason) => {
    const parsed = parseFrame(Buffer.from(hex, 'hex'));
    expect(parsed.ok).toBe(false);
    let err: unknown;
    try {
      decodeFrame(Buffer.from(hex, 'hex'), { topic: 'orders', partition: 3, offset: 42n, field: 'value' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeserializationError);
    const de = err as DeserializationError;
    expect(de.reason).toMatch(reason);
    expect(de).toMatchObject({ topic: 'orders', partition: 3, offset: 42n, field: 'value', code: 'ERR_DESERIALIZATION' });
  });

  it('accepts a header-only frame (an empty payload is valid Avro for some schemas)', () => {
    expect(decodeFrame(Buffer.from('0000000005', 'hex')).payload.length).toBe(0);
  });

  it.each([-1, 0x80000000, 1.5, NaN])('refuses schema id %p', (id) => {
    expect(() => encodeFrame(id, Buffer.alloc(0))).toThrow(SerializationError);
  });
});
