/**
 * A client over TLS with a client certificate (mutual TLS, `security.protocol=SSL`):
 * sends one message and reads it back from the partition and offset the broker gave it.
 *
 * Settings from the environment, or a client.properties file in `SK_CONFIG`
 * (values from the environment win):
 *
 * - `SK_BOOTSTRAP_SERVERS` — the brokers' SSL listener, `host:port,...`
 * - `SK_SSL_CA` — PEM file of the CA that signed the broker certificates (`ssl.ca.location`)
 * - `SK_SSL_CERT`, `SK_SSL_KEY` — the client certificate and key (`ssl.certificate.location`, `ssl.key.location`)
 * - `SK_SSL_KEY_PASSWORD` — the key's passphrase, when it has one
 *
 * ```sh
 * SK_BOOTSTRAP_SERVERS=broker:9093 SK_SSL_CA=ca.pem SK_SSL_CERT=client.pem SK_SSL_KEY=client.key \
 *   node dist/examples/ssl-client.js my-topic
 * ```
 */
import { Consumer, loadProperties, Producer } from 'simple-kafka';

/** The SSL client configuration from `env` (and the properties file `SK_CONFIG` names). */
export function sslConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const config: Record<string, unknown> = env.SK_CONFIG ? { ...loadProperties(env.SK_CONFIG) } : {};
  const set = (key: string, value: string | undefined): void => {
    if (value) config[key] = value;
  };
  config['security.protocol'] ??= 'SSL';
  set('bootstrap.servers', env.SK_BOOTSTRAP_SERVERS);
  set('ssl.ca.location', env.SK_SSL_CA);
  set('ssl.certificate.location', env.SK_SSL_CERT);
  set('ssl.key.location', env.SK_SSL_KEY);
  set('ssl.key.password', env.SK_SSL_KEY_PASSWORD);
  return config;
}

/** Sends one message over the configured connection and reads it back; resolves with where it landed. */
export async function roundTrip(config: Record<string, unknown>, topic: string, log: (line: string) => void = console.log): Promise<{ partition: number; offset: number; value: string }> {
  const producer = new Producer(config);
  const consumer = new Consumer({ ...config, 'group.id': `ssl-example-${process.pid}`, 'enable.auto.commit': false });
  try {
    await producer.connect();
    const sent = `hello over ${String(config['security.protocol'])} at ${new Date().toISOString()}`;
    const { partition, offset } = await producer.send({ topic, value: sent });
    log(`sent to ${topic} [${partition}] @ ${offset}`);
    await consumer.assign([{ topic, partition, offset }]);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const msg = await consumer.poll(1000);
      if (msg && !msg.error && msg.offset === offset) {
        const value = msg.value?.toString() ?? '';
        log(`read back: ${value}`);
        if (value !== sent) throw new Error(`read back a different value at ${topic} [${partition}] @ ${offset}`);
        return { partition, offset, value };
      }
    }
    throw new Error(`did not read back ${topic} [${partition}] @ ${offset} within 30 s`);
  } finally {
    await consumer.close();
    await producer.close();
  }
}

if (require.main === module) {
  roundTrip(sslConfigFromEnv(), process.argv[2] ?? 'simple-kafka-example').then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
