/**
 * Security rules: protocol, SASL mechanism and credentials, JAAS, TLS keys,
 * certificate files and their validity, OAUTHBEARER and GSSAPI.
 *
 * @remarks
 * Each rule is a pure function of the configuration (plus the files it names
 * and the clock in {@link RuleOptions.now}). Messages name the keys involved
 * and never include a secret value.
 *
 * @packageDocumentation
 */
import type { X509Certificate } from 'node:crypto';

import type { ConfigIssue } from '../../errors';
import { translateJaas } from '../jaas';
import { translateJavaKeys } from '../java';
import { certificateName, certificateValidity, openPkcs12, parseCertificates, parsePrivateKey, readFileChecked, type KeyProblem } from '../pem';
import { suggestKeys } from '../suggest';
import type { ConfigView } from '../view';
import { defineRule, issueMaker, listWords, type RuleOptions } from './rule';

/** The protocols librdkafka speaks (`security.protocol`, case-insensitive). */
export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
/** The SASL mechanisms librdkafka implements (`sasl.mechanism`). */
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512', 'GSSAPI', 'OAUTHBEARER'] as const;

/** Days before expiry from which a certificate draws a warning. */
export const CERTIFICATE_WARNING_DAYS = 30;

const PROTOCOL_HINTS: Readonly<Record<string, string>> = {
  TLS: 'SSL',
  'SSL/TLS': 'SSL',
  HTTPS: 'SSL',
  SASL: 'SASL_SSL',
  SASL_TLS: 'SASL_SSL',
  'SASL-SSL': 'SASL_SSL',
  'SASL-PLAINTEXT': 'SASL_PLAINTEXT',
  NONE: 'PLAINTEXT',
  PLAIN: 'SASL_SSL (with sasl.mechanism=PLAIN: PLAIN is a SASL mechanism, not a protocol)',
};

const MECHANISM_HINTS: Readonly<Record<string, string>> = {
  SCRAM: 'SCRAM-SHA-256 or SCRAM-SHA-512',
  'SCRAM-SHA256': 'SCRAM-SHA-256',
  'SCRAM-SHA512': 'SCRAM-SHA-512',
  'SCRAM_SHA_256': 'SCRAM-SHA-256',
  'SCRAM_SHA_512': 'SCRAM-SHA-512',
  OAUTH: 'OAUTHBEARER',
  OAUTH2: 'OAUTHBEARER',
  OIDC: 'OAUTHBEARER (with sasl.oauthbearer.method=oidc)',
  KERBEROS: 'GSSAPI',
  AWS_MSK_IAM: 'OAUTHBEARER (with an oauth_cb that returns an MSK IAM token)',
};

const I = {
  protocol: issueMaker('security-protocol'),
  mechanism: issueMaker('sasl-mechanism'),
  credentials: issueMaker('sasl-credentials'),
  clear: issueMaker('sasl-plain-in-clear'),
  sslWithoutTls: issueMaker('ssl-without-tls'),
  pair: issueMaker('ssl-cert-key-pair'),
  files: issueMaker('ssl-files'),
  validity: issueMaker('ssl-cert-validity'),
  oauth: issueMaker('sasl-oauthbearer'),
  gssapi: issueMaker('sasl-gssapi'),
};

function protocolName(view: ConfigView): string {
  return view.protocol().toUpperCase();
}

/** `security.protocol` must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (any case). */
export const securityProtocolRule = defineRule('security-protocol', 'security.protocol is PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (case-insensitive)', (view) => {
  const key = view.key('security.protocol');
  if (key === undefined) return [];
  const value = view.raw('security.protocol');
  const all = listWords([...SECURITY_PROTOCOLS], 'or');
  if (typeof value !== 'string') return [I.protocol('error', key, `must be a string: ${all}`, `set ${key} to one of ${all}`)];
  const upper = value.trim().toUpperCase();
  if ((SECURITY_PROTOCOLS as readonly string[]).includes(upper)) return [];
  const hint = PROTOCOL_HINTS[upper] ?? suggestKeys(upper, SECURITY_PROTOCOLS, 1)[0];
  return [I.protocol('error', key, `${JSON.stringify(value)} is not a security protocol; librdkafka speaks ${all}`, hint ? `did you mean ${hint}?` : `use one of ${all}`)];
});

/** SASL protocols need exactly one supported mechanism; a mechanism (or SASL credentials) without a SASL protocol is never used. */
export const saslMechanismRule = defineRule('sasl-mechanism', 'SASL_* protocols need one sasl.mechanism of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, GSSAPI, OAUTHBEARER; SASL keys need a SASL protocol', (view) => {
  const issues: ConfigIssue[] = [];
  const key = view.key('sasl.mechanism') ?? 'sasl.mechanism';
  const protoKey = view.key('security.protocol') ?? 'security.protocol';
  const a = view.config['sasl.mechanism'];
  const b = view.config['sasl.mechanisms'];
  if (typeof a === 'string' && typeof b === 'string' && a.trim().toUpperCase() !== b.trim().toUpperCase()) {
    issues.push(I.mechanism('error', 'sasl.mechanism, sasl.mechanisms', 'sasl.mechanism and sasl.mechanisms are the same setting and are set to different values', 'keep only sasl.mechanism'));
  }
  const mech = view.mechanism();
  if (mech !== undefined) {
    const all = listWords([...SASL_MECHANISMS], 'or');
    const parts = mech.split(/[\s,]+/).filter(Boolean);
    if (parts.length > 1) {
      issues.push(I.mechanism('error', key, `lists ${parts.length} mechanisms; librdkafka uses exactly one`, `keep the one the broker listener enables, e.g. ${parts[0]}`));
    } else if (!(SASL_MECHANISMS as readonly string[]).includes(mech)) {
      const hint = MECHANISM_HINTS[mech] ?? suggestKeys(mech, SASL_MECHANISMS, 1)[0];
      issues.push(I.mechanism('error', key, `${JSON.stringify(view.str('sasl.mechanism'))} is not a SASL mechanism librdkafka supports (${all})`, hint ? `did you mean ${hint}?` : `use one of ${all}`));
    }
  }
  const credentials = ['sasl.username', 'sasl.password'].filter((k) => view.has(k));
  if (view.usesSasl()) {
    if (mech === undefined) {
      const fix = credentials.length > 0 ? 'set sasl.mechanism to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (the one the broker listener enables)' : `set sasl.mechanism to one of ${listWords([...SASL_MECHANISMS], 'or')}`;
      issues.push(I.mechanism('error', `${protoKey}, sasl.mechanism`, `security.protocol is ${protocolName(view)} but sasl.mechanism is not set (librdkafka would fall back to GSSAPI, i.e. Kerberos)`, fix));
    }
  } else {
    const saslKeys = [...(mech !== undefined ? [key] : []), ...credentials];
    if (saslKeys.length > 0) {
      const suggestion = view.protocol() === 'ssl' ? 'SASL_SSL' : 'SASL_SSL (or SASL_PLAINTEXT on an unencrypted listener)';
      issues.push(
        I.mechanism('error', `${protoKey}, ${saslKeys.join(', ')}`, `${listWords(saslKeys)} ${saslKeys.length === 1 ? 'is' : 'are'} set but security.protocol is ${protocolName(view)}${view.has('security.protocol') ? '' : ' (the default)'}, so SASL is never used`, `did you mean security.protocol=${suggestion}?`),
      );
    }
  }
  return issues;
});

/** PLAIN and SCRAM need both `sasl.username` and `sasl.password`. */
export const saslCredentialsRule = defineRule('sasl-credentials', 'PLAIN and SCRAM-SHA-* need sasl.username and sasl.password', (view) => {
  const mech = view.mechanism();
  if (!view.usesSasl() || mech === undefined) return [];
  const needs = mech === 'PLAIN' || mech === 'SCRAM-SHA-256' || mech === 'SCRAM-SHA-512';
  const set = ['sasl.username', 'sasl.password'].filter((k) => view.str(k) !== undefined);
  if (needs) {
    const missing = ['sasl.username', 'sasl.password'].filter((k) => !set.includes(k));
    if (missing.length === 0) return [];
    return [I.credentials('error', missing.join(', '), `sasl.mechanism is ${mech} but ${listWords(missing)} ${missing.length === 1 ? 'is' : 'are'} not set`, `set ${listWords(missing)} (or sasl.jaas.config with username="…" password="…")`)];
  }
  if (set.length > 0 && (mech === 'OAUTHBEARER' || mech === 'GSSAPI')) {
    return [I.credentials('warning', set.join(', '), `${listWords(set)} ${set.length === 1 ? 'is' : 'are'} ignored with sasl.mechanism=${mech}`, 'remove them, or use PLAIN or SCRAM if the broker expects a username and password')];
  }
  return [];
});

/** `sasl.jaas.config` parses as one Kafka login module and agrees with the librdkafka keys also set. */
export const jaasConfigRule = defineRule('jaas-config', 'sasl.jaas.config parses (Plain/Scram/OAuthBearer/Krb5 login module) and does not conflict with explicit keys', (_view, _options, input) => {
  const cleaned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && v !== null) cleaned[k] = v;
  return translateJaas(translateJavaKeys(cleaned).config).issues;
});

/** PLAIN over SASL_PLAINTEXT sends the password in clear text. */
export const plainInClearRule = defineRule('sasl-plain-in-clear', 'PLAIN over SASL_PLAINTEXT warns that the password travels in clear text', (view) => {
  if (view.protocol() !== 'sasl_plaintext' || view.mechanism() !== 'PLAIN') return [];
  const protoKey = view.key('security.protocol') ?? 'security.protocol';
  return [I.clear('warning', `${protoKey}, ${view.key('sasl.mechanism') ?? 'sasl.mechanism'}`, 'sasl.mechanism=PLAIN over security.protocol=SASL_PLAINTEXT sends the password in clear text over the network', 'use SASL_SSL, or SCRAM-SHA-512, which never sends the password itself')];
});

const CERT_KEYS = ['ssl.certificate.location', 'ssl.certificate.pem'];
const KEY_KEYS = ['ssl.key.location', 'ssl.key.pem'];

/** SSL keys while the protocol is PLAINTEXT or SASL_PLAINTEXT: TLS would never be used. */
export const sslWithoutTlsRule = defineRule('ssl-without-tls', 'ssl.* keys with security.protocol PLAINTEXT or SASL_PLAINTEXT are an error ("did you mean SSL/SASL_SSL?")', (view) => {
  if (view.usesTls()) return [];
  const sslKeys = Object.keys(view.config).filter((k) => (k.startsWith('ssl.') || k.startsWith('ssl_') || k === 'enable.ssl.certificate.verification') && view.config[k] !== undefined);
  if (sslKeys.length === 0) return [];
  const protoKey = view.key('security.protocol') ?? 'security.protocol';
  const suggestion = view.protocol() === 'sasl_plaintext' ? 'SASL_SSL' : 'SSL (or SASL_SSL with a SASL mechanism)';
  const shown = sslKeys.length > 3 ? `${sslKeys.slice(0, 3).join(', ')} and ${sslKeys.length - 3} more` : listWords(sslKeys);
  return [I.sslWithoutTls('error', `${protoKey}, ${sslKeys.join(', ')}`, `${shown} ${sslKeys.length === 1 ? 'is' : 'are'} set but security.protocol is ${protocolName(view)}${view.has('security.protocol') ? '' : ' (the default)'}, so TLS is never used`, `did you mean security.protocol=${suggestion}?`)];
});

/** A client certificate and its private key come together (and once each); a PKCS#12 key store needs its password. */
export const certificateKeyPairRule = defineRule('ssl-cert-key-pair', 'client certificate and key both or neither; one source each; ssl.keystore.location needs ssl.keystore.password', (view) => {
  const issues: ConfigIssue[] = [];
  const certs = CERT_KEYS.filter((k) => view.str(k) !== undefined);
  const keys = KEY_KEYS.filter((k) => view.str(k) !== undefined);
  if (certs.length > 1) issues.push(I.pair('error', certs.join(', '), `${listWords(certs)} are both set; librdkafka takes one client certificate`, 'keep one of them'));
  if (keys.length > 1) issues.push(I.pair('error', keys.join(', '), `${listWords(keys)} are both set; librdkafka takes one private key`, 'keep one of them'));
  if (keys.length > 0 && certs.length === 0) {
    const want = keys[0] === 'ssl.key.pem' ? 'ssl.certificate.pem' : 'ssl.certificate.location';
    issues.push(I.pair('error', `${keys[0]}, ${want}`, `${keys[0]} is set but ${want} is not: a private key is useless without its certificate`, `set ${want} to the client certificate, or remove ${keys[0]}`));
  }
  if (certs.length > 0 && keys.length === 0) {
    const want = certs[0] === 'ssl.certificate.pem' ? 'ssl.key.pem' : 'ssl.key.location';
    issues.push(I.pair('error', `${certs[0]}, ${want}`, `${certs[0]} is set but ${want} is not: the broker cannot verify a certificate without its private key`, `set ${want} to the client's private key, or remove ${certs[0]}`));
  }
  const keystore = view.str('ssl.keystore.location') !== undefined;
  if (keystore && (certs.length > 0 || keys.length > 0)) {
    issues.push(I.pair('error', ['ssl.keystore.location', ...certs, ...keys].join(', '), `ssl.keystore.location and ${listWords([...certs, ...keys])} both give a client identity`, 'use either the PKCS#12 key store or a certificate and key'));
  }
  if (keystore && view.raw('ssl.keystore.password') === undefined) {
    issues.push(I.pair('error', 'ssl.keystore.location, ssl.keystore.password', 'ssl.keystore.location is set but ssl.keystore.password is not (librdkafka requires it)', 'set ssl.keystore.password to the PKCS#12 password'));
  }
  if (!keystore && view.raw('ssl.keystore.password') !== undefined) {
    issues.push(I.pair('warning', 'ssl.keystore.password', 'ssl.keystore.password is set but ssl.keystore.location is not, so it is ignored', 'set ssl.keystore.location or remove the password'));
  }
  if (keys.length === 0 && !keystore && view.raw('ssl.key.password') !== undefined) {
    issues.push(I.pair('warning', 'ssl.key.password, ssl.key.location', 'ssl.key.password is set but ssl.key.location is not, so it is ignored', 'set ssl.key.location or remove the password'));
  }
  return issues;
});

function keyProblemText(problem: KeyProblem, source: string): { message: string; fix: string } {
  switch (problem) {
    case 'not-pem':
      return { message: `${source} is not PEM (no -----BEGIN … PRIVATE KEY----- block)`, fix: 'convert the key to PEM, e.g. openssl pkcs8 -topk8 -in key.der -inform DER -out key.pem' };
    case 'no-key':
      return { message: `${source} contains no PRIVATE KEY block`, fix: 'point it at the PEM file with the private key' };
    case 'needs-password':
      return { message: `${source} is encrypted but ssl.key.password is not set`, fix: 'set ssl.key.password to the key passphrase' };
    case 'wrong-password':
      return { message: `${source} cannot be decrypted with ssl.key.password (wrong passphrase?)`, fix: 'check ssl.key.password' };
    case 'corrupt':
      return { message: `${source} holds a private key that cannot be parsed`, fix: 'regenerate or re-export the key as PEM (PKCS#8)' };
  }
}

interface LoadedMaterial {
  issues: ConfigIssue[];
  /** Certificates found, with the key they came from. */
  certificates: { key: string; certs: X509Certificate[] }[];
}

const PEM_FIXES = 'export it as PEM (openssl x509 -in cert.der -inform DER -out cert.pem)';

/** Reads and parses the CA, certificate, key and key store the configuration names. */
function loadMaterial(view: ConfigView): LoadedMaterial {
  const issues: ConfigIssue[] = [];
  const certificates: LoadedMaterial['certificates'] = [];
  let clientCerts: X509Certificate[] | undefined;
  let privateKey: import('node:crypto').KeyObject | undefined;
  let keySource: string | undefined;
  let certSource: string | undefined;

  const certFile = (key: string, allowDirectory: boolean): X509Certificate[] | undefined => {
    const file = view.str(key);
    if (file === undefined || (allowDirectory && file === 'probe')) return undefined;
    const read = readFileChecked(file);
    if (!read.ok) {
      issues.push(I.files('error', key, `${key} points at ${file}, which ${read.reason}`, `fix the path in ${key}`));
      return undefined;
    }
    if (read.isDirectory) {
      if (!allowDirectory) issues.push(I.files('error', key, `${key} points at ${file}, which is a directory, not a PEM file`, `point ${key} at the PEM file`));
      return undefined;
    }
    try {
      const certs = parseCertificates(read.data.toString('latin1'));
      certificates.push({ key, certs });
      return certs;
    } catch (e) {
      issues.push(I.files('error', key, `${key} (${file}) ${(e as Error).message}`, PEM_FIXES));
      return undefined;
    }
  };
  const certPem = (key: string): X509Certificate[] | undefined => {
    const text = view.str(key);
    if (text === undefined) return undefined;
    try {
      const certs = parseCertificates(text);
      certificates.push({ key, certs });
      return certs;
    } catch (e) {
      issues.push(I.files('error', key, `${key} ${(e as Error).message}`, 'paste the certificate in PEM form, -----BEGIN CERTIFICATE----- included'));
      return undefined;
    }
  };

  certFile('ssl.ca.location', true);
  certPem('ssl.ca.pem');
  if (view.str('ssl.certificate.location') !== undefined) {
    clientCerts = certFile('ssl.certificate.location', false);
    certSource = 'ssl.certificate.location';
  } else if (view.str('ssl.certificate.pem') !== undefined) {
    clientCerts = certPem('ssl.certificate.pem');
    certSource = 'ssl.certificate.pem';
  }

  const password = view.str('ssl.key.password');
  const keyFile = view.str('ssl.key.location');
  const keyPem = view.str('ssl.key.pem');
  if (keyFile !== undefined) {
    keySource = 'ssl.key.location';
    const read = readFileChecked(keyFile);
    if (!read.ok) issues.push(I.files('error', 'ssl.key.location', `ssl.key.location points at ${keyFile}, which ${read.reason}`, 'fix the path in ssl.key.location'));
    else if (read.isDirectory) issues.push(I.files('error', 'ssl.key.location', `ssl.key.location points at ${keyFile}, which is a directory, not a PEM file`, 'point ssl.key.location at the PEM key file'));
    else {
      const parsed = parsePrivateKey(read.data.toString('latin1'), password);
      if ('key' in parsed) privateKey = parsed.key;
      else {
        const t = keyProblemText(parsed.problem, `ssl.key.location (${keyFile})`);
        issues.push(I.files('error', parsed.problem === 'needs-password' || parsed.problem === 'wrong-password' ? 'ssl.key.location, ssl.key.password' : 'ssl.key.location', t.message, t.fix));
      }
    }
  } else if (keyPem !== undefined) {
    keySource = 'ssl.key.pem';
    const parsed = parsePrivateKey(keyPem, password);
    if ('key' in parsed) privateKey = parsed.key;
    else {
      const t = keyProblemText(parsed.problem, 'ssl.key.pem');
      issues.push(I.files('error', parsed.problem === 'needs-password' || parsed.problem === 'wrong-password' ? 'ssl.key.pem, ssl.key.password' : 'ssl.key.pem', t.message, t.fix));
    }
  }
  if (privateKey && clientCerts && clientCerts.length > 0 && certSource && keySource) {
    let matches = false;
    try {
      matches = clientCerts[0].checkPrivateKey(privateKey);
    } catch {
      matches = false;
    }
    if (!matches) issues.push(I.files('error', `${keySource}, ${certSource}`, `the private key in ${keySource} does not belong to the certificate in ${certSource}`, 'use the key the certificate was issued for'));
  }

  const keystore = view.str('ssl.keystore.location');
  if (keystore !== undefined) {
    const read = readFileChecked(keystore);
    if (!read.ok) issues.push(I.files('error', 'ssl.keystore.location', `ssl.keystore.location points at ${keystore}, which ${read.reason}`, 'fix the path in ssl.keystore.location'));
    else if (read.isDirectory) issues.push(I.files('error', 'ssl.keystore.location', `ssl.keystore.location points at ${keystore}, which is a directory, not a PKCS#12 file`, 'point it at the .p12 file'));
    else {
      const opened = openPkcs12(read.data, view.str('ssl.keystore.password') ?? (typeof view.raw('ssl.keystore.password') === 'string' ? '' : undefined));
      if ('problem' in opened) {
        const text = {
          'wrong-password': { path: 'ssl.keystore.location, ssl.keystore.password', message: `ssl.keystore.location (${keystore}) cannot be opened with ssl.keystore.password (wrong password?)`, fix: 'check ssl.keystore.password' },
          'not-pkcs12': { path: 'ssl.keystore.location', message: `ssl.keystore.location (${keystore}) is not a PKCS#12 file (a Java JKS key store?)`, fix: `convert it: keytool -importkeystore -srckeystore ${keystore} -destkeystore keystore.p12 -deststoretype PKCS12` },
          unsupported: { path: 'ssl.keystore.location', message: `ssl.keystore.location (${keystore}) uses a legacy PKCS#12 encryption that OpenSSL 3 no longer loads`, fix: 're-export it with modern encryption: openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12' },
          corrupt: { path: 'ssl.keystore.location', message: `ssl.keystore.location (${keystore}) cannot be parsed as PKCS#12`, fix: 're-export the key store' },
        }[opened.problem];
        issues.push(I.files('error', text.path, text.message, text.fix));
      } else if (opened.certificate) {
        certificates.push({ key: 'ssl.keystore.location', certs: [opened.certificate] });
      }
    }
  }

  const crl = view.str('ssl.crl.location');
  if (crl !== undefined) {
    const read = readFileChecked(crl);
    if (!read.ok) issues.push(I.files('error', 'ssl.crl.location', `ssl.crl.location points at ${crl}, which ${read.reason}`, 'fix the path in ssl.crl.location'));
  }
  return { issues, certificates };
}

/** The CA, certificate, key and key store files exist, are readable and parse (PEM, or PKCS#12 with its password); the key belongs to the certificate. */
export const sslFilesRule = defineRule('ssl-files', 'TLS files exist, are readable and parse as PEM (or PKCS#12 with its password); the key matches the certificate', (view, options) => {
  if (options.checkFiles === false) return [];
  return loadMaterial(view).issues;
});

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Certificates that expired or are not yet valid are errors; those expiring within 30 days are warnings. */
export const certificateValidityRule = defineRule('ssl-cert-validity', 'CA and client certificates are valid now; expiring within 30 days warns', (view, options: RuleOptions) => {
  if (options.checkFiles === false) return [];
  const now = options.now ?? new Date();
  const issues: ConfigIssue[] = [];
  for (const { key, certs } of loadMaterial(view).certificates) {
    const what = key.startsWith('ssl.ca') ? 'CA certificate' : 'client certificate';
    for (const cert of certs) {
      const v = certificateValidity(cert, now);
      const name = certificateName(cert);
      if (v.state === 'expired') issues.push(I.validity('error', key, `the ${what} ${name} in ${key} expired on ${day(v.since)}`, 'renew the certificate'));
      else if (v.state === 'not-yet-valid') issues.push(I.validity('error', key, `the ${what} ${name} in ${key} is not valid before ${day(v.from)}`, 'check the clock, or use a certificate that is valid now'));
      else if (v.daysLeft < CERTIFICATE_WARNING_DAYS) {
        issues.push(I.validity('warning', key, `the ${what} ${name} in ${key} expires in ${v.daysLeft} day${v.daysLeft === 1 ? '' : 's'} (on ${day(new Date(cert.validTo))})`, 'renew the certificate soon'));
      }
    }
  }
  return issues;
});

const OIDC_KEYS = ['sasl.oauthbearer.client.id', 'sasl.oauthbearer.client.secret', 'sasl.oauthbearer.token.endpoint.url'];

/** OAUTHBEARER needs a token source: a refresh callback, OIDC with client id/secret/endpoint, or (development only) unsecured JWTs. */
export const oauthbearerRule = defineRule('sasl-oauthbearer', 'OAUTHBEARER needs oauth_cb/oauthbearer_token_refresh_cb or sasl.oauthbearer.method=oidc with client id, secret and token endpoint', (view) => {
  const issues: ConfigIssue[] = [];
  const callbackKey = ['oauth_cb', 'oauthbearer_token_refresh_cb'].find((k) => view.isFunction(k));
  const method = view.str('sasl.oauthbearer.method')?.toLowerCase();
  const oidc = method === 'oidc';
  const unsecure = view.bool('enable.sasl.oauthbearer.unsecure.jwt') === true;
  const mech = view.mechanism();
  if (mech !== 'OAUTHBEARER') {
    if (callbackKey) issues.push(I.oauth('warning', callbackKey, `${callbackKey} is set but sasl.mechanism is ${mech ?? 'not set'}, so it is never called`, 'set sasl.mechanism=OAUTHBEARER or remove it'));
    if (oidc) issues.push(I.oauth('warning', 'sasl.oauthbearer.method', `sasl.oauthbearer.method=oidc is set but sasl.mechanism is ${mech ?? 'not set'}, so it is ignored`, 'set sasl.mechanism=OAUTHBEARER'));
    return issues;
  }
  if (view.has('https.ca.location') && view.has('https.ca.pem')) {
    issues.push(I.oauth('error', 'https.ca.location, https.ca.pem', 'https.ca.location and https.ca.pem are mutually exclusive', 'keep one'));
  }
  if (!callbackKey && !oidc && !unsecure) {
    issues.push(
      I.oauth(
        'error',
        'sasl.mechanism, oauth_cb, sasl.oauthbearer.method',
        'sasl.mechanism is OAUTHBEARER but nothing provides a token',
        'pass oauth_cb (a function returning {token, lifetime, principal}), or set sasl.oauthbearer.method=oidc with sasl.oauthbearer.client.id, sasl.oauthbearer.client.secret and sasl.oauthbearer.token.endpoint.url',
      ),
    );
    return issues;
  }
  if (unsecure && callbackKey) issues.push(I.oauth('error', `enable.sasl.oauthbearer.unsecure.jwt, ${callbackKey}`, `enable.sasl.oauthbearer.unsecure.jwt and ${callbackKey} are mutually exclusive`, 'keep the callback and remove enable.sasl.oauthbearer.unsecure.jwt'));
  if (unsecure && oidc) issues.push(I.oauth('error', 'enable.sasl.oauthbearer.unsecure.jwt, sasl.oauthbearer.method', 'enable.sasl.oauthbearer.unsecure.jwt and sasl.oauthbearer.method=oidc are mutually exclusive', 'remove enable.sasl.oauthbearer.unsecure.jwt'));
  if (callbackKey && oidc) issues.push(I.oauth('warning', `${callbackKey}, sasl.oauthbearer.method`, `${callbackKey} is set together with sasl.oauthbearer.method=oidc; the callback takes over token retrieval`, 'keep one token source'));
  if (unsecure && !callbackKey && !oidc) {
    const cfg = view.str('sasl.oauthbearer.config') ?? '';
    if (!/(^|\s)principal=\S/.test(cfg)) {
      issues.push(I.oauth('error', 'sasl.oauthbearer.config', 'enable.sasl.oauthbearer.unsecure.jwt=true needs sasl.oauthbearer.config with principal=<name>', 'set sasl.oauthbearer.config to e.g. "principal=alice"'));
    }
    issues.push(I.oauth('warning', 'enable.sasl.oauthbearer.unsecure.jwt', 'unsecured JWTs are accepted only by brokers configured for development and testing', 'use oauth_cb or sasl.oauthbearer.method=oidc in production'));
  }
  if (oidc && !callbackKey) {
    const grant = view.str('sasl.oauthbearer.grant.type')?.toLowerCase() ?? 'client_credentials';
    const endpointMissing = view.str('sasl.oauthbearer.token.endpoint.url') === undefined && view.str('sasl.oauthbearer.metadata.authentication.type')?.toLowerCase() !== 'azure_imds';
    if (grant === 'client_credentials') {
      const missing = OIDC_KEYS.filter((k) => (k === 'sasl.oauthbearer.token.endpoint.url' ? endpointMissing : view.str(k) === undefined));
      if (missing.length > 0) issues.push(I.oauth('error', missing.join(', '), `sasl.oauthbearer.method=oidc needs ${listWords(missing)}`, `set ${listWords(missing)}`));
    } else {
      if (endpointMissing) issues.push(I.oauth('error', 'sasl.oauthbearer.token.endpoint.url', 'sasl.oauthbearer.method=oidc needs sasl.oauthbearer.token.endpoint.url', 'set the token endpoint URL'));
      const assertion = ['sasl.oauthbearer.assertion.file', 'sasl.oauthbearer.assertion.private.key.file', 'sasl.oauthbearer.assertion.private.key.pem'].filter((k) => view.str(k) !== undefined);
      if (assertion.length === 0) issues.push(I.oauth('error', 'sasl.oauthbearer.assertion.private.key.file', 'the jwt-bearer grant needs sasl.oauthbearer.assertion.private.key.file, sasl.oauthbearer.assertion.private.key.pem or sasl.oauthbearer.assertion.file', 'set one of them'));
      if (assertion.length > 1) issues.push(I.oauth('error', assertion.join(', '), `${listWords(assertion)} are mutually exclusive`, 'keep one'));
    }
    const url = view.str('sasl.oauthbearer.token.endpoint.url');
    if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) issues.push(I.oauth('error', 'sasl.oauthbearer.token.endpoint.url', 'sasl.oauthbearer.token.endpoint.url is not an http(s) URL', 'use the full https://… URL of the token endpoint'));
  }
  return issues;
});

/** GSSAPI needs Kerberos credentials (a keytab, a kinit command or an externally managed ticket cache) and a librdkafka built with GSSAPI. */
export const gssapiRule = defineRule('sasl-gssapi', 'GSSAPI needs Kerberos keys (keytab/principal, or a ticket cache) and librdkafka built with sasl_gssapi', (view, options) => {
  if (view.mechanism() !== 'GSSAPI' || !view.usesSasl()) return [];
  const issues: ConfigIssue[] = [];
  if (options.features && !options.features.includes('sasl_gssapi')) {
    issues.push(I.gssapi('error', view.key('sasl.mechanism') ?? 'sasl.mechanism', `sasl.mechanism=GSSAPI needs a librdkafka built with GSSAPI (Kerberos), and this one is not (builtin.features: ${options.features.join(', ')})`, 'use a librdkafka built with libsasl2 (cyrus-sasl), or another mechanism'));
  }
  const keytab = view.str('sasl.kerberos.keytab');
  const kinit = view.has('sasl.kerberos.kinit.cmd');
  const externalCache = view.int('sasl.kerberos.min.time.before.relogin') === 0;
  if (keytab === undefined && !kinit && !externalCache) {
    issues.push(
      I.gssapi(
        'error',
        'sasl.kerberos.keytab, sasl.kerberos.principal',
        'sasl.mechanism=GSSAPI but no Kerberos credentials are configured',
        'set sasl.kerberos.keytab and sasl.kerberos.principal, or sasl.kerberos.kinit.cmd, or sasl.kerberos.min.time.before.relogin=0 to use a ticket cache you refresh with kinit yourself',
      ),
    );
  }
  if (keytab !== undefined) {
    if (view.str('sasl.kerberos.principal') === undefined) {
      issues.push(I.gssapi('warning', 'sasl.kerberos.principal', 'sasl.kerberos.keytab is set but sasl.kerberos.principal is not, so librdkafka logs in as "kafkaclient"', 'set sasl.kerberos.principal to the principal in the keytab (e.g. app@EXAMPLE.COM)'));
    }
    if (options.checkFiles !== false) {
      const read = readFileChecked(keytab);
      if (!read.ok || read.isDirectory) issues.push(I.gssapi('error', 'sasl.kerberos.keytab', `sasl.kerberos.keytab points at ${keytab}, which ${read.ok ? 'is a directory' : read.reason}`, 'fix the path to the keytab'));
    }
  }
  return issues;
});

/** Every security rule, in the order validateConfig runs them. */
export const SECURITY_RULES = [
  securityProtocolRule,
  saslMechanismRule,
  saslCredentialsRule,
  jaasConfigRule,
  plainInClearRule,
  sslWithoutTlsRule,
  certificateKeyPairRule,
  sslFilesRule,
  certificateValidityRule,
  oauthbearerRule,
  gssapiRule,
] as const;
