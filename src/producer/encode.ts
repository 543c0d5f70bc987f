/**
 * Checks and shapes one message's fields for the native batch call; every
 * failure names the field (`messages[3].partition`, `value`, ...).
 *
 * @packageDocumentation
 */
import { KafkaClientError, SerializationError } from '../errors';
import type { FlatHeaders, NativeBytes } from './native';
import type { MessageHeaders } from './types';

/** An `ERR_INVALID_ARGUMENT` error whose message starts with the field path. */
export function invalidArgument(path: string, message: string): KafkaClientError {
  return new KafkaClientError('ERR_INVALID_ARGUMENT', `${path}: ${message}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${(v as object).constructor?.name ?? 'Object'})`;
  if (typeof v === 'string') return 'a string';
  return `${typeof v} ${String(v)}`.slice(0, 60);
}

/** True for what the native side takes as bytes. */
export function isRawBytes(v: unknown): v is NativeBytes {
  return v === null || typeof v === 'string' || v instanceof Uint8Array;
}

/**
 * Checks an unserialized key or value.
 *
 * @throws {@link SerializationError} naming the field when it is not bytes, a string or null.
 */
export function checkBytes(v: unknown, field: 'key' | 'value', topic: string, path: string): NativeBytes {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || v instanceof Uint8Array) return v;
  throw new SerializationError({
    field,
    topic,
    reason: `${path}: expected a Buffer, Uint8Array, string or null, got ${describe(v)} (configure ${field}.serializer to send other types)`,
  });
}

/**
 * Checks a topic name.
 *
 * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT`.
 */
export function checkTopic(topic: unknown, path: string): string {
  if (typeof topic !== 'string' || topic.length === 0) throw invalidArgument(path, `must be a non-empty string, got ${describe(topic)}`);
  // Kafka's limit; librdkafka would refuse it only as an unnamed invalid argument.
  if (topic.length > 249) throw invalidArgument(path, `is ${topic.length} characters long (Kafka allows at most 249)`);
  return topic;
}

/**
 * Checks an explicit partition: `undefined`/`null`/`-1` mean "let the partitioner choose" (-1).
 *
 * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT`.
 */
export function checkPartition(p: unknown, path: string): number {
  if (p === undefined || p === null || p === -1) return -1;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 0x7fffffff) {
    throw invalidArgument(path, `must be an integer >= 0, got ${describe(p)}`);
  }
  return p;
}

/**
 * Checks a timestamp: `undefined`/`null`/`0` mean "now" (0).
 *
 * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT`.
 */
export function checkTimestamp(t: unknown, path: string): number {
  if (t === undefined || t === null || t === 0) return 0;
  const ms = t instanceof Date ? t.getTime() : t;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0) {
    throw invalidArgument(path, `must be milliseconds since the epoch (an integer >= 0) or a Date, got ${describe(t)}`);
  }
  return ms;
}

function headerValue(v: unknown, path: string): NativeBytes {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || v instanceof Uint8Array) return v;
  throw invalidArgument(path, `must be a Buffer, Uint8Array, string or null, got ${describe(v)}`);
}

/**
 * Flattens headers in any accepted shape to `[name, value, ...]`; `null` when there are none.
 *
 * @throws {@link KafkaClientError} `ERR_INVALID_ARGUMENT` naming the bad header.
 */
export function flattenHeaders(h: MessageHeaders | undefined | null, path: string): FlatHeaders | null {
  if (h === undefined || h === null) return null;
  if (typeof h !== 'object') throw invalidArgument(path, `must be an object or an array of [name, value] pairs, got ${describe(h)}`);
  const out: FlatHeaders = [];
  if (Array.isArray(h)) {
    for (let i = 0; i < h.length; i++) {
      const entry = h[i] as unknown;
      let name: unknown;
      let value: unknown;
      if (Array.isArray(entry) && entry.length === 2) {
        name = entry[0];
        value = entry[1];
      } else if (entry !== null && typeof entry === 'object' && 'key' in entry) {
        name = (entry as { key: unknown }).key;
        value = (entry as { value?: unknown }).value;
      } else {
        throw invalidArgument(`${path}[${i}]`, `must be a [name, value] pair or { key, value }, got ${describe(entry)}`);
      }
      if (typeof name !== 'string') throw invalidArgument(`${path}[${i}]`, `the header name must be a string, got ${describe(name)}`);
      out.push(name, headerValue(value, `${path}[${i}]`));
    }
  } else {
    for (const name of Object.keys(h)) {
      const value = (h as Record<string, unknown>)[name];
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) out.push(name, headerValue(value[i], `${path}.${name}[${i}]`));
      } else {
        out.push(name, headerValue(value, `${path}.${name}`));
      }
    }
  }
  return out.length > 0 ? out : null;
}
