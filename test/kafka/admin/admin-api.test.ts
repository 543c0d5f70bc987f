/**
 * AdminClient calls served by the addon's Admin API handle, on the real cluster: consumer groups,
 * configs, ACLs (with their effect on the restricted user alice), validate-only topic creation,
 * and close while calls are in flight.
 */
import { AdminClient, type AclBinding, type AclBindingFilter, type GroupDescription } from '../../../src/admin';
import { Consumer, type Message } from '../../../src/consumer';
import { AuthenticationError, AuthorizationError, KafkaError, StateError } from '../../../src/errors';
import { describeKafka, uniqueName } from '../cluster';
import { clientConfig, consumeOne, produceOne } from '../rdkafka';
import { produce } from '../consumer/helpers';

jest.setTimeout(90_000);

describeKafka('AdminClient (Admin API)', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  let admin: AdminClient;
  const topics: string[] = [];
  const groups: string[] = [];
  const open: Consumer[] = [];
  const acls: AclBindingFilter[] = [];

  beforeAll(() => {
    admin = new AdminClient({ 'bootstrap.servers': bootstrap });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    if (topics.length > 0) await admin.deleteTopics(topics);
    if (groups.length > 0) await admin.deleteGroups(groups);
    if (acls.length > 0) await admin.deleteAcls(acls);
    await admin.close();
  });

  const kafkaName = (e: unknown): string | null => (e ? (e as KafkaError).kafkaName : null);

  async function topic(prefix: string, partitions = 1, config: Record<string, string | number> = {}): Promise<string> {
    const t = uniqueName(prefix);
    topics.push(t);
    const [r] = await admin.createTopics([{ topic: t, numPartitions: partitions, replicationFactor: 3, config }]);
    expect(r.error).toBeNull();
    return t;
  }

  /** Calls `get` until `done(value)`, at most ~`tries` times, 200 ms apart; returns the last value. */
  async function eventually<T>(get: () => Promise<T>, done: (v: T) => boolean, tries = 100): Promise<T> {
    let v = await get();
    for (let i = 0; i < tries && !done(v); i++) {
      await new Promise((r) => setTimeout(r, 200));
      v = await get();
    }
    return v;
  }

  /** A consumer of `group` subscribed to `t` that has its assignment (it consumed until then). */
  async function member(group: string, t: string, clientId: string): Promise<Consumer> {
    const c = new Consumer({ 'bootstrap.servers': bootstrap, 'group.id': group, 'client.id': clientId, 'auto.offset.reset': 'earliest' });
    open.push(c);
    await c.subscribe([t]);
    for (let i = 0; i < 120 && c.assignment().length === 0; i++) await c.consume(1, 250);
    expect(c.assignment().length).toBeGreaterThan(0);
    return c;
  }

  // ------------------------------------------------------------------ groups

  test('a real consumer group: listed with its state, described with its member and assignment; deleteGroups deletes the empty group and refuses the active one', async () => {
    const t = await topic('adm-grp-', 3);
    const active = uniqueName('adm-grp-active-');
    const idle = uniqueName('adm-grp-idle-');
    groups.push(active, idle);

    // The idle group: a member that joined, consumed, committed and left.
    const gone = await member(idle, t, 'idle-client');
    await gone.commit({ offsets: [{ topic: t, partition: 0, offset: 0 }] });
    open.splice(open.indexOf(gone), 1);
    await gone.close();
    await member(active, t, 'active-client');

    const listed = await eventually(
      () => admin.listGroups(),
      (r) => r.groups.some((g) => g.groupId === active && g.state === 'Stable') && r.groups.some((g) => g.groupId === idle && g.state === 'Empty'),
    );
    expect(listed.errors).toEqual([]);
    expect(listed.groups.find((g) => g.groupId === active)).toEqual({ groupId: active, state: 'Stable', type: 'Classic', isSimpleConsumerGroup: false });
    expect(listed.groups.find((g) => g.groupId === idle)).toMatchObject({ groupId: idle, state: 'Empty' });
    const ids = listed.groups.map((g) => g.groupId);
    expect(ids).toEqual([...ids].sort());

    const stable = await admin.listGroups({ states: ['Stable'] });
    expect(stable.groups.map((g) => g.groupId)).toContain(active);
    expect(stable.groups.map((g) => g.groupId)).not.toContain(idle);
    expect(stable.groups.every((g) => g.state === 'Stable')).toBe(true);

    const [da, di, dup] = await admin.describeGroups([active, idle, active]);
    expect(da.error).toBeNull();
    expect(da).toMatchObject({ groupId: active, state: 'Stable', type: 'Classic', isSimpleConsumerGroup: false });
    expect(da.partitionAssignor).toMatch(/range|roundrobin|sticky/);
    expect(cluster.nodes.map((n) => n.id)).toContain(da.coordinator?.id);
    expect(da.members).toHaveLength(1);
    const [m] = da.members;
    expect(m.clientId).toBe('active-client');
    expect(m.memberId).toMatch(/^active-client-/);
    expect(m.host).toContain('127.0.0.1');
    expect(m.assignment.map((tp) => `${tp.topic}:${tp.partition}`).sort()).toEqual([0, 1, 2].map((p) => `${t}:${p}`));
    expect(di).toMatchObject({ groupId: idle, state: 'Empty', members: [], error: null });
    expect(dup).toEqual(da);

    // Deleting: the empty group goes, the active one is refused, each on its own.
    const deleted = await admin.deleteGroups([idle, active]);
    expect(deleted.map((r) => [r.groupId, kafkaName(r.error)])).toEqual([
      [idle, null],
      [active, 'NON_EMPTY_GROUP'],
    ]);
    expect(deleted[1].error).toBeInstanceOf(KafkaError);
    expect(deleted[1].error!.message).toContain(active);
    const after = await admin.listGroups();
    expect(after.groups.map((g) => g.groupId)).not.toContain(idle);
    expect(after.groups.map((g) => g.groupId)).toContain(active);
    // Its committed offsets went with it.
    expect(await admin.listConsumerGroupOffsets(idle, { partitions: [{ topic: t, partition: 0 }] })).toEqual([{ topic: t, partition: 0, offset: -1001 }]);
    groups.splice(groups.indexOf(idle), 1);
  });

  test('groups the principal may not see: alice is refused per group with AuthorizationError, her own group is described', async () => {
    const alice = new AdminClient(clientConfig(cluster, { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-256', user: 'alice' }) as never);
    try {
      const mine = `${cluster.users.alice.groupPrefix}${uniqueName('adm-')}`;
      const other = uniqueName('adm-notalice-');
      const [a, b] = await alice.describeGroups([mine, other]);
      expect(a.error).toBeNull();
      expect(a.members).toEqual([]);
      expect(b.error).toBeInstanceOf(AuthorizationError);
      expect(kafkaName(b.error)).toBe('GROUP_AUTHORIZATION_FAILED');
      const [d] = await alice.deleteGroups([other]);
      expect(d.error).toBeInstanceOf(AuthorizationError);
      // Group offsets: refused as a whole for the other group, empty for her own.
      const refused = await alice.listConsumerGroupOffsets(other).then(() => null, (e: unknown) => e);
      expect(refused).toBeInstanceOf(AuthorizationError);
      expect(kafkaName(refused)).toBe('GROUP_AUTHORIZATION_FAILED');
      expect(await alice.listConsumerGroupOffsets(mine)).toEqual([]);
      const [altered] = await alice.alterConsumerGroupOffsets(other, [{ topic: `${cluster.users.alice.topicPrefix}x`, partition: 0, offset: 1 }]);
      expect(altered.error).toBeInstanceOf(AuthorizationError);
    } finally {
      await alice.close();
    }
  });

  // ------------------------------------------------------------------ configs

  test('describeConfigs: a topic\'s retention.ms and a broker\'s configs; an unknown topic fails alone', async () => {
    const t = await topic('adm-cfg-', 1, { 'retention.ms': 123456 });
    const missing = uniqueName('adm-cfg-none-');
    const [dt, db, dm] = await admin.describeConfigs([
      { type: 'TOPIC', name: t },
      { type: 'BROKER', name: '1' },
      { type: 'TOPIC', name: missing },
    ]);
    expect(dt.error).toBeNull();
    expect(dt).toMatchObject({ type: 'TOPIC', name: t });
    expect(dt.configs['retention.ms']).toMatchObject({ name: 'retention.ms', value: '123456', source: 'DYNAMIC_TOPIC_CONFIG', isDefault: false, isReadOnly: false });
    expect(dt.configs['cleanup.policy']).toMatchObject({ value: 'delete', isDefault: true });
    expect(dt.configs['min.insync.replicas'].value).toBe('2'); // inherited from the brokers' config
    expect(db.error).toBeNull();
    expect(db.configs['broker.id'] ?? db.configs['node.id']).toMatchObject({ value: '1', isReadOnly: true });
    expect(db.configs['min.insync.replicas'].value).toBe('2');
    expect(db.configs['min.insync.replicas'].source).not.toBe('DEFAULT_CONFIG'); // set by the cluster, not Kafka's default of 1
    expect(dm.configs).toEqual({});
    expect(kafkaName(dm.error)).toBe('UNKNOWN_TOPIC_OR_PART');
    expect(dm.error!.message).toContain(missing);
  });

  test('incrementalAlterConfigs: SET and DELETE round-trip through describeConfigs; a bad value fails its resource only; validateOnly changes nothing', async () => {
    const t = await topic('adm-alter-');
    const u = await topic('adm-alter-bad-');
    const retention = async (name: string) => (await admin.describeConfigs([{ type: 'TOPIC', name }]))[0].configs;

    const set = await admin.incrementalAlterConfigs([
      { type: 'TOPIC', name: t, changes: [{ name: 'retention.ms', op: 'SET', value: 999_000 }, { name: 'cleanup.policy', op: 'SET', value: 'compact' }] },
      { type: 'TOPIC', name: u, changes: [{ name: 'cleanup.policy', op: 'SET', value: 'bogus' }] },
    ]);
    expect(set.map((r) => [r.name, kafkaName(r.error)])).toEqual([
      [t, null],
      [u, 'INVALID_CONFIG'],
    ]);
    let cfg = await eventually(() => retention(t), (c) => c['retention.ms'].value === '999000');
    expect(cfg['retention.ms']).toMatchObject({ value: '999000', source: 'DYNAMIC_TOPIC_CONFIG' });
    expect(cfg['cleanup.policy'].value).toBe('compact');
    expect((await retention(u))['cleanup.policy'].value).toBe('delete');

    const dry = await admin.incrementalAlterConfigs([{ type: 'TOPIC', name: t, changes: [{ name: 'retention.ms', op: 'SET', value: 5000 }] }], { validateOnly: true });
    expect(dry[0].error).toBeNull();
    expect((await retention(t))['retention.ms'].value).toBe('999000');

    const del = await admin.incrementalAlterConfigs([{ type: 'TOPIC', name: t, changes: [{ name: 'retention.ms', op: 'DELETE' }] }]);
    expect(del[0].error).toBeNull();
    cfg = await eventually(() => retention(t), (c) => c['retention.ms'].isDefault);
    expect(cfg['retention.ms']).toMatchObject({ value: '604800000', isDefault: true });
    expect(cfg['cleanup.policy'].value).toBe('compact'); // untouched by the DELETE of another key
  });

  // ------------------------------------------------------------------ ACLs

  test('ACLs for alice: created, found by filter, in effect (alice can read the topic), deleted by filter (she can no longer)', async () => {
    const t = await topic('adm-acl-');
    const group = `${cluster.users.alice.groupPrefix}${uniqueName('acl-')}`;
    await produceOne(cluster, { listener: 'plaintext' }, t, 'k', Buffer.from('for alice'));
    const asAlice = { listener: 'saslPlaintext', mechanism: 'PLAIN', user: 'alice' } as const;
    // librdkafka does not surface a fetch refused for authorization to the consumer: without
    // the ACL, alice's consumer simply gets nothing within the time given.
    const aliceReads = async (): Promise<string> => {
      try {
        return (await consumeOne(cluster, asAlice, t, group, 'k', 5000)).value!.toString();
      } catch (err) {
        return `nothing read: ${(err as Error).message}`;
      }
    };
    expect(await aliceReads()).toMatch(/^nothing read/);

    const bindings: AclBinding[] = (['READ', 'DESCRIBE'] as const).map((operation) => ({
      resourceType: 'TOPIC',
      name: t,
      patternType: 'LITERAL',
      principal: 'User:alice',
      host: '*',
      operation,
      permissionType: 'ALLOW',
    }));
    acls.push({ resourceType: 'TOPIC', name: t, patternType: 'LITERAL', principal: 'User:alice', operation: 'ANY', permissionType: 'ANY' });
    const created = await admin.createAcls(bindings);
    expect(created.map((r) => r.error)).toEqual([null, null]);
    expect(created.map((r) => r.binding)).toEqual(bindings);

    const filter: AclBindingFilter = { resourceType: 'TOPIC', name: t, patternType: 'LITERAL', principal: 'User:alice', operation: 'ANY', permissionType: 'ANY' };
    const key = (b: AclBinding): string => `${b.resourceType}/${b.patternType}/${b.name}/${b.principal}/${b.host}/${b.operation}/${b.permissionType}`;
    // Each broker applies ACL changes from the metadata log a moment after the controller did.
    const found = await eventually(() => admin.describeAcls(filter), (f) => f.length === 2);
    expect(found.map(key).sort()).toEqual(bindings.map(key).sort());
    expect(await admin.describeAcls({ ...filter, operation: 'WRITE' })).toEqual([]);

    expect(await eventually(aliceReads, (v) => v === 'for alice', 20)).toBe('for alice');

    const [del] = await admin.deleteAcls([filter]);
    expect(del.error).toBeNull();
    expect(del.deleted.map(key).sort()).toEqual(bindings.map(key).sort());
    expect(await eventually(() => admin.describeAcls(filter), (f) => f.length === 0)).toEqual([]);
    expect(await eventually(aliceReads, (v) => v.startsWith('nothing read'), 20)).toMatch(/^nothing read/);
  });

  test('a principal that may not alter ACLs: each binding fails with AuthorizationError; describeAcls reveals nothing', async () => {
    const alice = new AdminClient(clientConfig(cluster, { listener: 'saslPlaintext', mechanism: 'PLAIN', user: 'alice' }) as never);
    try {
      const binding: AclBinding = { resourceType: 'TOPIC', name: 'alice-x', patternType: 'PREFIXED', principal: 'User:alice', host: '*', operation: 'ALTER', permissionType: 'ALLOW' };
      const res = await alice.createAcls([binding, { ...binding, operation: 'ALL' }]);
      expect(res.map((r) => kafkaName(r.error))).toEqual(['CLUSTER_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED']);
      expect(res[0].error).toBeInstanceOf(AuthorizationError);
      // The broker answers CLUSTER_AUTHORIZATION_FAILED; librdkafka 2.12 drops DescribeAcls'
      // response-level error code, so the call reads as "no bindings" (docs/admin.md).
      expect(await admin.describeAcls({ resourceType: 'ANY', patternType: 'ANY', principal: 'User:alice', operation: 'ANY', permissionType: 'ANY' })).not.toEqual([]);
      expect(await alice.describeAcls({ resourceType: 'ANY', patternType: 'ANY', operation: 'ANY', permissionType: 'ANY' })).toEqual([]);
    } finally {
      await alice.close();
    }
  });

  // ------------------------------------------------------------------ topics and offsets

  test('describeTopics keeps each topic\'s error: missing reads UNKNOWN_TOPIC_OR_PART, not allowed reads AuthorizationError', async () => {
    const mine = `${cluster.users.alice.topicPrefix}${uniqueName('adm-dt-')}`;
    topics.push(mine);
    expect((await admin.createTopics([{ topic: mine, numPartitions: 2, replicationFactor: 3 }]))[0].error).toBeNull();
    const other = await topic('adm-dt-other-');
    const missing = `${cluster.users.alice.topicPrefix}${uniqueName('adm-dt-none-')}`;
    const alice = new AdminClient(clientConfig(cluster, { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-512', user: 'alice' }) as never);
    try {
      const [a, b, c] = await eventually(
        () => alice.describeTopics([mine, other, missing], { includeAuthorizedOperations: true }),
        ([x]) => x.error === null && x.partitions.every((p) => p.isr.length === 3),
      );
      expect(a.error).toBeNull();
      expect(a.partitions.map((p) => p.partition)).toEqual([0, 1]);
      for (const p of a.partitions) {
        expect([...p.replicas].sort()).toEqual([1, 2, 3]);
        expect(p.replicas).toContain(p.leader);
      }
      expect(a.authorizedOperations).toEqual(expect.arrayContaining(['READ', 'WRITE', 'DESCRIBE', 'DELETE']));
      expect(a.authorizedOperations).not.toContain('ALTER');
      expect(b.error).toBeInstanceOf(AuthorizationError);
      expect(kafkaName(b.error)).toBe('TOPIC_AUTHORIZATION_FAILED');
      expect(b.partitions).toEqual([]);
      expect(kafkaName(c.error)).toBe('UNKNOWN_TOPIC_OR_PART');

      // Offsets too: alice's own partition answers, the other topic's is refused, on its own.
      const offsets = await alice.listOffsets([
        { topic: mine, partition: 0, spec: 'latest' },
        { topic: other, partition: 0, spec: 'latest' },
      ]);
      expect(offsets[0]).toEqual({ topic: mine, partition: 0, offset: 0, error: null });
      expect(offsets[1].error).toBeInstanceOf(AuthorizationError);
      expect(offsets[1].offset).toBe(-1001);
    } finally {
      await alice.close();
    }
  });

  test('listOffsets by maxTimestamp finds the message with the largest timestamp, not the last one', async () => {
    const t = await topic('adm-maxts-');
    const base = Date.now() - 60_000;
    await produce(bootstrap, t, [
      { partition: 0, value: 'a', timestamp: base },
      { partition: 0, value: 'b', timestamp: base + 5000 },
      { partition: 0, value: 'c', timestamp: base + 1000 },
    ]);
    const [max, latest, at, dup] = await admin.listOffsets([
      { topic: t, partition: 0, spec: 'maxTimestamp' },
      { topic: t, partition: 0, spec: 'latest' },
      { topic: t, partition: 0, spec: { timestamp: base + 2000 } },
      { topic: t, partition: 0, spec: 'maxTimestamp' },
    ]);
    expect(max).toEqual({ topic: t, partition: 0, offset: 1, error: null });
    expect(latest.offset).toBe(3);
    expect(at.offset).toBe(1);
    expect(dup).toEqual(max);
    const [committed] = await admin.listOffsets([{ topic: t, partition: 0, spec: 'latest' }], { isolationLevel: 'read_committed' });
    expect(committed.offset).toBe(3);
  });

  test.each([
    ['SSL with a client certificate', { listener: 'ssl' }],
    ['SASL_SSL with SCRAM-SHA-512', { listener: 'saslSsl', mechanism: 'SCRAM-SHA-512' }],
    ['SASL_PLAINTEXT with OAUTHBEARER (unsecured JWT)', { listener: 'saslPlaintext', mechanism: 'OAUTHBEARER' }],
  ] as const)('the Admin API handle uses the validated security settings: %s', async (_name, access) => {
    const secure = new AdminClient(clientConfig(cluster, access as never) as never);
    try {
      await secure.connect();
      const c = await secure.describeCluster();
      expect(c.clusterId).toBe(cluster.clusterId);
      expect(c.brokers.map((b) => b.port)).toEqual(cluster.nodes.map((n) => (access.listener === 'ssl' ? n.ssl : access.listener === 'saslSsl' ? n.saslSsl : n.saslPlaintext)));
      expect((await secure.listGroups()).errors).toEqual([]);
    } finally {
      await secure.close();
    }
  });

  test('a wrong password: connect() rejects with AuthenticationError, per-resource calls carry it, error_cb saw it', async () => {
    const seen: unknown[] = [];
    const config = { ...clientConfig(cluster, { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-256', user: 'alice' }), 'sasl.password': 'not-the-password', log_level: 0, error_cb: (e: unknown) => seen.push(e) };
    const wrong = new AdminClient(config as never);
    try {
      const err = await wrong.connect({ timeoutMs: 5000 }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(kafkaName(err)).toBe('_AUTHENTICATION');
      expect((err as Error).message).toMatch(/^describeCluster: .*invalid credentials/);
      expect((err as Error).message).not.toContain('not-the-password');
      const [g] = await wrong.describeGroups([`${cluster.users.alice.groupPrefix}x`], { timeoutMs: 3000 });
      expect(g.error).toBeInstanceOf(AuthenticationError);
      expect(seen.some((e) => e instanceof AuthenticationError)).toBe(true);
    } finally {
      await wrong.close();
    }
  });

  // ------------------------------------------------------------------ validate-only, close

  test('validate-only createTopics creates nothing and reports each topic: valid, replication factor 5 on 3 brokers, bad config', async () => {
    const ok = uniqueName('adm-vo-');
    const rf = uniqueName('adm-vo-rf-');
    const cfg = uniqueName('adm-vo-cfg-');
    const res = await admin.createTopics(
      [
        { topic: ok, numPartitions: 3, replicationFactor: 3 },
        { topic: rf, numPartitions: 1, replicationFactor: 5 },
        { topic: cfg, numPartitions: 1, replicationFactor: 3, config: { 'cleanup.policy': 'bogus' } },
      ],
      { validateOnly: true },
    );
    expect(res.map((r) => [r.topic, kafkaName(r.error)])).toEqual([
      [ok, null],
      [rf, 'INVALID_REPLICATION_FACTOR'],
      [cfg, 'INVALID_CONFIG'],
    ]);
    expect(res[1].error!.message).toMatch(/replication factor|replicate/i);
    const [d] = await admin.describeTopics([ok]);
    expect(kafkaName(d.error)).toBe('UNKNOWN_TOPIC_OR_PART');
    expect(await admin.listTopics()).not.toContain(ok);
    // The same request without validateOnly creates it.
    topics.push(ok);
    expect((await admin.createTopics([{ topic: ok, numPartitions: 3, replicationFactor: 3 }]))[0].error).toBeNull();
    // Validate-only partition increases: a valid one and a shrink, each answered, nothing changed.
    const grow = await admin.createPartitions([{ topic: ok, count: 6 }, { topic: ok, count: 2 }], { validateOnly: true });
    expect(grow.map((r) => kafkaName(r.error))).toEqual([null, 'INVALID_PARTITIONS']);
    const [after] = await eventually(() => admin.describeTopics([ok]), ([d]) => d.error === null);
    expect(after.partitions).toHaveLength(3);
  });

  test('close while calls are in flight: they settle with their answers, later calls reject with StateError', async () => {
    const a = new AdminClient({ 'bootstrap.servers': bootstrap });
    const calls = [a.describeCluster(), a.listGroups(), a.describeGroups([uniqueName('adm-none-')]), a.describeConfigs([{ type: 'BROKER', name: '2' }])] as const;
    const closing = a.close();
    const [cl, lg, dg, dc] = await Promise.all(calls);
    await closing;
    expect(cl.clusterId).toBe(cluster.clusterId);
    expect(lg.errors).toEqual([]);
    expect(dg[0].members).toEqual([]);
    expect(dc[0].configs['min.insync.replicas'].value).toBe('2');
    await expect(a.listGroups()).rejects.toBeInstanceOf(StateError);
    await a.close();
  });

  test('several calls in flight on one client settle independently', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? admin.describeCluster() : admin.listGroups())));
    expect(results).toHaveLength(20);
    expect(results.filter((r) => 'clusterId' in r && r.clusterId === cluster.clusterId)).toHaveLength(10);
  });

  test('a message-level sanity check: the group a consumer used shows up in describeGroups with the partition it read', async () => {
    const t = await topic('adm-grp-read-', 1);
    const g = uniqueName('adm-grp-read-');
    groups.push(g);
    await produceOne(cluster, { listener: 'plaintext' }, t, 'x', Buffer.from('one'));
    const c = await member(g, t, 'reader');
    const got: Message[] = [];
    for (let i = 0; i < 80 && got.length < 1; i++) got.push(...(await c.consume(1, 250)));
    expect(got.map((m) => m.value!.toString())).toEqual(['one']);
    const [d]: GroupDescription[] = await admin.describeGroups([g]);
    expect(d.members.flatMap((m) => m.assignment)).toEqual([{ topic: t, partition: 0 }]);
  });
});
