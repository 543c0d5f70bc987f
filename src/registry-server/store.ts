/**
 * The registry store: a {@link RegistryState} kept in step with a
 * {@link SchemaLog}.
 *
 * @remarks
 * **Records.** Every change is a *command* record with a key of its own
 * (`{"keytype":"COMMAND","id":…}`); each instance applies commands in log
 * order, so ids, versions and verdicts are decided at apply time, alike
 * everywhere. A write answers its caller once this instance has applied its
 * own record, so a client reads its writes.
 *
 * **Compaction.** Now and then the instance whose command crossed the
 * threshold writes a *snapshot* of the state as of that command's offset
 * `through` — chunk records, then a meta record, each keyed by writer and
 * epoch — and, once that is durable, tombstones every command at or before
 * `through` and every older snapshot. A compacted topic then holds the latest
 * snapshot and the commands after it: exactly the state needed. On start an
 * instance reads the log to its end, loads the newest complete snapshot and
 * applies the commands after it.
 *
 * @packageDocumentation
 */
import { randomUUID } from 'node:crypto';

import { StateError } from '../errors';
import type { SchemaLog, SchemaLogRecord } from './log';
import { RegistryState, type RegistrySnapshot } from './state';
import type { CommandResult, RegistryCommand, RegistryErrorBody } from './types';

/** Options of {@link RegistryStore}. */
export interface RegistryStoreOptions {
  /** Write a snapshot after this many commands since the last one; 0 = never. Default 1000. */
  snapshotEvery?: number;
  /** How long a write waits to be applied before answering 50002. Default 30 000 ms. */
  applyTimeoutMs?: number;
  /** Characters per snapshot chunk record. Default 131 072 (≤ 512 KiB of UTF-8). */
  snapshotChunkChars?: number;
  /** Where to report problems (never given secrets). Default: nothing. */
  onWarning?: (message: string) => void;
}

type RecordKey =
  | { keytype: 'COMMAND'; id: string }
  | { keytype: 'SNAPSHOT'; writer: string; epoch: string }
  | { keytype: 'SNAPSHOT_CHUNK'; writer: string; epoch: string; index: number };

interface SnapshotMeta {
  format: 1;
  through: number;
  chunks: number;
}

interface KnownSnapshot {
  key: string;
  writer: string;
  epoch: string;
  meta: SnapshotMeta;
}

/** The key of a command record. */
export function commandKey(id: string): string {
  return JSON.stringify({ keytype: 'COMMAND', id });
}

function snapshotKey(writer: string, epoch: string): string {
  return JSON.stringify({ keytype: 'SNAPSHOT', writer, epoch });
}

function chunkKey(writer: string, epoch: string, index: number): string {
  return JSON.stringify({ keytype: 'SNAPSHOT_CHUNK', writer, epoch, index });
}

function parseKey(key: string): RecordKey | undefined {
  try {
    const k = JSON.parse(key) as RecordKey;
    if (k && typeof k === 'object' && typeof k.keytype === 'string') return k;
  } catch {
    // not ours
  }
  return undefined;
}

const STORE_ERROR: RegistryErrorBody = { status: 500, errorCode: 50001, message: 'Error while writing to the backend Kafka store' };

/**
 * Keeps a {@link RegistryState} in step with a {@link SchemaLog} and writes
 * commands to it.
 */
export class RegistryStore {
  readonly #log: SchemaLog;
  readonly #snapshotEvery: number;
  readonly #applyTimeoutMs: number;
  readonly #chunkChars: number;
  readonly #warn: (message: string) => void;
  readonly #writer = randomUUID();
  #state = new RegistryState();
  #ready = false;
  #closed = false;
  #starting: Promise<void> | null = null;
  #buffer: SchemaLogRecord[] | null = [];
  #appliedThrough = -1;
  /** Results of this instance's commands, by command id, waiting for their record. */
  #pending = new Map<string, (result: CommandResult) => void>();
  /** Command records present in the log (not tombstoned): key → offset. */
  #commands = new Map<string, number>();
  /** Snapshot metas present in the log: key → snapshot. */
  #snapshots = new Map<string, KnownSnapshot>();
  #snapshotThrough = -1;
  #snapshotting: Promise<void> | null = null;
  #snapshotsWritten = 0;
  /** This instance's latest snapshot, tombstoned by its next one. */
  #own: KnownSnapshot[] = [];

  constructor(log: SchemaLog, options: RegistryStoreOptions = {}) {
    this.#log = log;
    this.#snapshotEvery = options.snapshotEvery ?? 1000;
    this.#applyTimeoutMs = options.applyTimeoutMs ?? 30_000;
    this.#chunkChars = options.snapshotChunkChars ?? 131_072;
    this.#warn = options.onWarning ?? (() => {});
  }

  /** The current state (read-only use). */
  get state(): RegistryState {
    return this.#state;
  }

  /** True once the log has been read to its end. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Offset of the last command applied (-1 before any). */
  get appliedThrough(): number {
    return this.#appliedThrough;
  }

  /** How many snapshots this instance has written. */
  get snapshotsWritten(): number {
    return this.#snapshotsWritten;
  }

  /** Where the log lives. */
  get description(): string {
    return this.#log.description;
  }

  /**
   * Read the log to its end and build the state. Resolves when ready.
   *
   * @throws whatever the log's `open` throws (e.g. the Kafka cluster is unreachable).
   */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    if (this.#closed) throw new StateError('registry store closed');
    await this.#log.open(
      (record) => {
        if (this.#buffer) this.#buffer.push(record);
        else this.#live(record);
      },
      (err) => this.#warn(`schema log: ${err.message}`),
    );
    const records = this.#buffer ?? [];
    this.#buffer = null;
    this.#catchUp(records);
    this.#ready = true;
  }

  /** Build the state from a prefix of the log: newest complete snapshot + the commands after it. */
  #catchUp(records: readonly SchemaLogRecord[]): void {
    const commands = new Map<string, { offset: number; value: string }>();
    const chunks = new Map<string, string>();
    for (const r of records) {
      const k = parseKey(r.key);
      if (!k) continue;
      if (k.keytype === 'COMMAND') {
        if (r.value === null) commands.delete(r.key);
        else commands.set(r.key, { offset: r.offset, value: r.value });
      } else if (k.keytype === 'SNAPSHOT') {
        this.#noteSnapshot(r.key, k, r.value);
      } else if (k.keytype === 'SNAPSHOT_CHUNK') {
        if (r.value === null) chunks.delete(r.key);
        else chunks.set(r.key, r.value);
      }
    }
    const candidates = [...this.#snapshots.values()].sort((a, b) => b.meta.through - a.meta.through);
    for (const snap of candidates) {
      const parts: string[] = [];
      for (let i = 0; i < snap.meta.chunks; i++) {
        const part = chunks.get(chunkKey(snap.writer, snap.epoch, i));
        if (part === undefined) break;
        parts.push(part);
      }
      if (parts.length !== snap.meta.chunks) {
        this.#warn(`snapshot ${snap.epoch} is incomplete; trying an older one`);
        continue;
      }
      try {
        this.#state = RegistryState.fromSnapshot(JSON.parse(parts.join('')) as RegistrySnapshot);
      } catch (err) {
        this.#warn(`snapshot ${snap.epoch} cannot be read (${(err as Error).message}); trying an older one`);
        continue;
      }
      this.#appliedThrough = snap.meta.through;
      this.#snapshotThrough = snap.meta.through;
      break;
    }
    const ordered = [...commands.entries()].sort((a, b) => a[1].offset - b[1].offset);
    for (const [key, { offset, value }] of ordered) {
      this.#commands.set(key, offset);
      if (offset > this.#appliedThrough) this.#applyCommand(key, offset, value);
    }
  }

  #noteSnapshot(key: string, k: Extract<RecordKey, { keytype: 'SNAPSHOT' }>, value: string | null): void {
    if (value === null) {
      this.#snapshots.delete(key);
      return;
    }
    try {
      const meta = JSON.parse(value) as SnapshotMeta;
      if (meta.format === 1 && Number.isInteger(meta.through) && Number.isInteger(meta.chunks)) {
        this.#snapshots.set(key, { key, writer: k.writer, epoch: k.epoch, meta });
      }
    } catch {
      this.#warn('ignoring an unreadable snapshot record');
    }
  }

  #live(record: SchemaLogRecord): void {
    const k = parseKey(record.key);
    if (!k) return;
    if (k.keytype === 'COMMAND') {
      if (record.value === null) {
        this.#commands.delete(record.key);
        return;
      }
      this.#commands.set(record.key, record.offset);
      if (record.offset <= this.#appliedThrough) return;
      const result = this.#applyCommand(record.key, record.offset, record.value);
      const resolve = this.#pending.get(k.id);
      if (resolve) {
        this.#pending.delete(k.id);
        resolve(result);
        this.#maybeSnapshot();
      }
    } else if (k.keytype === 'SNAPSHOT') {
      this.#noteSnapshot(record.key, k, record.value);
    }
  }

  #applyCommand(key: string, offset: number, value: string): CommandResult {
    this.#appliedThrough = offset;
    let cmd: RegistryCommand;
    try {
      cmd = (JSON.parse(value) as { command: RegistryCommand }).command;
    } catch {
      this.#warn(`ignoring an unreadable command record at offset ${offset}`);
      return { ok: false, error: STORE_ERROR };
    }
    try {
      return this.#state.apply(cmd);
    } catch (err) {
      // A deterministic bug would hit every instance alike; keep going.
      this.#warn(`command at offset ${offset} failed to apply: ${(err as Error).message}`);
      return { ok: false, error: { status: 500, errorCode: 50001, message: 'Error while applying a registry command' } };
    }
  }

  /**
   * Run a command: answer at once when it would change nothing (an error, a
   * schema already registered), else append it and answer with the result
   * this instance decides when it applies the record.
   */
  async execute(cmd: RegistryCommand): Promise<CommandResult> {
    if (!this.#ready || this.#closed) {
      return { ok: false, error: { status: 503, errorCode: 50003, message: this.#closed ? 'The registry is shutting down' : 'The registry is still reading its log' } };
    }
    const pre = this.#state.check(cmd);
    if (!pre.writes) return pre.result;
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const applied = new Promise<CommandResult>((resolve) => {
      this.#pending.set(id, resolve);
      timer = setTimeout(() => {
        this.#pending.delete(id);
        resolve({ ok: false, error: { status: 500, errorCode: 50002, message: 'Write to the Kafka store timed out while waiting for it to be applied' } });
      }, this.#applyTimeoutMs);
    });
    try {
      await this.#log.append(commandKey(id), JSON.stringify({ format: 1, command: cmd }));
    } catch (err) {
      this.#pending.delete(id);
      clearTimeout(timer);
      this.#warn(`append failed: ${(err as Error).message}`);
      return { ok: false, error: STORE_ERROR };
    }
    try {
      return await applied;
    } finally {
      clearTimeout(timer);
    }
  }

  #maybeSnapshot(): void {
    if (this.#snapshotEvery <= 0 || this.#snapshotting || this.#closed) return;
    let since = 0;
    for (const offset of this.#commands.values()) if (offset > this.#snapshotThrough) since++;
    if (since < this.#snapshotEvery) return;
    this.snapshot().catch((err: Error) => this.#warn(`snapshot failed: ${err.message}`));
  }

  /**
   * Write a snapshot of the state as of the last applied command, then
   * tombstone what it makes redundant. Normally automatic (`snapshotEvery`);
   * calls are serialized.
   */
  snapshot(): Promise<void> {
    const run: Promise<void> = (this.#snapshotting ?? Promise.resolve())
      .catch(() => {})
      .then(() => this.#writeSnapshot())
      .finally(() => {
        if (this.#snapshotting === run) this.#snapshotting = null;
      });
    this.#snapshotting = run;
    return run;
  }

  async #writeSnapshot(): Promise<void> {
    const through = this.#appliedThrough;
    if (through < 0 || through <= this.#snapshotThrough) return;
    const text = JSON.stringify(this.#state.toSnapshot());
    const epoch = randomUUID();
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += this.#chunkChars) chunks.push(text.slice(i, i + this.#chunkChars));
    if (chunks.length === 0) chunks.push('');
    for (let i = 0; i < chunks.length; i++) await this.#log.append(chunkKey(this.#writer, epoch, i), chunks[i]);
    const meta: SnapshotMeta = { format: 1, through, chunks: chunks.length };
    const key = snapshotKey(this.#writer, epoch);
    await this.#log.append(key, JSON.stringify(meta));
    this.#snapshotThrough = Math.max(this.#snapshotThrough, through);
    this.#snapshotsWritten++;
    // Durable: what it covers can go — commands up to `through`, older snapshots (ours even if not read back yet).
    const doomed: string[] = [];
    for (const [k, offset] of this.#commands) if (offset <= through) doomed.push(k);
    const older = new Map<string, KnownSnapshot>(this.#snapshots);
    for (const own of this.#own) older.set(own.key, own);
    for (const snap of older.values()) {
      if (snap.epoch === epoch || snap.meta.through > through) continue;
      doomed.push(snap.key);
      for (let i = 0; i < snap.meta.chunks; i++) doomed.push(chunkKey(snap.writer, snap.epoch, i));
    }
    this.#own = [{ key, writer: this.#writer, epoch, meta }];
    await Promise.all(doomed.map((k) => this.#log.append(k, null)));
  }

  /** Stop reading; pending writes answer 50001. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#snapshotting;
    for (const [id, resolve] of this.#pending) {
      this.#pending.delete(id);
      resolve({ ok: false, error: { status: 503, errorCode: 50003, message: 'The registry is shutting down' } });
    }
    await this.#log.close();
  }
}
