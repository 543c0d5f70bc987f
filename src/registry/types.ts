/**
 * Schema Registry data types, shaped like the registry's REST API.
 *
 * @packageDocumentation
 */

/** The schema languages Schema Registry knows. Avro is the default when absent. */
export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF';

/** A named type imported from another subject's version (Confluent "schema references"). */
export interface SchemaReference {
  /** The name the schema uses for it: for Avro, the referenced type's full name (e.g. `com.example.Address`). */
  name: string;
  /** The subject holding the referenced schema. */
  subject: string;
  /** Its version in that subject. */
  version: number;
}

/** A schema as sent to and read from the registry. */
export interface Schema {
  /** The schema text (for Avro, JSON). */
  schema: string;
  /** `AVRO` when absent. */
  schemaType?: SchemaType;
  /** Named types this schema uses that other subjects define. */
  references?: SchemaReference[];
  /** The schema's GUID, when the registry's answer carried one (ignored when registering). */
  guid?: string;
}

/** A schema registered under a subject: its global id and its version in the subject. */
export interface RegisteredSchema extends Schema {
  /** The global schema id (what the wire format carries). */
  id: number;
  /** The subject. */
  subject: string;
  /** The version within the subject (1, 2, …). */
  version: number;
}

/** Registry modes. */
export const RegistryMode = {
  /** Normal operation. */
  READWRITE: 'READWRITE',
  /** Registering is refused. */
  READONLY: 'READONLY',
  /** Registering is refused, even to the leader's own clients. */
  READONLY_OVERRIDE: 'READONLY_OVERRIDE',
  /** Schemas may be registered with a given id and version (migrations). */
  IMPORT: 'IMPORT',
} as const;

/** One of {@link RegistryMode}'s values. */
export type RegistryMode = (typeof RegistryMode)[keyof typeof RegistryMode];

/** The verbose answer of a compatibility test. */
export interface CompatibilityCheckResult {
  /** True when the schema may be registered. */
  isCompatible: boolean;
  /** Why not, one sentence per problem (empty when compatible). */
  messages: string[];
}

/** Normalise a `Schema | string` argument: a string is Avro schema text. */
export function toSchema(schema: Schema | string): Schema {
  return typeof schema === 'string' ? { schema } : schema;
}
