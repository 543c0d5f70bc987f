/**
 * The registry client's transports: HTTP(S) with failover across URLs,
 * retries with backoff, timeouts and TLS; and the in-process `mock://` one.
 *
 * @packageDocumentation
 */

import * as http from 'node:http';
import * as https from 'node:https';
import { SchemaRegistryError, StateError } from '../errors';
import type { MockSchemaRegistry, RegistryResponse } from './mock';

/** Content type of the registry's REST API. */
export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';
/** Statuses worth retrying (as Confluent's clients). */
const RETRIABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Moves REST requests to a registry. */
export interface Transport {
  /**
   * Send one request; resolves with the final answer (an error status is an answer, not a rejection).
   *
   * @throws {@link SchemaRegistryError} (status 0) when no URL could be reached.
   */
  request(method: string, path: string, body?: unknown): Promise<RegistryResponse>;
  /** Release sockets and timers; later requests fail with {@link StateError}. */
  close(): void;
}

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  /** Base URLs, tried in order (failover); no credentials in them. */
  urls: readonly URL[];
  /** Extra headers for every request (authentication). */
  headers: Readonly<Record<string, string>>;
  /** Retries after the first attempt, per request. */
  maxRetries: number;
  /** First backoff; doubles per retry, with full jitter. */
  retriesWaitMs: number;
  /** Backoff cap. */
  retriesMaxWaitMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** TLS material. */
  tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; passphrase?: string };
}

/** A URL safe to show: no user info, no query. */
export function displayUrl(u: URL): string {
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
}

interface Attempt {
  kind: 'response' | 'network';
  response?: RegistryResponse;
  error?: Error;
}

/** REST over HTTP(S) with failover, retries and timeouts. */
export class HttpTransport implements Transport {
  readonly #o: HttpTransportOptions;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  readonly #abort = new AbortController();
  #preferred = 0;
  #closed = false;

  constructor(options: HttpTransportOptions) {
    this.#o = options;
    this.#httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    this.#httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, ...(options.tls ?? {}) });
  }

  async request(method: string, path: string, body?: unknown): Promise<RegistryResponse> {
    const urls = this.#o.urls;
    let last: Attempt | undefined;
    for (let attempt = 0; attempt <= this.#o.maxRetries; attempt++) {
      for (let k = 0; k < urls.length; k++) {
        if (this.#closed) throw new StateError('the schema registry client is closed');
        const idx = (this.#preferred + k) % urls.length;
        last = await this.#send(urls[idx], method, path, body);
        if (last.kind === 'response' && !RETRIABLE_STATUS.has((last.response as RegistryResponse).status)) {
          this.#preferred = idx;
          return last.response as RegistryResponse;
        }
      }
      if (attempt < this.#o.maxRetries) await this.#sleep(this.#backoff(attempt));
    }
    if (last?.kind === 'response') return last.response as RegistryResponse;
    if (this.#closed) throw new StateError('the schema registry client is closed');
    const where = urls.map(displayUrl).join(', ');
    throw new SchemaRegistryError(0, -1, `cannot reach the schema registry at ${where}: ${last?.error?.message ?? 'no answer'}`, {
      retriable: true,
      cause: last?.error,
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#abort.abort();
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  #backoff(attempt: number): number {
    const cap = Math.min(this.#o.retriesMaxWaitMs, this.#o.retriesWaitMs * 2 ** attempt);
    return Math.random() * cap;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#closed) return resolve();
      const onAbort = (): void => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        this.#abort.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.#abort.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #send(base: URL, method: string, path: string, body: unknown): Promise<Attempt> {
    return new Promise<Attempt>((resolve) => {
      const isHttps = base.protocol === 'https:';
      const basePath = base.pathname.replace(/\/+$/, '');
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
      const headers: Record<string, string> = {
        Accept: ACCEPT,
        'User-Agent': 'simple-kafka',
        ...this.#o.headers,
      };
      if (payload) {
        headers['Content-Type'] = REGISTRY_CONTENT_TYPE;
        headers['Content-Length'] = String(payload.length);
      }
      let settled = false;
      const done = (a: Attempt): void => {
        if (!settled) {
          settled = true;
          resolve(a);
        }
      };
      const req = (isHttps ? https : http).request(
        {
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || (isHttps ? 443 : 80),
          path: `${basePath}${path}`,
          method,
          headers,
          agent: isHttps ? this.#httpsAgent : this.#httpAgent,
          signal: this.#abort.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_RESPONSE_BYTES) {
              req.destroy(new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if (text.length > 0) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = text;
              }
            }
            done({ kind: 'response', response: { status: res.statusCode ?? 0, body: parsed } });
          });
          res.on('error', (err) => done({ kind: 'network', error: err }));
        },
      );
      req.setTimeout(this.#o.timeoutMs, () => {
        req.destroy(new Error(`no answer within ${this.#o.timeoutMs} ms`));
      });
      req.on('error', (err) => done({ kind: 'network', error: err }));
      req.end(payload);
    });
  }
}

/** Requests answered in-process by a {@link MockSchemaRegistry} (`mock://` URLs). */
export class MockTransport implements Transport {
  readonly #registry: MockSchemaRegistry;
  #closed = false;

  constructor(registry: MockSchemaRegistry) {
    this.#registry = registry;
  }

  async request(method: string, path: string, body?: unknown): Promise<RegistryResponse> {
    if (this.#closed) throw new StateError('the schema registry client is closed');
    // Round-trip through JSON, as over the wire: callers never share objects with the store.
    const res = this.#registry.handle({ method, path, body: body === undefined ? undefined : JSON.parse(JSON.stringify(body)) });
    return { status: res.status, body: JSON.parse(JSON.stringify(res.body ?? null)) as unknown };
  }

  close(): void {
    this.#closed = true;
  }
}
