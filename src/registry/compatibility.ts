/**
 * Avro schema compatibility, as Schema Registry enforces it: Avro's
 * schema-resolution rules (the reader/writer checks of Avro's
 * `SchemaCompatibility`) applied across versions per compatibility level,
 * with human-readable reasons.
 *
 * @packageDocumentation
 */

import * as avro from 'avsc';
import { SchemaRegistryError } from '../errors';

/** The seven Schema Registry compatibility levels. */
export const CompatibilityLevel = {
  /** The new schema can read data written with the latest schema. */
  BACKWARD: 'BACKWARD',
  /** The new schema can read data written with every earlier schema. */
  BACKWARD_TRANSITIVE: 'BACKWARD_TRANSITIVE',
  /** The latest schema can read data written with the new schema. */
  FORWARD: 'FORWARD',
  /** Every earlier schema can read data written with the new schema. */
  FORWARD_TRANSITIVE: 'FORWARD_TRANSITIVE',
  /** BACKWARD and FORWARD against the latest schema. */
  FULL: 'FULL',
  /** BACKWARD and FORWARD against every earlier schema. */
  FULL_TRANSITIVE: 'FULL_TRANSITIVE',
  /** No check. */
  NONE: 'NONE',
} as const;

/** One of {@link CompatibilityLevel}'s values. */
export type CompatibilityLevel = (typeof CompatibilityLevel)[keyof typeof CompatibilityLevel];

/** All levels, in the order above. */
export const COMPATIBILITY_LEVELS: readonly CompatibilityLevel[] = Object.values(CompatibilityLevel);

/** True when `v` is a compatibility level name. */
export function isCompatibilityLevel(v: unknown): v is CompatibilityLevel {
  return typeof v === 'string' && (COMPATIBILITY_LEVELS as readonly string[]).includes(v);
}

/** Which way data flows in a failed check: BACKWARD = the new schema reads old data; FORWARD = an old schema reads new data. */
export type CompatibilityDirection = 'BACKWARD' | 'FORWARD';

/** The kind of an incompatibility (Avro's `SchemaIncompatibilityType`). */
export type IncompatibilityKind =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

/** One reason a schema is incompatible. */
export interface CompatibilityIssue {
  /** What kind of rule was broken. */
  kind: IncompatibilityKind;
  /** BACKWARD (new reads old) or FORWARD (old reads new). */
  direction: CompatibilityDirection;
  /** Index in `existing` of the schema it conflicts with. */
  existingIndex: number;
  /** Where in the schema, e.g. `address.street`, `tags[]`, or `(root)`. */
  path: string;
  /** The field, enum symbols or type names involved, when there are any. */
  subject?: string;
  /** A sentence naming the change and the level it breaks. */
  message: string;
}

/** The verdict of {@link checkCompatibility}. */
export interface CompatibilityResult {
  /** True when the candidate may be registered under the level. */
  compatible: boolean;
  /** The level checked. */
  level: CompatibilityLevel;
  /** One sentence per issue (the messages of {@link CompatibilityResult.issues}). */
  reasons: string[];
  /** Every issue found. */
  issues: CompatibilityIssue[];
}

/** An Avro schema: JSON text, a parsed JSON value, or an avsc `Type`. */
export type AvroSchemaInput = string | object | avro.Type;

/** Options of {@link checkCompatibility}. */
export interface CheckCompatibilityOptions {
  /**
   * Schemas defining named types the schemas refer to by name (Schema
   * Registry references), dependencies first. Not needed for avsc `Type`s.
   */
  references?: readonly (string | object)[];
  /** How to call each existing schema in messages, e.g. `version 3`; default `existing schema #1`, `#2`, … */
  labels?: readonly string[];
}

interface RawIssue {
  kind: IncompatibilityKind;
  path: string;
  subject?: string;
  reader: avro.Type;
  writer: avro.Type;
  detail?: string[];
  /** Set when the writer is one branch of this writer union. */
  writerUnion?: avro.Type;
}

type AnyType = avro.Type & {
  typeName: string;
  name?: string;
  aliases?: string[];
  fields?: { name: string; type: avro.Type; aliases: string[]; defaultValue(): unknown }[];
  symbols?: string[];
  default?: unknown;
  size?: number;
  itemsType?: avro.Type;
  valuesType?: avro.Type;
  types?: avro.Type[];
  underlyingType?: avro.Type;
};

function kindOf(t: avro.Type): string {
  const tn = (t as AnyType).typeName;
  if (tn.startsWith('union')) return 'union';
  if (tn.startsWith('logical:')) return kindOf((t as AnyType).underlyingType as avro.Type);
  if (tn === 'abstract:long') return 'long';
  if (tn === 'error') return 'record';
  return tn;
}

function base(t: avro.Type): AnyType {
  let cur = t as AnyType;
  while (cur.typeName.startsWith('logical:') && cur.underlyingType) cur = cur.underlyingType as AnyType;
  return cur;
}

function unqualified(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

/** Short type description for messages: `int`, `record a.B`, `array<string>`, `union [null, string]`. */
export function describeType(t: avro.Type, depth = 0): string {
  const b = base(t);
  const k = kindOf(b);
  switch (k) {
    case 'record':
    case 'enum':
    case 'fixed':
      return `${k} ${b.name ?? '(anonymous)'}`;
    case 'array':
      return depth > 2 ? 'array' : `array<${describeType(b.itemsType as avro.Type, depth + 1)}>`;
    case 'map':
      return depth > 2 ? 'map' : `map<${describeType(b.valuesType as avro.Type, depth + 1)}>`;
    case 'union':
      return depth > 2 ? 'union' : `union [${(b.types ?? []).map((x) => describeType(x, depth + 1)).join(', ')}]`;
    default:
      return k;
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

const PROMOTIONS: Record<string, readonly string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  string: ['bytes'],
  bytes: ['string'],
};

class Checker {
  readonly #memo = new Map<avro.Type, Map<avro.Type, RawIssue[] | null>>();

  /** Issues for reading data written with `writer` using `reader`. */
  check(reader: avro.Type, writer: avro.Type, path: string): RawIssue[] {
    let byWriter = this.#memo.get(reader);
    if (!byWriter) this.#memo.set(reader, (byWriter = new Map()));
    if (byWriter.has(writer)) {
      // null = in progress (a recursive type): assume compatible, as Avro does.
      return byWriter.get(writer) ?? [];
    }
    byWriter.set(writer, null);
    const out = this.#compute(base(reader), base(writer), path);
    byWriter.set(writer, out);
    return out;
  }

  #compute(reader: AnyType, writer: AnyType, path: string): RawIssue[] {
    const rk = kindOf(reader);
    const wk = kindOf(writer);
    if (rk === wk) {
      switch (rk) {
        case 'array':
          return this.check(reader.itemsType as avro.Type, writer.itemsType as avro.Type, `${path || '(root)'}[]`);
        case 'map':
          return this.check(reader.valuesType as avro.Type, writer.valuesType as avro.Type, `${path || '(root)'}{}`);
        case 'fixed': {
          const issues = this.#names(reader, writer, path);
          if (issues.length) return issues;
          if (reader.size !== writer.size) return [{ kind: 'FIXED_SIZE_MISMATCH', path, reader, writer, subject: reader.name }];
          return [];
        }
        case 'enum': {
          const issues = this.#names(reader, writer, path);
          if (issues.length) return issues;
          const readerSymbols = new Set(reader.symbols ?? []);
          const missing = (writer.symbols ?? []).filter((s) => !readerSymbols.has(s));
          if (missing.length && reader.default === undefined) {
            return [{ kind: 'MISSING_ENUM_SYMBOLS', path, reader, writer, subject: reader.name, detail: missing }];
          }
          return [];
        }
        case 'record':
          return this.#record(reader, writer, path);
        case 'union':
          return this.#writerUnion(reader, writer, path);
        default:
          return [];
      }
    }
    if (wk === 'union') return this.#writerUnion(reader, writer, path);
    if (rk === 'union') {
      for (const branch of reader.types ?? []) {
        if (this.check(branch, writer, path).length === 0) return [];
      }
      return [{ kind: 'MISSING_UNION_BRANCH', path, reader, writer }];
    }
    if (PROMOTIONS[rk]?.includes(wk)) return [];
    return [{ kind: 'TYPE_MISMATCH', path, reader, writer }];
  }

  /** Every branch of a writer union must be readable. */
  #writerUnion(reader: AnyType, writer: AnyType, path: string): RawIssue[] {
    const out: RawIssue[] = [];
    for (const branch of writer.types ?? []) {
      for (const issue of this.check(reader, branch, path)) {
        out.push(issue.writer === base(branch) && issue.path === path && issue.kind === 'TYPE_MISMATCH' ? { ...issue, writerUnion: writer } : issue);
      }
    }
    return out;
  }

  #names(reader: AnyType, writer: AnyType, path: string): RawIssue[] {
    if (unqualified(reader.name) === unqualified(writer.name)) return [];
    if (writer.name !== undefined && (reader.aliases ?? []).includes(writer.name)) return [];
    return [{ kind: 'NAME_MISMATCH', path, reader, writer, subject: reader.name }];
  }

  #record(reader: AnyType, writer: AnyType, path: string): RawIssue[] {
    const names = this.#names(reader, writer, path);
    if (names.length) return names;
    const writerFields = new Map((writer.fields ?? []).map((f) => [f.name, f]));
    const out: RawIssue[] = [];
    for (const rf of reader.fields ?? []) {
      const fieldPath = join(path, rf.name);
      let wf = writerFields.get(rf.name);
      if (!wf) {
        for (const alias of rf.aliases ?? []) {
          wf = writerFields.get(alias);
          if (wf) break;
        }
      }
      if (!wf) {
        // An enum default does not help here: the field itself needs a default (as in Avro).
        if (rf.defaultValue() === undefined) {
          out.push({ kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', path: fieldPath, subject: rf.name, reader, writer });
        }
        continue;
      }
      out.push(...this.check(rf.type, wf.type, fieldPath));
    }
    return out;
  }
}

function formatIssue(raw: RawIssue, direction: CompatibilityDirection, label: string): string {
  // BACKWARD: reader = new, writer = existing. FORWARD: reader = existing, writer = new.
  const newT = direction === 'BACKWARD' ? raw.reader : raw.writer;
  const oldT = direction === 'BACKWARD' ? raw.writer : raw.reader;
  const at = raw.path ? ` at \`${raw.path}\`` : '';
  const breaks = `breaks ${direction}`;
  switch (raw.kind) {
    case 'READER_FIELD_MISSING_DEFAULT_VALUE':
      return direction === 'BACKWARD'
        ? `field \`${raw.path}\` added without a default ${breaks}: the new schema cannot read data written with ${label}`
        : `field \`${raw.path}\` removed but it has no default in ${label}, which ${breaks}: ${label} cannot read new data`;
    case 'TYPE_MISMATCH':
      if (raw.writerUnion) {
        return direction === 'BACKWARD'
          ? `type${at}: branch ${describeType(raw.writer)} of ${describeType(raw.writerUnion)} in ${label} cannot be read by the new ${describeType(raw.reader)}, which ${breaks}`
          : `type${at}: branch ${describeType(raw.writer)} of the new ${describeType(raw.writerUnion)} cannot be read by ${describeType(raw.reader)} in ${label}, which ${breaks}`;
      }
      return `type${at} changed from ${describeType(oldT)} (${label}) to ${describeType(newT)} (new), which ${breaks}: ${describeType(raw.reader)} cannot read ${describeType(raw.writer)} data`;
    case 'MISSING_UNION_BRANCH':
      return direction === 'BACKWARD'
        ? `type${at}: ${describeType(raw.writer)} written by ${label} matches no branch of the new ${describeType(raw.reader)}, which ${breaks}`
        : `type${at}: ${describeType(raw.writer)} written by the new schema matches no branch of ${describeType(raw.reader)} in ${label}, which ${breaks}`;
    case 'MISSING_ENUM_SYMBOLS': {
      const syms = `[${(raw.detail ?? []).join(', ')}]`;
      return direction === 'BACKWARD'
        ? `enum \`${raw.subject}\`${at} removed symbols ${syms} and the new schema has no enum default, which ${breaks}: data written with ${label} may hold them`
        : `enum \`${raw.subject}\`${at} added symbols ${syms} unknown to ${label}, which has no enum default; this ${breaks}`;
    }
    case 'NAME_MISMATCH':
      return `named type${at} renamed from \`${base(oldT).name}\` (${label}) to \`${base(newT).name}\` (new) without ${direction === 'BACKWARD' ? 'an alias for the old name in the new schema' : `an alias for the new name in ${label}`}, which ${breaks}`;
    case 'FIXED_SIZE_MISMATCH':
      return `fixed \`${raw.subject}\`${at} changed size from ${base(oldT).size} (${label}) to ${base(newT).size} (new), which ${breaks}`;
  }
}

/**
 * Parse an Avro schema for compatibility checking: logical types ignored (as
 * Avro's resolution rules do), every union wrapped so no union is "ambiguous".
 *
 * @param registry - named types already known (from references); extended in place.
 * @throws {@link SchemaRegistryError} 422/42201 when the schema is not valid Avro.
 */
export function parseForCompatibility(schema: AvroSchemaInput, registry: Record<string, avro.Type> = {}): avro.Type {
  if (avro.Type.isType(schema)) return schema as avro.Type;
  try {
    // A bare primitive or type name ("int", "com.example.User") is accepted as well as JSON text.
    const json: unknown = typeof schema === 'string' ? (/^\s*[[{"]/.test(schema) ? JSON.parse(schema) : schema.trim()) : schema;
    return avro.Type.forSchema(json as avro.Schema, { registry, wrapUnions: 'always' });
  } catch (err) {
    throw new SchemaRegistryError(422, 42201, `Invalid schema: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * Check an Avro schema against the existing versions of a subject under a
 * compatibility level, as Schema Registry does before registering it.
 *
 * @param level - the compatibility level.
 * @param candidate - the schema to register.
 * @param existing - the subject's schemas, oldest first (the last is the latest).
 * @param options - referenced named types, labels for messages.
 * @returns the verdict with one reason per broken rule, e.g.
 *   "field `age` added without a default breaks BACKWARD: the new schema cannot
 *   read data written with existing schema #1".
 * @throws {@link SchemaRegistryError} (422, 42201) when a schema is not valid Avro;
 *   (422, 42203) when the level is unknown.
 *
 * @example
 * ```ts
 * const r = checkCompatibility('BACKWARD', v2, [v1]);
 * if (!r.compatible) console.log(r.reasons.join('\n'));
 * ```
 */
export function checkCompatibility(
  level: CompatibilityLevel,
  candidate: AvroSchemaInput,
  existing: readonly AvroSchemaInput[],
  options: CheckCompatibilityOptions = {},
): CompatibilityResult {
  if (!isCompatibilityLevel(level)) {
    throw new SchemaRegistryError(422, 42203, `Invalid compatibility level: ${String(level)}. Valid values are ${COMPATIBILITY_LEVELS.join(', ')}`);
  }
  const parse = (s: AvroSchemaInput): avro.Type => {
    if (avro.Type.isType(s)) return s as avro.Type;
    const registry: Record<string, avro.Type> = {};
    for (const ref of options.references ?? []) parseForCompatibility(ref, registry);
    return parseForCompatibility(s, registry);
  };
  const cand = parse(candidate);
  const olds = existing.map(parse);
  const issues: CompatibilityIssue[] = [];
  if (level !== 'NONE' && olds.length > 0) {
    const transitive = level.endsWith('_TRANSITIVE');
    const indices = transitive ? olds.map((_, i) => i) : [olds.length - 1];
    const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
    const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
    const checker = new Checker();
    for (const i of [...indices].reverse()) {
      const label = options.labels?.[i] ?? `existing schema #${i + 1}`;
      const add = (raws: RawIssue[], direction: CompatibilityDirection): void => {
        for (const raw of raws) {
          issues.push({
            kind: raw.kind,
            direction,
            existingIndex: i,
            path: raw.path || '(root)',
            ...(raw.subject !== undefined ? { subject: raw.subject } : {}),
            message: formatIssue(raw, direction, label),
          });
        }
      };
      if (backward) add(checker.check(cand, olds[i], ''), 'BACKWARD');
      if (forward) add(checker.check(olds[i], cand, ''), 'FORWARD');
    }
  }
  return { compatible: issues.length === 0, level, reasons: issues.map((i) => i.message), issues };
}
