/**
 * Smoke tests of the real cluster (scripts/kafka/up) with plain node-rdkafka: every listener
 * and SASL mechanism carries a message there and back, the restricted user is refused outside
 * its prefix, and metadata shows all three brokers.
 */
import { describeKafka, uniqueName } from './cluster';
import { Access, consumeOne, createTopic, deleteTopics, Kafka, metadata, produceOne, RdKafkaError } from './rdkafka';

describeKafka('kafka cluster smoke', (cluster) => {
  const topics: string[] = [];
  afterAll(() => deleteTopics(cluster, topics));

  test('metadata lists 3 brokers, each advertising 127.0.0.1', async () => {
    const md = await metadata(cluster, { listener: 'plaintext' });
    expect(md.brokers.map((b) => b.id).sort()).toEqual([1, 2, 3]);
    expect(new Set(md.brokers.map((b) => b.host))).toEqual(new Set(['127.0.0.1']));
  });

  const cases: [string, Access][] = [
    ['PLAINTEXT', { listener: 'plaintext' }],
    ['SASL_PLAINTEXT PLAIN', { listener: 'saslPlaintext', mechanism: 'PLAIN' }],
    ['SASL_PLAINTEXT SCRAM-SHA-256', { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-256' }],
    ['SASL_PLAINTEXT SCRAM-SHA-512', { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-512' }],
    ['SASL_PLAINTEXT OAUTHBEARER (unsecured JWT)', { listener: 'saslPlaintext', mechanism: 'OAUTHBEARER' }],
    ['SSL with client certificate', { listener: 'ssl' }],
    ['SASL_SSL SCRAM-SHA-512', { listener: 'saslSsl', mechanism: 'SCRAM-SHA-512' }],
    ['SASL_SSL PLAIN', { listener: 'saslSsl', mechanism: 'PLAIN' }],
  ];

  test.each(cases)('%s: a message produced is consumed back unchanged', async (_name, access) => {
    const topic = uniqueName('smoke-');
    topics.push(topic);
    await createTopic(cluster, topic);
    const key = uniqueName('key-');
    const value = Buffer.from(`value for ${key} ✓`);

    const report = await produceOne(cluster, access, topic, key, value);
    expect(report.topic).toBe(topic);
    expect(report.partition).toBe(0);
    expect(report.offset).toBeGreaterThanOrEqual(0);

    const msg = await consumeOne(cluster, access, topic, uniqueName('smoke-group-'), key);
    expect(msg.key?.toString()).toBe(key);
    expect(msg.value).toEqual(value);
    expect(msg.offset).toBe(report.offset);
  });

  describe('authorization: alice may only use the alice- prefix', () => {
    const alice: Access = { listener: 'saslPlaintext', mechanism: 'SCRAM-SHA-256', user: 'alice' };

    // The principal must come from each mechanism's credentials, including the JWT's subject.
    const aliceWays: [string, Access][] = [
      ['SCRAM-SHA-256', alice],
      ['PLAIN', { listener: 'saslPlaintext', mechanism: 'PLAIN', user: 'alice' }],
      ['OAUTHBEARER principal=alice', { listener: 'saslPlaintext', mechanism: 'OAUTHBEARER', user: 'alice' }],
    ];
    test.each(aliceWays)('%s: producing outside the prefix fails with TOPIC_AUTHORIZATION_FAILED', async (_name, access) => {
      const topic = uniqueName('forbidden-');
      topics.push(topic);
      await createTopic(cluster, topic);
      const err = await produceOne(cluster, access, topic, 'k', Buffer.from('v'), 10000).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RdKafkaError);
      expect((err as RdKafkaError).code).toBe(Kafka.CODES.ERRORS.ERR_TOPIC_AUTHORIZATION_FAILED);
      expect((err as RdKafkaError).message).toMatch(/topic authorization failed/i);
    });

    test('producing to and consuming from an alice- topic succeeds', async () => {
      const topic = uniqueName(cluster.users.alice.topicPrefix);
      topics.push(topic);
      await createTopic(cluster, topic);
      const key = uniqueName('key-');
      const value = Buffer.from('allowed');
      await produceOne(cluster, alice, topic, key, value);
      const msg = await consumeOne(cluster, alice, topic, uniqueName(cluster.users.alice.groupPrefix), key);
      expect(msg.value).toEqual(value);
    });
  });
});
