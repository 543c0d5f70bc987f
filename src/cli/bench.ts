/**
 * `simple-kafka bench [suite]`: runs the benchmark scripts of a source checkout
 * (`npm run bench`, `bench:consumer`, `bench:registry`, `bench:serde`), which
 * write their figures into BENCHMARKS.md. An installed package has no `bench/`
 * folder; the command then says how to get one.
 *
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Command } from 'commander';

/** The suites and the npm script each runs. */
export const BENCH_SUITES: Readonly<Record<string, { script: string; what: string }>> = {
  producer: { script: 'bench', what: 'producer throughput: ours vs node-rdkafka, KafkaJS, platformatic, C (embedded cluster)' },
  consumer: { script: 'bench:consumer', what: 'consumer throughput: ours vs node-rdkafka, KafkaJS, platformatic, Python, C' },
  registry: { script: 'bench:registry', what: 'registry server: id lookups and registrations per second' },
  serde: { script: 'bench:serde', what: 'Avro serializer/deserializer: ours vs raw avsc vs @kafkajs/confluent-schema-registry' },
};

/** The package root (where package.json is), from dist/cli or src/cli. */
function packageRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Registers `bench` on the program. */
export function registerBench(program: Command, exit: (code: number) => void): void {
  program
    .command('bench')
    .description('run a benchmark suite of the source checkout (npm run bench...); figures go to BENCHMARKS.md')
    .argument('[suite]', `one of ${Object.keys(BENCH_SUITES).join(', ')}`, 'producer')
    .option('--list', 'list the suites and the command each runs, run nothing')
    .action(async function (this: Command, suite: string, flags: { list?: boolean }) {
      const root = packageRoot();
      if (flags.list) {
        for (const [name, s] of Object.entries(BENCH_SUITES)) process.stdout.write(`${name.padEnd(9)} npm run ${s.script.padEnd(15)} ${s.what}\n`);
        exit(0);
        return;
      }
      const chosen = BENCH_SUITES[suite];
      if (!chosen) this.error(`error: unknown suite '${suite}' (expected ${Object.keys(BENCH_SUITES).join(', ')})`, { exitCode: 2 });
      if (!fs.existsSync(path.join(root, 'bench', 'run.ts'))) {
        process.stderr.write(
          `simple-kafka: the benchmarks live in the source repository, not in the installed package: clone it, run npm ci, then npm run ${chosen.script} (${chosen.what})\n`,
        );
        exit(1);
        return;
      }
      process.stderr.write(`simple-kafka: running npm run ${chosen.script} in ${root}\n`);
      const code = await new Promise<number>((resolve) => {
        const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', chosen.script], { cwd: root, stdio: 'inherit' });
        child.on('error', (err) => {
          process.stderr.write(`simple-kafka: cannot run npm: ${err.message}\n`);
          resolve(1);
        });
        child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
      });
      exit(code);
    });
}
