/**
 * Glob expansion of loader inputs, and the checkpoint: atomic writes and the
 * contiguous acknowledged prefix.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { expandBraces, expandGlob, segmentRegExp } from '../../../src/loader/glob';
import { AckTracker, readCheckpoint, writeCheckpoint, type CheckpointData } from '../../../src/loader/checkpoint';
import { defaultWorkers, resolveInputs } from '../../../src/loader/loader';
import { KafkaClientError } from '../../../src/errors';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-glob-'));
  for (const f of ['a.csv', 'b.csv', 'c.jsonl', '.hidden.csv', 'sub/d.csv', 'sub/deep/e.csv', 'sub/deep/f.txt', 'x1.csv', 'x2.csv', 'x10.csv']) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), f);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('glob', () => {
  it.each([
    ['*.csv', ['a.csv', 'b.csv', 'x1.csv', 'x10.csv', 'x2.csv']],
    ['?.csv', ['a.csv', 'b.csv']],
    ['x?.csv', ['x1.csv', 'x2.csv']],
    ['[ab].csv', ['a.csv', 'b.csv']],
    ['[!a].csv', ['b.csv']],
    ['x[0-9]*.csv', ['x1.csv', 'x10.csv', 'x2.csv']],
    ['{a,c}.*', ['a.csv', 'c.jsonl']],
    ['**/*.csv', ['a.csv', 'b.csv', 'sub/d.csv', 'sub/deep/e.csv', 'x1.csv', 'x10.csv', 'x2.csv']],
    ['sub/**/*.csv', ['sub/d.csv', 'sub/deep/e.csv']],
    ['sub/*/*', ['sub/deep/e.csv', 'sub/deep/f.txt']],
    ['.h*', ['.hidden.csv']],
    ['nothing*', []],
  ])('%s', (pattern, want) => {
    expect(expandGlob(pattern, dir)).toEqual(want);
  });

  it('expands absolute patterns to absolute paths', () => {
    expect(expandGlob(`${dir}/sub/*.csv`)).toEqual([`${dir}/sub/d.csv`]);
  });

  it('expands braces, nested, and leaves a lone {x} literal', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('a{b}c')).toEqual(['a{b}c']);
  });

  it('does not let * cross a slash, and escapes regex characters', () => {
    expect(segmentRegExp('*.csv').test('a/b.csv')).toBe(false);
    expect(segmentRegExp('a+b(1).csv').test('a+b(1).csv')).toBe(true);
  });

  it('resolveInputs: a glob matching nothing or a missing file is an error naming it', () => {
    expect(() => resolveInputs(['nope*.csv'], dir)).toThrow(/input nope\*\.csv: no file matches/);
    expect(() => resolveInputs(['missing.csv'], dir)).toThrow(/input missing.csv: no such file/);
    expect(() => resolveInputs(['sub'], dir)).toThrow(/not a regular file/);
    expect(() => resolveInputs(['-', '-'], dir)).toThrow(KafkaClientError);
    const got = resolveInputs(['b.csv', '*.csv', '-'], dir);
    expect(got.map((i) => i.name)).toEqual(['b.csv', 'a.csv', 'x1.csv', 'x10.csv', 'x2.csv', '-']);
    expect(got[0].size).toBe(5);
  });
});

function fresh(n: number): CheckpointData {
  return {
    version: 1,
    topic: 't',
    format: 'csv',
    delivery: 'at-least-once',
    bytes: 0,
    inputs: Array.from({ length: n }, (_, i) => ({ path: `/in/${i}`, offset: 0, line: 0, records: 0, done: false })),
    updatedAt: '',
  };
}

describe('AckTracker', () => {
  it('advances only over a contiguous prefix of completed chunks', () => {
    const t = new AckTracker(fresh(2));
    const a = t.add({ input: 0, end: 100, endLine: 10, records: 0, bytes: 100, last: false });
    const b = t.add({ input: 0, end: 250, endLine: 20, records: 0, bytes: 150, last: true });
    const c = t.add({ input: 1, end: 40, endLine: 4, records: 0, bytes: 40, last: false });
    t.complete(c, 4);
    t.complete(b, 10);
    expect(t.data.inputs[0]).toMatchObject({ offset: 0, line: 0, done: false });
    expect(t.takeDirty()).toBe(false);
    t.complete(a, 10);
    expect(t.data.inputs[0]).toMatchObject({ offset: 250, line: 20, records: 20, done: true });
    expect(t.data.inputs[1]).toMatchObject({ offset: 40, line: 4, records: 4, done: false });
    expect(t.data.bytes).toBe(290);
    expect(t.takeDirty()).toBe(true);
    expect(t.outstanding).toBe(0);
  });

  it('a chunk that never completes holds the checkpoint before it', () => {
    const t = new AckTracker(fresh(1));
    t.add({ input: 0, end: 10, endLine: 1, records: 1, bytes: 10, last: false });
    const b = t.add({ input: 0, end: 20, endLine: 2, records: 1, bytes: 10, last: false });
    t.complete(b);
    expect(t.data.inputs[0].offset).toBe(0);
    expect(() => t.complete(b)).toThrow(RangeError);
  });
});

describe('checkpoint file', () => {
  it('round-trips, replaces atomically, and leaves no temporary file', () => {
    const file = path.join(dir, 'cp.json');
    const d = fresh(1);
    d.inputs[0].offset = 123;
    writeCheckpoint(file, d);
    d.inputs[0].offset = 456;
    writeCheckpoint(file, d);
    expect(readCheckpoint(file)?.inputs[0].offset).toBe(456);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a missing file is undefined; a broken one is a typed error naming the file', () => {
    expect(readCheckpoint(path.join(dir, 'none.json'))).toBeUndefined();
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"version":1,"inputs":[{"path":"/x","offset":-1,"line":0}]}');
    expect(() => readCheckpoint(bad)).toThrow(/bad.json: inputs\[0\] needs a path, an offset and a line/);
    fs.writeFileSync(bad, '{not json');
    expect(() => readCheckpoint(bad)).toThrow(/not valid JSON/);
    fs.writeFileSync(bad, '{"version":2,"inputs":[]}');
    expect(() => readCheckpoint(bad)).toThrow(/not a simple-kafka load checkpoint/);
  });
});

describe('default workers', () => {
  it('none for string values; one per spare core, at most 2, for JSON and Avro', () => {
    expect(defaultWorkers('string', 8)).toBe(0);
    expect(defaultWorkers('avro', 1)).toBe(1);
    expect(defaultWorkers('avro', 2)).toBe(1);
    expect(defaultWorkers('json', 3)).toBe(2);
    expect(defaultWorkers('json', 16)).toBe(2);
  });
});
