/**
 * Schema GUIDs for the registries this project runs (the `mock://` registry
 * and the registry server).
 *
 * @packageDocumentation
 */

import { createHash } from 'node:crypto';

/**
 * The GUID of a registered schema: a version-4-shaped UUID derived from the
 * schema id and text, so that it is stable across restarts without being
 * stored, and differs between two schemas of one registry.
 *
 * Clients must not rely on how it is derived: they read it from the registry's answers.
 */
export function schemaGuid(id: number, schemaType: string, schema: string): string {
  const h = createHash('sha256').update(`schema guid\0${id}\0${schemaType}\0${schema}`).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
