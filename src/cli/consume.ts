/**
 * `simple-kafka consume TOPIC`: print messages as text or JSON Lines, with keys, headers and
 * (through `--registry`) Avro values decoded.
 *
 * @packageDocumentation
 */
import { Command, InvalidArgumentError, Option } from 'commander';

import { addConnectionOptions, ConnectionWatch, printWarnings, resolveConnection, type ConnectionFlags } from './connection';

/** Where consumption starts. */
export type StartSpec = { kind: 'earliest' } | { kind: 'latest' } | { kind: 'offset'; offset: number } | { kind: 'timestamp'; ms: number };

/**
 * Parses `--from`: `earliest`, `latest`, `offset:N`, `timestamp:MS` or `timestamp:ISO-8601`.
 *
 * @throws InvalidArgumentError (a usage error) naming the accepted forms.
 */
export function parseStart(value: string): StartSpec {
  if (value === 'earliest' || value === 'beginning') return { kind: 'earliest' };
  if (value === 'latest' || value === 'end') return { kind: 'latest' };
  const m = /^(offset|timestamp):(.+)$/.exec(value);
  if (m && m[1] === 'offset' && /^\d+$/.test(m[2])) return { kind: 'offset', offset: Number(m[2]) };
  if (m && m[1] === 'timestamp') {
    const ms = /^\d+$/.test(m[2]) ? Number(m[2]) : Date.parse(m[2]);
    if (Number.isFinite(ms)) return { kind: 'timestamp', ms };
  }
  throw new InvalidArgumentError('expected earliest, latest, offset:N, timestamp:MS or timestamp:ISO-8601 (e.g. timestamp:2024-06-01T00:00:00Z)');
}

function limitArg(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be an integer >= 1');
  return Number(value);
}

/** Flags of `simple-kafka consume`. */
export interface ConsumeFlags extends ConnectionFlags {
  group?: string;
  from?: StartSpec;
  limit?: number;
  format: 'text' | 'json';
  registry?: string;
  registryKeys?: boolean;
  exitAtEnd?: boolean;
}

/** A Buffer as a UTF-8 string when it is valid UTF-8, else base64 (with `encoding` saying so). */
function bytes(buf: Buffer | null): { text: string | null; base64: boolean } {
  if (buf === null) return { text: null, base64: false };
  const s = buf.toString('utf8');
  return Buffer.byteLength(s) === buf.length && !s.includes('\uFFFD') ? { text: s, base64: false } : { text: buf.toString('base64'), base64: true };
}

function jsonReplacer(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
    return Buffer.from((v as { data: number[] }).data).toString('base64');
  }
  return v;
}

interface Printable {
  topic: string;
  partition: number;
  offset: number;
  timestamp: { ms: number };
  key: unknown;
  value: unknown;
  headers: { key: string; value: Buffer }[];
  error: { message: string } | null;
}

/** One message as a JSON Lines record. */
export function messageToJson(m: Printable): Record<string, unknown> {
  const out: Record<string, unknown> = { topic: m.topic, partition: m.partition, offset: m.offset, timestamp: m.timestamp.ms };
  for (const field of ['key', 'value'] as const) {
    const v = m[field];
    if (v === null || Buffer.isBuffer(v)) {
      const b = bytes(v);
      out[field] = b.text;
      if (b.base64) out[`${field}Encoding`] = 'base64';
    } else out[field] = v;
  }
  out.headers = m.headers.map((h) => {
    const b = bytes(h.value);
    return b.base64 ? { key: h.key, value: b.text, encoding: 'base64' } : { key: h.key, value: b.text };
  });
  if (m.error) out.error = m.error.message;
  return out;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '(null)';
  if (Buffer.isBuffer(v)) return bytes(v).text ?? '(null)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, jsonReplacer);
}

/** One message as a text line: `topic/partition@offset<TAB>key<TAB>value[<TAB>h1=v1,h2=v2]`. */
export function messageToText(m: Printable): string {
  const parts = [`${m.topic}/${m.partition}@${m.offset}`, show(m.key), show(m.value)];
  if (m.headers.length > 0) parts.push(m.headers.map((h) => `${h.key}=${show(h.value)}`).join(','));
  if (m.error) parts.push(`(error: ${m.error.message})`);
  return parts.join('\t');
}

/**
 * Consumes until `--limit` messages were printed, every partition is at its end (`--exit-at-end`),
 * or SIGINT/SIGTERM; then closes the consumer (committing, with `--group`).
 *
 * @returns the exit code (0 after a clean stop).
 */
export async function runConsume(topic: string, flags: ConsumeFlags): Promise<number> {
  const group = flags.group;
  const extra: Record<string, unknown> = {
    'group.id': group ?? `simple-kafka-cli-${process.pid}-${Date.now().toString(36)}`,
    'auto.offset.reset': 'earliest',
    'enable.auto.commit': group !== undefined,
    // Offsets are stored for printed messages only (below): this librdkafka moves the position one
    // past the end when a batch hands out a partition-EOF marker (librdkafka issue #4844, fixed
    // upstream by PR #5213), which auto-store would commit, skipping the next message.
    'enable.auto.offset.store': false,
    'enable.partition.eof': flags.exitAtEnd === true,
  };
  const { config, warnings } = await resolveConnection(flags, 'consumer', extra);
  printWarnings(warnings);
  const { Consumer, OFFSET_BEGINNING, OFFSET_END } = await import('../consumer');
  if (flags.registry) {
    const { SchemaRegistryClient } = await import('../registry/client');
    const { AvroDeserializer } = await import('../serde/avro');
    const registry = new SchemaRegistryClient({ url: flags.registry });
    config['value.deserializer'] = new AvroDeserializer(registry);
    if (flags.registryKeys) config['key.deserializer'] = new AvroDeserializer(registry);
  }
  const watch = new ConnectionWatch(config);
  const consumer = new Consumer<unknown, unknown>({ ...config, logger: watch.logger, error_cb: watch.errorCb });
  let stopping: string | false = false;
  const onSignal = (): void => {
    stopping = 'interrupted';
  };
  // A closed pipe (`| head`) ends the run quietly, like a signal.
  const onStdoutError = (err: NodeJS.ErrnoException): void => {
    if (err.code === 'EPIPE') stopping = 'output closed';
    else throw err;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.stdout.on('error', onStdoutError);
  const start = flags.from ?? (group === undefined ? { kind: 'earliest' as const } : undefined);
  const startOffsets = async (partitions: ReadonlyArray<{ topic: string; partition: number }>): Promise<Array<{ topic: string; partition: number; offset: number }>> => {
    if (!start) return [];
    if (start.kind === 'timestamp') {
      const found = await consumer.offsetsForTimes(partitions.map((p) => ({ ...p, offset: start.ms })));
      return found.map((f) => ({ topic: f.topic, partition: f.partition, offset: f.offset >= 0 ? f.offset : OFFSET_END }));
    }
    const offset = start.kind === 'earliest' ? OFFSET_BEGINNING : start.kind === 'latest' ? OFFSET_END : start.offset;
    return partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset }));
  };
  const atEnd = new Set<number>();
  let assigned: number[] = [];
  let printed = 0;
  try {
    await watch.run(() => consumer.connect());
    if (group === undefined) {
      const { AdminClient } = await import('../admin');
      const adminConfig = (await resolveConnection(flags, 'admin')).config;
      const adminWatch = new ConnectionWatch(adminConfig);
      const admin = new AdminClient({ ...adminConfig, error_cb: adminWatch.errorCb });
      let partitions: number[];
      try {
        const { topicPartitions } = await import('./topics');
        partitions = await adminWatch.run(() => topicPartitions(admin, topic));
      } finally {
        await admin.close();
      }
      assigned = partitions;
      await consumer.assign(await startOffsets(partitions.map((partition) => ({ topic, partition }))));
    } else {
      await consumer.subscribe([topic], {
        onAssign: async (tps) => {
          assigned = [...new Set([...assigned, ...tps.map((t) => t.partition)])];
          if (!start) return;
          const offsets = await startOffsets(tps);
          tps.forEach((tp, i) => (tp.offset = offsets[i].offset));
        },
        onRevoke: (tps) => {
          const gone = new Set(tps.map((t) => t.partition));
          assigned = assigned.filter((p) => !gone.has(p));
        },
      });
    }
    const limit = flags.limit ?? Infinity;
    while (!stopping && printed < limit) {
      const batch = await watch.run(() => consumer.consume(Math.min(500, limit - printed), 500));
      for (const m of batch) {
        if (m.eof) {
          atEnd.add(m.partition);
          continue;
        }
        atEnd.delete(m.partition);
        if (group !== undefined && !m.error) consumer.storeOffsets({ message: m });
        const line = flags.format === 'json' ? JSON.stringify(messageToJson(m), jsonReplacer) : messageToText(m);
        process.stdout.write(`${line}\n`);
        printed++;
        if (printed >= limit || stopping) break;
      }
      if (flags.exitAtEnd && assigned.length > 0 && assigned.every((p) => atEnd.has(p))) break;
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (watch.failed) setTimeout(() => void consumer.close().catch(() => undefined), 0).unref();
    else await consumer.close();
    process.stdout.removeListener('error', onStdoutError);
  }
  process.stderr.write(`consumed ${printed} message${printed === 1 ? '' : 's'} from ${topic}${stopping ? ` (${stopping})` : ''}\n`);
  return 0;
}

/** Registers `consume` on the program. */
export function registerConsume(program: Command, exit: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('consume')
      .description('print messages of a topic (text or JSON Lines) until --limit, --exit-at-end or Ctrl-C')
      .argument('<topic>', 'the topic')
      .option('-g, --group <id>', 'consume as this consumer group (offsets committed); default: no group, every partition assigned')
      .option('--from <spec>', 'where to start: earliest, latest, offset:N, timestamp:MS or timestamp:ISO (default: earliest without --group, the committed offset with it)', parseStart)
      .option('-n, --limit <n>', 'stop after n messages', limitArg)
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--json', 'same as --format json')
      .option('--registry <url>', 'decode Avro values (Confluent framing) through this Schema Registry')
      .option('--registry-keys', 'with --registry: decode keys as Avro too')
      .option('-e, --exit-at-end', 'stop when every partition is read to its end'),
  ).action(async (topic: string, flags: ConsumeFlags & { json?: boolean }) => exit(await runConsume(topic, flags.json ? { ...flags, format: 'json' } : flags)));
}
