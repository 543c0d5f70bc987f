/**
 * The registry server: a Confluent-compatible Schema Registry whose state is a
 * compacted Kafka topic. See `docs/registry-server.md`.
 *
 * @packageDocumentation
 */
export { startRegistryServer, runRegistryServe } from './server';
export type { RegistryServer, RegistryServerOptions, RegistryServeOptions, RegistryTlsOptions } from './server';
export { createRegistryHandler, CONTENT_TYPE, DEFAULT_MAX_BODY_BYTES } from './http';
export type { BasicAuthOptions, RegistryHandlerOptions } from './http';
export { RegistryStore, commandKey } from './store';
export type { RegistryStoreOptions } from './store';
export { RegistryState, DEFAULT_COMPATIBILITY, DEFAULT_MODE } from './state';
export type { RegistrySnapshot, StoredSchema, SubjectVersion, CompatibilityVerdict } from './state';
export { MemorySchemaTopic, MemorySchemaLog } from './log';
export type { SchemaLog, SchemaLogRecord, MemorySchemaTopicOptions } from './log';
export { KafkaSchemaLog, DEFAULT_SCHEMAS_TOPIC } from './kafka-log';
export type { KafkaSchemaLogOptions } from './kafka-log';
export { canonicalAvro } from './schemas';
export { SCHEMA_TYPES, REGISTRY_MODES } from './types';
export type { SchemaType, SchemaReference, RegistryMode, RegistryCommand, CommandResult, CompatibilityConfig, RegistryErrorBody } from './types';
