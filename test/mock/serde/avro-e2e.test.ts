/**
 * End to end on the embedded cluster: a Producer with `value.serializer`
 * (AvroSerializer on a mock:// registry) and a Consumer with
 * `value.deserializer` (AvroDeserializer) — the SerializingProducer /
 * DeserializingConsumer pattern of confluent-kafka-python.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Consumer, OFFSET_BEGINNING, type Message } from '../../../src/consumer';
import { Producer } from '../../../src/producer';
import { MockCluster } from '../../../src/testing/mock-cluster';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { StringDeserializer, StringSerializer } from '../../../src/serde/primitives';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { DeserializationError, SerializationError } from '../../../src/errors';

const EVENT = readFileSync(join(__dirname, '../../fixtures/avro/event.avsc'), 'utf8');
const scope = `e2e-${process.pid}`;
let cluster: MockCluster;
let seq = 0;
const unique = (p: string): string => `${p}-${process.pid}-${Date.now().toString(36)}-${seq++}`;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
});
afterAll(async () => {
  await cluster.stop();
  MockSchemaRegistry.deleteScope(scope);
});

function event(i: number): Record<string, unknown> {
  return {
    id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    atMicros: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i)),
    day: new Date(Date.UTC(2024, 0, 1 + i)),
    timeMillis: '12:00:00.000',
    timeMicros: '00:00:00.000001',
    amount: `${i}.50`,
    price: `-${i}.0001`,
    kind: ['CLICK', 'VIEW', 'BUY'][i % 3],
    hash: Buffer.from([i, i, i, i]),
    source: { host: `h${i}`, port: 8000 + i },
    parent: i % 2 ? null : { host: 'p', port: 1 },
    counter: 2n ** 60n + BigInt(i),
    expiresAt: i % 2 ? new Date(i) : null,
  };
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Date || Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
}

async function readN<K, V>(c: Consumer<K, V>, count: number): Promise<Message<K, V>[]> {
  const out: Message<K, V>[] = [];
  for (let i = 0; i < 60 && out.length < count; i++) {
    for (const m of await c.consume(count - out.length, 500)) if (!m.eof) out.push(m);
  }
  return out;
}

test('Avro records produced with value.serializer are consumed back equal with value.deserializer', async () => {
  const topic = unique('avro-events');
  cluster.createTopic(topic, 1, 1);
  const registry = new SchemaRegistryClient({ url: `mock://${scope}` });
  const producer = new Producer<string, Record<string, unknown>>({
    'bootstrap.servers': cluster.bootstrapServers,
    'linger.ms': 2,
    'key.serializer': new StringSerializer(),
    'value.serializer': new AvroSerializer(registry, EVENT),
  });
  const consumer = new Consumer<string, unknown>({
    'bootstrap.servers': cluster.bootstrapServers,
    'group.id': unique('g'),
    'key.deserializer': new StringDeserializer(),
    'value.deserializer': new AvroDeserializer(new SchemaRegistryClient({ url: `mock://${scope}` })),
  });
  try {
    await producer.connect();
    const sent = Array.from({ length: 50 }, (_, i) => event(i));
    await Promise.all(sent.map((value, i) => producer.send({ topic, key: `k${i}`, value })));

    // A value that does not fit the schema is refused before it is sent.
    const bad = await producer.send({ topic, key: 'bad', value: { ...event(0), amount: 'lots' } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(SerializationError);
    expect(bad).toMatchObject({ field: 'value', topic });
    expect((bad as SerializationError).reason).toMatch(/field `amount`/);
    await producer.flush(10_000);

    await consumer.assign([{ topic, partition: 0, offset: OFFSET_BEGINNING }]);
    const got = await readN(consumer, 50);
    expect(got.map((m) => m.key)).toEqual(sent.map((_, i) => `k${i}`));
    expect(got.map((m) => m.error)).toEqual(sent.map(() => null));
    expect(got.map((m) => plain(m.value))).toEqual(sent);
    expect(await registry.getVersions(`${topic}-value`)).toEqual([1]);
  } finally {
    await producer.close();
    await consumer.close();
    registry.close();
  }
});

test('a corrupt message reaches the consumer as a DeserializationError with its partition and offset; the others decode', async () => {
  const topic = unique('avro-corrupt');
  cluster.createTopic(topic, 1, 1);
  const registry = new SchemaRegistryClient({ url: `mock://${scope}` });
  const serializer = new AvroSerializer(registry, EVENT);
  const raw = new Producer({ 'bootstrap.servers': cluster.bootstrapServers, 'linger.ms': 2 });
  const consumer = new Consumer<Buffer | null, unknown>({
    'bootstrap.servers': cluster.bootstrapServers,
    'group.id': unique('g'),
    'value.deserializer': new AvroDeserializer(registry),
  });
  try {
    await raw.connect();
    const ok = (await serializer.serialize(event(1), new SerializationContext(topic, MessageField.VALUE))) as Buffer;
    await raw.send({ topic, value: ok });
    await raw.send({ topic, value: Buffer.concat([ok, Buffer.from([0xff])]) });
    await raw.send({ topic, value: Buffer.from('{"json": true}') });
    await raw.send({ topic, value: ok });
    await consumer.assign([{ topic, partition: 0, offset: OFFSET_BEGINNING }]);
    const got = await readN(consumer, 4);
    expect(got.map((m) => m.error === null)).toEqual([true, false, false, true]);
    expect(got[1].error).toBeInstanceOf(DeserializationError);
    expect(got[1].error).toMatchObject({ topic, partition: 0, offset: 1, field: 'value', reason: expect.stringMatching(/trailing garbage: 1 byte/) });
    expect(got[2].error).toMatchObject({ offset: 2, reason: expect.stringMatching(/unknown magic byte 0x7b/) });
    expect(plain(got[3].value)).toEqual(event(1));
  } finally {
    await raw.close();
    await consumer.close();
    registry.close();
  }
});
