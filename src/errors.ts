/**
 * The error hierarchy of simple-kafka. Every error a user can meet is one of
 * these classes, with a stable string {@link KafkaClientError.code}.
 *
 * @packageDocumentation
 */

/** Options shared by every error class. */
export interface ErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** True when retrying the same operation may succeed. */
  retriable?: boolean;
  /** True when the client cannot be used any more and must be closed. */
  fatal?: boolean;
}

/** Base class of every error simple-kafka throws or rejects with. */
export class KafkaClientError extends Error {
  /** Stable machine-readable code, e.g. `ERR_CONFIG`, `ERR_KAFKA`, `ERR_STATE`. */
  readonly code: string;
  /** True when retrying the same operation may succeed. */
  readonly retriable: boolean;
  /** True when the client cannot be used any more and must be closed. */
  readonly fatal: boolean;

  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retriable = options.retriable ?? false;
    this.fatal = options.fatal ?? false;
  }
}

/** Severity of one configuration issue. */
export type ConfigIssueSeverity = 'error' | 'warning';

/** One problem found in a client configuration. */
export interface ConfigIssue {
  /** The configuration key at fault, e.g. `ssl.key.location` (or several, comma-separated). */
  path: string;
  /** What is wrong. */
  message: string;
  /** How to fix it, when there is a known fix. */
  fix?: string;
  severity: ConfigIssueSeverity;
  /** The name of the rule that found the issue. */
  rule?: string;
}

/** A configuration is invalid; {@link ConfigError.issues} lists every issue, not only the first. */
export class ConfigError extends KafkaClientError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], options: ErrorOptions = {}) {
    const errors = issues.filter((i) => i.severity === 'error');
    const shown = errors.length > 0 ? errors : issues;
    const lines = shown.map((i) => `  ${i.path}: ${i.message}${i.fix ? ` (${i.fix})` : ''}`);
    super('ERR_CONFIG', `invalid configuration (${shown.length} issue${shown.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, options);
    this.issues = issues;
  }
}

/** Options of a {@link KafkaError}. */
export interface KafkaErrorOptions extends ErrorOptions {
  /** librdkafka's numeric error code (`rd_kafka_resp_err_t`). */
  errno: number;
  /** librdkafka's error name without the `RD_KAFKA_RESP_ERR_` prefix, e.g. `_MSG_TIMED_OUT`. */
  kafkaName: string;
  /** The transaction must be aborted before the producer can go on. */
  txnRequiresAbort?: boolean;
}

/** An error reported by librdkafka or a broker. */
export class KafkaError extends KafkaClientError {
  /** librdkafka's numeric error code (`rd_kafka_resp_err_t`); negative codes are local. */
  readonly errno: number;
  /** librdkafka's error name, e.g. `TOPIC_AUTHORIZATION_FAILED`, `_MSG_TIMED_OUT`. */
  readonly kafkaName: string;
  /** True when the current transaction must be aborted (`rd_kafka_error_txn_requires_abort`). */
  readonly txnRequiresAbort: boolean;

  constructor(message: string, options: KafkaErrorOptions, code = 'ERR_KAFKA') {
    super(code, message, options);
    this.errno = options.errno;
    this.kafkaName = options.kafkaName;
    this.txnRequiresAbort = options.txnRequiresAbort ?? false;
  }
}

/** A message could not be produced (delivery failed, or it was refused locally). */
export class ProduceError extends KafkaError {
  constructor(message: string, options: KafkaErrorOptions) {
    super(message, options, 'ERR_PRODUCE');
  }
}

/** Consuming failed. */
export class ConsumeError extends KafkaError {
  constructor(message: string, options: KafkaErrorOptions) {
    super(message, options, 'ERR_CONSUME');
  }
}

/** The client could not authenticate (SASL or TLS handshake failed). */
export class AuthenticationError extends KafkaError {
  constructor(message: string, options: KafkaErrorOptions) {
    super(message, options, 'ERR_AUTHENTICATION');
  }
}

/** The broker refused an operation on a topic, group, cluster or transactional id. */
export class AuthorizationError extends KafkaError {
  constructor(message: string, options: KafkaErrorOptions) {
    super(message, options, 'ERR_AUTHORIZATION');
  }
}

/** The local producer queue is full (Python-style `produce()` only; `send()` waits instead). */
export class QueueFullError extends KafkaClientError {
  constructor(message = 'the local producer queue is full: call poll() or flush() to serve delivery reports', options: ErrorOptions = {}) {
    super('ERR_QUEUE_FULL', message, { retriable: true, ...options });
  }
}

/** Where a serialization problem happened. */
export interface SerdeErrorDetails extends ErrorOptions {
  /** `key` or `value`. */
  field?: string;
  topic?: string;
  partition?: number;
  offset?: string | number | bigint;
  /** Short reason, e.g. `unknown magic byte 0x01 at byte 0`. */
  reason: string;
}

/** A key or value could not be serialized; the message was not sent. */
export class SerializationError extends KafkaClientError {
  readonly field?: string;
  readonly topic?: string;
  readonly reason: string;

  constructor(details: SerdeErrorDetails, code = 'ERR_SERIALIZATION') {
    const where = [details.topic && `topic ${details.topic}`, details.field].filter(Boolean).join(' ');
    super(code, `${code === 'ERR_SERIALIZATION' ? 'cannot serialize' : 'cannot deserialize'}${where ? ` ${where}` : ''}: ${details.reason}`, details);
    this.field = details.field;
    this.topic = details.topic;
    this.reason = details.reason;
  }
}

/** A key or value could not be deserialized. */
export class DeserializationError extends SerializationError {
  readonly partition?: number;
  readonly offset?: string | number | bigint;

  constructor(details: SerdeErrorDetails) {
    super(details, 'ERR_DESERIALIZATION');
    this.partition = details.partition;
    this.offset = details.offset;
  }
}

/** The Schema Registry answered with an error. */
export class SchemaRegistryError extends KafkaClientError {
  /** HTTP status, e.g. 404. */
  readonly status: number;
  /** Confluent error code, e.g. 40401 (subject not found). */
  readonly errorCode: number;

  constructor(status: number, errorCode: number, message: string, options: ErrorOptions = {}) {
    super('ERR_SCHEMA_REGISTRY', message, { retriable: status >= 500 || status === 429, ...options });
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** An operation did not complete in time. */
export class TimeoutError extends KafkaClientError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_TIMEOUT', message, { retriable: true, ...options });
  }
}

/** The client is in the wrong state for the call (closed, not connected, already started). */
export class StateError extends KafkaClientError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_STATE', message, options);
  }
}
