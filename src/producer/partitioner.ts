/**
 * librdkafka's partitioners as plain functions, to predict where a key goes.
 *
 * @packageDocumentation
 */
import { invalidArgument } from './encode';
import { nativeProducerClass } from './native';

/** The partitioners librdkafka knows by name (the `partitioner` property). */
export type PartitionerName = 'random' | 'consistent' | 'consistent_random' | 'murmur2' | 'murmur2_random' | 'fnv1a' | 'fnv1a_random';

const NAMES = new Set<string>(['random', 'consistent', 'consistent_random', 'murmur2', 'murmur2_random', 'fnv1a', 'fnv1a_random']);

/**
 * The partition librdkafka's partitioner `name` picks for `key` among
 * `partitionCount` partitions — the same code the producer runs.
 *
 * @remarks `murmur2_random` (Java's and KafkaJS's default placement) and
 * `murmur2` agree with the Java client for every non-null key.
 * @returns the partition, or `-1` when the choice is random (a null key with a `*_random` partitioner, or `random`).
 * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT` for an unknown partitioner, a bad key or count.
 */
export function partitionFor(name: PartitionerName, key: Buffer | Uint8Array | string | null, partitionCount: number): number {
  if (!NAMES.has(name)) throw invalidArgument('name', `unknown partitioner ${JSON.stringify(name)} (one of ${[...NAMES].join(', ')})`);
  if (!Number.isInteger(partitionCount) || partitionCount < 1) throw invalidArgument('partitionCount', `must be an integer >= 1, got ${JSON.stringify(partitionCount)}`);
  if (key !== null && typeof key !== 'string' && !(key instanceof Uint8Array)) throw invalidArgument('key', 'must be a Buffer, Uint8Array, string or null');
  return nativeProducerClass().partition(name, key, partitionCount);
}
