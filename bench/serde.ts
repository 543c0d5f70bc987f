/**
 * Serde micro-benchmark: Confluent-framed Avro serialize / deserialize of a
 * realistic 15-field record (nested record, array of records, unions, logical
 * types), warm caches, three ways:
 *
 *  - ours: `AvroSerializer.serialize` / `AvroDeserializer.deserialize` (awaited);
 *  - raw avsc: `Type.forSchema` (same logical types) `toBuffer` + 5-byte header
 *    (`Buffer.concat`), and `fromBuffer(buf.subarray(5))` after reading the id;
 *  - @kafkajs/confluent-schema-registry: `encode(id, payload)` / `decode(buf)` (awaited),
 *    given the same logical types so it takes and returns the same JS values.
 *
 * Ours and @kafkajs/confluent-schema-registry use the same registry — our server,
 * started in-process on an in-memory log (`startRegistryServer({ port: 0 })`) — and so
 * the same schema id; each one's cache is warmed before timing, so no HTTP happens
 * while timing. Trials are interleaved (each case once per trial, 3 trials), best
 * trial per case reported.
 *
 *   npm run build && npx tsc -p bench/tsconfig.json && node .cache/bench/bench/serde.js [--ops=200000] [--trials=3]
 *
 * Prints a Markdown table and writes `.cache/bench/serde.md` and `.cache/bench/serde.json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import type * as AvroModule from '../src/serde/avro';
import type * as AvroTypesModule from '../src/serde/avro-types';
import type * as ContextModule from '../src/serde/context';
import type * as ClientModule from '../src/registry/client';
import type * as ServerModule from '../src/registry-server';
import type * as Avsc from 'avsc';

const ROOT = fs.existsSync(path.join(__dirname, '..', 'package.json')) ? path.resolve(__dirname, '..') : path.resolve(__dirname, '..', '..', '..');
const dist = <T>(p: string): T => require(path.join(ROOT, 'dist', p)) as T; // eslint-disable-line @typescript-eslint/no-require-imports

const { AvroSerializer, AvroDeserializer } = dist<typeof AvroModule>('serde/avro');
const { DEFAULT_LOGICAL_TYPES } = dist<typeof AvroTypesModule>('serde/avro-types');
const { MessageField, SerializationContext } = dist<typeof ContextModule>('serde/context');
const { SchemaRegistryClient } = dist<typeof ClientModule>('registry/client');
const { startRegistryServer } = dist<typeof ServerModule>('registry-server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const avro = require('avsc') as typeof Avsc;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsRegistry = require('@kafkajs/confluent-schema-registry') as typeof import('@kafkajs/confluent-schema-registry');

function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** 15 top-level fields: uuid, timestamps (millis, micros in a union), decimal, enum, nested records, array of records, unions. */
export const SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'bench',
  fields: [
    { name: 'orderId', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'customerId', type: 'long' },
    { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
    { name: 'currency', type: 'string' },
    {
      name: 'items',
      type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }, { name: 'price', type: 'double' }] } },
    },
    {
      name: 'shipping',
      type: { type: 'record', name: 'Address', fields: [{ name: 'street', type: 'string' }, { name: 'city', type: 'string' }, { name: 'zip', type: 'string' }, { name: 'country', type: 'string' }] },
    },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'priority', type: 'int' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'paid', type: 'boolean' },
    { name: 'discount', type: ['null', 'double'], default: null },
    { name: 'updatedAt', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }], default: null },
    { name: 'channel', type: 'string' },
  ],
};

export const VALUE = {
  orderId: '123e4567-e89b-12d3-a456-426614174000',
  customerId: 987654321,
  createdAt: new Date(1700000000000),
  status: 'PAID',
  total: '1234.56',
  currency: 'EUR',
  items: [
    { sku: 'A-1', qty: 2, price: 9.99 },
    { sku: 'B-22', qty: 1, price: 1214.58 },
  ],
  shipping: { street: '1 Main St', city: 'Springfield', zip: '12345', country: 'US' },
  note: 'leave at door',
  priority: 3,
  tags: ['gift', 'express'],
  paid: true,
  discount: null,
  updatedAt: new Date(1700000001000),
  channel: 'web',
};

interface Case {
  name: string;
  op: 'serialize' | 'deserialize';
  peer: 'ours' | 'avsc' | 'kafkajs';
  fn: () => unknown;
  async: boolean;
}

async function runFor(c: Case, ops: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  if (c.async) for (let i = 0; i < ops; i++) await c.fn();
  else for (let i = 0; i < ops; i++) c.fn();
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return ops / s;
}

/** Values as plain data, for comparing decoded records across implementations. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date || Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
}

async function main(): Promise<void> {
  const ops = Number(arg('ops', '200000'));
  const trials = Number(arg('trials', '3'));
  const server = await startRegistryServer({ port: 0, host: '127.0.0.1' });
  await server.ready;
  const topic = 'orders';
  const ctx = new SerializationContext(topic, MessageField.VALUE);
  const client = new SchemaRegistryClient({ url: server.url });
  try {
    // Ours: registers under orders-value, then everything is cached.
    const ser = new AvroSerializer(client, SCHEMA);
    const de = new AvroDeserializer(new SchemaRegistryClient({ url: server.url }));
    const framed = (await ser.serialize(VALUE, ctx)) as Buffer;
    const id = framed.readUInt32BE(1);
    await de.deserialize(framed, ctx);

    // @kafkajs/confluent-schema-registry on the same server and id, same logical types.
    const avroOptions = { logicalTypes: DEFAULT_LOGICAL_TYPES as unknown as Record<string, typeof Avsc.types.LogicalType>, wrapUnions: 'auto' as const };
    const kjs = new kafkajsRegistry.SchemaRegistry({ host: server.url }, { [kafkajsRegistry.SchemaType.AVRO]: avroOptions });
    assert.equal(await kjs.getLatestSchemaId(`${topic}-value`), id, 'both clients see the same schema id');
    const kjsFramed = await kjs.encode(id, VALUE); // warms its cache (one GET /schemas/ids/{id})

    // Raw avsc: the same schema and logical types, avsc's own long.
    const type = avro.Type.forSchema(SCHEMA as Avsc.Schema, avroOptions as unknown as Parameters<typeof Avsc.Type.forSchema>[1]);
    const header = Buffer.from([0, 0, 0, 0, 0]);
    header.writeUInt32BE(id, 1);
    const rawFramed = Buffer.concat([header, type.toBuffer(VALUE)]);

    // All three write the same bytes and read back the same record.
    assert.deepEqual(kjsFramed, framed, 'kafkajs-registry bytes equal ours');
    assert.deepEqual(rawFramed, framed, 'raw avsc bytes equal ours');
    const expected = plain(VALUE);
    assert.deepEqual(plain(await de.deserialize(framed, ctx)), expected);
    assert.deepEqual(plain(await kjs.decode(framed)), expected);
    assert.deepEqual(plain(type.fromBuffer(framed.subarray(5))), expected);

    const cases: Case[] = [
      { name: 'ours AvroSerializer.serialize (await)', op: 'serialize', peer: 'ours', fn: () => ser.serialize(VALUE, ctx), async: true },
      { name: 'raw avsc toBuffer + 5-byte header', op: 'serialize', peer: 'avsc', fn: () => Buffer.concat([header, type.toBuffer(VALUE)]), async: false },
      { name: '@kafkajs/confluent-schema-registry encode (await)', op: 'serialize', peer: 'kafkajs', fn: () => kjs.encode(id, VALUE), async: true },
      { name: 'ours AvroDeserializer.deserialize (await)', op: 'deserialize', peer: 'ours', fn: () => de.deserialize(framed, ctx), async: true },
      {
        name: 'raw avsc read id + fromBuffer(subarray(5))',
        op: 'deserialize',
        peer: 'avsc',
        fn: () => (framed.readUInt32BE(1) === id ? type.fromBuffer(framed.subarray(5)) : null),
        async: false,
      },
      { name: '@kafkajs/confluent-schema-registry decode (await)', op: 'deserialize', peer: 'kafkajs', fn: () => kjs.decode(framed), async: true },
    ];

    // Warm-up (JIT) for every case, then interleaved trials.
    for (const c of cases) await runFor(c, Math.min(ops, 50_000));
    const best = new Map<Case, number>();
    const all = new Map<Case, number[]>();
    for (let t = 0; t < trials; t++) {
      for (const c of cases) {
        const rate = await runFor(c, ops);
        all.set(c, [...(all.get(c) ?? []), rate]);
        best.set(c, Math.max(best.get(c) ?? 0, rate));
      }
      process.stderr.write(`trial ${t + 1}/${trials} done\n`);
    }

    const rate = (op: Case['op'], peer: Case['peer']): number => best.get(cases.find((c) => c.op === op && c.peer === peer)!)!;
    const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
    const lines = [
      `| operation | implementation | ops/s (best of ${trials}) | µs/op | trials ops/s |`,
      '| --- | --- | ---: | ---: | --- |',
      ...cases.map((c) => `| ${c.op} | ${c.name} | ${fmt(best.get(c)!)} | ${(1e6 / best.get(c)!).toFixed(2)} | ${all.get(c)!.map(fmt).join(' / ')} |`),
      '',
      '| operation | ours / raw avsc (target ≥ 0.9) | ours / @kafkajs/confluent-schema-registry (target ≥ 1.5) |',
      '| --- | ---: | ---: |',
      ...(['serialize', 'deserialize'] as const).map((op) => {
        const a = rate(op, 'ours') / rate(op, 'avsc');
        const k = rate(op, 'ours') / rate(op, 'kafkajs');
        return `| ${op} | ${a.toFixed(2)} ${a >= 0.9 ? '(met)' : '(not met)'} | ${k.toFixed(2)} ${k >= 1.5 ? '(met)' : '(not met)'} |`;
      }),
    ];
    const md = `Record: 15 fields (${framed.length - 5}-byte Avro body), ${ops.toLocaleString('en-US')} ops per trial, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n\n${lines.join('\n')}\n`;
    process.stdout.write(md);
    const outDir = path.join(ROOT, '.cache', 'bench');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'serde.md'), md);
    fs.writeFileSync(
      path.join(outDir, 'serde.json'),
      JSON.stringify({ ops, trials, node: process.version, rows: cases.map((c) => ({ op: c.op, peer: c.peer, name: c.name, best: best.get(c), trials: all.get(c) })) }, null, 2),
    );
  } finally {
    client.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
