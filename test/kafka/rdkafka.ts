/**
 * Promise helpers over plain node-rdkafka for the kafka tier: client configs per listener,
 * topic admin, produce-one with a delivery report, consume-back with an explicit assignment.
 * Independent of the library under test, so the cluster itself can be checked first.
 */
import * as Kafka from 'node-rdkafka';
import type { KafkaCluster } from './cluster';

/** One way in: a listener plus, for SASL, a mechanism and user. */
export type Access =
  | { listener: 'plaintext' }
  | { listener: 'ssl' }
  | {
      listener: 'saslPlaintext' | 'saslSsl';
      mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512' | 'OAUTHBEARER';
      user?: 'admin' | 'alice';
    };

/** librdkafka connection settings for `access` (bootstrap + security). */
export function clientConfig(cluster: KafkaCluster, access: Access): Kafka.GlobalConfig {
  const tls = { 'ssl.ca.location': cluster.tls.ca };
  switch (access.listener) {
    case 'plaintext':
      return { 'metadata.broker.list': cluster.plaintext.bootstrap, 'security.protocol': 'plaintext' };
    case 'ssl':
      return {
        'metadata.broker.list': cluster.ssl.bootstrap,
        'security.protocol': 'ssl',
        ...tls,
        'ssl.certificate.location': cluster.tls.clientCert,
        'ssl.key.location': cluster.tls.clientKey,
      };
    case 'saslPlaintext':
    case 'saslSsl': {
      const ssl = access.listener === 'saslSsl';
      const base: Kafka.GlobalConfig = {
        'metadata.broker.list': ssl ? cluster.saslSsl.bootstrap : cluster.saslPlaintext.bootstrap,
        'security.protocol': ssl ? 'sasl_ssl' : 'sasl_plaintext',
        'sasl.mechanisms': access.mechanism,
        ...(ssl ? tls : {}),
      };
      if (access.mechanism === 'OAUTHBEARER') {
        // librdkafka's built-in unsecured JWT ("alg":"none"), which the broker's default
        // validator accepts; the principal is the token's subject.
        return {
          ...base,
          'enable.sasl.oauthbearer.unsecure.jwt': true,
          'sasl.oauthbearer.config': `principal=${access.user ?? cluster.oauthbearer.principal}`,
        };
      }
      const user = access.user ?? 'admin';
      return { ...base, 'sasl.username': user, 'sasl.password': cluster.users[user].password };
    }
  }
}

function settle<T>(resolve: (v: T) => void, reject: (e: Error) => void) {
  return (err: Kafka.LibrdKafkaError | null | undefined, value: T): void => {
    if (err) reject(rdError(err));
    else resolve(value);
  };
}

/** An Error carrying librdkafka's numeric `code`. */
export class RdKafkaError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

// node-rdkafka's native binding (no typings): err2str gives librdkafka's text for a code.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require('node-rdkafka/librdkafka') as { err2str(code: number): string };

/**
 * node-rdkafka 3.6.1 reports delivery errors as a bare message ("topic authorization failed",
 * code -1: the native DeliveryReport keeps only librdkafka's error string). Recover the code
 * by matching librdkafka's own text for each known code.
 */
function codeFromMessage(message: string): number {
  const m = message.toLowerCase();
  for (const code of Object.values(Kafka.CODES.ERRORS)) {
    const text = native.err2str(code).toLowerCase();
    if (text === m || text.endsWith(`: ${m}`)) return code;
  }
  return -1;
}

function rdError(err: Kafka.LibrdKafkaError | Error): RdKafkaError {
  const raw = (err as Kafka.LibrdKafkaError).code;
  const code = typeof raw === 'number' && raw !== -1 ? raw : codeFromMessage(err.message);
  return new RdKafkaError(`${err.message} (code ${code})`, code);
}

/** Create a topic (admin over PLAINTEXT); resolves when the broker has it. */
export async function createTopic(cluster: KafkaCluster, topic: string, partitions = 1, replication = 3): Promise<void> {
  const admin = Kafka.AdminClient.create({ ...clientConfig(cluster, { listener: 'plaintext' }), 'client.id': 'kafka-tier-admin' });
  try {
    await new Promise<void>((resolve, reject) =>
      admin.createTopic({ topic, num_partitions: partitions, replication_factor: replication }, 15000, (err) =>
        err ? reject(rdError(err)) : resolve(),
      ),
    );
  } finally {
    admin.disconnect();
  }
}

/** Delete topics (best effort: cleanup must not fail a test). */
export async function deleteTopics(cluster: KafkaCluster, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const admin = Kafka.AdminClient.create({ ...clientConfig(cluster, { listener: 'plaintext' }), 'client.id': 'kafka-tier-admin' });
  try {
    await Promise.all(
      topics.map((t) => new Promise<void>((resolve) => admin.deleteTopic(t, 15000, () => resolve()))),
    );
  } finally {
    admin.disconnect();
  }
}

/** Cluster metadata as seen through `access`. */
export async function metadata(cluster: KafkaCluster, access: Access): Promise<Kafka.Metadata> {
  const producer = new Kafka.Producer(clientConfig(cluster, access));
  try {
    return await new Promise<Kafka.Metadata>((resolve, reject) =>
      producer.connect({ timeout: 15000 }, settle(resolve, reject)),
    );
  } finally {
    await disconnect(producer);
  }
}

/** Disconnect any node-rdkafka client, resolving even if it never connected. */
export function disconnect(client: Kafka.Producer | Kafka.KafkaConsumer): Promise<void> {
  return new Promise((resolve) => {
    if (!client.isConnected()) {
      resolve();
      return;
    }
    // Producer.disconnect(timeout, cb) flushes first; KafkaConsumer.disconnect takes only cb.
    if (client instanceof Kafka.Producer) client.disconnect(5000, () => resolve());
    else client.disconnect(() => resolve());
  });
}

/**
 * Produce one message and wait for its delivery report. Rejects with the report's error
 * (e.g. ERR_TOPIC_AUTHORIZATION_FAILED) or after `timeoutMs`.
 */
export async function produceOne(
  cluster: KafkaCluster,
  access: Access,
  topic: string,
  key: string,
  value: Buffer,
  timeoutMs = 20000,
): Promise<Kafka.DeliveryReport> {
  const producer = new Kafka.Producer(
    {
      ...clientConfig(cluster, access),
      'client.id': 'kafka-tier-producer',
      dr_cb: true,
      'socket.timeout.ms': 10000,
    },
    { 'message.timeout.ms': timeoutMs },
  );
  // Errors outside a delivery report (e.g. authentication) surface as 'event.error'.
  const clientErrors: string[] = [];
  producer.on('event.error', (e) => clientErrors.push(e.message));
  try {
    await new Promise<Kafka.Metadata>((resolve, reject) =>
      producer.connect({ timeout: 15000 }, settle(resolve, reject)),
    );
    producer.setPollInterval(50);
    const opaque = Symbol('smoke');
    const report = new Promise<Kafka.DeliveryReport>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no delivery report in ${timeoutMs + 5000}ms; client errors: ${clientErrors.join('; ')}`)),
        timeoutMs + 5000,
      );
      producer.on('delivery-report', (err, r) => {
        if (r.opaque !== opaque) return;
        clearTimeout(timer);
        if (err) reject(rdError(err));
        else resolve(r);
      });
    });
    producer.produce(topic, 0, value, key, Date.now(), opaque);
    return await report;
  } finally {
    await disconnect(producer);
  }
}

/**
 * Read partition 0 of `topic` from offset 0 until a message with `key` arrives (explicit
 * assignment, no group rebalance). Resolves with that message.
 */
export async function consumeOne(
  cluster: KafkaCluster,
  access: Access,
  topic: string,
  group: string,
  key: string,
  timeoutMs = 30000,
): Promise<Kafka.Message> {
  const consumer = new Kafka.KafkaConsumer(
    {
      ...clientConfig(cluster, access),
      'client.id': 'kafka-tier-consumer',
      'group.id': group,
      'enable.auto.commit': false,
      'socket.timeout.ms': 10000,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  const clientErrors: string[] = [];
  consumer.on('event.error', (e) => clientErrors.push(e.message));
  try {
    await new Promise<Kafka.Metadata>((resolve, reject) =>
      consumer.connect({ timeout: 15000 }, settle(resolve, reject)),
    );
    consumer.setDefaultConsumeTimeout(500);
    consumer.assign([{ topic, partition: 0, offset: 0 }]);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const batch = await new Promise<Kafka.Message[]>((resolve, reject) =>
        consumer.consume(10, settle(resolve, reject)),
      );
      const hit = batch.find((m) => m.key !== undefined && m.key !== null && m.key.toString() === key);
      if (hit) return hit;
    }
    throw new Error(`no message with key ${key} on ${topic} within ${timeoutMs}ms; client errors: ${clientErrors.join('; ')}`);
  } finally {
    await disconnect(consumer);
  }
}

export { Kafka };
