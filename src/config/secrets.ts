/**
 * Which configuration keys hold secrets, and how to keep their values out of
 * every message simple-kafka produces.
 *
 * @packageDocumentation
 */

/** Keys whose values are secrets (librdkafka's, Java's and Schema Registry's). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'sasl.password',
  'sasl.jaas.config',
  'sasl.oauthbearer.client.secret',
  'sasl.oauthbearer.client.credentials.client.secret',
  'sasl.oauthbearer.assertion.private.key.passphrase',
  'sasl.oauthbearer.assertion.private.key.pem',
  'sasl.oauthbearer.config',
  'ssl.key.password',
  'ssl.key.pem',
  'ssl.keystore.password',
  'ssl.truststore.password',
  'ssl.keystore.key',
  'basic.auth.user.info',
  'schema.registry.basic.auth.user.info',
  'bearer.auth.token',
]);

/** True when the value of `key` must never be shown. Unknown keys that look secret count too. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key) || /(password|passwd|secret|passphrase|user\.info|(^|[._])token$|api[._]?key)/i.test(key);
}

/** Every string value of a secret key in `config` (and the secrets inside a JAAS line), longest first. */
export function secretValues(config: Readonly<Record<string, unknown>>): string[] {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string' || value.length === 0 || !isSecretKey(key)) continue;
    out.add(value);
    if (key === 'sasl.jaas.config' || key === 'sasl.oauthbearer.config') {
      for (const m of value.matchAll(/(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s;,]+)/g)) {
        if (/pass|secret|token|key/i.test(m[1])) out.add(m[2].replace(/^"|"$/g, ''));
      }
    }
  }
  return [...out].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('***');
  return out;
}
