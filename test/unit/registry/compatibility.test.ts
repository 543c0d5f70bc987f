import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompatibility, COMPATIBILITY_LEVELS, CompatibilityLevel } from '../../../src/registry/compatibility';
import { SchemaRegistryError } from '../../../src/errors';

interface Case {
  name: string;
  existing: unknown[];
  candidate: unknown;
  /** Y/N per level, in the order BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE. */
  expect: string;
  /** A phrase the reasons must contain when some level fails. */
  reason?: string;
}

const table = JSON.parse(readFileSync(join(__dirname, '../../fixtures/avro/compatibility-cases.json'), 'utf8')) as Case[];
const rows = table.flatMap((c) => COMPATIBILITY_LEVELS.map((level, i) => [c.name, level, c.expect[i] === 'Y', c] as const));

describe('checkCompatibility: evolution table (cross-checked against Apache Avro)', () => {
  it('has at least 40 evolution cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
    expect(new Set(table.map((c) => c.name)).size).toBe(table.length);
  });

  it.each(rows)('%s under %s → compatible=%s', (_name, level, compatible, c) => {
    const result = checkCompatibility(level as CompatibilityLevel, c.candidate as object, c.existing as object[]);
    expect(result.level).toBe(level);
    expect(result.compatible).toBe(compatible);
    if (compatible) {
      expect(result.reasons).toEqual([]);
    } else {
      expect(result.reasons.length).toBeGreaterThan(0);
      expect(result.reasons.every((r) => r.includes(level.replace('_TRANSITIVE', '').replace('FULL', '')) || /breaks (BACKWARD|FORWARD)/.test(r))).toBe(true);
    }
  });

  it.each(table.filter((c) => c.reason).map((c) => [c.name, c] as const))('%s: the reason names the change', (_name, c) => {
    const all = COMPATIBILITY_LEVELS.flatMap((level) => checkCompatibility(level, c.candidate as object, c.existing as object[]).reasons);
    expect(all.join('\n')).toContain(c.reason);
  });
});

describe('checkCompatibility: reasons', () => {
  const v1 = { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }] };
  const v2 = { type: 'record', name: 'User', fields: [{ name: 'id', type: 'long' }, { name: 'age', type: 'int' }] };

  it('says which field broke which level, and against which version', () => {
    const r = checkCompatibility('BACKWARD', v2, [v1], { labels: ['version 1'] });
    expect(r.compatible).toBe(false);
    expect(r.reasons).toEqual(['field `age` added without a default breaks BACKWARD: the new schema cannot read data written with version 1']);
    expect(r.issues[0]).toMatchObject({ kind: 'READER_FIELD_MISSING_DEFAULT_VALUE', direction: 'BACKWARD', existingIndex: 0, path: 'age', subject: 'age' });
  });

  it('FULL reports both directions', () => {
    const v3 = { type: 'record', name: 'User', fields: [{ name: 'age', type: 'int' }] };
    const r = checkCompatibility('FULL', v3, [v1]);
    expect(r.issues.map((i) => [i.direction, i.kind, i.path])).toEqual([
      ['BACKWARD', 'READER_FIELD_MISSING_DEFAULT_VALUE', 'age'],
      ['FORWARD', 'READER_FIELD_MISSING_DEFAULT_VALUE', 'id'],
    ]);
  });

  it('transitive levels check every version, the latest first', () => {
    const a = { type: 'record', name: 'R', fields: [{ name: 'x', type: 'int' }] };
    const b = { type: 'record', name: 'R', fields: [{ name: 'x', type: 'string' }] };
    const r = checkCompatibility('BACKWARD_TRANSITIVE', b, [a, a]);
    expect(r.issues.map((i) => i.existingIndex)).toEqual([1, 0]);
  });

  it('resolves named references', () => {
    const address = { type: 'record', name: 'Address', namespace: 'x', fields: [{ name: 'street', type: 'string' }] };
    const user1 = { type: 'record', name: 'User', namespace: 'x', fields: [{ name: 'home', type: 'x.Address' }] };
    const user2 = { type: 'record', name: 'User', namespace: 'x', fields: [{ name: 'home', type: 'x.Address' }, { name: 'n', type: 'int' }] };
    expect(checkCompatibility('FORWARD', user2, [user1], { references: [address] }).compatible).toBe(true);
    expect(checkCompatibility('BACKWARD', user2, [user1], { references: [address] }).compatible).toBe(false);
  });

  it('rejects an invalid schema with 42201 and an unknown level with 42203', () => {
    expect(() => checkCompatibility('BACKWARD', '{"type": "recurd"}', [])).toThrow(SchemaRegistryError);
    try {
      checkCompatibility('BACKWARD', '{"type": "recurd"}', []);
    } catch (e) {
      expect((e as SchemaRegistryError).errorCode).toBe(42201);
    }
    try {
      checkCompatibility('SIDEWAYS' as CompatibilityLevel, 'int', []);
    } catch (e) {
      expect((e as SchemaRegistryError).errorCode).toBe(42203);
    }
    expect.assertions(3);
  });
});
