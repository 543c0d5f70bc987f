/**
 * The serde issue's evolution table (cross-checked against Apache Avro),
 * through the server: `POST /compatibility/subjects/{s}/versions?verbose=true`
 * gives the same verdict and the same reasons as `checkCompatibility`, and a
 * registration under the same level is accepted exactly when it is compatible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkCompatibility, COMPATIBILITY_LEVELS } from '../../../src/registry/compatibility';
import { memoryServer } from './helpers';

/** The schema value as a request body (JSON text, so top-level primitives like "int" work too). */
const body = (schema: unknown): { schema: string } => ({ schema: JSON.stringify(schema) });

interface Case {
  name: string;
  existing: unknown[];
  candidate: unknown;
  /** Y/N per level, in the order of COMPATIBILITY_LEVELS. */
  expect: string;
}

const table = JSON.parse(readFileSync(join(__dirname, '../../fixtures/avro/compatibility-cases.json'), 'utf8')) as Case[];
const rows = table.flatMap((c, i) => COMPATIBILITY_LEVELS.map((level, j) => [c.name, level, c.expect[j] === 'Y', i, c] as const));

describe('compatibility table through the REST API', () => {
  let server: Awaited<ReturnType<typeof memoryServer>>;
  beforeAll(async () => {
    server = await memoryServer();
  });
  afterAll(() => server.close());

  it('has the 40+ cases', () => {
    expect(table.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%s under %s → compatible=%s', async (_name, level, compatible, index, c) => {
    const subject = `case-${index}-${level}`;
    // Existing versions go in under NONE (they need not be compatible with each other).
    expect((await server.call('PUT', `/config/${subject}`, { compatibility: 'NONE' })).status).toBe(200);
    for (const s of c.existing) expect((await server.call('POST', `/subjects/${subject}/versions`, body(s))).status).toBe(200);
    expect(await server.call('PUT', `/config/${subject}`, { compatibility: level })).toMatchObject({ status: 200, body: { compatibility: level } });

    const direct = checkCompatibility(level, c.candidate as object, c.existing as object[], { labels: c.existing.map((_, i) => `version ${i + 1}`) });
    expect(direct.compatible).toBe(compatible);

    const viaHttp = await server.call('POST', `/compatibility/subjects/${subject}/versions?verbose=true`, body(c.candidate));
    expect(viaHttp).toMatchObject({ status: 200 });
    expect(viaHttp.body).toEqual({ is_compatible: direct.compatible, messages: direct.reasons });

    const terse = await server.call('POST', `/compatibility/subjects/${subject}/versions`, body(c.candidate));
    expect(terse.body).toEqual({ is_compatible: direct.compatible });

    // Registering: accepted exactly when compatible (unless the candidate is already a version, which is answered as such).
    const already = c.existing.some((e) => JSON.stringify(e) === JSON.stringify(c.candidate));
    const registered = await server.call('POST', `/subjects/${subject}/versions`, body(c.candidate));
    if (already) {
      expect(registered.status).toBe(200);
    } else if (compatible) {
      expect(registered).toMatchObject({ status: 200, body: { id: expect.any(Number) } });
      expect((await server.call('GET', `/subjects/${subject}/versions`)).body).toHaveLength(c.existing.length + 1);
    } else {
      expect(registered).toMatchObject({ status: 409, body: { error_code: 40901 } });
      for (const reason of direct.reasons) expect((registered.body as { message: string }).message).toContain(reason);
    }
  });
});
