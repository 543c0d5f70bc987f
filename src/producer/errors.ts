/**
 * Producer-specific errors and the mapping of librdkafka codes to them.
 *
 * @packageDocumentation
 */
import { ConfigError, KafkaClientError, KafkaError, ProduceError, StateError, type ConfigIssue } from '../errors';
import { kafkaErrorFromCode, native } from '../native';
import type { RecordMetadata } from './types';
import { STATUS_NOT_PERSISTED, STATUS_POSSIBLY_PERSISTED } from './native';

/**
 * Some messages of a {@link Producer.sendBatch} failed. It settles only when
 * every message of the batch has its outcome.
 *
 * @remarks `code` is `ERR_PRODUCE`, `errno`/`kafkaName` are those of the
 * first failure; {@link SendBatchError.results} has one entry per message in
 * input order — its {@link RecordMetadata} or its error — so a caller can
 * retry exactly the failed ones.
 */
export class SendBatchError extends ProduceError {
  /** One entry per message of the batch, in input order. */
  readonly results: ReadonlyArray<RecordMetadata | KafkaClientError>;
  /** Indexes (in the batch) of the messages that failed, ascending. */
  readonly failed: readonly number[];

  constructor(results: ReadonlyArray<RecordMetadata | KafkaClientError>, failed: readonly number[]) {
    const first = results[failed[0]] as KafkaClientError;
    const k = first instanceof KafkaError ? first : undefined;
    super(`${failed.length} of ${results.length} messages failed; first, messages[${failed[0]}]: ${first.message}`, {
      errno: k?.errno ?? -1,
      kafkaName: k?.kafkaName ?? first.code,
      retriable: failed.every((i) => (results[i] as KafkaClientError).retriable),
      fatal: k?.fatal ?? false,
      txnRequiresAbort: k?.txnRequiresAbort ?? false,
      cause: first,
    });
    this.results = results;
    this.failed = failed;
  }
}

// Message-level errors where sending the same message again may succeed.
const RETRIABLE = new Set([
  '_MSG_TIMED_OUT',
  '_QUEUE_FULL',
  '_TIMED_OUT',
  '_TRANSPORT',
  '_ALL_BROKERS_DOWN',
  '_PURGE_QUEUE',
  '_PURGE_INFLIGHT',
  '_NODE_UPDATE',
  '_WAIT_COORD',
  'REQUEST_TIMED_OUT',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NETWORK_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PART',
  'KAFKA_STORAGE_ERROR',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
  'CONCURRENT_TRANSACTIONS',
  'THROTTLING_QUOTA_EXCEEDED',
]);

const names = new Map<number, string>();

/** librdkafka's name of an error code (cached). */
export function errorName(errno: number): string {
  let n = names.get(errno);
  if (n === undefined) {
    n = native().errorInfo(errno).name;
    names.set(errno, n);
  }
  return n;
}

/** True when retrying a message that failed with `errno` may succeed. */
export function isRetriableCode(errno: number): boolean {
  return RETRIABLE.has(errorName(errno));
}

/**
 * The error of one failed delivery (or refused enqueue).
 *
 * @param status - `rd_kafka_msg_status_t`, or `undefined` for an enqueue failure.
 */
export function deliveryError(errno: number, topic: string, partition: number, status: number | undefined, fatal = false): KafkaError {
  const where = partition >= 0 ? `${topic} [${partition}]` : topic;
  const persisted =
    status === undefined
      ? 'not enqueued'
      : status === STATUS_NOT_PERSISTED
        ? 'not persisted'
        : status === STATUS_POSSIBLY_PERSISTED
          ? 'possibly persisted'
          : 'persisted';
  return kafkaErrorFromCode(errno, `delivery to ${where} failed (${persisted})`, {
    produce: true,
    retriable: isRetriableCode(errno),
    fatal: fatal || errorName(errno) === '_FATAL',
  });
}

/** A native error (thrown or rejected by the addon) in our hierarchy. */
export function fromNative(err: unknown, context: string): KafkaClientError {
  if (err instanceof KafkaClientError) return err;
  const e = err as {
    code?: string;
    errno?: number;
    message?: string;
    retriable?: boolean;
    fatal?: boolean;
    txnRequiresAbort?: boolean;
    issues?: { path: string; message: string }[];
  };
  switch (e?.code) {
    case 'ERR_KAFKA':
      return kafkaErrorFromCode(e.errno ?? -1, context, {
        retriable: e.retriable ?? false,
        fatal: e.fatal ?? false,
        txnRequiresAbort: e.txnRequiresAbort ?? false,
        cause: err,
      });
    case 'ERR_STATE':
      return new StateError(`${context}: ${e.message}`, { cause: err });
    case 'ERR_CONFIG': {
      const issues: ConfigIssue[] = (e.issues ?? [{ path: '', message: e.message ?? String(err) }]).map((i) => ({
        path: i.path,
        message: i.message,
        severity: 'error',
      }));
      return new ConfigError(issues, { cause: err });
    }
    case 'ERR_INVALID_ARGUMENT':
      return new KafkaClientError('ERR_INVALID_ARGUMENT', `${context}: ${e.message}`, { cause: err });
    default:
      return new KafkaClientError(e?.code ?? 'ERR_NATIVE', `${context}: ${e?.message ?? String(err)}`, { cause: err });
  }
}
