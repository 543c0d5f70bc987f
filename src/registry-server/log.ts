/**
 * The schema log: an ordered, durable sequence of keyed records that every
 * registry instance reads in full and in the same order. Kafka provides it in
 * production ({@link KafkaSchemaLog}); {@link MemorySchemaTopic} provides it
 * in-process for tests and `mock://`-style use.
 *
 * @packageDocumentation
 */
import { StateError } from '../errors';

/** One record as read back from the log. `value === null` is a tombstone. */
export interface SchemaLogRecord {
  /** Position in the log; increases strictly, may have gaps (compaction). */
  offset: number;
  key: string;
  value: string | null;
}

/**
 * What a registry store needs from its log.
 *
 * @remarks
 * Records must be delivered to `onRecord` in offset order, each once, from
 * the beginning of the log, including records this instance appended.
 */
export interface SchemaLog {
  /** Where the log lives, for messages (never holds credentials). */
  readonly description: string;
  /**
   * Start reading from the beginning. Resolves once every record that was in
   * the log when `open` was called has been passed to `onRecord`; later
   * records keep arriving until {@link SchemaLog.close}.
   *
   * @param onError - a failure while reading live records (the log keeps trying).
   */
  open(onRecord: (record: SchemaLogRecord) => void, onError?: (err: Error) => void): Promise<void>;
  /** Append one record; resolves with its offset once it is durable. */
  append(key: string, value: string | null): Promise<number>;
  /** Stop reading and release resources. Idempotent. */
  close(): Promise<void>;
}

/** Options of {@link MemorySchemaTopic}. */
export interface MemorySchemaTopicOptions {
  /** A name for messages. */
  name?: string;
}

/**
 * An in-memory "topic" that several {@link SchemaLog}s (one per registry
 * instance) can share, with Kafka's compaction semantics on demand.
 */
export class MemorySchemaTopic {
  readonly name: string;
  #records: SchemaLogRecord[] = [];
  #nextOffset = 0;
  #listeners = new Set<() => void>();
  /** When set, appends fail with this error (fault injection). */
  failAppends: Error | null = null;

  constructor(options: MemorySchemaTopicOptions = {}) {
    this.name = options.name ?? 'memory';
  }

  /** The records currently held, in order. */
  records(): readonly SchemaLogRecord[] {
    return this.#records;
  }

  /** The offset the next record will get. */
  get endOffset(): number {
    return this.#nextOffset;
  }

  /** Append a record; returns its offset. */
  append(key: string, value: string | null): number {
    if (this.failAppends) throw this.failAppends;
    const offset = this.#nextOffset++;
    this.#records.push({ offset, key, value });
    for (const l of this.#listeners) l();
    return offset;
  }

  /**
   * Compact as Kafka's log cleaner would at its most thorough: keep only the
   * last record of each key (offsets unchanged) and, with `dropTombstones`,
   * remove tombstones as well (as after `delete.retention.ms`).
   */
  compact(dropTombstones = true): void {
    const last = new Map<string, number>();
    for (const r of this.#records) last.set(r.key, r.offset);
    this.#records = this.#records.filter((r) => last.get(r.key) === r.offset && !(dropTombstones && r.value === null));
  }

  /** A new reader/writer of this topic, for one registry instance. */
  log(): SchemaLog {
    return new MemorySchemaLog(this);
  }

  /** @internal */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/**
 * A {@link SchemaLog} over a {@link MemorySchemaTopic}. Records are delivered
 * asynchronously, as from Kafka.
 */
export class MemorySchemaLog implements SchemaLog {
  readonly description: string;
  readonly topic: MemorySchemaTopic;
  #nextOffset = 0;
  #onRecord: ((r: SchemaLogRecord) => void) | null = null;
  #unsubscribe: (() => void) | null = null;
  #scheduled = false;
  #closed = false;

  constructor(topic: MemorySchemaTopic = new MemorySchemaTopic()) {
    this.topic = topic;
    this.description = `memory topic ${topic.name}`;
  }

  async open(onRecord: (record: SchemaLogRecord) => void): Promise<void> {
    if (this.#onRecord) throw new StateError('schema log already open');
    if (this.#closed) throw new StateError('schema log closed');
    this.#onRecord = onRecord;
    const end = this.topic.endOffset;
    this.#drain(end);
    this.#unsubscribe = this.topic.subscribe(() => this.#schedule());
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#closed) this.#drain(this.topic.endOffset);
    });
  }

  #drain(until: number): void {
    const deliver = this.#onRecord;
    if (!deliver) return;
    for (const r of this.topic.records()) {
      if (r.offset < this.#nextOffset) continue;
      if (r.offset >= until || this.#closed) break;
      this.#nextOffset = r.offset + 1;
      deliver({ ...r });
    }
    if (this.#nextOffset < until) this.#nextOffset = until;
  }

  async append(key: string, value: string | null): Promise<number> {
    if (this.#closed) throw new StateError('schema log closed');
    await Promise.resolve();
    return this.topic.append(key, value);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
