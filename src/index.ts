/**
 * simple-kafka: a typed, Promise-based Kafka client for Node.js over librdkafka.
 *
 * This is the only public entry point; nothing else is part of the API.
 *
 * @packageDocumentation
 */
export {
  KafkaClientError,
  ConfigError,
  KafkaError,
  ProduceError,
  ConsumeError,
  AuthenticationError,
  AuthorizationError,
  QueueFullError,
  SerializationError,
  DeserializationError,
  SchemaRegistryError,
  TimeoutError,
  StateError,
} from './errors';
export type { ConfigIssue, ConfigIssueSeverity, ErrorOptions, KafkaErrorOptions, SerdeErrorDetails } from './errors';

export { librdkafkaVersion, librdkafkaFeatures } from './native';

export { MockCluster, ApiKeys } from './testing/mock-cluster';
export type { ApiKey, InjectedError, MockClusterOptions } from './testing/mock-cluster';
