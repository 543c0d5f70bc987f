/**
 * Types shared by the config layer: client roles, the typed config a user
 * writes, and the options of the validators.
 *
 * @packageDocumentation
 */
import type { ConfigIssue } from '../errors';
import type { LibrdkafkaProperties } from './generated';

/** The client a configuration is for. `admin` accepts the keys common to both. */
export type ClientRole = 'producer' | 'consumer' | 'admin';

/** A configuration as a user may pass it: librdkafka keys, Python callbacks, serde objects, Java keys. */
export type ConfigInput = Readonly<Record<string, unknown>>;

/**
 * Python-style function-valued keys (`confluent_kafka`), accepted as is and
 * served by the client facades.
 */
export interface CallbackProperties {
  /** Called with a {@link KafkaClientError} for global (non-message) errors. */
  error_cb?: (error: unknown) => void;
  /** Called with the statistics JSON string every `statistics.interval.ms`. */
  stats_cb?: (json: string) => void;
  /** Called with throttle events from the brokers. */
  throttle_cb?: (event: unknown) => void;
  /** OAUTHBEARER token refresh: return `{token, lifetime (ms since epoch), principal, extensions?}`. */
  oauth_cb?: (config: string | undefined) => unknown;
  /** Producer: called with `(error, message)` for each delivered or failed message. */
  on_delivery?: (error: unknown, message: unknown) => void;
  /** Consumer: called with `(error, partitions)` after each commit. */
  on_commit?: (error: unknown, partitions: unknown) => void;
  /** A logger: a function `(level, message)` or an object with `log`/`info`/`warn`/`error` methods. */
  logger?: unknown;
}

/** Serializer and deserializer objects (see serde/); Java class names here are explained, not loaded. */
export interface SerdeProperties {
  'key.serializer'?: unknown;
  'value.serializer'?: unknown;
  'key.deserializer'?: unknown;
  'value.deserializer'?: unknown;
}

/** Java client keys that are translated to librdkafka keys. */
export interface JavaCompatProperties {
  /** A Java JAAS line, translated into `sasl.username`/`sasl.password` and friends. */
  'sasl.jaas.config'?: string;
}

/** The typed configuration of a simple-kafka client. */
export type KafkaConfig = LibrdkafkaProperties & CallbackProperties & SerdeProperties & JavaCompatProperties;

/** Options of {@link validateConfig} and of each rule. */
export interface ValidateOptions {
  /** Which client the configuration is for. */
  role: ClientRole;
  /**
   * librdkafka's `builtin.features` (e.g. `['ssl', 'sasl_scram', 'zstd']`).
   * Default: the features of the librdkafka node-rdkafka loaded.
   */
  features?: readonly string[];
  /** The time certificates are checked against (default: now). */
  now?: Date;
  /** Extra keys the calling client understands (its own options); accepted untouched. */
  extraKeys?: readonly string[];
  /** Read and parse the certificate, key and keystore files (default true). */
  checkFiles?: boolean;
}

/** What {@link validateConfig} returns. */
export interface ValidationResult {
  /** Every issue found, errors and warnings. */
  issues: ConfigIssue[];
  /**
   * The configuration to hand to librdkafka: `null`/`undefined` values dropped,
   * Java keys and `sasl.jaas.config` translated; every other value untouched.
   */
  normalized: Record<string, unknown>;
  /** True when no issue is an error. */
  ok: boolean;
}
