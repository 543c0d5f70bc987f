/**
 * The registry's state as a deterministic state machine: {@link RegistryState.apply}
 * takes a {@link RegistryCommand} and decides everything there — ids,
 * versions, compatibility verdicts, "not found" — from the state alone. Every
 * instance that applies the same commands in the same order holds the same
 * state and gives the same answers.
 *
 * @packageDocumentation
 */
import type * as avro from 'avsc';

import { checkCompatibility, type CompatibilityLevel, type CompatibilityResult } from '../registry/compatibility';
import { identityText, parseAvroWithReferences, referenceClosure, type SchemaText } from './schemas';
import type { CommandResult, CompatibilityConfig, RegistryCommand, RegistryErrorBody, RegistryMode, SchemaReference } from './types';

/** The compatibility level when none is configured. */
export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';
/** The mode when none is configured. */
export const DEFAULT_MODE: RegistryMode = 'READWRITE';

/** A schema known by id. */
export interface StoredSchema extends SchemaText {
  id: number;
}

/** One version of one subject. */
export interface SubjectVersion {
  subject: string;
  version: number;
  id: number;
  deleted: boolean;
}

/** The whole state as plain JSON (snapshots, equality checks in tests). */
export interface RegistrySnapshot {
  format: 1;
  nextId: number;
  schemas: StoredSchema[];
  subjects: [string, { version: number; id: number; deleted: boolean }[]][];
  globalConfig: CompatibilityConfig | null;
  configs: [string, CompatibilityConfig][];
  globalMode: RegistryMode | null;
  modes: [string, RegistryMode][];
}

interface VersionEntry {
  version: number;
  id: number;
  deleted: boolean;
}

/** Builds Confluent error bodies. */
export const Errors = {
  subjectNotFound: (s: string): RegistryErrorBody => ({ status: 404, errorCode: 40401, message: `Subject '${s}' not found.` }),
  versionNotFound: (v: number | string): RegistryErrorBody => ({ status: 404, errorCode: 40402, message: `Version ${v} not found.` }),
  schemaNotFound: (id?: number): RegistryErrorBody => ({ status: 404, errorCode: 40403, message: id === undefined ? 'Schema not found' : `Schema ${id} not found` }),
  subjectSoftDeleted: (s: string): RegistryErrorBody => ({ status: 404, errorCode: 40404, message: `Subject '${s}' was soft deleted.Set permanent=true to delete permanently` }),
  subjectNotSoftDeleted: (s: string): RegistryErrorBody => ({ status: 404, errorCode: 40405, message: `Subject '${s}' was not deleted first before being permanently deleted` }),
  versionSoftDeleted: (s: string, v: number): RegistryErrorBody => ({ status: 404, errorCode: 40406, message: `Subject '${s}' Version ${v} was soft deleted.Set permanent=true to delete permanently` }),
  versionNotSoftDeleted: (s: string, v: number): RegistryErrorBody => ({ status: 404, errorCode: 40407, message: `Subject '${s}' Version ${v} was not deleted first before being permanently deleted` }),
  subjectConfigNotFound: (s: string): RegistryErrorBody => ({ status: 404, errorCode: 40408, message: `Subject '${s}' does not have subject-level compatibility configured` }),
  subjectModeNotFound: (s: string): RegistryErrorBody => ({ status: 404, errorCode: 40409, message: `Subject '${s}' does not have subject-level mode configured` }),
  incompatible: (message: string): RegistryErrorBody => ({ status: 409, errorCode: 40901, message }),
  invalidSchema: (message: string): RegistryErrorBody => ({ status: 422, errorCode: 42201, message }),
  invalidVersion: (v: string): RegistryErrorBody => ({
    status: 422,
    errorCode: 42202,
    message: `The specified version '${v}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
  }),
  invalidCompatibility: (v: unknown): RegistryErrorBody => ({
    status: 422,
    errorCode: 42203,
    message: `Invalid compatibility level${v === undefined ? '' : ` '${String(v)}'`}. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive`,
  }),
  invalidMode: (v: unknown): RegistryErrorBody => ({
    status: 422,
    errorCode: 42204,
    message: `Invalid mode${v === undefined ? '' : ` '${String(v)}'`}. Valid values are READWRITE, READONLY, READONLY_OVERRIDE, and IMPORT`,
  }),
  notPermitted: (message: string): RegistryErrorBody => ({ status: 422, errorCode: 42205, message }),
  referenceExists: (s: string, v: number): RegistryErrorBody => ({ status: 422, errorCode: 42206, message: `One or more references exist to the schema {subject=${s},version=${v}}` }),
  invalidSubject: (s: string): RegistryErrorBody => ({ status: 422, errorCode: 42208, message: `Invalid subject ${JSON.stringify(s)}` }),
};

function fail(error: RegistryErrorBody): { result: CommandResult } {
  return { result: { ok: false, error } };
}

function ok(value: unknown, commit?: () => void): { result: CommandResult; commit?: () => void } {
  return { result: { ok: true, value }, commit };
}

/** Same key = same schema (same id): type, references and the normalized text. */
function lookupKey(s: SchemaText): string {
  const refs = s.references.map((r) => [r.name, r.subject, r.version]);
  return `${s.schemaType}\n${JSON.stringify(refs)}\n${identityText(s.schemaType, s.schema)}`;
}

/** Outcome of a compatibility test. */
export interface CompatibilityVerdict {
  compatible: boolean;
  messages: string[];
}

/**
 * The registry state machine. Reads are synchronous and cheap; writes only
 * happen through {@link RegistryState.apply}.
 */
export class RegistryState {
  #schemas = new Map<number, StoredSchema>();
  #idByKey = new Map<string, number>();
  #subjects = new Map<string, Map<number, VersionEntry>>();
  #configs = new Map<string, CompatibilityConfig>();
  #globalConfig: CompatibilityConfig | null = null;
  #modes = new Map<string, RegistryMode>();
  #globalMode: RegistryMode | null = null;
  #nextId = 1;
  #parsed = new Map<number, avro.Type>();
  /** Bumped on every change; lets callers cache derived answers. */
  #generation = 0;

  /** A counter that changes whenever the state does. */
  get generation(): number {
    return this.#generation;
  }

  // ---- commands -----------------------------------------------------------

  /**
   * Apply a command: decide its outcome from the current state and change the
   * state accordingly. Deterministic: same state + same command → same result
   * and same next state.
   */
  apply(cmd: RegistryCommand): CommandResult {
    const { result, commit } = this.#plan(cmd);
    if (commit) {
      commit();
      this.#generation++;
    }
    return result;
  }

  /**
   * What {@link RegistryState.apply} would answer now, without changing the
   * state. `writes` is false when the command would change nothing (an error,
   * or a schema that is already registered).
   */
  check(cmd: RegistryCommand): { result: CommandResult; writes: boolean } {
    const { result, commit } = this.#plan(cmd);
    return { result, writes: commit !== undefined };
  }

  #plan(cmd: RegistryCommand): { result: CommandResult; commit?: () => void } {
    switch (cmd.op) {
      case 'register':
        return this.#register(cmd);
      case 'deleteVersion':
        return this.#deleteVersion(cmd.subject, cmd.version, cmd.permanent);
      case 'deleteSubject':
        return this.#deleteSubject(cmd.subject, cmd.permanent);
      case 'setConfig':
        return ok({ compatibility: cmd.config.compatibilityLevel, ...(cmd.config.normalize !== undefined ? { normalize: cmd.config.normalize } : {}) }, () => {
          if (cmd.subject === null) this.#globalConfig = { ...cmd.config };
          else this.#configs.set(cmd.subject, { ...cmd.config });
        });
      case 'deleteConfig': {
        if (cmd.subject === null) {
          return ok(this.globalConfig(), () => (this.#globalConfig = null));
        }
        const current = this.#configs.get(cmd.subject);
        if (!current) return fail(Errors.subjectNotFound(cmd.subject));
        const subject = cmd.subject;
        return ok({ ...current }, () => this.#configs.delete(subject));
      }
      case 'setMode': {
        if (cmd.mode === 'IMPORT' && !cmd.force) {
          const nonEmpty = cmd.subject === null ? this.#subjects.size > 0 : (this.#subjects.get(cmd.subject)?.size ?? 0) > 0;
          if (nonEmpty) return fail(Errors.notPermitted('Cannot import since found existing subjects'));
        }
        return ok({ mode: cmd.mode }, () => {
          if (cmd.subject === null) this.#globalMode = cmd.mode;
          else this.#modes.set(cmd.subject, cmd.mode);
        });
      }
      case 'deleteMode': {
        if (cmd.subject === null) return ok({ mode: this.globalMode() }, () => (this.#globalMode = null));
        const current = this.#modes.get(cmd.subject);
        if (!current) return fail(Errors.subjectNotFound(cmd.subject));
        const subject = cmd.subject;
        return ok({ mode: current }, () => this.#modes.delete(subject));
      }
    }
  }

  #register(cmd: Extract<RegistryCommand, { op: 'register' }>): { result: CommandResult; commit?: () => void } {
    const { subject } = cmd;
    const mode = this.modeFor(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') return fail(Errors.notPermitted(`Subject ${subject} is in read-only mode`));
    if (cmd.id !== undefined) {
      if (mode !== 'IMPORT') return fail(Errors.notPermitted(`Subject ${subject} is not in import mode`));
    } else if (mode !== 'READWRITE') {
      return fail(Errors.notPermitted(`Subject ${subject} is not in read-write mode`));
    }
    const versions = this.#subjects.get(subject);
    let newVersion = 1;
    for (const v of versions?.keys() ?? []) newVersion = Math.max(newVersion, v + 1);

    const closure = referenceClosure(cmd.references, (ref) => this.schemaForReference(ref));
    if (!closure.ok) {
      const r = closure.missing;
      return fail(Errors.invalidSchema(`Invalid schema of type ${cmd.schemaType}, details: reference '${r.name}' to subject '${r.subject}' version ${r.version} not found`));
    }

    const key = lookupKey(cmd);
    const existingId = this.#idByKey.get(key);
    let schemaId: number | undefined;
    if (existingId !== undefined && (cmd.id === undefined || cmd.id === existingId)) {
      if (cmd.version === undefined || versions?.get(cmd.version)?.id === existingId) {
        const live = this.#live(subject).filter((e) => e.id === existingId);
        if (live.length > 0) return ok({ id: existingId, version: live[live.length - 1].version });
      }
      schemaId = existingId;
    }

    if (mode !== 'IMPORT') {
      const live = this.#live(subject);
      if (live.length > 0) {
        const verdict = this.#compatibility(cmd, live, this.configFor(subject).compatibilityLevel);
        if (!verdict.compatible) {
          return fail(
            Errors.incompatible(`Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${verdict.messages.join('; ')}]`),
          );
        }
      }
    }

    let version = newVersion;
    if (cmd.version !== undefined) {
      if (mode === 'IMPORT') {
        const at = versions?.get(cmd.version);
        if (at && at.id !== (schemaId ?? cmd.id)) return fail(Errors.notPermitted(`Overwrite new schema with version ${cmd.version} of subject ${subject} is not permitted.`));
      } else if (cmd.version !== newVersion) {
        return fail(Errors.invalidSchema(`Invalid schema of type ${cmd.schemaType}, details: version ${cmd.version} is not one more than the latest version ${newVersion - 1}`));
      }
      version = cmd.version;
    }
    if (cmd.id !== undefined) {
      const holder = this.#schemas.get(cmd.id);
      if (holder && lookupKey(holder) !== key) return fail(Errors.notPermitted(`Overwrite new schema with id ${cmd.id} is not permitted.`));
      schemaId = cmd.id;
    }
    const id = schemaId ?? this.#nextId;
    return ok({ id, version }, () => {
      if (!this.#schemas.has(id)) {
        this.#schemas.set(id, { id, schema: cmd.schema, schemaType: cmd.schemaType, references: cmd.references.map((r) => ({ ...r })) });
        this.#idByKey.set(key, id);
      }
      this.#nextId = Math.max(this.#nextId, id + 1);
      let entries = this.#subjects.get(subject);
      if (!entries) this.#subjects.set(subject, (entries = new Map()));
      // As Confluent does: an earlier soft-deleted version of the same schema goes for good.
      for (const e of [...entries.values()]) {
        if (e.deleted && e.id === id && e.version < version && this.referencedBy(subject, e.version, true).length === 0) entries.delete(e.version);
      }
      entries.set(version, { version, id, deleted: false });
      if ([...entries.keys()].some((v) => v > version)) {
        const sorted = [...entries.values()].sort((a, b) => a.version - b.version);
        this.#subjects.set(subject, new Map(sorted.map((e) => [e.version, e])));
      }
    });
  }

  #deleteVersion(subject: string, requested: number | 'latest', permanent: boolean): { result: CommandResult; commit?: () => void } {
    const mode = this.modeFor(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') return fail(Errors.notPermitted(`Subject ${subject} is in read-only mode`));
    const entries = this.#subjects.get(subject);
    if (!entries || entries.size === 0) return fail(Errors.subjectNotFound(subject));
    if (!permanent && this.#live(subject).length === 0) return fail(Errors.subjectNotFound(subject));
    let entry: VersionEntry | undefined;
    if (requested === 'latest') {
      const pool = permanent ? [...entries.values()] : this.#live(subject);
      entry = pool[pool.length - 1];
    } else {
      entry = entries.get(requested);
    }
    if (!entry) return fail(Errors.versionNotFound(requested));
    const found = entry;
    if (!permanent && found.deleted) return fail(Errors.versionSoftDeleted(subject, found.version));
    if (permanent && !found.deleted) return fail(Errors.versionNotSoftDeleted(subject, found.version));
    if (this.referencedBy(subject, found.version, permanent).length > 0) return fail(Errors.referenceExists(subject, found.version));
    return ok(found.version, () => {
      if (!permanent) {
        found.deleted = true;
        return;
      }
      entries.delete(found.version);
      if (entries.size === 0) this.#subjects.delete(subject);
      this.#collect(found.id);
    });
  }

  #deleteSubject(subject: string, permanent: boolean): { result: CommandResult; commit?: () => void } {
    const mode = this.modeFor(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') return fail(Errors.notPermitted(`Subject ${subject} is in read-only mode`));
    const entries = this.#subjects.get(subject);
    if (!entries || entries.size === 0) return fail(Errors.subjectNotFound(subject));
    const live = this.#live(subject);
    if (!permanent && live.length === 0) return fail(Errors.subjectSoftDeleted(subject));
    if (permanent && live.length > 0) return fail(Errors.subjectNotSoftDeleted(subject));
    const affected = permanent ? [...entries.values()] : live;
    for (const e of affected) {
      if (this.referencedBy(subject, e.version, permanent).length > 0) return fail(Errors.referenceExists(subject, e.version));
    }
    return ok(
      affected.map((e) => e.version),
      () => {
        if (!permanent) {
          for (const e of live) e.deleted = true;
          return;
        }
        this.#subjects.delete(subject);
        this.#configs.delete(subject);
        this.#modes.delete(subject);
        for (const e of affected) this.#collect(e.id);
      },
    );
  }

  /** Forget a schema id no version uses any more (ids are never reused: nextId stays). */
  #collect(id: number): void {
    for (const entries of this.#subjects.values()) {
      for (const e of entries.values()) if (e.id === id) return;
    }
    const s = this.#schemas.get(id);
    if (s) this.#idByKey.delete(lookupKey(s));
    this.#schemas.delete(id);
    this.#parsed.delete(id);
  }

  #live(subject: string): VersionEntry[] {
    return [...(this.#subjects.get(subject)?.values() ?? [])].filter((e) => !e.deleted);
  }

  // ---- compatibility ------------------------------------------------------

  #avroType(s: StoredSchema): avro.Type {
    let t = this.#parsed.get(s.id);
    if (!t) {
      const closure = referenceClosure(s.references, (ref) => this.schemaForReference(ref));
      t = parseAvroWithReferences(s.schema, closure.ok ? closure.schemas : []);
      this.#parsed.set(s.id, t);
    }
    return t;
  }

  #compatibility(candidate: SchemaText, against: readonly VersionEntry[], level: CompatibilityLevel, transitiveAll = true): CompatibilityVerdict {
    if (level === 'NONE') return { compatible: true, messages: [] };
    const olds = against.map((e) => ({ entry: e, schema: this.#schemas.get(e.id) as StoredSchema }));
    const relevant = transitiveAll && level.endsWith('_TRANSITIVE') ? olds : olds.slice(-1);
    const mismatch = relevant.find((o) => o.schema.schemaType !== candidate.schemaType);
    if (mismatch) {
      return { compatible: false, messages: [`Incompatible because of different schema type: version ${mismatch.entry.version} is ${mismatch.schema.schemaType}, the new schema is ${candidate.schemaType}`] };
    }
    if (candidate.schemaType !== 'AVRO') return { compatible: true, messages: [] };
    const closure = referenceClosure(candidate.references, (ref) => this.schemaForReference(ref));
    let cand: avro.Type;
    try {
      cand = parseAvroWithReferences(candidate.schema, closure.ok ? closure.schemas : []);
    } catch (err) {
      return { compatible: false, messages: [err instanceof Error ? err.message : String(err)] };
    }
    let result: CompatibilityResult;
    try {
      result = checkCompatibility(
        level,
        cand,
        relevant.map((o) => this.#avroType(o.schema)),
        { labels: relevant.map((o) => `version ${o.entry.version}`) },
      );
    } catch (err) {
      return { compatible: false, messages: [err instanceof Error ? err.message : String(err)] };
    }
    return { compatible: result.compatible, messages: result.reasons };
  }

  /**
   * `POST /compatibility/subjects/{s}/versions[/{v}]`: test `candidate`
   * (canonical text) against one version, or against the versions the
   * subject's level names when `version` is undefined.
   */
  testCompatibility(subject: string, candidate: SchemaText, version: number | 'latest' | undefined): { ok: true; verdict: CompatibilityVerdict } | { ok: false; error: RegistryErrorBody } {
    const live = this.#live(subject);
    const level = this.configFor(subject).compatibilityLevel;
    if (version === undefined) return { ok: true, verdict: this.#compatibility(candidate, live, level) };
    if (version === 'latest') {
      if (live.length === 0) return { ok: true, verdict: { compatible: true, messages: [] } };
      return { ok: true, verdict: this.#compatibility(candidate, live.slice(-1), level, false) };
    }
    const entry = live.find((e) => e.version === version);
    if (!entry) return { ok: false, error: Errors.versionNotFound(version) };
    return { ok: true, verdict: this.#compatibility(candidate, [entry], level, false) };
  }

  // ---- reads --------------------------------------------------------------

  /** The schema with this id, or undefined. */
  schemaById(id: number): StoredSchema | undefined {
    return this.#schemas.get(id);
  }

  /** The schema a reference names (soft-deleted versions count), for resolving references. */
  schemaForReference(ref: SchemaReference): StoredSchema | undefined {
    const e = this.#subjects.get(ref.subject)?.get(ref.version);
    return e ? this.#schemas.get(e.id) : undefined;
  }

  /** Subject names, sorted; with `deleted`, subjects whose versions are all soft-deleted too. */
  subjects(deleted = false): string[] {
    const out: string[] = [];
    for (const [name, entries] of this.#subjects) {
      if (entries.size > 0 && (deleted || [...entries.values()].some((e) => !e.deleted))) out.push(name);
    }
    return out.sort();
  }

  /** True when the subject has a version (a live one unless `deleted`). */
  hasSubject(subject: string, deleted = false): boolean {
    const entries = this.#subjects.get(subject);
    if (!entries) return false;
    for (const e of entries.values()) if (deleted || !e.deleted) return true;
    return false;
  }

  /** Versions of a subject in ascending order. */
  versions(subject: string, deleted = false): SubjectVersion[] {
    return [...(this.#subjects.get(subject)?.values() ?? [])].filter((e) => deleted || !e.deleted).map((e) => ({ subject, ...e }));
  }

  /** One version (`latest` = the highest live one, or the highest of all with `deleted`). */
  version(subject: string, version: number | 'latest', deleted = false): SubjectVersion | undefined {
    const all = this.versions(subject, deleted);
    if (version === 'latest') return all[all.length - 1];
    return all.find((e) => e.version === version);
  }

  /** The (subject, version) pairs that use a schema id. */
  usesOf(id: number, deleted = false): SubjectVersion[] {
    const out: SubjectVersion[] = [];
    for (const [subject, entries] of this.#subjects) {
      for (const e of entries.values()) if (e.id === id && (deleted || !e.deleted)) out.push({ subject, ...e });
    }
    return out.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version));
  }

  /** Ids of the schemas that reference (subject, version), from live versions (or all, with `deleted`). */
  referencedBy(subject: string, version: number, deleted = false): number[] {
    const ids = new Set<number>();
    for (const s of this.#schemas.values()) {
      if (!s.references.some((r) => r.subject === subject && r.version === version)) continue;
      if (this.usesOf(s.id, deleted).length > 0) ids.add(s.id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  /**
   * Find `candidate` (canonical text) among the subject's versions: the
   * latest live one, else (with `deleted`) the latest soft-deleted one.
   */
  lookup(subject: string, candidate: SchemaText, deleted = false): SubjectVersion | undefined {
    const id = this.#idByKey.get(lookupKey(candidate));
    if (id === undefined) return undefined;
    const hits = this.versions(subject, deleted).filter((e) => e.id === id);
    const live = hits.filter((e) => !e.deleted);
    return (live.length > 0 ? live : hits)[(live.length > 0 ? live : hits).length - 1];
  }

  /** The global compatibility setting (default BACKWARD). */
  globalConfig(): CompatibilityConfig {
    return this.#globalConfig ? { ...this.#globalConfig } : { compatibilityLevel: DEFAULT_COMPATIBILITY };
  }

  /** The subject's own compatibility setting, if it has one. */
  subjectConfig(subject: string): CompatibilityConfig | undefined {
    const c = this.#configs.get(subject);
    return c ? { ...c } : undefined;
  }

  /** The setting in force for a subject: its own, else the global one. */
  configFor(subject: string): CompatibilityConfig {
    return this.subjectConfig(subject) ?? this.globalConfig();
  }

  /** The global mode (default READWRITE). */
  globalMode(): RegistryMode {
    return this.#globalMode ?? DEFAULT_MODE;
  }

  /** The subject's own mode, if it has one. */
  subjectMode(subject: string): RegistryMode | undefined {
    return this.#modes.get(subject);
  }

  /** The mode in force for a subject. */
  modeFor(subject: string): RegistryMode {
    return this.#modes.get(subject) ?? this.globalMode();
  }

  /** Number of schema ids in use. */
  get schemaCount(): number {
    return this.#schemas.size;
  }

  // ---- snapshots ----------------------------------------------------------

  /** The whole state as plain JSON; {@link RegistryState.fromSnapshot} restores it. */
  toSnapshot(): RegistrySnapshot {
    return {
      format: 1,
      nextId: this.#nextId,
      schemas: [...this.#schemas.values()].sort((a, b) => a.id - b.id).map((s) => ({ ...s, references: s.references.map((r) => ({ ...r })) })),
      subjects: [...this.#subjects.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, entries]) => [name, [...entries.values()].map((e) => ({ ...e }))]),
      globalConfig: this.#globalConfig ? { ...this.#globalConfig } : null,
      configs: [...this.#configs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, { ...v }]),
      globalMode: this.#globalMode,
      modes: [...this.#modes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    };
  }

  /** A state equal to the one `snapshot` was taken from. */
  static fromSnapshot(snapshot: RegistrySnapshot): RegistryState {
    if (snapshot.format !== 1) throw new Error(`unknown registry snapshot format ${String(snapshot.format)}`);
    const s = new RegistryState();
    s.#nextId = snapshot.nextId;
    for (const schema of snapshot.schemas) {
      const copy: StoredSchema = { ...schema, references: schema.references.map((r) => ({ ...r })) };
      s.#schemas.set(copy.id, copy);
      s.#idByKey.set(lookupKey(copy), copy.id);
    }
    for (const [name, entries] of snapshot.subjects) s.#subjects.set(name, new Map(entries.map((e) => [e.version, { ...e }])));
    s.#globalConfig = snapshot.globalConfig ? { ...snapshot.globalConfig } : null;
    for (const [k, v] of snapshot.configs) s.#configs.set(k, { ...v });
    s.#globalMode = snapshot.globalMode;
    for (const [k, v] of snapshot.modes) s.#modes.set(k, v);
    return s;
  }
}
