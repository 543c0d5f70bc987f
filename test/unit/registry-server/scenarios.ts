/**
 * Client scenarios run against a registry server at a URL: the third-party
 * @kafkajs/confluent-schema-registry client, and our own SchemaRegistryClient
 * with AvroSerializer/AvroDeserializer (bytes crossing between the two).
 * Shared by the unit tier (in-memory log) and the kafka tier (Kafka log).
 */
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';

import { SchemaRegistryClient } from '../../../src/registry/client';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { call } from './helpers';

const V1 = { type: 'record', name: 'User', namespace: 'com.example', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }] };
const V2 = { ...V1, fields: [...V1.fields, { name: 'email', type: ['null', 'string'], default: null }] };
const V3_BREAKING = { ...V1, fields: [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }] };

/** Credentials for a server with basic auth. */
export type ScenarioAuth = { username: string; password: string };

/** The client's mappersmith resources (typed `private` in its declarations, used as its docs show). */
interface KafkajsApi {
  Subject: {
    compatible(args: { subject: string; version?: string; body: unknown }): Promise<{ data(): unknown }>;
    updateConfig(args: { subject: string; body: unknown }): Promise<{ data(): unknown }>;
    all(): Promise<{ data(): unknown }>;
  };
}

function api(registry: SchemaRegistry): KafkajsApi {
  return (registry as unknown as { api: KafkajsApi }).api;
}

function authHeaders(auth?: ScenarioAuth): Record<string, string> {
  return auth ? { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {};
}

/**
 * @kafkajs/confluent-schema-registry: register, fetch by id, latest,
 * versions, set and test compatibility, encode/decode, delete.
 */
export async function kafkajsScenario(url: string, prefix: string, auth?: ScenarioAuth): Promise<void> {
  const registry = new SchemaRegistry({ host: url, auth, retry: { retries: 0 } });
  const subject = `${prefix}-users-value`;

  const { id: id1 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V1) }, { subject });
  expect(id1).toEqual(expect.any(Number));
  // First registration: the client sets the subject's level (BACKWARD by default) and reads it back next time.
  expect((await call(url, 'GET', `/config/${subject}`, undefined, authHeaders(auth))).body).toEqual({ compatibilityLevel: 'BACKWARD' });
  expect(await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V1) }, { subject })).toMatchObject({ id: id1 }); // (the answer also carries the schema GUID)

  expect(await registry.getLatestSchemaId(subject)).toBe(id1);
  expect(await registry.getRegistryId(subject, 1)).toBe(id1);
  expect(await registry.getRegistryIdBySchema(subject, { type: SchemaType.AVRO, schema: JSON.stringify(V1) })).toBe(id1);

  const bytes = await registry.encode(id1, { id: 7, name: 'ann' });
  expect(bytes[0]).toBe(0);
  expect(bytes.readInt32BE(1)).toBe(id1);
  // A fresh client has no cache: decode fetches the schema by id from the server.
  const fresh = new SchemaRegistry({ host: url, auth, retry: { retries: 0 } });
  expect(await fresh.decode(bytes)).toEqual({ id: 7, name: 'ann' });
  const fetched = await fresh.getSchema(id1);
  expect((fetched as { name?: string }).name).toBe('com.example.User');

  const { id: id2 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V2) }, { subject });
  expect(id2).not.toBe(id1);
  expect(await fresh.getLatestSchemaId(subject)).toBe(id2);
  expect(await fresh.getRegistryId(subject, 2)).toBe(id2);
  // Old bytes read with the new schema (Avro resolution).
  expect(await fresh.decode(bytes, { [SchemaType.AVRO]: { readerSchema: V2 as never } })).toEqual({ id: 7, name: 'ann', email: null });

  // Test compatibility (the client's own API resource), then a refused registration.
  const check = await api(registry).Subject.compatible({ subject, version: 'latest', body: { schema: JSON.stringify(V3_BREAKING) } });
  expect(check.data()).toEqual({ is_compatible: false });
  const okCheck = await api(registry).Subject.compatible({ subject, body: { schema: JSON.stringify(V2) } });
  expect(okCheck.data()).toEqual({ is_compatible: true });
  await expect(registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V3_BREAKING) }, { subject })).rejects.toMatchObject({ status: 409 });

  // Set compatibility to NONE; then the client's compatibility check passes and the breaking change registers.
  const set = await api(registry).Subject.updateConfig({ subject, body: { compatibility: 'NONE' } });
  expect(set.data()).toEqual({ compatibility: 'NONE' });
  const { id: id3 } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(V3_BREAKING) }, { subject, compatibility: COMPATIBILITY.NONE });
  expect(await fresh.getRegistryId(subject, 3)).toBe(id3);
  const all = (await api(registry).Subject.all()).data() as string[];
  expect(all).toContain(subject);

  // Delete (the client has no delete call; plain HTTP), then the client sees the subject gone.
  expect((await call(url, 'DELETE', `/subjects/${subject}`, undefined, authHeaders(auth))).body).toEqual([1, 2, 3]);
  await expect(fresh.getLatestSchemaId(subject)).rejects.toMatchObject({ status: 404 });
  // Schemas stay readable by id after a soft delete.
  expect(await new SchemaRegistry({ host: url, auth }).decode(bytes)).toEqual({ id: 7, name: 'ann' });
}

/**
 * Our SchemaRegistryClient + AvroSerializer against the server, with bytes
 * crossing to and from @kafkajs/confluent-schema-registry.
 */
export async function ourClientScenario(url: string, prefix: string, auth?: ScenarioAuth): Promise<void> {
  const config = { url, ...(auth ? { 'basic.auth.credentials.source': 'USER_INFO' as const, 'basic.auth.user.info': `${auth.username}:${auth.password}` } : {}) };
  const client = new SchemaRegistryClient(config);
  const topic = `${prefix}-orders`;
  const ctx = new SerializationContext(topic, MessageField.VALUE);
  const serializer = new AvroSerializer(client, V1);
  const ours = (await serializer.serialize({ id: 42n, name: 'bob' }, ctx)) as Buffer;
  const id = ours.readInt32BE(1);
  expect(await client.getLatestVersion(`${topic}-value`)).toMatchObject({ id, version: 1 });

  const kafkajs = new SchemaRegistry({ host: url, auth });
  expect(await kafkajs.decode(ours)).toEqual({ id: 42, name: 'bob' });
  const theirs = await kafkajs.encode(id, { id: 43, name: 'eve' });
  const deserializer = new AvroDeserializer(new SchemaRegistryClient(config));
  expect({ ...((await deserializer.deserialize(theirs, ctx)) as object) }).toEqual({ id: 43, name: 'eve' });

  expect(await client.testCompatibility(`${topic}-value`, JSON.stringify(V3_BREAKING))).toBe(false);
  expect(await client.setCompatibility(`${topic}-value`, 'FORWARD')).toBe('FORWARD');
  expect(await client.getCompatibility(`${topic}-value`)).toBe('FORWARD');
  expect(await client.getVersions(`${topic}-value`)).toEqual([1]);
  expect(await client.deleteSubject(`${topic}-value`)).toEqual([1]);
  expect(await client.deleteSubject(`${topic}-value`, true)).toEqual([1]);
  expect(await client.getSubjects(true)).not.toContain(`${topic}-value`);
}
