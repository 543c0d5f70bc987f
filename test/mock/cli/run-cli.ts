/** Runs the built command line (`dist/cli/main.js`) as a child process, as a user would. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The built CLI; `npm run build` makes it (`npm test` builds first). */
export const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli', 'main.js');

/** What a CLI run printed and how it exited. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Extra environment variables (the rest is inherited, minus SK_ connection settings). */
  env?: Record<string, string>;
  /** Kill the child after this many ms (default 60 000). */
  timeoutMs?: number;
}

/** Runs `simple-kafka ...args` without blocking the event loop (the test process may host a cluster or registry). */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SK_BOOTSTRAP_SERVERS;
  delete env.SK_CONFIG;
  delete env.SK_REGISTRY_URL;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** Parses JSON Lines output. */
export function jsonLines<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
