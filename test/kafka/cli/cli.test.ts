/**
 * The command line on the real cluster: topics create/describe/delete round trip, consume from a
 * timestamp, groups lag after a group commits, and a SASL_SSL connection from a properties file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Consumer } from '../../../src/consumer';
import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';
import { jsonLines, runCli } from '../../mock/cli/run-cli';

interface JsonMessage {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string;
}

describeKafka('simple-kafka CLI on the real cluster', (cluster) => {
  const b = ['--bootstrap', cluster.plaintext.bootstrap];
  const created: string[] = [];
  afterAll(() => deleteTopics(cluster, created).catch(() => undefined));

  test('topics create, describe, list and delete round trip', async () => {
    const topic = uniqueName('cli-topics-');
    created.push(topic);
    const create = await runCli(['topics', 'create', topic, '--partitions', '4', '--replication-factor', '3', '--topic-config', 'retention.ms=3600000', ...b]);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    expect(create.stdout).toBe(`created topic ${topic}\n`);
    const again = await runCli(['topics', 'create', topic, '-p', '4', ...b]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists/i);
    const tolerated = await runCli(['topics', 'create', topic, '-p', '4', '--if-not-exists', '--json', ...b]);
    expect(tolerated.code).toBe(0);
    expect(JSON.parse(tolerated.stdout)).toEqual({ topic, created: false, existed: true });

    // The topic appears in metadata a moment after creation on every broker: poll describe.
    let d: { topic: string; partitions: Array<{ partition: number; leader: number; replicas: number[]; isr: number[]; latest: number }> } | undefined;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const r = await runCli(['topics', 'describe', topic, '--json', ...b]);
      if (r.code === 0) {
        d = JSON.parse(r.stdout) as typeof d;
        if (d && d.partitions.every((p) => p.leader >= 0)) break;
      }
      await new Promise((res) => setTimeout(res, 500));
    }
    expect(d?.topic).toBe(topic);
    expect(d?.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3]);
    for (const p of d?.partitions ?? []) {
      expect(p.replicas).toHaveLength(3);
      expect(p.isr).toHaveLength(3);
      expect(p.latest).toBe(0);
    }
    expect(JSON.parse((await runCli(['topics', 'list', '--json', ...b])).stdout)).toContain(topic);

    const del = await runCli(['topics', 'delete', topic, ...b]);
    expect(del.code).toBe(0);
    expect(del.stdout).toBe(`deleted topic ${topic}\n`);
    let gone = false;
    for (const until = Date.now() + 30_000; Date.now() < until && !gone; await new Promise((res) => setTimeout(res, 500))) {
      gone = !(JSON.parse((await runCli(['topics', 'list', '--json', ...b])).stdout) as string[]).includes(topic);
    }
    expect(gone).toBe(true);
  }, 120_000);

  test('consume --from timestamp: starts at the first message at or after it, in ms or ISO form', async () => {
    const topic = uniqueName('cli-ts-');
    created.push(topic);
    expect((await runCli(['topics', 'create', topic, '-p', '1', '-r', '3', ...b])).code).toBe(0);
    expect((await runCli(['produce', topic, ...b], { input: 'early-1\nearly-2\n' })).code).toBe(0);
    await new Promise((res) => setTimeout(res, 1100));
    const cut = Date.now();
    await new Promise((res) => setTimeout(res, 50));
    expect((await runCli(['produce', topic, ...b], { input: 'late-1\nlate-2\nlate-3\n' })).code).toBe(0);
    for (const spec of [`timestamp:${cut}`, `timestamp:${new Date(cut).toISOString()}`]) {
      const r = await runCli(['consume', topic, '--from', spec, '--exit-at-end', '--json', ...b]);
      expect(r.code).toBe(0);
      const got = jsonLines<JsonMessage>(r.stdout);
      expect(got.map((m) => m.value)).toEqual(['late-1', 'late-2', 'late-3']);
      for (const m of got) expect(m.timestamp).toBeGreaterThanOrEqual(cut);
    }
    // After the last message: nothing, and the command still ends.
    const future = await runCli(['consume', topic, '--from', `timestamp:${Date.now() + 3_600_000}`, '--exit-at-end', ...b]);
    expect(future.code).toBe(0);
    expect(future.stdout).toBe('');
  }, 120_000);

  test('groups lag shows the committed offsets and what is left after a group consumed part', async () => {
    const topic = uniqueName('cli-lag-');
    const group = uniqueName('cli-lag-group-');
    created.push(topic);
    expect((await runCli(['topics', 'create', topic, '-p', '3', '-r', '3', ...b])).code).toBe(0);
    const lines = Array.from({ length: 30 }, (_, i) => `k${i};v${i}`);
    const produced = await runCli(['produce', topic, '-k', ';', '--json', ...b], { input: lines.join('\n') });
    expect(produced.code).toBe(0);
    const perPartition = (JSON.parse(produced.stdout) as { partitions: Record<string, { count: number }> }).partitions;
    const read = jsonLines<JsonMessage>((await runCli(['consume', topic, '--group', group, '--limit', '20', '--json', ...b])).stdout);
    expect(read).toHaveLength(20);
    const lag = await runCli(['groups', 'lag', group, '--json', ...b]);
    expect(lag.code).toBe(0);
    const l = JSON.parse(lag.stdout) as { totalLag: number; partitions: Array<{ topic: string; partition: number; committed: number | null; latest: number; lag: number }> };
    expect(l.totalLag).toBe(10);
    expect(l.partitions).toHaveLength(3);
    for (const p of l.partitions) {
      const total = perPartition[String(p.partition)]?.count ?? 0;
      const consumed = read.filter((m) => m.partition === p.partition).length;
      expect(p.latest).toBe(total);
      expect(p.committed ?? 0).toBe(consumed);
      expect(p.lag).toBe(total - consumed);
    }
  }, 120_000);

  test('groups list and describe show a live member with its partitions', async () => {
    const topic = uniqueName('cli-groups-');
    const group = uniqueName('cli-groups-g-');
    created.push(topic);
    expect((await runCli(['topics', 'create', topic, '-p', '2', '-r', '3', ...b])).code).toBe(0);
    const member = new Consumer({ 'bootstrap.servers': cluster.plaintext.bootstrap, 'group.id': group, 'client.id': 'cli-groups-member' });
    try {
      const assigned = new Promise<void>((resolve) => void member.subscribe([topic], { onAssign: () => resolve() }));
      // The assignment arrives while the consumer polls.
      for (let i = 0; i < 60; i++) {
        const done = await Promise.race([assigned.then(() => true), member.consume(10, 500).then(() => false)]);
        if (done) break;
      }
      await assigned;
      const list = await runCli(['groups', 'list', '--json', ...b]);
      expect(list.code).toBe(0);
      expect((JSON.parse(list.stdout) as Array<{ groupId: string; state: string }>).find((g) => g.groupId === group)).toMatchObject({ groupId: group, state: 'Stable' });
      const described = await runCli(['groups', 'describe', group, '--json', ...b]);
      expect(described.code).toBe(0);
      const d = JSON.parse(described.stdout) as { groupId: string; state: string; members: Array<{ clientId: string; assignment: Array<{ topic: string; partition: number }> }>; error: string | null };
      expect(d).toMatchObject({ groupId: group, state: 'Stable', error: null });
      expect(d.members).toHaveLength(1);
      expect(d.members[0].clientId).toBe('cli-groups-member');
      expect(d.members[0].assignment.sort((x, y) => x.partition - y.partition)).toEqual([
        { topic, partition: 0 },
        { topic, partition: 1 },
      ]);
      const text = await runCli(['groups', 'describe', group, ...b]);
      expect(text.stdout).toContain(`group ${group}: Stable, 1 member`);
      expect(text.stdout).toContain(`${topic}[0],${topic}[1]`);
    } finally {
      await member.close();
    }
  }, 120_000);

  test('a SASL_SSL client.properties via SK_CONFIG; a wrong password fails with a one-line ERR_AUTHENTICATION without the secret', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-sasl-'));
    try {
      const props = (password: string): string => {
        const p = path.join(dir, `${password}.properties`);
        fs.writeFileSync(
          p,
          [
            `bootstrap.servers=${cluster.saslSsl.bootstrap}`,
            'security.protocol=SASL_SSL',
            'sasl.mechanism=SCRAM-SHA-512',
            'sasl.username=admin',
            `sasl.password=${password}`,
            `ssl.ca.location=${cluster.tls.ca}`,
          ].join('\n'),
        );
        return p;
      };
      const ok = await runCli(['topics', 'list', '--json'], { env: { SK_CONFIG: props(cluster.users.admin.password) } });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(Array.isArray(JSON.parse(ok.stdout))).toBe(true);
      // A producer or consumer with the wrong password: the typed, diagnosed error in one line.
      const topic = uniqueName('cli-sasl-');
      const bad = await runCli(['produce', topic], { input: 'x\n', env: { SK_CONFIG: props('not-the-password-x9') } });
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^simple-kafka: ERR_AUTHENTICATION: connect: the broker rejected the SCRAM-SHA-512 credentials for user "admin"/)]);
      expect(bad.stderr).toContain('check sasl.username and sasl.password');
      expect(bad.stderr).not.toContain('not-the-password-x9');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
