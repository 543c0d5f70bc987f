/**
 * `SchemaRegistryClient`: Confluent Schema Registry's REST API with caches,
 * request coalescing, failover and retries — the methods of Python's
 * `SchemaRegistryClient`, in camelCase.
 *
 * @packageDocumentation
 */

import { readFileSync } from 'node:fs';
import { ConfigError, SchemaRegistryError, type ConfigIssue } from '../errors';
import { isCompatibilityLevel, type CompatibilityLevel } from './compatibility';
import { HttpTransport, MockTransport, type Transport } from './http';
import { LruCache } from './lru';
import { MockSchemaRegistry, type RegistryResponse } from './mock';
import { toSchema, type RegistryMode, type CompatibilityCheckResult, type RegisteredSchema, type Schema, type SchemaReference, type SchemaType } from './types';

/**
 * Configuration of a {@link SchemaRegistryClient}; the keys of Confluent's
 * clients (Python's `SchemaRegistryClient(conf)`).
 */
export interface SchemaRegistryClientConfig {
  /**
   * Registry URL; several, comma-separated, for failover. `mock://scope`
   * selects the in-process {@link MockSchemaRegistry} of that scope.
   * User info in the URL (`https://user:pass@host`) is used for basic auth
   * when `basic.auth.credentials.source` is `URL` (the default).
   */
  url: string;
  /** Where basic-auth credentials come from: `URL` (default), `USER_INFO` or `SASL_INHERIT`. */
  'basic.auth.credentials.source'?: 'URL' | 'USER_INFO' | 'SASL_INHERIT';
  /** `user:password` for basic auth. Never shown in errors. */
  'basic.auth.user.info'?: string;
  /** SASL username, for `SASL_INHERIT`. */
  'sasl.username'?: string;
  /** SASL password, for `SASL_INHERIT`. Never shown in errors. */
  'sasl.password'?: string;
  /** `STATIC_TOKEN` (the only source supported); implied by `bearer.auth.token`. */
  'bearer.auth.credentials.source'?: 'STATIC_TOKEN';
  /** Bearer token sent as `Authorization: Bearer …`. Never shown in errors. */
  'bearer.auth.token'?: string;
  /** Confluent Cloud logical cluster (`target-sr-cluster` header). */
  'bearer.auth.logical.cluster'?: string;
  /** Confluent Cloud identity pool (`Confluent-Identity-Pool-Id` header). */
  'bearer.auth.identity.pool.id'?: string;
  /** PEM file of CA certificates to trust. */
  'ssl.ca.location'?: string;
  /** PEM client certificate (mutual TLS). */
  'ssl.certificate.location'?: string;
  /** PEM client key (mutual TLS). */
  'ssl.key.location'?: string;
  /** Passphrase of the client key. Never shown in errors. */
  'ssl.key.password'?: string;
  /** Entries per cache (schemas by id, ids by schema, versions); default 1000. */
  'cache.capacity'?: number;
  /** Lifetime of cached "latest version" answers, in seconds; default: no expiry (as Python). */
  'cache.latest.ttl.sec'?: number;
  /** Retries after the first attempt, for network errors and 408/429/5xx; default 3. */
  'max.retries'?: number;
  /** First retry backoff (doubling, full jitter); default 1000. */
  'retries.wait.ms'?: number;
  /** Backoff cap; default 20000. */
  'retries.max.wait.ms'?: number;
  /** Per-attempt HTTP timeout; default 30000. */
  'request.timeout.ms'?: number;
  /** Per-attempt HTTP timeout in seconds (Python's key); `request.timeout.ms` wins. */
  timeout?: number;
}

const KNOWN_KEYS = new Set<string>([
  'url',
  'basic.auth.credentials.source',
  'basic.auth.user.info',
  'sasl.username',
  'sasl.password',
  'bearer.auth.credentials.source',
  'bearer.auth.token',
  'bearer.auth.logical.cluster',
  'bearer.auth.identity.pool.id',
  'ssl.ca.location',
  'ssl.certificate.location',
  'ssl.key.location',
  'ssl.key.password',
  'cache.capacity',
  'cache.latest.ttl.sec',
  'max.retries',
  'retries.wait.ms',
  'retries.max.wait.ms',
  'request.timeout.ms',
  'timeout',
]);

interface Resolved {
  transport: Transport;
  capacity: number;
  latestTtlMs: number | undefined;
  urls: string;
}

function err(path: string, message: string, fix?: string): ConfigIssue {
  return { path, message, severity: 'error', ...(fix ? { fix } : {}) };
}

function readPem(path: string, key: string, issues: ConfigIssue[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    issues.push(err(key, `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
    return undefined;
  }
}

function num(conf: Record<string, unknown>, key: string, dflt: number, min: number, issues: ConfigIssue[]): number {
  const v = conf[key];
  if (v === undefined || v === null) return dflt;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min) {
    issues.push(err(key, `must be a number ≥ ${min}, got ${JSON.stringify(v)}`));
    return dflt;
  }
  return n;
}

function resolveConfig(config: SchemaRegistryClientConfig): Resolved {
  const conf = (config ?? {}) as unknown as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  for (const k of Object.keys(conf)) {
    if (!KNOWN_KEYS.has(k) && conf[k] !== undefined) issues.push(err(k, 'unrecognized property', `known properties: ${[...KNOWN_KEYS].join(', ')}`));
  }
  const capacity = num(conf, 'cache.capacity', 1000, 1, issues);
  const ttlSec = conf['cache.latest.ttl.sec'] === undefined ? undefined : num(conf, 'cache.latest.ttl.sec', 0, 0, issues);
  const latestTtlMs = ttlSec === undefined ? undefined : ttlSec * 1000;

  const url = conf.url;
  if (typeof url !== 'string' || url.trim() === '') {
    issues.push(err('url', 'is required', "e.g. 'http://localhost:8081' or 'mock://my-test'"));
    throw new ConfigError(issues);
  }
  if (url.startsWith('mock://')) {
    if (issues.length) throw new ConfigError(issues);
    const scope = url.slice('mock://'.length);
    return { transport: new MockTransport(MockSchemaRegistry.forScope(scope)), capacity, latestTtlMs, urls: url };
  }

  const urls: URL[] = [];
  let urlUserInfo: string | undefined;
  for (const raw of url.split(',').map((s) => s.trim()).filter(Boolean)) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      // Do not echo the text: it may hold credentials.
      issues.push(err('url', `not a valid URL (entry ${urls.length + 1})`, 'use http://host:port or https://host:port'));
      continue;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      issues.push(err('url', `unsupported scheme ${u.protocol} (entry ${urls.length + 1})`, 'use http, https or mock'));
      continue;
    }
    if (u.username || u.password) {
      urlUserInfo ??= `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
      u.username = '';
      u.password = '';
    }
    u.search = '';
    u.hash = '';
    urls.push(u);
  }

  const headers: Record<string, string> = {};
  const source = (conf['basic.auth.credentials.source'] ?? 'URL') as string;
  const userInfo = conf['basic.auth.user.info'];
  let basic: string | undefined;
  switch (source) {
    case 'URL':
      if (userInfo !== undefined && urlUserInfo !== undefined) {
        issues.push(err('basic.auth.user.info', 'is set and the url holds user info too', 'remove the credentials from the url or remove basic.auth.user.info'));
      }
      basic = urlUserInfo ?? (typeof userInfo === 'string' ? userInfo : undefined);
      break;
    case 'USER_INFO':
      if (typeof userInfo !== 'string' || userInfo === '') {
        issues.push(err('basic.auth.user.info', 'is required when basic.auth.credentials.source is USER_INFO', "set it to 'user:password'"));
      }
      basic = typeof userInfo === 'string' ? userInfo : undefined;
      break;
    case 'SASL_INHERIT': {
      const u = conf['sasl.username'];
      const p = conf['sasl.password'];
      if (typeof u !== 'string' || typeof p !== 'string') {
        issues.push(err('sasl.username, sasl.password', 'are required when basic.auth.credentials.source is SASL_INHERIT'));
      } else {
        basic = `${u}:${p}`;
      }
      break;
    }
    default:
      issues.push(err('basic.auth.credentials.source', `must be URL, USER_INFO or SASL_INHERIT, got ${JSON.stringify(source)}`));
  }
  if (basic !== undefined && !basic.includes(':')) {
    issues.push(err('basic.auth.user.info', "must have the form 'user:password'"));
  }
  const token = conf['bearer.auth.token'];
  const bearerSource = conf['bearer.auth.credentials.source'];
  if (bearerSource !== undefined && bearerSource !== 'STATIC_TOKEN') {
    issues.push(err('bearer.auth.credentials.source', `only STATIC_TOKEN is supported, got ${JSON.stringify(bearerSource)}`));
  }
  if (bearerSource === 'STATIC_TOKEN' && (typeof token !== 'string' || token === '')) {
    issues.push(err('bearer.auth.token', 'is required when bearer.auth.credentials.source is STATIC_TOKEN'));
  }
  if (token !== undefined) {
    if (basic !== undefined) {
      issues.push(err('bearer.auth.token, basic.auth.user.info', 'basic and bearer authentication are both configured', 'use one of them'));
    }
    headers.Authorization = `Bearer ${String(token)}`;
    if (typeof conf['bearer.auth.logical.cluster'] === 'string') headers['target-sr-cluster'] = conf['bearer.auth.logical.cluster'];
    if (typeof conf['bearer.auth.identity.pool.id'] === 'string') headers['Confluent-Identity-Pool-Id'] = conf['bearer.auth.identity.pool.id'];
  } else if (basic !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(basic, 'utf8').toString('base64')}`;
  }

  const tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; passphrase?: string } = {};
  if (typeof conf['ssl.ca.location'] === 'string') tls.ca = readPem(conf['ssl.ca.location'], 'ssl.ca.location', issues);
  const certLoc = conf['ssl.certificate.location'];
  const keyLoc = conf['ssl.key.location'];
  if ((certLoc === undefined) !== (keyLoc === undefined)) {
    issues.push(
      certLoc === undefined
        ? err('ssl.key.location, ssl.certificate.location', '`ssl.key.location` is set but `ssl.certificate.location` is not')
        : err('ssl.certificate.location, ssl.key.location', '`ssl.certificate.location` is set but `ssl.key.location` is not'),
    );
  }
  if (typeof certLoc === 'string') tls.cert = readPem(certLoc, 'ssl.certificate.location', issues);
  if (typeof keyLoc === 'string') tls.key = readPem(keyLoc, 'ssl.key.location', issues);
  if (typeof conf['ssl.key.password'] === 'string') tls.passphrase = conf['ssl.key.password'];

  const maxRetries = num(conf, 'max.retries', 3, 0, issues);
  const retriesWaitMs = num(conf, 'retries.wait.ms', 1000, 0, issues);
  const retriesMaxWaitMs = num(conf, 'retries.max.wait.ms', 20000, 0, issues);
  const timeoutMs =
    conf['request.timeout.ms'] !== undefined ? num(conf, 'request.timeout.ms', 30000, 1, issues) : conf.timeout !== undefined ? num(conf, 'timeout', 30, 0.001, issues) * 1000 : 30000;

  if (urls.length === 0 && !issues.some((i) => i.path === 'url')) issues.push(err('url', 'has no URL'));
  if (issues.length) throw new ConfigError(issues);
  return {
    transport: new HttpTransport({ urls, headers, maxRetries: Math.floor(maxRetries), retriesWaitMs, retriesMaxWaitMs, timeoutMs, tls }),
    capacity,
    latestTtlMs,
    urls: urls.map((u) => `${u.protocol}//${u.host}`).join(','),
  };
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

function schemaKey(s: Schema): string {
  return JSON.stringify([s.schemaType ?? 'AVRO', s.schema, (s.references ?? []).map((r) => [r.name, r.subject, r.version])]);
}

function requestBody(s: Schema): Record<string, unknown> {
  return {
    schema: s.schema,
    ...(s.schemaType && s.schemaType !== 'AVRO' ? { schemaType: s.schemaType } : {}),
    ...(s.references && s.references.length ? { references: s.references } : {}),
  };
}

function asSchema(body: unknown): Schema {
  const b = body as { schema?: unknown; schemaType?: unknown; references?: unknown };
  const out: Schema = { schema: String(b.schema), schemaType: (typeof b.schemaType === 'string' ? b.schemaType : 'AVRO') as SchemaType };
  if (Array.isArray(b.references) && b.references.length) out.references = b.references as SchemaReference[];
  const guid = (body as { guid?: unknown }).guid;
  if (typeof guid === 'string' && guid !== '') out.guid = guid;
  return out;
}

function asRegistered(body: unknown, subject: string): RegisteredSchema {
  const b = body as { id?: unknown; version?: unknown; subject?: unknown };
  return { ...asSchema(body), id: Number(b.id), subject: typeof b.subject === 'string' ? b.subject : subject, version: Number(b.version) };
}

/**
 * A Schema Registry client (Confluent REST API), or the in-process mock for
 * `mock://` URLs.
 *
 * @remarks
 * Caches: schemas by id, ids by (subject, schema), versions, and "latest"
 * answers (with `cache.latest.ttl.sec`). Concurrent calls that need the same
 * missing entry share one HTTP request. Safe to share across producers and
 * consumers; call {@link SchemaRegistryClient.close} to release sockets.
 *
 * Every failure is a {@link SchemaRegistryError} with the HTTP status (0 when
 * the registry could not be reached) and Confluent's error code (e.g. 40401
 * subject not found, 40403 schema not found, 409 incompatible, 42201 invalid
 * schema); credentials never appear in messages.
 *
 * @example
 * ```ts
 * const registry = new SchemaRegistryClient({ url: 'http://localhost:8081', 'basic.auth.user.info': 'me:secret' });
 * const id = await registry.registerSchema('orders-value', { schema: JSON.stringify(orderSchema) });
 * ```
 */
export class SchemaRegistryClient {
  readonly #transport: Transport;
  readonly #schemaById: LruCache<number, Schema>;
  readonly #bySchema: LruCache<string, RegisteredSchema | { id: number; guid?: string }>;
  readonly #schemaByGuid: LruCache<string, Schema>;
  readonly #versions: LruCache<string, RegisteredSchema>;
  readonly #latest: LruCache<string, RegisteredSchema>;
  readonly #inflight = new Map<string, Promise<unknown>>();
  readonly #urls: string;

  /**
   * @param config - `url` plus optional auth, TLS, cache and retry settings.
   * @throws {@link ConfigError} listing every bad key (unknown keys included).
   */
  constructor(config: SchemaRegistryClientConfig) {
    const r = resolveConfig(config);
    this.#transport = r.transport;
    this.#urls = r.urls;
    this.#schemaById = new LruCache(r.capacity);
    this.#bySchema = new LruCache(r.capacity);
    this.#schemaByGuid = new LruCache(r.capacity);
    this.#versions = new LruCache(r.capacity);
    this.#latest = new LruCache(r.capacity, r.latestTtlMs);
  }

  /** The registry URLs (without credentials), or the `mock://` URL. */
  get url(): string {
    return this.#urls;
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res: RegistryResponse = await this.#transport.request(method, path, body);
    if (res.status >= 200 && res.status < 300) return res.body as T;
    const b = res.body as { error_code?: unknown; message?: unknown } | string | null;
    if (b && typeof b === 'object' && typeof b.error_code === 'number') {
      throw new SchemaRegistryError(res.status, b.error_code, `${typeof b.message === 'string' ? b.message : 'schema registry error'} (${method} ${path.split('?')[0]})`);
    }
    const text = typeof b === 'string' ? b.slice(0, 200) : '';
    throw new SchemaRegistryError(res.status, -1, `schema registry answered HTTP ${res.status}${text ? `: ${text}` : ''} (${method} ${path.split('?')[0]})`);
  }

  /** Run `fn` once for concurrent callers with the same key. */
  #once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.#inflight.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const p = fn().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  /**
   * Register a schema under a subject, or return its id if it is already registered there.
   *
   * @param subject - e.g. `orders-value`.
   * @param schema - the schema (a string is Avro schema text).
   * @param normalize - ask the registry to normalize the schema first.
   * @returns the global schema id.
   * @throws {@link SchemaRegistryError} 409 (incompatible), 42201 (invalid schema), 42205 (read-only), …
   */
  async registerSchema(subject: string, schema: Schema | string, normalize = false): Promise<number> {
    return (await this.registerSchemaFullResponse(subject, schema, normalize)).id;
  }

  /**
   * Like {@link SchemaRegistryClient.registerSchema}, returning what the registry answered
   * (`version` is `NaN` when the registry's answer does not carry it).
   */
  async registerSchemaFullResponse(subject: string, schema: Schema | string, normalize = false): Promise<RegisteredSchema> {
    const s = toSchema(schema);
    const key = `${subject}\0${normalize ? 1 : 0}\0${schemaKey(s)}`;
    const cached = this.#bySchema.get(key);
    if (cached) return { ...s, subject, version: NaN, ...cached };
    return this.#once(`register\0${key}`, async () => {
      const body = await this.#call<{ id: number; version?: number; guid?: unknown }>('POST', `/subjects/${enc(subject)}/versions${normalize ? '?normalize=true' : ''}`, requestBody(s));
      const id = Number(body.id);
      const guid = typeof body.guid === 'string' && body.guid !== '' ? { guid: body.guid } : {};
      const registered: RegisteredSchema = { ...s, id, subject, version: body.version === undefined ? NaN : Number(body.version), ...guid };
      this.#bySchema.set(key, { id, ...guid });
      if (!this.#schemaById.get(id)) this.#schemaById.set(id, { schemaType: 'AVRO', ...s, ...guid });
      this.#latest.delete(subject);
      return registered;
    });
  }

  /**
   * The schema with a global id.
   *
   * @param id - the schema id (as in the wire format).
   * @param subject - optional subject hint (for registries with contexts).
   * @throws {@link SchemaRegistryError} 404/40403 when there is no such schema.
   */
  async getSchema(id: number, subject?: string): Promise<Schema> {
    const cached = this.#schemaById.get(id);
    if (cached) return cached;
    return this.#once(`id\0${id}`, async () => {
      const body = await this.#call<unknown>('GET', `/schemas/ids/${id}${subject ? `?subject=${enc(subject)}` : ''}`);
      const s = asSchema(body);
      this.#schemaById.set(id, s);
      return s;
    });
  }

  /**
   * The schema with a GUID (`GET /schemas/guids/{guid}`), for messages framed
   * with a schema GUID (magic byte `0x01`, or the `__value_schema_id` header).
   *
   * @param guid - the GUID, `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
   * @throws {@link SchemaRegistryError} 404/40403 when there is no such schema.
   */
  async getSchemaByGuid(guid: string): Promise<Schema> {
    const key = String(guid).toLowerCase();
    const cached = this.#schemaByGuid.get(key);
    if (cached) return cached;
    return this.#once(`guid\0${key}`, async () => {
      const s = asSchema(await this.#call<unknown>('GET', `/schemas/guids/${enc(key)}`));
      s.guid ??= key;
      this.#schemaByGuid.set(key, s);
      return s;
    });
  }

  /**
   * The GUID of the schema with a global id, from what the registry already
   * said about it (registration, lookup) or `GET /schemas/ids/{id}`;
   * `undefined` when the registry does not assign GUIDs.
   *
   * @throws {@link SchemaRegistryError} 404/40403 when there is no such schema.
   */
  async getGuid(id: number): Promise<string | undefined> {
    const s = await this.getSchema(id);
    return s.guid;
  }

  /**
   * Find a schema among a subject's versions.
   *
   * @param normalize - compare normalized schemas.
   * @param deleted - include soft-deleted versions.
   * @throws {@link SchemaRegistryError} 40401 (no subject), 40403 (not registered there).
   */
  async lookupSchema(subject: string, schema: Schema | string, normalize = false, deleted = false): Promise<RegisteredSchema> {
    const s = toSchema(schema);
    const key = `${subject}\0${normalize ? 1 : 0}\0${schemaKey(s)}`;
    const cached = this.#bySchema.get(key);
    if (cached && 'version' in cached && !deleted) return cached;
    const q = [normalize ? 'normalize=true' : '', deleted ? 'deleted=true' : ''].filter(Boolean).join('&');
    return this.#once(`lookup\0${deleted ? 1 : 0}\0${key}`, async () => {
      const body = await this.#call<unknown>('POST', `/subjects/${enc(subject)}${q ? `?${q}` : ''}`, requestBody(s));
      const registered = asRegistered(body, subject);
      if (!deleted) this.#bySchema.set(key, registered);
      if (!this.#schemaById.get(registered.id)) this.#schemaById.set(registered.id, asSchema(body));
      return registered;
    });
  }

  /** Every subject (with `deleted`, soft-deleted ones too). */
  async getSubjects(deleted = false): Promise<string[]> {
    return this.#call<string[]>('GET', `/subjects${deleted ? '?deleted=true' : ''}`);
  }

  /**
   * Delete a subject: soft by default, `permanent` after a soft delete.
   *
   * @returns the versions deleted.
   * @throws {@link SchemaRegistryError} 40401, 40404 (already soft-deleted), 40405 (permanent before soft), 42206 (referenced).
   */
  async deleteSubject(subject: string, permanent = false): Promise<number[]> {
    try {
      return await this.#call<number[]>('DELETE', `/subjects/${enc(subject)}${permanent ? '?permanent=true' : ''}`);
    } finally {
      this.#forgetSubject(subject);
    }
  }

  /**
   * The latest version of a subject (cached; see `cache.latest.ttl.sec`).
   *
   * @throws {@link SchemaRegistryError} 40401 when the subject does not exist.
   */
  async getLatestVersion(subject: string): Promise<RegisteredSchema> {
    const cached = this.#latest.get(subject);
    if (cached) return cached;
    return this.#once(`latest\0${subject}`, async () => {
      const body = await this.#call<unknown>('GET', `/subjects/${enc(subject)}/versions/latest`);
      const r = asRegistered(body, subject);
      this.#latest.set(subject, r);
      this.#versions.set(`${subject}\0${r.version}`, r);
      if (!this.#schemaById.get(r.id)) this.#schemaById.set(r.id, asSchema(body));
      return r;
    });
  }

  /**
   * One version of a subject.
   *
   * @param version - a version number or `'latest'`.
   * @param deleted - also find a soft-deleted version.
   * @throws {@link SchemaRegistryError} 40401 (no subject), 40402 (no version), 42202 (invalid version).
   */
  async getVersion(subject: string, version: number | 'latest', deleted = false): Promise<RegisteredSchema> {
    const key = `${subject}\0${version}`;
    const cached = version === 'latest' || deleted ? undefined : this.#versions.get(key);
    if (cached) return cached;
    return this.#once(`version\0${deleted ? 1 : 0}\0${key}`, async () => {
      const body = await this.#call<unknown>('GET', `/subjects/${enc(subject)}/versions/${version === 'latest' ? 'latest' : String(version)}${deleted ? '?deleted=true' : ''}`);
      const r = asRegistered(body, subject);
      if (!deleted) this.#versions.set(`${subject}\0${r.version}`, r);
      if (!this.#schemaById.get(r.id)) this.#schemaById.set(r.id, asSchema(body));
      return r;
    });
  }

  /**
   * The version numbers of a subject.
   *
   * @throws {@link SchemaRegistryError} 40401 when the subject does not exist.
   */
  async getVersions(subject: string, deleted = false): Promise<number[]> {
    return this.#call<number[]>('GET', `/subjects/${enc(subject)}/versions${deleted ? '?deleted=true' : ''}`);
  }

  /**
   * Delete one version: soft by default, `permanent` after a soft delete.
   *
   * @returns the version deleted.
   * @throws {@link SchemaRegistryError} 40401, 40402, 40406 (already soft-deleted), 40407 (permanent before soft), 42206 (referenced).
   */
  async deleteVersion(subject: string, version: number | 'latest', permanent = false): Promise<number> {
    try {
      return await this.#call<number>('DELETE', `/subjects/${enc(subject)}/versions/${String(version)}${permanent ? '?permanent=true' : ''}`);
    } finally {
      this.#forgetSubject(subject);
    }
  }

  /**
   * The compatibility level of a subject, or the global one when `subject` is omitted.
   *
   * @param options.defaultToGlobal - fall back to the global level when the subject has none (otherwise 40408).
   * @throws {@link SchemaRegistryError} 40408 when the subject has no level of its own.
   */
  async getCompatibility(subject?: string | null, options: { defaultToGlobal?: boolean } = {}): Promise<CompatibilityLevel> {
    const path = subject ? `/config/${enc(subject)}${options.defaultToGlobal ? '?defaultToGlobal=true' : ''}` : '/config';
    const body = await this.#call<{ compatibilityLevel?: string; compatibility?: string }>('GET', path);
    return (body.compatibilityLevel ?? body.compatibility) as CompatibilityLevel;
  }

  /**
   * Set the compatibility level of a subject, or the global one when `subject` is null.
   *
   * @returns the level now in force.
   * @throws {@link SchemaRegistryError} 42203 on an unknown level.
   */
  async setCompatibility(subject: string | null | undefined, level: CompatibilityLevel): Promise<CompatibilityLevel> {
    if (!isCompatibilityLevel(level)) {
      throw new SchemaRegistryError(422, 42203, `Invalid compatibility level ${JSON.stringify(level)}`);
    }
    const body = await this.#call<{ compatibility: string }>('PUT', subject ? `/config/${enc(subject)}` : '/config', { compatibility: level });
    return body.compatibility as CompatibilityLevel;
  }

  /**
   * Whether a schema could be registered under a subject (against one version, `latest` by default).
   *
   * @throws {@link SchemaRegistryError} 40401, 40402, 42201.
   */
  async testCompatibility(subject: string, schema: Schema | string, version: number | 'latest' = 'latest'): Promise<boolean> {
    return (await this.testCompatibilityVerbose(subject, schema, version)).isCompatible;
  }

  /** {@link SchemaRegistryClient.testCompatibility} with the registry's reasons. */
  async testCompatibilityVerbose(subject: string, schema: Schema | string, version: number | 'latest' = 'latest'): Promise<CompatibilityCheckResult> {
    const body = await this.#call<{ is_compatible: boolean; messages?: string[] }>(
      'POST',
      `/compatibility/subjects/${enc(subject)}/versions/${String(version)}?verbose=true`,
      requestBody(toSchema(schema)),
    );
    return { isCompatible: body.is_compatible === true, messages: body.messages ?? [] };
  }

  /**
   * The mode of a subject, or the global mode when `subject` is omitted.
   *
   * @throws {@link SchemaRegistryError} 40409 when the subject has no mode of its own.
   */
  async getMode(subject?: string | null, options: { defaultToGlobal?: boolean } = {}): Promise<RegistryMode> {
    const path = subject ? `/mode/${enc(subject)}${options.defaultToGlobal ? '?defaultToGlobal=true' : ''}` : '/mode';
    return (await this.#call<{ mode: RegistryMode }>('GET', path)).mode;
  }

  /**
   * Set the mode of a subject, or the global mode when `subject` is null.
   *
   * @param force - allow IMPORT mode on a registry that has schemas.
   * @throws {@link SchemaRegistryError} 42204 (invalid mode), 42205 (IMPORT with schemas, no force).
   */
  async setMode(subject: string | null | undefined, mode: RegistryMode, force = false): Promise<RegistryMode> {
    const path = `${subject ? `/mode/${enc(subject)}` : '/mode'}${force ? '?force=true' : ''}`;
    return (await this.#call<{ mode: RegistryMode }>('PUT', path, { mode })).mode;
  }

  /** Forget cached "latest version" answers (all, or one subject's). */
  clearLatestCaches(subject?: string): void {
    if (subject === undefined) this.#latest.clear();
    else this.#latest.delete(subject);
  }

  /** Forget every cached answer. */
  clearCaches(): void {
    this.#schemaById.clear();
    this.#schemaByGuid.clear();
    this.#bySchema.clear();
    this.#versions.clear();
    this.#latest.clear();
  }

  /** Release sockets; later calls reject with a StateError. Idempotent. */
  close(): void {
    this.#transport.close();
  }

  #forgetSubject(subject: string): void {
    this.#latest.delete(subject);
    const prefix = `${subject}\0`;
    this.#versions.deleteWhere((k) => k.startsWith(prefix));
    this.#bySchema.deleteWhere((k) => k.startsWith(prefix));
  }
}

