/**
 * The registry on the real cluster: third-party and our clients against a
 * Kafka-backed server, state that survives a restart, a secured listener, and
 * the schema topic's settings.
 */
import { Kafka as KafkaJS, logLevel } from 'kafkajs';

import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { body, call } from '../../unit/registry-server/helpers';
import { kafkajsScenario, ourClientScenario } from '../../unit/registry-server/scenarios';
import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';
import { evolution, kafkaLog } from './helpers';

describeKafka('registry server on Kafka', (cluster) => {
  const topics: string[] = [];
  const servers: RegistryServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(() => deleteTopics(cluster, topics));

  async function start(topic: string, access?: Parameters<typeof kafkaLog>[2]): Promise<RegistryServer> {
    const server = await startRegistryServer({ port: 0, kafka: kafkaLog(cluster, topic, access), snapshotEvery: 10 });
    servers.push(server);
    return server;
  }

  test('@kafkajs/confluent-schema-registry and our client work against it; a restart reads the same state back', async () => {
    const topic = uniqueName('_schemas-it-');
    topics.push(topic);
    const first = await start(topic);
    await kafkajsScenario(first.url, 'kjs');
    await ourClientScenario(first.url, 'ours');
    // Enough writes that snapshots and tombstones happen (snapshotEvery: 10).
    for (let i = 0; i < 25; i++) expect((await call(first.url, 'POST', '/subjects/many/versions', body(evolution('many', i)))).status).toBe(200);
    // Snapshots were written to (and tombstones for what they cover) the real topic.
    expect(first.store.snapshotsWritten).toBeGreaterThan(0);
    const before = first.store.state.toSnapshot();
    const subjectsBefore = (await call(first.url, 'GET', '/subjects?deleted=true')).body;
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(topic);
    expect(second.store.state.toSnapshot()).toEqual(before);
    expect((await call(second.url, 'GET', '/subjects?deleted=true')).body).toEqual(subjectsBefore);
    expect((await call(second.url, 'GET', '/subjects/many/versions')).body).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  test('creates the topic compacted, one partition, replicated 3 times', async () => {
    const topic = uniqueName('_schemas-cfg-');
    topics.push(topic);
    await start(topic);
    const kafka = new KafkaJS({ brokers: cluster.plaintext.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const md = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(md.topics[0].partitions).toHaveLength(1);
      expect(md.topics[0].partitions[0].replicas).toHaveLength(3);
      const configs = await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }], includeSynonyms: false });
      expect(configs.resources[0].configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue).toBe('compact');
    } finally {
      await admin.disconnect();
    }
  });

  test('works over SASL_SSL (SCRAM-SHA-512), the validated config carrying security settings', async () => {
    const topic = uniqueName('_schemas-sasl-');
    topics.push(topic);
    const access = { listener: 'saslSsl', mechanism: 'SCRAM-SHA-512' } as const;
    const server = await start(topic, access);
    expect(await call(server.url, 'POST', '/subjects/secure-value/versions', body(evolution('secure', 0)))).toMatchObject({ status: 200, body: { id: 1 } });
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const again = await start(topic, access);
    expect(await call(again.url, 'GET', '/subjects/secure-value/versions/latest')).toMatchObject({ status: 200, body: { id: 1, version: 1 } });
  });

  test('a bad Kafka config is refused before connecting, without echoing the password', async () => {
    const err = await startRegistryServer({
      port: 0,
      kafka: { config: { 'bootstrap.servers': cluster.saslSsl.bootstrap, 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.password': 'hunter2-secret' }, topic: uniqueName('_schemas-bad-') },
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/sasl\.username/);
    expect((err as Error).message).not.toContain('hunter2-secret');
  });
});
