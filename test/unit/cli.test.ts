import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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
    for (const args of [['--help'], ['dev', '--help'], ['version', '--help'], ['config', 'check', '--help'], ['registry', 'serve', '--help']]) {
      const result = run(...args);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Usage: simple-kafka/);
    }
  });

  it('checks a configuration file and names every key at fault', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-'));
    const bad = path.join(dir, 'bad.properties');
    fs.writeFileSync(bad, 'bootstrap.servers=localhost:9092\nsecurity.protocol=PLAINTEXT\nssl.key.location=/nonexistent/key.pem\nacks=maybe\n');
    const result = run('config', 'check', bad);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('acks must be an integer, got "maybe"');
    expect(result.stdout).toContain('ssl.key.location is set but security.protocol is PLAINTEXT');
    const good = path.join(dir, 'good.properties');
    fs.writeFileSync(good, 'bootstrap.servers=localhost:9092\ngroup.id=orders\n');
    const ok = run('config', 'check', '--role', 'consumer', '--json', good);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, errors: 0, role: 'consumer' });
    fs.rmSync(dir, { recursive: true, force: true });
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
