/**
 * The store over an in-memory log: every instance that reads the same log
 * holds the same state; snapshots plus compaction keep exactly that state;
 * writes answer only once applied.
 */
import { MemorySchemaTopic, RegistryState, RegistryStore, type RegistryCommand } from '../../../src/registry-server';
import { record } from './helpers';

function reg(subject: string, schema: unknown): RegistryCommand {
  return { op: 'register', subject, schema: JSON.stringify(schema), schemaType: 'AVRO', references: [] };
}

/** A schema in an evolution chain every step of which is BACKWARD compatible. */
function evolution(subject: string, step: number): unknown {
  const fields: Record<string, unknown>[] = [{ name: 'id', type: 'long' }];
  for (let i = 0; i < step; i++) fields.push({ name: `f${i}`, type: 'string', default: '' });
  return record(subject.replace(/[^A-Za-z0-9]/g, '_'), fields);
}

async function started(topic: MemorySchemaTopic, options = {}): Promise<RegistryStore> {
  const store = new RegistryStore(topic.log(), options);
  await store.start();
  return store;
}

/** Waits until `store` has applied everything in the topic (no timing assumptions: it polls the offset). */
async function caughtUp(store: RegistryStore, topic: MemorySchemaTopic): Promise<void> {
  const commands = topic.records().filter((r) => r.key.includes('"COMMAND"') && r.value !== null);
  const last = commands.length ? commands[commands.length - 1].offset : -1;
  while (store.appliedThrough < last) await new Promise((r) => setImmediate(r));
}

describe('RegistryState', () => {
  it('is deterministic: the same commands give the same state and answers', () => {
    const commands: RegistryCommand[] = [
      reg('a', evolution('a', 0)),
      reg('b', evolution('b', 0)),
      reg('a', evolution('a', 1)),
      { op: 'setConfig', subject: 'a', config: { compatibilityLevel: 'NONE' } },
      reg('a', record('a', [['id', 'string']])),
      { op: 'deleteVersion', subject: 'a', version: 2, permanent: false },
      reg('c', evolution('a', 1)),
      { op: 'deleteSubject', subject: 'b', permanent: false },
      { op: 'deleteSubject', subject: 'b', permanent: true },
      reg('b', evolution('b', 0)),
    ];
    const one = new RegistryState();
    const two = new RegistryState();
    const answersOne = commands.map((cmd) => one.apply(cmd));
    const answersTwo = commands.map((cmd) => two.apply(cmd));
    expect(answersTwo).toEqual(answersOne);
    expect(two.toSnapshot()).toEqual(one.toSnapshot());
    expect(answersOne.map((r) => (r.ok ? r.value : r.error.errorCode))).toEqual([
      { id: 1, version: 1 },
      { id: 2, version: 1 },
      { id: 3, version: 2 },
      { compatibility: 'NONE' },
      { id: 4, version: 3 },
      2,
      { id: 3, version: 1 },
      [1],
      [1],
      // b's only schema was deleted for good: a new id (ids are never reused), versions restart.
      { id: 5, version: 1 },
    ]);
  });

  it('never reuses an id, even after the schema holding the highest one is deleted for good', () => {
    const s = new RegistryState();
    s.apply(reg('a', evolution('a', 0)));
    s.apply(reg('b', evolution('b', 0)));
    s.apply({ op: 'deleteSubject', subject: 'b', permanent: false });
    s.apply({ op: 'deleteSubject', subject: 'b', permanent: true });
    expect(s.schemaById(2)).toBeUndefined();
    expect(s.apply(reg('c', evolution('c', 0)))).toEqual({ ok: true, value: { id: 3, version: 1 } });
    // And a snapshot keeps that.
    const restored = RegistryState.fromSnapshot(JSON.parse(JSON.stringify(s.toSnapshot())));
    expect(restored.apply(reg('d', evolution('d', 0)))).toEqual({ ok: true, value: { id: 4, version: 1 } });
  });

  it('check() answers like apply() without changing anything', () => {
    const s = new RegistryState();
    const cmd = reg('a', evolution('a', 0));
    expect(s.check(cmd)).toEqual({ result: { ok: true, value: { id: 1, version: 1 } }, writes: true });
    expect(s.subjects()).toEqual([]);
    s.apply(cmd);
    expect(s.check(cmd)).toEqual({ result: { ok: true, value: { id: 1, version: 1 } }, writes: false });
  });
});

describe('RegistryStore over an in-memory log', () => {
  it('answers a write once applied, and a new instance reading the log agrees', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic);
    expect(await a.execute(reg('s', evolution('s', 0)))).toEqual({ ok: true, value: { id: 1, version: 1 } });
    expect(a.state.version('s', 'latest')).toMatchObject({ id: 1, version: 1 });
    const b = await started(topic);
    expect(b.state.toSnapshot()).toEqual(a.state.toSnapshot());
    await a.close();
    await b.close();
  });

  it('two instances writing at once decide the same ids and versions', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic);
    const b = await started(topic);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      const subject = `subject-${i % 10}`;
      const store = i % 3 === 0 ? b : a;
      jobs.push(store.execute(reg(subject, evolution(subject, Math.floor(i / 10)))));
    }
    const answers = await Promise.all(jobs);
    expect(answers.every((r) => (r as { ok: boolean }).ok)).toBe(true);
    await caughtUp(a, topic);
    await caughtUp(b, topic);
    expect(b.state.toSnapshot()).toEqual(a.state.toSnapshot());
    const ids = new Map<string, number>();
    for (const s of a.state.subjects()) {
      for (const v of a.state.versions(s)) {
        const text = a.state.schemaById(v.id)?.schema as string;
        expect(ids.get(text) ?? v.id).toBe(v.id); // one id per schema
        ids.set(text, v.id);
      }
      expect(a.state.versions(s).map((v) => v.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    }
    expect(new Set(ids.values()).size).toBe(200);
    await a.close();
    await b.close();
  });

  it('snapshots + compaction keep exactly the state: same answers after a restart', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic, { snapshotEvery: 7 });
    for (let i = 0; i < 40; i++) {
      const subject = `s${i % 4}`;
      const r = await a.execute(reg(subject, evolution(subject, Math.floor(i / 4))));
      expect(r.ok).toBe(true);
    }
    await a.execute({ op: 'setConfig', subject: 's1', config: { compatibilityLevel: 'FULL' } });
    await a.execute({ op: 'deleteVersion', subject: 's2', version: 3, permanent: false });
    await a.execute({ op: 'deleteSubject', subject: 's3', permanent: false });
    await a.execute({ op: 'setMode', subject: 's0', mode: 'READONLY', force: false });
    await a.snapshot();
    expect(a.snapshotsWritten).toBeGreaterThan(1);
    const before = a.state.toSnapshot();
    const sizeBefore = topic.records().length;
    await a.close();

    topic.compact();
    // Compaction dropped every command the snapshot covers and every older snapshot.
    expect(topic.records().length).toBeLessThan(sizeBefore / 4);
    expect(topic.records().filter((r) => r.key.includes('"COMMAND"'))).toEqual([]);
    expect(topic.records().filter((r) => r.key.includes('"SNAPSHOT"'))).toHaveLength(1);

    const b = await started(topic);
    expect(b.state.toSnapshot()).toEqual(before);
    // The next id continues where it was.
    expect(await b.execute(reg('new', evolution('new', 0)))).toEqual({ ok: true, value: { id: 41, version: 1 } });
    await b.close();
  });

  it('a restart after compaction with commands past the last snapshot replays them on top', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic, { snapshotEvery: 5 });
    for (let i = 0; i < 13; i++) await a.execute(reg('s', evolution('s', i)));
    // Commands after the last snapshot remain as commands.
    const before = a.state.toSnapshot();
    await a.close();
    topic.compact();
    expect(topic.records().filter((r) => r.key.includes('"COMMAND"')).length).toBeGreaterThan(0);
    const b = await started(topic);
    expect(b.state.toSnapshot()).toEqual(before);
    await b.close();
  });

  it('an incomplete snapshot (writer died between chunks) is skipped for an older complete one', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic, { snapshotEvery: 0, snapshotChunkChars: 64 });
    for (let i = 0; i < 5; i++) await a.execute(reg('s', evolution('s', i)));
    await a.snapshot();
    await a.execute(reg('t', evolution('t', 0)));
    const before = a.state.toSnapshot();
    await a.close();
    // A dead writer's chunks without their meta record.
    topic.append(JSON.stringify({ keytype: 'SNAPSHOT_CHUNK', writer: 'dead', epoch: 'e', index: 0 }), '{"format":1');
    topic.compact();
    const b = await started(topic);
    expect(b.state.toSnapshot()).toEqual(before);
    await b.close();
  });

  it('ignores records it does not know (other keytypes, unreadable JSON)', async () => {
    const topic = new MemorySchemaTopic();
    topic.append('{"keytype":"NOOP","magic":0}', null);
    topic.append('not json', 'x');
    topic.append(JSON.stringify({ keytype: 'COMMAND', id: 'x' }), 'garbage');
    const warnings: string[] = [];
    const a = await started(topic, { onWarning: (m: string) => warnings.push(m) });
    expect(await a.execute(reg('s', evolution('s', 0)))).toEqual({ ok: true, value: { id: 1, version: 1 } });
    expect(warnings.join('\n')).toContain('unreadable command');
    await a.close();
  });

  it('answers 50001 when the log refuses a write, and nothing changes', async () => {
    const topic = new MemorySchemaTopic();
    const a = await started(topic);
    topic.failAppends = new Error('broker down');
    expect(await a.execute(reg('s', evolution('s', 0)))).toEqual({ ok: false, error: { status: 500, errorCode: 50001, message: expect.any(String) } });
    expect(a.state.subjects()).toEqual([]);
    topic.failAppends = null;
    expect(await a.execute(reg('s', evolution('s', 0)))).toMatchObject({ ok: true });
    await a.close();
  });

  it('answers 50002 when its record is not applied in time', async () => {
    const topic = new MemorySchemaTopic();
    // A log whose reads stop after start: appends succeed, nothing comes back.
    const inner = topic.log();
    const log = {
      description: 'stalled',
      open: () => inner.open(() => undefined),
      append: (k: string, v: string | null) => inner.append(k, v),
      close: () => inner.close(),
    };
    const a = new RegistryStore(log, { applyTimeoutMs: 50 });
    await a.start();
    expect(await a.execute(reg('s', evolution('s', 0)))).toEqual({ ok: false, error: { status: 500, errorCode: 50002, message: expect.any(String) } });
    await a.close();
  });
});
