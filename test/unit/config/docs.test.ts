/** Every worked example of docs/security.md validates as the page says. */
import { validateConfig } from '../../../src/config/validate';
import { docExamples } from '../../fixtures/config/doc-examples';

const FEATURES = ['gzip', 'snappy', 'ssl', 'sasl', 'regex', 'lz4', 'sasl_gssapi', 'sasl_plain', 'sasl_scram', 'plugins', 'zstd', 'sasl_oauthbearer'];
const EXAMPLES = docExamples();

describe('docs/security.md examples', () => {
  it('has one example per protocol and mechanism', () => {
    const seen = new Set(EXAMPLES.map((e) => `${String(e.config['security.protocol'] ?? 'PLAINTEXT').toUpperCase()} ${String(e.config['sasl.mechanism'] ?? '')}`.trim()));
    for (const want of ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT PLAIN', 'SASL_PLAINTEXT SCRAM-SHA-256', 'SASL_PLAINTEXT SCRAM-SHA-512', 'SASL_PLAINTEXT OAUTHBEARER', 'SASL_SSL PLAIN', 'SASL_SSL SCRAM-SHA-256', 'SASL_SSL SCRAM-SHA-512', 'SASL_SSL OAUTHBEARER', 'SASL_SSL GSSAPI']) {
      expect(seen).toContain(want);
    }
    expect(new Set(EXAMPLES.map((e) => e.name)).size).toBe(EXAMPLES.length);
  });

  it.each(EXAMPLES.map((e) => [e.name, e] as const))('%s validates (no errors; only the warning it documents)', (_name, example) => {
    const r = validateConfig(example.config, { role: example.role, features: [...FEATURES, ...example.extraFeatures], checkFiles: false });
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const warned = [...new Set(r.issues.map((i) => i.rule))];
    expect(warned).toEqual(example.warns ? [example.warns] : []);
  });

  it('the OIDC example is rejected before connecting by a librdkafka built without oidc', () => {
    const oidc = EXAMPLES.find((e) => e.name === 'sasl-ssl-oidc')!;
    const r = validateConfig(oidc.config, { role: oidc.role, features: FEATURES, checkFiles: false });
    expect(r.issues).toEqual([expect.objectContaining({ path: 'sasl.oauthbearer.method', rule: 'librdkafka-features', severity: 'error' })]);
    expect(r.issues[0].message).toContain('needs librdkafka built with OIDC support');
  });

  it('the opening example reports what the page shows', () => {
    const r = validateConfig({ 'bootstrap.servers': 'broker1:9092', 'security.protocol': 'PLAINTEXT', 'ssl.ca.location': '/etc/kafka/ca.pem' }, { role: 'producer', features: FEATURES, checkFiles: false });
    expect(r.issues).toEqual([
      {
        path: 'security.protocol, ssl.ca.location',
        message: 'ssl.ca.location is set but security.protocol is PLAINTEXT, so TLS is never used',
        fix: 'did you mean security.protocol=SSL (or SASL_SSL with a SASL mechanism)?',
        severity: 'error',
        rule: 'ssl-without-tls',
      },
    ]);
  });

  it('the Java client.properties example is translated', () => {
    const java = EXAMPLES.find((e) => e.name === 'java-scram-properties')!;
    const r = validateConfig(java.config, { role: 'consumer', features: FEATURES, checkFiles: false });
    expect(r.normalized).toMatchObject({ 'sasl.username': 'alice', 'sasl.password': 'alice-secret', 'ssl.ca.location': '/etc/kafka/tls/ca.pem' });
    expect(r.normalized['sasl.jaas.config']).toBeUndefined();
  });
});
