/**
 * "Did you mean …" for unknown configuration keys.
 *
 * @packageDocumentation
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** `clientId` → `client.id`, `bootstrap_servers` → `bootstrap.servers`, `BOOTSTRAP.SERVERS` → `bootstrap.servers`. */
export function dottedForm(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1.$2')
    .replace(/[_\-\s]+/g, '.')
    .toLowerCase();
}

/**
 * The known keys closest to `key`: an exact match of its dotted lower-case
 * form first, else those at the smallest edit distance within a tolerance
 * that grows with the key's length.
 */
export function suggestKeys(key: string, known: Iterable<string>, max = 3): string[] {
  const candidates = [...new Set(known)];
  const dotted = dottedForm(key);
  const exact = candidates.filter((c) => c.toLowerCase() === dotted || c.toLowerCase() === key.toLowerCase());
  if (exact.length > 0) return exact.slice(0, max);
  const limit = Math.max(2, Math.floor(key.length / 4));
  let best = Infinity;
  let found: string[] = [];
  for (const c of candidates) {
    const d = Math.min(editDistance(key.toLowerCase(), c.toLowerCase()), editDistance(dotted, c.toLowerCase()));
    if (d > limit) continue;
    if (d < best) {
      best = d;
      found = [c];
    } else if (d === best) {
      found.push(c);
    }
  }
  return found.sort().slice(0, max);
}
