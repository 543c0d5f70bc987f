/**
 * AdminClient on the real cluster: every call, with per-resource errors.
 */
import { AdminClient, type TopicResult } from '../../../src/admin';
import { Consumer, OFFSET_INVALID, type Message } from '../../../src/consumer';
import { AuthorizationError, KafkaError, StateError } from '../../../src/errors';
import { describeKafka, uniqueName } from '../cluster';
import { clientConfig } from '../rdkafka';
import { numbered, produce } from '../consumer/helpers';

describeKafka('AdminClient', (cluster) => {
  const bootstrap = cluster.plaintext.bootstrap;
  let admin: AdminClient;
  const created: string[] = [];
  const open: Consumer[] = [];

  beforeAll(() => {
    admin = new AdminClient({ 'bootstrap.servers': bootstrap });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    if (created.length > 0) await admin.deleteTopics(created);
    await admin.close();
  });

  const name = (prefix: string): string => {
    const n = uniqueName(prefix);
    created.push(n);
    return n;
  };
  const errorName = (r: TopicResult): string | null => (r.error ? (r.error as KafkaError).kafkaName : null);

  /** Calls `get` until `done(value)` (new topics reach every broker's metadata a moment after creation). */
  async function eventually<T>(get: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
    let v = await get();
    for (let i = 0; i < 100 && !done(v); i++) {
      await new Promise((r) => setTimeout(r, 100));
      v = await get();
    }
    return v;
  }

  test('createTopics reports each topic on its own: created, already exists, bad replication factor, bad config', async () => {
    const a = name('adm-a-');
    const b = name('adm-b-');
    const results = await admin.createTopics([
      { topic: a, numPartitions: 3, replicationFactor: 3 },
      { topic: b, numPartitions: 1, replicationFactor: 2, config: { 'cleanup.policy': 'compact', 'retention.ms': 60_000 } },
      { topic: a, numPartitions: 1, replicationFactor: 3 },
      { topic: uniqueName('adm-rf-'), numPartitions: 1, replicationFactor: 5 },
      { topic: uniqueName('adm-cfg-'), numPartitions: 1, replicationFactor: 3, config: { 'cleanup.policy': 'bogus' } },
    ]);
    expect(results.map(errorName)).toEqual([null, null, 'TOPIC_ALREADY_EXISTS', 'INVALID_REPLICATION_FACTOR', 'INVALID_CONFIG']);
    expect(results[2].error).toBeInstanceOf(KafkaError);
    expect(results[2].error!.message).toContain(a);

    const [da, db, missing] = await eventually(
      () => admin.describeTopics([a, b, uniqueName('adm-none-')]),
      ([x, y]) => x.error === null && y.error === null && x.partitions.every((p) => p.isr.length === 3),
    );
    expect(da.error).toBeNull();
    expect(da.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    for (const p of da.partitions) {
      expect(p.replicas.sort()).toEqual([1, 2, 3]);
      expect(p.isr.sort()).toEqual([1, 2, 3]);
      expect(p.replicas).toContain(p.leader);
    }
    expect(db.partitions).toHaveLength(1);
    expect(db.partitions[0].replicas).toHaveLength(2);
    expect((missing.error as KafkaError).kafkaName).toBe('UNKNOWN_TOPIC_OR_PART');
    expect(missing.partitions).toEqual([]);

    const topics = await eventually(
      () => admin.listTopics(),
      (ts) => ts.includes(a) && ts.includes(b),
    );
    expect(topics).toEqual(expect.arrayContaining([a, b]));
    expect(topics).not.toContain('__consumer_offsets');
    expect(await admin.listTopics({ includeInternal: true })).toContain('__consumer_offsets');
  });

  test('createTopics without counts uses the broker defaults', async () => {
    const t = name('adm-defaults-');
    const [r] = await admin.createTopics([{ topic: t }]);
    expect(r.error).toBeNull();
    const [d] = await eventually(
      () => admin.describeTopics([t]),
      ([x]) => x.error === null,
    );
    expect(d.error).toBeNull();
    expect(d.partitions.length).toBeGreaterThanOrEqual(1);
    expect(d.partitions[0].replicas.length).toBeGreaterThanOrEqual(1);
  });

  test('createPartitions grows a topic; shrinking and unknown topics fail on their own', async () => {
    const t = name('adm-parts-');
    await admin.createTopics([{ topic: t, numPartitions: 2, replicationFactor: 3 }]);
    const results = await admin.createPartitions([
      { topic: t, count: 5 },
      { topic: uniqueName('adm-none-'), count: 3 },
    ]);
    expect(results.map(errorName)).toEqual([null, 'UNKNOWN_TOPIC_OR_PART']);
    expect((await admin.createPartitions([{ topic: t, count: 3 }])).map(errorName)).toEqual(['INVALID_PARTITIONS']);
    let partitions = 0;
    for (let i = 0; i < 50 && partitions !== 5; i++) {
      partitions = (await admin.describeTopics([t]))[0].partitions.length;
      if (partitions !== 5) await new Promise((r) => setTimeout(r, 100));
    }
    expect(partitions).toBe(5);
  });

  test('deleteTopics deletes existing topics and reports unknown ones', async () => {
    const t = uniqueName('adm-del-');
    await admin.createTopics([{ topic: t, numPartitions: 1, replicationFactor: 3 }]);
    expect(await eventually(() => admin.listTopics(), (ts) => ts.includes(t))).toContain(t);
    const results = await admin.deleteTopics([t, uniqueName('adm-none-')]);
    expect(results.map(errorName)).toEqual([null, 'UNKNOWN_TOPIC_OR_PART']);
    let listed = true;
    for (let i = 0; i < 50 && listed; i++) {
      listed = (await admin.listTopics()).includes(t);
      if (listed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(listed).toBe(false);
  });

  test('describeCluster: the cluster id, the controller, and the three brokers with their PLAINTEXT listeners', async () => {
    const c = await admin.describeCluster();
    expect(c.brokers).toEqual(cluster.nodes.map((n) => ({ id: n.id, host: '127.0.0.1', port: n.plaintext, rack: null })));
    expect(c.clusterId).toBe(cluster.clusterId);
    expect(cluster.nodes.map((n) => n.id)).toContain(c.controller);
    expect(c.authorizedOperations).toBeUndefined();
    const withOps = await admin.describeCluster({ includeAuthorizedOperations: true });
    // The PLAINTEXT principal is a super user: it may do everything on the cluster.
    expect(withOps.authorizedOperations).toEqual(expect.arrayContaining(['DESCRIBE', 'ALTER', 'CREATE', 'DESCRIBE_CONFIGS']));
  });

  test('listOffsets: earliest, latest and by timestamp; a bad partition fails alone', async () => {
    const t = name('adm-offsets-');
    await admin.createTopics([{ topic: t, numPartitions: 2, replicationFactor: 3 }]);
    const base = Date.now() - 600_000;
    await produce(
      bootstrap,
      t,
      Array.from({ length: 10 }, (_, i) => ({ partition: 0, value: `m${i}`, timestamp: base + i * 1000 })),
    );
    const results = await admin.listOffsets([
      { topic: t, partition: 0, spec: 'earliest' },
      { topic: t, partition: 0, spec: 'latest' },
      { topic: t, partition: 0, spec: { timestamp: base + 6500 } },
      { topic: t, partition: 1, spec: 'latest' },
      { topic: t, partition: 7, spec: 'latest' },
      { topic: t, partition: 0, spec: { timestamp: base + 60_000 } },
    ]);
    expect(results.map((r) => r.offset)).toEqual([0, 10, 7, 0, OFFSET_INVALID, -1]);
    expect(results.slice(0, 4).map((r) => r.error)).toEqual([null, null, null, null]);
    expect(results[4].error).toBeInstanceOf(KafkaError);
    expect(results[5].error).toBeNull();
  });

  test('listConsumerGroupOffsets and alterConsumerGroupOffsets: read, rewind, and a consumer resumes there', async () => {
    const t = name('adm-grp-');
    await admin.createTopics([{ topic: t, numPartitions: 2, replicationFactor: 3 }]);
    await produce(bootstrap, t, numbered(20, 2));
    const group = uniqueName('adm-grp-');
    const config = { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, 'enable.auto.commit': false };
    const c = new Consumer(config);
    open.push(c);
    await c.subscribe([t]);
    const read: Message[] = [];
    for (let i = 0; i < 80 && read.length < 20; i++) read.push(...(await c.consume(20, 250)));
    expect(read).toHaveLength(20);
    await c.commit({ offsets: [{ topic: t, partition: 0, offset: 10 }, { topic: t, partition: 1, offset: 4 }] });

    // Without partitions: every partition where the group committed.
    expect(await admin.listConsumerGroupOffsets(group)).toEqual([
      { topic: t, partition: 0, offset: 10 },
      { topic: t, partition: 1, offset: 4 },
    ]);

    // While the group has a member, offsets cannot be altered.
    const refused = await admin.alterConsumerGroupOffsets(group, [{ topic: t, partition: 0, offset: 2 }]);
    expect(refused[0].error).toBeInstanceOf(KafkaError);
    expect((refused[0].error as KafkaError).kafkaName).toBe('UNKNOWN_MEMBER_ID');
    expect((await admin.listConsumerGroupOffsets(group, { partitions: [{ topic: t, partition: 0 }] }))[0].offset).toBe(10);

    await c.close();
    const altered = await admin.alterConsumerGroupOffsets(group, [
      { topic: t, partition: 0, offset: 7 },
      { topic: t, partition: 1, offset: 9 },
    ]);
    expect(altered).toEqual([
      { topic: t, partition: 0, offset: 7 },
      { topic: t, partition: 1, offset: 9 },
    ]);
    expect(await admin.listConsumerGroupOffsets(group, { partitions: [{ topic: t, partition: 0 }, { topic: t, partition: 1 }, { topic: t, partition: 2 }] })).toEqual([
      { topic: t, partition: 0, offset: 7 },
      { topic: t, partition: 1, offset: 9 },
      { topic: t, partition: 2, offset: OFFSET_INVALID }, // no commit (Kafka reports no error for it)
    ]);

    // A new member of the group starts from the altered offsets.
    const d = new Consumer(config);
    open.push(d);
    await d.subscribe([t]);
    const again: Message[] = [];
    for (let i = 0; i < 80 && again.length < 4; i++) again.push(...(await d.consume(10, 250)));
    const firstByPartition = new Map<number, number>();
    for (const m of again) if (!firstByPartition.has(m.partition)) firstByPartition.set(m.partition, m.offset);
    expect([...firstByPartition.entries()].sort()).toEqual([
      [0, 7],
      [1, 9],
    ]);
    expect(again).toHaveLength(4);
  }, 60_000);

  test('a restricted principal: its own topics are created, the others refused with AuthorizationError, in one call', async () => {
    const alice = new AdminClient({ ...clientConfig(cluster, { listener: 'saslPlaintext', mechanism: 'PLAIN', user: 'alice' }) });
    try {
      const mine = `${cluster.users.alice.topicPrefix}${uniqueName('adm-')}`;
      const notMine = uniqueName('adm-notalice-');
      created.push(mine);
      const results = await alice.createTopics([
        { topic: mine, numPartitions: 1, replicationFactor: 3 },
        { topic: notMine, numPartitions: 1, replicationFactor: 3 },
      ]);
      expect(results[0].error).toBeNull();
      expect(results[1].error).toBeInstanceOf(AuthorizationError);
      expect((results[1].error as AuthorizationError).kafkaName).toBe('TOPIC_AUTHORIZATION_FAILED');
      const topics = await eventually(() => admin.listTopics(), (ts) => ts.includes(mine));
      expect(topics).toContain(mine);
      expect(topics).not.toContain(notMine);
    } finally {
      await alice.close();
    }
  });

  test('close is idempotent and later calls fail with StateError', async () => {
    const a = new AdminClient({ 'bootstrap.servers': bootstrap });
    expect((await a.describeCluster()).brokers).toHaveLength(3);
    await a.close();
    await a.close();
    await expect(a.listTopics()).rejects.toBeInstanceOf(StateError);
    await expect(a.createTopics([{ topic: uniqueName('x-') }])).rejects.toBeInstanceOf(StateError);
  });
});
