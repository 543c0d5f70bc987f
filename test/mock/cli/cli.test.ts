/**
 * The command line against the embedded cluster: what `produce` sends, `consume` prints back
 * (keys, headers, start positions, Avro through a registry), `topics` shows, `groups lag`
 * counts, and `schema` answers through a registry. Each test spawns the built CLI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Producer } from '../../../src/producer';
import { SchemaRegistryClient } from '../../../src/registry/client';
import { AvroSerializer } from '../../../src/serde/avro';
import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { MockCluster } from '../../../src/testing';
import { jsonLines, runCli } from './run-cli';

interface JsonMessage {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: unknown;
  headers: { key: string; value: string }[];
  error?: string;
}

let cluster: MockCluster;
let bootstrap: string;
let topicSeq = 0;
const newTopic = (partitions = 3): string => {
  const name = `cli-${process.pid}-${++topicSeq}`;
  cluster.createTopic(name, partitions);
  return name;
};

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 3 });
  bootstrap = cluster.bootstrapServers;
});
afterAll(async () => {
  await cluster.stop();
});

describe('simple-kafka produce / consume', () => {
  it('produces key;value lines with headers and consumes them back as JSON with keys and headers', async () => {
    const topic = newTopic(3);
    const lines = Array.from({ length: 50 }, (_, i) => `customer-${i % 7};order ${i}`);
    const produced = await runCli(['produce', topic, '--key-separator', ';', '-H', 'source=cli', '-H', 'trace=t-1', '--bootstrap', bootstrap, '--json'], { input: `${lines.join('\n')}\n` });
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const summary = JSON.parse(produced.stdout) as { produced: number; failed: number; partitions: Record<string, { count: number }> };
    expect(summary.produced).toBe(50);
    expect(summary.failed).toBe(0);
    expect(Object.values(summary.partitions).reduce((n, p) => n + p.count, 0)).toBe(50);

    const consumed = await runCli(['consume', topic, '--limit', '50', '--format', 'json', '--bootstrap', bootstrap]);
    expect(consumed.code).toBe(0);
    const messages = jsonLines<JsonMessage>(consumed.stdout);
    expect(messages).toHaveLength(50);
    expect(messages.map((m) => `${m.key};${m.value as string}`).sort()).toEqual([...lines].sort());
    for (const m of messages) {
      expect(m.topic).toBe(topic);
      expect(m.headers).toEqual([
        { key: 'source', value: 'cli' },
        { key: 'trace', value: 't-1' },
      ]);
    }
    // The same key always went to the same partition.
    const partitionOf = new Map<string, Set<number>>();
    for (const m of messages) partitionOf.set(m.key as string, (partitionOf.get(m.key as string) ?? new Set()).add(m.partition));
    for (const parts of partitionOf.values()) expect(parts.size).toBe(1);
    expect(consumed.stderr).toContain('consumed 50 messages');
  });

  it('reads connection settings from SK_BOOTSTRAP_SERVERS and from an SK_CONFIG properties file', async () => {
    const topic = newTopic(1);
    const viaEnv = await runCli(['produce', topic], { input: 'a\nb\nc\n', env: { SK_BOOTSTRAP_SERVERS: bootstrap } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stderr).toContain(`produced 3 messages to ${topic}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-'));
    try {
      const props = path.join(dir, 'client.properties');
      fs.writeFileSync(props, `bootstrap.servers=${bootstrap}\nclient.id=cli-test\n`);
      const viaFile = await runCli(['consume', topic, '--limit', '3'], { env: { SK_CONFIG: props } });
      expect(viaFile.code).toBe(0);
      // text format: topic/partition@offset, key, value
      expect(viaFile.stdout.trim().split('\n')).toEqual([`${topic}/0@0\t(null)\ta`, `${topic}/0@1\t(null)\tb`, `${topic}/0@2\t(null)\tc`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops at a line without the key separator, naming the line, after sending the lines before it', async () => {
    const topic = newTopic(1);
    const result = await runCli(['produce', topic, '-k', ':', '-b', bootstrap], { input: 'k1:v1\nk2:v2\nno separator here\nk4:v4\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('produced 2 messages');
    expect(result.stderr).toContain('simple-kafka: line 3 has no key separator ":"');
    const back = await runCli(['consume', topic, '--exit-at-end', '--json', '-b', bootstrap]);
    expect(jsonLines<JsonMessage>(back.stdout).map((m) => m.value)).toEqual(['v1', 'v2']);
  });

  it('starts at --from offset:N and latest, and --exit-at-end stops at the end of every partition', async () => {
    // (timestamp: needs ListOffsets by time, which the embedded cluster lacks: the kafka tier tests it.)
    const topic = newTopic(2);
    const first = await runCli(['produce', topic, '-p', '1', '-b', bootstrap], { input: Array.from({ length: 10 }, (_, i) => `m${i}`).join('\n') });
    expect(first.code).toBe(0);
    const fromOffset = await runCli(['consume', topic, '--from', 'offset:7', '--exit-at-end', '--json', '-b', bootstrap]);
    expect(fromOffset.code).toBe(0);
    expect(jsonLines<JsonMessage>(fromOffset.stdout).map((m) => [m.partition, m.offset, m.value])).toEqual([
      [1, 7, 'm7'],
      [1, 8, 'm8'],
      [1, 9, 'm9'],
    ]);
    const all = await runCli(['consume', topic, '--exit-at-end', '--json', '-b', bootstrap]);
    expect(jsonLines<JsonMessage>(all.stdout).map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    const latest = await runCli(['consume', topic, '--from', 'latest', '--exit-at-end', '-b', bootstrap]);
    expect(latest.code).toBe(0);
    expect(latest.stdout).toBe('');
    expect(latest.stderr).toContain('consumed 0 messages');
  });

  it('exits cleanly (code 0, consumer closed) on SIGINT while waiting for messages', async () => {
    const topic = newTopic(1);
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./run-cli');
    const child = spawn(process.execPath, [CLI, 'consume', topic, '-b', bootstrap, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    const producer = new Producer({ 'bootstrap.servers': bootstrap });
    try {
      // Keep sending until the consumer has printed one: then it is surely in its poll loop.
      const deadline = Date.now() + 45_000;
      while (!out.includes('"value":"hello"') && Date.now() < deadline) {
        await producer.send({ topic, value: 'hello' });
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await producer.close();
    }
    expect(out).toContain('"value":"hello"');
    child.kill('SIGINT');
    const [code, signal] = await exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(err).toMatch(/consumed \d+ messages? from .* \(interrupted\)/);
  });
});

describe('simple-kafka groups lag', () => {
  it('shows committed offset, high watermark and lag per partition after a group consumed part of a topic', async () => {
    const topic = newTopic(2);
    const group = `cli-group-${process.pid}`;
    // The embedded cluster forgets a closed member only at its session timeout: keep it short.
    const session = ['-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=500'];
    // 6 messages to partition 0, 4 to partition 1.
    const p0 = await runCli(['produce', topic, '-p', '0', '-b', bootstrap], { input: 'a\nb\nc\nd\ne\nf\n' });
    const p1 = await runCli(['produce', topic, '-p', '1', '-b', bootstrap], { input: 'w\nx\ny\nz\n' });
    expect([p0.code, p1.code]).toEqual([0, 0]);
    const before = await runCli(['groups', 'lag', group, '-t', topic, '--json', '-b', bootstrap]);
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({
      group,
      totalLag: 10,
      partitions: [
        { topic, partition: 0, committed: null, latest: 6, lag: 6 },
        { topic, partition: 1, committed: null, latest: 4, lag: 4 },
      ],
    });
    // The group reads 7 of the 10 and commits them when it closes.
    const consumed = await runCli(['consume', topic, '--group', group, '--limit', '7', '--json', '-b', bootstrap, ...session]);
    expect(consumed.code).toBe(0);
    const read = jsonLines<JsonMessage>(consumed.stdout);
    expect(read).toHaveLength(7);
    const readPer = [0, 1].map((p) => read.filter((m) => m.partition === p).length);
    // (-t: the embedded cluster answers OffsetFetch only for named partitions; the kafka tier
    // checks finding the group's topics without it.)
    const after = await runCli(['groups', 'lag', group, '-t', topic, '--json', '-b', bootstrap]);
    expect(after.code).toBe(0);
    const lag = JSON.parse(after.stdout) as { totalLag: number; partitions: Array<{ partition: number; committed: number | null; latest: number; lag: number }> };
    expect(lag.totalLag).toBe(3);
    expect(lag.partitions.map((p) => [p.partition, p.committed ?? 0, p.latest, p.lag])).toEqual([
      [0, readPer[0], 6, 6 - readPer[0]],
      [1, readPer[1], 4, 4 - readPer[1]],
    ]);
    const text = await runCli(['groups', 'lag', group, '-t', topic, '-b', bootstrap]);
    expect(text.stdout).toContain(`group ${group}: total lag 3`);
    expect(text.stdout).toMatch(/TOPIC\s+PARTITION\s+COMMITTED\s+LATEST\s+LAG/);
    // A second run of the group resumes at the committed offsets: exactly the 3 left.
    const rest = await runCli(['consume', topic, '--group', group, '--limit', '3', '--json', '-b', bootstrap, ...session]);
    expect(jsonLines<JsonMessage>(rest.stdout).map((m) => `${m.partition}:${m.value as string}`).sort()).toEqual(
      ['0:a', '0:b', '0:c', '0:d', '0:e', '0:f', '1:w', '1:x', '1:y', '1:z'].filter((v) => !read.some((m) => `${m.partition}:${m.value as string}` === v)).sort(),
    );
  });
});

describe('simple-kafka topics on the embedded cluster', () => {
  it('lists topics; a missing topic is one error line', async () => {
    // (describe, create and delete are tested on the real cluster: the embedded one serves
    // neither DescribeTopics nor CreateTopics.)
    const topic = newTopic(4);
    const list = await runCli(['topics', 'list', '--json', '-b', bootstrap]);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toContain(topic);
    const text = await runCli(['topics', 'list', '-b', bootstrap]);
    expect(text.stdout.split('\n')).toContain(topic);
    const missing = await runCli(['consume', `no-such-${topic}`, '--limit', '1', '-b', bootstrap]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([`simple-kafka: ERR_KAFKA: topic no-such-${topic} does not exist (or is not visible to this principal)`]);
  });
});

describe('simple-kafka with a Schema Registry', () => {
  let registry: RegistryServer;
  beforeAll(async () => {
    registry = await startRegistryServer({ port: 0 });
  });
  afterAll(async () => {
    await registry.close();
  });

  const V1 = { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'long' }, { name: 'item', type: 'string' }] };
  const V2_OK = { ...V1, fields: [...V1.fields, { name: 'qty', type: 'int', default: 1 }] };
  const V2_BAD = { ...V1, fields: [...V1.fields, { name: 'qty', type: 'int' }] };

  it('consume --registry decodes Avro values to JSON', async () => {
    const topic = newTopic(1);
    const client = new SchemaRegistryClient({ url: registry.url });
    const producer = new Producer<string, unknown>({ 'bootstrap.servers': bootstrap, 'value.serializer': new AvroSerializer(client, JSON.stringify(V1)) });
    try {
      for (let i = 0; i < 3; i++) await producer.send({ topic, key: `k${i}`, value: { id: i, item: `thing ${i}` } });
    } finally {
      await producer.close();
      client.close();
    }
    const r = await runCli(['consume', topic, '--registry', registry.url, '--limit', '3', '--json', '-b', bootstrap]);
    expect(r.code).toBe(0);
    expect(jsonLines<JsonMessage>(r.stdout).map((m) => [m.key, m.value])).toEqual([
      ['k0', { id: 0, item: 'thing 0' }],
      ['k1', { id: 1, item: 'thing 1' }],
      ['k2', { id: 2, item: 'thing 2' }],
    ]);
    // Without the registry: the framed bytes as they are, magic byte 0 first.
    const raw = jsonLines<JsonMessage>((await runCli(['consume', topic, '--limit', '1', '--json', '-b', bootstrap])).stdout);
    expect(typeof raw[0].value).toBe('string');
    expect((raw[0].value as string).charCodeAt(0)).toBe(0);
    expect(raw[0].value).toContain('thing 0');
  });

  it('schema register, get, and compat through the registry give ids, schemas and verdicts with reasons', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-schema-'));
    const file = (name: string, s: object): string => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, JSON.stringify(s));
      return p;
    };
    try {
      const subject = `cli-orders-${process.pid}-value`;
      const reg = await runCli(['schema', 'register', subject, file('v1.avsc', V1), '--registry', registry.url, '--json']);
      expect(reg.code).toBe(0);
      const { id, version } = JSON.parse(reg.stdout) as { id: number; version: number };
      expect(version).toBe(1);
      const got = await runCli(['schema', 'get', subject, '--json'], { env: { SK_REGISTRY_URL: registry.url } });
      expect(got.code).toBe(0);
      expect(JSON.parse((JSON.parse(got.stdout) as { schema: string }).schema)).toEqual(V1);
      const byId = await runCli(['schema', 'get', '--id', String(id), '--registry', registry.url]);
      expect(JSON.parse(byId.stdout)).toEqual(V1);

      const ok = await runCli(['schema', 'compat', file('ok.avsc', V2_OK), '--subject', subject, '--registry', registry.url, '--json']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ compatible: true, reasons: [], checkedBy: 'registry' });
      const bad = await runCli(['schema', 'compat', file('bad.avsc', V2_BAD), '--subject', subject, '--registry', registry.url]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/^incompatible/);
      expect(bad.stdout).toContain('qty');
      const missing = await runCli(['schema', 'get', `nope-${subject}`, '--registry', registry.url]);
      expect(missing.code).toBe(1);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      expect(missing.stderr).toMatch(/not found/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
