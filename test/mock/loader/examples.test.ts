/**
 * examples/csv-loader.ts and examples/avro-loader.ts run against the
 * embedded cluster (and a mock:// registry); what they load is consumed back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { loadCsv } from '../../../examples/csv-loader';
import { loadAvro } from '../../../examples/avro-loader';
import { MockCluster } from '../../../src/testing/mock-cluster';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { MockSchemaRegistry } from '../../../src/registry/mock';
import { AvroDeserializer } from '../../../src/serde/avro';
import { Consumer, OFFSET_BEGINNING } from '../../../src/consumer';
import { consumeAll, uniqueTopic } from '../producer/consume';

let cluster: MockCluster;
let dir: string;
const scope = `examples-${process.pid}`;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-examples-'));
});
afterAll(async () => {
  await cluster.stop();
  MockSchemaRegistry.deleteScope(scope);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loader examples', () => {
  it('csv-loader: every key;value line acknowledged and consumed back; a line without ; reported by file and line', async () => {
    const topic = uniqueTopic('ex-csv');
    cluster.createTopic(topic, 2);
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    fs.writeFileSync(a, Array.from({ length: 500 }, (_, i) => `k${i};v;${i}`).join('\n') + '\n');
    fs.writeFileSync(b, 'x;1\r\nno separator\r\ny;2\r\n');
    const log: string[] = [];
    const r = await loadCsv(cluster.bootstrapServers, topic, [a, b], (l) => log.push(l));
    expect(r).toEqual({ sent: 502, acknowledged: 502, failures: [`${b}:2: no ';' between key and value`] });
    expect(log[0]).toBe('sent 502, acknowledged 502, failed 1');
    const got = await consumeAll(cluster.bootstrapServers, topic, { expected: 502, partitions: 2 });
    expect(got.map((m) => `${m.key}=${m.value}`).sort()).toEqual([...Array.from({ length: 500 }, (_, i) => `k${i}=v;${i}`), 'x=1', 'y=2'].sort());
  });

  it('avro-loader: rows serialized with the latest registered schema by a pool of workers, decoded back equal; misfits reported by line', async () => {
    const topic = uniqueTopic('ex-avro');
    cluster.createTopic(topic, 2);
    const url = `mock://${scope}`;
    const registry = new SchemaRegistryClient({ url });
    const schema = { type: 'record', name: 'Customer', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'score', type: 'double' }] };
    await registry.registerSchema(`${topic}-value`, { schema: JSON.stringify(schema) });
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, name: `c${i}`, score: i / 2 }));
    const lines = rows.map((r) => JSON.stringify(r));
    lines.splice(100, 0, '{"id": "not a number", "name": "x", "score": 1}');
    const file = path.join(dir, 'rows.jsonl');
    fs.writeFileSync(file, lines.join('\n') + '\n');

    const r = await loadAvro({ bootstrapServers: cluster.bootstrapServers, registryUrl: url, topic, file, keyField: 'id', workers: 4 }, () => undefined);
    expect(r.acknowledged).toBe(300);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatch(/^line 101: does not fit the schema: .*id/);

    const consumer = new Consumer<Buffer, Record<string, unknown>>({
      'bootstrap.servers': cluster.bootstrapServers,
      'group.id': `${topic}-reader`,
      'value.deserializer': new AvroDeserializer(registry),
    });
    const got: Array<Record<string, unknown>> = [];
    try {
      await consumer.connect();
      await consumer.assign([0, 1].map((partition) => ({ topic, partition, offset: OFFSET_BEGINNING })));
      const deadline = Date.now() + 30_000;
      while (got.length < 300 && Date.now() < deadline) for (const m of await consumer.consume(500, 500)) got.push(m.value!);
    } finally {
      await consumer.close();
    }
    expect(got.sort((x, y) => (x.id as number) - (y.id as number))).toEqual(rows);
  });
});
