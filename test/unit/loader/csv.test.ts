/**
 * The loader's RFC 4180 parser, table-driven: each row is parsed whole and
 * split at every byte, and the record-boundary scan agrees with the parser.
 */
import { CsvParser, findRecordBoundary, delimiterByte, type CsvRecord } from '../../../src/loader/csv';

interface Row {
  name: string;
  input: string;
  delimiter?: string;
  /** Expected records: fields, or an error substring. */
  want: Array<{ fields?: string[]; error?: string; line: number }>;
}

const ROWS: Row[] = [
  { name: 'key;value lines', input: 'a;1\nb;2\n', delimiter: ';', want: [{ fields: ['a', '1'], line: 1 }, { fields: ['b', '2'], line: 2 }] },
  { name: 'no final newline', input: 'a;1\nb;2', delimiter: ';', want: [{ fields: ['a', '1'], line: 1 }, { fields: ['b', '2'], line: 2 }] },
  { name: 'CRLF', input: 'a,1\r\nb,2\r\n', want: [{ fields: ['a', '1'], line: 1 }, { fields: ['b', '2'], line: 2 }] },
  { name: 'CRLF after a quoted field', input: '"a","1"\r\n"b",2\r\n', want: [{ fields: ['a', '1'], line: 1 }, { fields: ['b', '2'], line: 2 }] },
  { name: 'quoted delimiter', input: '"a;b";c\n', delimiter: ';', want: [{ fields: ['a;b', 'c'], line: 1 }] },
  { name: 'quoted newline', input: 'k,"line1\nline2"\nk2,v\n', want: [{ fields: ['k', 'line1\nline2'], line: 1 }, { fields: ['k2', 'v'], line: 3 }] },
  { name: 'quoted CRLF kept', input: 'k,"x\r\ny"\r\n', want: [{ fields: ['k', 'x\r\ny'], line: 1 }] },
  { name: 'doubled quotes', input: '"say ""hi""",2\n', want: [{ fields: ['say "hi"', '2'], line: 1 }] },
  { name: 'only a doubled quote', input: '"""",x\n', want: [{ fields: ['"', 'x'], line: 1 }] },
  { name: 'empty quoted field', input: '"",x\n', want: [{ fields: ['', 'x'], line: 1 }] },
  { name: 'empty fields', input: ',,\n', want: [{ fields: ['', '', ''], line: 1 }] },
  { name: 'trailing delimiter', input: 'a,\n', want: [{ fields: ['a', ''], line: 1 }] },
  { name: 'blank lines skipped, lines counted', input: 'a,1\n\n\r\nb,2\n', want: [{ fields: ['a', '1'], line: 1 }, { fields: ['b', '2'], line: 4 }] },
  { name: 'tab delimiter', input: 'a\tb\n', delimiter: '\\t', want: [{ fields: ['a', 'b'], line: 1 }] },
  { name: 'UTF-8 bytes kept', input: 'clé;värde ✓\n', delimiter: ';', want: [{ fields: ['clé', 'värde ✓'], line: 1 }] },
  { name: 'CR inside an unquoted field kept', input: 'a\rb,c\n', want: [{ fields: ['a\rb', 'c'], line: 1 }] },
  {
    name: 'quote inside an unquoted field is an error, next line fine',
    input: 'ab"c,d"\nx,y\n',
    want: [{ error: 'quote inside an unquoted field at byte 2', line: 1 }, { fields: ['x', 'y'], line: 2 }],
  },
  { name: 'text after closing quote', input: '"ab"c,d\nx,y\n', want: [{ error: 'text after the closing quote at byte 4', line: 1 }, { fields: ['x', 'y'], line: 2 }] },
  { name: 'unterminated quote at the end', input: 'x,y\n"abc\n', want: [{ fields: ['x', 'y'], line: 1 }, { error: 'unterminated quoted field starting at byte 4', line: 2 }] },
  {
    name: 'a stray quote spoils only its own line',
    input: 'a"b,c\nd,e"\nf,g\n',
    want: [{ error: 'quote inside an unquoted field at byte 1', line: 1 }, { error: 'quote inside an unquoted field at byte 9', line: 2 }, { fields: ['f', 'g'], line: 3 }],
  },
];

function parseAll(input: Buffer, delimiter: string, cuts: number[]): CsvRecord[] {
  const p = new CsvParser({ delimiter });
  const out: CsvRecord[] = [];
  let from = 0;
  for (const c of [...cuts, input.length]) {
    out.push(...p.push(input.subarray(from, c)));
    from = c;
  }
  out.push(...p.end());
  return out;
}

function check(got: CsvRecord[], want: Row['want']): void {
  expect(got.map((r) => (r.error !== undefined ? { error: r.error, line: r.line } : { fields: r.fields.map((f) => f.toString('utf8')), line: r.line }))).toEqual(
    want.map((w) => (w.error !== undefined ? { error: expect.stringContaining(w.error), line: w.line } : w)),
  );
}

describe('CsvParser', () => {
  it.each(ROWS)('$name (whole)', (row) => {
    check(parseAll(Buffer.from(row.input), row.delimiter ?? ',', []), row.want);
  });

  it.each(ROWS)('$name (split at every byte, and in three)', (row) => {
    const buf = Buffer.from(row.input);
    for (let i = 0; i <= buf.length; i++) check(parseAll(buf, row.delimiter ?? ',', [i]), row.want);
    for (let i = 1; i < buf.length; i++) check(parseAll(buf, row.delimiter ?? ',', [i - 1, i]), row.want);
  });

  it('reports record end offsets that cut the input into records', () => {
    const input = Buffer.from('a;1\r\n"b\n";2\nc;3');
    const got = parseAll(input, ';', [3]);
    expect(got.map((r) => r.end)).toEqual([5, 12, 15]);
    expect(got.map((r) => r.raw.toString())).toEqual(['a;1', '"b\n";2', 'c;3']);
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => delimiterByte('"')).toThrow(/delimiter/);
    expect(() => delimiterByte(';;')).toThrow(/one ASCII character/);
    expect(() => new CsvParser({ delimiter: '\n' })).toThrow(RangeError);
  });

  it('reports a record longer than maxRecordBytes', () => {
    const p = new CsvParser({ maxRecordBytes: 10 });
    const recs = [...p.push(Buffer.from('"0123456789012345')), ...p.push(Buffer.from('"\nok,1\n')), ...p.end()];
    expect(recs[0].error).toMatch(/longer than 10 bytes/);
    expect(recs[1].fields.map(String)).toEqual(['ok', '1']);
  });
});

describe('findRecordBoundary', () => {
  it.each(ROWS)('agrees with the parser: $name', (row) => {
    const buf = Buffer.from(row.input);
    const d = delimiterByte(row.delimiter ?? ',');
    const whole = parseAll(buf, row.delimiter ?? ',', []);
    // Cutting at the boundaries found (fed in pieces of every size) and parsing each chunk alone gives the same records.
    for (let step = 1; step <= buf.length; step++) {
      const st = { state: 0 };
      const chunks: Buffer[] = [];
      let rem = Buffer.alloc(0);
      for (let at = 0; at < buf.length; at += step) {
        const all = Buffer.concat([rem, buf.subarray(at, at + step)]);
        const b = findRecordBoundary(all, rem.length, st, d);
        if (b < 0) rem = all;
        else {
          chunks.push(all.subarray(0, b));
          rem = all.subarray(b);
        }
      }
      if (rem.length > 0) chunks.push(rem);
      const got = chunks.flatMap((c) => {
        const p = new CsvParser({ delimiter: row.delimiter ?? ',' });
        return [...p.push(c), ...p.end()];
      });
      expect(got.map((r) => [r.error === undefined, r.fields.map(String)])).toEqual(whole.map((r) => [r.error === undefined, r.fields.map(String)]));
    }
  });

  it('carries quote parity across calls', () => {
    const state = { state: 0 };
    const a = Buffer.from('x,"a\nb');
    expect(findRecordBoundary(a, 0, state, 0x2c)).toBe(-1);
    const ab = Buffer.concat([a, Buffer.from('"\ny,1\nz')]);
    expect(findRecordBoundary(ab, a.length, state, 0x2c)).toBe(ab.indexOf('z'));
  });

  it('without quotes, cuts after the last line feed', () => {
    expect(findRecordBoundary(Buffer.from('a"\nb\nc'), 0, { state: 0 })).toBe(5);
    expect(findRecordBoundary(Buffer.from('abc'), 0, { state: 0 })).toBe(-1);
  });
});
