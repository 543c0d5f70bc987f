#!/usr/bin/env node
/**
 * Leak and crash check of the native Admin API handle (native/admin.cc) under valgrind, against
 * the real cluster (`npm run kafka:up`; bootstrap from .kafka-run/cluster.env or $SK_BOOTSTRAP):
 *
 *   valgrind --leak-check=full --show-leak-kinds=definite,indirect,possible \
 *     node scripts/native/admin-leakcheck.js [rounds] [noworker]
 *
 * `rounds` times, every native call with per-resource successes and failures (deleteTopics and
 * validate-only createPartitions of a missing topic, describeCluster,
 * listGroups with and without a state filter, describeGroups, deleteGroups, describeConfigs,
 * validate-only incrementalAlterConfigs and createTopics, describeTopics, listOffsets,
 * alterGroupOffsets, listGroupOffsets, createAcls, describeAcls, deleteAcls, and an argument
 * the addon refuses); then close() with requests in flight (they settle first), a handle never
 * closed (destroyed by the environment cleanup hook at exit) and, unless `noworker`, a worker
 * thread terminated with requests in flight. Exits non-zero when an answer is missing or wrong.
 *
 * Expected: no definitely/indirectly lost bytes, except 8 bytes per request left unanswered by
 * the terminated worker (N-API's reference of a promise it no longer lets anyone settle).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const root = path.resolve(__dirname, '..', '..');
require(path.join(root, 'node_modules', 'node-rdkafka'));
const ADDON = path.join(root, 'build', 'Release', 'simple_kafka.node');
const { Admin } = require(ADDON);

function bootstrap() {
  if (process.env.SK_BOOTSTRAP) return process.env.SK_BOOTSTRAP;
  const env = fs.readFileSync(path.join(root, '.kafka-run', 'cluster.env'), 'utf8');
  const m = /^SK_KAFKA_PLAINTEXT_BOOTSTRAP=(.*)$/m.exec(env);
  if (!m) throw new Error('no SK_KAFKA_PLAINTEXT_BOOTSTRAP in .kafka-run/cluster.env');
  return m[1].trim();
}

const conf = { 'bootstrap.servers': bootstrap() };
const rounds = Number(process.argv[2] ?? 20);
const withWorker = process.argv[3] !== 'noworker';
const T = 20000;
const topic = `leakcheck-admin-${process.pid}`;
// librdkafka enums: resource TOPIC 2 / BROKER 4, pattern LITERAL 3, operation ANY 1 / READ 3, permission ANY 1 / ALLOW 3.
const acl = { resourceType: 2, name: topic, patternType: 3, principal: 'User:leakcheck', host: '*', operation: 3, permissionType: 3 };
const filter = { ...acl, operation: 1, permissionType: 1 };

function check(ok, what) {
  if (!ok) {
    console.error(`admin-leakcheck: ${what}`);
    process.exit(1);
  }
}

(async () => {
  const a = new Admin(conf, () => {}, { oauth: false });
  for (let i = 0; i < rounds; i++) {
    const group = `leakcheck-g-${process.pid}-${i}`;
    const [gone, grown] = await Promise.all([a.deleteTopics(['leakcheck-none'], T), a.createPartitions([{ topic: 'leakcheck-none', count: 2 }], true, T)]);
    check(gone.topics[0].error !== null && grown.topics[0].error !== null, 'deleteTopics / createPartitions of a missing topic succeeded');
    const [cluster, all, stable, groups, deleted, configs, altered, created, topics, offsets] = await Promise.all([
      a.describeCluster(true, T),
      a.listGroups(null, T),
      a.listGroups([3, 5], T),
      a.describeGroups([group, 'leakcheck-other'], true, T),
      a.deleteGroups([group], T),
      a.describeConfigs([{ type: 4, name: '1' }, { type: 2, name: '__consumer_offsets' }, { type: 2, name: 'leakcheck-none' }], T),
      a.incrementalAlterConfigs([{ type: 2, name: 'leakcheck-none', ops: [{ name: 'retention.ms', op: 0, value: '1000' }, { name: 'cleanup.policy', op: 1, value: null }] }], true, T),
      a.createTopics([{ topic, numPartitions: 1, replicationFactor: 3, config: ['retention.ms', '1000'] }, { topic: `${topic}-rf`, numPartitions: 1, replicationFactor: 5, config: [] }], true, T),
      a.describeTopics(['__consumer_offsets', 'leakcheck-none'], true, T),
      a.listOffsets([{ topic: '__consumer_offsets', partition: 0, offset: -1 }, { topic: '__consumer_offsets', partition: 1, offset: -2 }, { topic: '__consumer_offsets', partition: 2, offset: Date.now() - 1000 }, { topic: 'leakcheck-none', partition: 0, offset: -3 }], 0, T),
    ]);
    check(cluster.error === null && cluster.nodes.length > 0, `describeCluster: ${JSON.stringify(cluster.error)}`);
    check(all.error === null && stable.error === null, 'listGroups failed');
    check(groups.groups.length === 2 && deleted.groups.length === 1, 'describeGroups / deleteGroups: a group is missing');
    check(configs.resources.length === 3 && configs.resources[0].configs.length > 0 && configs.resources[2].error !== null, 'describeConfigs: wrong per-resource results');
    check(altered.resources.length === 1 && created.topics.length === 2 && created.topics[1].error !== null, 'validate-only calls: wrong per-resource results');
    check(topics.topics.length === 2 && topics.topics[1].error !== null && offsets.results.length === 4, 'describeTopics / listOffsets: wrong results');
    const commit = await a.alterGroupOffsets(group, [{ topic: '__consumer_offsets', partition: 0, offset: 1 }], T);
    check(commit.error === null && commit.groups[0].partitions.length === 1, 'alterGroupOffsets failed');
    const [mine, some] = await Promise.all([
      a.listGroupOffsets(group, null, false, T),
      a.listGroupOffsets(group, [{ topic: '__consumer_offsets', partition: 0 }, { topic: '__consumer_offsets', partition: 1 }], true, T),
    ]);
    check(mine.groups[0].partitions.some((p) => p.offset === 1) && some.groups[0].partitions.length === 2, 'listGroupOffsets: commit not found');
    await a.deleteGroups([group], T);
    check((await a.createAcls([acl], T)).results[0].error === null, 'createAcls failed');
    await a.describeAcls(filter, T);
    check((await a.deleteAcls([filter], T)).responses.length === 1, 'deleteAcls failed');
    try {
      a.createTopics([{ topic: 'leakcheck-bad', numPartitions: -5, replicationFactor: 1 }], true, 1000);
      check(false, 'the addon accepted -5 partitions');
    } catch (err) {
      check(err.code === 'ERR_INVALID_ARGUMENT', `unexpected error ${err.code}`);
    }
  }

  // close() with requests in flight: they settle with their answers first.
  const b = new Admin(conf, () => {}, { oauth: false });
  const inflight = [b.describeCluster(false, T), b.listGroups(null, T), b.describeConfigs([{ type: 4, name: '2' }], T)];
  const closing = b.close();
  const settled = await Promise.allSettled(inflight);
  await closing;
  await b.close();
  check(settled.every((s) => s.status === 'fulfilled' && s.value.error === null), 'a request in flight at close() did not get its answer');
  await a.close();

  // Left open: destroyed by the environment cleanup hook at exit.
  const c = new Admin(conf, () => {}, { oauth: false });
  await c.describeCluster(false, T);

  let workerInFlight = 0;
  if (withWorker) {
    // node-rdkafka is not context-aware: the worker loads only our addon (librdkafka is loaded).
    const w = new Worker(
      `const { Admin } = require(${JSON.stringify(ADDON)});
       const a = new Admin(${JSON.stringify(conf)}, () => {}, { oauth: false });
       for (let i = 0; i < 5; i++) a.listGroups(null, 20000);
       require('node:worker_threads').parentPort.postMessage(a.inFlight());`,
      { eval: true },
    );
    workerInFlight = await new Promise((resolve) => w.on('message', resolve));
    await w.terminate();
  }
  console.log(JSON.stringify({ rounds, closeWithRequestsInFlight: settled.map((s) => s.status), workerInFlight }));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
