/**
 * Helpers for the consumer tests: an embedded cluster and a plain node-rdkafka producer for test
 * data (the project's Producer is tested on its own).
 */
import type { Producer as RdProducer } from 'node-rdkafka';

import { native, nodeRdkafka, type NativeMockCluster } from '../../../src/native';

/** One test message to produce. */
export interface TestRecord {
  value: string | Buffer | null;
  key?: string | Buffer | null;
  partition?: number;
  headers?: Array<Record<string, string | Buffer>>;
  timestamp?: number;
}

let seq = 0;

/** A topic/group name unique to this process and call. */
export function unique(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

/** Starts an embedded cluster of `brokers` brokers. */
export async function startMock(brokers = 1): Promise<{ cluster: NativeMockCluster; bootstrap: string }> {
  const cluster = new (native().MockCluster)();
  await cluster.start(brokers);
  return { cluster, bootstrap: cluster.bootstraps() };
}

/** Produces `records` (acks=all, in order per partition) and waits until all are delivered. */
export async function produce(bootstrap: string, topic: string, records: TestRecord[], extra: Record<string, unknown> = {}): Promise<void> {
  const Kafka = nodeRdkafka();
  const producer: RdProducer = new Kafka.Producer({ 'bootstrap.servers': bootstrap, dr_cb: true, 'linger.ms': 5, acks: -1, ...extra } as never);
  await new Promise<void>((resolve, reject) => producer.connect({}, (err) => (err ? reject(err) : resolve())));
  let delivered = 0;
  let failed: Error | undefined;
  const done = new Promise<void>((resolve) => {
    producer.on('delivery-report', (err) => {
      if (err) failed ??= err as unknown as Error;
      delivered += 1;
      if (delivered === records.length) resolve();
    });
  });
  producer.setPollInterval(10);
  for (const r of records) {
    const value = r.value === null ? null : Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    for (;;) {
      try {
        producer.produce(topic, r.partition ?? null, value, r.key ?? null, r.timestamp ?? null, undefined, r.headers as never);
        break;
      } catch {
        await new Promise((res) => setTimeout(res, 5));
      }
    }
  }
  if (records.length > 0) await done;
  await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  if (failed) throw failed;
}

/** `count` numbered records `prefix0…`, spread round-robin over `partitions` partitions. */
export function numbered(count: number, partitions: number, prefix = 'm'): TestRecord[] {
  return Array.from({ length: count }, (_, i) => ({ key: `k${i}`, value: `${prefix}${i}`, partition: i % partitions }));
}
