/**
 * `simple-kafka dev`: an embedded Kafka cluster for development.
 *
 * @packageDocumentation
 */
import { MockCluster } from '../testing/mock-cluster';

/** Options of {@link runDev}. */
export interface DevOptions {
  brokers: number;
  /** Topics to create up front, as `name` or `name:partitions`. */
  topics: string[];
  /** Port of the Schema Registry started beside the cluster (0: any free port); `false`: none. */
  registryPort?: number | false;
  /** Where lines are printed (default: stdout). */
  out?: (line: string) => void;
}

/**
 * Starts an embedded cluster, prints how to reach it, and runs until SIGINT
 * or SIGTERM, then stops the cluster and resolves with the exit code.
 */
export async function runDev(options: DevOptions): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cluster = await MockCluster.start({ brokers: options.brokers });
  for (const spec of options.topics) {
    const [name, parts] = spec.split(':');
    cluster.createTopic(name, parts === undefined ? 1 : Number(parts));
  }
  const bootstrap = cluster.bootstrapServers;
  let registry: { url: string; close(): Promise<void> } | undefined;
  if (options.registryPort !== false) {
    // The embedded cluster serves no CreateTopics: the schemas topic is made here.
    cluster.createTopic('_schemas', 1);
    const { startRegistryServer } = await import('../registry-server');
    registry = await startRegistryServer({
      host: '127.0.0.1',
      port: options.registryPort ?? 8081,
      kafka: { config: { 'bootstrap.servers': bootstrap }, topic: '_schemas', createTopic: false },
    });
  }
  out(`simple-kafka dev: embedded Kafka cluster with ${cluster.brokers} broker${cluster.brokers === 1 ? '' : 's'} is up`);
  out(`bootstrap.servers=${bootstrap}`);
  out(`try: new Producer({ 'bootstrap.servers': '${bootstrap}' }).send({ topic: 'demo', value: 'hello' }) — or kcat -b ${bootstrap} -t demo -P / -C`);
  if (registry) out(`schema registry: ${registry.url} (state in topic _schemas)`);
  out('press Ctrl-C to stop');

  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  clearInterval(keepAlive);
  await registry?.close();
  await cluster.stop();
  out(`simple-kafka dev: ${signal}, cluster stopped`);
  return 0;
}
