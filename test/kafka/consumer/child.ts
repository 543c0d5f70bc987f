/**
 * A consumer in its own process, for tests that kill it with SIGKILL.
 *
 * Usage: node -r ./ts-register.js child.ts <json options>
 * Options: { bootstrap, topic, group, log, stallAfter?, sessionTimeoutMs?, strategy?, batchSize? }
 *
 * It runs `run({eachBatch})` with `enable.auto.offset.store=false` and auto-commit every 100 ms:
 * each handled message is appended to `log` (one `partition offset value` line, written with
 * a synchronous write before the handler resolves), then its offset is stored by run(). On
 * stdout it prints `assigned <partitions>` on each assignment and `handled <count>` after each
 * batch. With `stallAfter`, once that many messages were handled the handler never resolves
 * again (so a test can kill the process mid-stream).
 */
import * as fs from 'fs';

import { Consumer } from '../../../src/consumer';

interface Options {
  bootstrap: string;
  topic: string;
  group: string;
  log: string;
  stallAfter?: number;
  sessionTimeoutMs?: number;
  strategy?: string;
  batchSize?: number;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]) as Options;
  const fd = fs.openSync(o.log, 'a');
  const consumer = new Consumer({
    'bootstrap.servers': o.bootstrap,
    'group.id': o.group,
    'auto.offset.reset': 'earliest',
    'enable.auto.commit': true,
    'auto.commit.interval.ms': 100,
    'enable.auto.offset.store': false,
    'session.timeout.ms': o.sessionTimeoutMs ?? 6000,
    'heartbeat.interval.ms': 500,
    ...(o.strategy ? { 'partition.assignment.strategy': o.strategy } : {}),
  });
  let handled = 0;
  await consumer.subscribe([o.topic], {
    onAssign: (ps) => {
      process.stdout.write(`assigned ${ps.map((p) => p.partition).join(',')}\n`);
    },
  });
  process.on('SIGTERM', () => void consumer.close().then(() => process.exit(0)));
  await consumer.run({
    batchSize: o.batchSize ?? 500,
    eachBatch: async (batch) => {
      if (o.stallAfter !== undefined && handled >= o.stallAfter) await new Promise(() => undefined);
      const lines = batch.messages.map((m) => `${m.partition} ${m.offset} ${m.value?.toString()}\n`).join('');
      fs.writeSync(fd, lines);
      handled += batch.messages.length;
      process.stdout.write(`handled ${handled}\n`);
    },
  });
}

main().catch((err) => {
  process.stderr.write(`child failed: ${(err as Error)?.stack ?? err}\n`);
  process.exit(1);
});
