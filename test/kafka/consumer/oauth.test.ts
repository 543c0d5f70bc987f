/**
 * SASL/OAUTHBEARER with Python's `oauth_cb` on the real cluster (its brokers accept unsecured
 * JWTs, `"alg":"none"`, whose `sub` is the principal).
 */
import { AdminClient } from '../../../src/admin';
import { Consumer, OFFSET_BEGINNING, type Message } from '../../../src/consumer';
import { describeKafka, uniqueName } from '../cluster';
import { produce, Topics } from './helpers';

function unsecuredJwt(sub: string, lifetimeMs: number): { token: string; lifetime: number } {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Date.now();
  const lifetime = now + lifetimeMs;
  return { token: `${b64({ alg: 'none' })}.${b64({ sub, iat: Math.floor(now / 1000), exp: Math.floor(lifetime / 1000) })}.`, lifetime };
}

describeKafka('OAUTHBEARER with oauth_cb', (cluster) => {
  const topics = new Topics(cluster);
  afterAll(() => topics.deleteAll());

  test('consumer and admin client get their tokens from oauth_cb and work over SASL_PLAINTEXT', async () => {
    const calls: string[] = [];
    const security = {
      'bootstrap.servers': cluster.saslPlaintext.bootstrap,
      'security.protocol': 'SASL_PLAINTEXT',
      'sasl.mechanism': 'OAUTHBEARER',
      'sasl.oauthbearer.config': 'scope=test',
      oauth_cb: async (config: string) => {
        calls.push(config);
        return unsecuredJwt(cluster.oauthbearer.principal, 3_600_000);
      },
    };
    const admin = new AdminClient(security);
    const consumer = new Consumer({ ...security, 'group.id': uniqueName('oauth-') });
    try {
      const topic = uniqueName('oauth-');
      const [created] = await admin.createTopics([{ topic, numPartitions: 1, replicationFactor: 3 }]);
      expect(created.error).toBeNull();
      expect((await admin.describeCluster()).brokers).toHaveLength(3);
      await produce(cluster.plaintext.bootstrap, topic, [{ value: 'over oauth' }]);
      await consumer.assign([{ topic, partition: 0, offset: OFFSET_BEGINNING }]);
      const read: Message[] = [];
      for (let i = 0; i < 40 && read.length < 1; i++) read.push(...(await consumer.consume(1, 250)));
      expect(read.map((m) => m.value!.toString())).toEqual(['over oauth']);
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(new Set(calls)).toEqual(new Set(['scope=test']));
      await admin.deleteTopics([topic]);
    } finally {
      await consumer.close();
      await admin.close();
    }
  });
});
