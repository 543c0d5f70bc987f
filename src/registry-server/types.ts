/**
 * Shared types of the registry server: schema kinds, references, modes, and
 * the commands that travel through the schema log.
 *
 * @packageDocumentation
 */
import type { CompatibilityLevel } from '../registry/compatibility';

/** Schema kinds the server stores. Only `AVRO` is checked for compatibility. */
export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

/** Every {@link SchemaType}, in the order `GET /schemas/types` lists them. */
export const SCHEMA_TYPES: readonly SchemaType[] = ['JSON', 'PROTOBUF', 'AVRO'];

/** A Schema Registry reference: a named type defined by another subject's version. */
export interface SchemaReference {
  /** The name the referring schema uses (for Avro, the full name of the named type). */
  name: string;
  subject: string;
  version: number;
}

/** Registry modes (`GET|PUT /mode`). */
export type RegistryMode = 'READWRITE' | 'READONLY' | 'READONLY_OVERRIDE' | 'IMPORT';

/** Every {@link RegistryMode}. */
export const REGISTRY_MODES: readonly RegistryMode[] = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'];

/** A compatibility setting, global or per subject. */
export interface CompatibilityConfig {
  compatibilityLevel: CompatibilityLevel;
  /** Normalize schemas on registration and lookup even without `?normalize=true`. */
  normalize?: boolean;
}

/**
 * A state change, as written to the schema log. Every decision (ids,
 * versions, compatibility verdicts, "not found") is taken when a command is
 * applied, so every instance that applies the log in order decides alike.
 */
export type RegistryCommand =
  | {
      op: 'register';
      subject: string;
      /** The schema's canonical text (normalized when asked), as it will be served. */
      schema: string;
      schemaType: SchemaType;
      references: SchemaReference[];
      /** IMPORT mode only: the id to use. */
      id?: number;
      /** IMPORT mode only: the version to use. */
      version?: number;
    }
  | { op: 'deleteVersion'; subject: string; version: number | 'latest'; permanent: boolean }
  | { op: 'deleteSubject'; subject: string; permanent: boolean }
  | { op: 'setConfig'; subject: string | null; config: CompatibilityConfig }
  | { op: 'deleteConfig'; subject: string | null }
  | { op: 'setMode'; subject: string | null; mode: RegistryMode; force: boolean }
  | { op: 'deleteMode'; subject: string | null };

/** A Confluent-style error: HTTP status, `error_code`, message. */
export interface RegistryErrorBody {
  status: number;
  errorCode: number;
  message: string;
}

/** What applying (or checking) a command gives: a JSON-able answer or an error. */
export type CommandResult = { ok: true; value: unknown } | { ok: false; error: RegistryErrorBody };
