/**
 * Avro end to end on the real 3-node cluster: a Producer with `value.serializer`
 * (AvroSerializer) and a Consumer with `value.deserializer` (AvroDeserializer),
 * both talking over HTTP to our own registry server started in-process on an
 * in-memory log — the SerializingProducer / DeserializingConsumer pattern of
 * confluent-kafka-python, with logical types and unions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeKafka, uniqueName, type KafkaCluster } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';
import { Consumer, OFFSET_BEGINNING, type Message } from '../../../src/consumer';
import { Producer } from '../../../src/producer';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { StringDeserializer, StringSerializer } from '../../../src/serde/primitives';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { SerializationError } from '../../../src/errors';

jest.setTimeout(120_000);

const EVENT = readFileSync(join(__dirname, '../../fixtures/avro/event.avsc'), 'utf8');
const COUNT = 200;
const PARTITIONS = 3;

/** Every logical type of the fixture, both branches of both unions. */
function event(i: number): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    atMicros: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i)),
    day: new Date(Date.UTC(2024, 0, 1 + i)),
    timeMillis: '12:00:00.000',
    timeMicros: '00:00:00.000001',
    amount: `${i}.50`,
    price: `-${i}.0001`,
    kind: ['CLICK', 'VIEW', 'BUY'][i % 3],
    hash: Buffer.from([i & 0xff, (i >> 8) & 0xff, 1, 2]),
    source: { host: `h${i}`, port: 8000 + i },
    parent: i % 2 ? null : { host: `p${i}`, port: i },
    counter: 2n ** 60n + BigInt(i),
    expiresAt: i % 2 ? new Date(i * 1000) : null,
  };
}

/** Drop class identity of plain records (Avro record instances) but keep Dates and Buffers. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Date || Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
}

async function readN<K, V>(c: Consumer<K, V>, count: number): Promise<Message<K, V>[]> {
  const out: Message<K, V>[] = [];
  const deadline = Date.now() + 60_000;
  while (out.length < count && Date.now() < deadline) {
    for (const m of await c.consume(count - out.length, 500)) if (!m.eof) out.push(m);
  }
  return out;
}

describeKafka('Avro serde end to end (real cluster, registry server)', (cluster: KafkaCluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  const topics: string[] = [];
  let server: RegistryServer;

  beforeAll(async () => {
    server = await startRegistryServer({ port: 0, host: '127.0.0.1', logger: () => undefined });
    await server.ready;
  });
  afterAll(async () => {
    await server?.close();
    await deleteTopics(cluster, topics);
  });

  test(`${COUNT} Avro records produced with value.serializer are consumed back equal with value.deserializer`, async () => {
    const topic = uniqueName('serde-avro-');
    await createTopic(cluster, topic, PARTITIONS, 3);
    topics.push(topic);
    const producerRegistry = new SchemaRegistryClient({ url: server.url });
    // The consumer side has its own client (its own caches): the schema comes over HTTP by id.
    const consumerRegistry = new SchemaRegistryClient({ url: server.url });
    const producer = new Producer<string, Record<string, unknown>>({
      'bootstrap.servers': bootstrap,
      acks: 'all',
      'linger.ms': 5,
      'key.serializer': new StringSerializer(),
      'value.serializer': new AvroSerializer(producerRegistry, EVENT),
    });
    const consumer = new Consumer<string, unknown>({
      'bootstrap.servers': bootstrap,
      'group.id': uniqueName('serde-g-'),
      'key.deserializer': new StringDeserializer(),
      'value.deserializer': new AvroDeserializer(consumerRegistry),
    });
    try {
      await producer.connect();
      const sent = Array.from({ length: COUNT }, (_, i) => event(i));
      await Promise.all(sent.map((value, i) => producer.send({ topic, key: `k${i}`, value })));

      // A value that does not fit the schema is refused before it is sent.
      const bad = await producer.send({ topic, key: 'bad', value: { ...event(0), kind: 'NOPE' } }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(SerializationError);
      expect(bad).toMatchObject({ field: 'value', topic });
      await producer.flush(20_000);

      // Registered once, under the topic-name strategy, on the server.
      expect(await producerRegistry.getSubjects()).toContain(`${topic}-value`);
      expect(await producerRegistry.getVersions(`${topic}-value`)).toEqual([1]);

      await consumer.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition, offset: OFFSET_BEGINNING })));
      const got = await readN(consumer, COUNT);
      expect(got.filter((m) => m.error !== null).map((m) => m.error)).toEqual([]);
      expect(got).toHaveLength(COUNT);
      expect(got.some((m) => m.key === 'bad')).toBe(false);
      const byKey = new Map(got.map((m) => [m.key, plain(m.value)]));
      expect(sent.map((_, i) => byKey.get(`k${i}`))).toEqual(sent);
      // Natural JS values for the logical types and union branches, not raw longs/bytes.
      const first = byKey.get('k1') as Record<string, unknown>;
      expect(first.at).toBeInstanceOf(Date);
      expect(first.day).toBeInstanceOf(Date);
      expect(typeof first.amount).toBe('string');
      expect(typeof first.counter).toBe('bigint');
      expect(first.parent).toBeNull();
      expect(first.expiresAt).toEqual(new Date(1000));
      expect((byKey.get('k0') as Record<string, unknown>).parent).toEqual({ host: 'p0', port: 0 });
    } finally {
      await producer.close();
      await consumer.close();
      producerRegistry.close();
      consumerRegistry.close();
    }
  });
});
