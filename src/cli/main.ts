#!/usr/bin/env node
/**
 * The `simple-kafka` command line.
 *
 * @packageDocumentation
 */
import { KafkaClientError } from '../errors';
import { runDev } from './dev';

const USAGE = `usage: simple-kafka <command> [options]

commands:
  dev [--brokers N] [--topic NAME[:PARTITIONS]]...
      start an embedded Kafka cluster (default 3 brokers), print its
      bootstrap address, run until Ctrl-C
  version
      print simple-kafka's and librdkafka's versions and librdkafka's features

options:
  -h, --help   show this help`;

/** Parses argv (without node and script) and runs the command; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === 'dev') {
    let brokers = 3;
    const topics: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (arg === '-h' || arg === '--help') {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      } else if (arg === '--brokers') {
        brokers = Number(rest[++i]);
        if (!Number.isInteger(brokers) || brokers < 1 || brokers > 64) return usageError(`--brokers: expected an integer from 1 to 64, got ${JSON.stringify(rest[i])}`);
      } else if (arg === '--topic') {
        const spec = rest[++i];
        if (spec === undefined || !/^[A-Za-z0-9._-]+(:[1-9][0-9]*)?$/.test(spec)) return usageError(`--topic: expected NAME or NAME:PARTITIONS, got ${JSON.stringify(spec)}`);
        topics.push(spec);
      } else {
        return usageError(`dev: unknown option ${JSON.stringify(arg)}`);
      }
    }
    return runDev({ brokers, topics });
  }
  if (command === 'version') {
    const { librdkafkaVersion, librdkafkaFeatures } = await import('../native');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json') as { version: string };
    process.stdout.write(`simple-kafka ${pkg.version}\nlibrdkafka ${librdkafkaVersion()}\nfeatures ${librdkafkaFeatures().join(' ')}\n`);
    return 0;
  }
  return usageError(`unknown command ${JSON.stringify(command)}`);
}

function usageError(message: string): number {
  process.stderr.write(`simple-kafka: ${message}\n\n${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      const message = err instanceof KafkaClientError ? `${err.code}: ${err.message}` : String(err);
      process.stderr.write(`simple-kafka: ${message}\n`);
      process.exit(1);
    },
  );
}
