/**
 * Schema GUID framings (Confluent's newer wire formats), against golden
 * vectors written and read back by confluent-kafka-python
 * (test/fixtures/wire/guid.json, generate.py guid):
 *
 *  - `schema.id.serializer: headerSchemaIdSerializer`: bare Avro body, `0x01` + GUID in the
 *    `__value_schema_id` / `__key_schema_id` header;
 *  - `0x01` + GUID + body in the payload;
 *  - the header holding `0x00` + id.
 *
 * The registry is a small HTTP server answering as Confluent's does (register → id and guid,
 * GET /schemas/ids/{id}, GET /schemas/guids/{guid}) with the vectors' ids and GUIDs.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DeserializationError, SerializationError } from '../../../src/errors';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext, type SerdeHeaderValue } from '../../../src/serde/context';
import { dualSchemaIdDeserializer, headerSchemaIdSerializer, prefixSchemaIdDeserializer, prefixSchemaIdSerializer } from '../../../src/serde/schema-id';
import { GUID_FRAME_HEADER_SIZE, guidFrameHeader, parseSchemaIdPrefix } from '../../../src/serde/wire';
import { fromTagged, plain } from './tagged';

interface GuidVector {
  name: string;
  schema: string;
  field: 'key' | 'value';
  schemaId: number;
  guid: string;
  value: unknown;
  header: { name: string; hex: string };
  body: string;
  prefixGuidFrame: string;
  idHeader: string;
}

const FIXTURES = join(__dirname, '../../fixtures');
const VECTORS = JSON.parse(readFileSync(join(FIXTURES, 'wire', 'guid.json'), 'utf8')) as GuidVector[];
const schemaText = (ref: string): string => (ref.endsWith('.avsc') ? readFileSync(join(FIXTURES, 'avro', ref), 'utf8') : ref);

/** A registry holding one schema under a given id and GUID, answering as Confluent's REST API does. */
async function oneSchemaRegistry(id: number, guid: string, schema: string): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const send = (status: number, json: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
        res.end(JSON.stringify(json));
      };
      const url = req.url ?? '';
      if (req.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(url)) return send(200, { id, guid });
      if (req.method === 'GET' && url === `/schemas/ids/${id}`) return send(200, { schema, guid });
      if (req.method === 'GET' && url === `/schemas/guids/${guid}`) return send(200, { schema, guid });
      return send(404, { error_code: 40403, message: 'Schema not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('schema GUID framing: golden vectors from confluent-kafka-python', () => {
  it('has vectors for a value and a key', () => {
    expect(VECTORS.map((v) => v.field).sort()).toEqual(['key', 'value', 'value']);
  });

  describe.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    let reg: Awaited<ReturnType<typeof oneSchemaRegistry>>;
    let client: SchemaRegistryClient;
    const field = v.field === 'key' ? MessageField.KEY : MessageField.VALUE;
    const expected = plain(fromTagged(v.value));
    beforeAll(async () => {
      reg = await oneSchemaRegistry(v.schemaId, v.guid, schemaText(v.schema));
      client = new SchemaRegistryClient({ url: reg.url });
    });
    afterAll(async () => {
      client.close();
      await reg.close();
    });

    it('headerSchemaIdSerializer writes Python’s body and header, byte for byte', async () => {
      const ser = new AvroSerializer(client, schemaText(v.schema), { 'schema.id.serializer': headerSchemaIdSerializer });
      const headers: [string, SerdeHeaderValue][] = [['trace', 'abc']];
      const out = (await ser.serialize(fromTagged(v.value), new SerializationContext('golden', field, headers))) as Buffer;
      expect(out.toString('hex')).toBe(v.body);
      expect(headers.map(([k, x]) => [k, Buffer.isBuffer(x) ? x.toString('hex') : x])).toEqual([
        ['trace', 'abc'],
        [v.header.name, v.header.hex],
      ]);
    });

    it('the default deserializer reads the GUID from the header (whole payload is the body)', async () => {
      const de = new AvroDeserializer(new SchemaRegistryClient({ url: reg.url }));
      const ctx = new SerializationContext('golden', field, [[v.header.name, Buffer.from(v.header.hex, 'hex')]]);
      expect(plain(await de.deserialize(Buffer.from(v.body, 'hex'), ctx))).toEqual(expected);
    });

    it('…the 0x01 GUID prefix from the payload', async () => {
      const de = new AvroDeserializer(new SchemaRegistryClient({ url: reg.url }));
      expect(plain(await de.deserialize(Buffer.from(v.prefixGuidFrame, 'hex'), new SerializationContext('golden', field)))).toEqual(expected);
      expect(plain(await de.deserialize(Buffer.from(v.prefixGuidFrame, 'hex'), new SerializationContext('golden', field, [])))).toEqual(expected);
    });

    it('…and a 0x00 schema id carried in the header', async () => {
      const de = new AvroDeserializer(new SchemaRegistryClient({ url: reg.url }));
      const ctx = new SerializationContext('golden', field, { [v.header.name]: Buffer.from(v.idHeader, 'hex') });
      expect(plain(await de.deserialize(Buffer.from(v.body, 'hex'), ctx))).toEqual(expected);
    });

    it('prefixSchemaIdDeserializer ignores the header: a bare body is not a frame', async () => {
      const de = new AvroDeserializer(new SchemaRegistryClient({ url: reg.url }), { 'schema.id.deserializer': prefixSchemaIdDeserializer });
      const ctx = new SerializationContext('golden', field, [[v.header.name, Buffer.from(v.header.hex, 'hex')]], { partition: 2, offset: 9 });
      const err = (await de.deserialize(Buffer.from(v.body, 'hex'), ctx).catch((e: unknown) => e)) as DeserializationError;
      expect(err).toBeInstanceOf(DeserializationError);
      expect(err).toMatchObject({ topic: 'golden', partition: 2, offset: 9 });
      expect(plain(await de.deserialize(Buffer.from(v.prefixGuidFrame, 'hex'), ctx))).toEqual(expected);
    });
  });
});

describe('schema GUID framing over mock:// (registry GUIDs)', () => {
  const scope = `guid-${process.pid}`;
  const schema = JSON.stringify({ type: 'record', name: 'Ping', fields: [{ name: 'n', type: 'long' }, { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }] });
  const value = { n: 7, at: new Date(1700000000000) };
  afterAll(() => MockSchemaRegistry.deleteScope(scope));

  it('round trip: header framing in, default deserializer out; the header holds the registry’s GUID', async () => {
    const client = new SchemaRegistryClient({ url: `mock://${scope}` });
    const ser = new AvroSerializer(client, schema, { 'schema.id.serializer': headerSchemaIdSerializer });
    const headers: [string, SerdeHeaderValue][] = [];
    const ctx = new SerializationContext('pings', MessageField.VALUE, headers);
    const body = (await ser.serialize(value, ctx)) as Buffer;
    expect(headers).toHaveLength(1);
    const [name, hv] = headers[0];
    expect(name).toBe('__value_schema_id');
    const parsed = parseSchemaIdPrefix(hv as Buffer);
    expect(parsed).toMatchObject({ ok: true, payloadOffset: GUID_FRAME_HEADER_SIZE });
    const registered = await client.getLatestVersion('pings-value');
    expect(parsed.ok && parsed.guid).toBe(registered.guid);
    // The body is the bare Avro body: the prefix serializer's frame minus its 5 bytes.
    const framed = (await new AvroSerializer(client, schema).serialize(value, new SerializationContext('pings', MessageField.VALUE))) as Buffer;
    expect(body.toString('hex')).toBe(framed.subarray(5).toString('hex'));
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }));
    expect(await de.deserialize(body, ctx)).toEqual(value);
    // 0x01-prefixed payload with the same GUID, and the classic 0x00 frame: same record.
    const guidFramed = Buffer.concat([guidFrameHeader(registered.guid as string), body]);
    expect(await de.deserialize(guidFramed, new SerializationContext('pings', MessageField.VALUE))).toEqual(value);
    expect(await de.deserialize(framed, new SerializationContext('pings', MessageField.VALUE))).toEqual(value);
  });

  it('a key goes in __key_schema_id; plain-object headers get the header too', async () => {
    const client = new SchemaRegistryClient({ url: `mock://${scope}` });
    const ser = new AvroSerializer(client, '"string"', { 'schema.id.serializer': headerSchemaIdSerializer });
    const headers: Record<string, SerdeHeaderValue> = {};
    const ctx = new SerializationContext('pings', MessageField.KEY, headers);
    const body = (await ser.serialize('k1', ctx)) as Buffer;
    expect(Object.keys(headers)).toEqual(['__key_schema_id']);
    expect(body.toString('hex')).toBe('046b31');
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }));
    expect(await de.deserialize(body, ctx)).toBe('k1');
    // A value deserializer does not look at the key's header.
    await expect(de.deserialize(body, new SerializationContext('pings', MessageField.VALUE, headers))).rejects.toBeInstanceOf(DeserializationError);
  });

  it('header framing without headers to add to is a SerializationError naming the header', async () => {
    const ser = new AvroSerializer(new SchemaRegistryClient({ url: `mock://${scope}` }), schema, { 'schema.id.serializer': headerSchemaIdSerializer });
    const err = (await ser.serialize(value, new SerializationContext('pings', MessageField.VALUE)).catch((e: unknown) => e)) as SerializationError;
    expect(err).toBeInstanceOf(SerializationError);
    expect(err.message).toMatch(/__value_schema_id/);
    expect(err).toMatchObject({ topic: 'pings', field: 'value' });
  });

  it('a bad record is still a SerializationError naming the field, with header framing', async () => {
    const ser = new AvroSerializer(new SchemaRegistryClient({ url: `mock://${scope}` }), schema, { 'schema.id.serializer': headerSchemaIdSerializer });
    const err = (await ser.serialize({ n: 'seven', at: new Date() }, new SerializationContext('pings', MessageField.VALUE, [])).catch((e: unknown) => e)) as SerializationError;
    expect(err).toBeInstanceOf(SerializationError);
    expect(err.message).toMatch(/field `n`/);
  });

  it('custom schema.id.serializer / deserializer functions get the id and GUID', async () => {
    const client = new SchemaRegistryClient({ url: `mock://${scope}` });
    const seen: unknown[] = [];
    const ser = new AvroSerializer(client, schema, {
      'schema.id.serializer': (payload, ctx, sid) => {
        seen.push({ ...sid });
        return prefixSchemaIdSerializer(payload, ctx, sid);
      },
    });
    const out = (await ser.serialize(value, new SerializationContext('pings', MessageField.VALUE))) as Buffer;
    const registered = await client.getLatestVersion('pings-value');
    expect(seen).toEqual([{ id: registered.id, guid: registered.guid }]);
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }), {
      'schema.id.deserializer': (data, ctx, sid) => dualSchemaIdDeserializer(data, ctx, sid),
    });
    expect(await de.deserialize(out, new SerializationContext('pings', MessageField.VALUE))).toEqual(value);
  });

  it('bad GUID frames and headers: DeserializationError with the reason and position', async () => {
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` }));
    const ctx = (headers?: [string, SerdeHeaderValue][]): SerializationContext => new SerializationContext('pings', MessageField.VALUE, headers, { partition: 1, offset: 5n });
    const cases: [string, Buffer, SerializationContext, RegExp][] = [
      ['truncated GUID', Buffer.from('01aabbcc', 'hex'), ctx(), /truncated header: 4 bytes .*0x01 frame needs 17/],
      ['unknown GUID', Buffer.concat([guidFrameHeader('00000000-0000-4000-8000-000000000000'), Buffer.from([2])]), ctx(), /unknown schema GUID 00000000-0000-4000-8000-000000000000/],
      ['header with a bad magic byte', Buffer.from([2]), ctx([['__value_schema_id', Buffer.from([7, 1, 2])]]), /unknown magic byte 0x07 .*header __value_schema_id/],
      ['empty header', Buffer.from([2]), ctx([['__value_schema_id', Buffer.alloc(0)]]), /header __value_schema_id is empty/],
    ];
    for (const [what, data, c, reason] of cases) {
      const err = (await de.deserialize(data, c).catch((e: unknown) => e)) as DeserializationError;
      expect([what, err]).toEqual([what, expect.any(DeserializationError)]);
      expect(err).toMatchObject({ topic: 'pings', partition: 1, offset: 5n });
      expect([what, err.reason]).toEqual([what, expect.stringMatching(reason)]);
    }
  });

  it('rejects non-function schema.id.serializer / deserializer settings', () => {
    const client = new SchemaRegistryClient({ url: `mock://${scope}` });
    expect(() => new AvroSerializer(client, schema, { 'schema.id.serializer': 'header' as never })).toThrow(/schema.id.serializer/);
    expect(() => new AvroDeserializer(client, { 'schema.id.deserializer': 1 as never })).toThrow(/schema.id.deserializer/);
  });
});
