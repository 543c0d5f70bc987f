/**
 * `simple-kafka produce TOPIC`: one message per line of stdin (or `--file`).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';

import { Command, InvalidArgumentError, Option } from 'commander';

import { addConnectionOptions, ConnectionWatch, printWarnings, resolveConnection, type ConnectionFlags } from './connection';

/** Flags of `simple-kafka produce`. */
export interface ProduceFlags extends ConnectionFlags {
  keySeparator?: string;
  header: string[];
  acks: string;
  partition?: number;
  file: string;
  json?: boolean;
}

function headerArg(value: string, previous: string[]): string[] {
  if (value.indexOf('=') <= 0) throw new InvalidArgumentError('expected key=value');
  return [...previous, value];
}

function partitionArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be an integer >= 0');
  return Number(value);
}

/** Lines sent per `sendBatch` call. */
const CHUNK = 2000;

/**
 * Reads lines, sends them, prints a summary (text on stderr, or JSON on stdout with `--json`).
 *
 * @returns the exit code: 0 when every line was acknowledged, 1 otherwise.
 * @throws {@link ConfigError} for bad connection settings; a line without the key separator
 *   rejects naming its line number (lines before it are sent and acknowledged first).
 */
export async function runProduce(topic: string, flags: ProduceFlags): Promise<number> {
  const { config, warnings } = await resolveConnection(flags, 'producer', { acks: flags.acks, 'linger.ms': 5 });
  printWarnings(warnings);
  const headers = flags.header.map((h) => {
    const eq = h.indexOf('=');
    return [h.slice(0, eq), h.slice(eq + 1)] as const;
  });
  const { Producer, SendBatchError } = await import('../producer');
  const watch = new ConnectionWatch(config);
  const producer = new Producer({ ...config, logger: watch.logger, error_cb: watch.errorCb });
  const input = flags.file === '-' ? process.stdin : fs.createReadStream(flags.file);
  const partitions = new Map<number, { first: number; last: number; count: number }>();
  let produced = 0;
  let failed = 0;
  let firstError: string | undefined;
  let badLine: string | undefined;
  const send = async (chunk: Array<{ key: string | null; value: string }>): Promise<void> => {
    const records = chunk.map((r) => ({ topic, key: r.key, value: r.value, partition: flags.partition, headers: headers.length > 0 ? headers : undefined }));
    let results: ReadonlyArray<unknown>;
    try {
      results = await producer.sendBatch(records);
    } catch (err) {
      if (!(err instanceof SendBatchError)) throw err;
      results = err.results;
    }
    for (const r of results) {
      if (r instanceof Error) {
        failed++;
        firstError ??= r.message;
        continue;
      }
      const m = r as { partition: number; offset: number };
      produced++;
      const p = partitions.get(m.partition);
      if (p) {
        p.first = Math.min(p.first, m.offset);
        p.last = Math.max(p.last, m.offset);
        p.count++;
      } else partitions.set(m.partition, { first: m.offset, last: m.offset, count: 1 });
    }
  };
  try {
    await watch.run(() => producer.connect());
    const rl = readline.createInterface({ input, crlfDelay: Infinity });
    let chunk: Array<{ key: string | null; value: string }> = [];
    let lineNo = 0;
    for await (const line of rl) {
      lineNo++;
      let key: string | null = null;
      let value = line;
      if (flags.keySeparator !== undefined) {
        const at = line.indexOf(flags.keySeparator);
        if (at < 0) {
          badLine = `line ${lineNo} has no key separator ${JSON.stringify(flags.keySeparator)}: expected KEY${flags.keySeparator}VALUE`;
          rl.close();
          break;
        }
        key = line.slice(0, at);
        value = line.slice(at + flags.keySeparator.length);
      }
      chunk.push({ key, value });
      if (chunk.length >= CHUNK) {
        await watch.run(() => send(chunk));
        chunk = [];
      }
    }
    if (chunk.length > 0) await watch.run(() => send(chunk));
  } finally {
    // After a diagnosed connection failure nothing was sent: do not wait for librdkafka's retries.
    if (watch.failed) setTimeout(() => void producer.close().catch(() => undefined), 0).unref();
    else await producer.close();
    if (input !== process.stdin) (input as fs.ReadStream).destroy();
  }
  const summary = {
    topic,
    produced,
    failed,
    partitions: Object.fromEntries([...partitions].sort((a, b) => a[0] - b[0]).map(([p, v]) => [String(p), v])),
    ...(firstError ? { error: firstError } : {}),
    ...(badLine ? { stoppedAt: badLine } : {}),
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stderr.write(`produced ${produced} message${produced === 1 ? '' : 's'} to ${topic}${failed ? `, ${failed} failed (first: ${firstError})` : ''}\n`);
  if (badLine) process.stderr.write(`simple-kafka: ${badLine}\n`);
  return failed > 0 || badLine ? 1 : 0;
}

/** Registers `produce` on the program. */
export function registerProduce(program: Command, exit: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('produce')
      .description('send one message per line of stdin (or --file) to a topic; prints a summary')
      .argument('<topic>', 'the topic')
      .option('-k, --key-separator <sep>', 'split each line at the first <sep> into key and value (e.g. ";" for key;value)')
      .option('-H, --header <key=value>', 'a header on every message (repeatable)', headerArg, [])
      .addOption(new Option('--acks <acks>', 'acknowledgements the broker waits for').choices(['all', '-1', '0', '1']).default('all'))
      .option('-p, --partition <n>', 'send every message to this partition (default: by key)', partitionArg)
      .option('-f, --file <path>', 'read lines from this file instead of stdin ("-")', '-')
      .option('--json', 'print the summary as JSON on stdout'),
  ).action(async (topic: string, flags: ProduceFlags) => exit(await runProduce(topic, flags)));
}
