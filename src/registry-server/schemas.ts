/**
 * Schema texts as the registry stores them: validation per schema type and a
 * canonical form, so that the same schema written with other whitespace or
 * key order gets the same id.
 *
 * @remarks
 * Avro's canonical form follows Apache Avro's `Schema.toString()`: known
 * attributes in a fixed order, other properties after them, names relative to
 * the enclosing namespace. With `normalize` (`?normalize=true`) every name is
 * written fully qualified and extra properties are sorted, so schemas that
 * differ only in how names are qualified also meet. JSON Schema and Protobuf
 * are stored and served, not checked for compatibility: JSON Schema is
 * re-serialized compactly, Protobuf kept as sent (trimmed).
 *
 * @packageDocumentation
 */
import type * as avro from 'avsc';

import { parseForCompatibility } from '../registry/compatibility';
import type { RegistryErrorBody, SchemaReference, SchemaType } from './types';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** A schema with its references, as stored. */
export interface SchemaText {
  schema: string;
  schemaType: SchemaType;
  references: readonly SchemaReference[];
}

/** Finds the schema a reference points to (any version state), or nothing. */
export type ReferenceResolver = (ref: SchemaReference) => SchemaText | undefined;

/** Result of {@link prepareSchema}. */
export type Prepared = { ok: true; schema: string } | { ok: false; error: RegistryErrorBody };

function invalid(schemaType: SchemaType, details: string): { ok: false; error: RegistryErrorBody } {
  return { ok: false, error: { status: 422, errorCode: 42201, message: `Invalid schema of type ${schemaType}, details: ${details}` } };
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // SchemaRegistryError from parseForCompatibility already says "Invalid schema: …".
  return message.replace(/^Invalid schema:\s*/, '');
}

/**
 * The reference closure of `references`: every schema they (transitively)
 * refer to, dependencies first, each once.
 *
 * @returns the texts, or the first reference that cannot be resolved.
 */
export function referenceClosure(references: readonly SchemaReference[], resolve: ReferenceResolver): { ok: true; schemas: SchemaText[] } | { ok: false; missing: SchemaReference } {
  const out: SchemaText[] = [];
  const seen = new Set<string>();
  const visit = (refs: readonly SchemaReference[], depth: number): SchemaReference | undefined => {
    if (depth > 32) return refs[0];
    for (const ref of refs) {
      const key = `${ref.subject}\u0000${ref.version}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const target = resolve(ref);
      if (!target) return ref;
      const missing = visit(target.references, depth + 1);
      if (missing) return missing;
      out.push(target);
    }
    return undefined;
  };
  const missing = visit(references, 0);
  return missing ? { ok: false, missing } : { ok: true, schemas: out };
}

/**
 * Parse an Avro schema the way the compatibility checker sees it, with the
 * named types of its references defined first.
 *
 * @throws {@link SchemaRegistryError} (422, 42201) when a schema is not valid Avro.
 */
export function parseAvroWithReferences(schema: string, referenced: readonly SchemaText[]): avro.Type {
  const registry: Record<string, avro.Type> = {};
  for (const dep of referenced) {
    if (dep.schemaType === 'AVRO') parseForCompatibility(dep.schema, registry);
  }
  return parseForCompatibility(schema, registry);
}

/**
 * Validate a schema and give its canonical text.
 *
 * @param input - the schema as sent: text, type, references.
 * @param resolve - finds referenced schemas.
 * @param normalize - `?normalize=true`: fully qualified names, sorted extra properties (Avro).
 */
export function prepareSchema(input: SchemaText, resolve: ReferenceResolver, normalize: boolean): Prepared {
  const { schemaType } = input;
  const closure = referenceClosure(input.references, resolve);
  if (!closure.ok) {
    const r = closure.missing;
    return invalid(schemaType, `reference '${r.name}' to subject '${r.subject}' version ${r.version} not found`);
  }
  switch (schemaType) {
    case 'AVRO': {
      let json: unknown;
      try {
        json = JSON.parse(input.schema);
      } catch (err) {
        return invalid(schemaType, `not JSON: ${errorText(err)}`);
      }
      try {
        parseAvroWithReferences(input.schema, closure.schemas);
      } catch (err) {
        return invalid(schemaType, errorText(err));
      }
      return { ok: true, schema: JSON.stringify(canonicalAvro(json, normalize)) };
    }
    case 'JSON': {
      let json: unknown;
      try {
        json = JSON.parse(input.schema);
      } catch (err) {
        return invalid(schemaType, `not JSON: ${errorText(err)}`);
      }
      if (typeof json !== 'boolean' && (json === null || typeof json !== 'object' || Array.isArray(json))) {
        return invalid(schemaType, 'a JSON Schema is an object or a boolean');
      }
      return { ok: true, schema: JSON.stringify(normalize ? sortKeys(json) : json) };
    }
    case 'PROTOBUF': {
      const text = input.schema.trim();
      if (text.length === 0) return invalid(schemaType, 'empty schema');
      return { ok: true, schema: text };
    }
  }
}

/**
 * The text two schemas of one type share exactly when the registry treats
 * them as the same schema: the normalized form (fully qualified names, sorted
 * extra properties) for Avro, key-sorted JSON for JSON Schema, the text for
 * Protobuf. Input must be a prepared (canonical) text.
 */
export function identityText(schemaType: SchemaType, schema: string): string {
  if (schemaType === 'PROTOBUF') return schema;
  try {
    const json = JSON.parse(schema) as unknown;
    return JSON.stringify(schemaType === 'AVRO' ? canonicalAvro(json, true) : sortKeys(json));
  } catch {
    return schema;
  }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
  }
  return v;
}

function fullName(name: string, namespace: string | undefined): string {
  if (name.includes('.') || PRIMITIVES.has(name)) return name;
  return namespace ? `${namespace}.${name}` : name;
}

function spaceOf(full: string): string | undefined {
  const i = full.lastIndexOf('.');
  return i < 0 ? undefined : full.slice(0, i);
}

function shortOf(full: string): string {
  const i = full.lastIndexOf('.');
  return i < 0 ? full : full.slice(i + 1);
}

/** How a name reference is written inside `enclosing`. */
function nameRef(full: string, enclosing: string | undefined, normalize: boolean): string {
  if (normalize || PRIMITIVES.has(full)) return full;
  return (spaceOf(full) ?? '') === (enclosing ?? '') ? shortOf(full) : full;
}

const KNOWN: Record<string, readonly string[]> = {
  record: ['type', 'name', 'namespace', 'doc', 'fields', 'aliases'],
  error: ['type', 'name', 'namespace', 'doc', 'fields', 'aliases'],
  enum: ['type', 'name', 'namespace', 'doc', 'symbols', 'default', 'aliases'],
  fixed: ['type', 'name', 'namespace', 'doc', 'size', 'aliases'],
  array: ['type', 'items'],
  map: ['type', 'values'],
};
const FIELD_KNOWN = ['name', 'type', 'doc', 'default', 'order', 'aliases'];

function props(node: Record<string, unknown>, known: readonly string[], normalize: boolean): [string, unknown][] {
  const extra = Object.keys(node).filter((k) => !known.includes(k));
  if (normalize) extra.sort();
  return extra.map((k) => [k, node[k]]);
}

/**
 * The canonical JSON value of an Avro schema (see the module remarks). The
 * schema must already be valid.
 */
export function canonicalAvro(schema: unknown, normalize = false): unknown {
  const walk = (node: unknown, ns: string | undefined): unknown => {
    if (typeof node === 'string') return nameRef(fullName(node, ns), ns, normalize);
    if (Array.isArray(node)) return node.map((n) => walk(n, ns));
    if (node === null || typeof node !== 'object') return node;
    const o = node as Record<string, unknown>;
    const type = o.type;
    if (typeof type !== 'string') return walk(type, ns); // {"type": {...}} or {"type": [...]}
    if (PRIMITIVES.has(type) || !KNOWN[type]) {
      const extra = props(o, ['type'], normalize);
      if (extra.length === 0) return walk(type, ns);
      return Object.fromEntries([['type', walk(type, ns)], ...extra]);
    }
    const out: [string, unknown][] = [['type', type]];
    let inner = ns;
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const name = String(o.name);
      const full = name.includes('.') ? name : fullName(name, typeof o.namespace === 'string' ? o.namespace || undefined : ns);
      const space = spaceOf(full);
      if (normalize) {
        out.push(['name', full]);
      } else {
        out.push(['name', shortOf(full)]);
        if ((space ?? '') !== (ns ?? '')) out.push(['namespace', space ?? '']);
      }
      inner = space;
      if (o.doc !== undefined) out.push(['doc', o.doc]);
      const aliases = Array.isArray(o.aliases) ? (o.aliases as string[]).map((a) => (normalize ? fullName(a, space) : a)) : undefined;
      if (type === 'record' || type === 'error') {
        const fields = (Array.isArray(o.fields) ? o.fields : []) as Record<string, unknown>[];
        out.push([
          'fields',
          fields.map((f) => {
            const fo: [string, unknown][] = [
              ['name', f.name],
              ['type', walk(f.type, inner)],
            ];
            if (f.doc !== undefined) fo.push(['doc', f.doc]);
            if (f.default !== undefined) fo.push(['default', f.default]);
            if (f.order !== undefined && f.order !== 'ascending') fo.push(['order', f.order]);
            fo.push(...props(f, FIELD_KNOWN, normalize));
            if (Array.isArray(f.aliases) && f.aliases.length > 0) fo.push(['aliases', f.aliases]);
            return Object.fromEntries(fo);
          }),
        ]);
      } else if (type === 'enum') {
        out.push(['symbols', o.symbols]);
        if (o.default !== undefined) out.push(['default', o.default]);
      } else {
        out.push(['size', o.size]);
      }
      out.push(...props(o, KNOWN[type], normalize));
      if (aliases && aliases.length > 0) out.push(['aliases', aliases]);
      return Object.fromEntries(out);
    }
    if (type === 'array') out.push(['items', walk(o.items, ns)]);
    else out.push(['values', walk(o.values, ns)]);
    out.push(...props(o, KNOWN[type], normalize));
    return Object.fromEntries(out);
  };
  return walk(schema, undefined);
}
