/**
 * Canonical schema texts: what counts as "the same schema" (same id), and
 * what the registry serves back.
 */
import { canonicalAvro } from '../../../src/registry-server';
import { identityText, prepareSchema } from '../../../src/registry-server/schemas';

const none = () => undefined;
const canon = (s: unknown, normalize = false) => JSON.stringify(canonicalAvro(s, normalize));

describe('canonicalAvro', () => {
  it.each([
    ['a primitive object becomes its name', { type: 'string' }, '"string"'],
    ['a primitive with a logical type keeps its properties', { logicalType: 'date', type: 'int' }, '{"type":"int","logicalType":"date"}'],
    [
      'record keys in Avro order, field defaults kept',
      { fields: [{ default: 0, type: 'int', name: 'a', doc: 'd' }], namespace: 'n', name: 'R', type: 'record' },
      '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"int","doc":"d","default":0}]}',
    ],
    ['a dotted name is split', { type: 'record', name: 'n.R', fields: [] }, '{"type":"record","name":"R","namespace":"n","fields":[]}'],
    [
      'a nested type in the same namespace is written short',
      { type: 'record', name: 'n.R', fields: [{ name: 'e', type: { type: 'enum', name: 'n.E', symbols: ['A'] } }, { name: 'f', type: 'n.E' }] },
      '{"type":"record","name":"R","namespace":"n","fields":[{"name":"e","type":{"type":"enum","name":"E","symbols":["A"]}},{"name":"f","type":"E"}]}',
    ],
    ['ascending order is the default and dropped', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', order: 'ascending' }] }, '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}'],
    ['unions and arrays', { type: 'array', items: ['null', { type: 'map', values: 'long' }] }, '{"type":"array","items":["null",{"type":"map","values":"long"}]}'],
  ])('%s', (_name, input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('normalize writes full names and sorts extra properties', () => {
    expect(canon({ type: 'record', name: 'R', namespace: 'n', zz: 1, aa: 2, fields: [{ name: 'f', type: 'R' }] }, true)).toBe(
      '{"type":"record","name":"n.R","fields":[{"name":"f","type":"n.R"}],"aa":2,"zz":1}',
    );
  });
});

describe('identity: which texts are the same schema', () => {
  const id = (s: unknown) => {
    const p = prepareSchema({ schema: JSON.stringify(s), schemaType: 'AVRO', references: [] }, none, false);
    if (!p.ok) throw new Error(p.error.message);
    return identityText('AVRO', p.schema);
  };
  it.each([
    ['namespace attribute vs dotted name', { type: 'record', name: 'R', namespace: 'n', fields: [] }, { type: 'record', name: 'n.R', fields: [] }, true],
    ['key order', { type: 'enum', name: 'E', symbols: ['A'] }, { symbols: ['A'], name: 'E', type: 'enum' }, true],
    ['{"type":"int"} vs "int"', { type: 'int' }, 'int', true],
    ['different field type', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }, { type: 'record', name: 'R', fields: [{ name: 'a', type: 'long' }] }, false],
    ['different doc', { type: 'record', name: 'R', doc: 'x', fields: [] }, { type: 'record', name: 'R', doc: 'y', fields: [] }, false],
  ])('%s → same=%s', (_name, a, b, same) => {
    expect(id(a) === id(b)).toBe(same);
  });
});

describe('prepareSchema', () => {
  it.each([
    ['AVRO', '{"type":"recurd"}', 42201],
    ['AVRO', 'not json', 42201],
    ['AVRO', '{"type":"record","name":"R","fields":[{"name":"a","type":"Missing"}]}', 42201],
    ['JSON', '"a string"', 42201],
    ['JSON', '{', 42201],
    ['PROTOBUF', '   ', 42201],
  ] as const)('%s %s → %i', (schemaType, schema, code) => {
    const p = prepareSchema({ schema, schemaType, references: [] }, none, false);
    expect(p).toMatchObject({ ok: false, error: { status: 422, errorCode: code } });
  });

  it('resolves references before validating', () => {
    const address = { schema: '{"type":"record","name":"A","namespace":"x","fields":[]}', schemaType: 'AVRO' as const, references: [] };
    const p = prepareSchema(
      { schema: '{"type":"record","name":"U","namespace":"x","fields":[{"name":"a","type":"x.A"}]}', schemaType: 'AVRO', references: [{ name: 'x.A', subject: 'a', version: 1 }] },
      (ref) => (ref.subject === 'a' && ref.version === 1 ? address : undefined),
      false,
    );
    expect(p).toEqual({ ok: true, schema: '{"type":"record","name":"U","namespace":"x","fields":[{"name":"a","type":"A"}]}' });
  });
});
