/**
 * A streaming RFC 4180 CSV parser over bytes, and the record-boundary scan
 * the loader uses to cut input into self-contained chunks.
 *
 * @packageDocumentation
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One CSV record as {@link CsvParser} yields it. */
export interface CsvRecord {
  /** The fields' bytes (quotes removed, `""` unescaped); empty when {@link CsvRecord.error} is set. */
  fields: Buffer[];
  /** 1-based line number where the record starts. */
  line: number;
  /** Byte offset just past the record (and its line terminator), counted from the first byte pushed. */
  end: number;
  /** The record's bytes without its line terminator (for dead letters). */
  raw: Buffer;
  /** Why the record is malformed, with the byte offset at fault; absent for a good record. */
  error?: string;
}

/** Options of {@link CsvParser}. */
export interface CsvParserOptions {
  /** The field delimiter, one ASCII character (default `,`). */
  delimiter?: string;
  /** Line number of the first byte pushed (default 1). */
  firstLine?: number;
  /** Byte offset of the first byte pushed, for {@link CsvRecord.end} and error messages (default 0). */
  firstOffset?: number;
  /** Longest record accepted, in bytes; longer ones are reported as errors (default 16 MiB). */
  maxRecordBytes?: number;
}

/** Checks and converts a delimiter option to its byte. */
export function delimiterByte(delimiter: string): number {
  if (delimiter === '\\t') return 0x09;
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`delimiter must be one ASCII character other than a quote or a line break, got ${JSON.stringify(delimiter)}`);
  }
  return delimiter.charCodeAt(0);
}

/**
 * Incremental RFC 4180 parser: push bytes in pieces of any size, get back the
 * records completed so far.
 *
 * Fields may be quoted (`"a;b"`); a quoted field may hold delimiters, line
 * breaks and doubled quotes (`""`). Records end at LF or CRLF. Blank lines
 * are skipped. A malformed record (a quote inside an unquoted field, text after
 * a closing quote, an unterminated quote at the end) is returned with
 * `error` set, and parsing resumes after the next line break, where
 * {@link findRecordBoundary} cuts too.
 *
 * @example
 * ```ts
 * const p = new CsvParser({ delimiter: ';' });
 * for (const r of [...p.push(chunk1), ...p.push(chunk2), ...p.end()]) console.log(r.line, r.fields.map(String));
 * ```
 */
export class CsvParser {
  readonly #delim: number;
  readonly #max: number;
  #buf: Buffer = Buffer.alloc(0);
  /** Absolute offset of #buf[0]. */
  #base: number;
  /** Index in #buf where the current record starts. */
  #recStart = 0;
  /** Index in #buf of the next byte to scan. */
  #pos = 0;
  #line: number;
  #recLine: number;
  // Field state.
  #fields: Buffer[] = [];
  #fieldStart = 0;
  #quoted = false; // current field started with a quote
  #inQuotes = false; // inside the quotes of a quoted field
  #escapes = false; // current quoted field holds ""
  #afterQuote = false; // just saw a quote inside a quoted field (closing or first of "")
  #error: string | undefined;

  constructor(options: CsvParserOptions = {}) {
    this.#delim = delimiterByte(options.delimiter ?? ',');
    this.#max = options.maxRecordBytes ?? 16 * 1024 * 1024;
    this.#line = options.firstLine ?? 1;
    this.#recLine = this.#line;
    this.#base = options.firstOffset ?? 0;
  }

  /** Parses `chunk` after what was pushed before; returns the records it completed. */
  push(chunk: Buffer): CsvRecord[] {
    if (this.#recStart > 0) {
      const shift = this.#recStart;
      this.#buf = this.#buf.subarray(shift);
      this.#base += shift;
      this.#pos -= shift;
      this.#fieldStart -= shift;
      this.#recStart = 0;
      // #fields of the current record are subarrays of the old buffer: still valid.
    }
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    const out: CsvRecord[] = [];
    this.#scan(out, false);
    return out;
  }

  /** Ends the input: returns the last record when it has no line terminator. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.#scan(out, true);
    return out;
  }

  #scan(out: CsvRecord[], final: boolean): void {
    const buf = this.#buf;
    const n = buf.length;
    const d = this.#delim;
    let i = this.#pos;
    while (i < n) {
      const c = buf[i];
      if (this.#error !== undefined) {
        if (c === LF) {
          this.#line++;
          this.#emitError(out, i);
        }
        i++;
        continue;
      }
      if (this.#inQuotes) {
        const q = buf.indexOf(QUOTE, i);
        const stop = q < 0 ? n : q;
        for (let j = i; j < stop; j++) if (buf[j] === LF) this.#line++;
        if (q < 0) {
          i = n;
          break;
        }
        i = q + 1;
        this.#inQuotes = false;
        this.#afterQuote = true;
        continue;
      }
      if (this.#afterQuote) {
        // After a quote inside a quoted field: "" (escaped), a delimiter, a line end, or an error.
        if (c === QUOTE) {
          this.#escapes = true;
          this.#afterQuote = false;
          this.#inQuotes = true;
          i++;
          continue;
        }
        if (c === d) {
          this.#endQuotedField(i);
          i++;
          this.#fieldStart = i;
          continue;
        }
        if (c === LF || (c === CR && i + 1 < n && buf[i + 1] === LF)) {
          this.#endQuotedField(i);
          i = this.#endRecord(out, i, c === CR ? i + 2 : i + 1);
          continue;
        }
        if (c === CR && i + 1 >= n && !final) break; // need the next byte
        this.#fail(`text after the closing quote at byte ${this.#base + i}`, i);
        continue;
      }
      // Unquoted field (or the start of a field).
      if (i === this.#fieldStart && c === QUOTE) {
        this.#quoted = true;
        this.#inQuotes = true;
        this.#escapes = false;
        i++;
        continue;
      }
      if (c === d) {
        this.#fields.push(buf.subarray(this.#fieldStart, i));
        i++;
        this.#fieldStart = i;
        continue;
      }
      if (c === LF) {
        const e = i > this.#fieldStart && buf[i - 1] === CR ? i - 1 : i;
        this.#fields.push(buf.subarray(this.#fieldStart, e));
        i = this.#endRecord(out, e, i + 1);
        continue;
      }
      if (c === QUOTE) {
        this.#fail(`quote inside an unquoted field at byte ${this.#base + i} (quote the whole field and double the quote)`, i);
        i++;
        continue;
      }
      i++;
    }
    this.#pos = i;
    if (this.#error === undefined && i - this.#recStart > this.#max) {
      this.#fail(`record longer than ${this.#max} bytes`, i);
    }
    if (final) this.#finish(out);
  }

  #finish(out: CsvRecord[]): void {
    const n = this.#buf.length;
    if (this.#recStart >= n && this.#fields.length === 0 && !this.#quoted) return;
    if (this.#error !== undefined) {
      this.#emitError(out, n, n);
      return;
    }
    if (this.#inQuotes) {
      this.#fail(`unterminated quoted field starting at byte ${this.#base + this.#fieldStart}`, n);
      this.#emitError(out, n, n);
      return;
    }
    if (this.#afterQuote) this.#endQuotedField(n);
    else {
      const e = n > this.#fieldStart && this.#buf[n - 1] === CR ? n - 1 : n;
      this.#fields.push(this.#buf.subarray(this.#fieldStart, e));
    }
    this.#endRecord(out, n, n);
  }

  #endQuotedField(closeQuoteEnd: number): void {
    // The field spans #fieldStart (the opening quote) .. closeQuoteEnd (just past the closing quote).
    const inner = this.#buf.subarray(this.#fieldStart + 1, closeQuoteEnd - 1);
    this.#fields.push(this.#escapes ? unescapeQuotes(inner) : inner);
    this.#quoted = false;
    this.#afterQuote = false;
    this.#escapes = false;
  }

  /** Closes the record whose content ends at `contentEnd`; the next starts at `next`. Returns `next`. */
  #endRecord(out: CsvRecord[], contentEnd: number, next: number): number {
    const fields = this.#fields;
    const blank = fields.length === 1 && fields[0].length === 0 && contentEnd === this.#recStart;
    if (!blank) {
      out.push({ fields, line: this.#recLine, end: this.#base + next, raw: this.#buf.subarray(this.#recStart, contentEnd) });
    }
    if (next > contentEnd && this.#buf[next - 1] === LF) this.#line++;
    this.#startRecord(next);
    return next;
  }

  #startRecord(at: number): void {
    this.#fields = [];
    this.#recStart = at;
    this.#fieldStart = at;
    this.#recLine = this.#line;
    this.#quoted = false;
    this.#inQuotes = false;
    this.#escapes = false;
    this.#afterQuote = false;
    this.#error = undefined;
  }

  #fail(reason: string, _at: number): void {
    this.#error = reason;
    this.#inQuotes = false;
    this.#afterQuote = false;
  }

  /** Emits the malformed record ending at the LF at `lf` (or at the end when `end` is given). */
  #emitError(out: CsvRecord[], lf: number, end?: number): void {
    const next = end ?? lf + 1;
    const contentEnd = end ?? (lf > this.#recStart && this.#buf[lf - 1] === CR ? lf - 1 : lf);
    out.push({ fields: [], line: this.#recLine, end: this.#base + next, raw: this.#buf.subarray(this.#recStart, contentEnd), error: this.#error });
    this.#startRecord(next);
    this.#pos = next;
  }
}

function unescapeQuotes(inner: Buffer): Buffer {
  const out = Buffer.allocUnsafe(inner.length);
  let o = 0;
  for (let j = 0; j < inner.length; j++) {
    out[o++] = inner[j];
    if (inner[j] === QUOTE) j++; // skip the second quote of ""
  }
  return out.subarray(0, o);
}

/** Scan states of {@link findRecordBoundary}. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const BAD = 4;

/** Parser state carried between calls of {@link findRecordBoundary}. */
export interface BoundaryState {
  /** Internal scan state; start with `{ state: 0 }`. */
  state: number;
}

/**
 * Finds where the last complete record of `buf` ends: the index just past the
 * last line feed that ends a record (outside quotes), or -1 when there is none.
 * It follows the same rules as {@link CsvParser} (a quote opens quoting only
 * at the start of a field; a malformed record ends at the next line feed), so
 * the bytes before the boundary parse to whole records. With `delimiter`
 * `undefined` (line formats) every line feed is a boundary.
 *
 * `st` carries the scan state from the bytes before `buf[from]` (already
 * scanned); on return it holds the state at the end of `buf`.
 */
export function findRecordBoundary(buf: Buffer, from: number, st: BoundaryState, delimiter?: number): number {
  const n = buf.length;
  if (delimiter === undefined) {
    const lf = buf.lastIndexOf(LF);
    return lf < from ? -1 : lf + 1;
  }
  let state = st.state;
  let last = -1;
  let i = from;
  if (state !== QUOTED && state !== QUOTE_IN_QUOTED && buf.indexOf(QUOTE, from) < 0) {
    // Fast path: no quotes ahead, every line feed ends a record.
    const lf = buf.lastIndexOf(LF);
    if (lf >= from) {
      last = lf + 1;
      state = FIELD_START;
      i = last;
    }
  }
  for (; i < n; i++) {
    const c = buf[i];
    switch (state) {
      case FIELD_START:
        if (c === QUOTE) state = QUOTED;
        else if (c === LF) last = i + 1;
        else if (c !== delimiter) state = UNQUOTED;
        break;
      case UNQUOTED:
        if (c === delimiter) state = FIELD_START;
        else if (c === LF) {
          last = i + 1;
          state = FIELD_START;
        } else if (c === QUOTE) state = BAD;
        break;
      case QUOTED: {
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) i = n;
        else {
          i = q;
          state = QUOTE_IN_QUOTED;
        }
        break;
      }
      case QUOTE_IN_QUOTED:
        if (c === QUOTE) state = QUOTED;
        else if (c === delimiter) state = FIELD_START;
        else if (c === LF) {
          last = i + 1;
          state = FIELD_START;
        } else if (c !== CR) state = BAD;
        break;
      default: // BAD
        if (c === LF) {
          last = i + 1;
          state = FIELD_START;
        }
    }
  }
  st.state = state;
  return last;
}
