/**
 * Subject name strategies: how a serializer names the registry subject a
 * schema is registered under (Confluent's `TopicNameStrategy`,
 * `RecordNameStrategy`, `TopicRecordNameStrategy`).
 *
 * @packageDocumentation
 */

import { ConfigError, SerializationError } from '../errors';
import type { SerializationContext } from './context';

/**
 * Names the subject for a message.
 *
 * @param ctx - topic and field of the message.
 * @param recordName - the fully-qualified name of the schema's record (or
 *   other named type), or `null` for an unnamed schema (a primitive, array, map
 *   or union).
 */
export type SubjectNameStrategy = (ctx: SerializationContext, recordName: string | null) => string;

/** `{topic}-key` or `{topic}-value` — the default, Confluent's `TopicNameStrategy`. */
export const topicNameStrategy: SubjectNameStrategy = (ctx) => `${ctx.topic}-${ctx.field}`;

function needName(strategy: string, ctx: SerializationContext, recordName: string | null): string {
  if (!recordName) {
    throw new SerializationError({
      field: ctx.field,
      topic: ctx.topic,
      reason: `${strategy} needs a named schema (record, enum or fixed); this schema has no name`,
    });
  }
  return recordName;
}

/**
 * The fully-qualified record name, e.g. `com.example.Order` — Confluent's
 * `RecordNameStrategy` (several record types per topic, one subject per type).
 *
 * @throws {@link SerializationError} when the schema has no name.
 */
export const recordNameStrategy: SubjectNameStrategy = (ctx, recordName) => needName('recordNameStrategy', ctx, recordName);

/**
 * `{topic}-{fully-qualified record name}` — Confluent's `TopicRecordNameStrategy`.
 *
 * @throws {@link SerializationError} when the schema has no name.
 */
export const topicRecordNameStrategy: SubjectNameStrategy = (ctx, recordName) => `${ctx.topic}-${needName('topicRecordNameStrategy', ctx, recordName)}`;

/** A strategy function, or the name of a built-in one (Python's `TOPIC` / `RECORD` / `TOPIC_RECORD`, or Java's class names). */
export type SubjectNameStrategyLike = SubjectNameStrategy | 'TOPIC' | 'RECORD' | 'TOPIC_RECORD' | 'TopicNameStrategy' | 'RecordNameStrategy' | 'TopicRecordNameStrategy';

const BY_NAME: Record<string, SubjectNameStrategy> = {
  TOPIC: topicNameStrategy,
  RECORD: recordNameStrategy,
  TOPIC_RECORD: topicRecordNameStrategy,
  TopicNameStrategy: topicNameStrategy,
  RecordNameStrategy: recordNameStrategy,
  TopicRecordNameStrategy: topicRecordNameStrategy,
};

/**
 * Resolve a `subject.name.strategy` setting to a function.
 *
 * @param value - a function, a built-in name, or undefined (→ {@link topicNameStrategy}).
 * @param path - the config key, for the error.
 * @throws {@link ConfigError} on anything else.
 */
export function resolveSubjectNameStrategy(value: unknown, path = 'subject.name.strategy'): SubjectNameStrategy {
  if (value === undefined || value === null) return topicNameStrategy;
  if (typeof value === 'function') return value as SubjectNameStrategy;
  if (typeof value === 'string') {
    const s = BY_NAME[value] ?? BY_NAME[value.replace(/^io\.confluent\.kafka\.serializers\.subject\./, '')];
    if (s) return s;
  }
  throw new ConfigError([
    {
      path,
      message: `expected a function (ctx, recordName) => string or one of ${Object.keys(BY_NAME).join(', ')}, got ${JSON.stringify(value)}`,
      severity: 'error',
    },
  ]);
}
