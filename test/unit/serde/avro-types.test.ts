import { parseAvroType, MAX_ZERO_WIDTH_ITEMS } from '../../../src/serde/avro-types';

describe('parseAvroType: natural values for logical types', () => {
  const schema = {
    type: 'record',
    name: 'Event',
    namespace: 'test',
    fields: [
      { name: 'tsMillis', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'tsMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'tMillis', type: { type: 'int', logicalType: 'time-millis' } },
      { name: 'tMicros', type: { type: 'long', logicalType: 'time-micros' } },
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      { name: 'fixedAmount', type: { type: 'fixed', name: 'Amount8', size: 8, logicalType: 'decimal', precision: 18, scale: 4 } },
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
      { name: 'maybeTs', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }] },
      { name: 'big', type: 'long' },
      { name: 'maybeBig', type: ['null', 'long'] },
    ],
  };
  const type = parseAvroType(schema);

  it('round-trips every logical type to the value a user expects', () => {
    const value = {
      tsMillis: new Date('2024-03-01T12:34:56.789Z'),
      tsMicros: new Date('2024-03-01T12:34:56.789Z'),
      day: new Date('2024-03-01T00:00:00Z'),
      tMillis: '12:34:56.789',
      tMicros: '23:59:59.999999',
      amount: '-1234.50',
      fixedAmount: '99999999999999.9999',
      id: '123e4567-e89b-12d3-a456-426614174000',
      maybeTs: new Date(0),
      big: 2n ** 62n,
      maybeBig: -(2n ** 63n),
    };
    const out = type.fromBuffer(type.toBuffer(value));
    expect({ ...out }).toEqual({ ...value });
  });

  it('accepts raw underlying values and convenient spellings', () => {
    const out = type.fromBuffer(
      type.toBuffer({
        tsMillis: 1000,
        tsMicros: 1_000_000n,
        day: '1970-01-02',
        tMillis: 1,
        tMicros: '00:00:01',
        amount: 3,
        fixedAmount: '-0.5',
        id: '00000000-0000-0000-0000-000000000000',
        maybeTs: null,
        big: 5,
        maybeBig: 7,
      }),
    );
    expect(out.tsMillis).toEqual(new Date(1000));
    expect(out.tsMicros).toEqual(new Date(1000));
    expect(out.day).toEqual(new Date('1970-01-02T00:00:00Z'));
    expect(out.tMillis).toBe('00:00:00.001');
    expect(out.tMicros).toBe('00:00:01.000000');
    expect(out.amount).toBe('3.00');
    expect(out.fixedAmount).toBe('-0.5000');
    expect(out.maybeTs).toBeNull();
    expect(out.big).toBe(5);
  });

  it.each([
    ['amount', '1.234', 'more fraction digits than scale'],
    ['amount', '123456789.00', 'more digits than precision'],
    ['id', 'not-a-uuid', 'not a uuid'],
    ['day', '2024-02-30', 'no such date'],
    ['tMillis', '25:00:00', 'hour out of range'],
    ['tsMillis', new Date(NaN), 'invalid Date'],
  ])('rejects %s = %p (%s)', (field, bad, _why) => {
    const ok = {
      tsMillis: 0, tsMicros: 0, day: 0, tMillis: 0, tMicros: 0, amount: '0', fixedAmount: '0',
      id: '00000000-0000-0000-0000-000000000000', maybeTs: null, big: 0, maybeBig: null,
    };
    expect(() => type.toBuffer({ ...ok, [field]: bad })).toThrow();
  });
});

describe('parseAvroType: hostile block counts', () => {
  it('stops an array of nulls claiming 2^62 items', () => {
    const t = parseAvroType({ type: 'array', items: 'null' });
    // count = 2^62 as a zigzag varint, then nothing.
    const buf = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    expect(() => t.fromBuffer(buf)).toThrow(String(MAX_ZERO_WIDTH_ITEMS));
  });
  it(`reads up to ${MAX_ZERO_WIDTH_ITEMS} zero-width items per message, and refuses more`, () => {
    const t = parseAvroType({ type: 'array', items: { type: 'record', name: 'Empty', fields: [] } });
    const ok = t.fromBuffer(t.toBuffer(Array.from({ length: MAX_ZERO_WIDTH_ITEMS }, () => ({}))));
    expect(ok).toHaveLength(MAX_ZERO_WIDTH_ITEMS);
    expect(() => t.fromBuffer(t.toBuffer(Array.from({ length: MAX_ZERO_WIDTH_ITEMS + 1 }, () => ({}))))).toThrow(/zero-width/);
  });
  it('stops an array of ints claiming far more items than bytes', () => {
    const t = parseAvroType({ type: 'array', items: 'int' });
    const buf = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f, 0x02]);
    expect(() => t.fromBuffer(buf)).toThrow('truncated');
  });
  it('stops a map claiming far more entries than bytes', () => {
    const t = parseAvroType({ type: 'map', values: 'null' });
    const buf = Buffer.from([0xfe, 0xff, 0xff, 0xff, 0x0f, 0x02, 0x61]);
    expect(() => t.fromBuffer(buf)).toThrow('truncated');
  });
  it('does not walk backwards on a negative block size while skipping', () => {
    const writer = parseAvroType({ type: 'record', name: 'R', fields: [{ name: 'xs', type: { type: 'array', items: 'int' } }, { name: 'a', type: 'int' }] });
    const reader = parseAvroType({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
    const resolver = reader.createResolver(writer);
    // block count -1 (0x01), block size -5 (0x09)
    const buf = Buffer.from([0x01, 0x09, 0x02, 0x00, 0x02]);
    expect(() => reader.fromBuffer(buf, resolver)).toThrow('truncated');
  });
});
