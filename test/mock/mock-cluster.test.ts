import { spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

import { Kafka, logLevel } from 'kafkajs';

import { KafkaClientError, KafkaError, MockCluster, StateError } from '../../src';
import { MockCluster as FromTesting } from '../../src/testing';
import { nodeRdkafka } from '../../src/native';

const ROOT = path.join(__dirname, '..', '..');

interface DeliveryError {
  message: string;
}

/** A connected plain node-rdkafka producer: `produce()` resolves with the delivery report's error (or null). */
async function rdkafkaProducer(bootstrap: string, extra: Record<string, unknown> = {}) {
  const Kafka = nodeRdkafka();
  const producer = new Kafka.Producer({ 'bootstrap.servers': bootstrap, dr_cb: true, 'message.timeout.ms': 3000, ...extra } as never, {});
  const pending: Array<(err: DeliveryError | null) => void> = [];
  producer.setPollInterval(20);
  producer.on('delivery-report', (err) => pending.shift()?.(err ?? null));
  await new Promise<void>((resolve, reject) => producer.connect({ timeout: 10000 }, (err) => (err ? reject(err) : resolve())));
  return {
    produce(topic: string): Promise<DeliveryError | null> {
      return new Promise((resolve) => {
        pending.push(resolve);
        producer.produce(topic, null, Buffer.from('v'), 'k');
      });
    },
    close: () => new Promise<void>((resolve) => producer.disconnect(5000, () => resolve())),
  };
}

/** Sends a Kafka ApiVersions request to one broker: 'answered', or the socket error code. */
function apiVersions(hostPort: string): Promise<string> {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), host);
    const timer = setTimeout(() => done('no answer'), 5000);
    function done(result: string): void {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }
    // size, api key 18 (ApiVersions), version 0, correlation id 1, empty client id
    socket.on('connect', () => socket.write(Buffer.from([0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0, 0])));
    socket.on('data', () => done('answered'));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

/** Produces one message and resolves with its delivery report's error (or null). */
async function produceOne(bootstrap: string, topic: string): Promise<DeliveryError | null> {
  const producer = await rdkafkaProducer(bootstrap);
  try {
    return await producer.produce(topic);
  } finally {
    await producer.close();
  }
}

describe('MockCluster', () => {
  it('is exported from simple-kafka and simple-kafka/testing', () => {
    expect(FromTesting).toBe(MockCluster);
  });

  it('round-trips messages with a third-party client (KafkaJS)', async () => {
    const cluster = await MockCluster.start({ brokers: 3 });
    try {
      expect(cluster.bootstrapServers.split(',')).toHaveLength(3);
      cluster.createTopic('roundtrip', 3);
      const kafka = new Kafka({ clientId: 'kafkajs-test', brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      const sent = Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 17}`, value: `message-${i}` }));
      await producer.send({ topic: 'roundtrip', messages: sent });
      await producer.disconnect();

      const consumer = kafka.consumer({ groupId: 'g-roundtrip', maxWaitTimeInMs: 100 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'roundtrip', fromBeginning: true });
      const received: Array<{ key: string; value: string; partition: number }> = [];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${received.length} of 300 messages came back`)), 45000);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              received.push({ key: String(message.key), value: String(message.value), partition });
              if (received.length === sent.length) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
      await consumer.disconnect();
      expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
      // Same key, same partition.
      const byKey = new Map<string, Set<number>>();
      for (const m of received) byKey.set(m.key, (byKey.get(m.key) ?? new Set()).add(m.partition));
      for (const partitions of byKey.values()) expect(partitions.size).toBe(1);
      expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
    } finally {
      await cluster.stop();
    }
  }, 60000);

  it('injects request errors that clients then see', async () => {
    const cluster = await MockCluster.start({ brokers: 1 });
    try {
      cluster.createTopic('faulty', 1);
      cluster.pushRequestErrors('Produce', ['TOPIC_AUTHORIZATION_FAILED']);
      const err = await produceOne(cluster.bootstrapServers, 'faulty');
      expect(err).not.toBeNull();
      // node-rdkafka's delivery reports keep the message of a broker error, not its code.
      expect(err?.message).toMatch(/topic authorization failed/i);
      // The error was consumed; the next produce succeeds.
      expect(await produceOne(cluster.bootstrapServers, 'faulty')).toBeNull();
    } finally {
      await cluster.stop();
    }
  }, 30000);

  it('takes brokers down and up', async () => {
    const cluster = await MockCluster.start({ brokers: 2 });
    try {
      const [first, second] = cluster.bootstrapServers.split(',');
      expect(await apiVersions(first)).toBe('answered');
      cluster.setRtt(1, 5);
      cluster.setBrokerDown(1);
      expect(await apiVersions(first)).toBe('ECONNREFUSED');
      expect(await apiVersions(second)).toBe('answered');
      cluster.setBrokerUp(1);
      expect(await apiVersions(first)).toBe('answered');
    } finally {
      await cluster.stop();
    }
  });

  it('rejects bad input with typed errors that name the argument', async () => {
    await expect(MockCluster.start({ brokers: 0 })).rejects.toThrow(/brokers: must be an integer from 1 to 64/);
    const cluster = await MockCluster.start({ brokers: 2 });
    try {
      cluster.createTopic('dup', 1);
      const dup = (() => {
        try {
          cluster.createTopic('dup', 1);
        } catch (err) {
          return err;
        }
      })();
      expect(dup).toBeInstanceOf(KafkaError);
      expect((dup as KafkaError).kafkaName).toBe('TOPIC_ALREADY_EXISTS');
      expect(() => cluster.createTopic('', 1)).toThrow(/name: must be a non-empty string/);
      expect(() => cluster.createTopic('x', 0)).toThrow(/partitions: must be a positive integer/);
      expect(() => cluster.createTopic('x', 1, 3)).toThrow(/replicationFactor: must be an integer from 1 to 2/);
      expect(() => cluster.pushRequestErrors('Nope' as never, [1])).toThrow(/apiKey: unknown Kafka API key "Nope"/);
      expect(() => cluster.pushRequestErrors(0, ['NOT_A_KAFKA_ERROR'])).toThrow(/errors\[0\]: unknown Kafka error "NOT_A_KAFKA_ERROR"/);
      expect(() => cluster.setBrokerDown(1.5)).toThrow(KafkaClientError);
    } finally {
      await cluster.stop();
    }
  });

  it('stops idempotently and refuses use after stop', async () => {
    const cluster = await MockCluster.start({ brokers: 1 });
    expect(cluster.running).toBe(true);
    await Promise.all([cluster.stop(), cluster.stop()]);
    await cluster.stop();
    expect(cluster.running).toBe(false);
    expect(() => cluster.createTopic('late', 1)).toThrow(StateError);
  });

  it('lets a process exit cleanly with a cluster still running', () => {
    const script = `
      const { MockCluster } = require(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
      MockCluster.start({ brokers: 3 }).then((c) => { c.createTopic('t', 2); console.log('up ' + c.bootstrapServers); process.exit(0); });`;
    for (const mode of ['exit', 'natural']) {
      const code = mode === 'exit' ? script : script.replace('process.exit(0);', '');
      const result = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 20000 });
      expect(result.signal).toBeNull();
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^up 127\.0\.0\.1:\d+/);
    }
  });
});

describe('simple-kafka dev', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints the bootstrap address and stops cleanly on ${signal}`, async () => {
      const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli', 'main.js'), 'dev', '--topic', 'demo:3', '--registry-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dev did not start: ${out}`)), 15000);
        child.stdout.on('data', () => {
          if (out.includes('Ctrl-C')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const bootstrap = /bootstrap\.servers=(\S+)/.exec(out)?.[1];
      expect(bootstrap?.split(',')).toHaveLength(3);
      // The cluster is reachable: a client can produce to the topic dev created.
      expect(await produceOne(bootstrap as string, 'demo')).toBeNull();
      // A Schema Registry runs beside it.
      const registry = /schema registry: (http:\/\/\S+)/.exec(out)?.[1];
      expect(registry).toBeDefined();
      const reg = await fetch(`${registry}/subjects/demo-value/versions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: '"string"' }),
      });
      expect(reg.status).toBe(200);
      const { id } = (await reg.json()) as { id: number };
      expect(((await (await fetch(`${registry}/schemas/ids/${id}`)).json()) as { schema: string }).schema).toBe('"string"');
      child.kill(signal);
      const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      expect(sig).toBeNull();
      expect(code).toBe(0);
      expect(out).toContain(`${signal}, cluster stopped`);
    }, 30000);
  }
});
