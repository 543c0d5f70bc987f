/**
 * AdminClient input checks: bad arguments are refused before any request, with a typed error
 * (`ERR_INVALID_ARGUMENT`) naming the call and the field at fault. No broker is needed: the
 * client points at a closed port and never connects.
 */
import { AdminClient } from '../../../src/admin';
import { KafkaClientError } from '../../../src/errors';
import { fromNativeBinding, toNativeAlterations, toNativeBinding, toNativeFilter, toNativeStates, toNativeTopics } from '../../../src/admin/convert';

type Call = (a: AdminClient) => Promise<unknown>;

const admin = new AdminClient({ 'bootstrap.servers': '127.0.0.1:1' });
afterAll(() => admin.close());

const topic = (over: Record<string, unknown>) => ({ resourceType: 'TOPIC', name: 't', patternType: 'LITERAL', principal: 'User:alice', host: '*', operation: 'READ', permissionType: 'ALLOW', ...over });
const filter = (over: Record<string, unknown>) => ({ resourceType: 'TOPIC', patternType: 'ANY', operation: 'ANY', permissionType: 'ANY', ...over });

const ROWS: Array<[string, Call, RegExp]> = [
  ['createTopics: not an array', (a) => a.createTopics('t' as never), /^createTopics: topics must be an array/],
  ['createTopics: missing name', (a) => a.createTopics([{} as never]), /^createTopics: topics\[0\]\.topic must be a non-empty string, got undefined/],
  ['createTopics: bad character', (a) => a.createTopics([{ topic: 'ok' }, { topic: 'a b' }]), /^createTopics: topics\[1\]\.topic has the character " " at 1/],
  ['createTopics: too long', (a) => a.createTopics([{ topic: 'x'.repeat(250) }]), /topics\[0\]\.topic is 250 characters long/],
  ['createTopics: zero partitions', (a) => a.createTopics([{ topic: 't', numPartitions: 0 }]), /topics\[0\]\.numPartitions must be an integer >= 1 \(or -1 for the broker default\), got 0/],
  ['createTopics: fractional replication', (a) => a.createTopics([{ topic: 't', replicationFactor: 1.5 }]), /topics\[0\]\.replicationFactor must be an integer/],
  ['createTopics: object config value', (a) => a.createTopics([{ topic: 't', config: { 'retention.ms': {} as never } }]), /topics\[0\]\.config\["retention\.ms"\] must be a string, number or boolean/],
  ['createTopics: validateOnly not boolean', (a) => a.createTopics([{ topic: 't' }], { validateOnly: 'yes' as never }), /options\.validateOnly must be a boolean, got "yes"/],
  ['createTopics: bad timeout', (a) => a.createTopics([{ topic: 't' }], { timeoutMs: -5 }), /^createTopics: options\.timeoutMs must be a number of milliseconds >= 1, got -5/],
  ['listGroups: unknown state', (a) => a.listGroups({ states: ['Stable', 'Sleeping' as never] }), /^listGroups: options\.states\[1\] must be one of Unknown, PreparingRebalance, CompletingRebalance, Stable, Dead, Empty, got "Sleeping"/],
  ['describeGroups: empty list', (a) => a.describeGroups([]), /^describeGroups: groups must not be empty/],
  ['describeGroups: empty id', (a) => a.describeGroups(['g', '']), /^describeGroups: groups\[1\] must be a non-empty string, got ""/],
  ['deleteGroups: not a string', (a) => a.deleteGroups([42 as never]), /^deleteGroups: groups\[0\] must be a non-empty string, got 42/],
  ['describeConfigs: bad type', (a) => a.describeConfigs([{ type: 'topic' as never, name: 't' }]), /^describeConfigs: resources\[0\]\.type must be one of TOPIC, GROUP, BROKER, got "topic"/],
  ['describeConfigs: broker not an id', (a) => a.describeConfigs([{ type: 'BROKER', name: 'broker-1' }]), /resources\[0\]\.name must be a broker id such as "1"/],
  ['incrementalAlterConfigs: bad op', (a) => a.incrementalAlterConfigs([{ type: 'TOPIC', name: 't', changes: [{ name: 'retention.ms', op: 'PUT' as never, value: 1 }] }]), /resources\[0\]\.changes\[0\]\.op must be one of SET, DELETE, APPEND, SUBTRACT, got "PUT"/],
  ['incrementalAlterConfigs: SET without value', (a) => a.incrementalAlterConfigs([{ type: 'TOPIC', name: 't', changes: [{ name: 'retention.ms', op: 'SET' }] }]), /resources\[0\]\.changes\[0\]\.value must be a string, number or boolean for SET, got undefined/],
  ['incrementalAlterConfigs: DELETE with value', (a) => a.incrementalAlterConfigs([{ type: 'TOPIC', name: 't', changes: [{ name: 'retention.ms', op: 'DELETE', value: 1 }] }]), /changes\[0\]\.value must be left out for DELETE/],
  ['incrementalAlterConfigs: no changes', (a) => a.incrementalAlterConfigs([{ type: 'TOPIC', name: 't', changes: [] }]), /resources\[0\]\.changes must not be empty/],
  ['createAcls: empty', (a) => a.createAcls([]), /^createAcls: bindings must be a non-empty array/],
  ['createAcls: ANY in a binding', (a) => a.createAcls([topic({ operation: 'ANY' }) as never]), /^createAcls: bindings\[0\]\.operation must be one of ALL, READ, .*got "ANY"/],
  ['createAcls: principal without type', (a) => a.createAcls([topic({ principal: 'alice' }) as never]), /bindings\[0\]\.principal must be "Type:name", e\.g\. "User:alice", got "alice"/],
  ['createAcls: MATCH pattern', (a) => a.createAcls([topic({ patternType: 'MATCH' }) as never]), /bindings\[0\]\.patternType must be one of LITERAL, PREFIXED, got "MATCH"/],
  ['createAcls: cluster name', (a) => a.createAcls([topic({ resourceType: 'CLUSTER', name: 'mine' }) as never]), /bindings\[0\]\.name must be "kafka-cluster" for a CLUSTER resource/],
  ['describeAcls: bad permission', (a) => a.describeAcls(filter({ permissionType: 'MAYBE' }) as never), /^describeAcls: filter\.permissionType must be one of ANY, DENY, ALLOW, got "MAYBE"/],
  ['deleteAcls: second filter bad', (a) => a.deleteAcls([filter({}) as never, filter({ resourceType: 'USER' }) as never]), /^deleteAcls: filters\[1\]\.resourceType must be one of ANY, TOPIC, GROUP, CLUSTER, TRANSACTIONAL_ID, got "USER"/],
  ['describeTopics: bad name', (a) => a.describeTopics(['ok', 'no/slash']), /^describeTopics: topics\[1\] has the character "\/" at 2/],
  ['listOffsets: bad spec', (a) => a.listOffsets([{ topic: 't', partition: 0, spec: 'first' as never }]), /^listOffsets: requests\[0\]\.spec must be 'earliest', 'latest', 'maxTimestamp' or \{timestamp: ms >= 0\}, got "first"/],
  ['listOffsets: negative partition', (a) => a.listOffsets([{ topic: 't', partition: -1, spec: 'latest' }]), /^listOffsets: requests\[0\]\.partition must be an integer >= 0, got -1/],
  ['listOffsets: bad isolation', (a) => a.listOffsets([{ topic: 't', partition: 0, spec: 'latest' }], { isolationLevel: 'dirty' as never }), /options\.isolationLevel must be read_uncommitted or read_committed, got "dirty"/],
  ['listConsumerGroupOffsets: empty group', (a) => a.listConsumerGroupOffsets(''), /^listConsumerGroupOffsets: groups\[0\] must be a non-empty string/],
  ['listConsumerGroupOffsets: bad partition', (a) => a.listConsumerGroupOffsets('g', { partitions: [{ topic: 't', partition: 1.5 }] }), /options\.partitions\[0\]\.partition must be an integer >= 0, got 1\.5/],
  ['alterConsumerGroupOffsets: negative offset', (a) => a.alterConsumerGroupOffsets('g', [{ topic: 't', partition: 0, offset: -2 }]), /^alterConsumerGroupOffsets: offsets\[0\]\.offset must be an integer >= 0, got -2/],
  ['deleteTopics: bad name', (a) => a.deleteTopics(['ok', '..']), /^deleteTopics: topics\[1\] must not be "\.\."/],
  ['createPartitions: zero count', (a) => a.createPartitions([{ topic: 't', count: 0 }]), /^createPartitions: changes\[0\]\.count must be an integer >= 1, got 0/],
  ['describeCluster: bad option', (a) => a.describeCluster({ includeAuthorizedOperations: 1 as never }), /^describeCluster: options\.includeAuthorizedOperations must be a boolean, got 1/],
];

describe('AdminClient refuses bad input before any request', () => {
  it.each(ROWS)('%s', async (_name, call, message) => {
    const err = await call(admin).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(KafkaClientError);
    expect((err as KafkaClientError).code).toBe('ERR_INVALID_ARGUMENT');
    expect((err as Error).message).toMatch(message);
  });
});

describe('conversions to the native Admin API', () => {
  it('topics: counts default to -1 (broker default), configs become strings', () => {
    expect(toNativeTopics([{ topic: 'a' }, { topic: 'b', numPartitions: 3, replicationFactor: 2, config: { 'retention.ms': 1000, 'compression.type': 'zstd', preallocate: true } }])).toEqual([
      { topic: 'a', numPartitions: -1, replicationFactor: -1, config: [] },
      { topic: 'b', numPartitions: 3, replicationFactor: 2, config: ['retention.ms', '1000', 'compression.type', 'zstd', 'preallocate', 'true'] },
    ]);
  });

  it('group states: librdkafka codes, duplicates removed', () => {
    expect(toNativeStates(['Stable', 'Empty', 'Stable'])).toEqual([3, 5]);
    expect(toNativeStates(undefined)).toBeNull();
  });

  it('config changes: op codes and string values, null for DELETE', () => {
    expect(toNativeAlterations([{ type: 'BROKER', name: '2', changes: [{ name: 'a', op: 'SET', value: 5 }, { name: 'b', op: 'DELETE' }, { name: 'c', op: 'APPEND', value: 'x' }] }])).toEqual([
      { type: 4, name: '2', ops: [{ name: 'a', op: 0, value: '5' }, { name: 'b', op: 1, value: null }, { name: 'c', op: 2, value: 'x' }] },
    ]);
  });

  it('ACL bindings and filters: librdkafka enums both ways', () => {
    const b = { resourceType: 'GROUP', name: 'g-', patternType: 'PREFIXED', principal: 'User:bob', host: '*', operation: 'DESCRIBE', permissionType: 'DENY' } as const;
    const raw = toNativeBinding('createAcls', 'b', b);
    expect(raw).toEqual({ resourceType: 3, name: 'g-', patternType: 4, principal: 'User:bob', host: '*', operation: 8, permissionType: 2 });
    expect(fromNativeBinding(raw)).toEqual(b);
    expect(toNativeFilter('describeAcls', 'f', { resourceType: 'ANY', patternType: 'MATCH', operation: 'ANY', permissionType: 'ANY' })).toEqual({
      resourceType: 1,
      name: null,
      patternType: 2,
      principal: null,
      host: null,
      operation: 1,
      permissionType: 1,
    });
  });
});
