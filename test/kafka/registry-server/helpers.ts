/**
 * Kafka-tier helpers for the registry server: Kafka log options per listener,
 * and a registry in a child process that a test can kill -9.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import type { KafkaSchemaLogOptions, RegistryServerOptions } from '../../../src/registry-server';
import type { KafkaCluster } from '../cluster';
import { clientConfig, type Access } from '../rdkafka';

/** Kafka log options for `topic` through `access` (PLAINTEXT by default). */
export function kafkaLog(cluster: KafkaCluster, topic: string, access: Access = { listener: 'plaintext' }): KafkaSchemaLogOptions {
  return { config: clientConfig(cluster, access) as Record<string, unknown>, topic, timeoutMs: 20_000 };
}

/** A registry running in a child process. */
export interface ChildRegistry {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the child wrote on stderr. */
  stderr: () => string;
  /** SIGKILL, and wait for the exit. */
  kill9: () => Promise<void>;
  /** SIGTERM (graceful), and wait for the exit; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

const CHILD = path.join(__dirname, '..', '..', 'fixtures', 'registry-server', 'serve-child.js');

/** Start `serve-child.js` with `options`; resolves when it prints its URL (rejects, killing it, after `timeoutMs`). */
export function spawnRegistry(options: RegistryServerOptions, timeoutMs = 90_000): Promise<ChildRegistry> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<ChildRegistry>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`registry child not ready in ${timeoutMs} ms; stderr:\n${err}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry child exited (${code}) before it was ready; stderr:\n${err}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      const { url, pid } = JSON.parse(line) as { url: string; pid: number };
      resolve({
        url,
        pid,
        child,
        stderr: () => err,
        kill9: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

/** An Avro record for `subject` at evolution `step`: fields f0…f{step-1} with defaults, so every step is compatible with every other. */
export function evolution(subject: string, step: number): Record<string, unknown> {
  const fields: Record<string, unknown>[] = [{ name: 'id', type: 'long' }];
  for (let i = 0; i < step; i++) fields.push({ name: `f${i}`, type: 'string', default: '' });
  return { type: 'record', name: `R_${subject.replace(/[^A-Za-z0-9]/g, '_')}`, namespace: 'test', fields };
}
