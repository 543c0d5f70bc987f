import { jaasToLibrdkafka, parseJaasConfig, translateJaas } from '../../../src/config/jaas';
import { ConfigError } from '../../../src/errors';

const PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule';
const SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule';
const OAUTH = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule';
const KRB5 = 'com.sun.security.auth.module.Krb5LoginModule';

describe('parseJaasConfig', () => {
  it.each([
    [`${PLAIN} required username="alice" password="alice-secret";`, PLAIN, { username: 'alice', password: 'alice-secret' }],
    [`  ${PLAIN}   required\n  username = "alice"\n  password="a b;c";  `, PLAIN, { username: 'alice', password: 'a b;c' }],
    [`${SCRAM} required username=alice password=pw;`, SCRAM, { username: 'alice', password: 'pw' }],
    [`${PLAIN} required username="al\\"ice" password="back\\\\slash";`, PLAIN, { username: 'al"ice', password: 'back\\slash' }],
    [`${OAUTH} required;`, OAUTH, {}],
    [`${KRB5} required useKeyTab=true storeKey=true keyTab="/etc/k.keytab" principal="app@EX.COM";`, KRB5, { useKeyTab: 'true', storeKey: 'true', keyTab: '/etc/k.keytab', principal: 'app@EX.COM' }],
  ])('parses %s', (text, loginModule, options) => {
    const jaas = parseJaasConfig(text);
    expect(jaas).toMatchObject({ loginModule, controlFlag: 'required', options, terminated: true });
  });

  it.each([
    ['', /does not start with a login module class name/],
    ['"quoted" required;', /does not start with a login module class name/],
    [`${PLAIN} username="a";`, /expected a control flag/],
    [`${PLAIN} required username "a";`, /option "username" has no "=value"/],
    [`${PLAIN} required username=;`, /option "username" has an empty value/],
    [`${PLAIN} required password="never-shown-123`, /no closing quote/],
    [`${PLAIN} required username="a" username="b";`, /given twice/],
    [`${PLAIN} required username="a"; ${SCRAM} required;`, /exactly one login module/],
  ])('rejects %j', (text, message) => {
    let error: unknown;
    try {
      parseJaasConfig(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issue = (error as ConfigError).issues[0];
    expect(issue).toMatchObject({ path: 'sasl.jaas.config', severity: 'error', rule: 'jaas-config' });
    expect(issue.message).toMatch(message);
    expect((error as Error).message).not.toContain('never-shown-123');
  });

  it('accepts a missing final ";" with a warning from the translation', () => {
    const jaas = parseJaasConfig(`${PLAIN} required username="a" password="b"`);
    expect(jaas.terminated).toBe(false);
    expect(jaasToLibrdkafka(jaas).issues).toEqual([expect.objectContaining({ severity: 'warning', message: 'does not end with ";" (Java clients reject it)' })]);
  });
});

describe('jaasToLibrdkafka', () => {
  it.each([
    [`${PLAIN} required username="u" password="p";`, undefined, { 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u', 'sasl.password': 'p' }],
    [`${SCRAM} required username="u" password="p";`, 'scram-sha-512', { 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'u', 'sasl.password': 'p' }],
    [`${OAUTH} required unsecuredLoginStringClaim_sub="alice" unsecuredLoginLifetimeSeconds="600" unsecuredLoginListClaim_scope=",read,write" unsecuredLoginExtension_traceId="t1";`, undefined, {
      'sasl.mechanism': 'OAUTHBEARER',
      'enable.sasl.oauthbearer.unsecure.jwt': 'true',
      'sasl.oauthbearer.config': 'principal=alice lifeSeconds=600 scope=read,write extension_traceId=t1',
    }],
    [`${OAUTH} required clientId="app" clientSecret="s" scope="kafka";`, undefined, {
      'sasl.mechanism': 'OAUTHBEARER',
      'sasl.oauthbearer.method': 'oidc',
      'sasl.oauthbearer.client.id': 'app',
      'sasl.oauthbearer.client.secret': 's',
      'sasl.oauthbearer.scope': 'kafka',
    }],
    [`${KRB5} required useKeyTab=true keyTab="/k.keytab" principal="app@EX.COM" serviceName="kafka";`, undefined, {
      'sasl.mechanism': 'GSSAPI',
      'sasl.kerberos.keytab': '/k.keytab',
      'sasl.kerberos.principal': 'app@EX.COM',
      'sasl.kerberos.service.name': 'kafka',
    }],
    [`${KRB5} required useTicketCache=true;`, undefined, { 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.min.time.before.relogin': '0' }],
  ])('translates %s', (text, mechanism, properties) => {
    const t = jaasToLibrdkafka(parseJaasConfig(text), mechanism);
    expect(t.properties).toEqual(properties);
    expect(t.issues).toEqual([]);
  });

  it('warns about options librdkafka has no use for', () => {
    const t = jaasToLibrdkafka(parseJaasConfig(`${PLAIN} required username="u" password="p" debug="true";`));
    expect(t.issues).toEqual([expect.objectContaining({ severity: 'warning', message: 'option "debug" has no librdkafka equivalent and is ignored' })]);
  });
});

describe('translateJaas', () => {
  it('replaces sasl.jaas.config and keeps explicit keys that agree', () => {
    const t = translateJaas({ 'sasl.mechanism': 'plain', 'sasl.username': 'u', 'sasl.jaas.config': `${PLAIN} required username="u" password="p";` });
    expect(t.issues).toEqual([]);
    expect(t.config).toEqual({ 'sasl.mechanism': 'plain', 'sasl.username': 'u', 'sasl.password': 'p' });
  });

  it('reports conflicts naming both keys and showing no value', () => {
    const t = translateJaas({ 'sasl.password': 'explicit-pw-1', 'sasl.jaas.config': `${PLAIN} required username="u" password="jaas-pw-2";` });
    expect(t.issues).toEqual([
      {
        path: 'sasl.jaas.config, sasl.password',
        message: 'sasl.jaas.config sets sasl.password, and sasl.password sets it to a different value',
        fix: 'keep only one of sasl.jaas.config and sasl.password',
        severity: 'error',
        rule: 'jaas-config',
      },
    ]);
    expect(t.config['sasl.password']).toBe('explicit-pw-1');
  });

  it('sees sasl.mechanisms (the alias) too', () => {
    const t = translateJaas({ 'sasl.mechanisms': 'SCRAM-SHA-256', 'sasl.jaas.config': `${SCRAM} required username="u" password="p";` });
    expect(t.issues).toEqual([]);
    expect(t.config).toMatchObject({ 'sasl.username': 'u', 'sasl.password': 'p' });
    expect(t.config['sasl.mechanism']).toBeUndefined();
  });
});
