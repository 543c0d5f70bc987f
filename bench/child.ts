/**
 * Runs one benchmark peer as a child process and takes the JSON object it
 * prints as its last stdout line. Shared by the producer and consumer runs.
 */
import { spawn } from 'node:child_process';

/** Resolves with the child's last stdout line parsed as JSON; rejects with its exit code and last stderr lines. */
export function runJsonChild<T>(cwd: string, cmd: string, args: string[], timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as T);
      else reject(new Error(`exit ${code}: ${(err.trim().split('\n').slice(-3).join(' | ') || out.trim()).slice(0, 300)}`));
    });
  });
}
