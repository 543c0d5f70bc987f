/**
 * librdkafka's partitioners (the code the producer runs) against KafkaJS's
 * Java-compatible DefaultPartitioner.
 */
import { randomBytes } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { partitionFor } from '../../../src/producer';

function kafkajsPartitions(keys: Array<string | Buffer>, partitions: number): number[] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, id) => ({ partitionId: id, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  return keys.map((key) => partitioner({ topic: 't', partitionMetadata, message: { key, value: null } }));
}

describe('murmur2_random', () => {
  const stringKeys = Array.from({ length: 10_000 }, (_, i) => `key-${i}-${(i * 2654435761) % 1000003}`);

  test.each([1, 3, 7, 12, 64, 100])('10 000 string keys over %i partitions land where KafkaJS puts them', (partitions) => {
    const ours = stringKeys.map((k) => partitionFor('murmur2_random', k, partitions));
    expect(ours).toEqual(kafkajsPartitions(stringKeys, partitions));
  });

  test('10 000 random binary keys (including empty and multi-byte UTF-8) agree too', () => {
    const keys: Array<string | Buffer> = Array.from({ length: 9_997 }, (_, i) => randomBytes(1 + (i % 40)));
    keys.push(Buffer.alloc(0), 'clé-ünïcödé-鍵', '🔑');
    const ours = keys.map((k) => partitionFor('murmur2_random', k, 16));
    expect(ours).toEqual(kafkajsPartitions(keys, 16));
  });

  test('murmur2 agrees as well; a null key is random (-1) for *_random', () => {
    expect(stringKeys.slice(0, 1000).map((k) => partitionFor('murmur2', k, 9))).toEqual(kafkajsPartitions(stringKeys.slice(0, 1000), 9));
    expect(partitionFor('murmur2_random', null, 9)).toBe(-1);
    expect(partitionFor('random', 'k', 9)).toBe(-1);
  });

  test('consistent (CRC32) and fnv1a are deterministic and in range', () => {
    for (const name of ['consistent', 'consistent_random', 'fnv1a', 'fnv1a_random'] as const) {
      const a = stringKeys.slice(0, 200).map((k) => partitionFor(name, k, 5));
      expect(a).toEqual(stringKeys.slice(0, 200).map((k) => partitionFor(name, k, 5)));
      expect(a.every((p) => p >= 0 && p < 5)).toBe(true);
      expect(new Set(a).size).toBe(5);
    }
  });

  test('bad arguments name the parameter', () => {
    expect(() => partitionFor('java' as never, 'k', 3)).toThrow(/^name: unknown partitioner "java"/);
    expect(() => partitionFor('murmur2', 'k', 0)).toThrow(/^partitionCount: must be an integer >= 1/);
    expect(() => partitionFor('murmur2', 5 as never, 3)).toThrow(/^key: must be a Buffer/);
  });
});
