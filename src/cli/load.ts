/**
 * `simple-kafka load`: the bulk loader's command line.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';

import { ConfigError } from '../errors';
import { loadProperties } from '../config/properties-file';
import { validateConfig } from '../config/validate';
import type { LoadOptions, LoadSummary } from '../loader/loader';
import { formatCount } from '../loader/progress';

/** Raw options as commander parses them. */
interface LoadCliOptions {
  topic: string;
  format: 'csv' | 'jsonl' | 'lines';
  serialization: 'string' | 'json' | 'avro';
  delimiter: string;
  header?: boolean;
  columns?: string;
  keyColumn?: string;
  valueColumn?: string;
  keyField?: string;
  valueField?: string;
  registry?: string;
  subject?: string;
  schemaVersion?: string;
  schema?: string;
  deadLetter?: string;
  workers?: number;
  exactlyOnce?: boolean;
  transactionalId?: string;
  dryRun?: boolean;
  checkpoint?: string;
  resume?: boolean;
  bootstrap?: string;
  config?: string;
  property: string[];
  progress?: 'bar' | 'plain' | 'none';
  progressInterval?: number;
  chunkBytes?: number;
  rateLimit?: number;
  connectTimeout?: number;
  verbose?: boolean;
  json?: boolean;
}

/** Environment variables read for the connection, in order of precedence (after --bootstrap and --config). */
export const BOOTSTRAP_ENV_VARS = ['SK_BOOTSTRAP_SERVERS', 'KAFKA_BOOTSTRAP_SERVERS'] as const;

function int(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${what} must be an integer from ${min} to ${max}`);
    return n;
  };
}

function property(value: string, previous: string[]): string[] {
  if (!/^[^=]+=/.test(value)) throw new InvalidArgumentError('expected key=value');
  return [...previous, value];
}

/**
 * Builds the producer configuration from `--config` (a `.properties` or
 * `.json` file), `-X key=value`, `--bootstrap` and the environment
 * (`SK_BOOTSTRAP_SERVERS`, then `KAFKA_BOOTSTRAP_SERVERS`), and validates it
 * with the producer rules.
 *
 * @returns the configuration and the validator's warnings.
 * @throws {@link ConfigError} listing every error.
 */
export function connectionConfig(
  opts: { bootstrap?: string; config?: string; property?: string[] },
  env: NodeJS.ProcessEnv = process.env,
): { config: Record<string, unknown>; warnings: string[] } {
  let conf: Record<string, unknown> = {};
  if (opts.config) {
    if (opts.config.endsWith('.json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(opts.config, 'utf8'));
      } catch (err) {
        throw new ConfigError([{ path: opts.config, message: `cannot read the JSON configuration: ${(err as Error).message}`, severity: 'error' }]);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ConfigError([{ path: opts.config, message: 'a JSON configuration must be an object of librdkafka keys', severity: 'error' }]);
      }
      conf = { ...(parsed as Record<string, unknown>) };
    } else conf = { ...loadProperties(opts.config) };
  }
  for (const p of opts.property ?? []) {
    const eq = p.indexOf('=');
    conf[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  if (opts.bootstrap) conf['bootstrap.servers'] = opts.bootstrap;
  if (conf['bootstrap.servers'] === undefined && conf['metadata.broker.list'] === undefined) {
    for (const name of BOOTSTRAP_ENV_VARS) {
      const v = env[name];
      if (v !== undefined && v.trim() !== '') {
        conf['bootstrap.servers'] = v.trim();
        break;
      }
    }
  }
  const result = validateConfig(conf, { role: 'producer' });
  const noBootstrap = conf['bootstrap.servers'] === undefined && conf['metadata.broker.list'] === undefined;
  const fix = 'pass --bootstrap, set bootstrap.servers in --config, or set SK_BOOTSTRAP_SERVERS (or KAFKA_BOOTSTRAP_SERVERS)';
  if (!result.ok) throw new ConfigError(result.issues.map((i) => (noBootstrap && i.path === 'bootstrap.servers' ? { ...i, fix } : i)));
  return { config: result.normalized, warnings: result.issues.map((i) => `${i.path}: ${i.message}`) };
}

/** The final summary, one line for people. */
export function formatSummary(s: LoadSummary): string {
  const secs = (s.elapsedMs / 1000).toFixed(1);
  const head = s.dryRun
    ? `dry run: read ${formatCount(s.read)}, valid ${formatCount(s.read - s.deadLettered)}, dead-lettered ${formatCount(s.deadLettered)}`
    : `read ${formatCount(s.read)}, sent ${formatCount(s.sent)}, acknowledged ${formatCount(s.acknowledged)}, dead-lettered ${formatCount(s.deadLettered)}` +
      (s.failed > 0 ? `, failed ${formatCount(s.failed)}` : '');
  const resumed = s.resumedRecords > 0 ? `; ${formatCount(s.resumedRecords)} done by earlier runs` : '';
  return `${head} in ${secs} s (${formatCount(s.recordsPerSecond)} rec/s, ${s.megabytesPerSecond.toFixed(1)} MB/s)${resumed}`;
}

/** Turns the command's options into {@link LoadOptions}. */
export function toLoadOptions(inputs: string[], o: LoadCliOptions, env: NodeJS.ProcessEnv = process.env): { options: LoadOptions; warnings: string[] } {
  let kafka: Record<string, unknown> | undefined;
  let warnings: string[] = [];
  if (!o.dryRun) ({ config: kafka, warnings } = connectionConfig(o, env));
  const registryUrl = o.registry ?? env.SK_REGISTRY_URL;
  let version: number | 'latest' | undefined;
  if (o.schemaVersion !== undefined) {
    if (o.schemaVersion !== 'latest' && !/^[1-9][0-9]*$/.test(o.schemaVersion)) throw new InvalidArgumentError('--schema-version must be a version number or latest');
    version = o.schemaVersion === 'latest' ? 'latest' : Number(o.schemaVersion);
  }
  if (o.serialization === 'avro' && !registryUrl) throw new InvalidArgumentError('--serialization avro needs --registry URL (or SK_REGISTRY_URL)');
  if (o.serialization !== 'avro' && (o.schema || o.subject || o.schemaVersion)) throw new InvalidArgumentError('--schema, --subject and --schema-version go with --serialization avro');
  const keyColumn = o.keyColumn === undefined ? undefined : o.keyColumn === 'none' || o.keyColumn === '' ? null : o.keyColumn;
  return {
    warnings,
    options: {
      inputs,
      topic: o.topic,
      format: o.format,
      serialization: o.serialization,
      delimiter: o.delimiter,
      header: o.header,
      columns: o.columns?.split(o.columns.includes(',') ? ',' : o.delimiter).map((c) => c.trim()),
      keyColumn,
      valueColumn: o.valueColumn,
      keyField: o.keyField,
      valueField: o.valueField,
      avro: o.serialization === 'avro' ? { registry: { url: registryUrl! }, subject: o.subject, version, schemaFile: o.schema } : undefined,
      deadLetter: o.deadLetter,
      workers: o.workers,
      exactlyOnce: o.exactlyOnce,
      transactionalId: o.transactionalId,
      dryRun: o.dryRun,
      checkpoint: o.checkpoint,
      resume: o.resume,
      kafka,
      progress: o.progress,
      progressIntervalMs: o.progressInterval,
      chunkBytes: o.chunkBytes,
      rateLimit: o.rateLimit,
      connectTimeoutMs: o.connectTimeout,
      clientLogs: o.verbose,
    },
  };
}

/** Adds the `load` command to `program`; `exit` receives its exit code. */
export function registerLoadCommand(program: Command, exit: (code: number) => void): void {
  program
    .command('load')
    .description('load files, globs or stdin (-) in CSV, JSON Lines or raw lines into a topic; at-least-once (or exactly-once), with dead letters, progress and resume')
    .argument('<inputs...>', 'files, globs (quoted: "data/*.csv"), or - for stdin')
    .requiredOption('-t, --topic <name>', 'the topic to load into')
    .addOption(new Option('-f, --format <format>', 'input format').choices(['csv', 'jsonl', 'lines']).default('csv'))
    .addOption(new Option('-s, --serialization <kind>', 'value serialization (keys are strings)').choices(['string', 'json', 'avro']).default('string'))
    .option('-d, --delimiter <char>', 'CSV field delimiter (\\t for tab)', ';')
    .option('--header', 'CSV: the first line of each input names the columns')
    .option('--columns <names>', 'CSV: the column names, comma-separated')
    .option('--key-column <name|n|none>', 'CSV: the key column, by name or 1-based number, or none (default: the first column)')
    .option('--value-column <name|n>', 'CSV: the value column (default: the other column; with json/avro the whole row)')
    .option('--key-field <path>', 'JSON Lines: the field holding the key (dotted path)')
    .option('--value-field <path>', 'JSON Lines: the field holding the value (default: the whole object)')
    .option('--registry <url>', 'Schema Registry URL for Avro (or SK_REGISTRY_URL)')
    .option('--subject <subject>', 'Avro: the subject (default <topic>-value)')
    .option('--schema-version <n|latest>', 'Avro: the subject version to use (default latest)')
    .option('--schema <file.avsc>', 'Avro: a schema file, registered under the subject on the fly')
    .option('--dead-letter <file>', 'append records that fail parsing or the schema here (JSON lines: source, line, reason, raw); without it a bad record stops the load')
    .option('--workers <n>', 'worker threads that parse and serialize (0: the main thread; default 0 for string values, 1-2 for json/avro)', int(0, 64, '--workers'))
    .option('--exactly-once', 'transactional producer: one transaction per chunk; read with isolation.level=read_committed')
    .option('--transactional-id <id>', 'exactly-once: the transactional.id (default derived from the topic and the checkpoint file)')
    .option('--dry-run', 'parse and serialize only; send nothing')
    .option('--checkpoint <file>', 'record how far each input is acknowledged (atomically rewritten)')
    .option('--resume', 'continue from --checkpoint')
    .option('--bootstrap <servers>', 'Kafka bootstrap.servers (else bootstrap.servers of --config, else SK_BOOTSTRAP_SERVERS or KAFKA_BOOTSTRAP_SERVERS)')
    .option('--config <file>', 'client.properties (or .json) with the connection and producer settings')
    .option('-X, --property <key=value>', 'a librdkafka producer property (repeatable)', property, [])
    .addOption(new Option('--progress <mode>', 'progress display (default: bar on a terminal, else a line every 5 s)').choices(['bar', 'plain', 'none']))
    .option('--progress-interval <ms>', 'milliseconds between plain progress lines', int(50, 3_600_000, '--progress-interval'))
    .option('--chunk-bytes <n>', 'bytes read per chunk (the unit of parallel work, transactions and checkpoints)', int(1024, 1 << 30, '--chunk-bytes'))
    .option('--rate-limit <lines/s>', 'read at most this many lines per second', int(1, 1e9, '--rate-limit'))
    .option('--connect-timeout <ms>', 'how long to wait for the cluster at the start', int(100, 3_600_000, '--connect-timeout'), 30_000)
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (inputs: string[], o: LoadCliOptions, command: Command) => {
      const { options, warnings } = toLoadOptions(inputs, { ...o, verbose: command.optsWithGlobals<{ verbose?: boolean }>().verbose });
      for (const w of warnings) process.stderr.write(`simple-kafka load: warning: ${w}\n`);
      const { runLoad } = await import('../loader/loader');
      // Ctrl-C (or SIGTERM): stop reading, let what was read be acknowledged and checkpointed; a second one exits at once.
      const abort = new AbortController();
      const onSignal = (): void => {
        if (abort.signal.aborted) process.exit(130);
        process.stderr.write('\nsimple-kafka load: stopping: waiting for the records in flight (again to quit at once)\n');
        abort.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let summary: LoadSummary;
      try {
        summary = await runLoad({ ...options, signal: abort.signal });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      process.stderr.write(`simple-kafka load: ${formatSummary(summary)}\n`);
      if (!summary.ok) process.stderr.write(`simple-kafka load: error: ${summary.error}\n`);
      if (o.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      exit(summary.ok ? 0 : 1);
    });
}
