/**
 * Packs a run's values and keys into one reused buffer for the addon's
 * `producePacked`: the native side then reads every message from one
 * Uint8Array and one Int32Array instead of asking N-API for each element
 * (an array read and a type check per value and per key).
 *
 * @internal
 * @packageDocumentation
 */
import type { NativeBytes } from './native';

/** Most bytes one packed call carries; larger runs go through the array form. */
export const MAX_PACKED_BYTES = 4 << 20;
/** Strings up to this many UTF-16 units are tried as ASCII in a JS loop first. */
const SHORT_STRING = 64;

/**
 * One producer's packing buffers. Everything packed is valid until the next
 * {@link Packer.pack}: librdkafka copies the bytes during the native call.
 *
 * @remarks Not shared between producers; no JS runs between `pack()` and the
 * native call. The buffer grows to the largest run packed (at most
 * {@link MAX_PACKED_BYTES}) and is kept for the producer's life.
 */
export class Packer {
  #data: Buffer = Buffer.allocUnsafeSlow(0);
  #lens: Int32Array = new Int32Array(0);

  /** The packed bytes (valid until the next pack). */
  get data(): Buffer {
    return this.#data;
  }

  /** Value length then key length per message; -1 is null. */
  get lengths(): Int32Array {
    return this.#lens;
  }

  /**
   * Packs `values[0..n)` and `keys[0..n)` (value i, then key i). Returns
   * false when the run is too large for one packed call (the caller uses the
   * array form); then nothing is packed.
   */
  pack(values: NativeBytes[], keys: NativeBytes[] | null, n: number): boolean {
    // Upper bound first: a UTF-16 unit takes at most 3 bytes of UTF-8.
    let bound = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      if (typeof v === 'string') bound += 3 * v.length;
      else if (v instanceof Uint8Array) bound += v.byteLength;
      else return false; // the array form names the element at fault
    }
    if (keys !== null) {
      for (let i = 0; i < n; i++) {
        const k = keys[i];
        if (k === null) continue;
        if (typeof k === 'string') bound += 3 * k.length;
        else if (k instanceof Uint8Array) bound += k.byteLength;
        else return false;
      }
    }
    if (bound > MAX_PACKED_BYTES) return false;
    let data = this.#data;
    if (data.length < bound) {
      data = this.#data = Buffer.allocUnsafeSlow(Math.min(MAX_PACKED_BYTES, Math.max(bound, 2 * data.length, 4096)));
    }
    let lens = this.#lens;
    if (lens.length < 2 * n) lens = this.#lens = new Int32Array(Math.max(2 * n, 2 * lens.length, 256));
    let off = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let len = -1;
      if (v !== null) len = typeof v === 'string' ? writeString(data, v, off) : copyBytes(data, v, off);
      lens[2 * i] = len;
      if (len > 0) off += len;
      len = -1;
      if (keys !== null) {
        const k = keys[i];
        if (k !== null) len = typeof k === 'string' ? writeString(data, k, off) : copyBytes(data, k, off);
      }
      lens[2 * i + 1] = len;
      if (len > 0) off += len;
    }
    return true;
  }
}

function copyBytes(data: Buffer, v: Uint8Array, off: number): number {
  data.set(v, off);
  return v.byteLength;
}

/** UTF-8 of `s` at `off`; short ASCII strings without a native call. */
function writeString(data: Buffer, s: string, off: number): number {
  const n = s.length;
  if (n <= SHORT_STRING) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      data[off + i] = c;
    }
    if (i === n) return n;
  }
  return data.write(s, off);
}
