/**
 * A small LRU cache with an optional time-to-live, for the registry client.
 *
 * @packageDocumentation
 */

interface Entry<V> {
  value: V;
  expires: number;
}

/** Least-recently-used cache; `ttlMs` (optional) expires entries that old. */
export class LruCache<K, V> {
  readonly #capacity: number;
  readonly #ttlMs: number | undefined;
  readonly #now: () => number;
  readonly #map = new Map<K, Entry<V>>();

  /**
   * @param capacity - entries kept; the least recently used is dropped past it.
   * @param ttlMs - entry lifetime, or undefined for no expiry.
   * @param now - clock, for tests.
   */
  constructor(capacity: number, ttlMs?: number, now: () => number = Date.now) {
    this.#capacity = Math.max(1, capacity);
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The value for `key`, or undefined (missing or expired); marks it recently used. */
  get(key: K): V | undefined {
    const e = this.#map.get(key);
    if (e === undefined) return undefined;
    if (this.#ttlMs !== undefined && e.expires <= this.#now()) {
      this.#map.delete(key);
      return undefined;
    }
    this.#map.delete(key);
    this.#map.set(key, e);
    return e.value;
  }

  /** Store `value` under `key`. */
  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, { value, expires: this.#ttlMs === undefined ? Infinity : this.#now() + this.#ttlMs });
    if (this.#map.size > this.#capacity) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
  }

  /** Remove `key`. */
  delete(key: K): void {
    this.#map.delete(key);
  }

  /** Remove every key for which `pred` is true. */
  deleteWhere(pred: (key: K) => boolean): void {
    for (const k of [...this.#map.keys()]) if (pred(k)) this.#map.delete(k);
  }

  /** Remove everything. */
  clear(): void {
    this.#map.clear();
  }

  /** Entries held (expired ones included until touched). */
  get size(): number {
    return this.#map.size;
  }
}
