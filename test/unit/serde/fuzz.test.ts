/**
 * Fuzz: random and mutated Confluent-framed Avro buffers through
 * AvroDeserializer. Every outcome must be a value or a DeserializationError:
 * 0 crashes, 0 untyped errors, nothing hangs.
 *
 * Reproduce: SK_FUZZ_SEED=<seed> SK_FUZZ_COUNT=<n> npx jest --selectProjects unit -t fuzz
 * (defaults: seed 20240601, 1 000 000 buffers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { DeserializationError } from '../../../src/errors';
import { guidFrameHeader, idFrameHeader } from '../../../src/serde/wire';

const COUNT = Number(process.env.SK_FUZZ_COUNT ?? 1_000_000);
const SEED = Number(process.env.SK_FUZZ_SEED ?? 20240601);
const FIXTURES = join(__dirname, '../../fixtures');

/** mulberry32: small, fast, seeded. */
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

const INTERESTING = [0x00, 0x01, 0x02, 0x7f, 0x80, 0x81, 0xfe, 0xff];

describe('AvroDeserializer fuzz', () => {
  const scope = `fuzz-${process.pid}`;
  afterAll(() => MockSchemaRegistry.deleteScope(scope));

  it(`fuzz: ${COUNT} random and mutated buffers (seed ${SEED}) → 0 crashes, 0 untyped errors`, async () => {
    const client = new SchemaRegistryClient({ url: `mock://${scope}` });
    const ctx = new SerializationContext('fuzz', MessageField.VALUE, undefined, { partition: 0, offset: 0 });
    const samples: Buffer[] = [];
    const add = async (schema: unknown, values: unknown[], subject: string): Promise<void> => {
      const ser = new AvroSerializer(client, typeof schema === 'string' && schema.startsWith('{') ? schema : JSON.stringify(schema), {
        'subject.name.strategy': () => subject,
      });
      for (const v of values) samples.push((await ser.serialize(v, ctx)) as Buffer);
    };
    const avsc = (n: string): string => readFileSync(join(FIXTURES, 'avro', n), 'utf8');
    await add(avsc('user.avsc'), [
      { id: 1, name: 'Ada', email: 'ada@example.com', age: 36, active: true, score: 1.5, ratio: 0.5, tags: ['a', 'bb', 'ccc'], attrs: { k: 'v', k2: 'v2' }, avatar: Buffer.from([1, 2, 3]) },
      { id: -(2 ** 40), name: '', email: null, age: -1, active: false, score: -0, ratio: 2, tags: [], attrs: {}, avatar: Buffer.alloc(0) },
    ], 'user');
    await add(avsc('event.avsc'), [
      {
        id: '123e4567-e89b-12d3-a456-426614174000', at: new Date(0), atMicros: new Date(1e12), day: new Date(0), timeMillis: '01:02:03.004', timeMicros: '23:59:59.999999',
        amount: '-12.34', price: '99.9900', kind: 'VIEW', hash: Buffer.from('abcd'), source: { host: 'h', port: 1 }, parent: { host: 'p', port: 2 }, counter: 2n ** 60n, expiresAt: new Date(5),
      },
    ], 'event');
    await add(avsc('envelope.avsc'), [{ payload: { 'com.example.Click': { x: 1, y: 2 } } }, { payload: { 'com.example.View': { page: '/' } } }], 'envelope');
    const extra = JSON.parse(readFileSync(join(FIXTURES, 'avro', 'fuzz-schemas.json'), 'utf8')) as { name: string; schema: unknown }[];
    const values: Record<string, unknown[]> = {
      node: [{ value: 1, label: 'a', next: { value: 2, label: null, next: { value: 3, label: 'c', next: null } } }],
      collections: [{ markers: [null, null, null], empties: [{}, {}], matrix: [[1, 2], [], [3]], index: { a: { x: 1.5, y: null, z: Buffer.from([9]) } }, flags: { on: true, off: false } }],
      'primitive-long': [0, -1, 2 ** 53 - 1, -(2n ** 63n)],
      'primitive-bytes': [Buffer.from('raw bytes')],
      union: [5, 'five', [1.5, 2.5], { a: 'b' }], // (null would be a tombstone, not a frame)
    };
    for (const e of extra) await add(e.schema, values[e.name], e.name);
    await client.registerSchema('json-value', { schema: '{"type":"object"}', schemaType: 'JSON' });
    const knownIds = [...new Set(samples.map((s) => s.readUInt32BE(1)))];
    // Schema GUID framings: 0x01 + GUID prefixes of the same bodies, and schema id headers (0x01 + GUID, 0x00 + id).
    const headerValues: Buffer[] = [];
    for (const id of knownIds) {
      const guid = (await client.getSchema(id)).guid as string;
      headerValues.push(guidFrameHeader(guid), idFrameHeader(id));
    }
    for (const s of [...samples]) {
      const guid = (await client.getSchema(s.readUInt32BE(1))).guid as string;
      samples.push(Buffer.concat([guidFrameHeader(guid), s.subarray(5)]));
    }

    const plainDe = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }));
    // A reader schema that drops the user's collections: exercises resolution and skipping.
    const readerDe = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }), {
      readerSchema: { type: 'record', name: 'User', namespace: 'com.example', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'extra', type: 'int', default: 7 }] },
    });
    const userId = samples[0].readUInt32BE(1);

    const rnd = prng(SEED);
    const int = (n: number): number => Math.floor(rnd() * n);
    const randomBytes = (n: number): Buffer => {
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    };
    const mutate = (src: Buffer): Buffer => {
      let b = Buffer.from(src);
      const ops = 1 + int(3);
      for (let k = 0; k < ops; k++) {
        const pos = b.length > 5 && rnd() < 0.85 ? 5 + int(b.length - 5) : int(Math.max(1, b.length));
        switch (int(10)) {
          case 0: // bit flip
            if (b.length) b[pos % b.length] ^= 1 << int(8);
            break;
          case 1: // random byte
            if (b.length) b[pos % b.length] = int(256);
            break;
          case 2: // interesting byte
            if (b.length) b[pos % b.length] = INTERESTING[int(INTERESTING.length)];
            break;
          case 3: // insert
            b = Buffer.concat([b.subarray(0, pos), randomBytes(1 + int(8)), b.subarray(pos)]);
            break;
          case 4: // delete a range
            b = Buffer.concat([b.subarray(0, pos), b.subarray(pos + 1 + int(8))]);
            break;
          case 5: // truncate
            b = b.subarray(0, pos);
            break;
          case 6: // trailing garbage
            b = Buffer.concat([b, randomBytes(1 + int(16))]);
            break;
          case 7: // another known schema id: bytes read with the wrong schema
            if (b.length >= 5) b.writeUInt32BE(knownIds[int(knownIds.length)], 1);
            break;
          case 8: // splice with another sample
            {
              const other = samples[int(samples.length)];
              const at = int(other.length);
              b = Buffer.concat([b.subarray(0, pos), other.subarray(at, at + 1 + int(12))]);
            }
            break;
          case 9: // huge varint (block counts, lengths, union indexes)
            b = Buffer.concat([b.subarray(0, pos), Buffer.from(rnd() < 0.5 ? [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01] : [0xff, 0xff, 0xff, 0x0f]), b.subarray(pos)]);
            break;
        }
      }
      return b;
    };

    let ok = 0;
    let typed = 0;
    let withPosition = 0;
    const untyped: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const r = rnd();
      let buf: Buffer;
      if (r < 0.04) buf = randomBytes(int(48));
      else if (r < 0.08) buf = Buffer.concat([Buffer.from([0]), randomBytes(4 + int(40))]);
      else buf = mutate(samples[int(samples.length)]);
      const de = buf.length >= 5 && buf.readUInt32BE(1) === userId && rnd() < 0.5 ? readerDe : plainDe;
      // One in ten: the schema id comes in the __value_schema_id header (sometimes mutated), the payload is a bare body.
      let c = ctx;
      if (rnd() < 0.1) {
        const hv = headerValues[int(headerValues.length)];
        c = new SerializationContext('fuzz', MessageField.VALUE, [['__value_schema_id', rnd() < 0.7 ? hv : mutate(hv)]], { partition: 0, offset: 0 });
        if (buf.length >= 5 && buf[0] === 0 && rnd() < 0.8) buf = buf.subarray(5);
      }
      try {
        await de.deserialize(buf, c);
        ok++;
      } catch (e) {
        if (e instanceof DeserializationError) {
          typed++;
          if (e.topic === 'fuzz' && e.partition === 0 && e.offset === 0) withPosition++;
        } else if (untyped.length < 20) {
          untyped.push(`#${i} ${buf.toString('hex')}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        } else {
          untyped.push('…');
        }
      }
    }
    console.log(`fuzz seed=${SEED} count=${COUNT}: decoded ${ok}, DeserializationError ${typed}, untyped ${untyped.length}, crashes 0`);
    expect(untyped).toEqual([]);
    expect(ok + typed).toBe(COUNT);
    expect(withPosition).toBe(typed);
    expect(ok).toBeGreaterThan(0);
    expect(typed).toBeGreaterThan(0);
  }, 600_000);
});
