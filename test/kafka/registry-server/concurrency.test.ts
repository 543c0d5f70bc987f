/**
 * Several instances, one truth: two registries on the same topic, 500
 * registrations over 50 subjects sent to either at random, many in flight.
 * Every request is answered; both end with identical subjects, versions and
 * ids; no id names two different schemas.
 */
import { startRegistryServer, type RegistryServer } from '../../../src/registry-server';
import { body, call } from '../../unit/registry-server/helpers';
import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';
import { evolution, kafkaLog } from './helpers';

describeKafka('two registry instances on one topic', (cluster) => {
  const topic = uniqueName('_schemas-two-');
  const servers: RegistryServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await deleteTopics(cluster, [topic]);
  });

  test('500 registrations over 50 subjects, sent to both at random → identical ids and versions', async () => {
    const a = await startRegistryServer({ port: 0, kafka: kafkaLog(cluster, topic) });
    servers.push(a);
    const b = await startRegistryServer({ port: 0, kafka: kafkaLog(cluster, topic) });
    servers.push(b);

    // Deterministic "random": a fixed LCG, so a failure can be replayed.
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const jobs = Array.from({ length: 500 }, (_, i) => ({ subject: `conc-${i % 50}`, step: Math.floor(i / 50) }));
    for (let i = jobs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
    }
    const answers: { subject: string; step: number; status: number; id?: number; via: string }[] = [];
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < jobs.length) {
        const job = jobs[cursor++];
        const server = random() < 0.5 ? a : b;
        const reply = await call(server.url, 'POST', `/subjects/${job.subject}/versions`, body(evolution(job.subject, job.step)));
        answers.push({ ...job, status: reply.status, id: (reply.body as { id?: number }).id, via: server.url });
      }
    };
    await Promise.all(Array.from({ length: 24 }, worker));

    expect(answers).toHaveLength(500);
    expect(answers.filter((r) => r.status !== 200)).toEqual([]);
    // Each distinct schema got one id, and distinct schemas distinct ids.
    const idOf = new Map(answers.map((r) => [`${r.subject}/${r.step}`, r.id]));
    expect(new Set(idOf.values()).size).toBe(500);

    // Both instances converge on the same state (each has applied the other's writes).
    const until = Date.now() + 60_000;
    while (a.store.appliedThrough !== b.store.appliedThrough && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    for (const subject of Array.from({ length: 50 }, (_, i) => `conc-${i}`)) {
      const [va, vb] = await Promise.all([call(a.url, 'GET', `/subjects/${subject}/versions`), call(b.url, 'GET', `/subjects/${subject}/versions`)]);
      expect(va.body).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect(vb.body).toEqual(va.body);
      for (let v = 1; v <= 10; v++) {
        const [ra, rb] = await Promise.all([call(a.url, 'GET', `/subjects/${subject}/versions/${v}`), call(b.url, 'GET', `/subjects/${subject}/versions/${v}`)]);
        expect(rb.body).toEqual(ra.body);
        // The id the writer was told is the id both serve for that schema.
        const step = (JSON.parse((ra.body as { schema: string }).schema).fields.length as number) - 1;
        expect((ra.body as { id: number }).id).toBe(idOf.get(`${subject}/${step}`));
      }
    }
    expect(b.store.state.toSnapshot()).toEqual(a.store.state.toSnapshot());
  }, 240_000);
});
