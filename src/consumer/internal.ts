/**
 * Pure helpers of the consumer facade: node-rdkafka values to ours, error mapping, config split.
 * Internal: nothing here is exported from the package barrel.
 *
 * @packageDocumentation
 */
import { AuthenticationError, AuthorizationError, ConsumeError, KafkaClientError, KafkaError } from '../errors';
import { kafkaErrorFromCode, native } from '../native';
import type { DeserializerLike } from '../serde/types';
import type { ConsumerConfig, LevelLogger, ConsumerLogRecord, Message, MessageHeader, PartitionEof, TopicPartition, TopicPartitionOffset } from './types';
import { OFFSET_INVALID } from './types';

/** A message as node-rdkafka's native `consume()` hands it over. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: number;
  key?: Buffer | string | null;
  value: Buffer | null;
  size: number;
  timestamp?: number;
  headers?: Array<Record<string, Buffer>>;
}

/** An EOF event as node-rdkafka's native `consume(n)` hands it over. */
export interface RawEof {
  topic: string;
  partition: number;
  offset: number;
  /** Index of the message after which the EOF happened (-1: before the first). */
  messageIndex?: number;
}

/** A node-rdkafka error object (`LibrdKafkaError` or the plain `{code, message}` of native callbacks). */
export interface RawError {
  code?: number;
  errno?: number;
  message?: string;
  isFatal?: boolean;
  isRetriable?: boolean;
}

/** Codes after which retrying the same call cannot help. */
const PERMANENT = new Set([
  '_FATAL',
  '_STATE',
  '_INVALID_ARG',
  '_NOT_IMPLEMENTED',
  '_UNSUPPORTED_FEATURE',
  '_DESTROY',
  '_INVALID_TYPE',
  '_AUTHENTICATION',
  'TOPIC_AUTHORIZATION_FAILED',
  'GROUP_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'SASL_AUTHENTICATION_FAILED',
  'INVALID_GROUP_ID',
  'FENCED_INSTANCE_ID',
]);

/**
 * The typed error for a librdkafka code met while consuming: {@link AuthenticationError},
 * {@link AuthorizationError}, or {@link ConsumeError} (never a bare {@link KafkaError}).
 */
export function consumeErrorFromCode(errno: number, context: string, options: { fatal?: boolean; retriable?: boolean; cause?: unknown } = {}): KafkaError {
  const probe = kafkaErrorFromCode(errno, context, { cause: options.cause });
  const fatal = options.fatal ?? probe.kafkaName === '_FATAL';
  const retriable = options.retriable ?? (!fatal && !PERMANENT.has(probe.kafkaName));
  const opts = { errno, kafkaName: probe.kafkaName, fatal, retriable, cause: options.cause };
  if (probe instanceof AuthenticationError) return new AuthenticationError(probe.message, opts);
  if (probe instanceof AuthorizationError) return new AuthorizationError(probe.message, opts);
  return new ConsumeError(probe.message, opts);
}

/** Same as {@link consumeErrorFromCode} for admin calls: a {@link KafkaError}, or an auth error. */
export function adminErrorFromCode(errno: number, context: string, cause?: unknown): KafkaError {
  const probe = kafkaErrorFromCode(errno, context, { cause });
  const retriable = !PERMANENT.has(probe.kafkaName) && !/ALREADY_EXISTS|INVALID|POLICY|UNKNOWN_TOPIC_OR_PART|NOT_EMPTY|NON_EMPTY/.test(probe.kafkaName);
  const opts = { errno, kafkaName: probe.kafkaName, retriable, cause };
  if (probe instanceof AuthenticationError) return new AuthenticationError(probe.message, opts);
  if (probe instanceof AuthorizationError) return new AuthorizationError(probe.message, opts);
  return new KafkaError(probe.message, opts);
}

/** Maps anything node-rdkafka throws or calls back with to our hierarchy. */
export function fromRdkafkaError(err: unknown, context: string, kind: 'consume' | 'admin' = 'consume'): KafkaClientError {
  if (err instanceof KafkaClientError) return err;
  const e = (err ?? {}) as RawError;
  const code = typeof e.code === 'number' ? e.code : typeof e.errno === 'number' ? e.errno : undefined;
  if (code !== undefined) {
    return kind === 'admin' ? adminErrorFromCode(code, context, err) : consumeErrorFromCode(code, context, { fatal: e.isFatal || undefined, cause: err });
  }
  const message = e.message ?? String(err);
  // Per-partition errors come back from node-rdkafka as `new Error(err2str(code))`: recover the code.
  const byText = codeFromDescription(message);
  if (byText !== undefined) return kind === 'admin' ? adminErrorFromCode(byText, context, err) : consumeErrorFromCode(byText, context, { cause: err });
  if (/disconnected|not connected/i.test(message)) return new KafkaClientError('ERR_STATE', `${context}: ${message}`, { cause: err });
  return new KafkaClientError('ERR_KAFKA', `${context}: ${message}`, { cause: err });
}

let descriptions: Map<string, number> | undefined;

/** librdkafka code for an `rd_kafka_err2str()` text, when it is one. */
export function codeFromDescription(text: string): number | undefined {
  if (!descriptions) {
    descriptions = new Map();
    const addon = native();
    for (let code = -200; code < 200; code++) {
      const { name, description } = addon.errorInfo(code);
      if (name && !name.startsWith('ERR_') && !descriptions.has(description)) descriptions.set(description, code);
    }
  }
  return descriptions.get(text);
}

const NO_HEADERS: MessageHeader[] = [];

/** node-rdkafka's header list (`[{key: Buffer}]`) as ours (`[{key, value}]`). */
export function toHeaders(raw: Array<Record<string, Buffer>> | undefined): MessageHeader[] {
  if (!raw || raw.length === 0) return NO_HEADERS;
  const out: MessageHeader[] = [];
  for (const h of raw) {
    for (const key of Object.keys(h)) out.push({ key, value: h[key] });
  }
  return out;
}

/** node-rdkafka's message as ours. */
export function toMessage(raw: RawMessage): Message {
  const ms = typeof raw.timestamp === 'number' ? raw.timestamp : -1;
  const key = raw.key === undefined ? null : typeof raw.key === 'string' ? Buffer.from(raw.key) : raw.key;
  return {
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    key,
    value: raw.value ?? null,
    headers: toHeaders(raw.headers),
    timestamp: { type: ms < 0 ? 'not-available' : 'unknown', ms },
    leaderEpoch: null,
    size: raw.size ?? 0,
    error: null,
    eof: false,
  };
}

/** A partition-EOF marker entry (see {@link Message}). */
export function eofMessage(eof: PartitionEof, error: KafkaClientError): Message {
  return {
    topic: eof.topic,
    partition: eof.partition,
    offset: eof.offset,
    key: null,
    value: null,
    headers: NO_HEADERS,
    timestamp: { type: 'not-available', ms: -1 },
    leaderEpoch: null,
    size: 0,
    error,
    eof: true,
  };
}

/**
 * Messages and EOF markers in the order librdkafka delivered them. `eofs[i].messageIndex` is the
 * index of the message the EOF followed (-1: before the first).
 */
export function interleaveEofs(messages: Message[], eofs: RawEof[], makeEof: (eof: RawEof) => Message): Message[] {
  if (eofs.length === 0) return messages;
  const out: Message[] = [];
  let e = 0;
  const flush = (index: number): void => {
    while (e < eofs.length && (eofs[e].messageIndex ?? messages.length - 1) === index) out.push(makeEof(eofs[e++]));
  };
  flush(-1);
  for (let i = 0; i < messages.length; i++) {
    out.push(messages[i]);
    flush(i);
  }
  while (e < eofs.length) out.push(makeEof(eofs[e++]));
  return out;
}

/** A partition list entry from node-rdkafka: an object, or an `Error` for a failed partition. */
export type RawTopicPartition = { topic: string; partition: number; offset?: number } | Error;

/**
 * node-rdkafka's partition list as ours. Failed entries (plain `Error`s without topic/partition)
 * take topic and partition from `request` at the same index and carry `error`.
 */
export function toTopicPartitionOffsets(raw: RawTopicPartition[], request: TopicPartition[], context: string, kind: 'consume' | 'admin' = 'consume'): TopicPartitionOffset[] {
  return raw.map((entry, i) => {
    if (entry instanceof Error || !('topic' in entry)) {
      const asked = request[i] ?? { topic: '', partition: -1 };
      const tp = `${asked.topic}[${asked.partition}]`;
      return { topic: asked.topic, partition: asked.partition, offset: OFFSET_INVALID, error: fromRdkafkaError(entry, `${context} ${tp}`, kind) };
    }
    return { topic: entry.topic, partition: entry.partition, offset: typeof entry.offset === 'number' ? entry.offset : OFFSET_INVALID };
  });
}

/** The offsets that commit a message list: highest offset + 1 per partition, in first-seen order. */
export function offsetsOfMessages(messages: ReadonlyArray<Pick<Message<unknown, unknown>, 'topic' | 'partition' | 'offset'>>): TopicPartitionOffset[] {
  const byPartition = new Map<string, TopicPartitionOffset>();
  for (const m of messages) {
    const id = `${m.partition}\u0000${m.topic}`;
    const next = m.offset + 1;
    const seen = byPartition.get(id);
    if (!seen) byPartition.set(id, { topic: m.topic, partition: m.partition, offset: next });
    else if (next > seen.offset) seen.offset = next;
  }
  return [...byPartition.values()];
}

/** Messages grouped by partition, each group in delivery (offset) order; groups in first-seen order. */
export function groupByPartition<T extends Pick<Message<unknown, unknown>, 'topic' | 'partition'>>(messages: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const m of messages) {
    const id = `${m.partition}\u0000${m.topic}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = []));
    g.push(m);
  }
  return [...groups.values()];
}

/** Keys of {@link ConsumerConfig} that are ours (or Python's), not librdkafka's. */
const FACADE_KEYS = new Set(['key.deserializer', 'value.deserializer', 'error_cb', 'stats_cb', 'throttle_cb', 'on_commit', 'logger', 'oauth_cb']);

/** librdkafka's topic-level consumer properties (CONFIGURATION.md, "Topic configuration properties", C). */
const TOPIC_KEYS = new Set(['auto.offset.reset', 'auto.commit.enable', 'offset.store.path', 'offset.store.sync.interval.ms', 'offset.store.method', 'consume.callback.max.messages']);

/** A {@link ConsumerConfig} split into what librdkafka gets and what the facade keeps. */
export interface SplitConfig {
  /** librdkafka global properties (values as given; node-rdkafka stringifies them). */
  rdkafka: Record<string, string | number | boolean>;
  /**
   * librdkafka topic-level consumer properties (`auto.offset.reset`, …). node-rdkafka always
   * installs a default topic config of its own, which would hide these if left in `rdkafka`.
   */
  topic: Record<string, string | number | boolean>;
  keyDeserializer?: DeserializerLike;
  valueDeserializer?: DeserializerLike;
  errorCb?: ConsumerConfig['error_cb'];
  statsCb?: ConsumerConfig['stats_cb'];
  throttleCb?: ConsumerConfig['throttle_cb'];
  onCommit?: ConsumerConfig['on_commit'];
  logger?: (record: ConsumerLogRecord) => void;
  oauthCb?: ConsumerConfig['oauth_cb'];
}

/**
 * Splits a consumer config. librdkafka values must be strings, numbers or booleans; anything else
 * (functions under unknown keys, objects) is rejected with the key named.
 */
export function splitConsumerConfig(config: ConsumerConfig): SplitConfig {
  const rdkafka: Record<string, string | number | boolean> = {};
  const topic: Record<string, string | number | boolean> = {};
  const bad: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || FACADE_KEYS.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') (TOPIC_KEYS.has(key) ? topic : rdkafka)[key] = value;
    else bad.push(key);
  }
  if (bad.length > 0) {
    throw new KafkaClientError('ERR_CONFIG', `consumer config: ${bad.map((k) => `\`${k}\``).join(', ')} must be a string, number or boolean (librdkafka property)`);
  }
  const logger = config.logger;
  return {
    rdkafka,
    topic,
    keyDeserializer: config['key.deserializer'],
    valueDeserializer: config['value.deserializer'],
    errorCb: config.error_cb,
    statsCb: config.stats_cb,
    throttleCb: config.throttle_cb,
    onCommit: config.on_commit,
    logger: toLogFunction(logger),
    oauthCb: config.oauth_cb,
  };
}

/** The `logger` key as one function of a record. */
export function toLogFunction(logger: ConsumerConfig['logger']): ((record: ConsumerLogRecord) => void) | undefined {
  if (!logger) return undefined;
  if (typeof logger === 'function') return logger;
  if ('log' in logger && typeof logger.log === 'function') return (r) => (logger as { log(r: ConsumerLogRecord): void }).log(r);
  const l = logger as LevelLogger;
  return (r) => {
    const line = `librdkafka ${r.fac}: ${r.message}`;
    if (r.severity <= 3) l.error(line);
    else if (r.severity === 4) l.warn(line);
    else if (r.severity <= 6) l.info(line);
    else (l.debug ?? l.info).call(l, line);
  };
}

/** A librdkafka boolean property as a boolean (`true`/`false`, `1`/`0`, case-insensitive). */
export function configFlag(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  return s === 'true' || s === '1';
}

/** A RegExp or string subscription entry as librdkafka's: regexes start with `^`. */
export function toSubscriptionPattern(topic: string | RegExp): string {
  if (typeof topic === 'string') return topic;
  if (topic.flags.replace(/[gsuy]/g, '') !== '') {
    throw new KafkaClientError('ERR_INVALID_ARG', `subscribe: regex flags \`${topic.flags}\` are not supported by librdkafka (${topic})`);
  }
  return topic.source.startsWith('^') ? topic.source : `^.*${topic.source}`;
}

/** Messages and EOF events from one or more native consume calls. */
export interface RawBatch {
  messages: RawMessage[];
  eofs: RawEof[];
}

/** Inputs of {@link fetchLoop}. */
export interface FetchLoopOptions {
  /** One native call: up to `count` messages, each waited for at most `timeoutMs` (node-rdkafka's per-message timeout). */
  call: (timeoutMs: number, count: number) => Promise<RawBatch>;
  /** A failed call: `undefined` to go on (after waiting), or the error that ends the fetch. */
  onError: (err: unknown) => Error | undefined;
  /** `false` ends the fetch with what it has (closing). */
  active: () => boolean;
  now: () => number;
  count: number;
  waitMs: number;
  /** `true`: wait until `count` or `waitMs` (consume semantics); `false`: return as soon as something came. */
  fill: boolean;
  /** Longest single blocking call. */
  sliceMs: number;
}

/**
 * The fetch loop over node-rdkafka's native `consume(timeout, n)`, whose timeout applies to each
 * message. It drains what librdkafka has ready with timeout 0 (one crossing for up to `count`
 * messages), and when the queue is empty waits for a single message with a timeout of at most
 * the time left (and at most `sliceMs`), so the whole fetch ends within `waitMs` plus one
 * non-blocking drain, and never blocks longer than `sliceMs` at a time.
 */
export async function fetchLoop(o: FetchLoopOptions): Promise<RawBatch & { error?: Error }> {
  const out: RawBatch & { error?: Error } = { messages: [], eofs: [] };
  const deadline = o.now() + o.waitMs;
  let wait = false;
  while (out.messages.length < o.count && o.active()) {
    let timeout = 0;
    let n = o.count - out.messages.length;
    if (wait) {
      const remaining = deadline - o.now();
      if (remaining <= 0) break;
      timeout = Math.min(remaining, o.sliceMs);
      n = 1;
    }
    let got: RawBatch;
    try {
      got = await o.call(timeout, n);
    } catch (raw) {
      const err = o.onError(raw);
      if (err) {
        out.error = err;
        break;
      }
      wait = true;
      continue;
    }
    const base = out.messages.length;
    for (const m of got.messages) out.messages.push(m);
    for (const e of got.eofs) out.eofs.push({ ...e, messageIndex: (e.messageIndex ?? -1) + base });
    const progressed = got.messages.length + got.eofs.length > 0;
    if (!wait) {
      if (!o.fill && (progressed || out.messages.length + out.eofs.length > 0)) break;
      wait = true; // librdkafka's queue is empty now
    } else if (progressed) {
      wait = false; // data flows again: drain
    }
  }
  return out;
}

/** An `oauth_cb` result as token and expiry (ms since the epoch). */
export function normalizeOAuthResult(result: unknown): { token: string; lifetime: number } {
  let token: unknown;
  let lifetime: unknown;
  if (Array.isArray(result)) {
    [token, lifetime] = result;
    if (typeof lifetime === 'number' && lifetime < 1e11) lifetime = Math.round(lifetime * 1000); // Python gives seconds
  } else if (result && typeof result === 'object') {
    ({ token, lifetime } = result as { token?: unknown; lifetime?: unknown });
  }
  if (typeof token !== 'string' || token === '' || typeof lifetime !== 'number' || !Number.isFinite(lifetime)) {
    throw new KafkaClientError('ERR_CONFIG', 'oauth_cb must return { token, lifetime } (lifetime in ms since the epoch) or [token, expiry]');
  }
  return { token, lifetime };
}

/** The handle side of OAUTHBEARER refresh: a consumer engine's or node-rdkafka's token setter. */
export interface TokenTarget {
  /** @param lifetimeMs - when the token expires (ms since the epoch). */
  setOauthBearerToken(token: string, lifetimeMs: number): unknown;
}

/**
 * Keeps an OAUTHBEARER token fresh on node-rdkafka handles: `attach(handle)` gives it the
 * current token (calling `oauth_cb` for the first one); each token is replaced at 80 % of its
 * remaining lifetime (at least 1 s apart) on every attached handle. Refresh failures go to
 * `onError` and are retried after 10 s.
 */
export class OAuthRefresher {
  readonly #cb: NonNullable<ConsumerConfig['oauth_cb']>;
  readonly #config: string;
  readonly #onError: (err: KafkaClientError) => void;
  readonly #targets = new Set<TokenTarget>();
  #token: Promise<{ token: string; lifetime: number }> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(cb: NonNullable<ConsumerConfig['oauth_cb']>, oauthConfig: string, onError: (err: KafkaClientError) => void) {
    this.#cb = cb;
    this.#config = oauthConfig;
    this.#onError = onError;
  }

  /** Sets the current token on `target` (fetching the first one); rejects when there is none to be had. */
  async attach(target: TokenTarget): Promise<void> {
    this.#token ??= this.#fetch().catch((err: unknown) => {
      this.#token = undefined;
      throw err instanceof KafkaClientError ? err : new KafkaClientError('ERR_OAUTH', `oauth_cb failed: ${(err as Error)?.message ?? err}`, { cause: err });
    });
    const { token, lifetime } = await this.#token;
    target.setOauthBearerToken(token, lifetime);
    this.#targets.add(target);
  }

  /** Stops refreshing `target`. */
  detach(target: TokenTarget): void {
    this.#targets.delete(target);
  }

  async #fetch(): Promise<{ token: string; lifetime: number }> {
    const result = normalizeOAuthResult(await this.#cb(this.#config));
    this.#schedule(Math.max(1000, 0.8 * (result.lifetime - Date.now())));
    return result;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#fetch().then(
        (result) => {
          this.#token = Promise.resolve(result);
          for (const t of this.#targets) {
            try {
              t.setOauthBearerToken(result.token, result.lifetime);
            } catch (err) {
              this.#onError(new KafkaClientError('ERR_OAUTH', `setting the refreshed token failed: ${(err as Error)?.message ?? err}`, { cause: err }));
            }
          }
        },
        (err: unknown) => {
          this.#onError(err instanceof KafkaClientError ? err : new KafkaClientError('ERR_OAUTH', `oauth_cb failed: ${(err as Error)?.message ?? err}`, { cause: err }));
          this.#schedule(10_000);
        },
      );
    }, Math.min(ms, 2 ** 31 - 1));
    this.#timer.unref();
  }

  /** Stops all refreshing. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#targets.clear();
  }
}
