/** `simple-kafka registry serve` as a user runs it: start, register, read back, SIGTERM. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli', 'main.js');
const TYPE = 'application/vnd.schemaregistry.v1+json';

describeKafka('simple-kafka registry serve', (cluster) => {
  const topic = uniqueName('_schemas-cli-');
  afterAll(() => deleteTopics(cluster, [topic]));

  test('serves registrations from the command line and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'registry', 'serve', '--bootstrap', cluster.plaintext.bootstrap, '--topic', topic, '--port', '0', '--host', '127.0.0.1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`registry did not start: ${err}`)), 45000);
        child.stderr.on('data', () => {
          const m = /registry listening on (http:\/\/\S+)/.exec(err);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const schema = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'long' }] });
      const reg = await fetch(`${url}/subjects/orders-value/versions`, { method: 'POST', headers: { 'Content-Type': TYPE }, body: JSON.stringify({ schema }) });
      expect(reg.status).toBe(200);
      const { id } = (await reg.json()) as { id: number };
      const byId = (await (await fetch(`${url}/schemas/ids/${id}`)).json()) as { schema: string };
      expect(JSON.parse(byId.schema)).toEqual(JSON.parse(schema));
      const latest = (await (await fetch(`${url}/subjects/orders-value/versions/latest`)).json()) as { id: number; version: number; subject: string };
      expect(latest).toMatchObject({ id, version: 1, subject: 'orders-value' });
      const missing = await fetch(`${url}/subjects/nope/versions`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error_code: number }).error_code).toBe(40401);
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(err).toContain('registry stopped');
  }, 90000);
});
