/**
 * No secret (password, key password, key store password, OAuth client secret,
 * JAAS password, private key) ever appears in an issue message, fix or path —
 * from any rule, from validateConfig, from ConfigError, from `config check`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { checkConfigFile } from '../../../src/config/check';
import type { ConfigRule } from '../../../src/config/rules/rule';
import { jaasConfigRule } from '../../../src/config/rules/security';
import { isSecretKey, redact, secretValues } from '../../../src/config/secrets';
import { assertValidConfig, CONFIG_RULES, formatIssues, validateConfig } from '../../../src/config/validate';
import type { ClientRole } from '../../../src/config/types';
import { ConfigError, type ConfigIssue } from '../../../src/errors';
import { makeTestTls, withTlsPaths, type TestTls } from '../../fixtures/config/tls';
import { TABLES } from './rule-table';

const MARK = 'S3CRET';
const ALL_RULES: ConfigRule[] = [...CONFIG_RULES, jaasConfigRule];
const ROLES: ClientRole[] = ['producer', 'consumer', 'admin'];

/** Secrets injected into every configuration (values carry MARK so any leak is found). */
function withSecrets(config: Record<string, unknown>, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = isSecretKey(k) && typeof v === 'string' && v !== '' && !v.startsWith('/') ? `${MARK}-row-${n}-${k}` : v;
  const add = (k: string, v: string): void => {
    if (!(k in out)) out[k] = v;
  };
  add('sasl.password', `${MARK}-sasl-${n}`);
  add('ssl.key.password', `${MARK}-keypw-${n}`);
  add('ssl.keystore.password', `${MARK}-kspw-${n}`);
  add('sasl.oauthbearer.client.secret', `${MARK}-oidc-${n}`);
  add('sasl.oauthbearer.assertion.private.key.passphrase', `${MARK}-assert-${n}`);
  return out;
}

function text(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `${i.path}\n${i.message}\n${i.fix ?? ''}`).join('\n');
}

let tls: TestTls;
beforeAll(() => {
  tls = makeTestTls();
});
afterAll(() => tls?.cleanup());

describe('secrets never appear in messages', () => {
  const rows = TABLES.flatMap((t) => [...t.valid, ...t.invalid].map((row) => ({ rule: t.rule.ruleName, config: row.config, options: row.options })));

  it(`holds for every rule on every row of the rule table (${rows.length} rows × ${ALL_RULES.length} rules)`, () => {
    let checked = 0;
    rows.forEach((row, n) => {
      const config = withSecrets(withTlsPaths(row.config, tls), n);
      for (const rule of ALL_RULES) {
        const issues = rule(config, { ...row.options, features: ['ssl'] });
        checked += issues.length;
        expect(text(issues)).not.toContain(MARK);
      }
    });
    expect(checked).toBeGreaterThan(200);
  });

  it('holds for validateConfig on every row, for every role', () => {
    rows.forEach((row, n) => {
      for (const role of ROLES) {
        const { issues } = validateConfig(withSecrets(withTlsPaths(row.config, tls), n), { role, features: ['ssl'] });
        expect(text(issues)).not.toContain(MARK);
      }
    });
  });

  it.each([
    ['a misspelt secret key', { 'sasl.pasword': `${MARK}-1` }],
    ['a secret of the wrong type', { 'ssl.key.password': { value: `${MARK}-2` } }],
    ['a JAAS line with an unclosed quote after the password', { 'sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${MARK}-3` }],
    ['a JAAS line with the password twice', { 'sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required password="${MARK}-4" password="${MARK}-5";` }],
    ['a broker-side JAAS line', { 'sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="${MARK}-6";` }],
    ['a JAAS conflict', { 'sasl.password': `${MARK}-7`, 'sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${MARK}-8";` }],
    ['a JAAS OIDC secret conflict', { 'sasl.oauthbearer.client.secret': `${MARK}-9`, 'sasl.jaas.config': `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="a" clientSecret="${MARK}-10";` }],
    ['a Java trust store password', { 'security.protocol': 'SSL', 'ssl.truststore.location': '/x.jks', 'ssl.truststore.password': `${MARK}-11` }],
    ['a Schema Registry credential', { 'basic.auth.user.info': `user:${MARK}-12` }],
    ['an inline private key that is not PEM', { 'security.protocol': 'SSL', 'ssl.certificate.pem': 'x', 'ssl.key.pem': `${MARK}-13` }],
    ['a wrong key password', { 'security.protocol': 'SSL', 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.encryptedKey}', 'ssl.key.password': `${MARK}-14` }],
    ['a wrong key store password', { 'security.protocol': 'SSL', 'ssl.keystore.location': '${tls.keystore}', 'ssl.keystore.password': `${MARK}-15` }],
    ['a secret where a number is expected', { 'sasl.password': `${MARK}-16`, 'batch.size': `${MARK}-16` }],
    ['an OAUTHBEARER config string', { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.config': `principal=alice token=${MARK}-17`, 'enable.sasl.oauthbearer.unsecure.jwt': 'maybe' }],
  ])('holds for %s (validateConfig, ConfigError, formatIssues)', (_name, config) => {
    const input = withTlsPaths({ 'bootstrap.servers': 'b:9092', ...config }, tls);
    const { issues } = validateConfig(input, { role: 'producer', features: ['ssl'] });
    expect(issues.length).toBeGreaterThan(0);
    expect(text(issues)).not.toContain(MARK);
    expect(formatIssues(issues)).not.toContain(MARK);
    let error: unknown;
    try {
      assertValidConfig(input, { role: 'producer', features: ['ssl'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(MARK);
    expect(JSON.stringify((error as ConfigError).issues)).not.toContain(MARK);
  });

  it('holds for `config check` output, text and JSON', () => {
    const file = path.join(tls.dir, 'leaky.properties');
    fs.writeFileSync(
      file,
      [
        'bootstrap.servers=b:9092',
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-256',
        `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${MARK}-20";`,
        `ssl.key.password=${MARK}-21`,
        `ssl.truststore.password=${MARK}-22`,
      ].join('\n'),
    );
    for (const json of [false, true]) {
      const r = checkConfigFile(file, { json, features: ['ssl'] });
      expect(r.exitCode).toBe(1);
      expect(r.output).not.toContain(MARK);
    }
  });
});

describe('secret helpers', () => {
  it.each([
    ['sasl.password', true],
    ['ssl.key.password', true],
    ['ssl.keystore.password', true],
    ['sasl.oauthbearer.client.secret', true],
    ['sasl.jaas.config', true],
    ['basic.auth.user.info', true],
    ['my.api.key', true],
    ['sasl.username', false],
    ['sasl.oauthbearer.token.endpoint.url', false],
    ['ssl.certificate.location', false],
  ])('isSecretKey(%s) = %s', (key, secret) => {
    expect(isSecretKey(key)).toBe(secret);
  });

  it('finds the secrets inside a JAAS line and redacts them', () => {
    const secrets = secretValues({ 'sasl.jaas.config': 'x.PlainLoginModule required username="bob" password="hunter22";', 'sasl.username': 'bob' });
    expect(secrets).toContain('hunter22');
    expect(secrets).not.toContain('bob');
    expect(redact('the password hunter22 is wrong', secrets)).toBe('the password *** is wrong');
  });
});
