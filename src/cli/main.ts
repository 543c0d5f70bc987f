#!/usr/bin/env node
/**
 * The `simple-kafka` command line.
 *
 * @packageDocumentation
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';

import { KafkaClientError } from '../errors';
import { runDev } from './dev';
import { registerLoadCommand } from './load';
import { registerBench } from './bench';
import { registerConsume } from './consume';
import { registerGroups } from './groups';
import { registerProduce } from './produce';
import { registerSchema } from './schema';
import { registerTopics } from './topics';

function intIn(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${what} must be an integer from ${min} to ${max}`);
    return n;
  };
}

function roleArg(value: string): 'producer' | 'consumer' | 'admin' {
  if (value !== 'producer' && value !== 'consumer' && value !== 'admin') throw new InvalidArgumentError('expected producer, consumer or admin');
  return value;
}

function topicSpec(value: string, previous: string[]): string[] {
  if (!/^[A-Za-z0-9._-]+(:[1-9][0-9]*)?$/.test(value)) throw new InvalidArgumentError('expected NAME or NAME:PARTITIONS');
  return [...previous, value];
}

/** Builds the command tree. `exit` receives each command's exit code. */
export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('simple-kafka')
    .description('simple-kafka: a Kafka client for Node.js over librdkafka — tools')
    .option('--verbose', 'show stack traces on errors')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  program
    .command('dev')
    .description('start an embedded Kafka cluster, print its bootstrap address, run until Ctrl-C')
    .option('--brokers <n>', 'number of brokers', intIn(1, 64, '--brokers'), 3)
    .option('--topic <name[:partitions]>', 'create a topic up front (repeatable)', topicSpec, [])
    .option('--registry-port <port>', 'port of the Schema Registry started beside the cluster (0: any free port)', intIn(0, 65535, '--registry-port'), 8081)
    .option('--no-registry', 'do not start a Schema Registry')
    .action(async (opts: { brokers: number; topic: string[]; registry: boolean; registryPort: number }) =>
      exit(await runDev({ brokers: opts.brokers, topics: opts.topic, registryPort: opts.registry ? opts.registryPort : false })),
    );

  const registry = program.command('registry').description('the Schema Registry server');
  registry
    .command('serve')
    .description('serve a Confluent-compatible Schema Registry with its state in a compacted Kafka topic; stops on SIGTERM/SIGINT')
    .option('--bootstrap <servers>', 'Kafka bootstrap.servers')
    .option('--kafka-config <file>', 'client.properties with the Kafka connection (security settings)')
    .option('--topic <name>', 'the schemas topic', '_schemas')
    .option('--replication-factor <n>', 'replication factor of a new topic (default min(3, brokers))', intIn(1, 32, '--replication-factor'))
    .option('--port <port>', 'HTTP port', intIn(0, 65535, '--port'), 8081)
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--user <name:password>', 'basic-auth user (repeatable; or SK_REGISTRY_USERS=name:pw,...)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--max-body-bytes <n>', 'largest request body', intIn(1, 1 << 30, '--max-body-bytes'))
    .action(
      async (opts: {
        bootstrap?: string;
        kafkaConfig?: string;
        topic: string;
        replicationFactor?: number;
        port: number;
        host: string;
        tlsCert?: string;
        tlsKey?: string;
        user: string[];
        maxBodyBytes?: number;
      }) => {
        const { runRegistryServe } = await import('../registry-server');
        exit(
          await runRegistryServe({
            bootstrap: opts.bootstrap,
            kafkaConfig: opts.kafkaConfig,
            topic: opts.topic,
            replicationFactor: opts.replicationFactor,
            port: opts.port,
            host: opts.host,
            tlsCert: opts.tlsCert,
            tlsKey: opts.tlsKey,
            users: opts.user.length > 0 ? opts.user : undefined,
            maxBodyBytes: opts.maxBodyBytes,
          }),
        );
      },
    );

  registerLoadCommand(program, exit);

  const config = program.command('config').description('client configuration tools');
  config
    .command('check')
    .description('validate a client configuration file (.properties or .json): every issue, by key')
    .argument('<file>', 'the configuration file')
    .option('--role <role>', 'producer, consumer or admin', roleArg, 'producer')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { role: 'producer' | 'consumer' | 'admin'; json?: boolean }) => {
      const { checkConfigFile } = await import('../config/check');
      const result = checkConfigFile(file, { role: opts.role, json: opts.json });
      process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
      exit(result.exitCode);
    });

  registerProduce(program, exit);
  registerConsume(program, exit);
  registerTopics(program, exit);
  registerGroups(program, exit);
  registerSchema(program, exit);
  registerBench(program, exit);

  program
    .command('version')
    .description("print simple-kafka's and librdkafka's versions and librdkafka's features")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { librdkafkaVersion, librdkafkaFeatures } = await import('../native');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require('../../package.json') as { version: string };
      const info = { simpleKafka: pkg.version, librdkafka: librdkafkaVersion(), features: librdkafkaFeatures() };
      process.stdout.write(
        opts.json ? `${JSON.stringify(info)}\n` : `simple-kafka ${info.simpleKafka}\nlibrdkafka ${info.librdkafka}\nfeatures ${info.features.join(' ')}\n`,
      );
      exit(0);
    });

  return program;
}

/** Runs the command line on `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  if (argv.length === 0) {
    program.outputHelp();
    return 1;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const verbose = argv.includes('--verbose');
    const line = err instanceof KafkaClientError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
    process.stderr.write(`simple-kafka: ${line}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
