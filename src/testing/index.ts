/**
 * `simple-kafka/testing`: what tests need, without the rest of the client.
 *
 * @packageDocumentation
 */
export { MockCluster, ApiKeys } from './mock-cluster';
export type { ApiKey, InjectedError, MockClusterOptions } from './mock-cluster';
export { MockSchemaRegistry } from '../registry/mock';
