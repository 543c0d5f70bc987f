/**
 * The loader on the embedded cluster: CSV, JSON Lines and raw lines loaded
 * into a topic and consumed back (counts and contents), dead letters with
 * line numbers, workers, resume from a checkpoint, and the CLI entry point.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';

import { MockCluster } from '../../../src/testing/mock-cluster';
import { runLoad, type LoadOptions } from '../../../src/loader/loader';
import { readCheckpoint } from '../../../src/loader/checkpoint';
import { main } from '../../../src/cli/main';
import { nodeRdkafka } from '../../../src/native';
import { consumeAll, uniqueTopic, type Consumed } from '../producer/consume';

let cluster: MockCluster;
let dir: string;
const PARTITIONS = 3;

beforeAll(async () => {
  cluster = await MockCluster.start({ brokers: 1 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-'));
});
afterAll(async () => {
  await cluster.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function topic(prefix: string): string {
  const t = uniqueTopic(prefix);
  cluster.createTopic(t, PARTITIONS);
  return t;
}

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

/** Values of a topic as raw bytes (the shared helper decodes them as UTF-8). */
async function consumeAllRawValues(t: string, expected: number): Promise<Buffer[]> {
  const Kafka = nodeRdkafka();
  const consumer = new Kafka.KafkaConsumer({ 'bootstrap.servers': cluster.bootstrapServers, 'group.id': `raw-${t}`, 'enable.auto.commit': false } as never, { 'auto.offset.reset': 'earliest' });
  await new Promise<void>((resolve, reject) => consumer.connect({ timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  const out: Buffer[] = [];
  try {
    consumer.assign(Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: t, partition, offset: 0 })));
    const deadline = Date.now() + 20000;
    while (out.length < expected && Date.now() < deadline) {
      const batch = await new Promise<Array<{ value: Buffer | null }>>((resolve, reject) => consumer.consume(1000, (err, msgs) => (err ? reject(err) : resolve(msgs as never))));
      for (const m of batch) out.push(m.value!);
    }
  } finally {
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
  return out;
}

function load(options: Omit<LoadOptions, 'kafka'> & { kafka?: Record<string, unknown> }) {
  return runLoad({ progress: 'none', stderr: quiet, ...options, kafka: { 'bootstrap.servers': cluster.bootstrapServers, ...(options.kafka ?? {}) } });
}


/** Checks every key's values arrive in file order within its partition. */
function inKeyOrder(msgs: Consumed[]): boolean {
  const last = new Map<string, number>();
  for (const m of [...msgs].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    const n = Number(/(\d+)$/.exec(m.value ?? '')?.[1]);
    const prev = last.get(m.key ?? '') ?? -1;
    if (n <= prev) return false;
    last.set(m.key ?? '', n);
  }
  return true;
}

describe('simple-kafka load (embedded cluster)', () => {
  it('loads key;value CSV with quoting and consumes back exactly those records', async () => {
    const t = topic('load-csv');
    const rows = Array.from({ length: 5000 }, (_, i) => [`k${i % 50}`, `v;${i}`]);
    rows.push(['quoted "key"', 'multi\nline value 5000']);
    const text = rows.map(([k, v]) => `"${k.replace(/"/g, '""')}";"${v.replace(/"/g, '""')}"`).join('\r\n') + '\r\n';
    const summary = await load({ inputs: [file('kv.csv', text)], topic: t, chunkBytes: 4096 });
    expect(summary).toMatchObject({ ok: true, read: 5001, sent: 5001, acknowledged: 5001, deadLettered: 0, failed: 0 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 5001, partitions: PARTITIONS });
    expect(got.map((m) => [m.key, m.value]).sort()).toEqual(rows.sort());
    expect(inKeyOrder(got.filter((m) => m.key !== 'quoted "key"'))).toBe(true);
  });

  it('with workers, the same records in the same per-key order', async () => {
    const t = topic('load-workers');
    const lines = Array.from({ length: 20000 }, (_, i) => `key-${i % 97};value-${i}`);
    const summary = await load({ inputs: [file('w.csv', lines.join('\n'))], topic: t, workers: 2, chunkBytes: 8192 });
    expect(summary).toMatchObject({ ok: true, read: 20000, acknowledged: 20000 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 20000, partitions: PARTITIONS });
    expect(got).toHaveLength(20000);
    expect(got.map((m) => `${m.key};${m.value}`).sort()).toEqual([...lines].sort());
    expect(inKeyOrder(got)).toBe(true);
  });

  it('loads JSON Lines: key from a field, value the whole object or one field; bad lines are dead letters with line numbers', async () => {
    const t = topic('load-jsonl');
    const t2 = topic('load-jsonl-field');
    const lines = ['{"id": 1, "name": "ann", "tags": ["a"]}', '', '{"id": 2, "name": "bob"}', '{"id": 3, "name": ', '{"name": "no id"}', '{"id": "4", "name": "dee"}'];
    const input = file('rows.jsonl', lines.join('\n') + '\n');
    const dead = path.join(dir, 'jsonl.dead');
    const s1 = await load({ inputs: [input], topic: t, format: 'jsonl', serialization: 'json', keyField: 'id', deadLetter: dead });
    expect(s1).toMatchObject({ ok: true, read: 5, acknowledged: 3, deadLettered: 2 });
    const got = (await consumeAll(cluster.bootstrapServers, t, { expected: 3, partitions: PARTITIONS })).sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
    expect(got.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([
      ['1', { id: 1, name: 'ann', tags: ['a'] }],
      ['2', { id: 2, name: 'bob' }],
      ['4', { id: '4', name: 'dee' }],
    ]);
    const letters = fs.readFileSync(dead, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(letters).toEqual([
      { source: input, line: 4, reason: expect.stringMatching(/^invalid JSON/), raw: '{"id": 3, "name": ' },
      { source: input, line: 5, reason: 'key field `id` is missing', raw: '{"name": "no id"}' },
    ]);

    const s2 = await load({ inputs: [input], topic: t2, format: 'jsonl', keyField: 'id', valueField: 'name', deadLetter: dead });
    expect(s2).toMatchObject({ ok: true, acknowledged: 3, deadLettered: 2 });
    const got2 = await consumeAll(cluster.bootstrapServers, t2, { expected: 3, partitions: PARTITIONS });
    expect(got2.map((m) => m.value).sort()).toEqual(['ann', 'bob', 'dee']);
  });

  it('CSV with a header: columns by name, JSON rows, dead letters for wrong field counts and quoting errors', async () => {
    const t = topic('load-header');
    const input = file('h.csv', 'id,name,city\n1,ann,"Oslo, NO"\n2,bob\n3,"c""d",Rome\n4,x"y,z\n5,eve,Paris\n');
    const dead = path.join(dir, 'h.dead');
    const s = await load({ inputs: [input], topic: t, delimiter: ',', header: true, serialization: 'json', deadLetter: dead });
    expect(s).toMatchObject({ ok: true, read: 5, acknowledged: 3, deadLettered: 2 });
    const got = (await consumeAll(cluster.bootstrapServers, t, { expected: 3, partitions: PARTITIONS })).sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
    expect(got.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([
      ['1', { id: '1', name: 'ann', city: 'Oslo, NO' }],
      ['3', { id: '3', name: 'c"d', city: 'Rome' }],
      ['5', { id: '5', name: 'eve', city: 'Paris' }],
    ]);
    const letters = fs.readFileSync(dead, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; raw: string });
    expect(letters.map((l) => [l.line, l.raw])).toEqual([
      [3, '2,bob'],
      [5, '4,x"y,z'],
    ]);
    expect(letters[0].reason).toBe('expected 3 fields (id, name, city), got 2');
    expect(letters[1].reason).toMatch(/quote inside an unquoted field/);
  });

  it('CSV header with the key and value columns by name, two inputs with different column orders, in workers too', async () => {
    const a = file('ha.csv', 'id;name;city\n1;ann;Oslo\n2;bob;Rome\n');
    const b = file('hb.csv', 'city;id;name\nParis;3;cy\n');
    for (const workers of [0, 1]) {
      const t = topic(`load-header-names-${workers}`);
      const s = await load({ inputs: [a, b], topic: t, header: true, keyColumn: 'id', valueColumn: 'name', workers });
      expect(s).toMatchObject({ ok: true, read: 3, acknowledged: 3 });
      const got = await consumeAll(cluster.bootstrapServers, t, { expected: 3, partitions: PARTITIONS });
      expect(got.map((m) => [m.key, m.value]).sort()).toEqual([
        ['1', 'ann'],
        ['2', 'bob'],
        ['3', 'cy'],
      ]);
    }
    const bad = await load({ inputs: [a], topic: topic('load-header-bad'), header: true, keyColumn: 'nope', valueColumn: 'name' });
    expect(bad.ok).toBe(false);
    expect(bad.error).toBe(`${a}: key column "nope" is not a column (columns: id, name, city)`);
  });

  it('without --dead-letter a bad record stops the load, names file and line, and is not ok', async () => {
    const t = topic('load-bad');
    const input = file('bad.csv', 'a;1\nb;2;3\nc;3\n');
    const s = await load({ inputs: [input], topic: t });
    expect(s.ok).toBe(false);
    expect(s.error).toBe(`${input}:2: expected 2 fields (key and value), got 3 (pass --dead-letter FILE to set bad records aside and go on)`);
  });

  it('bytes that are not UTF-8 pass through unchanged as string values; with JSON they are bad records', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
    const csvIn = path.join(dir, 'latin1.csv');
    fs.writeFileSync(csvIn, Buffer.concat([Buffer.from('k1;'), latin1, Buffer.from('\nk2;plain\n')]));
    const t = topic('load-bytes');
    expect(await load({ inputs: [csvIn], topic: t })).toMatchObject({ ok: true, acknowledged: 2 });
    const raw = await consumeAllRawValues(t, 2);
    expect(raw.map((b) => b.toString('hex')).sort()).toEqual([latin1.toString('hex'), Buffer.from('plain').toString('hex')].sort());

    const dead = path.join(dir, 'bytes.dead');
    const s = await load({ inputs: [csvIn], topic: topic('load-bytes-json'), serialization: 'json', columns: ['k', 'v'], deadLetter: dead });
    expect(s).toMatchObject({ ok: true, acknowledged: 1, deadLettered: 1 });
    expect(JSON.parse(fs.readFileSync(dead, 'utf8'))).toMatchObject({ line: 1, reason: 'field 2 is not valid UTF-8' });

    const linesIn = path.join(dir, 'latin1.lines');
    fs.writeFileSync(linesIn, Buffer.concat([latin1, Buffer.from('\nok\n')]));
    const tl = topic('load-bytes-lines');
    expect(await load({ inputs: [linesIn], topic: tl, format: 'lines' })).toMatchObject({ ok: true, acknowledged: 2 });
    expect((await consumeAllRawValues(tl, 2)).map((b) => b.toString('hex')).sort()).toEqual([latin1.toString('hex'), Buffer.from('ok').toString('hex')].sort());
    const dj = path.join(dir, 'bytes-jsonl.dead');
    expect(await load({ inputs: [linesIn], topic: topic('load-bytes-jsonl'), format: 'jsonl', deadLetter: dj })).toMatchObject({ deadLettered: 2, acknowledged: 0 });
    expect(fs.readFileSync(dj, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { reason: string }).reason)[0]).toBe('not valid UTF-8');
  });

  it('raw lines from stdin, and several files from a glob in order', async () => {
    const t = topic('load-lines');
    const s = await load({ inputs: ['-'], topic: t, format: 'lines', stdin: Readable.from([Buffer.from('one\ntw'), Buffer.from('o\nthree')]) });
    expect(s).toMatchObject({ ok: true, read: 3, acknowledged: 3 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 3, partitions: PARTITIONS });
    expect(got.map((m) => [m.key, m.value]).sort()).toEqual([
      [null, 'one'],
      [null, 'three'],
      [null, 'two'],
    ]);

    const g = topic('load-glob');
    fs.mkdirSync(path.join(dir, 'parts'));
    for (let p = 0; p < 3; p++) file(`parts/p${p}.csv`, Array.from({ length: 100 }, (_, i) => `k${i};${p}-${i}`).join('\n'));
    const sg = await load({ inputs: [path.join(dir, 'parts/p*.csv')], topic: g });
    expect(sg).toMatchObject({ ok: true, inputs: 3, acknowledged: 300 });
    expect((await consumeAll(cluster.bootstrapServers, g, { expected: 300, partitions: PARTITIONS })).length).toBe(300);
  });

  it('checkpoint records the acknowledged prefix; --resume sends only the rest', async () => {
    const t = topic('load-resume');
    const lines = Array.from({ length: 3000 }, (_, i) => `k${i};v${i}`);
    const input = file('r.csv', lines.join('\n') + '\n');
    const cp = path.join(dir, 'r.checkpoint');
    // A first run that stopped after line 1000: its checkpoint says so.
    const firstPart = file('r-first.csv', lines.slice(0, 1000).join('\n') + '\n');
    const s1 = await load({ inputs: [firstPart], topic: t, checkpoint: cp });
    expect(s1.ok).toBe(true);
    const c1 = readCheckpoint(cp)!;
    expect(c1.inputs[0]).toMatchObject({ offset: fs.statSync(firstPart).size, line: 1000, records: 1000, done: true });
    c1.inputs[0] = { ...c1.inputs[0], path: input, done: false };
    fs.writeFileSync(cp, JSON.stringify(c1));

    const s2 = await load({ inputs: [input], topic: t, checkpoint: cp, resume: true, chunkBytes: 2048 });
    expect(s2).toMatchObject({ ok: true, read: 2000, acknowledged: 2000, resumedRecords: 1000 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 3000, partitions: PARTITIONS });
    expect(got.map((m) => `${m.key};${m.value}`).sort()).toEqual([...lines].sort());
    expect(readCheckpoint(cp)!.inputs[0]).toMatchObject({ offset: fs.statSync(input).size, line: 3000, records: 3000, done: true });

    // Resuming a finished load sends nothing.
    const s3 = await load({ inputs: [input], topic: t, checkpoint: cp, resume: true });
    expect(s3).toMatchObject({ ok: true, read: 0, sent: 0 });
  });

  it('resume with a header counts lines from the checkpoint and reads the header again', async () => {
    const t = topic('load-resume-header');
    const input = file('rh.csv', 'k;v\na;1\nb;2\nc;x;y\nd;4\n');
    const cp = path.join(dir, 'rh.checkpoint');
    const dead = path.join(dir, 'rh.dead');
    const offset = Buffer.byteLength('k;v\na;1\nb;2\n');
    fs.writeFileSync(cp, JSON.stringify({ version: 1, topic: t, format: 'csv', delivery: 'at-least-once', bytes: 0, updatedAt: '', inputs: [{ path: input, offset, line: 3, records: 2, done: false }] }));
    const s = await load({ inputs: [input], topic: t, header: true, checkpoint: cp, resume: true, deadLetter: dead });
    expect(s).toMatchObject({ ok: true, read: 2, acknowledged: 1, deadLettered: 1 });
    expect(JSON.parse(fs.readFileSync(dead, 'utf8'))).toMatchObject({ line: 4, raw: 'c;x;y' });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 1, partitions: PARTITIONS });
    expect(got.map((m) => [m.key, m.value])).toEqual([['d', '4']]);
  });

  it('an abort (Ctrl-C) stops reading, has what was read acknowledged and checkpointed; --resume sends the rest, no duplicates', async () => {
    const t = topic('load-abort');
    const lines = Array.from({ length: 10000 }, (_, i) => `k${i % 13};v${i}`);
    const input = file('abort.csv', lines.join('\n') + '\n');
    const cp = path.join(dir, 'abort.checkpoint');
    const abort = new AbortController();
    const stderr = { write: () => (abort.abort(), true) } as unknown as NodeJS.WritableStream;
    const s1 = await runLoad({
      inputs: [input],
      topic: t,
      checkpoint: cp,
      chunkBytes: 1024,
      rateLimit: 5000,
      signal: abort.signal,
      progress: 'plain',
      progressIntervalMs: 100,
      stderr,
      kafka: { 'bootstrap.servers': cluster.bootstrapServers },
    });
    expect(s1.ok).toBe(false);
    expect(s1.error).toMatch(/^interrupted/);
    expect(s1.read).toBeGreaterThan(0);
    expect(s1.read).toBeLessThan(10000);
    expect(s1.acknowledged).toBe(s1.read);
    expect(readCheckpoint(cp)!.inputs[0].records).toBe(s1.read);

    const s2 = await load({ inputs: [input], topic: t, checkpoint: cp, resume: true });
    expect(s2).toMatchObject({ ok: true, read: 10000 - s1.read, resumedRecords: s1.read });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 10000, partitions: PARTITIONS, settleMs: 500 });
    expect(got.map((m) => `${m.key};${m.value}`).sort()).toEqual([...lines].sort());
  });

  it('stdin with a header resumes by skipping the checkpoint\'s bytes of the same stream', async () => {
    const t = topic('load-stdin-resume');
    const text = 'key;value\na;1\nb;2\nc;3\n';
    const cp = path.join(dir, 'stdin.checkpoint');
    const offset = Buffer.byteLength('key;value\na;1\n');
    fs.writeFileSync(cp, JSON.stringify({ version: 1, topic: t, format: 'csv', delivery: 'at-least-once', bytes: 0, updatedAt: '', inputs: [{ path: '-', offset, line: 2, records: 1, done: false }] }));
    // The stream arrives in pieces that cut the header and the skipped part.
    const pieces = [text.slice(0, 5), text.slice(5, 12), text.slice(12, 17), text.slice(17)].map((x) => Buffer.from(x));
    const dead = path.join(dir, 'stdin.dead');
    const s = await load({ inputs: ['-'], topic: t, header: true, checkpoint: cp, resume: true, stdin: Readable.from(pieces), deadLetter: dead });
    expect(s).toMatchObject({ ok: true, read: 2, acknowledged: 2, resumedRecords: 1 });
    const got = await consumeAll(cluster.bootstrapServers, t, { expected: 2, partitions: PARTITIONS });
    expect(got.map((m) => [m.key, m.value]).sort()).toEqual([
      ['b', '2'],
      ['c', '3'],
    ]);
    expect(readCheckpoint(cp)!.inputs[0]).toMatchObject({ offset: Buffer.byteLength(text), line: 4, records: 3, done: true });
  });

  it('an unterminated quote does not make the loader hold the whole input: past maxRecordBytes it stops, naming the line', async () => {
    const input = file('unterminated.csv', 'a;1\nb;"oops\n' + 'c;3\n'.repeat(5000));
    const s = await load({ inputs: [input], topic: topic('load-unterminated'), chunkBytes: 1024, maxRecordBytes: 8192 });
    expect(s.ok).toBe(false);
    expect(s.error).toBe(`${input}: the record starting on line 2 is longer than 8192 bytes (an unterminated quote?)`);
    expect(s.acknowledged).toBe(1);
  });

  it('a checkpoint beyond the input is refused, naming the input', async () => {
    const t = topic('load-changed');
    const input = file('short.csv', 'a;1\n');
    const cp = path.join(dir, 'short.checkpoint');
    fs.writeFileSync(cp, JSON.stringify({ version: 1, topic: t, format: 'csv', delivery: 'at-least-once', bytes: 0, updatedAt: '', inputs: [{ path: input, offset: 99, line: 9, records: 9, done: false }] }));
    await expect(load({ inputs: [input], topic: t, checkpoint: cp, resume: true })).rejects.toThrow(/short.csv is 4 bytes, shorter than its checkpoint offset 99/);
  });

  it('--dry-run serializes and counts without sending', async () => {
    const s = await runLoad({ inputs: [file('dry.csv', 'a;1\nb;2\n')], topic: 'never-created', dryRun: true, progress: 'none', stderr: quiet });
    expect(s).toMatchObject({ ok: true, dryRun: true, read: 2, sent: 0 });
  });

  it('the CLI: connection from SK_BOOTSTRAP_SERVERS, summary as JSON, exit codes', async () => {
    const t = topic('load-cli');
    const input = file('cli.csv', 'a;1\nb;2\nc;3\n');
    const out: string[] = [];
    const writeOut = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (out.push(String(s)), true));
    const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const prev = process.env.SK_BOOTSTRAP_SERVERS;
    process.env.SK_BOOTSTRAP_SERVERS = cluster.bootstrapServers;
    try {
      expect(await main(['load', input, '--topic', t, '--json', '--progress', 'none'])).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, acknowledged: 3 });
      expect(await main(['load', input, '--topic', t, '-X', 'acks=maybe'])).toBe(1);
      expect(await main(['load', input, '--topic', t, '--resume'])).toBe(1);
    } finally {
      writeOut.mockRestore();
      writeErr.mockRestore();
      if (prev === undefined) delete process.env.SK_BOOTSTRAP_SERVERS;
      else process.env.SK_BOOTSTRAP_SERVERS = prev;
    }
    expect((await consumeAll(cluster.bootstrapServers, t, { expected: 3, partitions: PARTITIONS })).length).toBe(3);
  });
});
