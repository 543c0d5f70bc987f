/**
 * The loader's checkpoint: how far each input is acknowledged, as a
 * contiguous prefix (byte offset and line number), written atomically.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { KafkaClientError } from '../errors';

/** Progress of one input in a {@link CheckpointData}. */
export interface InputCheckpoint {
  /** The input's path (absolute), or `-` for stdin. */
  path: string;
  /** Bytes of the input fully handled (every record before it acknowledged or dead-lettered). */
  offset: number;
  /** Lines consumed before {@link InputCheckpoint.offset}. */
  line: number;
  /** Records before {@link InputCheckpoint.offset} (sent and dead-lettered). */
  records: number;
  /** True when the whole input is handled. */
  done: boolean;
  /** The input's size when it was first read (files only), to notice a changed input. */
  size?: number;
}

/** What the checkpoint file holds (JSON). */
export interface CheckpointData {
  version: 1;
  topic: string;
  format: string;
  /** `at-least-once` or `exactly-once`. */
  delivery: string;
  /** Bytes handled across every input, in input order (the exactly-once position). */
  bytes: number;
  inputs: InputCheckpoint[];
  updatedAt: string;
}

/** Reads a checkpoint file; `undefined` when it does not exist. */
export function readCheckpoint(file: string): CheckpointData | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KafkaClientError('ERR_CHECKPOINT', `cannot read checkpoint ${file}: ${(err as Error).message}`, { cause: err });
  }
  let data: CheckpointData;
  try {
    data = JSON.parse(text) as CheckpointData;
  } catch (err) {
    throw new KafkaClientError('ERR_CHECKPOINT', `checkpoint ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (data === null || typeof data !== 'object' || data.version !== 1 || !Array.isArray(data.inputs)) {
    throw new KafkaClientError('ERR_CHECKPOINT', `checkpoint ${file} is not a simple-kafka load checkpoint (version 1)`);
  }
  for (const [i, inp] of data.inputs.entries()) {
    if (typeof inp?.path !== 'string' || !Number.isSafeInteger(inp.offset) || inp.offset < 0 || !Number.isSafeInteger(inp.line) || inp.line < 0) {
      throw new KafkaClientError('ERR_CHECKPOINT', `checkpoint ${file}: inputs[${i}] needs a path, an offset and a line`);
    }
  }
  return data;
}

/**
 * Writes `data` to `file` atomically: a temporary file in the same directory,
 * fsync, then rename over the old one (and fsync of the directory), so a kill
 * at any moment leaves either the old or the new checkpoint, never a torn one.
 */
export function writeCheckpoint(file: string, data: CheckpointData): void {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(data, null, 1)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

/** One unit of work whose outcome the {@link AckTracker} waits for. */
export interface TrackedChunk {
  /** Index of the input in the load's input list. */
  input: number;
  /** Byte offset just past the chunk in its input. */
  end: number;
  /** Lines consumed up to {@link TrackedChunk.end}. */
  endLine: number;
  /** Records in the chunk (sent and dead-lettered). */
  records: number;
  /** Bytes of the chunk. */
  bytes: number;
  /** True when this is the input's last chunk. */
  last: boolean;
}

/**
 * Turns out-of-order chunk completions into a contiguous acknowledged prefix
 * per input. Chunks are registered in input order with {@link AckTracker.add}
 * (which numbers them); {@link AckTracker.complete} marks one done; the
 * checkpoint advances only over chunks all of whose predecessors are done.
 */
export class AckTracker {
  readonly #data: CheckpointData;
  readonly #pending = new Map<number, TrackedChunk & { done: boolean }>();
  #next = 0;
  #head = 0;
  #dirty = false;

  /** `data` is the checkpoint to advance (from a resumed file, or fresh). */
  constructor(data: CheckpointData) {
    this.#data = data;
  }

  /** The checkpoint as it stands. */
  get data(): CheckpointData {
    return this.#data;
  }

  /** True when the checkpoint advanced since the last {@link AckTracker.takeDirty}. */
  takeDirty(): boolean {
    const d = this.#dirty;
    this.#dirty = false;
    return d;
  }

  /** Chunks registered but not yet part of the acknowledged prefix. */
  get outstanding(): number {
    return this.#next - this.#head;
  }

  /** Registers the next chunk (in input order); returns its sequence number. */
  add(chunk: TrackedChunk): number {
    const seq = this.#next++;
    this.#pending.set(seq, { ...chunk, done: false });
    return seq;
  }

  /** Marks a chunk done (with its record count, when known only now); advances the prefix as far as it is contiguous. */
  complete(seq: number, records?: number): void {
    const c = this.#pending.get(seq);
    if (!c || c.done) throw new RangeError(`chunk ${seq} is not pending`);
    c.done = true;
    if (records !== undefined) c.records = records;
    for (;;) {
      const h = this.#pending.get(this.#head);
      if (!h || !h.done) break;
      this.#pending.delete(this.#head);
      this.#head++;
      const inp = this.#data.inputs[h.input];
      inp.offset = h.end;
      inp.line = h.endLine;
      inp.records += h.records;
      if (h.last) inp.done = true;
      this.#data.bytes += h.bytes;
      this.#dirty = true;
    }
  }

  /** Marks an input done without chunks (an empty input, or one already finished). */
  markInputDone(input: number): void {
    const seq = this.add({ input, end: this.#data.inputs[input].offset, endLine: this.#data.inputs[input].line, records: 0, bytes: 0, last: true });
    this.complete(seq);
  }
}
