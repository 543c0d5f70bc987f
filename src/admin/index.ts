/**
 * The admin facade: {@link AdminClient} and its types.
 *
 * @packageDocumentation
 */
export { AdminClient } from './admin';
export type {
  AdminCallOptions,
  AdminConfig,
  BrokerDescription,
  ClusterDescription,
  ListOffsetsRequest,
  ListOffsetsResult,
  NewPartitions,
  NewTopic,
  OffsetSpec,
  PartitionDescription,
  TopicDescription,
  TopicResult,
} from './types';
