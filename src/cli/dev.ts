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
  out(`simple-kafka dev: embedded Kafka cluster with ${cluster.brokers} broker${cluster.brokers === 1 ? '' : 's'} is up`);
  out(`bootstrap.servers=${bootstrap}`);
  out(`try: new Producer({ 'bootstrap.servers': '${bootstrap}' }).send({ topic: 'demo', value: 'hello' }) — or kcat -b ${bootstrap} -t demo -P / -C`);
  out('press Ctrl-C to stop');

  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  clearInterval(keepAlive);
  await cluster.stop();
  out(`simple-kafka dev: ${signal}, cluster stopped`);
  return 0;
}
