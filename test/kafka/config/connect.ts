/**
 * Connecting to the real cluster with a configuration that went through
 * validateConfig: metadata, produce one, consume it back — with plain
 * node-rdkafka, failing fast with the typed error diagnoseConnectionFailure
 * derives from librdkafka's log lines instead of retrying until a timeout.
 */
import * as Kafka from 'node-rdkafka';

import { connectionError, diagnoseConnectionFailure } from '../../../src/config/diagnose';
import { TimeoutError } from '../../../src/errors';
import { kafkaErrorFromCode, native } from '../../../src/native';

/**
 * The librdkafka error code of a node-rdkafka error. node-rdkafka sometimes
 * hands delivery errors over as `code: -1` with only librdkafka's description
 * ("topic authorization failed"); the code is found again from it.
 */
export function recoverCode(err: { code?: number; message: string }): number {
  if (typeof err.code === 'number' && err.code !== -1) return err.code;
  const wanted = err.message.toLowerCase();
  for (let code = -200; code < 200; code++) {
    const { description } = native().errorInfo(code);
    const text = description.toLowerCase().replace(/^(broker|local): /, '');
    if (text === wanted) return code;
  }
  return -1;
}

/** The librdkafka part of a normalized config: no callbacks or serde objects. */
export function librdkafkaPart(config: Record<string, unknown>): Kafka.GlobalConfig {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (typeof v !== 'function' && (typeof v !== 'object' || v === null)) out[k] = v;
  return out as Kafka.GlobalConfig;
}

/** Keeps only keys both producers and consumers accept (bootstrap and security), for reusing one example in both roles. */
export function sharedPart(config: Record<string, unknown>, producerOnly: readonly string[], consumerOnly: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => !producerOnly.includes(k) && !consumerOnly.includes(k)));
}

interface Watch {
  config: Record<string, unknown>;
  lines: string[];
  /** Every log line and statistics event, for the secrets check. */
  everything: string[];
  failure: Promise<never>;
  stop(): void;
}

type AnyClient = Kafka.Producer | Kafka.KafkaConsumer;

/** Serves librdkafka's events and rejects as soon as the lines diagnose a failure retrying cannot fix. */
function watch(client: AnyClient, config: Record<string, unknown>, context: string): Watch {
  const lines: string[] = [];
  let fail: (e: Error) => void = () => undefined;
  const failure = new Promise<never>((_resolve, reject) => {
    fail = reject;
  });
  failure.catch(() => undefined);
  const consider = (line: string): void => {
    lines.push(line);
    const d = diagnoseConnectionFailure(lines, config);
    if (d && d.fatal) fail(connectionError(d, context));
  };
  const everything: string[] = [];
  const events = client as unknown as NodeJS.EventEmitter;
  events.on('event.stats', (stats: { message: string }) => everything.push(stats.message));
  events.on('event.log', (log: { severity: number; fac: string; message: string }) => {
    everything.push(log.message);
    if (log.severity <= 6 && /FAIL|ERROR|SSL|SASL/.test(log.fac)) consider(log.message);
  });
  events.on('event.error', (e: Error) => consider(e.message));
  // Events are served by polling; node-rdkafka only polls a connected client, so poll the handle.
  const native = (client as unknown as { _client: { poll(): void } })._client;
  const timer = setInterval(() => {
    try {
      native.poll();
    } catch {
      // not created yet, or already gone
    }
  }, 50);
  return { config, lines, everything, failure, stop: () => clearInterval(timer) };
}

const closing = new Set<Promise<void>>();

/**
 * Waits for the clients whose failed connections are still being torn down.
 * A diagnosed failure is reported at once, while node-rdkafka's pending
 * metadata request still holds the client until its own timeout; call this in
 * `afterAll` so nothing outlives the test file.
 */
export async function closeFailedClients(): Promise<void> {
  await Promise.all([...closing]);
}

/** Disconnects now on success; on failure, in the background (see {@link closeFailedClients}). */
async function finish<T>(client: AnyClient, w: Watch, work: Promise<T>): Promise<T> {
  try {
    const result = await work;
    w.stop();
    await disconnect(client);
    return result;
  } catch (e) {
    const done = disconnect(client).finally(() => {
      w.stop();
      closing.delete(done);
    });
    closing.add(done);
    throw e;
  }
}

function disconnect(client: AnyClient): Promise<void> {
  return new Promise((resolve) => {
    if (!client.isConnected()) {
      resolve();
      return;
    }
    // Producer.disconnect(timeout, cb) flushes first; KafkaConsumer.disconnect(cb) takes only the callback.
    if (client instanceof Kafka.Producer) client.disconnect(5000, () => resolve());
    else client.disconnect(() => resolve());
  });
}

function connect(client: AnyClient, w: Watch, timeoutMs: number, context: string): Promise<Kafka.Metadata> {
  const connected = new Promise<Kafka.Metadata>((resolve, reject) =>
    client.connect({ timeout: timeoutMs }, (err, md) => {
      if (!err) {
        resolve(md);
        return;
      }
      const d = diagnoseConnectionFailure(w.lines, w.config);
      reject(d ? connectionError(d, context) : new TimeoutError(`${context}: no metadata within ${timeoutMs} ms (${err.message}); librdkafka said: ${w.lines.slice(-3).join(' | ')}`));
    }),
  );
  return Promise.race([connected, w.failure]);
}

/** Connects a producer with `config` and returns the metadata; rejects with AuthenticationError/KafkaError on a diagnosed failure. */
export async function metadataWith(config: Record<string, unknown>, timeoutMs = 15000): Promise<{ metadata: Kafka.Metadata; lines: string[] }> {
  const context = `connect to ${String(config['bootstrap.servers'])}`;
  const producer = new Kafka.Producer({ ...librdkafkaPart(config), event_cb: true, 'client.id': 'sk-config-test' });
  const w = watch(producer, config, context);
  const metadata = await finish(producer, w, connect(producer, w, timeoutMs, context));
  return { metadata, lines: w.lines };
}

/**
 * Connects with `config`, waits for the first statistics event (`statistics.interval.ms`
 * must be set) and returns every log line and statistics JSON the client emitted.
 */
export async function logsAndStatsWith(config: Record<string, unknown>): Promise<{ logs: string[]; stats: string[] }> {
  const context = `connect to ${String(config['bootstrap.servers'])}`;
  const producer = new Kafka.Producer({ ...librdkafkaPart(config), event_cb: true, 'client.id': 'sk-config-observer' });
  const w = watch(producer, config, context);
  const stats: string[] = [];
  (producer as unknown as NodeJS.EventEmitter).on('event.stats', (s: { message: string }) => stats.push(s.message));
  const work = (async () => {
    await connect(producer, w, 15000, context);
    for (let i = 0; i < 100 && stats.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    if (stats.length === 0) throw new TimeoutError(`${context}: no statistics event within 10 s`);
  })();
  await finish(producer, w, work);
  return { logs: w.everything.filter((l) => !stats.includes(l)), stats };
}

/** Produces one message with `config` and waits for its delivery report. */
export async function produceWith(config: Record<string, unknown>, topic: string, key: string, value: Buffer, timeoutMs = 20000): Promise<Kafka.DeliveryReport> {
  const context = `produce to ${topic}`;
  const producer = new Kafka.Producer({ ...librdkafkaPart(config), event_cb: true, dr_cb: true, 'client.id': 'sk-config-producer' }, { 'message.timeout.ms': timeoutMs });
  const w = watch(producer, config, context);
  const work = (async () => {
    await connect(producer, w, 15000, context);
    const report = new Promise<Kafka.DeliveryReport>((resolve, reject) => {
      producer.on('delivery-report', (err, r) => {
        if (err) reject(kafkaErrorFromCode(recoverCode(err), context, { produce: true }));
        else resolve(r);
      });
    });
    producer.setPollInterval(50);
    producer.produce(topic, 0, value, key, Date.now());
    return Promise.race([report, w.failure]);
  })();
  return finish(producer, w, work);
}

/** Reads partition 0 of `topic` from the start with `config` until `key` arrives. */
export async function consumeWith(config: Record<string, unknown>, topic: string, key: string, timeoutMs = 30000): Promise<Kafka.Message> {
  const context = `consume ${topic}`;
  const consumer = new Kafka.KafkaConsumer({ ...librdkafkaPart(config), event_cb: true, 'client.id': 'sk-config-consumer', 'enable.auto.commit': false }, { 'auto.offset.reset': 'earliest' });
  const w = watch(consumer, config, context);
  const work = (async () => {
    await connect(consumer, w, 15000, context);
    consumer.assign([{ topic, partition: 0, offset: 0 }]);
    consumer.setDefaultConsumeTimeout(500);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const batch = await Promise.race([
        new Promise<Kafka.Message[]>((resolve, reject) => consumer.consume(10, (err, msgs) => (err ? reject(err) : resolve(msgs)))),
        w.failure,
      ]);
      const hit = batch.find((m) => m.key?.toString() === key);
      if (hit) return hit;
    }
    throw new TimeoutError(`${context}: no message with key ${key} within ${timeoutMs} ms`);
  })();
  return finish(consumer, w, work);
}
