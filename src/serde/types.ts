/**
 * The serializer and deserializer contracts shared by every serde, and the
 * helpers a producer or consumer uses to call them.
 *
 * @packageDocumentation
 */

import { DeserializationError, KafkaClientError, SerializationError } from '../errors';
import type { SerializationContext } from './context';

/** A value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Turns a key or value into bytes. `null`/`undefined` become `null` (a tombstone).
 *
 * @remarks Serializers that talk to a registry return a promise; the others return synchronously.
 */
export interface Serializer<T = unknown> {
  /**
   * Serialize `obj` for the topic and field of `ctx`.
   *
   * @throws {@link SerializationError} when the value cannot be serialized.
   */
  serialize(obj: T | null | undefined, ctx: SerializationContext): MaybePromise<Buffer | null>;
}

/** Turns bytes into a key or value. `null`/`undefined` become `null`. */
export interface Deserializer<T = unknown> {
  /**
   * Deserialize `data` read from the topic and field of `ctx`.
   *
   * @throws {@link DeserializationError} when the bytes cannot be deserialized.
   */
  deserialize(data: Buffer | null | undefined, ctx: SerializationContext): MaybePromise<T | null>;
}

/** A serializer as a bare function, the shape of Python's `Serializer.__call__`. */
export type SerializeFn<T = unknown> = (obj: T | null | undefined, ctx: SerializationContext) => MaybePromise<Buffer | null>;

/** A deserializer as a bare function, the shape of Python's `Deserializer.__call__`. */
export type DeserializeFn<T = unknown> = (data: Buffer | null | undefined, ctx: SerializationContext) => MaybePromise<T | null>;

/** What `key.serializer` / `value.serializer` accept: a {@link Serializer} object or a function. */
export type SerializerLike<T = unknown> = Serializer<T> | SerializeFn<T>;

/** What `key.deserializer` / `value.deserializer` accept: a {@link Deserializer} object or a function. */
export type DeserializerLike<T = unknown> = Deserializer<T> | DeserializeFn<T>;

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function wrapSerializeError(err: unknown, ctx: SerializationContext): SerializationError {
  if (err instanceof SerializationError && !(err instanceof DeserializationError)) {
    if (err.topic !== undefined || err.field !== undefined) return err;
    return new SerializationError({ field: ctx.field, topic: ctx.topic, reason: err.reason, cause: err.cause ?? err, retriable: err.retriable });
  }
  const retriable = err instanceof KafkaClientError ? err.retriable : false;
  return new SerializationError({ field: ctx.field, topic: ctx.topic, reason: reasonOf(err), cause: err, retriable });
}

function wrapDeserializeError(err: unknown, ctx: SerializationContext): DeserializationError {
  if (err instanceof DeserializationError) {
    if (err.topic !== undefined && (err.partition !== undefined || ctx.partition === undefined)) return err;
    return new DeserializationError({
      field: err.field ?? ctx.field,
      topic: err.topic ?? ctx.topic,
      partition: err.partition ?? ctx.partition,
      offset: err.offset ?? ctx.offset,
      reason: err.reason,
      cause: err.cause ?? err,
      retriable: err.retriable,
    });
  }
  const retriable = err instanceof KafkaClientError ? err.retriable : false;
  return new DeserializationError({ field: ctx.field, topic: ctx.topic, partition: ctx.partition, offset: ctx.offset, reason: reasonOf(err), cause: err, retriable });
}

/**
 * Call a serializer (object or function) and normalise its failures.
 *
 * @remarks
 * For producers: returns synchronously when the serializer does, so a
 * primitive serializer costs no promise. Any failure — thrown or rejected, of
 * any class — becomes a {@link SerializationError} carrying the topic and
 * field of `ctx`.
 *
 * @throws {@link SerializationError}
 */
export function callSerializer<T>(serializer: SerializerLike<T>, obj: T | null | undefined, ctx: SerializationContext): MaybePromise<Buffer | null> {
  let out: MaybePromise<Buffer | null>;
  try {
    out = typeof serializer === 'function' ? serializer(obj, ctx) : serializer.serialize(obj, ctx);
  } catch (err) {
    throw wrapSerializeError(err, ctx);
  }
  if (isThenable(out)) {
    return (out as Promise<Buffer | null>).then(checkBytes(ctx), (err: unknown) => {
      throw wrapSerializeError(err, ctx);
    });
  }
  return checkBytes(ctx)(out);
}

function checkBytes(ctx: SerializationContext): (v: unknown) => Buffer | null {
  return (v) => {
    if (v === null || v === undefined) return null;
    if (Buffer.isBuffer(v)) return v;
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    throw new SerializationError({ field: ctx.field, topic: ctx.topic, reason: `the ${ctx.field} serializer returned ${typeof v}, expected a Buffer or null` });
  };
}

/**
 * Call a deserializer (object or function) and normalise its failures.
 *
 * @remarks
 * For consumers: returns synchronously when the deserializer does. Any failure
 * becomes a {@link DeserializationError} with the topic, field, partition and
 * offset of `ctx`.
 *
 * @throws {@link DeserializationError}
 */
export function callDeserializer<T>(deserializer: DeserializerLike<T>, data: Buffer | null | undefined, ctx: SerializationContext): MaybePromise<T | null> {
  let out: MaybePromise<T | null>;
  try {
    out = typeof deserializer === 'function' ? deserializer(data, ctx) : deserializer.deserialize(data, ctx);
  } catch (err) {
    throw wrapDeserializeError(err, ctx);
  }
  if (isThenable(out)) {
    return (out as Promise<T | null>).then(undefined, (err: unknown) => {
      throw wrapDeserializeError(err, ctx);
    });
  }
  return out;
}

/**
 * True when `v` can be used as a serializer (`key.serializer`, `value.serializer`).
 */
export function isSerializerLike(v: unknown): v is SerializerLike {
  return typeof v === 'function' || (v !== null && typeof v === 'object' && typeof (v as Serializer).serialize === 'function');
}

/**
 * True when `v` can be used as a deserializer (`key.deserializer`, `value.deserializer`).
 */
export function isDeserializerLike(v: unknown): v is DeserializerLike {
  return typeof v === 'function' || (v !== null && typeof v === 'object' && typeof (v as Deserializer).deserialize === 'function');
}
