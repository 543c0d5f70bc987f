/**
 * A client authenticating with SASL over TLS (`security.protocol=SASL_SSL`,
 * SCRAM-SHA-512 by default): sends one message and reads it back.
 *
 * Settings from the environment, or a client.properties file in `SK_CONFIG`
 * (values from the environment win; a Java `sasl.jaas.config` line works too):
 *
 * - `SK_BOOTSTRAP_SERVERS` — the brokers' SASL_SSL listener
 * - `SK_SASL_MECHANISM` — `PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512` (default)
 * - `SK_SASL_USERNAME`, `SK_SASL_PASSWORD` — the credentials
 * - `SK_SSL_CA` — PEM file of the CA that signed the broker certificates
 *
 * ```sh
 * SK_BOOTSTRAP_SERVERS=broker:9094 SK_SASL_USERNAME=alice SK_SASL_PASSWORD=... SK_SSL_CA=ca.pem \
 *   node dist/examples/sasl-ssl-client.js my-topic
 * ```
 */
import { Consumer, loadProperties, Producer } from 'simple-kafka';

/** The SASL_SSL client configuration from `env` (and the properties file `SK_CONFIG` names). */
export function saslSslConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const config: Record<string, unknown> = env.SK_CONFIG ? { ...loadProperties(env.SK_CONFIG) } : {};
  const set = (key: string, value: string | undefined): void => {
    if (value) config[key] = value;
  };
  config['security.protocol'] ??= 'SASL_SSL';
  set('bootstrap.servers', env.SK_BOOTSTRAP_SERVERS);
  set('sasl.mechanism', env.SK_SASL_MECHANISM);
  if (config['sasl.mechanism'] === undefined && config['sasl.mechanisms'] === undefined && config['sasl.jaas.config'] === undefined) config['sasl.mechanism'] = 'SCRAM-SHA-512';
  set('sasl.username', env.SK_SASL_USERNAME);
  set('sasl.password', env.SK_SASL_PASSWORD);
  set('ssl.ca.location', env.SK_SSL_CA);
  return config;
}

/** Sends one message and reads it back; resolves with where it landed. */
export async function roundTrip(config: Record<string, unknown>, topic: string, log: (line: string) => void = console.log): Promise<{ partition: number; offset: number; value: string }> {
  const producer = new Producer(config);
  const consumer = new Consumer({ ...config, 'group.id': `sasl-ssl-example-${process.pid}`, 'enable.auto.commit': false });
  try {
    await producer.connect();
    const user = String(config['sasl.username'] ?? '(from sasl.jaas.config)');
    const sent = `hello from ${user} over SASL_SSL at ${new Date().toISOString()}`;
    const { partition, offset } = await producer.send({ topic, value: sent });
    log(`authenticated as ${user}; sent to ${topic} [${partition}] @ ${offset}`);
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
  roundTrip(saslSslConfigFromEnv(), process.argv[2] ?? 'simple-kafka-example').then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
