/** The table of every named config rule: rows that must pass and rows that must produce an issue. */
import { clientLimitsRule, consumerGroupRule, librdkafkaFeaturesRule, requiredKeysRule } from '../../../src/config/rules/client';
import { idempotenceRule, producerTimeoutsRule, transactionalIdRule } from '../../../src/config/rules/delivery';
import type { ConfigRule, RuleOptions } from '../../../src/config/rules/rule';
import {
  certificateKeyPairRule,
  certificateValidityRule,
  gssapiRule,
  jaasConfigRule,
  oauthbearerRule,
  plainInClearRule,
  saslCredentialsRule,
  saslMechanismRule,
  securityProtocolRule,
  sslFilesRule,
  sslWithoutTlsRule,
} from '../../../src/config/rules/security';

export type Config = Record<string, unknown>;
export interface Valid {
  config: Config;
  options?: RuleOptions;
}
export interface Invalid extends Valid {
  /** The path, exactly. */
  path: string;
  severity: 'error' | 'warning';
  message: RegExp;
  fix?: RegExp;
}
export interface RuleTable {
  rule: ConfigRule;
  valid: Valid[];
  invalid: Invalid[];
}

const B = { 'bootstrap.servers': 'broker:9092' };
const SASL_SSL = { ...B, 'security.protocol': 'SASL_SSL' };
const PLAIN = { ...SASL_SSL, 'sasl.mechanism': 'PLAIN', 'sasl.username': 'alice', 'sasl.password': 'alice-pw' };
const ALL_FEATURES = ['gzip', 'snappy', 'ssl', 'sasl', 'regex', 'lz4', 'sasl_gssapi', 'sasl_plain', 'sasl_scram', 'plugins', 'zstd', 'sasl_oauthbearer', 'http', 'oidc'];
const NO_EXTRAS = ['gzip', 'ssl', 'sasl', 'sasl_plain', 'sasl_scram', 'sasl_oauthbearer'];
const fn = (): undefined => undefined;
const JAAS_PLAIN = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-pw";';
const JAAS_SCRAM = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="alice-pw";';

export const TABLES: RuleTable[] = [
  {
    rule: securityProtocolRule,
    valid: [
      { config: B },
      ...['PLAINTEXT', 'ssl', 'Sasl_Plaintext', 'sasl_ssl', ' SSL '].map((p) => ({ config: { ...B, 'security.protocol': p } })),
    ],
    invalid: [
      { config: { 'security.protocol': 'TLS' }, path: 'security.protocol', severity: 'error', message: /"TLS" is not a security protocol/, fix: /did you mean SSL\?/ },
      { config: { 'security.protocol': 'SASL' }, path: 'security.protocol', severity: 'error', message: /not a security protocol/, fix: /SASL_SSL/ },
      { config: { 'security.protocol': 'PLAIN' }, path: 'security.protocol', severity: 'error', message: /not a security protocol/, fix: /PLAIN is a SASL mechanism/ },
      { config: { 'security.protocol': 'SASL_SSSL' }, path: 'security.protocol', severity: 'error', message: /not a security protocol/, fix: /did you mean SASL_SSL\?/ },
      { config: { 'security.protocol': 1 }, path: 'security.protocol', severity: 'error', message: /must be a string/ },
    ],
  },
  {
    rule: saslMechanismRule,
    valid: [
      { config: B },
      { config: PLAIN },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'scram-sha-512' } },
      { config: { ...SASL_SSL, 'sasl.mechanisms': 'OAUTHBEARER' } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.mechanisms': 'gssapi' } },
      { config: { ...B, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.jaas.config': JAAS_PLAIN } },
    ],
    invalid: [
      { config: SASL_SSL, path: 'security.protocol, sasl.mechanism', severity: 'error', message: /SASL_SSL but sasl.mechanism is not set .*GSSAPI/ },
      { config: { ...SASL_SSL, 'sasl.username': 'u', 'sasl.password': 'p' }, path: 'security.protocol, sasl.mechanism', severity: 'error', message: /not set/, fix: /PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM' }, path: 'sasl.mechanism', severity: 'error', message: /"SCRAM" is not a SASL mechanism/, fix: /SCRAM-SHA-256 or SCRAM-SHA-512/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA256' }, path: 'sasl.mechanism', severity: 'error', message: /not a SASL mechanism/, fix: /did you mean SCRAM-SHA-256\?/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'PLAIN,SCRAM-SHA-256' }, path: 'sasl.mechanism', severity: 'error', message: /exactly one/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'KERBEROS' }, path: 'sasl.mechanism', severity: 'error', message: /not a SASL mechanism/, fix: /GSSAPI/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'PLAIN', 'sasl.mechanisms': 'SCRAM-SHA-256' }, path: 'sasl.mechanism, sasl.mechanisms', severity: 'error', message: /different values/ },
      { config: { ...B, 'sasl.mechanism': 'PLAIN' }, path: 'security.protocol, sasl.mechanism', severity: 'error', message: /PLAINTEXT \(the default\), so SASL is never used/, fix: /SASL_SSL/ },
      { config: { ...B, 'security.protocol': 'SSL', 'sasl.username': 'u', 'sasl.password': 'p' }, path: 'security.protocol, sasl.username, sasl.password', severity: 'error', message: /security.protocol is SSL, so SASL is never used/, fix: /did you mean security.protocol=SASL_SSL\?/ },
    ],
  },
  {
    rule: saslCredentialsRule,
    valid: [
      { config: PLAIN },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.jaas.config': JAAS_SCRAM } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER' } },
      { config: { ...B, 'sasl.mechanism': 'PLAIN' } },
    ],
    invalid: [
      { config: { ...SASL_SSL, 'sasl.mechanism': 'PLAIN' }, path: 'sasl.username, sasl.password', severity: 'error', message: /PLAIN but sasl.username and sasl.password are not set/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.username': 'alice' }, path: 'sasl.password', severity: 'error', message: /SCRAM-SHA-512 but sasl.password is not set/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.password': 'pw', 'sasl.username': '' }, path: 'sasl.username', severity: 'error', message: /sasl.username is not set/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.username': 'u' }, path: 'sasl.username', severity: 'warning', message: /ignored with sasl.mechanism=OAUTHBEARER/ },
    ],
  },
  {
    rule: jaasConfigRule,
    valid: [
      { config: { ...SASL_SSL, 'sasl.jaas.config': JAAS_PLAIN } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': JAAS_SCRAM } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'PLAIN', 'sasl.username': 'alice', 'sasl.jaas.config': JAAS_PLAIN } },
      { config: { ...SASL_SSL, 'sasl.jaas.config': 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="alice";' } },
      { config: { ...SASL_SSL, 'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab="/etc/app.keytab" principal="app@EXAMPLE.COM";' } },
    ],
    invalid: [
      { config: { 'sasl.jaas.config': 'PlainLoginModule username="a" password="b";' }, path: 'sasl.jaas.config', severity: 'error', message: /control flag/ },
      { config: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b' }, path: 'sasl.jaas.config', severity: 'error', message: /no closing quote/ },
      { config: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a";' }, path: 'sasl.jaas.config', severity: 'error', message: /no "password" option/ },
      { config: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required user_admin="x" user_alice="y";' }, path: 'sasl.jaas.config', severity: 'error', message: /broker-side JAAS entry/ },
      { config: { 'sasl.jaas.config': JAAS_SCRAM }, path: 'sasl.jaas.config, sasl.mechanism', severity: 'error', message: /SCRAM variant is unknown/, fix: /SCRAM-SHA-256 or SCRAM-SHA-512/ },
      { config: { 'sasl.mechanism': 'SCRAM-SHA-256', 'sasl.jaas.config': JAAS_PLAIN }, path: 'sasl.jaas.config, sasl.mechanism', severity: 'error', message: /implies mechanism PLAIN, but sasl.mechanism is SCRAM-SHA-256/ },
      { config: { 'sasl.username': 'bob', 'sasl.jaas.config': JAAS_PLAIN }, path: 'sasl.jaas.config, sasl.username', severity: 'error', message: /sets sasl.username, and sasl.username sets it to a different value/ },
      { config: { 'sasl.password': 'other', 'sasl.jaas.config': JAAS_PLAIN }, path: 'sasl.jaas.config, sasl.password', severity: 'error', message: /different value/ },
      { config: { 'sasl.jaas.config': 'org.example.CustomLoginModule required;' }, path: 'sasl.jaas.config', severity: 'error', message: /not one librdkafka can stand in for/ },
      { config: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b"' }, path: 'sasl.jaas.config', severity: 'warning', message: /does not end with ";"/ },
      { config: { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="a" password="b"; x required;' }, path: 'sasl.jaas.config', severity: 'error', message: /exactly one login module/ },
      { config: { 'sasl.jaas.config': 42 }, path: 'sasl.jaas.config', severity: 'error', message: /must be a string/ },
    ],
  },
  {
    rule: plainInClearRule,
    valid: [{ config: PLAIN }, { config: { ...PLAIN, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-256' } }],
    invalid: [
      { config: { ...PLAIN, 'security.protocol': 'sasl_plaintext' }, path: 'security.protocol, sasl.mechanism', severity: 'warning', message: /password in clear text/, fix: /SASL_SSL/ },
      { config: { ...B, 'security.protocol': 'SASL_PLAINTEXT', 'sasl.jaas.config': JAAS_PLAIN }, path: 'security.protocol, sasl.mechanism', severity: 'warning', message: /clear text/ },
    ],
  },
  {
    rule: sslWithoutTlsRule,
    valid: [
      { config: B },
      { config: { ...B, 'security.protocol': 'SSL', 'ssl.ca.location': '/ca.pem' } },
      { config: { ...PLAIN, 'ssl.ca.location': '/ca.pem' } },
    ],
    invalid: [
      { config: { ...B, 'ssl.ca.location': '/ca.pem' }, path: 'security.protocol, ssl.ca.location', severity: 'error', message: /ssl.ca.location is set but security.protocol is PLAINTEXT \(the default\)/, fix: /did you mean security.protocol=SSL/ },
      { config: { ...B, 'security.protocol': 'PLAINTEXT', 'ssl.certificate.location': '/c.pem', 'ssl.key.location': '/k.pem' }, path: 'security.protocol, ssl.certificate.location, ssl.key.location', severity: 'error', message: /so TLS is never used/, fix: /SSL/ },
      { config: { ...PLAIN, 'security.protocol': 'SASL_PLAINTEXT', 'ssl.ca.location': '/ca.pem' }, path: 'security.protocol, ssl.ca.location', severity: 'error', message: /SASL_PLAINTEXT/, fix: /did you mean security.protocol=SASL_SSL\?/ },
      { config: { ...B, 'enable.ssl.certificate.verification': false }, path: 'security.protocol, enable.ssl.certificate.verification', severity: 'error', message: /TLS is never used/ },
      { config: { ...B, 'ssl.truststore.location': '${tls.ca}', 'ssl.truststore.type': 'PEM' }, path: 'security.protocol, ssl.ca.location', severity: 'error', message: /TLS is never used/ },
    ],
  },
  {
    rule: certificateKeyPairRule,
    valid: [
      { config: { 'ssl.certificate.location': '/c.pem', 'ssl.key.location': '/k.pem' } },
      { config: { 'ssl.certificate.pem': 'x', 'ssl.key.pem': 'y', 'ssl.key.password': 'z' } },
      { config: { 'ssl.keystore.location': '/ks.p12', 'ssl.keystore.password': 'pw' } },
      { config: { 'ssl.ca.location': '/ca.pem' } },
      { config: { 'ssl.keystore.location': '${tls.combined}', 'ssl.keystore.type': 'PEM' } },
    ],
    invalid: [
      { config: { 'ssl.key.location': '/k.pem' }, path: 'ssl.key.location, ssl.certificate.location', severity: 'error', message: /^ssl.key.location is set but ssl.certificate.location is not/ },
      { config: { 'ssl.certificate.location': '/c.pem' }, path: 'ssl.certificate.location, ssl.key.location', severity: 'error', message: /^ssl.certificate.location is set but ssl.key.location is not/ },
      { config: { 'ssl.key.pem': 'k' }, path: 'ssl.key.pem, ssl.certificate.pem', severity: 'error', message: /ssl.key.pem is set but ssl.certificate.pem is not/ },
      { config: { 'ssl.certificate.location': '/c.pem', 'ssl.certificate.pem': 'c', 'ssl.key.location': '/k' }, path: 'ssl.certificate.location, ssl.certificate.pem', severity: 'error', message: /one client certificate/ },
      { config: { 'ssl.keystore.location': '/ks.p12' }, path: 'ssl.keystore.location, ssl.keystore.password', severity: 'error', message: /ssl.keystore.password is not/ },
      { config: { 'ssl.keystore.location': '/ks.p12', 'ssl.keystore.password': 'p', 'ssl.certificate.location': '/c', 'ssl.key.location': '/k' }, path: 'ssl.keystore.location, ssl.certificate.location, ssl.key.location', severity: 'error', message: /both give a client identity/ },
      { config: { 'ssl.key.password': 'pw' }, path: 'ssl.key.password, ssl.key.location', severity: 'warning', message: /ignored/ },
      { config: { 'ssl.keystore.password': 'pw' }, path: 'ssl.keystore.password', severity: 'warning', message: /ignored/ },
    ],
  },
  {
    rule: sslFilesRule,
    valid: [
      { config: { 'ssl.ca.location': '${tls.ca}', 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.key}' } },
      { config: { 'ssl.ca.location': '${tls.dir}' } },
      { config: { 'ssl.ca.location': 'probe' } },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.encryptedKey}', 'ssl.key.password': '${tls.keyPassword}' } },
      { config: { 'ssl.keystore.location': '${tls.keystore}', 'ssl.keystore.password': '${tls.keystorePassword}' } },
      { config: { 'ssl.keystore.location': '${tls.combined}', 'ssl.keystore.type': 'PEM' } },
      { config: { 'ssl.truststore.location': '${tls.ca}', 'ssl.truststore.type': 'PEM' } },
      { config: { 'ssl.ca.location': '/nonexistent/ca.pem' }, options: { checkFiles: false } },
    ],
    invalid: [
      { config: { 'ssl.ca.location': '/nonexistent/ca.pem' }, path: 'ssl.ca.location', severity: 'error', message: /\/nonexistent\/ca.pem, which does not exist/ },
      { config: { 'ssl.ca.location': '${tls.garbage}' }, path: 'ssl.ca.location', severity: 'error', message: /is not PEM/ },
      { config: { 'ssl.certificate.location': '${tls.der}', 'ssl.key.location': '${tls.key}' }, path: 'ssl.certificate.location', severity: 'error', message: /is not PEM/, fix: /openssl x509/ },
      { config: { 'ssl.certificate.location': '${tls.dir}', 'ssl.key.location': '${tls.key}' }, path: 'ssl.certificate.location', severity: 'error', message: /is a directory/ },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.cert}' }, path: 'ssl.key.location', severity: 'error', message: /contains no PRIVATE KEY block/ },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.garbage}' }, path: 'ssl.key.location', severity: 'error', message: /is not PEM/ },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.encryptedKey}' }, path: 'ssl.key.location, ssl.key.password', severity: 'error', message: /is encrypted but ssl.key.password is not set/ },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.encryptedKey}', 'ssl.key.password': 'wrong-one' }, path: 'ssl.key.location, ssl.key.password', severity: 'error', message: /cannot be decrypted/ },
      { config: { 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.otherKey}' }, path: 'ssl.key.location, ssl.certificate.location', severity: 'error', message: /does not belong to the certificate/ },
      { config: { 'ssl.keystore.location': '${tls.keystore}', 'ssl.keystore.password': 'wrong-one' }, path: 'ssl.keystore.location, ssl.keystore.password', severity: 'error', message: /cannot be opened with ssl.keystore.password/ },
      { config: { 'ssl.keystore.location': '${tls.der}', 'ssl.keystore.password': 'x' }, path: 'ssl.keystore.location', severity: 'error', message: /not a PKCS#12 file/, fix: /keytool -importkeystore/ },
      { config: { 'ssl.keystore.location': '/nonexistent.p12', 'ssl.keystore.password': 'x' }, path: 'ssl.keystore.location', severity: 'error', message: /does not exist/ },
      { config: { 'ssl.ca.pem': 'not a pem' }, path: 'ssl.ca.pem', severity: 'error', message: /is not PEM/ },
      { config: { 'ssl.crl.location': '/nonexistent.crl' }, path: 'ssl.crl.location', severity: 'error', message: /does not exist/ },
    ],
  },
  {
    rule: certificateValidityRule,
    valid: [
      { config: { 'ssl.ca.location': '${tls.ca}', 'ssl.certificate.location': '${tls.cert}', 'ssl.key.location': '${tls.key}' } },
      { config: { 'ssl.keystore.location': '${tls.keystore}', 'ssl.keystore.password': '${tls.keystorePassword}' } },
      { config: { 'ssl.certificate.location': '${tls.expiredCert}' }, options: { checkFiles: false } },
    ],
    invalid: [
      { config: { 'ssl.certificate.location': '${tls.expiredCert}', 'ssl.key.location': '${tls.expiredKey}' }, path: 'ssl.certificate.location', severity: 'error', message: /client certificate CN=expired in ssl.certificate.location expired on \d{4}-\d\d-\d\d/ },
      { config: { 'ssl.ca.location': '${tls.expiredCert}' }, path: 'ssl.ca.location', severity: 'error', message: /CA certificate CN=expired .* expired on/ },
      { config: { 'ssl.certificate.location': '${tls.notYetValidCert}', 'ssl.key.location': '${tls.notYetValidKey}' }, path: 'ssl.certificate.location', severity: 'error', message: /is not valid before/ },
      { config: { 'ssl.ca.location': '${tls.notYetValidCert}' }, path: 'ssl.ca.location', severity: 'error', message: /CA certificate .* is not valid before/ },
      { config: { 'ssl.certificate.location': '${tls.expiringCert}', 'ssl.key.location': '${tls.expiringKey}' }, path: 'ssl.certificate.location', severity: 'warning', message: /expires in \d+ days/ },
      { config: { 'ssl.ca.location': '${tls.cert}' }, options: { now: new Date(Date.now() + 400 * 86_400_000) }, path: 'ssl.ca.location', severity: 'error', message: /expired on/ },
      { config: { 'ssl.keystore.location': '${tls.keystore}', 'ssl.keystore.password': '${tls.keystorePassword}' }, options: { now: new Date(Date.now() + 350 * 86_400_000) }, path: 'ssl.keystore.location', severity: 'warning', message: /expires in \d+ days/ },
    ],
  },
  {
    rule: oauthbearerRule,
    valid: [
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', oauth_cb: fn } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', oauthbearer_token_refresh_cb: fn } },
      {
        config: {
          ...SASL_SSL,
          'sasl.mechanism': 'OAUTHBEARER',
          'sasl.oauthbearer.method': 'oidc',
          'sasl.oauthbearer.client.id': 'app',
          'sasl.oauthbearer.client.secret': 's3cr3t',
          'sasl.oauthbearer.token.endpoint.url': 'https://idp.example.com/token',
        },
      },
      {
        config: {
          ...SASL_SSL,
          'sasl.jaas.config': 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="app" clientSecret="s3cr3t";',
          'sasl.oauthbearer.token.endpoint.url': 'https://idp.example.com/token',
        },
      },
      { config: PLAIN },
    ],
    invalid: [
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER' }, path: 'sasl.mechanism, oauth_cb, sasl.oauthbearer.method', severity: 'error', message: /nothing provides a token/, fix: /oauth_cb .*sasl.oauthbearer.method=oidc/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.method': 'oidc' }, path: 'sasl.oauthbearer.client.id, sasl.oauthbearer.client.secret, sasl.oauthbearer.token.endpoint.url', severity: 'error', message: /needs sasl.oauthbearer.client.id, sasl.oauthbearer.client.secret and sasl.oauthbearer.token.endpoint.url/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.method': 'OIDC', 'sasl.oauthbearer.client.id': 'a', 'sasl.oauthbearer.client.secret': 'b' }, path: 'sasl.oauthbearer.token.endpoint.url', severity: 'error', message: /needs sasl.oauthbearer.token.endpoint.url/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.method': 'oidc', 'sasl.oauthbearer.client.id': 'a', 'sasl.oauthbearer.client.secret': 'b', 'sasl.oauthbearer.token.endpoint.url': 'idp/token' }, path: 'sasl.oauthbearer.token.endpoint.url', severity: 'error', message: /not an http\(s\) URL/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'enable.sasl.oauthbearer.unsecure.jwt': 'true' }, path: 'sasl.oauthbearer.config', severity: 'error', message: /principal=/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'enable.sasl.oauthbearer.unsecure.jwt': true, 'sasl.oauthbearer.config': 'principal=alice' }, path: 'enable.sasl.oauthbearer.unsecure.jwt', severity: 'warning', message: /development and testing/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'enable.sasl.oauthbearer.unsecure.jwt': true, oauth_cb: fn }, path: 'enable.sasl.oauthbearer.unsecure.jwt, oauth_cb', severity: 'error', message: /mutually exclusive/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.method': 'oidc', 'sasl.oauthbearer.grant.type': 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'sasl.oauthbearer.token.endpoint.url': 'https://idp/t' }, path: 'sasl.oauthbearer.assertion.private.key.file', severity: 'error', message: /jwt-bearer grant needs/ },
      { config: { ...PLAIN, oauth_cb: fn }, path: 'oauth_cb', severity: 'warning', message: /never called/ },
    ],
  },
  {
    rule: gssapiRule,
    valid: [
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.keytab': '${tls.ca}', 'sasl.kerberos.principal': 'app@EXAMPLE.COM' }, options: { features: ALL_FEATURES } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.min.time.before.relogin': 0 }, options: { features: ALL_FEATURES } },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.kinit.cmd': 'kinit -k -t /etc/app.keytab app' } },
      { config: { ...SASL_SSL, 'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab="${tls.ca}" principal="app@EXAMPLE.COM";' } },
      { config: { ...SASL_SSL, 'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required useTicketCache=true;' } },
    ],
    invalid: [
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI' }, path: 'sasl.kerberos.keytab, sasl.kerberos.principal', severity: 'error', message: /no Kerberos credentials/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.min.time.before.relogin': 0 }, options: { features: NO_EXTRAS }, path: 'sasl.mechanism', severity: 'error', message: /built with GSSAPI/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.keytab': '/nonexistent.keytab', 'sasl.kerberos.principal': 'a@B' }, path: 'sasl.kerberos.keytab', severity: 'error', message: /does not exist/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'GSSAPI', 'sasl.kerberos.keytab': '${tls.ca}' }, path: 'sasl.kerberos.principal', severity: 'warning', message: /kafkaclient/ },
    ],
  },
  {
    rule: requiredKeysRule,
    valid: [
      { config: B },
      { config: { 'metadata.broker.list': 'a:1,b:2' } },
      { config: { 'bootstrap.servers': 'SSL://broker-1.example.com:9093, [::1]:9092,localhost' } },
      { config: { ...B, 'group.id': 'g' }, options: { role: 'consumer' } },
    ],
    invalid: [
      { config: {}, path: 'bootstrap.servers', severity: 'error', message: /bootstrap.servers is not set/ },
      { config: { 'bootstrap.servers': '' }, path: 'bootstrap.servers', severity: 'error', message: /not set/ },
      { config: { 'bootstrap.servers': 'host:9092:1, http ://x' }, path: 'bootstrap.servers', severity: 'error', message: /not host:port/ },
      { config: B, options: { role: 'consumer' }, path: 'group.id', severity: 'error', message: /consumer needs group.id/ },
    ],
  },
  {
    rule: librdkafkaFeaturesRule,
    valid: [
      { config: { ...B, 'compression.codec': 'zstd' }, options: { features: ALL_FEATURES } },
      { config: { ...B, 'compression.type': 'gzip' }, options: { features: NO_EXTRAS } },
      { config: { ...B, 'compression.codec': 'zstd' } },
      { config: { ...PLAIN }, options: { features: NO_EXTRAS } },
      { config: { ...B, 'builtin.features': 'ssl,sasl_plain' }, options: { features: NO_EXTRAS } },
    ],
    invalid: [
      { config: { ...B, 'compression.codec': 'zstd' }, options: { features: NO_EXTRAS }, path: 'compression.codec', severity: 'error', message: /compression.codec=zstd needs librdkafka built with zstd/, fix: /gzip/ },
      { config: { ...B, 'compression.type': 'LZ4' }, options: { features: NO_EXTRAS }, path: 'compression.type', severity: 'error', message: /lz4/ },
      { config: { ...B, 'security.protocol': 'ssl' }, options: { features: ['gzip'] }, path: 'security.protocol', severity: 'error', message: /OpenSSL/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'SCRAM-SHA-256' }, options: { features: ['ssl', 'sasl', 'sasl_plain'] }, path: 'sasl.mechanism', severity: 'error', message: /sasl_scram/ },
      { config: { ...SASL_SSL, 'sasl.mechanism': 'OAUTHBEARER', 'sasl.oauthbearer.method': 'oidc' }, options: { features: NO_EXTRAS }, path: 'sasl.oauthbearer.method', severity: 'error', message: /OIDC support/, fix: /oauth_cb/ },
      { config: { ...B, 'builtin.features': 'zstd, sasl_gssapi' }, options: { features: NO_EXTRAS }, path: 'builtin.features', severity: 'error', message: /zstd and sasl_gssapi/ },
    ],
  },
  {
    rule: consumerGroupRule,
    valid: [
      { config: { ...B, 'session.timeout.ms': 10000, 'max.poll.interval.ms': 10000 }, options: { role: 'consumer' } },
      { config: { ...B, 'group.protocol': 'consumer', 'group.remote.assignor': 'uniform' }, options: { role: 'consumer' } },
      { config: { ...B, 'max.poll.interval.ms': 1000 }, options: { role: 'producer' } },
      { config: { ...B, 'fetch.max.bytes': 2000000, 'receive.message.max.bytes': 2000512 }, options: { role: 'consumer' } },
    ],
    invalid: [
      { config: { ...B, 'max.poll.interval.ms': 10000 }, options: { role: 'consumer' }, path: 'max.poll.interval.ms, session.timeout.ms', severity: 'error', message: /\(10000\) must be at least session.timeout.ms \(45000\)/ },
      { config: { ...B, 'group.protocol': 'consumer', 'session.timeout.ms': 10000 }, options: { role: 'consumer' }, path: 'session.timeout.ms, group.protocol', severity: 'error', message: /not supported with group.protocol=consumer/ },
      { config: { ...B, 'group.protocol': 'consumer', 'partition.assignment.strategy': 'range' }, options: { role: 'consumer' }, path: 'partition.assignment.strategy, group.protocol', severity: 'error', message: /not supported/, fix: /group.remote.assignor/ },
      { config: { ...B, 'fetch.max.bytes': 1000 }, options: { role: 'consumer' }, path: 'fetch.max.bytes, message.max.bytes', severity: 'error', message: /at least message.max.bytes/ },
      { config: { ...B, 'receive.message.max.bytes': 1000000 }, options: { role: 'consumer' }, path: 'receive.message.max.bytes, fetch.max.bytes', severity: 'error', message: /fetch.max.bytes \+ 512/ },
    ],
  },
  {
    rule: clientLimitsRule,
    valid: [{ config: B }, { config: { ...B, 'reconnect.backoff.ms': 50, 'reconnect.backoff.max.ms': 50 } }],
    invalid: [
      { config: { ...B, 'reconnect.backoff.ms': 20000 }, path: 'reconnect.backoff.max.ms, reconnect.backoff.ms', severity: 'error', message: /\(10000\) must be at least reconnect.backoff.ms \(20000\)/ },
    ],
  },
  {
    rule: idempotenceRule,
    valid: [
      { config: { ...B, 'enable.idempotence': true } },
      { config: { ...B, 'enable.idempotence': 'true', acks: 'all', retries: '10', 'max.in.flight.requests.per.connection': '5' } },
      { config: { ...B, 'enable.idempotence': true, acks: -1, 'max.in.flight': 1 } },
      { config: { ...B, acks: 0, retries: 0 } },
      { config: { ...B, acks: '1', 'max.in.flight': 100 } },
      { config: { ...B, 'enable.idempotence': true, acks: 0 }, options: { role: 'consumer' } },
    ],
    invalid: [
      { config: { ...B, 'enable.idempotence': true, acks: 0 }, path: 'acks, enable.idempotence', severity: 'error', message: /acks=0 is fire-and-forget \(at-most-once.*exactly-once/, fix: /acks=all/ },
      { config: { ...B, 'enable.idempotence': 'true', 'request.required.acks': '1' }, path: 'request.required.acks, enable.idempotence', severity: 'error', message: /request.required.acks=1 .*requires request.required.acks=all/ },
      { config: { ...B, 'enable.idempotence': true, retries: 0 }, path: 'retries, enable.idempotence', severity: 'error', message: /retries=0 turns off retries.*at-most-once.*exactly-once/ },
      { config: { ...B, 'enable.idempotence': true, 'message.send.max.retries': '0' }, path: 'message.send.max.retries, enable.idempotence', severity: 'error', message: /turns off retries/ },
      { config: { ...B, 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 }, path: 'max.in.flight.requests.per.connection, enable.idempotence', severity: 'error', message: /more than the 5 in-flight/, fix: /5 or less/ },
      { config: { ...B, 'transactional.id': 'tx-1', acks: 1 }, path: 'acks, transactional.id', severity: 'error', message: /transactional.id \(which turns on idempotence\)/ },
      { config: { ...B, 'enable.idempotence': true, 'queue.buffering.backpressure.threshold': 10 }, path: 'queue.buffering.backpressure.threshold, enable.idempotence', severity: 'error', message: /must be 1/ },
      { config: { ...B, 'enable.gapless.guarantee': true }, path: 'enable.gapless.guarantee, enable.idempotence', severity: 'error', message: /requires enable.idempotence=true/ },
    ],
  },
  {
    rule: transactionalIdRule,
    valid: [
      { config: { ...B, 'transactional.id': 'orders-0' } },
      { config: { ...B, 'transactional.id': 'orders-0', 'enable.idempotence': true, 'message.timeout.ms': 60000, 'transaction.timeout.ms': 60000 } },
      { config: { ...B, 'transactional.id': 'orders-0', 'socket.timeout.ms': 30000 } },
    ],
    invalid: [
      { config: { ...B, 'transactional.id': 'orders-0', 'enable.idempotence': false }, path: 'transactional.id, enable.idempotence', severity: 'error', message: /requires enable.idempotence=true: transactions \(exactly-once/ },
      { config: { ...B, 'transactional.id': '' }, path: 'transactional.id', severity: 'error', message: /empty/ },
      { config: { ...B, 'transactional.id': 'x', 'message.timeout.ms': 120000 }, path: 'message.timeout.ms, transaction.timeout.ms', severity: 'error', message: /\(120000\) must be at most transaction.timeout.ms \(60000\)/ },
      { config: { ...B, 'transactional.id': 'x', 'delivery.timeout.ms': 90000, 'transaction.timeout.ms': 30000 }, path: 'delivery.timeout.ms, transaction.timeout.ms', severity: 'error', message: /must be at most/ },
      { config: { ...B, 'transactional.id': 'x', 'socket.timeout.ms': 70000 }, path: 'socket.timeout.ms, transaction.timeout.ms', severity: 'error', message: /transaction.timeout.ms \+ 100/ },
    ],
  },
  {
    rule: producerTimeoutsRule,
    valid: [{ config: { ...B, 'linger.ms': 5, 'message.timeout.ms': 1000 } }, { config: { ...B, 'linger.ms': 5000, 'message.timeout.ms': 0 } }],
    invalid: [{ config: { ...B, 'linger.ms': 5000, 'message.timeout.ms': 5000 }, path: 'message.timeout.ms, linger.ms', severity: 'error', message: /must be greater than linger.ms/ }],
  },
];

