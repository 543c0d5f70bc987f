/**
 * `simple-kafka topics list|create|describe|delete`.
 *
 * @packageDocumentation
 */
import { Command, InvalidArgumentError } from 'commander';

import type { AdminClient } from '../admin';
import { addConnectionOptions, ConnectionWatch, printWarnings, resolveConnection, type ConnectionFlags } from './connection';

function positiveInt(what: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${what} must be an integer >= 1`);
    return Number(value);
  };
}

function keyValue(value: string, previous: string[]): string[] {
  if (value.indexOf('=') <= 0) throw new InvalidArgumentError('expected key=value, e.g. cleanup.policy=compact');
  return [...previous, value];
}

/** Opens an admin client from the connection flags, runs `fn`, closes it. */
export async function withAdmin<T>(flags: ConnectionFlags, fn: (admin: AdminClient) => Promise<T>): Promise<T> {
  const { config, warnings } = await resolveConnection(flags, 'admin');
  printWarnings(warnings);
  const { AdminClient } = await import('../admin');
  const watch = new ConnectionWatch(config);
  const admin = new AdminClient({ ...config, error_cb: watch.errorCb });
  try {
    return await watch.run(() => fn(admin));
  } finally {
    await admin.close();
  }
}

/**
 * The partition numbers of a topic, found with watermark lookups (ListOffsets to each leader)
 * rather than DescribeTopics, so that it works on every cluster, the embedded one included.
 *
 * @throws {@link KafkaError} `UNKNOWN_TOPIC_OR_PART` when the topic does not exist (or this
 *   principal may not see it); the lookup's own error otherwise.
 */
export async function topicPartitions(admin: AdminClient, topic: string): Promise<number[]> {
  const CHUNK = 32;
  const found: number[] = [];
  for (let base = 0; ; base += CHUNK) {
    const results = await admin.listOffsets(Array.from({ length: CHUNK }, (_, i) => ({ topic, partition: base + i, spec: 'latest' as const })));
    for (const r of results) {
      if (!r.error) {
        found.push(r.partition);
        continue;
      }
      const name = (r.error as { kafkaName?: string }).kafkaName;
      const past = name === '_UNKNOWN_PARTITION' || name === 'UNKNOWN_TOPIC_OR_PART' || name === '_UNKNOWN_TOPIC' || name === '_NOENT';
      if (!past) throw r.error;
      if (found.length === 0) {
        const { KafkaError } = await import('../errors');
        throw new KafkaError(`topic ${topic} does not exist (or is not visible to this principal)`, { errno: 3, kafkaName: 'UNKNOWN_TOPIC_OR_PART', cause: r.error });
      }
      return found;
    }
  }
}

/** A topic as `topics describe` shows it: partitions with their offsets. */
export interface TopicReport {
  topic: string;
  internal: boolean;
  partitions: Array<{ partition: number; leader: number; replicas: number[]; isr: number[]; earliest: number; latest: number; messages: number }>;
}

/** Describes topics with each partition's earliest and latest offsets. Rejects on the first topic that cannot be described. */
export async function describeTopicsWithOffsets(admin: AdminClient, topics: readonly string[]): Promise<TopicReport[]> {
  const out: TopicReport[] = [];
  for (const d of await admin.describeTopics(topics)) {
    if (d.error) throw d.error;
    const requests = d.partitions.flatMap((p) => [
      { topic: d.topic, partition: p.partition, spec: 'earliest' as const },
      { topic: d.topic, partition: p.partition, spec: 'latest' as const },
    ]);
    const offsets = await admin.listOffsets(requests);
    out.push({
      topic: d.topic,
      internal: d.internal,
      partitions: d.partitions.map((p, i) => {
        const earliest = offsets[2 * i].offset;
        const latest = offsets[2 * i + 1].offset;
        return { ...p, earliest, latest, messages: earliest >= 0 && latest >= 0 ? latest - earliest : 0 };
      }),
    });
  }
  return out;
}

/** Rows as left-aligned columns, two spaces apart, indented by two. */
export function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? String(c) : String(c).padEnd(widths[i]))).join('  ')}`);
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Registers `topics` and its subcommands on the program. */
export function registerTopics(program: Command, exit: (code: number) => void): void {
  const topics = program.command('topics').description('list, create, describe and delete topics');

  addConnectionOptions(topics.command('list').description('the names of the topics, sorted'))
    .option('--internal', 'include internal topics (__consumer_offsets, ...)')
    .option('--json', 'print a JSON array')
    .action(async (flags: ConnectionFlags & { internal?: boolean; json?: boolean }) => {
      const names = await withAdmin(flags, (admin) => admin.listTopics({ includeInternal: flags.internal }));
      if (flags.json) out(JSON.stringify(names));
      else for (const n of names) out(n);
      exit(0);
    });

  addConnectionOptions(topics.command('create').description('create a topic'))
    .argument('<topic>', 'the topic name')
    .option('-p, --partitions <n>', 'number of partitions (default: the broker default)', positiveInt('--partitions'))
    .option('-r, --replication-factor <n>', 'replication factor (default: the broker default)', positiveInt('--replication-factor'))
    .option('--topic-config <key=value>', 'a topic config, e.g. cleanup.policy=compact (repeatable)', keyValue, [])
    .option('--if-not-exists', 'succeed when the topic already exists')
    .option('--json', 'print the result as JSON')
    .action(async (topic: string, flags: ConnectionFlags & { partitions?: number; replicationFactor?: number; topicConfig: string[]; ifNotExists?: boolean; json?: boolean }) => {
      const config = Object.fromEntries(flags.topicConfig.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
      const [result] = await withAdmin(flags, (admin) =>
        admin.createTopics([{ topic, numPartitions: flags.partitions, replicationFactor: flags.replicationFactor, config: Object.keys(config).length ? config : undefined }]),
      );
      const exists = result.error !== null && /TOPIC_ALREADY_EXISTS|already exists/i.test(`${(result.error as { kafkaName?: string }).kafkaName ?? ''} ${result.error.message}`);
      if (result.error && !(exists && flags.ifNotExists)) throw result.error;
      if (flags.json) out(JSON.stringify({ topic, created: !exists, existed: exists }));
      else out(exists ? `topic ${topic} already exists` : `created topic ${topic}`);
      exit(0);
    });

  addConnectionOptions(topics.command('describe').description('partitions, leaders, replicas, in-sync replicas and offsets of topics'))
    .argument('<topics...>', 'topic names')
    .option('--json', 'print JSON')
    .action(async (names: string[], flags: ConnectionFlags & { json?: boolean }) => {
      const reports = await withAdmin(flags, (admin) => describeTopicsWithOffsets(admin, names));
      if (flags.json) out(JSON.stringify(reports.length === 1 && names.length === 1 ? reports[0] : reports));
      else {
        for (const r of reports) {
          const total = r.partitions.reduce((n, p) => n + p.messages, 0);
          out(`topic ${r.topic}: ${r.partitions.length} partition${r.partitions.length === 1 ? '' : 's'}, ${total} message${total === 1 ? '' : 's'}${r.internal ? ' (internal)' : ''}`);
          const rows = r.partitions.map((p) => [p.partition, p.leader, p.replicas.join(','), p.isr.join(','), p.earliest, p.latest]);
          for (const line of table([['PARTITION', 'LEADER', 'REPLICAS', 'ISR', 'EARLIEST', 'LATEST'], ...rows])) out(line);
        }
      }
      exit(0);
    });

  addConnectionOptions(topics.command('delete').description('delete topics'))
    .argument('<topics...>', 'topic names')
    .option('--json', 'print the result as JSON')
    .action(async (names: string[], flags: ConnectionFlags & { json?: boolean }) => {
      const results = await withAdmin(flags, (admin) => admin.deleteTopics(names));
      const failed = results.filter((r) => r.error);
      if (flags.json) out(JSON.stringify(results.map((r) => ({ topic: r.topic, deleted: r.error === null, ...(r.error ? { error: r.error.message } : {}) }))));
      else {
        for (const r of results) {
          if (r.error) process.stderr.write(`simple-kafka: could not delete ${r.topic}: ${r.error.code}: ${r.error.message}\n`);
          else out(`deleted topic ${r.topic}`);
        }
      }
      exit(failed.length > 0 ? 1 : 0);
    });
}
