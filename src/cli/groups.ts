/**
 * `simple-kafka groups list|describe|lag`.
 *
 * @packageDocumentation
 */
import { Command } from 'commander';

import type { AdminClient } from '../admin';
import { addConnectionOptions, type ConnectionFlags } from './connection';
import { table, topicPartitions, withAdmin } from './topics';

/** One partition's lag: the high watermark minus the group's committed offset. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The committed offset (next to read); `null` when the group committed nothing here. */
  committed: number | null;
  /** The high watermark (offset the next message will get). */
  latest: number;
  /** `latest - committed`; with nothing committed, `latest - earliest` (everything is unread). */
  lag: number;
}

/**
 * The lag of a group per partition: committed offsets (`listConsumerGroupOffsets`) against the
 * high watermarks (`listOffsets`), for every partition of `topics` (default: the topics where the
 * group has committed), uncommitted partitions included.
 *
 * @throws {@link KafkaError} when the coordinator or a partition leader cannot be asked.
 */
export async function groupLag(admin: AdminClient, group: string, topics?: readonly string[]): Promise<PartitionLag[]> {
  // Without topics: the topics where the group committed, each with all its partitions (a
  // partition never committed to is unread, so it lags too).
  const names = topics && topics.length > 0 ? [...topics] : [...new Set((await admin.listConsumerGroupOffsets(group)).map((c) => c.topic))].sort();
  if (names.length === 0) return [];
  const partitions: Array<{ topic: string; partition: number }> = [];
  for (const topic of names) for (const partition of await topicPartitions(admin, topic)) partitions.push({ topic, partition });
  const committed = await admin.listConsumerGroupOffsets(group, { partitions });
  for (const c of committed) if (c.error) throw c.error;
  const requests = committed.flatMap((c) => [
    { topic: c.topic, partition: c.partition, spec: 'earliest' as const },
    { topic: c.topic, partition: c.partition, spec: 'latest' as const },
  ]);
  const offsets = await admin.listOffsets(requests);
  for (const o of offsets) if (o.error) throw o.error;
  return committed
    .map((c, i) => {
      const earliest = offsets[2 * i].offset;
      const latest = offsets[2 * i + 1].offset;
      const has = c.offset >= 0;
      return { topic: c.topic, partition: c.partition, committed: has ? c.offset : null, latest, lag: Math.max(0, latest - (has ? Math.max(c.offset, earliest) : earliest)) };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Registers `groups` and its subcommands on the program. */
export function registerGroups(program: Command, exit: (code: number) => void): void {
  const groups = program.command('groups').description('consumer groups: list, describe, lag');

  addConnectionOptions(groups.command('list').description('the consumer groups, with state and type'))
    .option('--state <state>', 'only groups in this state, e.g. Stable, Empty (repeatable)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--json', 'print JSON: [{groupId, state, type, isSimpleConsumerGroup}]')
    .action(async (flags: ConnectionFlags & { state: string[]; json?: boolean }) => {
      const result = await withAdmin(flags, (admin) => admin.listGroups(flags.state.length ? { states: flags.state as never } : {}));
      for (const e of result.errors) process.stderr.write(`simple-kafka: warning: a broker could not be asked, its groups are missing: ${e.message}\n`);
      if (flags.json) out(JSON.stringify(result.groups));
      else if (result.groups.length > 0) {
        for (const line of table([['GROUP', 'STATE', 'TYPE'], ...result.groups.map((g) => [g.groupId, g.state, g.isSimpleConsumerGroup ? 'simple' : g.type])])) out(line);
      }
      exit(result.errors.length > 0 && result.groups.length === 0 ? 1 : 0);
    });

  addConnectionOptions(groups.command('describe').description('state, assignor, coordinator and members (with their partitions) of groups'))
    .argument('<groups...>', 'group ids')
    .option('--json', 'print JSON')
    .action(async (ids: string[], flags: ConnectionFlags & { json?: boolean }) => {
      const described = await withAdmin(flags, (admin) => admin.describeGroups(ids));
      const failed = described.filter((d) => d.error);
      if (flags.json) {
        const plain = described.map((d) => ({ ...d, error: d.error ? d.error.message : null }));
        out(JSON.stringify(ids.length === 1 ? plain[0] : plain));
      } else {
        for (const d of described) {
          if (d.error) {
            process.stderr.write(`simple-kafka: ${d.groupId}: ${d.error.code}: ${d.error.message}\n`);
            continue;
          }
          const facts = [d.state, `${d.members.length} member${d.members.length === 1 ? '' : 's'}`];
          if (d.partitionAssignor) facts.push(`assignor ${d.partitionAssignor}`);
          if (d.coordinator) facts.push(`coordinator ${d.coordinator.id} (${d.coordinator.host}:${d.coordinator.port})`);
          out(`group ${d.groupId}: ${facts.join(', ')}`);
          if (d.members.length > 0) {
            const rows = d.members.map((m) => [m.memberId, m.clientId, m.host, m.assignment.map((a) => `${a.topic}[${a.partition}]`).join(',') || '-']);
            for (const line of table([['MEMBER', 'CLIENT', 'HOST', 'PARTITIONS'], ...rows])) out(line);
          }
        }
      }
      exit(failed.length > 0 ? 1 : 0);
    });

  addConnectionOptions(groups.command('lag').description("a group's lag per partition: high watermark minus committed offset"))
    .argument('<group>', 'the consumer group id')
    .option('-t, --topic <topic>', 'this topic only (repeatable; default: every topic where the group committed)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--json', 'print JSON: {group, totalLag, partitions:[{topic, partition, committed, latest, lag}]}')
    .action(async (group: string, flags: ConnectionFlags & { topic: string[]; json?: boolean }) => {
      const lags = await withAdmin(flags, (admin) => groupLag(admin, group, flags.topic));
      const totalLag = lags.reduce((n, l) => n + l.lag, 0);
      if (flags.json) out(JSON.stringify({ group, totalLag, partitions: lags }));
      else if (lags.length === 0) out(`group ${group} has no committed offsets${flags.topic.length ? ` on ${flags.topic.join(', ')}` : ''}`);
      else {
        out(`group ${group}: total lag ${totalLag}`);
        for (const line of table([['TOPIC', 'PARTITION', 'COMMITTED', 'LATEST', 'LAG'], ...lags.map((l) => [l.topic, l.partition, l.committed ?? '-', l.latest, l.lag])])) out(line);
      }
      exit(0);
    });
}
