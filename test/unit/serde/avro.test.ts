import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { recordNameStrategy } from '../../../src/serde/strategies';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { ConfigError, DeserializationError, SerializationError } from '../../../src/errors';
import { fromTagged, plain } from './tagged';

const FIXTURES = join(__dirname, '../../fixtures');
const avsc = (name: string): string => readFileSync(join(FIXTURES, 'avro', name), 'utf8');
const ctx = new SerializationContext('golden', MessageField.VALUE);

let scopeN = 0;
function freshRegistry(): { client: SchemaRegistryClient; scope: string; store: MockSchemaRegistry } {
  const scope = `avro-test-${process.pid}-${scopeN++}`;
  return { client: new SchemaRegistryClient({ url: `mock://${scope}` }), scope, store: MockSchemaRegistry.forScope(scope) };
}
afterAll(() => {
  for (let i = 0; i < scopeN; i++) MockSchemaRegistry.deleteScope(`avro-test-${process.pid}-${i}`);
});

interface AvroVector {
  name: string;
  schema: string;
  schemaId: number;
  value: unknown;
  hex: string;
}
const vectors = JSON.parse(readFileSync(join(FIXTURES, 'wire/avro.json'), 'utf8')) as AvroVector[];

describe('AvroSerializer / AvroDeserializer: golden vectors (written by confluent-kafka-python + fastavro)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const { client } = freshRegistry();
    for (let i = 0; i < v.schemaId - 1; i++) {
      await client.registerSchema(`filler-${i}`, JSON.stringify({ type: 'record', name: `F${i}`, fields: [] }));
    }
    const schema = v.schema.endsWith('.avsc') ? avsc(v.schema) : v.schema;
    const value = fromTagged(v.value);
    const bytes = await new AvroSerializer(client, schema).serialize(value, ctx);
    expect(bytes?.toString('hex')).toBe(v.hex);

    // A separate client, as a consumer would have: the writer schema comes from the registry by id.
    const reader = new SchemaRegistryClient({ url: client.url });
    const decoded = await new AvroDeserializer(reader).deserialize(Buffer.from(v.hex, 'hex'), ctx);
    expect(plain(decoded)).toEqual(value);
  });
});

const USER_V1 = JSON.stringify({
  type: 'record',
  name: 'User',
  namespace: 'com.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
});
const USER_V2 = JSON.stringify({
  type: 'record',
  name: 'User',
  namespace: 'com.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'tier', type: { type: 'enum', name: 'Tier', symbols: ['FREE', 'PRO'], default: 'FREE' }, default: 'FREE' },
  ],
});

describe('AvroSerializer', () => {
  it('registers under {topic}-value on first use, then reuses the id without calling the registry', async () => {
    const { client, store } = freshRegistry();
    const ser = new AvroSerializer(client, USER_V1);
    const users = new SerializationContext('users', MessageField.VALUE);
    const a = await ser.serialize({ id: 1, name: 'a' }, users);
    const b = await ser.serialize({ id: 2, name: 'b' }, users);
    expect(a?.subarray(0, 5).toString('hex')).toBe('0000000001');
    expect(b?.subarray(0, 5).toString('hex')).toBe('0000000001');
    expect(await client.getVersions('users-value')).toEqual([1]);
    expect(store.stats()['POST /subjects/{subject}/versions']).toBe(1);
    await ser.serialize({ id: 3, name: 'c' }, new SerializationContext('users', MessageField.KEY));
    expect(await client.getSubjects()).toEqual(['users-key', 'users-value']);
  });

  it('1 000 concurrent serializations of a new schema make exactly one registration request', async () => {
    const { client, store } = freshRegistry();
    const ser = new AvroSerializer(client, USER_V1);
    const users = new SerializationContext('users', MessageField.VALUE);
    const out = await Promise.all(Array.from({ length: 1000 }, (_, i) => ser.serialize({ id: i, name: `u${i}` }, users)));
    expect(out.every((b) => b?.readUInt32BE(1) === 1)).toBe(true);
    expect(store.stats()['POST /subjects/{subject}/versions']).toBe(1);
  });

  it('null and undefined are tombstones', async () => {
    const ser = new AvroSerializer(freshRegistry().client, USER_V1);
    expect(await ser.serialize(null, ctx)).toBeNull();
    expect(await ser.serialize(undefined, ctx)).toBeNull();
  });

  it('names the field of a value that does not match the schema; nothing is registered for nothing', async () => {
    const ser = new AvroSerializer(freshRegistry().client, USER_V1);
    const users = new SerializationContext('users', MessageField.VALUE);
    const cases: [unknown, RegExp][] = [
      [{ id: 'x', name: 'a' }, /field `id`: expected long, got string "x"/],
      [{ id: 1 }, /field `name`: expected string, got undefined/],
      [{ id: 1.5, name: 'a' }, /field `id`: expected long, got number 1.5/],
      [{ id: 2n ** 64n, name: 'a' }, /field `id`: expected long/],
      ['not a record', /value does not match the Avro schema/],
    ];
    for (const [value, reason] of cases) {
      const err = await ser.serialize(value, users).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SerializationError);
      expect(err).toMatchObject({ topic: 'users', field: 'value', code: 'ERR_SERIALIZATION' });
      expect((err as SerializationError).reason).toMatch(reason);
    }
  });

  it('toDict converts application objects first; its failures are SerializationErrors', async () => {
    class User {
      constructor(
        readonly userId: number,
        readonly fullName: string,
      ) {}
    }
    const { client } = freshRegistry();
    const ser = new AvroSerializer<User>(client, USER_V1, { toDict: (u) => ({ id: u.userId, name: u.fullName }) });
    const bytes = await ser.serialize(new User(7, 'Grace'), ctx);
    const de = new AvroDeserializer(client, { fromDict: (o) => new User((o as { id: number }).id, (o as { name: string }).name) });
    expect(await de.deserialize(bytes, ctx)).toEqual(new User(7, 'Grace'));
    const failing = new AvroSerializer<User>(client, USER_V1, {
      toDict: () => {
        throw new Error('nope');
      },
    });
    await expect(failing.serialize(new User(1, 'x'), ctx)).rejects.toMatchObject({ reason: 'toDict failed: nope' });
  });

  it('auto.register.schemas false looks the schema up, and fails clearly when it is not registered', async () => {
    const { client } = freshRegistry();
    const ser = new AvroSerializer(client, USER_V1, { 'auto.register.schemas': false });
    const err = await ser.serialize({ id: 1, name: 'a' }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as SerializationError).reason).toMatch(/schema registry: Subject 'golden-value' not found/);
    await client.registerSchema('golden-value', USER_V1);
    expect((await ser.serialize({ id: 1, name: 'a' }, ctx))?.readUInt32BE(1)).toBe(1);
  });

  it('an incompatible schema is refused with the registry reason', async () => {
    const { client } = freshRegistry();
    await client.registerSchema('golden-value', USER_V2);
    const err = await new AvroSerializer(client, USER_V1.replace('"name"', '"nickname"')).serialize({ id: 1, nickname: 'a' }, ctx).catch((e: unknown) => e);
    expect((err as SerializationError).reason).toMatch(/409|incompatible/);
  });

  it('use.latest.version writes with the latest registered schema', async () => {
    const { client } = freshRegistry();
    await client.registerSchema('golden-value', USER_V1);
    const latestId = await client.registerSchema('golden-value', USER_V2);
    const ser = new AvroSerializer(client, null, { 'use.latest.version': true, 'auto.register.schemas': false });
    const bytes = await ser.serialize({ id: 1, name: 'a', email: 'e', tier: 'PRO' }, ctx);
    expect(bytes?.readUInt32BE(1)).toBe(latestId);
    expect(plain(await new AvroDeserializer(client).deserialize(bytes, ctx))).toEqual({ id: 1, name: 'a', email: 'e', tier: 'PRO' });
  });

  it('use.schema.id writes with a given id', async () => {
    const { client } = freshRegistry();
    const id = await client.registerSchema('anything', USER_V1);
    const ser = new AvroSerializer(client, null, { 'use.schema.id': id });
    expect((await ser.serialize({ id: 5, name: 'x' }, ctx))?.readUInt32BE(1)).toBe(id);
  });

  it('recordNameStrategy registers under the record full name', async () => {
    const { client } = freshRegistry();
    await new AvroSerializer(client, USER_V1, { 'subject.name.strategy': recordNameStrategy }).serialize({ id: 1, name: 'a' }, ctx);
    await new AvroSerializer(client, USER_V1, { 'subject.name.strategy': 'TOPIC_RECORD' }).serialize({ id: 1, name: 'a' }, ctx);
    expect(await client.getSubjects()).toEqual(['com.example.User', 'golden-com.example.User']);
  });

  it('refuses bad configuration with every issue', () => {
    const { client } = freshRegistry();
    let err: unknown;
    try {
      new AvroSerializer(client, '{"type": "recurd"}', { 'use.latest.version': true, 'auto.register.schemas': 'yes' as never, 'subject.name.strategy': 'BY_MOOD' as never, colour: 1 } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues.map((i) => i.path).sort()).toEqual(
      ['auto.register.schemas', 'colour', 'schema', 'subject.name.strategy', 'use.latest.version, auto.register.schemas'].sort(),
    );
    expect(() => new AvroSerializer(client, undefined)).toThrow(/a schema is required/);
  });
});

describe('AvroDeserializer', () => {
  const ADDRESS = JSON.stringify({ type: 'record', name: 'Address', namespace: 'com.example', fields: [{ name: 'street', type: 'string' }, { name: 'zip', type: 'string' }] });
  const CUSTOMER = JSON.stringify({
    type: 'record',
    name: 'Customer',
    namespace: 'com.example',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'home', type: 'com.example.Address' },
      { name: 'work', type: ['null', 'com.example.Address'], default: null },
    ],
  });

  it('resolves named types through the registry references', async () => {
    const { client } = freshRegistry();
    await client.registerSchema('address', ADDRESS);
    const schema = { schema: CUSTOMER, references: [{ name: 'com.example.Address', subject: 'address', version: 1 }] };
    const value = { name: 'Ada', home: { street: 'Main', zip: '1' }, work: { street: 'Dock', zip: '2' } };
    const bytes = await new AvroSerializer(client, schema).serialize(value, ctx);
    const consumer = new SchemaRegistryClient({ url: client.url });
    expect(plain(await new AvroDeserializer(consumer).deserialize(bytes, ctx))).toEqual(value);
  });

  it('reads old data into a newer reader schema (defaults fill new fields) and new data into an old one', async () => {
    const { client } = freshRegistry();
    const v1Bytes = await new AvroSerializer(client, USER_V1).serialize({ id: 1, name: 'a' }, ctx);
    const v2Bytes = await new AvroSerializer(client, USER_V2).serialize({ id: 2, name: 'b', email: 'b@x', tier: 'PRO' }, ctx);
    const asV2 = new AvroDeserializer(client, { readerSchema: USER_V2 });
    expect(plain(await asV2.deserialize(v1Bytes, ctx))).toEqual({ id: 1, name: 'a', email: null, tier: 'FREE' });
    expect(plain(await asV2.deserialize(v2Bytes, ctx))).toEqual({ id: 2, name: 'b', email: 'b@x', tier: 'PRO' });
    const asV1 = new AvroDeserializer(client, { readerSchema: JSON.parse(USER_V1) as object });
    expect(plain(await asV1.deserialize(v2Bytes, ctx))).toEqual({ id: 2, name: 'b' });
  });

  it('use.latest.version reads every message into the latest schema', async () => {
    const { client } = freshRegistry();
    const old = await new AvroSerializer(client, USER_V1).serialize({ id: 1, name: 'a' }, ctx);
    await client.registerSchema('golden-value', USER_V2);
    const de = new AvroDeserializer(client, { 'use.latest.version': true });
    expect(plain(await de.deserialize(old, ctx))).toEqual({ id: 1, name: 'a', email: null, tier: 'FREE' });
  });

  it('fetches each writer schema once, whatever the concurrency', async () => {
    const producer = freshRegistry();
    const bytes = await new AvroSerializer(producer.client, USER_V1).serialize({ id: 1, name: 'a' }, ctx);
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: producer.client.url }));
    const out = await Promise.all(Array.from({ length: 200 }, () => de.deserialize(bytes, ctx)));
    expect(out.every((v) => (v as { name: string }).name === 'a')).toBe(true);
    expect(producer.store.stats()['GET /schemas/ids/{id}']).toBe(1);
  });

  it('an incompatible reader schema is a DeserializationError', async () => {
    const { client } = freshRegistry();
    const bytes = await new AvroSerializer(client, USER_V1).serialize({ id: 1, name: 'a' }, ctx);
    const de = new AvroDeserializer(client, { readerSchema: { type: 'record', name: 'User', namespace: 'com.example', fields: [{ name: 'age', type: 'int' }] } });
    await expect(de.deserialize(bytes, ctx)).rejects.toMatchObject({ name: 'DeserializationError', reason: expect.stringMatching(/cannot read data written with schema id 1 using the reader schema/) });
  });

  describe('bad input: a typed error with the reason and the message position, never a crash', () => {
    const position = new SerializationContext('users', MessageField.VALUE, undefined, { partition: 4, offset: 1234n });
    let good: Buffer;
    let de: AvroDeserializer;
    beforeAll(async () => {
      const { client } = freshRegistry();
      await client.registerSchema('json-value', { schema: '{"type":"object"}', schemaType: 'JSON' });
      good = (await new AvroSerializer(client, USER_V1).serialize({ id: 150, name: 'hello' }, position)) as Buffer;
      de = new AvroDeserializer(client);
    });
    const cases: [string, () => Buffer, RegExp][] = [
      ['wrong magic byte', () => Buffer.concat([Buffer.from([2]), good.subarray(1)]), /unknown magic byte 0x02 at byte 0/],
      ['GUID magic byte 0x01 with a truncated GUID', () => Buffer.concat([Buffer.from([1]), good.subarray(1, 9)]), /truncated header: 9 bytes .*0x01 frame needs 17/],
      ['plain JSON', () => Buffer.from('{"id":1}'), /unknown magic byte 0x7b/],
      ['truncated header', () => good.subarray(0, 3), /truncated header: 3 bytes/],
      ['empty buffer', () => Buffer.alloc(0), /truncated header: 0 bytes/],
      ['unknown schema id', () => Buffer.concat([Buffer.from('0000000063', 'hex'), good.subarray(5)]), /unknown schema id 99: the registry has no such schema \(40403\)/],
      ['schema id of a JSON schema', () => Buffer.concat([Buffer.from('0000000001', 'hex'), good.subarray(5)]), /writer schema id 1: is a JSON schema, not Avro/],
      ['truncated body', () => good.subarray(0, good.length - 2), /truncated Avro body for schema id 2: the \d+-byte payload ends before the value does/],
      ['header only', () => good.subarray(0, 5), /truncated Avro body/],
      ['trailing garbage', () => Buffer.concat([good, Buffer.from([0xde, 0xad, 0xbe])]), /trailing garbage: 3 bytes after the Avro value \(schema id 2/],
      ['negative string length', () => Buffer.concat([good.subarray(0, 7), Buffer.from([0x01])]), /truncated|invalid/],
    ];
    it.each(cases)('%s', async (_name, make, reason) => {
      const err = await de.deserialize(make(), position).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeserializationError);
      expect(err).toMatchObject({ topic: 'users', field: 'value', partition: 4, offset: 1234n, code: 'ERR_DESERIALIZATION' });
      expect((err as DeserializationError).reason).toMatch(reason);
    });

    it('the good message still decodes', async () => {
      expect(plain(await de.deserialize(good, position))).toEqual({ id: 150, name: 'hello' });
    });

    it('null is null', async () => {
      expect(await de.deserialize(null, position)).toBeNull();
    });
  });
});

describe('Avro serde: call shapes', () => {
  it('accepts a Uint8Array, refuses other data and a missing context with typed errors', async () => {
    const { client } = freshRegistry();
    const bytes = (await new AvroSerializer(client, USER_V1).serialize({ id: 1, name: 'a' }, ctx)) as Buffer;
    const de = new AvroDeserializer(client);
    expect(plain(await de.deserialize(new Uint8Array(bytes) as Buffer, ctx))).toEqual({ id: 1, name: 'a' });
    await expect(de.deserialize('00000' as never, ctx)).rejects.toBeInstanceOf(DeserializationError);
    await expect(new AvroSerializer(client, USER_V1).serialize({ id: 1, name: 'a' }, undefined as never)).rejects.toMatchObject({
      name: 'SerializationError',
      reason: expect.stringMatching(/SerializationContext/),
    });
  });
});
