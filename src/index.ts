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

export { SerializationContext, MessageField } from './serde/context';
export type { SerdeHeaders, SerdeHeaderValue, MessagePosition } from './serde/context';
export type { Serializer, Deserializer, SerializeFn, DeserializeFn, SerializerLike, DeserializerLike, MaybePromise } from './serde/types';
export {
  StringSerializer,
  StringDeserializer,
  IntegerSerializer,
  IntegerDeserializer,
  DoubleSerializer,
  DoubleDeserializer,
  JsonSerializer,
  JsonDeserializer,
} from './serde/primitives';
export type { JsonSerializerOptions, JsonDeserializerOptions } from './serde/primitives';
export { topicNameStrategy, recordNameStrategy, topicRecordNameStrategy } from './serde/strategies';
export type { SubjectNameStrategy, SubjectNameStrategyLike } from './serde/strategies';
export { AvroSerializer, AvroDeserializer } from './serde/avro';
export type { AvroSerializerOptions, AvroDeserializerOptions, AvroSerializerConfig, AvroDeserializerConfig, AvroSchemaSource } from './serde/avro';
export { DEFAULT_LOGICAL_TYPES } from './serde/avro-types';
export type { LogicalTypeConstructor } from './serde/avro-types';
export { encodeFrame, decodeFrame, MAGIC_BYTE, FRAME_HEADER_SIZE } from './serde/wire';
export { MAGIC_BYTE_V1, GUID_FRAME_HEADER_SIZE, KEY_SCHEMA_ID_HEADER, VALUE_SCHEMA_ID_HEADER, parseSchemaIdPrefix } from './serde/wire';
export type { SchemaId, SchemaIdParseResult } from './serde/wire';
export { prefixSchemaIdSerializer, headerSchemaIdSerializer, dualSchemaIdDeserializer, prefixSchemaIdDeserializer } from './serde/schema-id';
export type { SchemaIdSerializer, SchemaIdDeserializer } from './serde/schema-id';

export { SchemaRegistryClient } from './registry/client';
export type { SchemaRegistryClientConfig } from './registry/client';
export { MockSchemaRegistry } from './registry/mock';
export { checkCompatibility, CompatibilityLevel, COMPATIBILITY_LEVELS } from './registry/compatibility';
export type {
  CompatibilityResult,
  CompatibilityIssue,
  CompatibilityDirection,
  IncompatibilityKind,
  CheckCompatibilityOptions,
  AvroSchemaInput,
} from './registry/compatibility';
export { RegistryMode } from './registry/types';
export type { Schema, SchemaReference, RegisteredSchema, SchemaType, CompatibilityCheckResult } from './registry/types';

export { Producer, SendBatchError, partitionFor } from './producer';
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
  PartitionerName,
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
} from './producer';

export { Consumer, OFFSET_BEGINNING, OFFSET_END, OFFSET_STORED, OFFSET_INVALID } from './consumer';
export type {
  Batch,
  CommitOptions,
  ConsumerConfig,
  ConsumerEngineKind,
  ConsumerEvents,
  ConsumerLogRecord,
  ConsumerOptions,
  FetchOptions,
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
} from './consumer';
export { AdminClient } from './admin';
export type {
  AclBinding,
  AclBindingFilter,
  AclOperation,
  AclPatternType,
  AclPermissionType,
  AclResourceType,
  AclResult,
  AdminCallOptions,
  AdminConfig,
  AlterConfigOpType,
  AlterConfigsOptions,
  BrokerDescription,
  ClusterDescription,
  ConfigAlteration,
  ConfigChange,
  ConfigEntry,
  ConfigResource,
  ConfigResourceDescription,
  ConfigResourceResult,
  ConfigResourceType,
  ConfigSource,
  ConsumerGroupState,
  ConsumerGroupType,
  CreateTopicsOptions,
  DeleteAclsResult,
  DescribeClusterOptions,
  DescribeGroupsOptions,
  DescribeTopicsOptions,
  GroupDescription,
  GroupListing,
  GroupMember,
  GroupResult,
  ListGroupsOptions,
  ListGroupsResult,
  ListOffsetsOptions,
  ListOffsetsRequest,
  ListOffsetsResult,
  NewPartitions,
  NewTopic,
  NodeDescription,
  OffsetSpec,
  PartitionDescription,
  TopicDescription,
  TopicResult,
} from './admin';

export { validateConfig, assertValidConfig, formatIssues, librdkafkaBuiltinFeatures, CONFIG_RULES } from './config/validate';
export { loadProperties, parseProperties, formatProperties } from './config/properties-file';
export { parseJaasConfig, jaasToLibrdkafka, type JaasConfig } from './config/jaas';
export { checkConfigFile, type CheckConfigFileOptions, type CheckConfigFileResult } from './config/check';
export { diagnoseConnectionFailure, connectionError, type ConnectionDiagnosis, type ConnectionProblem } from './config/diagnose';
export type { ClientRole, ConfigInput, KafkaConfig, CallbackProperties, SerdeProperties, ValidateOptions, ValidationResult } from './config/types';
export type { LibrdkafkaProperties, ConfigPropertySpec } from './config/generated';
export type { ConfigRule, RuleOptions } from './config/rules/rule';
export {
  securityProtocolRule,
  saslMechanismRule,
  saslCredentialsRule,
  jaasConfigRule,
  plainInClearRule,
  sslWithoutTlsRule,
  certificateKeyPairRule,
  sslFilesRule,
  certificateValidityRule,
  oauthbearerRule,
  gssapiRule,
  SECURITY_PROTOCOLS,
  SASL_MECHANISMS,
} from './config/rules/security';
export { idempotenceRule, transactionalIdRule, producerTimeoutsRule } from './config/rules/delivery';
export { requiredKeysRule, librdkafkaFeaturesRule, consumerGroupRule, clientLimitsRule } from './config/rules/client';

export {
  startRegistryServer,
  runRegistryServe,
  RegistryStore,
  RegistryState,
  MemorySchemaTopic,
  MemorySchemaLog,
  KafkaSchemaLog,
  createRegistryHandler,
  DEFAULT_SCHEMAS_TOPIC,
} from './registry-server';
export type {
  RegistryServer,
  RegistryServerOptions,
  RegistryServeOptions,
  RegistryTlsOptions,
  BasicAuthOptions,
  SchemaLog,
  SchemaLogRecord,
  KafkaSchemaLogOptions,
  RegistryStoreOptions,
  RegistrySnapshot,
} from './registry-server';
