/**
 * Avro schema normalization, for `normalize=true` registration and lookup:
 * two schemas that differ only in formatting, key order, namespace spelling or
 * `{"type": "int"}` versus `"int"` normalize to the same text.
 *
 * @packageDocumentation
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Key order of the normalized form; other keys (custom properties) follow, sorted. */
const KEY_ORDER = ['type', 'name', 'aliases', 'doc', 'fields', 'symbols', 'default', 'items', 'values', 'size', 'order', 'logicalType', 'precision', 'scale'];

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function orderKeys(obj: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const k of KEY_ORDER) if (k in obj) out[k] = obj[k];
  for (const k of Object.keys(obj).sort()) if (!(k in out)) out[k] = obj[k];
  return out;
}

function norm(s: Json, namespace: string | undefined): Json {
  if (typeof s === 'string') return PRIMITIVES.has(s) ? s : fullName(s, namespace);
  if (Array.isArray(s)) return s.map((b) => norm(b, namespace));
  if (s === null || typeof s !== 'object') return s;
  const type = s.type;
  const out: Record<string, Json> = { ...s };
  let ns = namespace;
  if (typeof s.name === 'string' && (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed')) {
    const nsAttr = typeof s.namespace === 'string' ? s.namespace : namespace;
    const name = fullName(s.name, nsAttr || undefined);
    out.name = name;
    delete out.namespace;
    const dot = name.lastIndexOf('.');
    ns = dot < 0 ? undefined : name.slice(0, dot);
    if (Array.isArray(s.aliases)) out.aliases = s.aliases.map((a) => (typeof a === 'string' ? fullName(a, ns) : a));
  }
  if (type === 'record' || type === 'error') {
    if (Array.isArray(s.fields)) {
      out.fields = s.fields.map((f) => {
        if (f === null || typeof f !== 'object' || Array.isArray(f)) return f;
        const field: Record<string, Json> = { ...f, type: norm(f.type as Json, ns) };
        return orderKeys(field);
      });
    }
  } else if (type === 'array') {
    out.items = norm(s.items as Json, ns);
  } else if (type === 'map') {
    out.values = norm(s.values as Json, ns);
  } else if (typeof type === 'string' && PRIMITIVES.has(type) && Object.keys(s).length === 1) {
    return type;
  } else if (type !== 'enum' && type !== 'fixed' && type !== undefined && typeof type !== 'string') {
    out.type = norm(type, ns);
  }
  return orderKeys(out);
}

/**
 * The normalized text of an Avro schema.
 *
 * @throws SyntaxError when `schema` is not JSON.
 */
export function normalizeAvroSchema(schema: string): string {
  return JSON.stringify(norm(JSON.parse(schema) as Json, undefined));
}

/** The schema text with insignificant whitespace removed (what a registry compares without normalization). */
export function compactJson(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema));
  } catch {
    return schema;
  }
}
