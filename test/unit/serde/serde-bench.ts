/**
 * Serde micro-benchmark (not a jest test): ours vs raw avsc on a realistic
 * 15-field record (nested record, array of records, unions, logical types),
 * warm caches. Meant to be folded into `npm run bench` by its owner.
 *
 *   npx tsc --outDir /tmp/skb --strict --module commonjs --target es2022 --esModuleInterop --skipLibCheck --types node test/unit/serde/serde-bench.ts
 *   N=300000 NODE_PATH=$PWD/node_modules node /tmp/skb/test/unit/serde/serde-bench.js
 */
import { AvroSerializer, AvroDeserializer } from '../../../src/serde/avro';
import { parseAvroType } from '../../../src/serde/avro-types';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { SchemaRegistryClient } from '../../../src/registry/client';

const schema = {
  type: 'record', name: 'Order', namespace: 'bench', fields: [
    { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'customerId', type: 'long' },
    { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'currency', type: 'string' },
    { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }, { name: 'price', type: 'double' }] } } },
    { name: 'shipping', type: { type: 'record', name: 'Address', fields: [{ name: 'street', type: 'string' }, { name: 'city', type: 'string' }, { name: 'zip', type: 'string' }, { name: 'country', type: 'string' }] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'priority', type: 'int' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'paid', type: 'boolean' },
    { name: 'discount', type: ['null', 'double'], default: null },
    { name: 'updatedAt', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }], default: null },
    { name: 'channel', type: 'string' },
  ],
};
const value = {
  orderId: '123e4567-e89b-12d3-a456-426614174000', customerId: 987654321, createdAt: new Date(1700000000000), status: 'PAID', total: '1234.56',
  currency: 'EUR', items: [{ sku: 'A-1', qty: 2, price: 9.99 }, { sku: 'B-22', qty: 1, price: 1214.58 }], shipping: { street: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' },
  note: 'leave at door', priority: 3, tags: ['gift', 'express'], paid: true, discount: null, updatedAt: new Date(1700000001000), channel: 'web',
};

async function main(): Promise<void> {
  const client = new SchemaRegistryClient({ url: 'mock://bench' });
  const ser = new AvroSerializer(client, schema);
  const de = new AvroDeserializer(client);
  const ctx = new SerializationContext('orders', MessageField.VALUE);
  const framed = (await ser.serialize(value, ctx)) as Buffer;
  await de.deserialize(framed, ctx);
  const type = parseAvroType(schema);
  const header = Buffer.from([0, 0, 0, 0, 1]);
  const N = Number(process.env.N ?? 300000);
  const time = async (name: string, fn: () => unknown | Promise<unknown>, isAsync: boolean): Promise<number> => {
    for (let i = 0; i < 20000; i++) {
      if (isAsync) await fn();
      else fn();
    }
    const t0 = process.hrtime.bigint();
    if (isAsync) for (let i = 0; i < N; i++) await fn();
    else for (let i = 0; i < N; i++) fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const rate = N / s;
    console.log(`${name.padEnd(44)} ${(rate / 1000).toFixed(0).padStart(6)} k ops/s  ${((s / N) * 1e6).toFixed(2)} µs/op`);
    return rate;
  };
  for (let round = 0; round < 2; round++) {
    const oursSer = await time('ours AvroSerializer.serialize (await)', () => ser.serialize(value, ctx), true);
    const rawSer = await time('raw avsc toBuffer + header (Buffer.concat)', () => Buffer.concat([header, type.toBuffer(value)]), false);
    const oursDe = await time('ours AvroDeserializer.deserialize (await)', () => de.deserialize(framed, ctx), true);
    const rawDe = await time('raw avsc fromBuffer(payload)', () => type.fromBuffer(framed.subarray(5)), false);
    console.log(`ratios: serialize ${(oursSer / rawSer).toFixed(2)}x raw, deserialize ${(oursDe / rawDe).toFixed(2)}x raw\n`);
  }
  client.close();
}
void main();
