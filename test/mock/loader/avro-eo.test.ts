/**
 * The loader with Avro (schema from a mock:// registry: registered from an
 * .avsc file, or the subject's latest version) decoded back equal, records
 * that do not fit the schema dead-lettered with the field named; and
 * exactly-once loads read back with read_committed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MockCluster } from '../../../src/testing/mock-cluster';
import { runLoad } from '../../../src/loader/loader';
import { readCheckpoint } from '../../../src/loader/checkpoint';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { AvroDeserializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { nodeRdkafka } from '../../../src/native';
import { consumeAll, uniqueTopic } from '../producer/consume';

const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'User',
  namespace: 'com.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'age', type: ['null', 'int'], default: null },
    { name: 'vip', type: 'boolean', default: false },
  ],
});

let cluster: MockCluster;
let dir: string;
const scope = `loader-${process.pid}`;
const url = `mock://${scope}`;
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-avro-'));
});
afterAll(async () => {
  await cluster.stop();
  MockSchemaRegistry.deleteScope(scope);
  fs.rmSync(dir, { recursive: true, force: true });
});

function topic(prefix: string, partitions = 2): string {
  const t = uniqueTopic(prefix);
  cluster.createTopic(t, partitions);
  return t;
}

/** Reads a topic back through node-rdkafka (raw bytes) and decodes Avro values. */
async function readAvro(t: string, expected: number): Promise<Array<{ key: string | null; value: unknown }>> {
  const got = await consumeAllRaw(t, expected);
  const de = new AvroDeserializer(new SchemaRegistryClient({ url }));
  const ctx = new SerializationContext(t, MessageField.VALUE);
  return Promise.all(got.map(async (m) => ({ key: m.key, value: await de.deserialize(m.value, ctx) })));
}

async function consumeAllRaw(t: string, expected: number): Promise<Array<{ key: string | null; value: Buffer }>> {
  const Kafka = nodeRdkafka();
  const consumer = new Kafka.KafkaConsumer({ 'bootstrap.servers': cluster.bootstrapServers, 'group.id': `raw-${t}`, 'enable.auto.commit': false } as never, { 'auto.offset.reset': 'earliest' });
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  const out: Array<{ key: string | null; value: Buffer }> = [];
  try {
    consumer.assign([0, 1].map((partition) => ({ topic: t, partition, offset: 0 })));
    const deadline = Date.now() + 20000;
    while (out.length < expected && Date.now() < deadline) {
      const batch = await new Promise<Array<{ key?: Buffer | string | null; value: Buffer | null }>>((resolve, reject) =>
        consumer.consume(1000, (err, msgs) => (err ? reject(err) : resolve(msgs as never))),
      );
      for (const m of batch) out.push({ key: m.key === undefined || m.key === null ? null : m.key.toString(), value: m.value! });
    }
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
  return out;
}

describe('simple-kafka load: Avro and exactly-once (embedded cluster)', () => {
  it('CSV with a header to Avro: --schema registered on the fly, types converted, misfits dead-lettered naming the field', async () => {
    const t = topic('load-avro-csv');
    const avsc = path.join(dir, 'user.avsc');
    fs.writeFileSync(avsc, SCHEMA);
    const input = path.join(dir, 'users.csv');
    fs.writeFileSync(input, 'id;name;age;vip\n1;ann;31;true\n2;bob;;false\nthree;cat;3;false\n4;dee;x;true\n5;"e;f";50;0\n');
    const dead = path.join(dir, 'users.dead');
    const s = await runLoad({
      inputs: [input],
      topic: t,
      header: true,
      serialization: 'avro',
      avro: { registry: { url }, schemaFile: avsc },
      deadLetter: dead,
      workers: 1,
      kafka: { 'bootstrap.servers': cluster.bootstrapServers },
      progress: 'none',
      stderr: quiet,
    });
    expect(s).toMatchObject({ ok: true, read: 5, acknowledged: 3, deadLettered: 2 });
    const got = (await readAvro(t, 3)).sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
    expect(got).toEqual([
      { key: '1', value: { id: 1, name: 'ann', age: 31, vip: true } },
      { key: '2', value: { id: 2, name: 'bob', age: null, vip: false } },
      { key: '5', value: { id: 5, name: 'e;f', age: 50, vip: false } },
    ]);
    const letters = fs.readFileSync(dead, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string });
    expect(letters).toEqual([
      expect.objectContaining({ line: 4, reason: 'field `id`: expected long, got "three"' }),
      expect.objectContaining({ line: 5, reason: 'field `age`: expected int, got "x"' }),
    ]);
    expect((await new SchemaRegistryClient({ url }).getLatestVersion(`${t}-value`)).schema).toContain('com.example');
  });

  it('JSON Lines to Avro with the subject latest version; a record the schema refuses is a dead letter', async () => {
    const t = topic('load-avro-jsonl');
    const registry = new SchemaRegistryClient({ url });
    await registry.registerSchema(`${t}-value`, { schema: SCHEMA });
    const input = path.join(dir, 'users.jsonl');
    fs.writeFileSync(input, ['{"id": 1, "name": "ann", "age": 3, "vip": true}', '{"id": 2, "name": 7, "age": null, "vip": false}', '{"id": 3, "name": "cy", "age": null, "vip": false}'].join('\n'));
    const dead = path.join(dir, 'jsonl-avro.dead');
    const s = await runLoad({
      inputs: [input],
      topic: t,
      format: 'jsonl',
      keyField: 'id',
      serialization: 'avro',
      avro: { registry },
      deadLetter: dead,
      kafka: { 'bootstrap.servers': cluster.bootstrapServers },
      progress: 'none',
      stderr: quiet,
    });
    expect(s).toMatchObject({ ok: true, read: 3, acknowledged: 2, deadLettered: 1 });
    const got = (await readAvro(t, 2)).sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
    expect(got.map((g) => g.value)).toEqual([
      { id: 1, name: 'ann', age: 3, vip: true },
      { id: 3, name: 'cy', age: null, vip: false },
    ]);
    const letter = JSON.parse(fs.readFileSync(dead, 'utf8')) as { line: number; reason: string };
    expect(letter.line).toBe(2);
    expect(letter.reason).toMatch(/name/);
  });

  it('--schema-version picks that version of the subject (its id is in every message)', async () => {
    const t = topic('load-avro-version');
    const registry = new SchemaRegistryClient({ url });
    const v1 = await registry.registerSchema(`${t}-value`, { schema: SCHEMA });
    const v2Schema = JSON.parse(SCHEMA) as { fields: unknown[] };
    v2Schema.fields.push({ name: 'note', type: 'string', default: '' });
    const v2 = await registry.registerSchema(`${t}-value`, { schema: JSON.stringify(v2Schema) });
    expect(v2).not.toBe(v1);
    const input = path.join(dir, 'v.jsonl');
    fs.writeFileSync(input, '{"id": 7, "name": "gus", "age": null, "vip": true}\n');
    const s = await runLoad({
      inputs: [input],
      topic: t,
      format: 'jsonl',
      serialization: 'avro',
      avro: { registry, version: 1 },
      kafka: { 'bootstrap.servers': cluster.bootstrapServers },
      progress: 'none',
      stderr: quiet,
    });
    expect(s).toMatchObject({ ok: true, acknowledged: 1 });
    const [msg] = await consumeAllRaw(t, 1);
    expect(msg.value.readUInt32BE(1)).toBe(v1);
    expect((await readAvro(t, 1))[0].value).toEqual({ id: 7, name: 'gus', age: null, vip: true });
  });

  it('exactly-once: a transaction per chunk, read_committed sees every record once, and the committed position matches the checkpoint', async () => {
    const t = topic('load-eo', 1);
    const lines = Array.from({ length: 5000 }, (_, i) => `k${i % 10};v${i}`);
    const input = path.join(dir, 'eo.csv');
    fs.writeFileSync(input, lines.join('\n') + '\n');
    const cp = path.join(dir, 'eo.checkpoint');
    const s = await runLoad({
      inputs: [input],
      topic: t,
      exactlyOnce: true,
      checkpoint: cp,
      chunkBytes: 8192,
      kafka: { 'bootstrap.servers': cluster.bootstrapServers },
      progress: 'none',
      stderr: quiet,
    });
    expect(s).toMatchObject({ ok: true, read: 5000, acknowledged: 5000 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 5000, partitions: 1, isolation: 'read_committed' });
    expect(got.map((m) => `${m.key};${m.value}`).sort()).toEqual([...lines].sort());
    expect(readCheckpoint(cp)!.inputs[0]).toMatchObject({ done: true, line: 5000, offset: fs.statSync(input).size });
    // Resuming a finished exactly-once load sends nothing more.
    const again = await runLoad({ inputs: [input], topic: t, exactlyOnce: true, checkpoint: cp, resume: true, kafka: { 'bootstrap.servers': cluster.bootstrapServers }, progress: 'none', stderr: quiet });
    expect(again).toMatchObject({ ok: true, read: 0 });
  });
});
