/**
 * The producer: {@link Producer}, its types and errors.
 *
 * @packageDocumentation
 */
export { Producer } from './producer';
export { SendBatchError } from './errors';
export { partitionFor } from './partitioner';
export type { PartitionerName } from './partitioner';
export type {
  CloseOptions,
  ConnectOptions,
  DeliveryCallback,
  DeliveryReport,
  GroupMetadata,
  GroupMetadataLike,
  HeaderValue,
  LevelLogger,
  MessageHeaders,
  OAuthBearerResult,
  OAuthBearerToken,
  ProduceOptions,
  ProducerConfig,
  ProducerLogger,
  ProducerLogRecord,
  ProducerOptions,
  ProducerRecord,
  PurgeOptions,
  RawBytes,
  RecordMetadata,
  ThrottleEvent,
  TransactionOffset,
} from './types';
