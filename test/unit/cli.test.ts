import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli', 'main.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 15000 });

describe('simple-kafka command line', () => {
  it('prints versions and librdkafka features as JSON', () => {
    const result = run('version', '--json');
    expect(result.status).toBe(0);
    const info = JSON.parse(result.stdout) as { simpleKafka: string; librdkafka: string; features: string[] };
    expect(info.librdkafka).toMatch(/^2\.\d+\.\d+$/);
    expect(info.features).toEqual(expect.arrayContaining(['zstd', 'sasl_scram', 'sasl_gssapi', 'sasl_oauthbearer', 'ssl']));
  });

  it('has --help on every command', () => {
    for (const args of [['--help'], ['dev', '--help'], ['version', '--help']]) {
      const result = run(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: simple-kafka/);
    }
  });

  it('rejects bad arguments with one clear line and exit code 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['dev', '--brokers', 'x'], /--brokers must be an integer from 1 to 64/],
      [['dev', '--topic', 'bad name'], /expected NAME or NAME:PARTITIONS/],
      [['nope'], /unknown command 'nope'/],
    ];
    for (const [args, message] of cases) {
      const result = run(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
