/**
 * Helpers of the kafka-tier consumer tests: topics, test data, child consumer processes.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import type { KafkaCluster } from '../cluster';
import { createTopic, deleteTopics } from '../rdkafka';

export { produce, numbered } from '../../mock/consumer/helpers';

/** Topics created by a test file, deleted in afterAll. */
export class Topics {
  readonly #cluster: KafkaCluster;
  readonly #names: string[] = [];

  constructor(cluster: KafkaCluster) {
    this.#cluster = cluster;
  }

  /** Creates a topic (RF 3) with a name unique to this run. */
  async create(prefix: string, partitions: number): Promise<string> {
    const name = `${prefix}${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    this.#names.push(name);
    await createTopic(this.#cluster, name, partitions, 3);
    return name;
  }

  async deleteAll(): Promise<void> {
    if (this.#names.length > 0) await deleteTopics(this.#cluster, this.#names.splice(0));
  }
}

/** A consumer child process (see child.ts) and what it printed. */
export interface Child {
  process: ChildProcess;
  /** Every partition list it printed as `assigned …`. */
  assigned: number[][];
  /** The last `handled N`. */
  handled(): number;
  /** Resolves when a line matching `pred` is printed. */
  waitFor(pred: (line: string) => boolean, timeoutMs: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Starts child.ts with `options`. */
export function startChild(options: Record<string, unknown>): Child {
  const dir = __dirname;
  const proc = spawn(process.execPath, ['-r', path.join(dir, 'ts-register.js'), path.join(dir, 'child.ts'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pred: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let handled = 0;
  const assigned: number[][] = [];
  let buf = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      if (line.startsWith('handled ')) handled = Number(line.slice(8));
      if (line.startsWith('assigned ')) assigned.push(line.slice(9).split(',').filter(Boolean).map(Number));
      for (const w of waiters.splice(0)) {
        if (w.pred(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    process: proc,
    assigned,
    handled: () => handled,
    waitFor: (pred, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const hit = lines.find(pred);
        if (hit !== undefined) return resolve(hit);
        const timer = setTimeout(() => reject(new Error(`child: no matching line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        waiters.push({
          pred,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`child exited (${code}) before a matching line; stderr: ${stderr.slice(-2000)}`));
        });
      }),
    exited,
  };
}

/** Parses a child's log file: `partition offset value` lines. */
export function readLog(file: string): { partition: number; offset: number; value: string }[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [p, o, v] = l.split(' ');
      return { partition: Number(p), offset: Number(o), value: v };
    });
}
