#!/usr/bin/env node
/**
 * Leak and crash check of the native producer (native/producer.cc) under valgrind:
 *
 *   valgrind --leak-check=full --errors-for-leak-kinds=definite --suppressions=/dev/null \
 *     node --expose-gc scripts/native/producer-leakcheck.js [rounds]
 *
 * or against an AddressSanitizer build of the addon (binding.gyp with -fsanitize=address in
 * cflags_cc and ldflags, built elsewhere):
 *
 *   SK_ADDON=/path/to/asan/simple_kafka.node LD_PRELOAD=$(gcc -print-file-name=libasan.so) \
 *     ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 node scripts/native/producer-leakcheck.js 10
 *
 * Against the embedded MockCluster, `rounds` times: a producer sends keyed and keyless batches
 * (Buffers and strings, with and without headers and timestamps, explicit partitions, an unknown
 * partition), as arrays, packed (producePacked) and one at a time (produceOne), so that the sticky path, the partitioner
 * path and produceva all run, while the
 * topic's partition refresh runs; reads the metadata; flushes; closes right after a send (while a
 * partition refresh may still run); finally one producer with messages in flight that is never
 * closed (destroyed at exit by the environment teardown). Exits non-zero when a delivery report
 * is missing or failed unexpectedly.
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
const STRIDE = 7; // [tag, index, errorCode, partition, offset, timestamp, status]
const ERR_UNKNOWN_PARTITION = -190;

function producer(bootstrap, extra = {}) {
  const reports = new Map(); // tag -> error codes by index
  const p = new addon.Producer(
    { 'bootstrap.servers': bootstrap, 'linger.ms': '2', 'sticky.partitioning.linger.ms': '3', ...extra },
    (r) => {
      for (let o = 0; o < r.length; o += STRIDE) {
        const list = reports.get(r[o]) ?? [];
        list[r[o + 1]] = r[o + 2];
        reports.set(r[o], list);
      }
    },
    () => undefined,
    { log: false, stats: false, oauth: false, throttle: false },
  );
  return { p, reports };
}

async function waitFor(check, ms) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for delivery reports');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function main() {
  const cluster = new addon.MockCluster();
  await cluster.start(1);
  const bootstrap = cluster.bootstraps();
  const topic = 'leak-p';
  cluster.createTopic(topic, 4, 1);
  for (let round = 0; round < rounds; round++) {
    const { p, reports } = producer(bootstrap);
    let tag = 1;
    let expected = 0;
    const sent = new Map(); // tag -> count
    const send = (values, keys, partitions, timestamps, headers) => {
      const t = tag++;
      const r = p.produceBatch(topic, t, values, keys, partitions, timestamps, headers);
      const ok = typeof r === 'number' ? r : r.filter((c) => c === 0).length;
      if (typeof r !== 'number' && r.some((c) => c !== 0 && c !== ERR_UNKNOWN_PARTITION)) throw new Error(`round ${round}: produce errors ${r}`);
      if (ok > 0) sent.set(t, ok);
      expected += ok;
    };
    const sendPacked = (values, keys, partitions, timestamps) => {
      const parts = [];
      const lens = new Int32Array(2 * values.length);
      values.forEach((v, i) => {
        for (const [j, x] of [[2 * i, v], [2 * i + 1, keys === null ? null : keys[i]]]) {
          if (x === null) {
            lens[j] = -1;
          } else {
            const b = Buffer.from(x);
            parts.push(b);
            lens[j] = b.length;
          }
        }
      });
      const t = tag++;
      const r = p.producePacked(topic, t, Buffer.concat(parts), lens, values.length, partitions, timestamps);
      if (typeof r !== 'number') throw new Error(`round ${round}: packed produce errors ${r}`);
      sent.set(t, r);
      expected += r;
    };
    for (let b = 0; b < 20; b++) {
      const n = 50 + b * 10;
      const values = Array.from({ length: n }, (_, i) => (i % 2 ? Buffer.from(`v${b}-${i}`) : `s${b}-${i}`));
      send(values, null, null, null, null); // keyless: sticky
      send(values, values.map((v, i) => (i % 3 === 0 ? null : `k${i}`)), null, null, null); // mixed keys
      send(values, null, new Int32Array(n).map((_, i) => i % 4), null, null); // explicit partitions
      send(values.slice(0, 5), null, null, Float64Array.from({ length: 5 }, () => Date.now()), values.slice(0, 5).map((v) => ['h', v])); // produceva
      // The packed form: values and keys back to back in one buffer.
      sendPacked(values, null, null, null); // keyless: sticky
      sendPacked(values, values.map((v, i) => (i % 3 === 0 ? null : `k${i}`)), null, null);
      sendPacked(values, null, new Int32Array(n).map((_, i) => i % 4), Float64Array.from({ length: n }, () => Date.now()));
      await new Promise((r) => setTimeout(r, 4));
    }
    // Python-style produce(): one message per call, indexes of one tag given in order.
    {
      const t = tag++;
      let count = 0;
      for (let i = 0; i < 200; i++) {
        const ok =
          i % 50 === 0
            ? p.produceBatch(topic, t, [`pb${i}`], [`k${i}`], -1, Float64Array.of(Date.now()), [['h', 'v']], i) === 1
            : p.produceOne(i % 4 ? p.topicId(topic) : topic, t, i, i % 3 ? Buffer.from(`po${i}`) : `po${i}`, i % 2 ? `k${i}` : null, -1) === 0;
        if (!ok) throw new Error(`round ${round}: message ${i} of the produce() run refused`);
        count++;
      }
      sent.set(t, count);
      expected += count;
    }
    // Refused before anything is enqueued: a length past the end of the data.
    let refused = false;
    try {
      p.producePacked(topic, tag++, Buffer.from('ab'), new Int32Array([1, -1, 5, -1]), 2, null, null);
    } catch {
      refused = true;
    }
    if (!refused) throw new Error(`round ${round}: a bad packed length was accepted`);
    send([Buffer.from('nowhere')], null, 99, null, null); // unknown partition: refused at once
    const md = await p.metadata(5000, topic);
    if (md.topics[0].partitions !== 4) throw new Error(`round ${round}: metadata ${JSON.stringify(md.topics)}`);
    await p.flush(10000);
    await waitFor(() => [...reports.values()].reduce((a, l) => a + l.filter((c) => c !== undefined).length, 0) >= expected, 10000);
    for (const [t, count] of sent) {
      const codes = reports.get(t) ?? [];
      if (codes.filter((c) => c === 0).length !== count) throw new Error(`round ${round}: batch ${t}: ${codes.length} reports for ${count}`);
    }
    // Close right after a send to a fresh producer: the partition refresh may still run.
    const q = producer(bootstrap);
    q.p.produceBatch(topic, 1, ['a', 'b'], null, null, null, null);
    await q.p.close();
    await p.close();
    process.stderr.write(`round ${round}: ${expected} messages\n`);
  }
  // Never closed, messages in flight: the environment teardown destroys it.
  const orphan = producer(bootstrap).p;
  orphan.produceBatch(topic, 1, Array.from({ length: 1000 }, (_, i) => `o${i}`), null, null, null, null);
  await new Promise((r) => setTimeout(r, 100));
  await cluster.stop();
  if (global.gc) global.gc();
  process.stderr.write('ok\n');
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
