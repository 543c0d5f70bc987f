/**
 * Progress display of the loader: a bar on a TTY, a plain periodic line otherwise.
 *
 * @packageDocumentation
 */

/** Counters the loader keeps; shown by {@link Progress} and in the summary. */
export interface LoadCounters {
  /** Records read (parsed, good or bad), this run. */
  read: number;
  /** Records handed to the producer. */
  sent: number;
  /** Records the broker acknowledged (committed, with exactly-once). */
  acknowledged: number;
  /** Records written to the dead-letter file. */
  deadLettered: number;
  /** Records whose delivery failed. */
  failed: number;
  /** Input bytes read, this run. */
  bytes: number;
  /** Input bytes fully handled (acknowledged or dead-lettered). */
  bytesDone: number;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Where to write (default process.stderr). */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** `bar` (redrawn line), `plain` (a line every interval), `none`; default: `bar` on a TTY, else `plain`. */
  mode?: 'bar' | 'plain' | 'none';
  /** Total bytes to load this run, when known (for percent and ETA). */
  totalBytes?: number;
  /** Milliseconds between plain lines (default 5000); the bar redraws every 200 ms. */
  intervalMs?: number;
  /** A dry run: show records checked instead of acknowledged. */
  dryRun?: boolean;
}

/** Formats a number with thousands separators. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Formats seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One status line: `45% [#####     ] 123,456 rec  150,000 rec/s  12.3 MB/s  ETA 0:12`. */
export function progressLine(c: LoadCounters, elapsedMs: number, totalBytes: number | undefined, width?: number, dryRun = false): string {
  const secs = Math.max(elapsedMs / 1000, 1e-3);
  const done = dryRun ? c.read : c.acknowledged;
  const rate = done / secs;
  const mbs = c.bytesDone / secs / 1e6;
  const parts: string[] = [];
  if (totalBytes !== undefined && totalBytes > 0) {
    const frac = Math.min(1, c.bytesDone / totalBytes);
    const cells = 20;
    const full = Math.round(frac * cells);
    parts.push(`${String(Math.floor(frac * 100)).padStart(3)}% [${'#'.repeat(full)}${' '.repeat(cells - full)}]`);
  }
  parts.push(`${formatCount(done)} ${dryRun ? 'checked' : 'acked'}`);
  if (c.deadLettered > 0) parts.push(`${formatCount(c.deadLettered)} dead`);
  parts.push(`${formatCount(rate)} rec/s`, `${mbs.toFixed(1)} MB/s`);
  if (totalBytes !== undefined && totalBytes > 0) {
    const bps = c.bytesDone / secs;
    parts.push(`ETA ${bps > 0 ? formatDuration((totalBytes - c.bytesDone) / bps) : '?'}`);
  }
  const line = parts.join('  ');
  return width !== undefined && width > 10 && line.length > width - 1 ? line.slice(0, width - 1) : line;
}

/** Draws progress while the loader runs. */
export class Progress {
  readonly #stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly #mode: 'bar' | 'plain' | 'none';
  readonly #total: number | undefined;
  readonly #interval: number;
  readonly #dryRun: boolean;
  readonly #start = Date.now();
  #timer: NodeJS.Timeout | undefined;
  #counters: LoadCounters | undefined;

  constructor(options: ProgressOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#mode = options.mode ?? (this.#stream.isTTY ? 'bar' : 'plain');
    this.#total = options.totalBytes;
    this.#interval = options.intervalMs ?? (this.#mode === 'bar' ? 200 : 5000);
    this.#dryRun = options.dryRun ?? false;
  }

  /** Starts drawing `counters` (read live). */
  start(counters: LoadCounters): void {
    this.#counters = counters;
    if (this.#mode === 'none') return;
    this.#timer = setInterval(() => this.#draw(), this.#interval);
    this.#timer.unref();
  }

  #draw(): void {
    const c = this.#counters;
    if (!c) return;
    const line = progressLine(c, Date.now() - this.#start, this.#total, this.#stream.columns, this.#dryRun);
    if (this.#mode === 'bar') this.#stream.write(`\r${line}\x1b[K`);
    else this.#stream.write(`simple-kafka load: ${line}\n`);
  }

  /** Stops drawing (clears the bar line). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#mode === 'bar' && this.#counters) this.#stream.write('\r\x1b[K');
  }
}
