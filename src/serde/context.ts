/**
 * Where a key or value is being (de)serialized: the topic, the field, the
 * headers — what Confluent's `SerializationContext` carries.
 *
 * @packageDocumentation
 */

/** The part of a message a serializer works on, as in `confluent_kafka.serialization.MessageField`. */
export const MessageField = {
  /** The message key. */
  KEY: 'key',
  /** The message value. */
  VALUE: 'value',
} as const;

/** `'key'` or `'value'`. */
export type MessageField = (typeof MessageField)[keyof typeof MessageField];

/** One header value: bytes, a string, or null. */
export type SerdeHeaderValue = Buffer | Uint8Array | string | null | undefined;

/**
 * Message headers as a serializer sees them: a list of `[name, value]` pairs
 * (the order and duplicates of the wire) or a plain object.
 */
export type SerdeHeaders = ReadonlyArray<readonly [string, SerdeHeaderValue]> | Readonly<Record<string, SerdeHeaderValue>>;

/** Where a consumed message came from; lets a deserializer put the partition and offset in its errors. */
export interface MessagePosition {
  /** Partition of the consumed message. */
  partition?: number;
  /** Offset of the consumed message. */
  offset?: string | number | bigint;
}

/**
 * The context a serializer or deserializer is called with.
 *
 * @remarks
 * A producer builds one per message and field; a consumer also fills
 * {@link SerializationContext.partition} and {@link SerializationContext.offset}
 * so that a {@link DeserializationError} says which message was bad.
 * Instances are plain immutable values and may be reused.
 *
 * @example
 * ```ts
 * const ctx = new SerializationContext('orders', MessageField.VALUE);
 * const bytes = await avroSerializer.serialize(order, ctx);
 * ```
 */
export class SerializationContext {
  /** The topic the message is produced to or consumed from. */
  readonly topic: string;
  /** `key` or `value`. */
  readonly field: MessageField;
  /** The message headers, when there are any. */
  readonly headers?: SerdeHeaders;
  /** Partition of a consumed message, when known. */
  readonly partition?: number;
  /** Offset of a consumed message, when known. */
  readonly offset?: string | number | bigint;

  /**
   * @param topic - the topic name.
   * @param field - {@link MessageField.KEY} or {@link MessageField.VALUE}.
   * @param headers - the message headers, if any.
   * @param position - partition and offset of a consumed message, if any.
   */
  constructor(topic: string, field: MessageField, headers?: SerdeHeaders, position: MessagePosition = {}) {
    this.topic = topic;
    this.field = field;
    if (headers !== undefined) this.headers = headers;
    if (position.partition !== undefined) this.partition = position.partition;
    if (position.offset !== undefined) this.offset = position.offset;
  }
}
