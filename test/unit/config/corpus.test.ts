/**
 * The config corpus (test/fixtures/configs/*-configs.json): at least 100
 * invalid configurations, each with the issue it must produce, and at least
 * 30 valid ones that must pass untouched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { ClientRole } from '../../../src/config/types';
import { validateConfig } from '../../../src/config/validate';
import { makeTestTls, withTlsPaths, type TestTls } from '../../fixtures/config/tls';

interface Entry {
  name: string;
  role: ClientRole;
  config: Record<string, unknown>;
  normalized?: Record<string, unknown>;
  expect?: { path: string; rule: string; severity: 'error' | 'warning'; message: string };
}

const FIXTURES = path.join(__dirname, '../../fixtures/configs');
const load = (file: string): Entry[] => (JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as { configs: Entry[] }).configs;
const VALID = load('valid-configs.json');
const INVALID = load('invalid-configs.json');

/** The features of the librdkafka node-rdkafka 3.6.1 builds (no libcurl: no http/oidc). */
const FEATURES = ['gzip', 'snappy', 'ssl', 'sasl', 'regex', 'lz4', 'sasl_gssapi', 'sasl_plain', 'sasl_scram', 'plugins', 'zstd', 'sasl_oauthbearer'];

const fn = (): undefined => undefined;
const serializer = { serialize: (v: unknown) => v };
const deserializer = { deserialize: (v: unknown) => v };

function materialize(value: Record<string, unknown>, tls: TestTls): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(withTlsPaths(value, tls))) {
    out[k] = v === '$fn' ? fn : v === '$serializer' ? serializer : v === '$deserializer' ? deserializer : v;
  }
  return out;
}

let tls: TestTls;
beforeAll(() => {
  tls = makeTestTls();
});
afterAll(() => tls?.cleanup());

describe('config corpus', () => {
  it('has at least 100 invalid and 30 valid configurations, with unique names', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(100);
    expect(VALID.length).toBeGreaterThanOrEqual(30);
    const names = [...INVALID, ...VALID].map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(VALID.map((e) => [e.name, e] as const))('valid: %s', (_name, entry) => {
    const config = materialize(entry.config, tls);
    const r = validateConfig(config, { role: entry.role, features: FEATURES });
    expect(r.issues).toEqual([]);
    const expected = entry.normalized ? materialize(entry.normalized, tls) : Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null));
    expect(r.normalized).toEqual(expected);
  });

  it.each(INVALID.map((e) => [e.name, e] as const))('invalid: %s', (_name, entry) => {
    const want = entry.expect!;
    const r = validateConfig(materialize(entry.config, tls), { role: entry.role, features: FEATURES });
    const found = r.issues.find((i) => i.path === want.path && i.rule === want.rule && i.severity === want.severity && i.message.includes(want.message));
    if (!found) throw new Error(`expected ${want.severity} ${want.rule} at "${want.path}" with "${want.message}"; got:\n${JSON.stringify(r.issues, null, 2)}`);
    expect(found.fix).toBeTruthy();
    expect(r.ok).toBe(r.issues.every((i) => i.severity === 'warning'));
  });
});
