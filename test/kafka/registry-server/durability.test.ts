/**
 * Durability: a registry in a child process is killed with SIGKILL while
 * registrations are in flight. After a restart on the same topic every
 * registration it had acknowledged is there, under the same id and version;
 * nothing acknowledged is lost. Snapshots run often (snapshotEvery: 15), so
 * the kill also lands around snapshot writes and tombstones.
 */
import { body, call } from '../../unit/registry-server/helpers';
import { describeKafka, uniqueName } from '../cluster';
import { deleteTopics } from '../rdkafka';
import { evolution, kafkaLog, spawnRegistry, type ChildRegistry } from './helpers';

interface Ack {
  subject: string;
  schema: Record<string, unknown>;
  id: number;
}

describeKafka('registry durability (kill -9)', (cluster) => {
  const topic = uniqueName('_schemas-kill-');
  const children: ChildRegistry[] = [];
  afterAll(async () => {
    await Promise.all(children.map((c) => c.kill9()));
    await deleteTopics(cluster, [topic]);
  });

  test('every acknowledged registration survives a SIGKILL with the same id and version', async () => {
    const options = { kafka: kafkaLog(cluster, topic), snapshotEvery: 15 };
    const first = await spawnRegistry(options);
    children.push(first);

    const acks: Ack[] = [];
    const SUBJECTS = 20;
    const KILL_AFTER = 120;
    let next = 0;
    let killed = false;
    // 8 writers keep requests in flight until the kill.
    const writer = async (): Promise<void> => {
      while (!killed) {
        const n = next++;
        const subject = `durable-${n % SUBJECTS}`;
        const schema = evolution(subject, Math.floor(n / SUBJECTS));
        try {
          const reply = await call(first.url, 'POST', `/subjects/${subject}/versions`, body(schema));
          if (reply.status === 200) acks.push({ subject, schema, id: (reply.body as { id: number }).id });
          else throw new Error(`unexpected ${reply.status} ${reply.text}`);
        } catch (err) {
          if (!killed) throw err;
        }
        if (acks.length >= KILL_AFTER && !killed) {
          killed = true;
          await first.kill9();
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await spawnRegistry(options);
    children.push(second);
    for (const ack of acks) {
      const found = await call(second.url, 'POST', `/subjects/${ack.subject}`, body(ack.schema));
      expect({ subject: ack.subject, status: found.status, id: (found.body as { id?: number }).id }).toEqual({ subject: ack.subject, status: 200, id: ack.id });
      const byId = await call(second.url, 'GET', `/schemas/ids/${ack.id}`);
      expect(byId.status).toBe(200);
      expect(JSON.parse((byId.body as { schema: string }).schema)).toEqual(JSON.parse((found.body as { schema: string }).schema));
    }
    // Ids are one per schema, and the restarted registry goes on from there.
    expect(new Set(acks.map((a) => a.id)).size).toBe(acks.length);
    const after = await call(second.url, 'POST', '/subjects/after-restart/versions', body(evolution('after-restart', 0)));
    expect(after.status).toBe(200);
    expect((after.body as { id: number }).id).toBeGreaterThan(Math.max(...acks.map((a) => a.id)));
    expect(await second.stop()).toBe(0);
  }, 240_000);
});
