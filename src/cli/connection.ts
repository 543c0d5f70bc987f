/**
 * Connection settings shared by every `simple-kafka` command that talks to Kafka.
 *
 * Sources, later ones winning key by key:
 *
 * 1. the properties file named by `--config FILE`, or else by `$SK_CONFIG`;
 * 2. `bootstrap.servers` from `--bootstrap`, or else from `$SK_BOOTSTRAP_SERVERS`;
 * 3. each `-X key=value` (repeatable), e.g. `-X security.protocol=SSL`.
 *
 * The result is checked by {@link validateConfig} for the command's client role; a
 * {@link ConfigError} lists every issue, one line each.
 *
 * @packageDocumentation
 */
import { Command, InvalidArgumentError, Option } from 'commander';

import { ConfigError } from '../errors';
import { loadProperties } from '../config/properties-file';
import type { ClientRole } from '../config/types';

/** Environment variable naming a client.properties file (used when `--config` is not given). */
export const ENV_CONFIG = 'SK_CONFIG';
/** Environment variable with `bootstrap.servers` (used when `--bootstrap` is not given). */
export const ENV_BOOTSTRAP = 'SK_BOOTSTRAP_SERVERS';

/** The connection flags as commander parses them. */
export interface ConnectionFlags {
  /** `--bootstrap host:port,...` */
  bootstrap?: string;
  /** `--config client.properties` */
  config?: string;
  /** `-X key=value` pairs, in order. */
  set?: string[];
}

function keyValue(value: string, previous: string[] | undefined): string[] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected key=value, e.g. -X security.protocol=SSL');
  return [...(previous ?? []), value];
}

/**
 * Adds `--bootstrap`, `--config` and `-X key=value` to a command.
 *
 * @returns the same command, for chaining.
 */
export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(new Option('-b, --bootstrap <servers>', `Kafka bootstrap.servers, host:port,... (default $${ENV_BOOTSTRAP})`))
    .addOption(new Option('-c, --config <file>', `client.properties with connection and security settings (default $${ENV_CONFIG})`))
    .addOption(new Option('-X, --set <key=value>', 'any librdkafka property (repeatable); wins over --config').argParser(keyValue));
}

/** Where each setting came from, for messages. */
export interface ResolvedConnection {
  /** The validated, normalized client configuration (librdkafka's dotted keys). */
  config: Record<string, unknown>;
  /** Warnings from validation, as `path: message` lines (the caller may print them). */
  warnings: string[];
}

/**
 * Builds and validates a client configuration from the flags and the environment.
 *
 * @param flags - the parsed connection flags.
 * @param role - which client the configuration is for.
 * @param extra - settings the command itself adds (e.g. `group.id`, `acks`), below `-X`.
 * @param env - the environment (default `process.env`).
 * @throws (rejects) {@link ConfigError} naming every key at fault (the properties file missing, no
 *   bootstrap servers, bad values).
 */
export async function resolveConnection(
  flags: ConnectionFlags,
  role: ClientRole,
  extra: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedConnection> {
  // Loaded here: validation loads librdkafka, which `--help` does not need.
  const { validateConfig } = await import('../config/validate');
  const file = flags.config ?? (env[ENV_CONFIG] || undefined);
  const config: Record<string, unknown> = file ? { ...loadProperties(file) } : {};
  const bootstrap = flags.bootstrap ?? (env[ENV_BOOTSTRAP] || undefined);
  if (bootstrap !== undefined) config['bootstrap.servers'] = bootstrap;
  Object.assign(config, extra);
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    config[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  if (config['bootstrap.servers'] === undefined && config['metadata.broker.list'] === undefined) {
    throw new ConfigError([
      {
        path: 'bootstrap.servers',
        message: `no Kafka bootstrap servers: pass --bootstrap host:port, set $${ENV_BOOTSTRAP}, or put bootstrap.servers in --config / $${ENV_CONFIG}`,
        severity: 'error',
      },
    ]);
  }
  const result = validateConfig(config, { role });
  if (!result.ok) throw new ConfigError(result.issues);
  const warnings = result.issues.filter((i) => i.severity === 'warning').map((i) => `${i.path}: ${i.message}`);
  return { config: result.normalized, warnings };
}

/** Prints configuration warnings to stderr, one line each. */
export function printWarnings(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`simple-kafka: warning: ${w}\n`);
}

/**
 * Watches a client's librdkafka log lines and client-level errors while a command runs, so that
 * a connection that cannot succeed (wrong password, TLS client on a plaintext port, ...) fails
 * at once with the typed error of {@link diagnoseConnectionFailure} instead of librdkafka's
 * retries and a generic `_TRANSPORT` at the timeout.
 *
 * @remarks Give the client {@link ConnectionWatch.logger} (producer, consumer) and/or
 *   {@link ConnectionWatch.errorCb} (all clients), then run the work through
 *   {@link ConnectionWatch.run}. Lines never contain secrets (librdkafka does not log them).
 */
export class ConnectionWatch {
  readonly #config: Readonly<Record<string, unknown>>;
  readonly #verbose: boolean;
  readonly #lines: string[] = [];
  #conclusive: Error | undefined;
  #abort: ((err: Error) => void) | undefined;
  #diagnose: typeof import('../config/diagnose') | undefined;

  /** @param config - the client configuration (to explain failures in its terms). */
  constructor(config: Readonly<Record<string, unknown>>, argv: readonly string[] = process.argv) {
    this.#config = config;
    this.#verbose = argv.includes('--verbose');
  }

  /** True once the lines showed a failure retrying cannot fix: close the client without waiting for it. */
  get failed(): boolean {
    return this.#conclusive !== undefined;
  }

  /** A `logger` config value: prints with `--verbose`, feeds failures to the diagnosis. */
  get logger(): (record: { severity: number; fac: string; message: string }) => void {
    return (record) => {
      if (this.#verbose) process.stderr.write(`librdkafka ${record.severity} ${record.fac}: ${record.message}\n`);
      if (record.fac === 'FAIL' || record.severity <= 3) this.#add(record.message);
    };
  }

  /** An `error_cb` config value feeding client-level errors to the diagnosis. */
  get errorCb(): (error: Error) => void {
    return (error) => this.#add(error.message);
  }

  #add(line: string): void {
    this.#lines.push(line);
    if (this.#conclusive || !this.#diagnose) return;
    const d = this.#diagnose.diagnoseConnectionFailure(this.#lines, this.#config);
    if (d && d.problem !== 'unreachable' && d.fatal) {
      this.#conclusive = this.#diagnose.connectionError(d);
      this.#abort?.(this.#conclusive);
    }
  }

  /**
   * Runs `work`; rejects as soon as the lines show a failure retrying cannot fix, or, when
   * `work` fails with a connection error, with the diagnosis when there is one.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    this.#diagnose ??= await import('../config/diagnose');
    const aborted = new Promise<never>((_, reject) => {
      this.#abort = reject;
      if (this.#conclusive) reject(this.#conclusive);
    });
    aborted.catch(() => undefined);
    try {
      return await Promise.race([work(), aborted]);
    } catch (err) {
      if (this.#conclusive) throw this.#conclusive;
      const name = (err as { kafkaName?: string }).kafkaName;
      if (name === '_TRANSPORT' || name === '_TIMED_OUT' || name === '_ALL_BROKERS_DOWN' || (err as { code?: string }).code === 'ERR_TIMEOUT') {
        const d = this.#diagnose.diagnoseConnectionFailure(this.#lines, this.#config);
        if (d) throw this.#diagnose.connectionError(d, (err as Error).message.split(':')[0]);
      }
      throw err;
    } finally {
      this.#abort = undefined;
    }
  }
}
