/**
 * `startRegistryServer`: the registry as an HTTP(S) server over a schema log
 * (Kafka or in-memory), and `runRegistryServe`, the body of
 * `simple-kafka registry serve`.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

import { ConfigError } from '../errors';
import { loadProperties } from '../config/properties-file';
import { createRegistryHandler, type BasicAuthOptions } from './http';
import { KafkaSchemaLog, type KafkaSchemaLogOptions } from './kafka-log';
import { MemorySchemaTopic, type SchemaLog } from './log';
import { RegistryStore, type RegistryStoreOptions } from './store';

/** TLS for the HTTP listener (PEM text or Buffers, as Node's `https` takes them). */
export interface RegistryTlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
  /** Passphrase of an encrypted key. */
  passphrase?: string;
  /** CA bundle to verify client certificates. */
  ca?: string | Buffer;
  /** Ask clients for a certificate (and reject those that do not verify against `ca`). */
  requestCert?: boolean;
}

/** Options of {@link startRegistryServer}. */
export interface RegistryServerOptions extends RegistryStoreOptions {
  /**
   * Where state lives: a Kafka topic (settings of {@link KafkaSchemaLog}), any
   * {@link SchemaLog}, or, when neither is given, an in-memory topic (state is
   * lost on close — for tests and demos).
   */
  kafka?: KafkaSchemaLogOptions;
  /** A schema log of your own (wins over `kafka`). */
  log?: SchemaLog;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 picks a free one. Default 8081. */
  port?: number;
  /** Serve HTTPS instead of HTTP. */
  tls?: RegistryTlsOptions;
  /** Require HTTP basic authentication. */
  auth?: BasicAuthOptions;
  /** Largest request body in bytes (413 past it). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Resolve only once the log has been read to its end (default true); else right after listening. */
  waitForReady?: boolean;
  /** Progress and problems, one line each (never holds secrets). Default: nothing. */
  logger?: (line: string) => void;
}

/** A running registry server. */
export interface RegistryServer {
  /** Base URL, e.g. `http://127.0.0.1:8081`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The store (state + log) behind it. */
  readonly store: RegistryStore;
  /** Resolves when the log has been read to its end (rejects if that fails). */
  readonly ready: Promise<void>;
  /** Stop listening, finish in-flight requests, close the log. Idempotent. */
  close(): Promise<void>;
}

/**
 * Start a Confluent-compatible Schema Registry.
 *
 * @remarks
 * The port is open before the log has been read: until then every API route
 * answers 503 and `GET /ready` says `{"ready":false}`. With `waitForReady`
 * (the default) the promise resolves after that.
 *
 * @throws {@link KafkaClientError} subclasses when the Kafka log cannot be
 *   opened (unreachable cluster, bad config → {@link ConfigError}); the
 *   listener's `EADDRINUSE` and similar as Node errors.
 *
 * @example
 * ```ts
 * const server = await startRegistryServer({ kafka: { config: { 'bootstrap.servers': 'localhost:9092' } }, port: 8081 });
 * // … http://127.0.0.1:8081/subjects
 * await server.close();
 * ```
 */
export async function startRegistryServer(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const logger = options.logger ?? (() => {});
  const log = options.log ?? (options.kafka ? new KafkaSchemaLog(options.kafka) : new MemorySchemaTopic({ name: 'registry' }).log());
  const store = new RegistryStore(log, { ...options, onWarning: options.onWarning ?? ((m) => logger(`warning: ${m}`)) });
  const handler = createRegistryHandler(store, {
    maxBodyBytes: options.maxBodyBytes,
    auth: options.auth,
    onError: (err, req) => logger(`error: ${req.method} ${req.url?.split('?')[0]}: ${err instanceof Error ? err.message : String(err)}`),
  });
  const server: http.Server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, passphrase: options.tls.passphrase, ca: options.tls.ca, requestCert: options.tls.requestCert ?? false, rejectUnauthorized: options.tls.requestCert ?? false }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8081, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    })();
    return closing;
  };

  logger(`registry reading ${store.description}`);
  const ready = store.start().then(
    () => logger(`registry ready at ${url} (${store.state.schemaCount} schemas, ${store.state.subjects().length} subjects)`),
    async (err: unknown) => {
      await close();
      throw err;
    },
  );
  if (options.waitForReady === false) {
    ready.catch(() => {}); // the caller watches `ready`
  } else {
    await ready;
  }
  return { url, port, store, ready, close };
}

/** Options of {@link runRegistryServe} (`simple-kafka registry serve`). */
export interface RegistryServeOptions {
  /** `bootstrap.servers`; overrides the properties file's. */
  bootstrap?: string;
  /** A Java-style `client.properties` with the Kafka connection (security etc.). */
  kafkaConfig?: string;
  /** Topic. Default `_schemas`. */
  topic?: string;
  /** Replication factor for a new topic. Default min(3, brokers). */
  replicationFactor?: number;
  /** Port. Default 8081. */
  port?: number;
  /** Interface. Default `0.0.0.0` (all), as Confluent's. */
  host?: string;
  /** PEM certificate file: serve HTTPS. Needs `tlsKey`. */
  tlsCert?: string;
  /** PEM key file. */
  tlsKey?: string;
  /**
   * Basic-auth users, `user:password` each; or read from the environment
   * variable `SK_REGISTRY_USERS` (comma-separated) so passwords stay out of
   * the process list.
   */
  users?: string[];
  /** Largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Where lines go. Default stderr. */
  log?: (line: string) => void;
  /** Resolves when the server should stop. Default: SIGTERM or SIGINT. */
  until?: Promise<unknown>;
}

function parseUsers(list: readonly string[]): Record<string, string> {
  const users: Record<string, string> = {};
  for (const entry of list) {
    const i = entry.indexOf(':');
    if (i <= 0) throw new ConfigError([{ path: 'users', message: 'each user is "name:password" (the password is not shown here)', severity: 'error' }]);
    users[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return users;
}

/**
 * Run a registry until SIGTERM/SIGINT (or `until`), then stop gracefully:
 * in-flight requests finish, the Kafka clients close. For the CLI.
 *
 * @returns the process exit code (0 after a clean stop).
 * @throws {@link ConfigError} for bad options; Kafka errors when the log cannot be opened.
 */
export async function runRegistryServe(options: RegistryServeOptions): Promise<number> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const config: Record<string, unknown> = options.kafkaConfig ? { ...loadProperties(options.kafkaConfig) } : {};
  if (options.bootstrap) config['bootstrap.servers'] = options.bootstrap;
  if (config['bootstrap.servers'] === undefined && config['metadata.broker.list'] === undefined) {
    throw new ConfigError([{ path: 'bootstrap.servers', message: 'no Kafka bootstrap servers: pass --bootstrap host:port or bootstrap.servers in --kafka-config', severity: 'error' }]);
  }
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) {
    throw new ConfigError([{ path: options.tlsCert ? 'tlsKey' : 'tlsCert', message: 'HTTPS needs both a certificate and a key file', severity: 'error' }]);
  }
  const envUsers = (process.env.SK_REGISTRY_USERS ?? '').split(',').filter((s) => s.length > 0);
  const userList = [...(options.users ?? []), ...envUsers];
  const server = await startRegistryServer({
    kafka: { config, topic: options.topic, replicationFactor: options.replicationFactor },
    port: options.port ?? 8081,
    host: options.host ?? '0.0.0.0',
    tls: options.tlsCert && options.tlsKey ? { cert: fs.readFileSync(options.tlsCert), key: fs.readFileSync(options.tlsKey) } : undefined,
    auth: userList.length > 0 ? { users: parseUsers(userList) } : undefined,
    maxBodyBytes: options.maxBodyBytes,
    logger: log,
  });
  log(`registry listening on ${server.url}`);
  const stop =
    options.until ??
    new Promise<string>((resolve) => {
      const onTerm = (): void => done('SIGTERM');
      const onInt = (): void => done('SIGINT');
      const done = (signal: string): void => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        resolve(signal);
      };
      process.once('SIGTERM', onTerm);
      process.once('SIGINT', onInt);
    });
  const why = await stop;
  log(`registry stopping${typeof why === 'string' ? ` (${why})` : ''}`);
  await server.close();
  log('registry stopped');
  return 0;
}
