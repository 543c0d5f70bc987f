/**
 * An in-process Schema Registry: the REST API's behaviour (ids, versions,
 * soft and permanent deletes, references, compatibility enforcement, modes,
 * error codes) without a server. `SchemaRegistryClient({url: 'mock://scope'})`
 * talks to the instance of that scope, shared by every client of the scope —
 * as Python's `MockSchemaRegistryClient`.
 *
 * @remarks
 * {@link MockSchemaRegistry.handle} takes a REST request and returns the
 * registry's answer, so the same object can sit behind an HTTP server in tests.
 *
 * @packageDocumentation
 */

import type * as avro from 'avsc';
import { SchemaRegistryError } from '../errors';
import { checkCompatibility, COMPATIBILITY_LEVELS, isCompatibilityLevel, parseForCompatibility, type CompatibilityLevel } from './compatibility';
import { schemaGuid } from './guid';
import { compactJson, normalizeAvroSchema } from './normalize';
import { RegistryMode, type SchemaReference, type SchemaType } from './types';

/** A REST request to the registry. */
export interface RegistryRequest {
  /** HTTP method. */
  method: string;
  /** Path and query, e.g. `/subjects/orders-value/versions?normalize=true`. */
  path: string;
  /** The parsed JSON body, if any. */
  body?: unknown;
}

/** The registry's answer: HTTP status and JSON body. */
export interface RegistryResponse {
  /** HTTP status, e.g. 200, 404, 409, 422. */
  status: number;
  /** The JSON body; for errors `{error_code, message}`. */
  body: unknown;
}

interface StoredSchema {
  id: number;
  schema: string;
  schemaType: SchemaType;
  references: SchemaReference[];
  key: string;
  normalizedKey: string;
  guid: string;
}

interface SubjectVersion {
  version: number;
  id: number;
  deleted: boolean;
}

const SCHEMA_TYPES: readonly SchemaType[] = ['JSON', 'PROTOBUF', 'AVRO'];
const MODES: readonly string[] = Object.values(RegistryMode);
const MAX_VERSION = 2 ** 31 - 1;

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

const subjectNotFound = (s: string): RestError => new RestError(404, 40401, `Subject '${s}' not found.`);
const versionNotFound = (v: number | string): RestError => new RestError(404, 40402, `Version ${v} not found.`);
const schemaNotFound = (id?: number): RestError => new RestError(404, 40403, id === undefined ? 'Schema not found' : `Schema ${id} not found`);

function flag(q: URLSearchParams, name: string): boolean {
  return q.get(name)?.toLowerCase() === 'true';
}

const scopes = new Map<string, MockSchemaRegistry>();

/**
 * An in-memory Schema Registry with the REST API's semantics.
 *
 * @example
 * ```ts
 * const client = new SchemaRegistryClient({ url: 'mock://my-test' });
 * // … later, inspect or reset what the clients of that scope did:
 * MockSchemaRegistry.forScope('my-test').reset();
 * ```
 */
export class MockSchemaRegistry {
  #nextId = 1;
  readonly #schemasById = new Map<number, StoredSchema>();
  readonly #idsByKey = new Map<string, number>();
  readonly #subjects = new Map<string, SubjectVersion[]>();
  #globalCompatibility: CompatibilityLevel = 'BACKWARD';
  readonly #subjectCompatibility = new Map<string, CompatibilityLevel>();
  #globalMode: string = RegistryMode.READWRITE;
  readonly #subjectModes = new Map<string, string>();
  readonly #parsed = new Map<number, avro.Type>();
  readonly #stats = new Map<string, number>();

  /**
   * The registry of a `mock://` scope, created on first use and shared by
   * every client of that scope in the process.
   *
   * @param scope - the part after `mock://` (empty string allowed).
   */
  static forScope(scope: string): MockSchemaRegistry {
    let r = scopes.get(scope);
    if (!r) scopes.set(scope, (r = new MockSchemaRegistry()));
    return r;
  }

  /** Forget a scope: the next client of `mock://scope` starts from an empty registry. */
  static deleteScope(scope: string): void {
    scopes.delete(scope);
  }

  /** Empty the registry: schemas, subjects, config and mode. */
  reset(): void {
    this.#nextId = 1;
    this.#schemasById.clear();
    this.#idsByKey.clear();
    this.#subjects.clear();
    this.#globalCompatibility = 'BACKWARD';
    this.#subjectCompatibility.clear();
    this.#globalMode = RegistryMode.READWRITE;
    this.#subjectModes.clear();
    this.#parsed.clear();
    this.#stats.clear();
  }

  /**
   * How many requests each route received, keyed like
   * `POST /subjects/{subject}/versions` — handy to assert caching in tests.
   */
  stats(): Record<string, number> {
    return Object.fromEntries(this.#stats);
  }

  /**
   * Answer one REST request as Schema Registry would.
   *
   * @returns the HTTP status and JSON body; errors are `{error_code, message}` bodies, never exceptions.
   */
  handle(req: RegistryRequest): RegistryResponse {
    const url = new URL(req.path, 'http://registry');
    const q = url.searchParams;
    let segs: string[];
    try {
      segs = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
    } catch {
      return { status: 404, body: { error_code: 404, message: 'HTTP 404 Not Found' } };
    }
    const method = req.method.toUpperCase();
    try {
      const { route, run } = this.#route(method, segs, q, req.body);
      this.#stats.set(route, (this.#stats.get(route) ?? 0) + 1);
      return { status: 200, body: run() };
    } catch (err) {
      if (err instanceof RestError) return { status: err.status, body: { error_code: err.errorCode, message: err.message } };
      return { status: 500, body: { error_code: 50001, message: `Error in the backend data store: ${err instanceof Error ? err.message : String(err)}` } };
    }
  }

  #route(method: string, s: string[], q: URLSearchParams, body: unknown): { route: string; run: () => unknown } {
    const notFound = (): never => {
      throw new RestError(404, 404, 'HTTP 404 Not Found');
    };
    const wrongMethod = (): never => {
      throw new RestError(405, 405, 'HTTP 405 Method Not Allowed');
    };
    const r = (route: string, allowed: string, run: () => unknown): { route: string; run: () => unknown } => {
      if (method !== allowed) wrongMethod();
      return { route: `${method} ${route}`, run };
    };
    const [a, b, c, d, e] = s;
    switch (a) {
      case undefined:
        return r('/', 'GET', () => ({}));
      case 'schemas':
        if (b === 'types' && s.length === 2) return r('/schemas/types', 'GET', () => [...SCHEMA_TYPES]);
        if (b === 'guids' && c !== undefined && s.length === 3) return r('/schemas/guids/{guid}', 'GET', () => this.#getSchemaByGuid(c));
        if (b === 'ids' && c !== undefined) {
          const id = this.#parseId(c);
          if (s.length === 3) return r('/schemas/ids/{id}', 'GET', () => this.#getSchemaById(id, q));
          if (s.length === 4 && d === 'schema') return r('/schemas/ids/{id}/schema', 'GET', () => this.#storedOrThrow(id).schema);
          if (s.length === 4 && d === 'versions') return r('/schemas/ids/{id}/versions', 'GET', () => this.#versionsOfId(id, flag(q, 'deleted')));
          if (s.length === 4 && d === 'subjects') return r('/schemas/ids/{id}/subjects', 'GET', () => [...new Set(this.#versionsOfId(id, flag(q, 'deleted')).map((x) => x.subject))]);
        }
        return notFound();
      case 'subjects':
        if (b === undefined) return r('/subjects', 'GET', () => this.#listSubjects(q));
        if (s.length === 2) {
          if (method === 'POST') return r('/subjects/{subject}', 'POST', () => this.#lookup(b, body, q));
          return r('/subjects/{subject}', 'DELETE', () => this.#deleteSubject(b, flag(q, 'permanent')));
        }
        if (c === 'versions') {
          if (s.length === 3) {
            if (method === 'POST') return r('/subjects/{subject}/versions', 'POST', () => this.#register(b, body, q));
            return r('/subjects/{subject}/versions', 'GET', () => this.#listVersions(b, flag(q, 'deleted')));
          }
          if (s.length === 4) {
            if (method === 'DELETE') return r('/subjects/{subject}/versions/{version}', 'DELETE', () => this.#deleteVersion(b, d, flag(q, 'permanent')));
            return r('/subjects/{subject}/versions/{version}', 'GET', () => this.#registered(b, this.#findVersion(b, d, flag(q, 'deleted'))));
          }
          if (s.length === 5 && e === 'schema') {
            return r('/subjects/{subject}/versions/{version}/schema', 'GET', () => this.#storedOrThrow(this.#findVersion(b, d, flag(q, 'deleted')).id).schema);
          }
          if (s.length === 5 && e === 'referencedby') {
            return r('/subjects/{subject}/versions/{version}/referencedby', 'GET', () => {
              const v = this.#findVersion(b, d, true);
              return this.#referencedBy(b, v.version);
            });
          }
        }
        return notFound();
      case 'config':
        if (b === undefined) {
          if (method === 'PUT') return r('/config', 'PUT', () => ({ compatibility: (this.#globalCompatibility = this.#level(body)) }));
          return r('/config', 'GET', () => ({ compatibilityLevel: this.#globalCompatibility }));
        }
        if (s.length === 2) {
          if (method === 'PUT') {
            return r('/config/{subject}', 'PUT', () => {
              const level = this.#level(body);
              this.#subjectCompatibility.set(b, level);
              return { compatibility: level };
            });
          }
          if (method === 'DELETE') {
            return r('/config/{subject}', 'DELETE', () => {
              if (!this.#subjects.has(b) && !this.#subjectCompatibility.has(b)) throw subjectNotFound(b);
              const prev = this.#subjectCompatibility.get(b) ?? this.#globalCompatibility;
              this.#subjectCompatibility.delete(b);
              return { compatibilityLevel: prev };
            });
          }
          return r('/config/{subject}', 'GET', () => {
            const level = this.#subjectCompatibility.get(b) ?? (flag(q, 'defaultToGlobal') ? this.#globalCompatibility : undefined);
            if (level === undefined) throw new RestError(404, 40408, `Subject '${b}' does not have subject-level compatibility configured`);
            return { compatibilityLevel: level };
          });
        }
        return notFound();
      case 'mode':
        if (b === undefined) {
          if (method === 'PUT') return r('/mode', 'PUT', () => ({ mode: (this.#globalMode = this.#mode(body, flag(q, 'force'), undefined)) }));
          return r('/mode', 'GET', () => ({ mode: this.#globalMode }));
        }
        if (s.length === 2) {
          if (method === 'PUT') {
            return r('/mode/{subject}', 'PUT', () => {
              const mode = this.#mode(body, flag(q, 'force'), b);
              this.#subjectModes.set(b, mode);
              return { mode };
            });
          }
          if (method === 'DELETE') {
            return r('/mode/{subject}', 'DELETE', () => {
              const prev = this.#subjectModes.get(b) ?? this.#globalMode;
              this.#subjectModes.delete(b);
              return { mode: prev };
            });
          }
          return r('/mode/{subject}', 'GET', () => {
            const mode = this.#subjectModes.get(b) ?? (flag(q, 'defaultToGlobal') ? this.#globalMode : undefined);
            if (mode === undefined) throw new RestError(404, 40409, `Subject '${b}' does not have subject-level mode configured`);
            return { mode };
          });
        }
        return notFound();
      case 'compatibility':
        if (b === 'subjects' && c !== undefined && d === 'versions') {
          if (s.length === 4) return r('/compatibility/subjects/{subject}/versions', 'POST', () => this.#testCompatibility(c, undefined, body, flag(q, 'verbose')));
          if (s.length === 5) return r('/compatibility/subjects/{subject}/versions/{version}', 'POST', () => this.#testCompatibility(c, e, body, flag(q, 'verbose')));
        }
        return notFound();
      default:
        return notFound();
    }
  }

  // --- schemas ------------------------------------------------------------

  #parseId(text: string): number {
    const id = Number(text);
    if (!Number.isInteger(id) || id < 0) throw schemaNotFound();
    return id;
  }

  #storedOrThrow(id: number): StoredSchema {
    const st = this.#schemasById.get(id);
    if (!st || !this.#idInUse(id)) throw schemaNotFound(id);
    return st;
  }

  #idInUse(id: number): boolean {
    for (const versions of this.#subjects.values()) if (versions.some((v) => v.id === id)) return true;
    return false;
  }

  #schemaBody(st: StoredSchema): Record<string, unknown> {
    return {
      schema: st.schema,
      ...(st.schemaType !== 'AVRO' ? { schemaType: st.schemaType } : {}),
      ...(st.references.length ? { references: st.references.map((x) => ({ ...x })) } : {}),
      guid: st.guid,
    };
  }

  #getSchemaById(id: number, _q: URLSearchParams): unknown {
    return this.#schemaBody(this.#storedOrThrow(id));
  }

  #getSchemaByGuid(guid: string): unknown {
    const g = guid.toLowerCase();
    for (const st of this.#schemasById.values()) if (st.guid === g) return this.#schemaBody(st);
    throw new RestError(404, 40403, `Schema ${guid} not found`);
  }

  #versionsOfId(id: number, deleted: boolean): { subject: string; version: number }[] {
    this.#storedOrThrow(id);
    const out: { subject: string; version: number }[] = [];
    for (const [subject, versions] of this.#subjects) {
      for (const v of versions) if (v.id === id && (deleted || !v.deleted)) out.push({ subject, version: v.version });
    }
    return out;
  }

  /** Parse and validate a request body `{schema, schemaType?, references?}`. */
  #input(body: unknown): { schema: string; schemaType: SchemaType; references: SchemaReference[]; id?: number; version?: number } {
    if (body === null || typeof body !== 'object') throw new RestError(422, 42201, 'Invalid schema: the request body must be a JSON object with a "schema" field');
    const b = body as Record<string, unknown>;
    if (typeof b.schema !== 'string' || b.schema.trim() === '') throw new RestError(422, 42201, 'Empty schema');
    const schemaType = (b.schemaType ?? 'AVRO') as SchemaType;
    if (!SCHEMA_TYPES.includes(schemaType)) throw new RestError(422, 42201, `Invalid schema type ${String(b.schemaType)}`);
    const references: SchemaReference[] = [];
    if (b.references !== undefined && b.references !== null) {
      if (!Array.isArray(b.references)) throw new RestError(422, 42201, 'Invalid schema: references must be an array');
      for (const ref of b.references as unknown[]) {
        const x = ref as Partial<SchemaReference> | null;
        if (!x || typeof x.name !== 'string' || typeof x.subject !== 'string' || !Number.isInteger(x.version)) {
          throw new RestError(422, 42201, 'Invalid schema: each reference needs a name, a subject and a version');
        }
        references.push({ name: x.name, subject: x.subject, version: x.version as number });
      }
    }
    const id = b.id === undefined || b.id === null ? undefined : Number(b.id);
    const version = b.version === undefined || b.version === null ? undefined : Number(b.version);
    return { schema: b.schema, schemaType, references, ...(id !== undefined ? { id } : {}), ...(version !== undefined ? { version } : {}) };
  }

  #keys(schema: string, schemaType: SchemaType, references: SchemaReference[]): { key: string; normalizedKey: string } {
    const refs = JSON.stringify(references.map((r) => [r.name, r.subject, r.version]));
    let normalized = compactJson(schema);
    if (schemaType === 'AVRO') {
      try {
        normalized = normalizeAvroSchema(schema);
      } catch {
        // Invalid JSON is reported by validation.
      }
    }
    return { key: `${schemaType}\0${compactJson(schema)}\0${refs}`, normalizedKey: `${schemaType}\0${normalized}\0${refs}` };
  }

  /** Parse an Avro schema with its references resolved (throws 42201 when invalid). */
  #parseAvro(schema: string, references: SchemaReference[]): avro.Type {
    const registry: Record<string, avro.Type> = {};
    const seen = new Set<string>();
    const load = (refs: SchemaReference[], depth: number): void => {
      if (depth > 64) throw new RestError(422, 42201, 'Invalid schema: references nest too deeply (a cycle?)');
      for (const ref of refs) {
        const k = `${ref.subject}\0${ref.version}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const versions = this.#subjects.get(ref.subject);
        const v = versions?.find((x) => x.version === ref.version || (ref.version === -1 && x === versions[versions.length - 1]));
        const st = v && this.#schemasById.get(v.id);
        if (!st) throw new RestError(422, 42201, `Invalid schema: reference ${ref.name} to subject '${ref.subject}' version ${ref.version} does not exist`);
        load(st.references, depth + 1);
        try {
          parseForCompatibility(st.schema, registry);
        } catch (err) {
          throw new RestError(422, 42201, `Invalid schema: referenced schema ${ref.name}: ${(err as Error).message}`);
        }
      }
    };
    load(references, 0);
    try {
      return parseForCompatibility(schema, registry);
    } catch (err) {
      if (err instanceof SchemaRegistryError) throw new RestError(422, 42201, `Invalid schema ${compactJson(schema).slice(0, 200)}, details: ${err.message.replace(/^Invalid schema: /, '')}`);
      throw err;
    }
  }

  #parsedById(id: number): avro.Type {
    let t = this.#parsed.get(id);
    if (!t) {
      const st = this.#schemasById.get(id) as StoredSchema;
      t = this.#parseAvro(st.schema, st.references);
      this.#parsed.set(id, t);
    }
    return t;
  }

  #validate(schema: string, schemaType: SchemaType, references: SchemaReference[]): avro.Type | undefined {
    if (schemaType === 'AVRO') return this.#parseAvro(schema, references);
    if (schemaType === 'JSON') {
      try {
        JSON.parse(schema);
      } catch (err) {
        throw new RestError(422, 42201, `Invalid schema: ${(err as Error).message}`);
      }
    }
    return undefined;
  }

  // --- subjects -----------------------------------------------------------

  #listSubjects(q: URLSearchParams): string[] {
    const deleted = flag(q, 'deleted');
    const prefix = q.get('subjectPrefix') ?? '';
    return [...this.#subjects.entries()]
      .filter(([name, versions]) => name.startsWith(prefix) && versions.some((v) => deleted || !v.deleted))
      .map(([name]) => name)
      .sort();
  }

  #listVersions(subject: string, deleted: boolean): number[] {
    const versions = (this.#subjects.get(subject) ?? []).filter((v) => deleted || !v.deleted);
    if (versions.length === 0) throw subjectNotFound(subject);
    return versions.map((v) => v.version);
  }

  #parseVersion(text: string | undefined): number | 'latest' {
    if (text === 'latest' || text === '-1') return 'latest';
    const v = Number(text);
    if (!/^\d+$/.test(text ?? '') || !Number.isInteger(v) || v < 1 || v > MAX_VERSION) {
      throw new RestError(422, 42202, `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
    }
    return v;
  }

  #findVersion(subject: string, text: string | undefined, deleted: boolean): SubjectVersion {
    const wanted = this.#parseVersion(text);
    const all = this.#subjects.get(subject) ?? [];
    const visible = all.filter((v) => deleted || !v.deleted);
    if (visible.length === 0) throw subjectNotFound(subject);
    if (wanted === 'latest') return visible[visible.length - 1];
    const found = visible.find((v) => v.version === wanted);
    if (!found) throw versionNotFound(wanted);
    return found;
  }

  #registered(subject: string, v: SubjectVersion): Record<string, unknown> {
    const st = this.#schemasById.get(v.id) as StoredSchema;
    return { subject, version: v.version, id: v.id, ...this.#schemaBody(st) };
  }

  #modeOf(subject: string): string {
    return this.#subjectModes.get(subject) ?? this.#globalMode;
  }

  #levelOf(subject: string): CompatibilityLevel {
    return this.#subjectCompatibility.get(subject) ?? this.#globalCompatibility;
  }

  #register(subject: string, body: unknown, q: URLSearchParams): { id: number; guid: string } {
    const input = this.#input(body);
    const mode = this.#modeOf(subject);
    if (mode === RegistryMode.READONLY || mode === RegistryMode.READONLY_OVERRIDE) {
      throw new RestError(422, 42205, `Subject ${subject} is in read-only mode`);
    }
    if (input.id !== undefined && mode !== RegistryMode.IMPORT) {
      throw new RestError(422, 42205, `Overwrite new schema with id ${input.id} is not permitted.`);
    }
    const normalize = flag(q, 'normalize');
    let text = input.schema;
    if (normalize && input.schemaType === 'AVRO') {
      try {
        text = normalizeAvroSchema(text);
      } catch {
        // validation below reports it
      }
    }
    const parsed = this.#validate(text, input.schemaType, input.references);
    const { key, normalizedKey } = this.#keys(text, input.schemaType, input.references);
    const versions = this.#subjects.get(subject) ?? [];
    const live = versions.filter((v) => !v.deleted);

    // Already registered under this subject: same id, no new version.
    const same = live.find((v) => {
      const st = this.#schemasById.get(v.id) as StoredSchema;
      return normalize ? st.normalizedKey === normalizedKey : st.key === key;
    });
    if (same && input.id === undefined) return { id: same.id, guid: (this.#schemasById.get(same.id) as StoredSchema).guid };

    if (mode !== RegistryMode.IMPORT && parsed && live.length > 0) {
      const level = this.#levelOf(subject);
      const existing = live.filter((v) => this.#schemasById.get(v.id)?.schemaType === 'AVRO');
      const result = checkCompatibility(level, parsed, existing.map((v) => this.#parsedById(v.id)), { labels: existing.map((v) => `version ${v.version}`) });
      if (!result.compatible) {
        throw new RestError(
          409,
          409,
          `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${result.reasons.join('; ')}] (compatibility ${level})`,
        );
      }
    }

    let id: number;
    if (input.id !== undefined) {
      const taken = this.#schemasById.get(input.id);
      if (taken && taken.key !== key) throw new RestError(422, 42207, `Schema id ${input.id} is already used by a different schema`);
      id = input.id;
      if (!taken) this.#store(id, text, input.schemaType, input.references, key, normalizedKey);
      this.#nextId = Math.max(this.#nextId, id + 1);
    } else {
      const existingId = this.#idsByKey.get(normalize ? normalizedKey : key) ?? (normalize ? undefined : this.#idsByKey.get(key));
      if (existingId !== undefined) {
        id = existingId;
      } else {
        id = this.#nextId++;
        this.#store(id, text, input.schemaType, input.references, key, normalizedKey);
      }
    }
    const version = input.version ?? (versions.length ? Math.max(...versions.map((v) => v.version)) + 1 : 1);
    if (versions.some((v) => v.version === version)) throw new RestError(422, 42205, `Version ${version} already exists in subject ${subject}`);
    versions.push({ version, id, deleted: false });
    versions.sort((x, y) => x.version - y.version);
    this.#subjects.set(subject, versions);
    return { id, guid: (this.#schemasById.get(id) as StoredSchema).guid };
  }

  #store(id: number, schema: string, schemaType: SchemaType, references: SchemaReference[], key: string, normalizedKey: string): void {
    this.#schemasById.set(id, { id, schema, schemaType, references, key, normalizedKey, guid: schemaGuid(id, schemaType, schema) });
    if (!this.#idsByKey.has(key)) this.#idsByKey.set(key, id);
    if (!this.#idsByKey.has(normalizedKey)) this.#idsByKey.set(normalizedKey, id);
  }

  #lookup(subject: string, body: unknown, q: URLSearchParams): Record<string, unknown> {
    const input = this.#input(body);
    const deleted = flag(q, 'deleted');
    const normalize = flag(q, 'normalize');
    const versions = (this.#subjects.get(subject) ?? []).filter((v) => deleted || !v.deleted);
    if (versions.length === 0) throw subjectNotFound(subject);
    const { key, normalizedKey } = this.#keys(input.schema, input.schemaType, input.references);
    const found = [...versions].reverse().find((v) => {
      const st = this.#schemasById.get(v.id) as StoredSchema;
      return normalize ? st.normalizedKey === normalizedKey : st.key === key;
    });
    if (!found) throw schemaNotFound();
    return this.#registered(subject, found);
  }

  #referencedBy(subject: string, version: number): number[] {
    const ids = new Set<number>();
    for (const [, versions] of this.#subjects) {
      for (const v of versions) {
        if (v.deleted) continue;
        const st = this.#schemasById.get(v.id);
        if (st?.references.some((r) => r.subject === subject && r.version === version)) ids.add(v.id);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  #checkNotReferenced(subject: string, version: number): void {
    const by = this.#referencedBy(subject, version);
    if (by.length) {
      throw new RestError(422, 42206, `One or more references exist to the schema {subject=${subject},version=${version}}: schema ids ${by.join(', ')}`);
    }
  }

  #deleteSubject(subject: string, permanent: boolean): number[] {
    const versions = this.#subjects.get(subject);
    if (!versions || versions.length === 0) throw subjectNotFound(subject);
    const live = versions.filter((v) => !v.deleted);
    if (!permanent) {
      if (live.length === 0) throw new RestError(404, 40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`);
      for (const v of live) this.#checkNotReferenced(subject, v.version);
      for (const v of live) v.deleted = true;
      return live.map((v) => v.version);
    }
    if (live.length > 0) throw new RestError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
    this.#subjects.delete(subject);
    this.#subjectCompatibility.delete(subject);
    this.#subjectModes.delete(subject);
    this.#forgetUnused();
    return versions.map((v) => v.version);
  }

  #deleteVersion(subject: string, text: string | undefined, permanent: boolean): number {
    const wanted = this.#parseVersion(text);
    const versions = this.#subjects.get(subject) ?? [];
    if (versions.length === 0) throw subjectNotFound(subject);
    let v: SubjectVersion | undefined;
    if (wanted === 'latest') {
      const live = versions.filter((x) => !x.deleted);
      v = permanent ? versions[versions.length - 1] : live[live.length - 1];
    } else {
      v = versions.find((x) => x.version === wanted);
    }
    if (!v) throw versionNotFound(text ?? '');
    if (!permanent) {
      if (v.deleted) throw new RestError(404, 40406, `Subject '${subject}' Version ${v.version} was soft deleted.Set permanent=true to delete permanently`);
      this.#checkNotReferenced(subject, v.version);
      v.deleted = true;
      return v.version;
    }
    if (!v.deleted) throw new RestError(404, 40407, `Subject '${subject}' Version ${v.version} was not deleted first before being permanently deleted`);
    versions.splice(versions.indexOf(v), 1);
    if (versions.length === 0) this.#subjects.delete(subject);
    this.#forgetUnused();
    return v.version;
  }

  #forgetUnused(): void {
    for (const [id, st] of this.#schemasById) {
      if (!this.#idInUse(id)) {
        this.#schemasById.delete(id);
        this.#parsed.delete(id);
        if (this.#idsByKey.get(st.key) === id) this.#idsByKey.delete(st.key);
        if (this.#idsByKey.get(st.normalizedKey) === id) this.#idsByKey.delete(st.normalizedKey);
      }
    }
  }

  // --- config, mode, compatibility ----------------------------------------

  #level(body: unknown): CompatibilityLevel {
    const v = body && typeof body === 'object' ? (body as { compatibility?: unknown }).compatibility : undefined;
    const level = typeof v === 'string' ? v.toUpperCase() : v;
    if (!isCompatibilityLevel(level)) {
      throw new RestError(422, 42203, `Invalid compatibility level. Valid values are ${COMPATIBILITY_LEVELS.map((l) => l.toLowerCase()).join(', ')}`);
    }
    return level;
  }

  #mode(body: unknown, force: boolean, subject: string | undefined): string {
    const v = body && typeof body === 'object' ? (body as { mode?: unknown }).mode : undefined;
    const mode = typeof v === 'string' ? v.toUpperCase() : v;
    if (typeof mode !== 'string' || !MODES.includes(mode)) {
      throw new RestError(422, 42204, `Invalid mode. Valid values are ${MODES.join(', ')}`);
    }
    if (mode === RegistryMode.IMPORT && !force) {
      const hasSchemas = subject === undefined ? [...this.#subjects.values()].some((vs) => vs.length > 0) : (this.#subjects.get(subject)?.length ?? 0) > 0;
      if (hasSchemas) throw new RestError(422, 42205, 'Cannot import since found existing subjects');
    }
    return mode;
  }

  #testCompatibility(subject: string, versionText: string | undefined, body: unknown, verbose: boolean): Record<string, unknown> {
    const input = this.#input(body);
    const parsed = this.#validate(input.schema, input.schemaType, input.references);
    const level = this.#levelOf(subject);
    let existing: SubjectVersion[];
    if (versionText === undefined) {
      existing = (this.#subjects.get(subject) ?? []).filter((v) => !v.deleted);
    } else {
      const wanted = this.#parseVersion(versionText);
      const live = (this.#subjects.get(subject) ?? []).filter((v) => !v.deleted);
      if (live.length === 0) {
        if (wanted === 'latest') return { is_compatible: true, ...(verbose ? { messages: [] } : {}) };
        throw subjectNotFound(subject);
      }
      const v = wanted === 'latest' ? live[live.length - 1] : live.find((x) => x.version === wanted);
      if (!v) throw versionNotFound(wanted);
      existing = [v];
    }
    if (!parsed) return { is_compatible: true, ...(verbose ? { messages: [] } : {}) };
    const avroVersions = existing.filter((v) => this.#schemasById.get(v.id)?.schemaType === 'AVRO');
    const result = checkCompatibility(level, parsed, avroVersions.map((v) => this.#parsedById(v.id)), { labels: avroVersions.map((v) => `version ${v.version}`) });
    return { is_compatible: result.compatible, ...(verbose ? { messages: result.reasons } : {}) };
  }
}
