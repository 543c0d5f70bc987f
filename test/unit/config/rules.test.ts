/**
 * Table-driven tests of every named config rule: for each rule, rows that must
 * pass without any issue and rows that must produce a given issue.
 */
import type { ConfigIssue } from '../../../src/errors';
import type { ConfigRule } from '../../../src/config/rules/rule';
import { makeTestTls, withTlsPaths, type TestTls } from '../../fixtures/config/tls';
import { TABLES, type Valid } from './rule-table';

let tls: TestTls;
beforeAll(() => {
  tls = makeTestTls();
});
afterAll(() => tls?.cleanup());

function run(rule: ConfigRule, row: Valid): ConfigIssue[] {
  return rule(withTlsPaths(row.config, tls), row.options);
}

describe.each(TABLES.map((t) => [t.rule.ruleName, t] as const))('rule %s', (name, table) => {
  it('has a summary', () => {
    expect(table.rule.summary.length).toBeGreaterThan(10);
  });

  it.each(table.valid.map((row, i) => [i, row] as const))('valid row %i passes with no issue', (_i, row) => {
    expect(run(table.rule, row)).toEqual([]);
  });

  it.each(table.invalid.map((row, i) => [i, row.message.source, row] as const))('invalid row %i → %s', (_i, _m, row) => {
    const issues = run(table.rule, row);
    const match = issues.find((i) => i.path === row.path && i.severity === row.severity && row.message.test(i.message));
    if (!match) throw new Error(`expected ${row.severity} at "${row.path}" matching ${row.message}; got:\n${JSON.stringify(issues, null, 2)}`);
    expect(match.rule).toBe(name);
    expect(match.fix ?? '').toMatch(row.fix ?? /./);
  });
});

describe('rule table coverage', () => {
  it('covers every rule validateConfig runs, plus the JAAS rule, with valid and invalid rows', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CONFIG_RULES } = require('../../../src/config/validate') as { CONFIG_RULES: ConfigRule[] };
    const tested = new Set(TABLES.map((t) => t.rule.ruleName));
    for (const rule of CONFIG_RULES) expect(tested).toContain(rule.ruleName);
    expect(tested).toContain('jaas-config');
    for (const t of TABLES) {
      expect(t.valid.length).toBeGreaterThan(0);
      expect(t.invalid.length).toBeGreaterThan(0);
    }
  });
});
