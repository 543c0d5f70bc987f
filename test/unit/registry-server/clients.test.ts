/**
 * Third-party and our own clients against the server (in-memory log).
 */
import { memoryServer } from './helpers';
import { kafkajsScenario, ourClientScenario } from './scenarios';

describe('clients against the registry server (in-memory log)', () => {
  let server: Awaited<ReturnType<typeof memoryServer>>;
  beforeAll(async () => {
    server = await memoryServer({ auth: { users: { app: 'app-secret' } } });
  });
  afterAll(() => server.close());

  it('@kafkajs/confluent-schema-registry: register, fetch, latest, versions, compatibility, encode/decode, delete', async () => {
    await kafkajsScenario(server.url, 'kjs', { username: 'app', password: 'app-secret' });
  });

  it('our SchemaRegistryClient + AvroSerializer/AvroDeserializer, bytes crossing with @kafkajs', async () => {
    await ourClientScenario(server.url, 'ours', { username: 'app', password: 'app-secret' });
  });
});
