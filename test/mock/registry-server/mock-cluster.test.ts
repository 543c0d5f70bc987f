/**
 * The registry on the embedded mock cluster: the Kafka log works against any
 * Kafka, state comes back after a restart, and two instances agree.
 */
import { MockCluster } from '../../../src/testing';
import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { body, call } from '../../unit/registry-server/helpers';

function schema(step: number): Record<string, unknown> {
  const fields: Record<string, unknown>[] = [{ name: 'id', type: 'long' }];
  for (let i = 0; i < step; i++) fields.push({ name: `f${i}`, type: 'int', default: 0 });
  return { type: 'record', name: 'M', namespace: 'mock', fields };
}

describe('registry server on the mock cluster', () => {
  let cluster: MockCluster;
  const servers: RegistryServer[] = [];
  beforeAll(async () => {
    cluster = await MockCluster.start({ brokers: 3 });
    // The mock cluster does not implement CreateTopics: make the topic up front.
    cluster.createTopic('_schemas', 1, 3);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await cluster.stop();
  });

  const start = async (): Promise<RegistryServer> => {
    const s = await startRegistryServer({ port: 0, kafka: { config: { 'bootstrap.servers': cluster.bootstrapServers }, topic: '_schemas', createTopic: false }, snapshotEvery: 4 });
    servers.push(s);
    return s;
  };

  test('registrations survive a restart and a second instance agrees', async () => {
    const a = await start();
    for (let i = 0; i < 6; i++) expect(await call(a.url, 'POST', '/subjects/m-value/versions', body(schema(i)))).toMatchObject({ status: 200, body: { id: i + 1 } });
    expect((await call(a.url, 'PUT', '/config/m-value', { compatibility: 'FULL' })).status).toBe(200);
    const before = a.store.state.toSnapshot();
    await a.close();

    const b = await start();
    expect(b.store.state.toSnapshot()).toEqual(before);
    const c = await start();
    expect(await call(c.url, 'POST', '/subjects/m-value/versions', body(schema(6)))).toMatchObject({ status: 200, body: { id: 7 } });
    // b reads c's write: poll its answer (no timing assumption beyond a generous guard).
    const until = Date.now() + 30_000;
    let latest = await call(b.url, 'GET', '/subjects/m-value/versions/latest');
    while ((latest.body as { version?: number }).version !== 7 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      latest = await call(b.url, 'GET', '/subjects/m-value/versions/latest');
    }
    expect(latest.body).toMatchObject({ version: 7, id: 7 });
  });
});
