/**
 * The command line without a broker: help on every command, usage errors as one line with exit
 * code 2, configuration errors one line per issue, offline schema checks with their reasons.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { parseStart } from '../../../src/cli/consume';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli', 'main.js');
const env = { ...process.env };
delete env.SK_BOOTSTRAP_SERVERS;
delete env.SK_CONFIG;
delete env.SK_REGISTRY_URL;
const run = (args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000, env: { ...env, ...extraEnv } });

const COMMANDS: string[][] = [
  ['produce'],
  ['consume'],
  ['topics'],
  ['topics', 'list'],
  ['topics', 'create'],
  ['topics', 'describe'],
  ['topics', 'delete'],
  ['groups'],
  ['groups', 'list'],
  ['groups', 'describe'],
  ['groups', 'lag'],
  ['schema'],
  ['schema', 'register'],
  ['schema', 'get'],
  ['schema', 'check'],
  ['schema', 'compat'],
  ['bench'],
];

describe('simple-kafka commands: usage', () => {
  it.each(COMMANDS.map((c) => c.join(' ')))('%s has --help', (name) => {
    const cmd = name.split(' ');
    const r = run([...cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: simple-kafka ${cmd.join(' ')}`));
  });

  it('the connection options are on every command that talks to Kafka', () => {
    for (const cmd of [['produce'], ['consume'], ['topics', 'list'], ['topics', 'create'], ['topics', 'describe'], ['topics', 'delete'], ['groups', 'list'], ['groups', 'describe'], ['groups', 'lag']]) {
      const help = run([...cmd, '--help']).stdout;
      expect(help).toContain('--bootstrap <servers>');
      expect(help).toContain('--config <file>');
      expect(help).toContain('$SK_BOOTSTRAP_SERVERS');
    }
  });

  it.each<[string[], RegExp]>([
    [['consume', 't', '--from', 'yesterday'], /argument 'yesterday' is invalid\. expected earliest, latest, offset:N, timestamp:MS or timestamp:ISO-8601/],
    [['consume', 't', '--limit', '0'], /--limit <n>' argument '0' is invalid\. must be an integer >= 1/],
    [['consume', 't', '--format', 'xml'], /Allowed choices are text, json/],
    [['produce', 't', '--acks', '2'], /Allowed choices are all, -1, 0, 1/],
    [['produce', 't', '-H', 'novalue'], /-H, --header <key=value>' argument 'novalue' is invalid\. expected key=value/],
    [['produce'], /missing required argument 'topic'/],
    [['topics', 'create', 't', '--partitions', 'many'], /--partitions must be an integer >= 1/],
    [['topics', 'list', '-X', 'justakey'], /expected key=value/],
    [['schema', 'compat', 'a.avsc', '--level', 'SIDEWAYS'], /Allowed choices are BACKWARD/],
    [['schema', 'get'], /give a subject or --id/],
    [['bench', 'everything'], /unknown suite 'everything'/],
    [['topics', 'frobnicate'], /unknown command 'frobnicate'/],
  ])('%j: one error line, a usage hint, exit code 2', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines.slice(1)).toEqual(['(add --help for usage)']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('no bootstrap servers anywhere: one line saying where they can come from, exit 1', () => {
    const r = run(['topics', 'list']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'simple-kafka: ERR_CONFIG: invalid configuration (1 issue):',
      '  bootstrap.servers: no Kafka bootstrap servers: pass --bootstrap host:port, set $SK_BOOTSTRAP_SERVERS, or put bootstrap.servers in --config / $SK_CONFIG',
    ]);
  });

  it('bad settings from --config, $SK_CONFIG and -X: every issue, one line each, before connecting', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-conf-'));
    try {
      const props = path.join(dir, 'client.properties');
      fs.writeFileSync(props, 'bootstrap.servers=localhost:9092\nsecurity.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.username=u\nsasl.password=hunter2-secret\nbatch.num.messages=0\n');
      for (const r of [run(['produce', 't', '--config', props, '-X', 'acks=maybe']), run(['produce', 't', '-X', 'acks=maybe'], { SK_CONFIG: props })]) {
        expect(r.status).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines[0]).toBe('simple-kafka: ERR_CONFIG: invalid configuration (2 issues):');
        expect(lines.slice(1).sort()).toEqual([expect.stringMatching(/^ {2}acks: acks must be an integer, got "maybe"/), expect.stringMatching(/^ {2}batch\.num\.messages: batch\.num\.messages is 0 outside the allowed range/)]);
        expect(r.stderr).not.toContain('hunter2-secret');
      }
      const missing = run(['topics', 'list', '--config', path.join(dir, 'nope.properties')]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('nope.properties does not exist');
      // --verbose adds the stack.
      const verbose = run(['topics', 'list', '--verbose']);
      expect(verbose.status).toBe(1);
      expect(verbose.stderr).toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bench --list names each suite and its npm script', () => {
    const r = run(['bench', '--list']);
    expect(r.status).toBe(0);
    for (const s of ['producer', 'consumer', 'registry', 'serde']) expect(r.stdout).toMatch(new RegExp(`^${s}\\s+npm run bench`, 'm'));
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of r.stdout.matchAll(/npm run (\S+)/g)) expect(pkg.scripts[script[1]]).toBeDefined();
  });
});

describe('--from', () => {
  it.each<[string, unknown]>([
    ['earliest', { kind: 'earliest' }],
    ['latest', { kind: 'latest' }],
    ['offset:42', { kind: 'offset', offset: 42 }],
    ['timestamp:1717200000000', { kind: 'timestamp', ms: 1717200000000 }],
    ['timestamp:2024-06-01T00:00:00Z', { kind: 'timestamp', ms: Date.UTC(2024, 5, 1) }],
  ])('%s', (spec, expected) => expect(parseStart(spec)).toEqual(expected));

  it.each(['offset:-1', 'offset:', 'timestamp:soon', 'first'])('rejects %s', (spec) => expect(() => parseStart(spec)).toThrow(/expected earliest, latest/));
});

describe('simple-kafka schema, offline', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-cli-avsc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, s: unknown): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof s === 'string' ? s : JSON.stringify(s));
    return p;
  };
  const v1 = file('v1.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }] });
  const v2 = file('v2.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'email', type: ['null', 'string'], default: null }] });
  const v3 = file('v3.avsc', { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, { name: 'age', type: 'int' }] });

  it('check: valid files pass; an invalid one is named with the reason, exit 1', () => {
    const ok = run(['schema', 'check', v1, v2]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(`${v1}: valid (User)\n${v2}: valid (User)\n`);
    const broken = file('broken.avsc', { type: 'record', name: 'X', fields: [{ name: 'a', type: 'integer' }] });
    const bad = run(['schema', 'check', v1, broken, '--json']);
    expect(bad.status).toBe(1);
    const results = JSON.parse(bad.stdout) as Array<{ file: string; valid: boolean; reason?: string }>;
    expect(results[0]).toMatchObject({ file: v1, valid: true });
    expect(results[1]).toMatchObject({ file: broken, valid: false });
    expect(results[1].reason).toMatch(/Invalid schema: .*integer/);
    const notJson = run(['schema', 'check', file('text.avsc', '{ not json')]);
    expect(notJson.status).toBe(1);
    expect(notJson.stdout).toMatch(/text\.avsc: invalid: Invalid schema/);
  });

  it('compat: verdicts with reasons per level; exit 0 compatible, 1 not', () => {
    const backward = run(['schema', 'compat', v2, v1]);
    expect(backward.status).toBe(0);
    expect(backward.stdout).toBe('compatible (BACKWARD)\n');

    const dropped = run(['schema', 'compat', v3, v1, '--level', 'BACKWARD', '--json']);
    expect(dropped.status).toBe(1);
    const verdict = JSON.parse(dropped.stdout) as { compatible: boolean; level: string; reasons: string[]; checkedBy: string };
    expect(verdict).toMatchObject({ compatible: false, level: 'BACKWARD', checkedBy: 'offline' });
    expect(verdict.reasons).toHaveLength(1);
    expect(verdict.reasons[0]).toMatch(/`age`/);
    expect(verdict.reasons[0]).toContain(v1); // existing schemas are named by file

    // FORWARD: old readers must read new data: v3 removed `name`, which v1 needs and has no default.
    const forward = run(['schema', 'compat', v3, v1, '--level', 'FORWARD']);
    expect(forward.status).toBe(1);
    expect(forward.stdout.split('\n')[0]).toBe('incompatible (FORWARD)');
    expect(forward.stdout).toMatch(/^ {2}- .*`name`/m);

    // Transitive: v3 against v1 and v2 finds the problem with both.
    const transitive = run(['schema', 'compat', v3, v1, v2, '--level', 'BACKWARD_TRANSITIVE', '--json']);
    const t = JSON.parse(transitive.stdout) as { reasons: string[] };
    expect(t.reasons.some((r) => r.includes(v1))).toBe(true);
    expect(t.reasons.some((r) => r.includes(v2))).toBe(true);
    expect(run(['schema', 'compat', v3, v1, '--level', 'NONE']).status).toBe(0);
  });

  it('compat: a missing file is one line naming it', () => {
    const r = run(['schema', 'compat', v1, path.join(dir, 'absent.avsc')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('absent.avsc does not exist');
  });
});
