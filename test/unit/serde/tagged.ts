/** Converts the tagged JSON values of test/fixtures/wire/*.json to the JS values our serde uses (see generate.py). */
export function fromTagged(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromTagged);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0].startsWith('$')) {
      const [tag, x] = entries[0];
      switch (tag) {
        case '$date':
          return new Date(x as string);
        case '$day':
          return new Date(`${x as string}T00:00:00Z`);
        case '$time':
        case '$decimal':
        case '$uuid':
          return x;
        case '$bytes':
          return Buffer.from(x as string, 'hex');
        case '$long':
          return BigInt(x as string);
        case '$double':
          return Number(x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x === 'nan' ? NaN : x);
        case '$union': {
          const [name, value] = x as [string, unknown];
          return { [name]: fromTagged(value) };
        }
        default:
          throw new Error(`unknown tag ${tag}`);
      }
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, fromTagged(x)]));
  }
  return v;
}

/** Deep plain copy (avsc records are class instances; Buffers stay Buffers). */
export function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Date || Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
}
