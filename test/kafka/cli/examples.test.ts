/**
 * The examples on the real cluster: the SSL and SASL_SSL clients run as programs (the built
 * dist/examples), pointed at the cluster's listeners through their environment variables or a
 * properties file; the transactional loop commits its input offsets with its output.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Consumer } from '../../../src/consumer';
import { Producer } from '../../../src/producer';
import { transformTopic } from '../../../examples/transactional';
import { describeKafka, uniqueName } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'dist', 'examples');

function runExample(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('SK_') && !k.startsWith('SK_REQUIRE')) delete clean[k];
  const child = spawn(process.execPath, [path.join(EXAMPLES, `${name}.js`), ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

describeKafka('examples on the real cluster', (cluster) => {
  const topics: string[] = [];
  afterAll(() => deleteTopics(cluster, topics).catch(() => undefined));
  const topic = async (prefix: string, partitions = 1): Promise<string> => {
    const name = uniqueName(prefix);
    topics.push(name);
    await createTopic(cluster, name, partitions);
    return name;
  };

  test('ssl-client: mutual TLS from SK_SSL_* environment variables, one message round trip', async () => {
    const t = await topic('example-ssl-');
    const r = await runExample('ssl-client', [t], {
      SK_BOOTSTRAP_SERVERS: cluster.ssl.bootstrap,
      SK_SSL_CA: cluster.tls.ca,
      SK_SSL_CERT: cluster.tls.clientCert,
      SK_SSL_KEY: cluster.tls.clientKey,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^sent to ${t} \\[0\\] @ \\d+$`));
    expect(lines[1]).toMatch(/^read back: hello over SSL at \d{4}-/);
  }, 120_000);

  test('ssl-client without the client certificate fails (the listener requires one)', async () => {
    const t = await topic('example-ssl-nocert-');
    const r = await runExample('ssl-client', [t], { SK_BOOTSTRAP_SERVERS: cluster.ssl.bootstrap, SK_SSL_CA: cluster.tls.ca });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('read back');
  }, 120_000);

  test('sasl-ssl-client: SCRAM-SHA-512 from environment variables, and PLAIN from a properties file', async () => {
    const t = await topic('example-sasl-');
    const viaEnv = await runExample('sasl-ssl-client', [t], {
      SK_BOOTSTRAP_SERVERS: cluster.saslSsl.bootstrap,
      SK_SASL_USERNAME: 'admin',
      SK_SASL_PASSWORD: cluster.users.admin.password,
      SK_SSL_CA: cluster.tls.ca,
    });
    expect(viaEnv.stderr).toBe('');
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toMatch(new RegExp(`^authenticated as admin; sent to ${t} \\[0\\] @ \\d+\\nread back: hello from admin over SASL_SSL`));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-example-'));
    try {
      const props = path.join(dir, 'client.properties');
      fs.writeFileSync(
        props,
        [`bootstrap.servers=${cluster.saslSsl.bootstrap}`, 'sasl.mechanism=PLAIN', 'sasl.username=admin', `sasl.password=${cluster.users.admin.password}`, `ssl.ca.location=${cluster.tls.ca}`].join('\n'),
      );
      const viaFile = await runExample('sasl-ssl-client', [t], { SK_CONFIG: props });
      expect(viaFile.stderr).toBe('');
      expect(viaFile.code).toBe(0);
      expect(viaFile.stdout).toContain('read back: hello from admin over SASL_SSL');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('transactional: output exactly once and the input offsets committed with it', async () => {
    const input = await topic('example-txn-in-', 2);
    const output = await topic('example-txn-out-', 2);
    const config = { 'bootstrap.servers': cluster.plaintext.bootstrap };
    const producer = new Producer(config);
    try {
      await producer.sendBatch(Array.from({ length: 40 }, (_, i) => ({ topic: input, partition: i % 2, key: `k${i % 4}`, value: `order ${i}` })));
    } finally {
      await producer.close();
    }
    const group = uniqueName('example-txn-');
    const log: string[] = [];
    expect(await transformTopic({ config, input, output, group, transactionalId: uniqueName('example-txn-id-'), idleMs: 3000, log: (l) => log.push(l) })).toBe(40);
    expect(log[log.length - 1]).toBe('input idle for 3000 ms: 40 messages transformed');

    const reader = new Consumer({ ...config, 'group.id': uniqueName('example-txn-read-'), 'auto.offset.reset': 'earliest', 'isolation.level': 'read_committed' });
    const check = new Consumer({ ...config, 'group.id': group });
    try {
      await reader.subscribe([output]);
      const values: string[] = [];
      for (const deadline = Date.now() + 60_000; values.length < 40 && Date.now() < deadline; ) {
        for (const m of await reader.consume(100, 500)) if (!m.eof && !m.error) values.push(m.value?.toString() ?? '');
      }
      values.push(...(await reader.consume(100, 1000)).filter((m) => !m.eof && !m.error).map((m) => m.value?.toString() ?? ''));
      expect(values.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `ORDER ${i}`).sort());
      const committed = await check.committed([0, 1].map((partition) => ({ topic: input, partition })));
      const ends = await Promise.all([0, 1].map((p) => check.getWatermarkOffsets(input, p)));
      expect(committed.map((c) => c.offset)).toEqual(ends.map((w) => w.high));
      expect(ends.map((w) => w.high)).toEqual([20, 20]);
    } finally {
      await reader.close();
      await check.close();
    }
  }, 180_000);
});
