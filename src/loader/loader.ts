/**
 * The bulk loader behind `simple-kafka load`: files, globs or stdin in CSV,
 * JSON Lines or raw lines, to a Kafka topic, with dead letters, worker
 * threads, at-least-once or exactly-once delivery, progress and resume.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import { KafkaClientError } from '../errors';
import { Producer } from '../producer';
import type { ProducerRecord } from '../producer';
import { SchemaRegistryClient, type SchemaRegistryClientConfig } from '../registry/client';
import { AckTracker, readCheckpoint, writeCheckpoint, type CheckpointData, type InputCheckpoint } from './checkpoint';
import { CsvParser, delimiterByte, findRecordBoundary, type BoundaryState } from './csv';
import { expandGlob, hasGlob } from './glob';
import { Progress, type LoadCounters } from './progress';
import { ChunkProcessor, type ChunkOutput, type DeadLetter, type LoadFormat, type LoadSerialization, type RecordSpec } from './records';
import { unpackOutput, type WorkRequest, type WorkResult } from './worker';

/** Where the Avro schema comes from. */
export interface LoadAvroOptions {
  /** The registry client settings (`url`, auth, TLS), or a client. */
  registry: SchemaRegistryClientConfig | SchemaRegistryClient;
  /** The subject (default `<topic>-value`). */
  subject?: string;
  /** A version of the subject (default: the latest); ignored with {@link LoadAvroOptions.schemaFile}. */
  version?: number | 'latest';
  /** An `.avsc` file to register under the subject (or find, if already registered). */
  schemaFile?: string;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Files, globs, or `-` for stdin. */
  inputs: string[];
  topic: string;
  /** Input format (default `csv`). */
  format?: LoadFormat;
  /** Value serialization (default `string`); keys are always strings. */
  serialization?: LoadSerialization;
  /** CSV delimiter (default `;`). */
  delimiter?: string;
  /** CSV: the first record of each input names the columns. */
  header?: boolean;
  /** CSV: the column names (instead of a header). */
  columns?: string[];
  /** CSV key column: a name, a 1-based number, or `null` for no key (default the first column). */
  keyColumn?: string | number | null;
  /** CSV value column (name or number). */
  valueColumn?: string | number;
  /** JSON Lines: the field holding the key (dotted path). */
  keyField?: string;
  /** JSON Lines: the field holding the value (dotted path; default the whole object). */
  valueField?: string;
  /** Avro serialization settings (needed with `serialization: 'avro'`). */
  avro?: LoadAvroOptions;
  /** Dead-letter file (JSON lines); without it, a bad record stops the load. */
  deadLetter?: string;
  /**
   * Worker threads that parse and serialize. Default: 0 (the main thread) for
   * string values; for JSON and Avro, one per spare core, at most 2.
   */
  workers?: number;
  /** Transactional producer, one transaction per chunk (default false: at-least-once). */
  exactlyOnce?: boolean;
  /** The `transactional.id` with exactly-once (default derived from the topic and the checkpoint path). */
  transactionalId?: string;
  /** Parse and serialize only; send nothing. */
  dryRun?: boolean;
  /** Checkpoint file. */
  checkpoint?: string;
  /** Continue from the checkpoint. */
  resume?: boolean;
  /** Producer configuration (librdkafka keys): the connection, and any producer settings. */
  kafka?: Record<string, unknown>;
  /** Aborting stops reading; what was read is still sent and checkpointed, then the load resolves (not ok). */
  signal?: AbortSignal;
  /** How long to wait for the cluster at the start, in ms (default 30 000). */
  connectTimeoutMs?: number;
  /** Show librdkafka's own log lines on stderr (default false: problems surface as the load's errors). */
  clientLogs?: boolean;
  /** Bytes read per chunk (default 256 KiB; 1 MiB with exactly-once, a transaction per chunk). */
  chunkBytes?: number;
  /** Longest record held in memory while looking for its end (default 64 MiB); longer stops the load. */
  maxRecordBytes?: number;
  /** Chunks being parsed or sent at once (default 16). */
  maxChunksInFlight?: number;
  /** Throttle: at most this many lines per second are handed on (default unlimited). */
  rateLimit?: number;
  /** Progress display (default: bar on a TTY, plain lines otherwise). */
  progress?: 'bar' | 'plain' | 'none';
  /** Milliseconds between plain progress lines (default 5000). */
  progressIntervalMs?: number;
  /** Milliseconds between checkpoint writes with at-least-once (default 500). */
  checkpointIntervalMs?: number;
  /** Where progress and notes go (default process.stderr). */
  stderr?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** The stdin stream for `-` (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Resolves relative inputs and globs (default process.cwd()). */
  cwd?: string;
}

/** The outcome of {@link runLoad}. */
export interface LoadSummary extends LoadCounters {
  /** True when every record read was acknowledged or dead-lettered. */
  ok: boolean;
  /** Why the load stopped early, when it did. */
  error?: string;
  /** Inputs loaded (after glob expansion). */
  inputs: number;
  /** Records skipped because a previous run (the checkpoint) handled them. */
  resumedRecords: number;
  elapsedMs: number;
  /** Acknowledged records per second. */
  recordsPerSecond: number;
  /** Input megabytes per second. */
  megabytesPerSecond: number;
  dryRun: boolean;
}

interface Input {
  /** As given (for messages and dead letters). */
  name: string;
  /** Absolute path, or `-`. */
  path: string;
  size?: number;
}

interface ChunkMeta {
  seq: number;
  input: number;
  /** Offset just past the chunk. */
  end: number;
  firstLine: number;
  endLine: number;
  bytes: number;
}

/** Error code of loader usage and input errors. */
const ERR_LOAD = 'ERR_LOAD';
/** Inputs per exactly-once position: position = input index × 2^40 + byte offset. */
const EO_INPUT_STRIDE = 2 ** 40;

function loadError(message: string, cause?: unknown): KafkaClientError {
  return new KafkaClientError(ERR_LOAD, message, cause === undefined ? {} : { cause });
}

/** Expands the inputs: `-` is stdin, globs are expanded (each must match), files must exist. */
export function resolveInputs(patterns: readonly string[], cwd = process.cwd()): Array<{ name: string; path: string; size?: number }> {
  if (patterns.length === 0) throw loadError('no input: give files, globs, or - for stdin');
  const out: Input[] = [];
  const seen = new Set<string>();
  const push = (name: string): void => {
    if (name === '-') {
      if (seen.has('-')) throw loadError('stdin (-) is given twice');
      seen.add('-');
      out.push({ name, path: '-' });
      return;
    }
    const abs = path.resolve(cwd, name);
    if (seen.has(abs)) return;
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (err) {
      throw loadError(`input ${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, err);
    }
    if (!st.isFile()) throw loadError(`input ${name}: not a regular file`);
    seen.add(abs);
    out.push({ name, path: abs, size: st.size });
  };
  for (const p of patterns) {
    if (p !== '-' && hasGlob(p) && !fs.existsSync(path.resolve(cwd, p))) {
      const matches = expandGlob(p, cwd);
      if (matches.length === 0) throw loadError(`input ${p}: no file matches`);
      matches.forEach(push);
    } else push(p);
  }
  return out;
}

/**
 * The default number of worker threads: none for string values (slicing the
 * input costs less than handing records across threads), else one per spare
 * core, at most 2 (JSON parsing and Avro encoding then run beside the producer).
 */
export function defaultWorkers(serialization: LoadSerialization, cores = os.availableParallelism()): number {
  return serialization === 'string' ? 0 : Math.min(2, Math.max(1, cores - 1));
}

/** Creates a worker thread running `worker.ts`/`worker.js`, also from TypeScript sources. */
function startWorker(spec: RecordSpec): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  if (ext === '.ts') {
    // Running from sources (tests): transpile on load inside the worker.
    const code = `
      const ts = require(${JSON.stringify(require.resolve('typescript'))});
      const fs = require('fs');
      require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { fileName: f, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, f);
      require(${JSON.stringify(file)});`;
    return new Worker(code, { eval: true, workerData: { spec } });
  }
  return new Worker(file, { workerData: { spec } });
}

/** A pool of parse-and-serialize workers. */
class WorkerPool {
  readonly #workers: Worker[] = [];
  readonly #load: number[] = [];
  readonly #waiting = new Map<number, { worker: number; resolve: (o: ChunkOutput) => void; reject: (e: Error) => void }>();
  #closed = false;

  constructor(n: number, spec: RecordSpec) {
    for (let i = 0; i < n; i++) {
      const w = startWorker(spec);
      w.on('message', (r: WorkResult) => {
        const p = this.#waiting.get(r.seq);
        if (!p) return;
        this.#waiting.delete(r.seq);
        this.#load[i]--;
        if (r.error !== undefined) p.reject(loadError(`worker: ${r.error}`));
        else p.resolve(unpackOutput(r));
      });
      const fail = (err: Error): void => {
        for (const [seq, p] of this.#waiting) {
          if (p.worker !== i) continue;
          this.#waiting.delete(seq);
          p.reject(loadError(`worker thread ${i} failed: ${err.message}`, err));
        }
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!this.#closed) fail(new Error(`exited with code ${code}`));
      });
      this.#workers.push(w);
      this.#load.push(0);
    }
  }

  run(req: WorkRequest): Promise<ChunkOutput> {
    let best = 0;
    for (let i = 1; i < this.#load.length; i++) if (this.#load[i] < this.#load[best]) best = i;
    this.#load[best]++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(req.seq, { worker: best, resolve, reject });
      this.#workers[best].postMessage(req);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** Reads a CSV header (the first record) of a file. */
function readHeaderSync(file: string, delimiter: string): { names: string[]; end: number; lines: number } | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const parser = new CsvParser({ delimiter });
    const buf = Buffer.alloc(64 * 1024);
    let pos = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      const recs = n === 0 ? parser.end() : parser.push(Buffer.from(buf.subarray(0, n)));
      if (recs.length > 0) return headerOf(recs[0].fields, recs[0].error, recs[0].end, file);
      if (n === 0) return undefined;
      pos += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function headerOf(fields: Buffer[], error: string | undefined, end: number, name: string): { names: string[]; end: number; lines: number } {
  if (error !== undefined) throw loadError(`${name}: the header line is malformed: ${error}`);
  const names = fields.map((f) => f.toString('utf8').trim());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw loadError(`${name}: the header names column "${dup}" twice`);
  return { names, end, lines: 0 };
}

function countLf(buf: Buffer, from = 0, to = buf.length): number {
  let n = 0;
  let i = buf.indexOf(0x0a, from);
  while (i >= 0 && i < to) {
    n++;
    i = buf.indexOf(0x0a, i + 1);
  }
  return n;
}

/** The default `transactional.id` for exactly-once: stable for one topic and checkpoint. */
export function defaultTransactionalId(topic: string, checkpoint: string | undefined, inputs: readonly string[]): string {
  const h = createHash('sha256')
    .update(JSON.stringify([topic, checkpoint ? path.resolve(checkpoint) : null, checkpoint ? [] : inputs]))
    .digest('hex')
    .slice(0, 16);
  return `simple-kafka-load-${topic}-${h}`;
}

/**
 * Loads inputs into a topic. Resolves with the summary (also when the load
 * failed part way: `ok` is false and `error` says why); rejects only for
 * usage errors found before anything is sent.
 *
 * @throws {@link KafkaClientError} `ERR_LOAD` for bad options or inputs (naming the option or file);
 *   {@link ConfigError} for a bad producer configuration; registry errors while resolving the schema.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const started = Date.now();
  const stderr = options.stderr ?? process.stderr;
  const format = options.format ?? 'csv';
  const serialization = options.serialization ?? 'string';
  const delimiter = options.delimiter ?? ';';
  const exactlyOnce = options.exactlyOnce === true;
  const dryRun = options.dryRun === true;
  // A transaction per chunk: larger chunks with exactly-once amortize the commit round trips.
  const chunkBytes = options.chunkBytes ?? (exactlyOnce ? 1024 * 1024 : 256 * 1024);
  const maxRecordBytes = options.maxRecordBytes ?? 64 * 1024 * 1024;
  const workers = options.workers ?? defaultWorkers(options.serialization ?? 'string');
  if (!['csv', 'jsonl', 'lines'].includes(format)) throw loadError(`--format must be csv, jsonl or lines, got ${JSON.stringify(format)}`);
  if (!['string', 'json', 'avro'].includes(serialization)) throw loadError(`--serialization must be string, json or avro, got ${JSON.stringify(serialization)}`);
  if (typeof options.topic !== 'string' || !/^[A-Za-z0-9._-]{1,249}$/.test(options.topic)) throw loadError(`topic ${JSON.stringify(options.topic)} is not a valid topic name`);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) throw loadError('--workers must be an integer from 0 to 64');
  if (options.resume && !options.checkpoint) throw loadError('--resume needs --checkpoint FILE');
  if (exactlyOnce && dryRun) throw loadError('--exactly-once and --dry-run do not go together');
  if (options.header && options.columns) throw loadError('--header and --columns do not go together');
  if (format === 'csv') {
    try {
      delimiterByte(delimiter);
    } catch (err) {
      throw loadError(`--delimiter: ${(err as Error).message}`);
    }
  }
  if (format !== 'csv' && (options.header || options.columns || options.valueColumn !== undefined || (options.keyColumn !== undefined && options.keyColumn !== null))) {
    throw loadError(`--header, --columns, --key-column and --value-column are CSV options; with --format ${format} use --key-field / --value-field`);
  }
  if (format !== 'jsonl' && (options.keyField !== undefined || options.valueField !== undefined)) throw loadError('--key-field and --value-field are JSON Lines options (--format jsonl)');

  const inputs = resolveInputs(options.inputs, options.cwd);

  // Avro: resolve the writer schema and its id once; workers encode with them.
  let avroSpec: RecordSpec['avro'];
  let ownRegistry: SchemaRegistryClient | undefined;
  if (serialization === 'avro') {
    if (!options.avro) throw loadError('--serialization avro needs --registry URL (and --subject or --schema)');
    const registry = options.avro.registry instanceof SchemaRegistryClient ? options.avro.registry : (ownRegistry = new SchemaRegistryClient(options.avro.registry));
    const subject = options.avro.subject ?? `${options.topic}-value`;
    try {
      if (options.avro.schemaFile) {
        let text: string;
        try {
          text = fs.readFileSync(options.avro.schemaFile, 'utf8');
          JSON.parse(text);
        } catch (err) {
          throw loadError(`--schema ${options.avro.schemaFile}: ${(err as Error).message}`, err);
        }
        const id = await registry.registerSchema(subject, { schema: text });
        avroSpec = { schema: text, id };
      } else {
        const got = await registry.getVersion(subject, options.avro.version ?? 'latest');
        if (got.references && got.references.length > 0) throw loadError(`subject ${subject}: schemas with references are not supported by the loader`);
        if (got.schemaType && got.schemaType !== 'AVRO') throw loadError(`subject ${subject} version ${got.version} is a ${got.schemaType} schema, not Avro`);
        avroSpec = { schema: got.schema, id: got.id };
      }
    } finally {
      ownRegistry?.close();
    }
  }

  const spec: RecordSpec = {
    format,
    serialization,
    topic: options.topic,
    delimiter,
    header: options.header,
    keyColumn: options.keyColumn,
    valueColumn: options.valueColumn,
    keyField: options.keyField,
    valueField: options.valueField,
    avro: avroSpec,
  };
  // Checks the spec (columns, key and value) on this thread, with a clear error.
  let mainProcessor: ChunkProcessor;
  try {
    mainProcessor = new ChunkProcessor(spec, options.columns);
  } catch (err) {
    throw loadError((err as Error).message, err);
  }

  // Checkpoint.
  let previous: CheckpointData | undefined;
  if (options.resume && options.checkpoint) {
    previous = readCheckpoint(options.checkpoint);
    if (previous === undefined) stderr.write(`simple-kafka load: no checkpoint at ${options.checkpoint} yet: starting from the beginning\n`);
    else if (previous.topic !== options.topic) throw loadError(`checkpoint ${options.checkpoint} is for topic ${previous.topic}, not ${options.topic}`);
  }
  const delivery = exactlyOnce ? 'exactly-once' : 'at-least-once';
  const data: CheckpointData = {
    version: 1,
    topic: options.topic,
    format,
    delivery,
    bytes: previous?.bytes ?? 0,
    inputs: inputs.map((inp): InputCheckpoint => {
      const prev = previous?.inputs.find((p) => p.path === inp.path);
      if (prev && inp.size !== undefined && prev.offset > inp.size) {
        throw loadError(`input ${inp.name} is ${inp.size} bytes, shorter than its checkpoint offset ${prev.offset}: it changed since the checkpoint was written`);
      }
      return prev ? { ...prev, records: prev.records ?? 0 } : { path: inp.path, offset: 0, line: 0, records: 0, done: false, size: inp.size };
    }),
    updatedAt: new Date().toISOString(),
  };
  if (exactlyOnce && previous && JSON.stringify(previous.inputs.map((i) => i.path)) !== JSON.stringify(inputs.map((i) => i.path))) {
    throw loadError(`--exactly-once --resume needs the same inputs in the same order as the checkpoint (${previous.inputs.map((i) => i.path).join(', ')})`);
  }
  const resumedRecords = data.inputs.reduce((a, i) => a + i.records, 0);

  // Producer.
  let producer: Producer | undefined;
  const transactionalId = exactlyOnce ? (options.transactionalId ?? defaultTransactionalId(options.topic, options.checkpoint, inputs.map((i) => i.path))) : undefined;
  /** Where each input starts this run: bytes before `skipTo` are skipped (counting lines from `offset`). */
  const skipTo = data.inputs.map((i) => i.offset);
  if (!dryRun) {
    const kafka = options.kafka ?? {};
    if (kafka['bootstrap.servers'] === undefined && kafka['metadata.broker.list'] === undefined) {
      throw loadError('no Kafka bootstrap servers: pass --bootstrap, set bootstrap.servers in --config, or set SK_BOOTSTRAP_SERVERS');
    }
    const conf: Record<string, unknown> = {
      acks: 'all',
      'enable.idempotence': true,
      'linger.ms': 10,
      logger: (r: { severity: number; fac: string; message: string }) => {
        if (options.clientLogs) stderr.write(`librdkafka ${r.fac}: ${r.message}\n`);
      },
      ...kafka,
      ...(exactlyOnce ? { 'transactional.id': transactionalId } : {}),
    };
    producer = new Producer(conf as never);
    try {
      const timeoutMs = options.connectTimeoutMs ?? 30_000;
      try {
        await producer.connect({ timeoutMs });
      } catch (err) {
        const servers = String(kafka['bootstrap.servers'] ?? kafka['metadata.broker.list']);
        throw loadError(`cannot reach the Kafka cluster at ${servers} within ${timeoutMs} ms: ${(err as Error).message}`, err);
      }
      if (exactlyOnce) {
        await producer.initTransactions();
        if (options.resume) await reconcileExactlyOnce(kafka, transactionalId!, options.topic, data, skipTo, inputs);
      }
    } catch (err) {
      await producer.close({ timeoutMs: 5000 }).catch(() => undefined);
      throw err;
    }
  }

  const counters: LoadCounters = { read: 0, sent: 0, acknowledged: 0, deadLettered: 0, failed: 0, bytes: 0, bytesDone: 0 };
  const totalBytes = inputs.every((i) => i.size !== undefined)
    ? inputs.reduce((a, inp, i) => a + (data.inputs[i].done ? 0 : inp.size! - data.inputs[i].offset), 0)
    : undefined;
  const progress = new Progress({ stream: stderr, mode: options.progress, totalBytes, intervalMs: options.progressIntervalMs, dryRun });
  const tracker = new AckTracker(data);
  let deadFd: number | undefined;
  if (options.deadLetter) {
    try {
      deadFd = fs.openSync(options.deadLetter, 'a');
    } catch (err) {
      await producer?.close();
      throw loadError(`--dead-letter ${options.deadLetter}: ${(err as Error).message}`, err);
    }
  }
  const pool = workers > 0 ? new WorkerPool(workers, spec) : undefined;

  let failure: string | undefined;
  const fail = (reason: string): void => {
    failure ??= reason;
  };

  let stopping = false;
  const onAbort = (): void => void (stopping = true);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const saveCheckpoint = (): void => {
    if (!options.checkpoint) return;
    if (deadFd !== undefined) fs.fdatasyncSync(deadFd);
    data.updatedAt = new Date().toISOString();
    writeCheckpoint(options.checkpoint, data);
  };
  const checkpointTimer =
    options.checkpoint && !exactlyOnce
      ? setInterval(() => {
          if (tracker.takeDirty()) {
            try {
              saveCheckpoint();
            } catch (err) {
              fail(`cannot write checkpoint ${options.checkpoint}: ${(err as Error).message}`);
            }
          }
        }, options.checkpointIntervalMs ?? 500)
      : undefined;

  // Ordering: chunks are processed in parallel but handed to the producer in sequence order.
  const metas = new Map<number, ChunkMeta>();
  const ready = new Map<number, ChunkOutput>();
  let nextToSend = 0;
  let inFlight = 0;
  const maxInFlight = options.maxChunksInFlight ?? Math.max(16, workers * 4);
  let slotWaiter: (() => void) | undefined;
  const sends = new Set<Promise<void>>();
  let txnChain: Promise<void> = Promise.resolve();
  let columnsOf: string[] | undefined = options.columns;
  let throttled = 0;
  const releaseSlot = (): void => {
    inFlight--;
    const w = slotWaiter;
    slotWaiter = undefined;
    w?.();
  };

  const writeDead = (inputName: string, dead: DeadLetter[]): void => {
    if (dead.length === 0) return;
    if (deadFd === undefined) {
      const d = dead[0];
      fail(`${inputName}:${d.line}: ${d.reason} (pass --dead-letter FILE to set bad records aside and go on)`);
      return;
    }
    const text = dead.map((d) => JSON.stringify({ source: inputName, line: d.line, reason: d.reason, raw: d.raw })).join('\n') + '\n';
    fs.writeSync(deadFd, text);
    counters.deadLettered += dead.length;
  };

  const dispatch = (meta: ChunkMeta, out: ChunkOutput): void => {
    const inputName = inputs[meta.input].name;
    counters.read += out.records;
    writeDead(inputName, out.dead);
    if (failure !== undefined) {
      releaseSlot();
      return;
    }
    const n = out.keys.length;
    const done = (): void => {
      counters.bytesDone += meta.bytes;
      tracker.complete(meta.seq, out.records);
      releaseSlot();
    };
    if (producer === undefined || n === 0) {
      done();
      return;
    }
    const records = new Array<ProducerRecord>(n);
    for (let i = 0; i < n; i++) records[i] = { topic: options.topic, key: out.keys[i], value: out.values[i] };
    counters.sent += n;
    const p = producer;
    let sending: Promise<void>;
    if (exactlyOnce) {
      sending = txnChain = txnChain.then(async () => {
        if (failure !== undefined) {
          releaseSlot();
          return;
        }
        try {
          p.beginTransaction();
          await p.sendBatch(records);
          await p.sendOffsetsToTransaction([{ topic: options.topic, partition: 0, offset: meta.input * EO_INPUT_STRIDE + meta.end }], transactionalId!);
          await p.commitTransaction();
        } catch (err) {
          counters.failed += n;
          fail(`transaction for ${inputName} lines ${meta.firstLine}-${meta.endLine} failed: ${(err as Error).message}`);
          await p.abortTransaction().catch(() => undefined);
          releaseSlot();
          return;
        }
        counters.acknowledged += n;
        done();
        if (options.checkpoint && tracker.takeDirty()) saveCheckpoint();
      });
    } else {
      sending = p.sendBatch(records).then(
        () => {
          counters.acknowledged += n;
          done();
        },
        (err: unknown) => {
          const results = (err as { results?: unknown[] }).results;
          const bad = Array.isArray(results) ? results.filter((r) => r instanceof Error).length : n;
          counters.acknowledged += n - bad;
          counters.failed += bad;
          fail(`delivery failed for ${bad} record(s) of ${inputName} lines ${meta.firstLine}-${meta.endLine}: ${(err as Error).message}`);
          releaseSlot();
        },
      );
    }
    sends.add(sending);
    void sending.finally(() => sends.delete(sending));
  };

  const drainReady = (): void => {
    for (;;) {
      const out = ready.get(nextToSend);
      if (out === undefined) return;
      ready.delete(nextToSend);
      const meta = metas.get(nextToSend)!;
      metas.delete(nextToSend);
      nextToSend++;
      dispatch(meta, out);
    }
  };

  /** Queues a chunk (whole records) for parsing and sending; `endLine` is the line count at its end. */
  const submit = async (input: number, chunk: Buffer, firstLine: number, endLine: number, end: number, last: boolean): Promise<void> => {
    while (inFlight >= maxInFlight && failure === undefined && !stopping) await new Promise<void>((r) => (slotWaiter = r));
    if (failure !== undefined || stopping) return;
    if (options.rateLimit !== undefined && options.rateLimit > 0) {
      throttled += endLine - firstLine + 1;
      const due = started + (throttled / options.rateLimit) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (failure !== undefined) return;
    }
    const seq = tracker.add({ input, end, endLine, records: 0, bytes: chunk.length, last });
    const meta: ChunkMeta = { seq, input, end, firstLine, endLine, bytes: chunk.length };
    metas.set(seq, meta);
    inFlight++;
    counters.bytes += chunk.length;
    const work = pool
      ? pool.run({ seq, chunk, firstLine, columns: columnsOf })
      : (async () => {
          if (format === 'csv' && columnsOf !== options.columns) mainProcessor.setColumns(columnsOf);
          return mainProcessor.process(chunk, firstLine);
        })();
    work.then(
      (out) => {
        ready.set(seq, out);
        drainReady();
      },
      (err: unknown) => {
        fail(`${inputs[input].name}: ${(err as Error).message}`);
        // Keep the order machinery moving: an empty result that sends nothing (and never completes the chunk).
        ready.set(seq, { keys: [], values: [], dead: [], records: 0 });
        metas.set(seq, meta);
        drainReady();
      },
    );
  };

  const readInput = async (index: number): Promise<void> => {
    const inp = inputs[index];
    const state = data.inputs[index];
    if (state.done) return;
    const csv = format === 'csv';
    let columnsHere = options.columns;
    let start = skipTo[index];
    const lineAtStart = state.line; // lines before state.offset
    let countFrom = state.offset;
    let stream: NodeJS.ReadableStream;
    let pos: number;
    if (inp.path === '-') {
      stream = options.stdin ?? process.stdin;
      pos = 0;
    } else {
      if (csv && options.header && countFrom > 0) {
        const h = readHeaderSync(inp.path, delimiter);
        if (!h) throw loadError(`${inp.name}: no header line`);
        columnsHere = h.names;
      }
      stream = fs.createReadStream(inp.path, { start: countFrom, highWaterMark: chunkBytes });
      pos = countFrom;
    }
    let needHeader = csv && options.header === true && (countFrom === 0 || inp.path === '-');
    const resumingStdin = inp.path === '-' && countFrom > 0;
    let rem: Buffer = Buffer.alloc(0);
    const bstate: BoundaryState = { state: 0 };
    const delimByte = csv ? delimiterByte(delimiter) : undefined;
    let line = lineAtStart;
    /** Absolute offset of rem[0]. */
    let remAt = pos;
    for await (const piece of stream as AsyncIterable<Buffer | string>) {
      if (failure !== undefined || stopping) break;
      let buf: Buffer = typeof piece === 'string' ? Buffer.from(piece) : piece;
      const bufAt = pos;
      pos += buf.length;
      // Skip what the checkpoint covers (stdin, or exactly-once lines counted from the file checkpoint).
      if (!needHeader && bufAt + buf.length <= start) {
        if (bufAt + buf.length > countFrom) line += countLf(buf, Math.max(0, countFrom - bufAt));
        remAt = pos;
        continue;
      }
      if (!needHeader && bufAt < start) {
        if (start > countFrom) line += countLf(buf, Math.max(0, countFrom - bufAt), start - bufAt);
        buf = buf.subarray(start - bufAt);
        remAt = start;
      }
      let all = rem.length === 0 ? buf : Buffer.concat([rem, buf]);
      if (needHeader) {
        const parser = new CsvParser({ delimiter });
        const recs = parser.push(all);
        if (recs.length === 0) {
          rem = all;
          continue;
        }
        const h = headerOf(recs[0].fields, recs[0].error, recs[0].end, inp.name);
        columnsHere = h.names;
        needHeader = false;
        if (!resumingStdin) line += countLf(all, 0, h.end);
        all = all.subarray(h.end);
        remAt += h.end;
        if (start < remAt) start = remAt;
        countFrom = Math.max(countFrom, remAt);
        if (remAt < start) {
          // stdin resumed: the header came first; now skip up to the checkpoint.
          const skip = Math.min(all.length, start - remAt);
          if (start > countFrom) line += countLf(all, Math.max(0, countFrom - remAt), skip);
          all = all.subarray(skip);
          remAt += skip;
          countFrom = Math.max(countFrom, remAt);
        }
        rem = Buffer.alloc(0);
        if (columnsOf !== columnsHere) columnsOf = columnsHere;
      }
      if (all.length === 0) continue;
      const b = findRecordBoundary(all, rem.length, bstate, delimByte);
      if (b < 0) {
        rem = all;
        if (rem.length > maxRecordBytes) {
          throw loadError(`${inp.name}: the record starting on line ${line + 1} is longer than ${maxRecordBytes} bytes${csv ? ' (an unterminated quote?)' : ''}`);
        }
        continue;
      }
      const chunk = all.subarray(0, b);
      rem = all.subarray(b);
      const chunkEnd = remAt + b;
      columnsOf = columnsHere;
      const endLine = line + countLf(chunk);
      await submit(index, chunk, line + 1, endLine, chunkEnd, false);
      line = endLine;
      remAt = chunkEnd;
    }
    if (failure !== undefined || stopping) return;
    if (needHeader) {
      // The input ended before a complete header line.
      if (rem.length > 0) {
        const parser = new CsvParser({ delimiter });
        const recs = [...parser.push(rem), ...parser.end()];
        if (recs.length > 0) headerOf(recs[0].fields, recs[0].error, recs[0].end, inp.name);
        remAt += rem.length;
        rem = Buffer.alloc(0);
      }
    }
    columnsOf = columnsHere;
    if (rem.length > 0) {
      await submit(index, rem, line + 1, line + countLf(rem), remAt + rem.length, true);
    } else {
      await submit(index, Buffer.alloc(0), line + 1, line, remAt, true);
    }
  };

  progress.start(counters);
  try {
    for (let i = 0; i < inputs.length && failure === undefined && !stopping; i++) {
      try {
        await readInput(i);
      } catch (err) {
        fail(err instanceof KafkaClientError ? err.message : `${inputs[i].name}: ${(err as Error).message}`);
      }
    }
    // Wait until every chunk is processed and dispatched, then every send settled.
    while (inFlight > 0) {
      if (sends.size > 0) await Promise.race([...sends, new Promise<void>((r) => (slotWaiter = r))]);
      else await new Promise<void>((r) => (slotWaiter = r));
    }
    await Promise.allSettled([...sends, txnChain]);
    if (stopping) fail('interrupted: stopped reading; every record read before was sent and checkpointed; --resume continues');
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    progress.stop();
    if (checkpointTimer) clearInterval(checkpointTimer);
    await pool?.close();
    if (producer) {
      await producer.close().catch((err: unknown) => fail(`closing the producer: ${(err as Error).message}`));
    }
    try {
      if (tracker.takeDirty() || options.checkpoint) saveCheckpoint();
    } catch (err) {
      fail(`cannot write checkpoint ${options.checkpoint}: ${(err as Error).message}`);
    }
    if (deadFd !== undefined) fs.closeSync(deadFd);
  }

  const elapsedMs = Date.now() - started;
  const secs = Math.max(elapsedMs / 1000, 1e-3);
  const handled = dryRun ? counters.read - counters.deadLettered : counters.acknowledged;
  const ok = failure === undefined && counters.failed === 0 && handled + counters.deadLettered === counters.read;
  return {
    ...counters,
    ok,
    error: failure ?? (ok ? undefined : `${counters.read - handled - counters.deadLettered} record(s) neither acknowledged nor dead-lettered`),
    inputs: inputs.length,
    resumedRecords,
    elapsedMs,
    recordsPerSecond: (dryRun ? counters.read : counters.acknowledged) / secs,
    megabytesPerSecond: counters.bytesDone / secs / 1e6,
    dryRun,
  };
}

/**
 * With exactly-once, the authoritative position is the offset committed in
 * the same transaction as the records (group = the transactional id,
 * partition 0 of the topic, value = input index × 2^40 + byte offset). The
 * checkpoint file can lag it by one chunk when a kill came between commit and
 * file write: move the start forward to the committed position.
 */
async function reconcileExactlyOnce(
  kafka: Record<string, unknown>,
  group: string,
  topic: string,
  data: CheckpointData,
  skipTo: number[],
  inputs: readonly Input[],
): Promise<void> {
  const { AdminClient } = await import('../admin');
  const admin = new AdminClient(kafka as never);
  let committed: number;
  try {
    const [tp] = await admin.listConsumerGroupOffsets(group, { partitions: [{ topic, partition: 0 }] });
    committed = tp && tp.offset >= 0 ? tp.offset : -1;
  } finally {
    await admin.close();
  }
  if (committed < 0) return;
  const input = Math.floor(committed / EO_INPUT_STRIDE);
  const offset = committed % EO_INPUT_STRIDE;
  if (input >= inputs.length) throw loadError(`the committed load position names input #${input + 1}, but there are ${inputs.length} inputs`);
  for (let i = 0; i < input; i++) {
    if (!data.inputs[i].done) {
      data.inputs[i].done = true;
      if (inputs[i].size !== undefined) skipTo[i] = data.inputs[i].offset = inputs[i].size!;
    }
  }
  const cur = data.inputs[input];
  if (offset > cur.offset) skipTo[input] = offset;
  if (inputs[input].size !== undefined && offset >= inputs[input].size!) cur.done = true;
}
