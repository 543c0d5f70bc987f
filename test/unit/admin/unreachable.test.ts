/**
 * AdminClient against a bootstrap address where nothing listens: every Admin API call settles
 * with a typed error (describeCluster rejects, listGroups names what it could not ask, the
 * per-resource calls put the error on each resource), client-level errors reach `error_cb`, and close() does not hang.
 */
import { AdminClient } from '../../../src/admin';
import { KafkaClientError, KafkaError, TimeoutError } from '../../../src/errors';

test('nothing listening: TimeoutError per call or per resource, transport errors to error_cb, close returns', async () => {
  const errors: KafkaClientError[] = [];
  const admin = new AdminClient({ 'bootstrap.servers': '127.0.0.1:1', 'reconnect.backoff.max.ms': 200, log_level: 0, error_cb: (e) => errors.push(e) });
  const o = { timeoutMs: 1500 };
  const [cluster, groups, described, topics, configs] = await Promise.allSettled([
    admin.describeCluster(o),
    admin.listGroups(o),
    admin.describeGroups(['g1', 'g2'], o),
    admin.createTopics([{ topic: 'a' }, { topic: 'b' }], { ...o, validateOnly: true }),
    admin.describeConfigs([{ type: 'BROKER', name: '1' }], o),
  ]);
  expect(cluster.status === 'rejected' && cluster.reason).toBeInstanceOf(TimeoutError);
  // listGroups asks every broker: the ones it could not ask are named in `errors`, never dropped silently.
  expect(groups.status).toBe('fulfilled');
  if (groups.status === 'fulfilled') {
    expect(groups.value.groups).toEqual([]);
    expect(groups.value.errors.length).toBeGreaterThan(0);
    expect(groups.value.errors[0]).toBeInstanceOf(TimeoutError);
  }
  expect(described.status).toBe('fulfilled');
  if (described.status === 'fulfilled') {
    expect(described.value.map((d) => [d.groupId, d.error?.constructor.name])).toEqual([
      ['g1', 'TimeoutError'],
      ['g2', 'TimeoutError'],
    ]);
    expect(described.value[0].error!.message).toContain('describeGroups g1');
  }
  expect(topics.status === 'fulfilled' && topics.value.map((t) => t.error instanceof TimeoutError)).toEqual([true, true]);
  expect(configs.status === 'fulfilled' && configs.value[0].error).toBeInstanceOf(TimeoutError);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors[0]).toBeInstanceOf(KafkaError);
  expect(['_TRANSPORT', '_ALL_BROKERS_DOWN']).toContain((errors[0] as KafkaError).kafkaName);
  const started = Date.now();
  await admin.close();
  expect(Date.now() - started).toBeLessThan(10_000);
}, 30_000);
