import { MessageField, SerializationContext } from '../../../src/serde/context';
import { recordNameStrategy, resolveSubjectNameStrategy, topicNameStrategy, topicRecordNameStrategy } from '../../../src/serde/strategies';
import { ConfigError, SerializationError } from '../../../src/errors';

const key = new SerializationContext('orders', MessageField.KEY);
const value = new SerializationContext('orders', MessageField.VALUE, [['h', Buffer.from('x')]]);

describe('subject name strategies', () => {
  it.each([
    ['topicNameStrategy', topicNameStrategy, key, 'com.x.Order', 'orders-key'],
    ['topicNameStrategy', topicNameStrategy, value, null, 'orders-value'],
    ['recordNameStrategy', recordNameStrategy, value, 'com.x.Order', 'com.x.Order'],
    ['topicRecordNameStrategy', topicRecordNameStrategy, key, 'com.x.Order', 'orders-com.x.Order'],
  ] as const)('%s(%o, %p) = %p', (_n, strategy, ctx, recordName, subject) => {
    expect(strategy(ctx, recordName)).toBe(subject);
  });

  it('record strategies need a named schema', () => {
    expect(() => recordNameStrategy(value, null)).toThrow(SerializationError);
    expect(() => topicRecordNameStrategy(value, null)).toThrow(/needs a named schema/);
  });

  it.each([
    [undefined, 'orders-value'],
    ['TOPIC', 'orders-value'],
    ['RECORD', 'a.B'],
    ['TOPIC_RECORD', 'orders-a.B'],
    ['TopicRecordNameStrategy', 'orders-a.B'],
    ['io.confluent.kafka.serializers.subject.RecordNameStrategy', 'a.B'],
  ])('resolves %p', (setting, subject) => {
    expect(resolveSubjectNameStrategy(setting)(value, 'a.B')).toBe(subject);
  });

  it('accepts a function and refuses anything else', () => {
    expect(resolveSubjectNameStrategy((ctx: SerializationContext) => `x-${ctx.topic}`)(value, null)).toBe('x-orders');
    expect(() => resolveSubjectNameStrategy('BY_MOOD')).toThrow(ConfigError);
    expect(() => resolveSubjectNameStrategy(42)).toThrow(/subject.name.strategy/);
  });

  it('the context carries topic, field, headers and the consumed position', () => {
    const c = new SerializationContext('t', MessageField.VALUE, { a: 'b' }, { partition: 1, offset: 10n });
    expect(c).toMatchObject({ topic: 't', field: 'value', headers: { a: 'b' }, partition: 1, offset: 10n });
    expect(MessageField).toEqual({ KEY: 'key', VALUE: 'value' });
  });
});
