/**
 * confluent-kafka-python against our registry (on Kafka, with basic auth):
 * its SchemaRegistryClient registers, fetches by id, reads latest and
 * versions, sets and tests compatibility, gets 409/404 error codes, deletes;
 * its AvroDeserializer reads bytes our AvroSerializer wrote, and its
 * AvroSerializer writes the very same bytes, which our AvroDeserializer reads.
 *
 * Needs the virtualenv made by `bash scripts/python/setup-registry-venv.sh`
 * (or `SK_REGISTRY_PYTHON=/path/to/python`). Without it the test is skipped,
 * or fails under SK_REQUIRE_KAFKA=1 (CI).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { SchemaRegistryClient } from '../../../src/registry/client';
import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { AvroDeserializer, AvroSerializer } from '../../../src/serde/avro';
import { MessageField, SerializationContext } from '../../../src/serde/context';
import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';
import { kafkaLog } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PYTHON = process.env.SK_REGISTRY_PYTHON ?? path.join(ROOT, '.cache', 'registry-venv', 'bin', 'python');
const SCRIPT = path.join(ROOT, 'scripts', 'python', 'registry_interop.py');
const havePython = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import confluent_kafka.schema_registry.avro'], { encoding: 'utf8' }).status === 0;

const SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'com.example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'total', type: 'double' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'paid', type: 'boolean' },
  ],
};
const EVOLVED = { ...SCHEMA, fields: [...SCHEMA.fields, { name: 'note', type: 'string', default: '' }] };
const BREAKING = { ...SCHEMA, fields: [{ name: 'id', type: 'string' }, ...SCHEMA.fields.slice(1)] };
const VALUE = { id: 12345678901, customer: 'zoë', email: 'z@example.com', total: 99.5, tags: ['a', 'b'], paid: true };

/** Run the interop script with `input` on stdin (killed after 120 s). */
function runPython(input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describeKafka('confluent-kafka-python against the registry', (cluster) => {
  if (!havePython) {
    const why = `no Python with confluent-kafka at ${PYTHON}; run: bash scripts/python/setup-registry-venv.sh`;
    if (process.env.SK_REQUIRE_KAFKA === '1') {
      test('needs the registry virtualenv', () => {
        throw new Error(why);
      });
    } else {
      test.skip(`skipped: ${why}`, () => {});
    }
    return;
  }

  const topic = uniqueName('_schemas-py-');
  let server: RegistryServer;
  beforeAll(async () => {
    server = await startRegistryServer({ port: 0, kafka: kafkaLog(cluster, topic), auth: { users: { py: 'py-secret' } } });
  });
  afterAll(async () => {
    await server?.close();
    await deleteTopics(cluster, [topic]);
  });

  test('register, fetch, latest, versions, compatibility, errors, delete; Avro bytes equal both ways', async () => {
    const registryConfig = { url: server.url, 'basic.auth.credentials.source': 'USER_INFO' as const, 'basic.auth.user.info': 'py:py-secret' };
    const prefix = uniqueName('interop');
    const ctx = new SerializationContext(`${prefix}-orders`, MessageField.VALUE);
    const nodeBytes = (await new AvroSerializer(new SchemaRegistryClient(registryConfig), SCHEMA).serialize(VALUE, ctx)) as Buffer;

    const job = {
      url: server.url,
      user: 'py',
      password: 'py-secret',
      prefix,
      schema: JSON.stringify(SCHEMA),
      evolved: JSON.stringify(EVOLVED),
      breaking: JSON.stringify(BREAKING),
      value: VALUE,
      node_bytes: nodeBytes.toString('hex'),
    };
    // Asynchronously: the registry answering Python runs in this process.
    const run = await runPython(JSON.stringify(job));
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    const subject = `${prefix}-py-value`;

    expect(out.registered_id).toEqual(expect.any(Number));
    expect(out.register_again_id).toBe(out.registered_id);
    expect(out.fetched_schema).toEqual(SCHEMA);
    expect(out.fetched_type).toBe('AVRO');
    expect(out.latest).toEqual({ id: out.registered_id, version: 1, subject });
    expect(out.lookup).toEqual({ id: out.registered_id, version: 1 });
    expect(out.evolved_id).not.toBe(out.registered_id);
    expect(out.versions).toEqual([1, 2]);
    expect(out.version_2).toBe(out.evolved_id);
    expect(out.set_compatibility).toEqual({ compatibility: 'FULL' });
    expect(out.get_compatibility).toBe('FULL');
    expect(out.breaking_compatible).toBe(false);
    expect(out.evolved_compatible_all).toBe(true);
    expect(out.breaking_error).toEqual({ http_status: 409, error_code: 40901 });
    expect(out.missing_version_error).toEqual({ http_status: 404, error_code: 40402 });
    expect(out.deleted).toEqual([1, 2]);
    expect(out.subjects_after_soft_delete).not.toContain(subject);
    expect(out.deleted_permanently).toEqual([1, 2]);

    // Bytes: Python read ours, and wrote exactly the same bytes for the same value.
    expect(out.decoded_node_bytes).toEqual(VALUE);
    expect(out.python_bytes).toBe(nodeBytes.toString('hex'));
    const decoded = await new AvroDeserializer(new SchemaRegistryClient(registryConfig)).deserialize(Buffer.from(out.python_bytes as string, 'hex'), ctx);
    expect({ ...(decoded as object) }).toEqual(VALUE);
  }, 180_000);
});
