/**
 * `simple-kafka load` option handling (connection precedence, validation,
 * column options) and the progress and summary lines.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { connectionConfig, formatSummary, toLoadOptions } from '../../../src/cli/load';
import { progressLine, formatDuration, Progress } from '../../../src/loader/progress';
import { ConfigError } from '../../../src/errors';
import { main } from '../../../src/cli/main';

describe('load --help', () => {
  it('lists the options', async () => {
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((x: string | Uint8Array) => (out.push(String(x)), true));
    let code: number;
    try {
      code = await main(['load', '--help']);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(0);
    const help = out.join('');
    expect(help).toMatch(/^Usage: simple-kafka load \[options\] <inputs\.\.\.>/);
    for (const opt of ['--topic', '--format', '--serialization', '--delimiter', '--header', '--key-field', '--registry', '--dead-letter', '--workers', '--exactly-once', '--dry-run', '--checkpoint', '--resume', '--bootstrap', '--config']) {
      expect(help).toContain(opt);
    }
  });
});

describe('load errors', () => {
  async function run(args: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((x: string | Uint8Array) => (err.push(String(x)), true));
    try {
      return { code: await main(args), err: err.join('') };
    } finally {
      spy.mockRestore();
    }
  }

  it('one line naming the file; the stack only with --verbose', async () => {
    const plain = await run(['load', 'no-such-file.csv', '--topic', 't', '--dry-run']);
    expect(plain).toEqual({ code: 1, err: 'simple-kafka: ERR_LOAD: input no-such-file.csv: no such file\n' });
    const verbose = await run(['--verbose', 'load', 'no-such-file.csv', '--topic', 't', '--dry-run']);
    expect(verbose.code).toBe(1);
    expect(verbose.err.split('\n')[0]).toBe('simple-kafka: ERR_LOAD: input no-such-file.csv: no such file');
    expect(verbose.err).toMatch(/\n\s+at .*loader/);
  });

  it('a bad option value is a usage error (exit 2)', async () => {
    expect((await run(['load', 'x.csv', '--topic', 't', '--workers', 'many'])).code).toBe(2);
    expect((await run(['load', 'x.csv', '--topic', 't', '--format', 'xml'])).code).toBe(2);
    expect((await run(['load', 'x.csv'])).code).toBe(2);
  });
});

describe('load: connection settings', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-load-cli-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--bootstrap, then -X, then --config, then SK_BOOTSTRAP_SERVERS, then KAFKA_BOOTSTRAP_SERVERS', () => {
    const props = path.join(dir, 'client.properties');
    fs.writeFileSync(props, 'bootstrap.servers=from-file:9092\nlinger.ms=50\nclient.id=loader\n');
    const env = { SK_BOOTSTRAP_SERVERS: 'sk-env:9092', KAFKA_BOOTSTRAP_SERVERS: 'kafka-env:9092' };
    expect(connectionConfig({ bootstrap: 'flag:9092', config: props, property: ['bootstrap.servers=x:1'] }, env).config['bootstrap.servers']).toBe('flag:9092');
    expect(connectionConfig({ config: props, property: ['bootstrap.servers=x:1', 'linger.ms=5'] }, env).config).toMatchObject({ 'bootstrap.servers': 'x:1', 'linger.ms': '5', 'client.id': 'loader' });
    expect(connectionConfig({ config: props }, env).config['bootstrap.servers']).toBe('from-file:9092');
    expect(connectionConfig({}, env).config['bootstrap.servers']).toBe('sk-env:9092');
    expect(connectionConfig({}, { KAFKA_BOOTSTRAP_SERVERS: 'kafka-env:9092' }).config['bootstrap.servers']).toBe('kafka-env:9092');
  });

  it('every bad key in one ConfigError; no bootstrap says where to set it', () => {
    let err: unknown;
    try {
      connectionConfig({ property: ['acks=maybe', 'linger.ms=-1'] }, {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues.filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.path).sort()).toEqual(['acks', 'bootstrap.servers', 'linger.ms']);
    expect(issues.find((i) => i.path === 'bootstrap.servers')!.fix).toMatch(/--bootstrap.*SK_BOOTSTRAP_SERVERS/);
  });

  it('a JSON config file, and an unreadable one named', () => {
    const json = path.join(dir, 'client.json');
    fs.writeFileSync(json, JSON.stringify({ 'bootstrap.servers': 'j:1', 'compression.type': 'zstd' }));
    expect(connectionConfig({ config: json }, {}).config).toMatchObject({ 'bootstrap.servers': 'j:1', 'compression.type': 'zstd' });
    fs.writeFileSync(json, '[1]');
    expect(() => connectionConfig({ config: json }, {})).toThrow(/client.json: a JSON configuration must be an object/);
  });

  it('toLoadOptions: columns, key none, Avro needs a registry, schema options need Avro', () => {
    const base = { topic: 't', format: 'csv' as const, serialization: 'string' as const, delimiter: ';', workers: 0, property: [], dryRun: true };
    expect(toLoadOptions(['-'], { ...base, columns: 'a,b', keyColumn: 'none' }, {}).options).toMatchObject({ columns: ['a', 'b'], keyColumn: null, inputs: ['-'] });
    expect(toLoadOptions(['x'], { ...base, columns: 'a;b' }, {}).options.columns).toEqual(['a', 'b']);
    expect(() => toLoadOptions(['x'], { ...base, serialization: 'avro' }, {})).toThrow(/--registry/);
    expect(toLoadOptions(['x'], { ...base, serialization: 'avro' }, { SK_REGISTRY_URL: 'http://sr:8081' }).options.avro).toMatchObject({ registry: { url: 'http://sr:8081' } });
    expect(() => toLoadOptions(['x'], { ...base, schema: 'a.avsc' }, {})).toThrow(/go with --serialization avro/);
    expect(() => toLoadOptions(['x'], { ...base, serialization: 'avro', registry: 'http://r', schemaVersion: 'v2' }, {})).toThrow(/--schema-version/);
  });
});

/** Waits (up to 10 s) until `cond` holds, checking every 10 ms. */
async function until(cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe('load: progress and summary', () => {
  const counters = { read: 500_000, sent: 500_000, acknowledged: 450_000, deadLettered: 3, failed: 0, bytes: 12_000_000, bytesDone: 10_000_000 };

  it('with a known size: percent, bar, rates and ETA', () => {
    const line = progressLine(counters, 5000, 20_000_000);
    expect(line).toBe(' 50% [##########          ]  450,000 acked  3 dead  90,000 rec/s  2.0 MB/s  ETA 0:05');
  });

  it('without a size (stdin): no percent and no ETA; cut to the terminal width', () => {
    expect(progressLine(counters, 5000, undefined)).toBe('450,000 acked  3 dead  90,000 rec/s  2.0 MB/s');
    expect(progressLine(counters, 5000, undefined, 20)).toHaveLength(19);
    expect(progressLine(counters, 5000, undefined, 0)).toBe('450,000 acked  3 dead  90,000 rec/s  2.0 MB/s');
    expect(progressLine(counters, 5000, undefined, undefined, true)).toBe('500,000 checked  3 dead  100,000 rec/s  2.0 MB/s');
  });

  it('durations', () => {
    expect([formatDuration(0), formatDuration(65), formatDuration(3725), formatDuration(NaN)]).toEqual(['0:00', '1:05', '1:02:05', '?']);
  });

  it('plain mode writes whole lines; bar mode redraws one line and clears it at the end', async () => {
    const plain: string[] = [];
    const p = new Progress({ stream: { write: (s: string) => plain.push(s), isTTY: false } as never, intervalMs: 20 });
    p.start(counters);
    await until(() => plain.length >= 2);
    p.stop();
    expect(plain.length).toBeGreaterThanOrEqual(1);
    expect(plain.every((l) => /^simple-kafka load: .*acked.*\n$/.test(l))).toBe(true);

    const bar: string[] = [];
    const b = new Progress({ stream: { write: (s: string) => bar.push(s), isTTY: true, columns: 80 } as never, intervalMs: 20, totalBytes: 20_000_000 });
    b.start(counters);
    await until(() => bar.length >= 2);
    b.stop();
    expect(bar.slice(0, -1).every((l) => l.startsWith('\r') && l.includes('%') && !l.includes('\n'))).toBe(true);
    expect(bar[bar.length - 1]).toBe('\r\x1b[K');
  });

  it('the summary line', () => {
    const s = { ...counters, ok: true, inputs: 1, resumedRecords: 1000, elapsedMs: 5000, recordsPerSecond: 90_000, megabytesPerSecond: 2, dryRun: false };
    expect(formatSummary(s)).toBe('read 500,000, sent 500,000, acknowledged 450,000, dead-lettered 3 in 5.0 s (90,000 rec/s, 2.0 MB/s); 1,000 done by earlier runs');
    expect(formatSummary({ ...s, failed: 7, resumedRecords: 0 })).toContain(', failed 7 in 5.0 s');
  });
});
