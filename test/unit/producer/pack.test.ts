/**
 * Packing a run's values and keys into one buffer for the addon's
 * producePacked, and the addon's checks of what it is given.
 */
import { MAX_PACKED_BYTES, Packer } from '../../../src/producer/pack';
import { nativeProducerClass, type NativeBytes } from '../../../src/producer/native';

/** The bytes of message field j (value i = 2i, key i = 2i + 1) as packed. */
function unpack(p: Packer, n: number): Array<Buffer | null> {
  const out: Array<Buffer | null> = [];
  let off = 0;
  for (let j = 0; j < 2 * n; j++) {
    const len = p.lengths[j];
    if (len === -1) {
      out.push(null);
    } else {
      out.push(Buffer.from(p.data.subarray(off, off + len)));
      off += len;
    }
  }
  return out;
}

function expected(v: NativeBytes): Buffer | null {
  if (v === null) return null;
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v);
}

describe('Packer', () => {
  const backing = Buffer.from('..view-bytes..');
  const cases: Array<[string, NativeBytes, NativeBytes]> = [
    ['ASCII strings', 'value', 'key'],
    ['null value and key', null, null],
    ['empty string and empty Buffer', '', Buffer.alloc(0)],
    ['two-byte and three-byte UTF-8', 'é-ü', '日本語'],
    ['a surrogate pair', 'emoji 😀 here', 'k😀'],
    ['a lone surrogate (encoded as U+FFFD, as Buffer.from does)', 'a\ud800b', '\udfff'],
    ['an ASCII string longer than the short-string loop', 'x'.repeat(1000), 'y'.repeat(65)],
    ['a non-ASCII string after 64 ASCII units', `${'a'.repeat(64)}é`, `${'b'.repeat(63)}ü`],
    ['a Uint8Array view with an offset into a larger buffer', backing.subarray(2, 12), new Uint8Array(backing.buffer, backing.byteOffset + 6, 4)],
    ['binary bytes', Buffer.from([0, 255, 128, 0, 10]), new Uint8Array([1, 2, 3])],
  ];

  test.each(cases)('%s: value and key come out byte for byte', (_name, value, key) => {
    const p = new Packer();
    expect(p.pack([value, 'next'], [key, null], 2)).toBe(true);
    const got = unpack(p, 2);
    expect(got[0]).toEqual(expected(value));
    expect(got[1]).toEqual(expected(key));
    expect(got[2]).toEqual(Buffer.from('next'));
    expect(got[3]).toBeNull();
  });

  test('without keys every key is null; a second pack reuses the buffer and overwrites the first', () => {
    const p = new Packer();
    expect(p.pack(['a'.repeat(100), 'b'], null, 2)).toBe(true);
    const first = p.data;
    expect(p.pack(['c', null, 'd'], null, 3)).toBe(true);
    expect(p.data).toBe(first);
    expect(unpack(p, 3)).toEqual([Buffer.from('c'), null, null, null, Buffer.from('d'), null]);
  });

  test('only the first n entries are packed', () => {
    const p = new Packer();
    expect(p.pack(['a', 'b', 'c'], ['x', 'y', 'z'], 2)).toBe(true);
    expect(unpack(p, 2)).toEqual(['a', 'x', 'b', 'y'].map((s) => Buffer.from(s)));
  });

  test('a run larger than MAX_PACKED_BYTES is left to the array form', () => {
    const p = new Packer();
    const big = Buffer.alloc(MAX_PACKED_BYTES / 2 + 1);
    expect(p.pack([big, big], null, 2)).toBe(false);
    // Strings count at 3 bytes per UTF-16 unit (their longest UTF-8).
    expect(p.pack(['x'.repeat(MAX_PACKED_BYTES / 3 + 1)], null, 1)).toBe(false);
    expect(p.pack([big], null, 1)).toBe(true);
  });

  test('an element that is not bytes is left to the array form (which names it)', () => {
    const p = new Packer();
    expect(p.pack(['a', 42 as unknown as string], null, 2)).toBe(false);
    expect(p.pack(['a'], [{} as unknown as string], 1)).toBe(false);
  });
});

describe('native producePacked, produceOne and produceBatch arguments', () => {
  const Producer = nativeProducerClass();
  let handle: InstanceType<typeof Producer>;

  beforeAll(() => {
    // No broker: messages only wait in the local queue, then are purged.
    handle = new Producer({ 'bootstrap.servers': '127.0.0.1:9', 'log_level': '0' }, () => undefined, () => undefined, {
      log: false,
      stats: false,
      oauth: false,
      throttle: false,
    });
  });

  afterAll(async () => {
    handle.purge(1 | 2);
    await handle.close();
  });

  test('enqueues a packed batch: returns its length and counts it in flight', () => {
    const p = new Packer();
    p.pack(['one', 'two', null], ['k', null, 'k3'], 3);
    const before = handle.inFlight();
    expect(handle.producePacked('packed-t', 1, p.data, p.lengths, 3, 0, null)).toBe(3);
    expect(handle.inFlight()).toBe(before + 3);
  });

  test.each<[string, Int32Array, number, RegExp]>([
    ['a length past the end of data', new Int32Array([2, -1, 5, -1]), 2, /lengths\[2\] runs past the end of data/],
    ['a negative length other than -1', new Int32Array([1, -2]), 1, /lengths\[1\] must be -1 \(null\) or a length >= 0/],
    ['fewer lengths than 2 * count', new Int32Array([1, -1]), 2, /lengths holds fewer than 2 \* count entries/],
  ])('%s throws naming it, and enqueues nothing', (_name, lengths, count, message) => {
    const before = handle.inFlight();
    expect(() => handle.producePacked('packed-t', 2, Buffer.from('abcd'), lengths, count, 0, null)).toThrow(message);
    expect(handle.inFlight()).toBe(before);
  });

  test('produceOne enqueues one message as the given index; a bad index or value is refused naming it', () => {
    const before = handle.inFlight();
    expect(handle.produceOne('packed-t', 4, 17, 'value', null, 0)).toBe(0);
    expect(handle.inFlight()).toBe(before + 1);
    expect(() => handle.produceOne('packed-t', 4, -1, 'v', null, 0)).toThrow(/index must be an integer from 0 to 1048575/);
    expect(() => handle.produceOne('packed-t', 4, 1 << 20, 'v', null, 0)).toThrow(/index must be an integer/);
    expect(() => handle.produceOne('packed-t', 4, 1, 42 as unknown as string, null, 0)).toThrow(/value must be a Buffer, Uint8Array, string or null/);
    expect(() => handle.produceOne('packed-t', 4, 1, 'v', {} as unknown as string, 0)).toThrow(/key must be a Buffer, Uint8Array, string or null/);
    expect(handle.inFlight()).toBe(before + 1);
  });

  test('topicId gives one id per topic name; produceOne takes it in place of the name and refuses an id it did not give', () => {
    const a = handle.topicId('packed-t');
    expect(handle.topicId('packed-t')).toBe(a);
    const b = handle.topicId('packed-other');
    expect(b).not.toBe(a);
    const before = handle.inFlight();
    expect(handle.produceOne(b, 6, 0, Buffer.from('by id'), 'k', -1)).toBe(0);
    expect(handle.inFlight()).toBe(before + 1);
    expect(() => handle.produceOne(b + 1, 6, 1, 'v', null, -1)).toThrow(new RegExp(`topic id ${b + 1} was not given by topicId`));
    expect(() => handle.produceOne(-1, 6, 1, 'v', null, -1)).toThrow(/was not given by topicId/);
    expect(() => handle.produceOne(0.5, 6, 1, 'v', null, -1)).toThrow(/was not given by topicId/);
    expect(() => handle.topicId(7 as unknown as string)).toThrow(/topicId\(topic: string\)/);
    expect(handle.inFlight()).toBe(before + 1);
  });

  test('produceBatch refuses a base index that would run past the index space', () => {
    expect(() => handle.produceBatch('packed-t', 5, ['a', 'b'], null, 0, null, null, (1 << 20) - 2)).toThrow(/base must be an integer >= 0/);
    expect(() => handle.produceBatch('packed-t', 5, ['a'], null, 0, null, null, 1.5)).toThrow(/base must be an integer/);
  });

  test('data and lengths of the wrong types are refused', () => {
    expect(() => handle.producePacked('packed-t', 3, new Uint16Array(2) as unknown as Uint8Array, new Int32Array(2), 1, 0, null)).toThrow(/data must be a Uint8Array/);
    expect(() => handle.producePacked('packed-t', 3, Buffer.from('a'), new Float64Array(2) as unknown as Int32Array, 1, 0, null)).toThrow(/lengths must be an Int32Array/);
    expect(() => handle.producePacked('packed-t', 3, Buffer.from('a'), new Int32Array([1, -1]), 1.5, 0, null)).toThrow(/count must be an integer/);
  });
});
