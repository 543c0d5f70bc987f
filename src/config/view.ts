/**
 * A read-only view of a configuration for the rules: aliases resolved (the
 * last one set wins, as in librdkafka), values parsed the way librdkafka
 * parses them, Java keys and `sasl.jaas.config` already translated.
 *
 * @packageDocumentation
 */
import { translateJaas } from './jaas';
import { translateJavaKeys } from './java';
import { namesOf, parseBoolean, parseInteger, propertySpec } from './schema';
import type { ConfigInput } from './types';

/** See the module comment. */
export class ConfigView {
  readonly config: Readonly<Record<string, unknown>>;

  private constructor(config: Record<string, unknown>) {
    this.config = config;
  }

  /** A view of `input` after the Java and JAAS translations (their issues are the rules' business). */
  static of(input: ConfigInput): ConfigView {
    const cleaned: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(input)) if (v !== undefined && v !== null) cleaned[k] = v;
    return new ConfigView(translateJaas(translateJavaKeys(cleaned).config).config);
  }

  /** The key the user set for property `name` (itself or an alias; the last one set), if any. */
  key(name: string): string | undefined {
    const names = namesOf(name);
    let found: string | undefined;
    for (const k of Object.keys(this.config)) if (names.includes(k) && this.config[k] !== undefined) found = k;
    if (found === undefined && this.config[name] !== undefined) found = name;
    return found;
  }

  /** True when property `name` (or an alias) is set. */
  has(name: string): boolean {
    return this.key(name) !== undefined;
  }

  /** The raw value of `name` (or its alias). */
  raw(name: string): unknown {
    const k = this.key(name);
    return k === undefined ? undefined : this.config[k];
  }

  /** The value as a trimmed string (numbers and booleans stringified); empty strings count as unset. */
  str(name: string): string | undefined {
    const v = this.raw(name);
    if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
    return undefined;
  }

  /** The value as librdkafka reads a boolean, or undefined when unset or unreadable. */
  bool(name: string): boolean | undefined {
    return parseBoolean(this.raw(name));
  }

  /** The value as librdkafka reads an integer (words such as `all` included), or undefined. */
  int(name: string): number | undefined {
    return parseInteger(this.raw(name), propertySpec(name)?.words);
  }

  /** True when the value is a function. */
  isFunction(name: string): boolean {
    return typeof this.config[name] === 'function';
  }

  /** `security.protocol` in lower case; `plaintext` when unset (librdkafka's default). */
  protocol(): string {
    return (this.str('security.protocol') ?? 'plaintext').toLowerCase();
  }

  /** `sasl.mechanism` in upper case, or undefined when unset. */
  mechanism(): string | undefined {
    return this.str('sasl.mechanism')?.toUpperCase();
  }

  /** True when the protocol is SASL_PLAINTEXT or SASL_SSL. */
  usesSasl(): boolean {
    const p = this.protocol();
    return p === 'sasl_plaintext' || p === 'sasl_ssl';
  }

  /** True when the protocol is SSL or SASL_SSL. */
  usesTls(): boolean {
    const p = this.protocol();
    return p === 'ssl' || p === 'sasl_ssl';
  }
}
