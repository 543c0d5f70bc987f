/**
 * Java's `sasl.jaas.config`: a parser and its translation into librdkafka keys.
 *
 * @remarks
 * Messages never include option values (they hold passwords); parse errors
 * name a character position instead.
 *
 * @packageDocumentation
 */
import { ConfigError, type ConfigIssue } from '../errors';
import { namesOf } from './schema';
import type { ConfigInput } from './types';

/** One login module entry of a JAAS configuration. */
export interface JaasConfig {
  /** The login module class, e.g. `org.apache.kafka.common.security.plain.PlainLoginModule`. */
  loginModule: string;
  controlFlag: 'required' | 'requisite' | 'sufficient' | 'optional';
  /** `key=value` options, quotes removed and escapes resolved. */
  options: Record<string, string>;
  /** False when the line lacks the `;` Java requires at its end. */
  terminated: boolean;
}

const KEY = 'sasl.jaas.config';
const FLAGS = new Set(['required', 'requisite', 'sufficient', 'optional']);

function parseError(message: string, fix?: string): ConfigError {
  return new ConfigError([{ path: KEY, message, fix, severity: 'error', rule: 'jaas-config' }]);
}

/**
 * Parses a Java JAAS line such as
 * `org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="…";`.
 *
 * @throws {@link ConfigError} (path `sasl.jaas.config`) when the text is not one login module entry.
 */
export function parseJaasConfig(text: string): JaasConfig {
  let i = 0;
  const n = text.length;
  const skip = (): void => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  const word = (): string => {
    const start = i;
    while (i < n && /[^\s=;"]/.test(text[i])) i++;
    return text.slice(start, i);
  };
  skip();
  const loginModule = word();
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(loginModule)) {
    throw parseError(`does not start with a login module class name (at character ${i + 1})`, 'write e.g. org.apache.kafka.common.security.plain.PlainLoginModule required username="…" password="…";');
  }
  skip();
  const flag = word();
  if (!FLAGS.has(flag)) {
    throw parseError(`expected a control flag (required, requisite, sufficient or optional) after the login module, at character ${i - flag.length + 1}`, 'add "required" after the login module class');
  }
  const options: Record<string, string> = {};
  let terminated = false;
  for (;;) {
    skip();
    if (i >= n) break;
    if (text[i] === ';') {
      terminated = true;
      i++;
      skip();
      if (i < n) throw parseError(`has text after the ";" that ends the login module, at character ${i + 1}; Kafka takes exactly one login module`, 'keep one login module entry');
      break;
    }
    const key = word();
    if (key === '') throw parseError(`expected an option name at character ${i + 1}`);
    skip();
    if (text[i] !== '=') throw parseError(`option "${key}" has no "=value" (at character ${i + 1})`, 'write options as key="value"');
    i++;
    skip();
    let value: string;
    if (text[i] === '"') {
      i++;
      value = '';
      let closed = false;
      while (i < n) {
        const c = text[i++];
        if (c === '\\' && i < n) {
          const e = text[i++];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else if (c === '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) throw parseError(`the value of option "${key}" has no closing quote`, 'close the quoted value with "');
    } else {
      value = word();
      if (value === '') throw parseError(`option "${key}" has an empty value (at character ${i + 1})`, 'write options as key="value"');
    }
    if (Object.prototype.hasOwnProperty.call(options, key)) throw parseError(`option "${key}" is given twice`, 'keep one');
    options[key] = value;
  }
  return { loginModule, controlFlag: flag as JaasConfig['controlFlag'], options, terminated };
}

/** The SASL mechanism family of a login module, or undefined when it is not one Kafka clients use. */
export function jaasModuleKind(loginModule: string): 'PLAIN' | 'SCRAM' | 'OAUTHBEARER' | 'GSSAPI' | undefined {
  const simple = loginModule.slice(loginModule.lastIndexOf('.') + 1);
  switch (simple) {
    case 'PlainLoginModule':
      return 'PLAIN';
    case 'ScramLoginModule':
      return 'SCRAM';
    case 'OAuthBearerLoginModule':
      return 'OAUTHBEARER';
    case 'Krb5LoginModule':
      return 'GSSAPI';
    default:
      return undefined;
  }
}

/** What a JAAS entry means in librdkafka keys. */
export interface JaasTranslation {
  /** librdkafka keys and values (secrets included; never print them). */
  properties: Record<string, string>;
  issues: ConfigIssue[];
}

function issue(message: string, fix: string | undefined, severity: 'error' | 'warning' = 'error', path = KEY): ConfigIssue {
  return { path, message, fix, severity, rule: 'jaas-config' };
}

/**
 * Translates a parsed JAAS entry into librdkafka keys. `mechanism` is the
 * configured `sasl.mechanism`, needed to tell SCRAM-SHA-256 from SCRAM-SHA-512.
 */
export function jaasToLibrdkafka(jaas: JaasConfig, mechanism?: string): JaasTranslation {
  const properties: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  const kind = jaasModuleKind(jaas.loginModule);
  const opts = { ...jaas.options };
  const mech = mechanism?.trim().toUpperCase();
  const take = (name: string): string | undefined => {
    const v = opts[name];
    delete opts[name];
    return v;
  };
  if (!jaas.terminated) issues.push(issue('does not end with ";" (Java clients reject it)', 'add ";" at the end', 'warning'));
  if (jaas.controlFlag !== 'required') issues.push(issue(`uses control flag "${jaas.controlFlag}"; Kafka clients expect "required"`, 'use required', 'warning'));

  switch (kind) {
    case undefined:
      issues.push(issue(`login module ${jaas.loginModule} is not one librdkafka can stand in for (PlainLoginModule, ScramLoginModule, OAuthBearerLoginModule, Krb5LoginModule)`, 'set sasl.mechanism, sasl.username and sasl.password (or the OAUTHBEARER/Kerberos keys) directly'));
      return { properties, issues };
    case 'PLAIN':
    case 'SCRAM': {
      const brokerSide = Object.keys(opts).filter((k) => k.startsWith('user_'));
      if (brokerSide.length > 0) {
        issues.push(issue(`is a broker-side JAAS entry (it has ${brokerSide.map((k) => `"${k}"`).join(', ')} options); a client needs username and password`, 'write username="…" password="…" for this client'));
        for (const k of brokerSide) delete opts[k];
      }
      const username = take('username');
      const password = take('password');
      take('tokenauth');
      if (username === undefined) issues.push(issue(`${kind === 'PLAIN' ? 'PlainLoginModule' : 'ScramLoginModule'} has no "username" option`, 'add username="…"'));
      if (password === undefined) issues.push(issue(`${kind === 'PLAIN' ? 'PlainLoginModule' : 'ScramLoginModule'} has no "password" option`, 'add password="…"'));
      if (username !== undefined) properties['sasl.username'] = username;
      if (password !== undefined) properties['sasl.password'] = password;
      if (kind === 'PLAIN') {
        properties['sasl.mechanism'] = 'PLAIN';
      } else if (mech === 'SCRAM-SHA-256' || mech === 'SCRAM-SHA-512') {
        properties['sasl.mechanism'] = mech;
      } else if (mech === undefined) {
        issues.push(issue('uses ScramLoginModule but sasl.mechanism is not set, so the SCRAM variant is unknown', 'set sasl.mechanism to SCRAM-SHA-256 or SCRAM-SHA-512', 'error', `${KEY}, sasl.mechanism`));
      }
      break;
    }
    case 'OAUTHBEARER': {
      properties['sasl.mechanism'] = 'OAUTHBEARER';
      const unsecured: string[] = [];
      for (const k of Object.keys(opts)) {
        const v = opts[k];
        if (k === 'unsecuredLoginStringClaim_sub') unsecured.push(`principal=${v}`);
        else if (k === 'unsecuredLoginPrincipalClaimName') unsecured.push(`principalClaimName=${v}`);
        else if (k === 'unsecuredLoginLifetimeSeconds') unsecured.push(`lifeSeconds=${v}`);
        else if (k === 'unsecuredLoginScopeClaimName') unsecured.push(`scopeClaimName=${v}`);
        else if (k === 'unsecuredLoginListClaim_scope') {
          const sep = v.charAt(0);
          unsecured.push(`scope=${v.slice(1).split(sep).filter(Boolean).join(',')}`);
        } else if (k.startsWith('unsecuredLoginExtension_')) unsecured.push(`extension_${k.slice('unsecuredLoginExtension_'.length)}=${v}`);
        else if (k.startsWith('unsecuredLogin')) {
          issues.push(issue(`option "${k}" has no librdkafka equivalent and is ignored`, 'remove it', 'warning'));
        } else continue;
        delete opts[k];
      }
      if (unsecured.length > 0) {
        properties['enable.sasl.oauthbearer.unsecure.jwt'] = 'true';
        properties['sasl.oauthbearer.config'] = unsecured.join(' ');
      }
      const clientId = take('clientId');
      const clientSecret = take('clientSecret');
      const scope = take('scope');
      if (clientId !== undefined || clientSecret !== undefined) {
        properties['sasl.oauthbearer.method'] = 'oidc';
        if (clientId !== undefined) properties['sasl.oauthbearer.client.id'] = clientId;
        if (clientSecret !== undefined) properties['sasl.oauthbearer.client.secret'] = clientSecret;
        if (scope !== undefined) properties['sasl.oauthbearer.scope'] = scope;
      } else if (scope !== undefined) {
        opts.scope = scope;
      }
      break;
    }
    case 'GSSAPI': {
      properties['sasl.mechanism'] = 'GSSAPI';
      const keyTab = take('keyTab');
      const principal = take('principal');
      const serviceName = take('serviceName');
      const useTicketCache = take('useTicketCache');
      for (const k of ['useKeyTab', 'storeKey', 'doNotPrompt', 'renewTGT', 'debug', 'refreshKrb5Config', 'isInitiator']) take(k);
      if (keyTab !== undefined) properties['sasl.kerberos.keytab'] = keyTab;
      if (principal !== undefined) properties['sasl.kerberos.principal'] = principal;
      if (serviceName !== undefined) properties['sasl.kerberos.service.name'] = serviceName;
      if (keyTab === undefined && useTicketCache === 'true') properties['sasl.kerberos.min.time.before.relogin'] = '0';
      break;
    }
  }
  for (const k of Object.keys(opts)) {
    issues.push(issue(`option "${k}" has no librdkafka equivalent and is ignored`, 'remove it', 'warning'));
  }
  return { properties, issues };
}

function currentValue(config: ConfigInput, name: string): { key: string; value: unknown } | undefined {
  let found: { key: string; value: unknown } | undefined;
  for (const alias of namesOf(name)) {
    const v = config[alias];
    if (v !== undefined && v !== null) found = { key: alias, value: v };
  }
  return found;
}

function sameValue(a: unknown, b: string): boolean {
  return String(a).trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Replaces `sasl.jaas.config` in a configuration by the librdkafka keys it
 * means. Keys set explicitly win; a different value in both places is
 * reported as a conflict naming both keys (values are never shown).
 */
export function translateJaas(config: ConfigInput): { config: Record<string, unknown>; issues: ConfigIssue[] } {
  const text = config[KEY];
  const { [KEY]: _dropped, ...rest } = config;
  if (text === undefined || text === null) return { config: { ...config }, issues: [] };
  if (typeof text !== 'string') {
    return { config: rest, issues: [issue('must be a string (a Java JAAS line)', 'write e.g. org.apache.kafka.common.security.plain.PlainLoginModule required username="…" password="…";')] };
  }
  let jaas: JaasConfig;
  try {
    jaas = parseJaasConfig(text);
  } catch (e) {
    if (e instanceof ConfigError) return { config: rest, issues: [...e.issues] };
    throw e;
  }
  const mechanism = currentValue(config, 'sasl.mechanism');
  const translated = jaasToLibrdkafka(jaas, typeof mechanism?.value === 'string' ? mechanism.value : undefined);
  const issues = [...translated.issues];
  const out: Record<string, unknown> = { ...rest };
  for (const [name, value] of Object.entries(translated.properties)) {
    const existing = currentValue(config, name);
    if (existing === undefined) {
      out[name] = value;
    } else if (!sameValue(existing.value, value)) {
      const what = name === 'sasl.mechanism' ? `implies mechanism ${value}, but ${existing.key} is ${String(existing.value)}` : `sets ${name}, and ${existing.key} sets it to a different value`;
      issues.push(issue(`${KEY} ${what}`, `keep only one of ${KEY} and ${existing.key}`, 'error', `${KEY}, ${existing.key}`));
    }
  }
  return { config: out, issues };
}
