/**
 * The typed surface of simple-kafka's native addon.
 *
 * @remarks
 * node-rdkafka is loaded first: it brings `librdkafka.so.1` into the process,
 * and our addon (linked against the same file) then resolves to that copy, so
 * exactly one librdkafka is loaded.
 *
 * @packageDocumentation
 */
import * as path from 'node:path';

import { AuthenticationError, AuthorizationError, KafkaClientError, KafkaError, ProduceError, StateError } from '../errors';

/** The native MockCluster class (see `native/mock_cluster.h`). */
export interface NativeMockCluster {
  start(brokers: number): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  bootstraps(): string;
  createTopic(name: string, partitions: number, replicationFactor: number): void;
  setBrokerDown(id: number): void;
  setBrokerUp(id: number): void;
  setRtt(id: number, ms: number): void;
  pushRequestErrors(apiKey: number, errors: number[]): void;
  clearRequestErrors(apiKey: number): void;
}

/** What `build/Release/simple_kafka.node` exports. */
export interface NativeAddon {
  MockCluster: new () => NativeMockCluster;
  librdkafkaVersion(): { version: string; versionInt: number };
  features(): string;
  errorInfo(code: number): { name: string; description: string };
}

/** node-rdkafka's module, typed as loosely as we use it here. */
type NodeRdkafka = typeof import('node-rdkafka');

let rdkafka: NodeRdkafka | undefined;
let addon: NativeAddon | undefined;

/** node-rdkafka, loaded once. */
export function nodeRdkafka(): NodeRdkafka {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  rdkafka ??= require('node-rdkafka') as NodeRdkafka;
  return rdkafka;
}

/**
 * The addon, loaded once (after node-rdkafka, so both share one librdkafka).
 *
 * @throws {@link KafkaClientError} with code `ERR_NATIVE` when the addon was not built.
 */
export function native(): NativeAddon {
  if (addon) return addon;
  nodeRdkafka();
  const file = path.join(__dirname, '..', '..', 'build', 'Release', 'simple_kafka.node');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    addon = require(file) as NativeAddon;
  } catch (cause) {
    throw new KafkaClientError('ERR_NATIVE', `simple-kafka's native addon could not be loaded from ${file}; run \`npm rebuild simple-kafka\` (or \`npx node-gyp rebuild\` in the package)`, { cause });
  }
  return addon;
}

/** The librdkafka version both bindings use, e.g. `2.12.0`. */
export function librdkafkaVersion(): string {
  return native().librdkafkaVersion().version;
}

/** librdkafka's `builtin.features` as a list, e.g. `['gzip', 'snappy', 'ssl', ...]`. */
export function librdkafkaFeatures(): string[] {
  return native().features().split(',').filter((f) => f.length > 0);
}

const AUTHENTICATION = new Set(['_AUTHENTICATION', 'SASL_AUTHENTICATION_FAILED', '_SSL', 'ILLEGAL_SASL_STATE', 'UNSUPPORTED_SASL_MECHANISM']);
const AUTHORIZATION = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'DELEGATION_TOKEN_AUTHORIZATION_FAILED',
]);

/** Options of {@link kafkaErrorFromCode}. */
export interface FromCodeOptions {
  retriable?: boolean;
  fatal?: boolean;
  txnRequiresAbort?: boolean;
  /** Build a {@link ProduceError} unless the code is an auth error. */
  produce?: boolean;
  cause?: unknown;
}

/**
 * The typed error for a librdkafka error code: {@link AuthenticationError},
 * {@link AuthorizationError}, {@link ProduceError} or {@link KafkaError}.
 */
export function kafkaErrorFromCode(errno: number, context: string, options: FromCodeOptions = {}): KafkaError {
  const { name, description } = native().errorInfo(errno);
  const message = `${context}: ${description} (${name})`;
  const opts = { errno, kafkaName: name, ...options };
  if (AUTHENTICATION.has(name)) return new AuthenticationError(message, opts);
  if (AUTHORIZATION.has(name)) return new AuthorizationError(message, opts);
  if (options.produce) return new ProduceError(message, opts);
  return new KafkaError(message, opts);
}

/** Turns an error thrown by the addon into our hierarchy. */
export function fromNativeError(err: unknown, context: string): KafkaClientError {
  if (err instanceof KafkaClientError) return err;
  const e = err as { code?: string; errno?: number; message?: string };
  if (e?.code === 'ERR_STATE') return new StateError(`${context}: ${e.message}`, { cause: err });
  if (e?.code === 'ERR_KAFKA' && typeof e.errno === 'number') return kafkaErrorFromCode(e.errno, context, { cause: err });
  return new KafkaClientError(e?.code ?? 'ERR_NATIVE', `${context}: ${e?.message ?? String(err)}`, { cause: err });
}
