/**
 * The REST API, row by row, against one in-memory registry: every row is a
 * request a client makes and the status, body or Confluent `error_code` it
 * must get. Rows run in order and build on each other.
 */
import type { RegistryServer } from '../../../src/registry-server';
import { body, memoryServer, record, type Reply } from './helpers';

const U1 = record('User', [['id', 'long']]);
const U1_REORDERED = { fields: [{ type: 'long', name: 'id' }], name: 'User', type: 'record', namespace: 'com.example' };
const U2 = record('User', [['id', 'long'], { name: 'name', type: 'string', default: '' }]);
const U3_STRING_ID = record('User', [['id', 'string']]);
const U_NO_DEFAULT = record('User', [['id', 'long'], ['age', 'int']]);
const ADDRESS = record('Address', [['street', 'string']]);
const PERSON = record('Person', [['home', 'com.example.Address']]);
const c = (s: unknown): string => JSON.stringify(s);

interface Row {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  /** Exact body. */
  equal?: unknown;
  /** Body must match (subset). */
  match?: Record<string, unknown>;
  /** Confluent error_code. */
  code?: number;
  /** Raw response text. */
  text?: string;
}

const rows: Row[] = [
  { name: 'root answers {}', method: 'GET', path: '/', status: 200, equal: {} },
  { name: 'schema types', method: 'GET', path: '/schemas/types', status: 200, equal: ['JSON', 'PROTOBUF', 'AVRO'] },
  { name: 'no subjects yet', method: 'GET', path: '/subjects', status: 200, equal: [] },
  { name: 'register v1', method: 'POST', path: '/subjects/users-value/versions', body: body(U1), status: 200, equal: { id: 1 } },
  { name: 'same schema, other whitespace and key order → same id, no new version', method: 'POST', path: '/subjects/users-value/versions', body: body(JSON.stringify(U1_REORDERED, null, 2)), status: 200, equal: { id: 1 } },
  { name: 'same schema in another subject → same id', method: 'POST', path: '/subjects/other/versions', body: body(U1), status: 200, equal: { id: 1 } },
  { name: 'compatible evolution (field with default) → v2', method: 'POST', path: '/subjects/users-value/versions', body: body(U2), status: 200, equal: { id: 2 } },
  { name: 'type change long→string breaks BACKWARD → 409', method: 'POST', path: '/subjects/users-value/versions', body: body(U3_STRING_ID), status: 409, code: 40901 },
  { name: 'field without default breaks BACKWARD → 409', method: 'POST', path: '/subjects/users-value/versions', body: body(U_NO_DEFAULT), status: 409, code: 40901 },
  { name: 'subjects listed, sorted', method: 'GET', path: '/subjects', status: 200, equal: ['other', 'users-value'] },
  { name: 'subject prefix filter', method: 'GET', path: '/subjects?subjectPrefix=us', status: 200, equal: ['users-value'] },
  { name: 'versions of a subject', method: 'GET', path: '/subjects/users-value/versions', status: 200, equal: [1, 2] },
  { name: 'latest version', method: 'GET', path: '/subjects/users-value/versions/latest', status: 200, equal: { subject: 'users-value', version: 2, id: 2, schema: c(U2) } },
  { name: 'version -1 is latest', method: 'GET', path: '/subjects/users-value/versions/-1', status: 200, match: { version: 2 } },
  { name: 'version 1', method: 'GET', path: '/subjects/users-value/versions/1', status: 200, equal: { subject: 'users-value', version: 1, id: 1, schema: c(U1) } },
  { name: 'unknown version → 40402', method: 'GET', path: '/subjects/users-value/versions/3', status: 404, code: 40402 },
  { name: 'non-numeric version → 42202', method: 'GET', path: '/subjects/users-value/versions/abc', status: 422, code: 42202 },
  { name: 'version 0 → 42202', method: 'GET', path: '/subjects/users-value/versions/0', status: 422, code: 42202 },
  { name: 'unknown subject versions → 40401', method: 'GET', path: '/subjects/nope/versions', status: 404, code: 40401 },
  { name: 'unknown subject version → 40401', method: 'GET', path: '/subjects/nope/versions/1', status: 404, code: 40401 },
  { name: 'schema by id', method: 'GET', path: '/schemas/ids/1', status: 200, equal: { schema: c(U1) } },
  { name: 'schema by id, raw', method: 'GET', path: '/schemas/ids/1/schema', status: 200, text: c(U1) },
  { name: 'unknown id → 40403', method: 'GET', path: '/schemas/ids/99', status: 404, code: 40403 },
  { name: 'non-numeric id → 40403', method: 'GET', path: '/schemas/ids/x', status: 404, code: 40403 },
  { name: 'subjects of an id', method: 'GET', path: '/schemas/ids/1/subjects', status: 200, equal: ['other', 'users-value'] },
  { name: 'versions of an id', method: 'GET', path: '/schemas/ids/1/versions', status: 200, equal: [{ subject: 'other', version: 1 }, { subject: 'users-value', version: 1 }] },
  { name: 'raw schema of a version', method: 'GET', path: '/subjects/users-value/versions/1/schema', status: 200, text: c(U1) },
  { name: 'lookup (keys reordered)', method: 'POST', path: '/subjects/users-value', body: body(U1_REORDERED), status: 200, equal: { subject: 'users-value', version: 1, id: 1, schema: c(U1) } },
  { name: 'lookup of an unregistered schema → 40403', method: 'POST', path: '/subjects/users-value', body: body(U_NO_DEFAULT), status: 404, code: 40403 },
  { name: 'lookup in unknown subject → 40401', method: 'POST', path: '/subjects/nope', body: body(U1), status: 404, code: 40401 },
  { name: 'invalid Avro → 42201', method: 'POST', path: '/subjects/x/versions', body: body('{"type":"recurd","name":"X"}'), status: 422, code: 42201 },
  { name: 'Avro with a bad default → 42201', method: 'POST', path: '/subjects/x/versions', body: body(record('X', [{ name: 'n', type: 'int', default: 'one' }])), status: 422, code: 42201 },
  { name: 'schema text that is not JSON → 42201', method: 'POST', path: '/subjects/x/versions', body: { schema: 'not json' }, status: 422, code: 42201 },
  { name: 'malformed JSON body → 400', method: 'POST', path: '/subjects/x/versions', body: '{"schema": ', status: 400, code: 400 },
  { name: 'body without schema → 42201', method: 'POST', path: '/subjects/x/versions', body: {}, status: 422, code: 42201 },
  { name: 'body that is not an object → 422', method: 'POST', path: '/subjects/x/versions', body: '[1,2]', status: 422, code: 422 },
  { name: 'unknown schema type → 42201', method: 'POST', path: '/subjects/x/versions', body: body(U1, { schemaType: 'XML' }), status: 422, code: 42201 },
  { name: 'nothing was registered by the bad requests', method: 'GET', path: '/subjects/x/versions', status: 404, code: 40401 },
  { name: 'global config defaults to BACKWARD', method: 'GET', path: '/config', status: 200, equal: { compatibilityLevel: 'BACKWARD' } },
  { name: 'set global config', method: 'PUT', path: '/config', body: { compatibility: 'FULL' }, status: 200, equal: { compatibility: 'FULL' } },
  { name: 'global config read back', method: 'GET', path: '/config', status: 200, equal: { compatibilityLevel: 'FULL' } },
  { name: 'invalid level → 42203', method: 'PUT', path: '/config', body: { compatibility: 'SIDEWAYS' }, status: 422, code: 42203 },
  { name: 'subject without own config → 40408', method: 'GET', path: '/config/users-value', status: 404, code: 40408 },
  { name: 'defaultToGlobal', method: 'GET', path: '/config/users-value?defaultToGlobal=true', status: 200, equal: { compatibilityLevel: 'FULL' } },
  { name: 'set subject config (lower case accepted)', method: 'PUT', path: '/config/users-value', body: { compatibility: 'none' }, status: 200, equal: { compatibility: 'NONE' } },
  { name: 'subject config read back', method: 'GET', path: '/config/users-value', status: 200, equal: { compatibilityLevel: 'NONE' } },
  { name: 'NONE lets the breaking change in → v3', method: 'POST', path: '/subjects/users-value/versions', body: body(U3_STRING_ID), status: 200, equal: { id: 3 } },
  { name: 'delete subject config returns it', method: 'DELETE', path: '/config/users-value', status: 200, equal: { compatibilityLevel: 'NONE' } },
  { name: 'delete it again → 40401', method: 'DELETE', path: '/config/users-value', status: 404, code: 40401 },
  { name: 'delete global config returns it', method: 'DELETE', path: '/config', status: 200, equal: { compatibilityLevel: 'FULL' } },
  { name: 'global config back to BACKWARD', method: 'GET', path: '/config', status: 200, equal: { compatibilityLevel: 'BACKWARD' } },
  { name: 'compatibility vs latest: incompatible', method: 'POST', path: '/compatibility/subjects/users-value/versions/latest', body: body(U1), status: 200, equal: { is_compatible: false } },
  { name: 'compatibility verbose gives reasons', method: 'POST', path: '/compatibility/subjects/users-value/versions/latest?verbose=true', body: body(U1), status: 200, match: { is_compatible: false } },
  { name: 'compatibility vs version 1: compatible', method: 'POST', path: '/compatibility/subjects/users-value/versions/1', body: body(U2), status: 200, equal: { is_compatible: true } },
  { name: 'compatibility vs unknown version → 40402', method: 'POST', path: '/compatibility/subjects/users-value/versions/9', body: body(U2), status: 404, code: 40402 },
  { name: 'compatibility vs latest of a new subject: compatible', method: 'POST', path: '/compatibility/subjects/brand-new/versions/latest', body: body(U2), status: 200, equal: { is_compatible: true } },
  { name: 'compatibility of invalid Avro → 42201', method: 'POST', path: '/compatibility/subjects/users-value/versions', body: body('{"type":"recurd"}'), status: 422, code: 42201 },
  { name: 'compatibility of invalid Avro, verbose → false with message', method: 'POST', path: '/compatibility/subjects/users-value/versions?verbose=true', body: body('{"type":"recurd"}'), status: 200, match: { is_compatible: false } },
  { name: 'soft-delete v3', method: 'DELETE', path: '/subjects/users-value/versions/3', status: 200, equal: 3 },
  { name: 'soft-delete it again → 40406', method: 'DELETE', path: '/subjects/users-value/versions/3', status: 404, code: 40406 },
  { name: 'soft-deleted version hidden', method: 'GET', path: '/subjects/users-value/versions', status: 200, equal: [1, 2] },
  { name: 'soft-deleted version listed with deleted=true', method: 'GET', path: '/subjects/users-value/versions?deleted=true', status: 200, equal: [1, 2, 3] },
  { name: 'soft-deleted version → 40402', method: 'GET', path: '/subjects/users-value/versions/3', status: 404, code: 40402 },
  { name: 'soft-deleted version readable with deleted=true', method: 'GET', path: '/subjects/users-value/versions/3?deleted=true', status: 200, match: { version: 3, id: 3 } },
  { name: 'schema of a soft-deleted version still served by id', method: 'GET', path: '/schemas/ids/3', status: 200, equal: { schema: c(U3_STRING_ID) } },
  { name: 'permanent delete of a live version → 40407', method: 'DELETE', path: '/subjects/users-value/versions/2?permanent=true', status: 404, code: 40407 },
  { name: 'permanent delete of the soft-deleted v3', method: 'DELETE', path: '/subjects/users-value/versions/3?permanent=true', status: 200, equal: 3 },
  { name: 'v3 gone even with deleted=true', method: 'GET', path: '/subjects/users-value/versions?deleted=true', status: 200, equal: [1, 2] },
  { name: 'its id is gone too', method: 'GET', path: '/schemas/ids/3', status: 404, code: 40403 },
  { name: 'permanent subject delete before soft → 40405', method: 'DELETE', path: '/subjects/users-value?permanent=true', status: 404, code: 40405 },
  { name: 'soft-delete the subject → its versions', method: 'DELETE', path: '/subjects/users-value', status: 200, equal: [1, 2] },
  { name: 'soft-delete it again → 40404', method: 'DELETE', path: '/subjects/users-value', status: 404, code: 40404 },
  { name: 'soft-deleted subject hidden', method: 'GET', path: '/subjects', status: 200, equal: ['other'] },
  { name: 'soft-deleted subject listed with deleted=true', method: 'GET', path: '/subjects?deleted=true', status: 200, equal: ['other', 'users-value'] },
  { name: 'soft-deleted subject versions → 40401', method: 'GET', path: '/subjects/users-value/versions', status: 404, code: 40401 },
  { name: 'lookup in soft-deleted subject → 40401', method: 'POST', path: '/subjects/users-value', body: body(U1), status: 404, code: 40401 },
  { name: 'lookup in soft-deleted subject with deleted=true', method: 'POST', path: '/subjects/users-value?deleted=true', body: body(U1), status: 200, match: { id: 1, version: 1 } },
  { name: 're-register after soft delete → same id, new version', method: 'POST', path: '/subjects/users-value/versions', body: body(U1), status: 200, equal: { id: 1 } },
  { name: 'the new version is 3 (versions are not reused)', method: 'GET', path: '/subjects/users-value/versions', status: 200, equal: [3] },
  { name: 'soft-delete again', method: 'DELETE', path: '/subjects/users-value', status: 200, equal: [3] },
  { name: 'permanent subject delete', method: 'DELETE', path: '/subjects/users-value?permanent=true', status: 200, equal: [2, 3] },
  { name: 'gone even with deleted=true', method: 'GET', path: '/subjects?deleted=true', status: 200, equal: ['other'] },
  { name: 'an id only the deleted subject used is gone', method: 'GET', path: '/schemas/ids/2', status: 404, code: 40403 },
  { name: 'an id another subject uses stays', method: 'GET', path: '/schemas/ids/1', status: 200, equal: { schema: c(U1) } },
  { name: 'delete from an unknown subject → 40401', method: 'DELETE', path: '/subjects/nope', status: 404, code: 40401 },
  { name: 'delete an unknown version → 40402', method: 'DELETE', path: '/subjects/other/versions/7', status: 404, code: 40402 },
  // modes
  { name: 'mode defaults to READWRITE', method: 'GET', path: '/mode', status: 200, equal: { mode: 'READWRITE' } },
  { name: 'set READONLY', method: 'PUT', path: '/mode', body: { mode: 'READONLY' }, status: 200, equal: { mode: 'READONLY' } },
  { name: 'register in READONLY → 42205', method: 'POST', path: '/subjects/ro/versions', body: body(U1), status: 422, code: 42205 },
  { name: 'delete in READONLY → 42205', method: 'DELETE', path: '/subjects/other', status: 422, code: 42205 },
  { name: 'reads still work in READONLY', method: 'GET', path: '/schemas/ids/1', status: 200 },
  { name: 'invalid mode → 42204', method: 'PUT', path: '/mode', body: { mode: 'SOMETIMES' }, status: 422, code: 42204 },
  { name: 'back to READWRITE', method: 'PUT', path: '/mode', body: { mode: 'READWRITE' }, status: 200, equal: { mode: 'READWRITE' } },
  { name: 'subject without own mode → 40409', method: 'GET', path: '/mode/other', status: 404, code: 40409 },
  { name: 'subject mode defaultToGlobal', method: 'GET', path: '/mode/other?defaultToGlobal=true', status: 200, equal: { mode: 'READWRITE' } },
  { name: 'subject READONLY', method: 'PUT', path: '/mode/other', body: { mode: 'READONLY' }, status: 200, equal: { mode: 'READONLY' } },
  { name: 'register in the READONLY subject → 42205', method: 'POST', path: '/subjects/other/versions', body: body(U2), status: 422, code: 42205 },
  { name: 'register elsewhere works', method: 'POST', path: '/subjects/elsewhere/versions', body: body(U2), status: 200, equal: { id: 4 } },
  { name: 'delete subject mode returns it', method: 'DELETE', path: '/mode/other', status: 200, equal: { mode: 'READONLY' } },
  { name: 'IMPORT on a non-empty registry → 42205', method: 'PUT', path: '/mode', body: { mode: 'IMPORT' }, status: 422, code: 42205 },
  { name: 'IMPORT with force', method: 'PUT', path: '/mode?force=true', body: { mode: 'IMPORT' }, status: 200, equal: { mode: 'IMPORT' } },
  { name: 'import with explicit id and version', method: 'POST', path: '/subjects/imported/versions', body: body(U_NO_DEFAULT, { id: 100, version: 5 }), status: 200, equal: { id: 100 } },
  { name: 'imported version served', method: 'GET', path: '/subjects/imported/versions/5', status: 200, match: { id: 100, version: 5 } },
  { name: 'importing another schema under a taken id → 42205', method: 'POST', path: '/subjects/imported/versions', body: body(U3_STRING_ID, { id: 100, version: 6 }), status: 422, code: 42205 },
  { name: 'register without id in IMPORT → 42205', method: 'POST', path: '/subjects/imported/versions', body: body(U3_STRING_ID), status: 422, code: 42205 },
  { name: 'back to READWRITE after import', method: 'PUT', path: '/mode', body: { mode: 'READWRITE' }, status: 200 },
  { name: 'explicit id outside IMPORT → 42205', method: 'POST', path: '/subjects/imported/versions', body: body(U3_STRING_ID, { id: 200 }), status: 422, code: 42205 },
  { name: 'new ids continue after the imported one', method: 'POST', path: '/subjects/fresh/versions', body: body(record('Fresh', [['f', 'int']])), status: 200, equal: { id: 101 } },
  // references
  { name: 'register a referenced type', method: 'POST', path: '/subjects/address/versions', body: body(ADDRESS), status: 200, equal: { id: 102 } },
  { name: 'register a schema that references it', method: 'POST', path: '/subjects/person/versions', body: body(PERSON, { references: [{ name: 'com.example.Address', subject: 'address', version: 1 }] }), status: 200, equal: { id: 103 } },
  { name: 'references served with the version', method: 'GET', path: '/subjects/person/versions/1', status: 200, match: { references: [{ name: 'com.example.Address', subject: 'address', version: 1 }] } },
  { name: 'references served by id', method: 'GET', path: '/schemas/ids/103', status: 200, match: { references: [{ name: 'com.example.Address', subject: 'address', version: 1 }] } },
  { name: 'referencedby', method: 'GET', path: '/subjects/address/versions/1/referencedby', status: 200, equal: [103] },
  { name: 'deleting a referenced version → 42206', method: 'DELETE', path: '/subjects/address/versions/1', status: 422, code: 42206 },
  { name: 'deleting a referenced subject → 42206', method: 'DELETE', path: '/subjects/address', status: 422, code: 42206 },
  { name: 'a reference to a missing version → 42201', method: 'POST', path: '/subjects/person2/versions', body: body(PERSON, { references: [{ name: 'com.example.Address', subject: 'address', version: 9 }] }), status: 422, code: 42201 },
  { name: 'an unresolved named type without the reference → 42201', method: 'POST', path: '/subjects/person2/versions', body: body(PERSON), status: 422, code: 42201 },
  { name: 'reference version -1 means latest', method: 'POST', path: '/subjects/person3/versions', body: body(PERSON, { references: [{ name: 'com.example.Address', subject: 'address', version: -1 }] }), status: 200, equal: { id: 103 } },
  // other schema types
  { name: 'JSON Schema stored', method: 'POST', path: '/subjects/json-value/versions', body: body({ type: 'object', properties: { a: { type: 'string' } } }, { schemaType: 'JSON' }), status: 200, equal: { id: 104 } },
  { name: 'JSON Schema served with its type', method: 'GET', path: '/schemas/ids/104', status: 200, equal: { schemaType: 'JSON', schema: '{"type":"object","properties":{"a":{"type":"string"}}}' } },
  { name: 'invalid JSON Schema → 42201', method: 'POST', path: '/subjects/json-value/versions', body: body('[1]', { schemaType: 'JSON' }), status: 422, code: 42201 },
  { name: 'Protobuf stored', method: 'POST', path: '/subjects/proto-value/versions', body: { schema: 'syntax = "proto3";\nmessage M { string a = 1; }\n', schemaType: 'PROTOBUF' }, status: 200, equal: { id: 105 } },
  { name: 'Protobuf version served with its type', method: 'GET', path: '/subjects/proto-value/versions/1', status: 200, match: { schemaType: 'PROTOBUF', schema: 'syntax = "proto3";\nmessage M { string a = 1; }' } },
  { name: 'Avro after JSON in one subject → 409', method: 'POST', path: '/subjects/json-value/versions', body: body(U1), status: 409, code: 40901 },
  // subjects with URL-encoded characters
  { name: 'subject with a slash (encoded)', method: 'POST', path: '/subjects/a%2Fb:c/versions', body: body(U1), status: 200, equal: { id: 1 } },
  { name: 'listed decoded', method: 'GET', path: '/subjects?subjectPrefix=a', status: 200, equal: ['a/b:c', 'address'] },
  // protocol errors
  { name: 'unknown route → 404', method: 'GET', path: '/nope', status: 404, code: 404 },
  { name: 'unknown method → 405', method: 'PATCH', path: '/subjects', status: 405, code: 405 },
  { name: 'normalize=True (Python spelling) is accepted', method: 'POST', path: '/subjects/users-value/versions?normalize=True', body: body(U1), status: 200, equal: { id: 1 } },
];

describe('registry REST API (in-memory log)', () => {
  let server: RegistryServer & { call: (m: string, p: string, b?: unknown, h?: Record<string, string>) => Promise<Reply> };
  beforeAll(async () => {
    server = await memoryServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const withoutGuid = (body: unknown): unknown => {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || !('guid' in body)) return body;
    const { guid, ...rest } = body as Record<string, unknown>;
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    return rest;
  };

  test.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const reply = await server.call(row.method, row.path, row.body, row.headers);
    expect({ status: reply.status, body: reply.body }).toMatchObject({ status: row.status });
    expect(reply.headers.get('content-type')).toBe('application/vnd.schemaregistry.v1+json');
    // Schema answers also carry the schema's GUID (checked in test/unit/registry/client.test.ts).
    if (row.equal !== undefined) expect(withoutGuid(reply.body)).toEqual(row.equal);
    if (row.match !== undefined) expect(reply.body).toMatchObject(row.match);
    if (row.text !== undefined) expect(reply.text).toBe(row.text);
    if (row.code !== undefined) {
      expect(reply.body).toEqual({ error_code: row.code, message: expect.any(String) });
    }
    if (reply.status >= 400) {
      // Errors never leak a stack trace.
      expect(reply.text).not.toMatch(/\n\s+at /);
    }
    if (row.path.includes('verbose=true') && row.status === 200) {
      expect((reply.body as { messages: string[] }).messages.length).toBeGreaterThan(0);
    }
  });
});
