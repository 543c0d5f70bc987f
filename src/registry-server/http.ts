/**
 * The registry's REST API: Confluent Schema Registry's routes, bodies, status
 * codes and `error_code`s, over Node's `http` request/response objects.
 *
 * @packageDocumentation
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../registry/compatibility';
import { schemaGuid } from '../registry/guid';
import { prepareSchema } from './schemas';
import { Errors, type RegistryState, type StoredSchema, type SubjectVersion } from './state';
import type { RegistryStore } from './store';
import { REGISTRY_MODES, SCHEMA_TYPES, type CommandResult, type RegistryErrorBody, type RegistryMode, type SchemaReference, type SchemaType } from './types';

/** The content type of every answer. */
export const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Default limit of a request body: 1 MiB (a Kafka record holds the schema). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Basic authentication of clients. */
export interface BasicAuthOptions {
  /** user → password. */
  users: Readonly<Record<string, string>>;
  /** The realm in `WWW-Authenticate`. Default `simple-kafka-registry`. */
  realm?: string;
}

/** Options of {@link createRegistryHandler}. */
export interface RegistryHandlerOptions {
  /** Largest accepted request body in bytes; larger ones get 413. Default {@link DEFAULT_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Require HTTP basic authentication (401 without it). `/health` and `/ready` stay open. */
  auth?: BasicAuthOptions;
  /** Called with unexpected errors (answered 500 without details). */
  onError?: (err: unknown, req: IncomingMessage) => void;
}

class HttpError extends Error {
  constructor(readonly body: RegistryErrorBody) {
    super(body.message);
  }
}

function raise(body: RegistryErrorBody): never {
  throw new HttpError(body);
}

function unwrap(result: CommandResult): unknown {
  if (!result.ok) raise(result.error);
  return result.value;
}

const NOT_FOUND: RegistryErrorBody = { status: 404, errorCode: 404, message: 'HTTP 404 Not Found' };
const METHOD_NOT_ALLOWED: RegistryErrorBody = { status: 405, errorCode: 405, message: 'HTTP 405 Method Not Allowed' };

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v !== null && /^(true|1|yes)$/i.test(v.trim());
}

function parseVersion(text: string): number | 'latest' {
  if (text === 'latest' || text === '-1') return 'latest';
  if (/^[0-9]{1,10}$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= 0x7fffffff) return n;
  }
  raise(Errors.invalidVersion(text));
}

function parseId(text: string): number {
  if (/^[0-9]{1,10}$/.test(text)) {
    const n = Number(text);
    if (n <= 0x7fffffff) return n;
  }
  raise({ status: 404, errorCode: 40403, message: `Schema ${text} not found` });
}

function checkSubject(subject: string): string {
  // eslint-disable-next-line no-control-regex
  if (subject.length === 0 || /[\u0000-\u001f]/.test(subject)) raise(Errors.invalidSubject(subject));
  return subject;
}

interface SchemaRequest {
  schema: string;
  schemaType: SchemaType;
  references: SchemaReference[];
  id?: number;
  version?: number;
}

function describeJsonError(err: unknown): string {
  return err instanceof Error ? err.message : 'malformed JSON';
}

function asObject(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) raise({ status: 422, errorCode: 422, message: `${what}: the request body must be a JSON object` });
  return body as Record<string, unknown>;
}

/** Reads the registration/lookup body; references with version -1 resolve to the latest version now. */
function schemaRequest(body: unknown, state: RegistryState): SchemaRequest {
  const o = asObject(body, 'Invalid schema');
  if (typeof o.schema !== 'string' || o.schema.length === 0) raise(Errors.invalidSchema('Invalid schema: the request needs a "schema" string'));
  let schemaType: SchemaType = 'AVRO';
  if (o.schemaType !== undefined && o.schemaType !== null) {
    const t = String(o.schemaType).toUpperCase();
    if (!(SCHEMA_TYPES as readonly string[]).includes(t)) raise(Errors.invalidSchema(`Invalid schema type ${JSON.stringify(o.schemaType)}; valid types are ${SCHEMA_TYPES.join(', ')}`));
    schemaType = t as SchemaType;
  }
  const references: SchemaReference[] = [];
  if (o.references !== undefined && o.references !== null) {
    if (!Array.isArray(o.references)) raise(Errors.invalidSchema('Invalid schema: "references" must be an array'));
    for (const r of o.references as unknown[]) {
      const ref = (r ?? {}) as Record<string, unknown>;
      if (typeof ref.name !== 'string' || typeof ref.subject !== 'string' || !Number.isInteger(ref.version)) {
        raise(Errors.invalidSchema('Invalid schema: each reference needs "name", "subject" and an integer "version"'));
      }
      let version = ref.version as number;
      if (version === -1) {
        const latest = state.version(ref.subject, 'latest');
        if (!latest) raise(Errors.invalidSchema(`Invalid schema of type ${schemaType}, details: reference '${ref.name}' to subject '${ref.subject}' version latest not found`));
        version = latest.version;
      }
      references.push({ name: ref.name, subject: ref.subject, version });
    }
  }
  const req: SchemaRequest = { schema: o.schema, schemaType, references };
  if (o.id !== undefined && o.id !== null && o.id !== -1 && o.id !== 0) {
    if (!Number.isInteger(o.id) || (o.id as number) < 1) raise(Errors.invalidSchema('Invalid schema: "id" must be a positive integer'));
    req.id = o.id as number;
  }
  if (o.version !== undefined && o.version !== null && o.version !== -1 && o.version !== 0) {
    if (!Number.isInteger(o.version) || (o.version as number) < 1) raise(Errors.invalidVersion(String(o.version)));
    req.version = o.version as number;
  }
  return req;
}

function canonical(state: RegistryState, req: SchemaRequest, normalize: boolean): string {
  const prepared = prepareSchema(req, (ref) => state.schemaForReference(ref), normalize);
  if (!prepared.ok) raise(prepared.error);
  return prepared.schema;
}

const guids = new WeakMap<StoredSchema, string>();

/** The schema's GUID (derived from its id and text: stable across restarts, nothing stored). */
function guidOf(s: StoredSchema): string {
  let g = guids.get(s);
  if (g === undefined) guids.set(s, (g = schemaGuid(s.id, s.schemaType, s.schema)));
  return g;
}

/** The stored schema with a GUID, among every schema a subject version (live or soft-deleted) uses. */
function schemaByGuid(state: RegistryState, guid: string): StoredSchema | undefined {
  const g = guid.toLowerCase();
  for (const subject of state.subjects(true)) {
    for (const v of state.versions(subject, true)) {
      const s = state.schemaById(v.id);
      if (s && guidOf(s) === g) return s;
    }
  }
  return undefined;
}

function schemaFields(s: StoredSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.schemaType !== 'AVRO') out.schemaType = s.schemaType;
  if (s.references.length > 0) out.references = s.references;
  out.schema = s.schema;
  out.guid = guidOf(s);
  return out;
}

function versionBody(state: RegistryState, v: SubjectVersion): Record<string, unknown> {
  const s = state.schemaById(v.id) as StoredSchema;
  const out: Record<string, unknown> = { subject: v.subject, version: v.version, id: v.id };
  if (s.schemaType !== 'AVRO') out.schemaType = s.schemaType;
  if (s.references.length > 0) out.references = s.references;
  out.schema = s.schema;
  out.guid = guidOf(s);
  return out;
}

function compatibilityLevel(body: unknown): CompatibilityLevel {
  const o = asObject(body, 'Invalid compatibility level');
  const raw = o.compatibility ?? o.compatibilityLevel;
  const level = typeof raw === 'string' ? raw.toUpperCase() : undefined;
  if (!level || !(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) raise(Errors.invalidCompatibility(raw));
  return level as CompatibilityLevel;
}

function modeOf(body: unknown): RegistryMode {
  const o = asObject(body, 'Invalid mode');
  const mode = typeof o.mode === 'string' ? o.mode.toUpperCase() : undefined;
  if (!mode || !(REGISTRY_MODES as readonly string[]).includes(mode)) raise(Errors.invalidMode(o.mode));
  return mode as RegistryMode;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** True when the request carries one of the configured user/password pairs. */
function authorized(req: IncomingMessage, auth: BasicAuthOptions): boolean {
  const header = req.headers.authorization;
  if (!header || !/^basic\s+/i.test(header)) return false;
  let decoded: string;
  try {
    decoded = Buffer.from(header.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const expected = Object.prototype.hasOwnProperty.call(auth.users, user) ? auth.users[user] : undefined;
  // Compare digests in constant time; an unknown user costs the same as a wrong password.
  const ok = timingSafeEqual(digest(password), digest(expected ?? `\u0000${password}`));
  return ok && expected !== undefined;
}

type Handler = (ctx: Ctx) => unknown | Promise<unknown>;

interface Ctx {
  params: string[];
  query: URLSearchParams;
  body: () => Promise<unknown>;
  store: RegistryStore;
  state: RegistryState;
  /** Set to send a preformatted JSON text instead of serializing the return value. */
  raw?: string;
}

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

const SEG = '([^/]+)';

function route(path: string, methods: Partial<Record<string, Handler>>): Route {
  return { pattern: new RegExp(`^${path.replace(/\{[a-z]+\}/g, SEG)}/?$`), methods };
}

/** `normalize` asked for, or configured for the subject (or globally). */
function normalizeFor(ctx: Ctx, subject: string | null): boolean {
  if (flag(ctx.query, 'normalize')) return true;
  const config = subject === null ? ctx.state.globalConfig() : ctx.state.configFor(subject);
  return config.normalize === true;
}

const routes: Route[] = [
  route('', { GET: () => ({}) }),
  route('/schemas/types', { GET: () => [...SCHEMA_TYPES] }),
  route('/schemas/ids/{id}', {
    GET: (ctx) => {
      const id = parseId(ctx.params[0]);
      const s = ctx.state.schemaById(id);
      if (!s) raise(Errors.schemaNotFound(id));
      return schemaFields(s);
    },
  }),
  route('/schemas/guids/{guid}', {
    GET: (ctx) => {
      const s = schemaByGuid(ctx.state, ctx.params[0]);
      if (!s) raise({ ...Errors.schemaNotFound(), message: `Schema ${ctx.params[0].slice(0, 64)} not found` });
      return schemaFields(s);
    },
  }),
  route('/schemas/ids/{id}/schema', {
    GET: (ctx) => {
      const id = parseId(ctx.params[0]);
      const s = ctx.state.schemaById(id);
      if (!s) raise(Errors.schemaNotFound(id));
      ctx.raw = s.schemaType === 'PROTOBUF' ? JSON.stringify(s.schema) : s.schema;
      return undefined;
    },
  }),
  route('/schemas/ids/{id}/subjects', {
    GET: (ctx) => {
      const id = parseId(ctx.params[0]);
      if (!ctx.state.schemaById(id)) raise(Errors.schemaNotFound(id));
      return [...new Set(ctx.state.usesOf(id, flag(ctx.query, 'deleted')).map((u) => u.subject))];
    },
  }),
  route('/schemas/ids/{id}/versions', {
    GET: (ctx) => {
      const id = parseId(ctx.params[0]);
      if (!ctx.state.schemaById(id)) raise(Errors.schemaNotFound(id));
      return ctx.state.usesOf(id, flag(ctx.query, 'deleted')).map((u) => ({ subject: u.subject, version: u.version }));
    },
  }),
  route('/subjects', {
    GET: (ctx) => {
      const prefix = ctx.query.get('subjectPrefix') ?? '';
      return ctx.state.subjects(flag(ctx.query, 'deleted')).filter((s) => s.startsWith(prefix));
    },
  }),
  route('/subjects/{subject}', {
    POST: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const req = schemaRequest(await ctx.body(), ctx.state);
      const deleted = flag(ctx.query, 'deleted');
      if (!ctx.state.hasSubject(subject, deleted)) raise(Errors.subjectNotFound(subject));
      const text = canonical(ctx.state, req, normalizeFor(ctx, subject));
      const hit = ctx.state.lookup(subject, { ...req, schema: text }, deleted);
      if (!hit) raise(Errors.schemaNotFound());
      return versionBody(ctx.state, hit);
    },
    DELETE: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      return unwrap(await ctx.store.execute({ op: 'deleteSubject', subject, permanent: flag(ctx.query, 'permanent') }));
    },
  }),
  route('/subjects/{subject}/versions', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const deleted = flag(ctx.query, 'deleted');
      if (!ctx.state.hasSubject(subject, deleted)) raise(Errors.subjectNotFound(subject));
      return ctx.state.versions(subject, deleted).map((v) => v.version);
    },
    POST: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const req = schemaRequest(await ctx.body(), ctx.state);
      const text = canonical(ctx.state, req, normalizeFor(ctx, subject));
      const value = unwrap(
        await ctx.store.execute({
          op: 'register',
          subject,
          schema: text,
          schemaType: req.schemaType,
          references: req.references,
          ...(req.id !== undefined ? { id: req.id } : {}),
          ...(req.version !== undefined ? { version: req.version } : {}),
        }),
      ) as { id: number; version: number };
      const stored = ctx.state.schemaById(value.id);
      return stored ? { id: value.id, guid: guidOf(stored) } : { id: value.id };
    },
  }),
  route('/subjects/{subject}/versions/{version}', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const version = parseVersion(ctx.params[1]);
      const deleted = flag(ctx.query, 'deleted');
      if (!ctx.state.hasSubject(subject, deleted)) raise(Errors.subjectNotFound(subject));
      const v = ctx.state.version(subject, version, deleted);
      if (!v) raise(Errors.versionNotFound(version));
      return versionBody(ctx.state, v);
    },
    DELETE: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const version = parseVersion(ctx.params[1]);
      return unwrap(await ctx.store.execute({ op: 'deleteVersion', subject, version, permanent: flag(ctx.query, 'permanent') }));
    },
  }),
  route('/subjects/{subject}/versions/{version}/schema', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const version = parseVersion(ctx.params[1]);
      const deleted = flag(ctx.query, 'deleted');
      if (!ctx.state.hasSubject(subject, deleted)) raise(Errors.subjectNotFound(subject));
      const v = ctx.state.version(subject, version, deleted);
      if (!v) raise(Errors.versionNotFound(version));
      const s = ctx.state.schemaById(v.id) as StoredSchema;
      ctx.raw = s.schemaType === 'PROTOBUF' ? JSON.stringify(s.schema) : s.schema;
      return undefined;
    },
  }),
  route('/subjects/{subject}/versions/{version}/referencedby', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const version = parseVersion(ctx.params[1]);
      if (!ctx.state.hasSubject(subject, true)) raise(Errors.subjectNotFound(subject));
      const v = ctx.state.version(subject, version, true);
      if (!v) raise(Errors.versionNotFound(version));
      return ctx.state.referencedBy(subject, v.version, flag(ctx.query, 'deleted'));
    },
  }),
  route('/config', {
    GET: (ctx) => ctx.state.globalConfig(),
    PUT: async (ctx) => {
      const body = await ctx.body();
      const level = compatibilityLevel(body);
      const normalize = (body as Record<string, unknown>).normalize;
      return unwrap(await ctx.store.execute({ op: 'setConfig', subject: null, config: { compatibilityLevel: level, ...(typeof normalize === 'boolean' ? { normalize } : {}) } }));
    },
    DELETE: async (ctx) => unwrap(await ctx.store.execute({ op: 'deleteConfig', subject: null })),
  }),
  route('/config/{subject}', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const own = ctx.state.subjectConfig(subject);
      if (own) return own;
      if (flag(ctx.query, 'defaultToGlobal')) return ctx.state.globalConfig();
      raise(Errors.subjectConfigNotFound(subject));
    },
    PUT: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const body = await ctx.body();
      const level = compatibilityLevel(body);
      const normalize = (body as Record<string, unknown>).normalize;
      return unwrap(await ctx.store.execute({ op: 'setConfig', subject, config: { compatibilityLevel: level, ...(typeof normalize === 'boolean' ? { normalize } : {}) } }));
    },
    DELETE: async (ctx) => unwrap(await ctx.store.execute({ op: 'deleteConfig', subject: checkSubject(ctx.params[0]) })),
  }),
  route('/mode', {
    GET: (ctx) => ({ mode: ctx.state.globalMode() }),
    PUT: async (ctx) => unwrap(await ctx.store.execute({ op: 'setMode', subject: null, mode: modeOf(await ctx.body()), force: flag(ctx.query, 'force') })),
  }),
  route('/mode/{subject}', {
    GET: (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      const own = ctx.state.subjectMode(subject);
      if (own) return { mode: own };
      if (flag(ctx.query, 'defaultToGlobal')) return { mode: ctx.state.globalMode() };
      raise(Errors.subjectModeNotFound(subject));
    },
    PUT: async (ctx) => {
      const subject = checkSubject(ctx.params[0]);
      return unwrap(await ctx.store.execute({ op: 'setMode', subject, mode: modeOf(await ctx.body()), force: flag(ctx.query, 'force') }));
    },
    DELETE: async (ctx) => unwrap(await ctx.store.execute({ op: 'deleteMode', subject: checkSubject(ctx.params[0]) })),
  }),
  route('/compatibility/subjects/{subject}/versions', { POST: (ctx) => compatibility(ctx, undefined) }),
  route('/compatibility/subjects/{subject}/versions/{version}', { POST: (ctx) => compatibility(ctx, parseVersion(ctx.params[1])) }),
];

async function compatibility(ctx: Ctx, version: number | 'latest' | undefined): Promise<unknown> {
  const subject = checkSubject(ctx.params[0]);
  const verbose = flag(ctx.query, 'verbose');
  const req = schemaRequest(await ctx.body(), ctx.state);
  const prepared = prepareSchema(req, (ref) => ctx.state.schemaForReference(ref), normalizeFor(ctx, subject));
  if (!prepared.ok) {
    if (verbose) return { is_compatible: false, messages: [prepared.error.message] };
    raise(prepared.error);
  }
  const r = ctx.state.testCompatibility(subject, { ...req, schema: prepared.schema }, version);
  if (!r.ok) raise(r.error);
  return verbose ? { is_compatible: r.verdict.compatible, messages: r.verdict.messages } : { is_compatible: r.verdict.compatible };
}

function send(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

function sendError(res: ServerResponse, e: RegistryErrorBody, extra: Record<string, string> = {}): void {
  send(res, e.status, JSON.stringify({ error_code: e.errorCode, message: e.message }), extra);
}

/** Reads the body up to `limit` bytes; rejects with a 413 HttpError past it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = new HttpError({ status: 413, errorCode: 413, message: `Request body is larger than the limit of ${limit} bytes` });
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge);
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(tooLarge);
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(parts));
    });
    req.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
  });
}

/**
 * An HTTP request handler serving the registry API from `store`.
 *
 * @remarks
 * Until the store has read its log to the end every route but `/health`
 * answers 503 (`error_code` 50003); `/ready` says whether it has.
 */
export function createRegistryHandler(store: RegistryStore, options: RegistryHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const realm = options.auth?.realm ?? 'simple-kafka-registry';
  // Cached answers for GET /schemas/ids/{id}, dropped whenever the state changes.
  let cacheGeneration = -1;
  const byId = new Map<string, string>();

  return (req, res) => {
    void (async () => {
      let path: string;
      let query: URLSearchParams;
      try {
        const url = new URL(req.url ?? '/', 'http://registry');
        path = url.pathname.replace(/\/+$/, '');
        query = url.searchParams;
      } catch {
        sendError(res, NOT_FOUND);
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();

      if (path === '/health') {
        send(res, 200, '{"status":"UP"}');
        return;
      }
      if (path === '/ready') {
        if (store.ready) send(res, 200, '{"ready":true}');
        else send(res, 503, '{"ready":false}', { 'Retry-After': '1' });
        return;
      }
      if (options.auth && !authorized(req, options.auth)) {
        req.resume();
        sendError(res, { status: 401, errorCode: 401, message: 'Unauthorized' }, { 'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"` });
        return;
      }
      if (!store.ready) {
        req.resume();
        sendError(res, { status: 503, errorCode: 50003, message: 'The registry is still reading its log' }, { 'Retry-After': '1' });
        return;
      }

      // Fast path: cached schema by id.
      if (method === 'GET' && path.startsWith('/schemas/ids/') && query.size === 0) {
        if (cacheGeneration !== store.state.generation) {
          byId.clear();
          cacheGeneration = store.state.generation;
        }
        const cached = byId.get(path);
        if (cached !== undefined) {
          send(res, 200, cached);
          return;
        }
      }

      let matched: Route | undefined;
      let params: string[] = [];
      for (const r of routes) {
        const m = r.pattern.exec(path);
        if (m) {
          matched = r;
          params = m.slice(1);
          break;
        }
      }
      if (!matched) {
        req.resume();
        sendError(res, NOT_FOUND);
        return;
      }
      const handler = matched.methods[method];
      if (!handler) {
        req.resume();
        sendError(res, METHOD_NOT_ALLOWED, { Allow: Object.keys(matched.methods).join(', ') });
        return;
      }
      try {
        params = params.map((p) => decodeURIComponent(p));
      } catch {
        req.resume();
        sendError(res, NOT_FOUND);
        return;
      }
      let bodyRead = false;
      const ctx: Ctx = {
        params,
        query,
        store,
        state: store.state,
        body: async () => {
          bodyRead = true;
          const buf = await readBody(req, limit);
          try {
            return JSON.parse(buf.toString('utf8')) as unknown;
          } catch (err) {
            raise({ status: 400, errorCode: 400, message: `Malformed JSON in the request body: ${describeJsonError(err)}` });
          }
        },
      };
      try {
        const generation = store.state.generation;
        const value = await handler(ctx);
        if (!bodyRead) req.resume();
        const text = ctx.raw ?? JSON.stringify(value);
        if (method === 'GET' && path.startsWith('/schemas/ids/') && query.size === 0 && generation === store.state.generation && cacheGeneration === generation) {
          byId.set(path, text);
        }
        send(res, 200, text);
      } catch (err) {
        if (err instanceof HttpError) {
          if (err.body.status === 413) {
            // Stop reading a body we will not use, and do not keep the connection.
            res.on('finish', () => req.destroy());
            sendError(res, err.body, { Connection: 'close' });
            return;
          }
          if (!bodyRead) req.resume();
          sendError(res, err.body);
          return;
        }
        options.onError?.(err, req);
        if (!bodyRead) req.resume();
        sendError(res, { status: 500, errorCode: 50001, message: 'Internal Server Error' });
      }
    })();
  };
}
