#!/usr/bin/env node
/**
 * Leak and crash check of the native consumer (native/consumer.cc) under valgrind:
 *
 *   valgrind --leak-check=full --errors-for-leak-kinds=definite --suppressions=/dev/null \
 *     node --expose-gc scripts/native/consumer-leakcheck.js [rounds]
 *
 * or against an AddressSanitizer build of the addon (binding.gyp with -fsanitize=address in
 * cflags_cc and ldflags, built elsewhere):
 *
 *   SK_ADDON=/path/to/asan/simple_kafka.node LD_PRELOAD=$(gcc -print-file-name=libasan.so) \
 *     ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 node scripts/native/consumer-leakcheck.js 10
 *
 * Against the embedded MockCluster: produce numbered messages with headers, then `rounds` times:
 * subscribe (or assign), consume batches, store / commit (sync and async), query committed and
 * watermarks, seek, pause/resume, and close while a consume is in flight; finally one consumer
 * that is never closed (destroyed at exit by the environment teardown). Exits non-zero when a
 * message is missing or wrong.
 */
'use strict';
const path = require('node:path');
const { Buffer } = require('node:buffer');
const { setTimeout } = require('node:timers');

const root = path.resolve(__dirname, '..', '..');
require(path.join(root, 'node_modules', 'node-rdkafka'));
// SK_ADDON: another build of the addon (e.g. one compiled with -fsanitize=address).
const addon = require(process.env.SK_ADDON ?? path.join(root, 'build', 'Release', 'simple_kafka.node'));

const rounds = Number(process.argv[2] ?? 10);
const TOTAL = 200;

function consume(c, count, ms, fill) {
  return new Promise((resolve, reject) => c.consume(count, ms, fill, (err, b) => (err ? reject(err) : resolve(b))));
}

async function produce(bootstrap, topic) {
  const Kafka = require(path.join(root, 'node_modules', 'node-rdkafka'));
  const p = new Kafka.Producer({ 'bootstrap.servers': bootstrap, dr_cb: true });
  await new Promise((r, j) => p.connect({}, (e) => (e ? j(e) : r())));
  let done = 0;
  const all = new Promise((r) => p.on('delivery-report', () => ++done === TOTAL && r()));
  p.setPollInterval(10);
  for (let i = 0; i < TOTAL; i++) p.produce(topic, i % 2, Buffer.from(`v${i}`), `k${i}`, Date.now(), undefined, [{ h: Buffer.from(`h${i}`) }]);
  await all;
  await new Promise((r) => p.disconnect(r));
}

async function main() {
  const cluster = new addon.MockCluster();
  await cluster.start(1);
  const bootstrap = cluster.bootstraps();
  const topic = 'leak-t';
  cluster.createTopic(topic, 2, 1);
  await produce(bootstrap, topic);
  for (let round = 0; round < rounds; round++) {
    const c = new addon.Consumer({ 'bootstrap.servers': bootstrap, 'group.id': `leak-g-${round}`, 'auto.offset.reset': 'earliest', 'enable.auto.commit': 'false', 'enable.auto.offset.store': 'false' });
    await c.connect(10000);
    if (round % 2 === 0) c.subscribe([topic]);
    else c.assign([{ topic, partition: 0, offset: -2 }, { topic, partition: 1, offset: -2 }]);
    let seen = 0;
    for (let i = 0; i < 100 && seen < TOTAL; i++) {
      const b = await consume(c, 64, 500, i % 2 === 0);
      for (const r of b.rebalances ?? []) {
        if (r.code === -175) c.assign(r.partitions);
        else c.assign(null);
      }
      let pos = 0;
      let h = 0;
      for (let m = 0; m < b.count; m++) {
        const kl = b.meta[m * 9 + 5];
        const vl = b.meta[m * 9 + 6];
        const key = b.data.subarray(pos, pos + kl).toString();
        pos += kl;
        const value = b.data.subarray(pos, pos + vl).toString();
        pos += vl;
        let header = '';
        for (let k = 0; k < b.meta[m * 9 + 8]; k++, h++) {
          header = b.data.subarray(pos, pos + b.headerLengths[h]).toString();
          pos += b.headerLengths[h];
        }
        if (key.slice(1) !== value.slice(1) || header.slice(1) !== value.slice(1)) throw new Error(`round ${round}: key ${key} value ${value} header ${header}`);
        seen++;
      }
      if (b.count > 0) {
        const last = { topic: b.topics[b.meta[(b.count - 1) * 9]], partition: b.meta[(b.count - 1) * 9 + 1], offset: b.meta[(b.count - 1) * 9 + 2] + 1 };
        if (round % 2 === 0) c.storeOffsets([last]);
        c.commit([last]);
        await c.commitSync([last]);
      }
      c.events(1000);
    }
    await c.committed([{ topic, partition: 0 }, { topic, partition: 1 }], 5000);
    await c.queryWatermarkOffsets(topic, 0, 5000);
    c.position([{ topic, partition: 0 }]);
    c.pause([{ topic, partition: 0 }]);
    c.resume([{ topic, partition: 0 }]);
    c.groupMetadata();
    // close with a consume in flight: wake it, wait for it, close.
    const inflight = consume(c, 1000, 30000, true);
    c.wake();
    await inflight;
    await c.close();
    if (seen < TOTAL / 2) throw new Error(`round ${round}: only ${seen} messages`);
    process.stderr.write(`round ${round}: ${seen} messages\n`);
  }
  // Never closed: the environment teardown destroys it.
  const orphan = new addon.Consumer({ 'bootstrap.servers': bootstrap, 'group.id': 'leak-orphan', 'auto.offset.reset': 'earliest' });
  orphan.subscribe([topic]);
  void consume(orphan, 10, 5000, true);
  await new Promise((r) => setTimeout(r, 500));
  await cluster.stop();
  if (global.gc) global.gc();
  process.stderr.write('ok\n');
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
