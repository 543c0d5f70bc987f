/**
 * The consumer facade: {@link Consumer} and its types.
 *
 * @packageDocumentation
 */
export { Consumer } from './consumer';
export type { ConsumerEvents, ConsumerOptions } from './consumer';
export type { ConsumerEngineKind } from './engine';
export { OFFSET_BEGINNING, OFFSET_END, OFFSET_STORED, OFFSET_INVALID } from './types';
export type {
  Batch,
  CommitOptions,
  ConsumerConfig,
  FetchOptions,
  ConsumerLogRecord,
  Message,
  MessageHeader,
  MessageTimestamp,
  PartitionEof,
  RebalanceEvent,
  RebalanceHooks,
  RunOptions,
  TimestampType,
  TopicPartition,
  TopicPartitionOffset,
} from './types';
