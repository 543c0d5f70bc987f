/**
 * Worker-thread side of the loader's parse-and-serialize pool.
 *
 * @packageDocumentation
 */
import { parentPort, workerData } from 'node:worker_threads';

import { ChunkProcessor, type ChunkOutput, type RecordSpec } from './records';

/** A chunk sent to a worker. */
export interface WorkRequest {
  seq: number;
  chunk: Uint8Array;
  firstLine: number;
  columns?: string[];
}

/** A worker's answer: keys and values packed into one transferred buffer. */
export interface WorkResult {
  seq: number;
  records: number;
  dead: ChunkOutput['dead'];
  /** Per record sent: key start, key length (-1: null), value start, value length (-1: null). */
  index: Int32Array;
  data: Uint8Array;
  /** Set instead of packing the keys (values) when every key (value) is a string or null. */
  keys?: Array<string | null>;
  values?: Array<string | null>;
  error?: string;
}

/**
 * Packs a {@link ChunkOutput} for transfer. Keys, and values, that are all
 * strings (or null) cross as arrays by structured clone (a copy V8 makes
 * natively, cheaper than bytes plus a Buffer per field on the other side);
 * otherwise their bytes are packed into one transferred buffer.
 */
export function packOutput(seq: number, out: ChunkOutput): WorkResult {
  const n = out.keys.length;
  const keysText = out.keys.every(isTextOrNull);
  const valuesText = out.values.every(isTextOrNull);
  const result: WorkResult = { seq, records: out.records, dead: out.dead, index: new Int32Array(0), data: new Uint8Array(0) };
  if (keysText) result.keys = out.keys as Array<string | null>;
  if (valuesText) result.values = out.values as Array<string | null>;
  if (keysText && valuesText) return result;
  let total = 0;
  const size = (x: Buffer | string | null): number => (x === null ? 0 : typeof x === 'string' ? Buffer.byteLength(x, 'utf8') : x.length);
  for (let i = 0; i < n; i++) total += (keysText ? 0 : size(out.keys[i])) + (valuesText ? 0 : size(out.values[i]));
  const data = Buffer.allocUnsafeSlow(total);
  const index = new Int32Array(4 * n);
  let o = 0;
  const put = (x: Buffer | string | null, at: number): void => {
    index[at] = o;
    if (x === null) {
      index[at + 1] = -1;
      return;
    }
    const len = typeof x === 'string' ? data.write(x, o, 'utf8') : x.copy(data, o);
    index[at + 1] = len;
    o += len;
  };
  for (let i = 0; i < n; i++) {
    if (!keysText) put(out.keys[i], 4 * i);
    if (!valuesText) put(out.values[i], 4 * i + 2);
  }
  result.index = index;
  result.data = data;
  return result;
}

function isTextOrNull(x: Buffer | string | null): boolean {
  return x === null || typeof x === 'string';
}

/** Unpacks a {@link WorkResult} into keys and values (views of its buffer, or the strings as sent). */
export function unpackOutput(r: WorkResult): ChunkOutput {
  const n = r.keys?.length ?? r.values?.length ?? r.index.length / 4;
  const ab = r.data.buffer;
  const base = r.data.byteOffset;
  const idx = r.index;
  const side = (off: number): Array<Buffer | null> => {
    const out = new Array<Buffer | null>(n);
    for (let i = 0; i < n; i++) {
      const len = idx[4 * i + off + 1];
      out[i] = len < 0 ? null : Buffer.from(ab, base + idx[4 * i + off], len);
    }
    return out;
  };
  return { keys: r.keys ?? side(0), values: r.values ?? side(2), dead: r.dead, records: r.records };
}

if (parentPort) {
  const port = parentPort;
  const spec = (workerData as { spec: RecordSpec }).spec;
  const processor = new ChunkProcessor(spec);
  let columnsKey = '';
  port.on('message', (req: WorkRequest) => {
    void (async () => {
      try {
        const key = req.columns ? JSON.stringify(req.columns) : '';
        if (key !== columnsKey) {
          processor.setColumns(req.columns);
          columnsKey = key;
        }
        const chunk = Buffer.from(req.chunk.buffer, req.chunk.byteOffset, req.chunk.byteLength);
        const out = await processor.process(chunk, req.firstLine);
        const packed = packOutput(req.seq, out);
        port.postMessage(packed, packed.keys && packed.values ? [] : ([packed.data.buffer, packed.index.buffer] as never));
      } catch (err) {
        port.postMessage({ seq: req.seq, records: 0, dead: [], index: new Int32Array(0), data: new Uint8Array(0), error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
}
