import {
  AuthorizationError,
  ConfigError,
  DeserializationError,
  KafkaClientError,
  KafkaError,
  ProduceError,
  QueueFullError,
  SchemaRegistryError,
  SerializationError,
  StateError,
  TimeoutError,
} from '../../src';
import { fromNativeError, kafkaErrorFromCode } from '../../src/native';

describe('error hierarchy', () => {
  it('gives every error a stable code and the right class chain', () => {
    const rows: Array<[KafkaClientError, string, Array<abstract new (...args: never[]) => unknown>]> = [
      [new ConfigError([{ path: 'acks', message: 'must be one of -1, 0, 1, all', severity: 'error' }]), 'ERR_CONFIG', [ConfigError]],
      [new QueueFullError(), 'ERR_QUEUE_FULL', [QueueFullError]],
      [new TimeoutError('flush timed out'), 'ERR_TIMEOUT', [TimeoutError]],
      [new StateError('closed'), 'ERR_STATE', [StateError]],
      [new SchemaRegistryError(404, 40401, 'Subject not found'), 'ERR_SCHEMA_REGISTRY', [SchemaRegistryError]],
      [new SerializationError({ field: 'value', topic: 't', reason: 'bad' }), 'ERR_SERIALIZATION', [SerializationError]],
      [new DeserializationError({ field: 'key', topic: 't', partition: 0, offset: 5, reason: 'bad magic' }), 'ERR_DESERIALIZATION', [SerializationError, DeserializationError]],
    ];
    for (const [err, code, classes] of rows) {
      expect(err).toBeInstanceOf(Error);
      expect(err).toBeInstanceOf(KafkaClientError);
      for (const cls of classes) expect(err).toBeInstanceOf(cls);
      expect(err.code).toBe(code);
      expect(err.name).toBe(err.constructor.name);
    }
  });

  it('lists every config issue with its key', () => {
    const err = new ConfigError([
      { path: 'acks', message: 'must be one of -1, 0, 1, all', severity: 'error' },
      { path: 'ssl.key.location', message: 'is set but ssl.certificate.location is not', fix: 'set both or neither', severity: 'error' },
      { path: 'sasl.mechanism', message: 'PLAIN over SASL_PLAINTEXT sends the password in clear', severity: 'warning' },
    ]);
    expect(err.issues).toHaveLength(3);
    expect(err.message).toContain('2 issues');
    expect(err.message).toContain('acks: must be one of');
    expect(err.message).toContain('ssl.key.location: is set but ssl.certificate.location is not (set both or neither)');
  });

  it('maps librdkafka codes to typed errors with names', () => {
    const authz = kafkaErrorFromCode(29, 'send to orders');
    expect(authz).toBeInstanceOf(AuthorizationError);
    expect(authz.kafkaName).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(authz.message).toBe('send to orders: Broker: Topic authorization failed (TOPIC_AUTHORIZATION_FAILED)');
    const timeout = kafkaErrorFromCode(-192, 'delivery', { produce: true, retriable: true });
    expect(timeout).toBeInstanceOf(ProduceError);
    expect(timeout).toBeInstanceOf(KafkaError);
    expect(timeout.errno).toBe(-192);
    expect(timeout.kafkaName).toBe('_MSG_TIMED_OUT');
    expect(timeout.retriable).toBe(true);
  });

  it('wraps errors thrown by the addon', () => {
    expect(fromNativeError(Object.assign(new Error('not running'), { code: 'ERR_STATE' }), 'x')).toBeInstanceOf(StateError);
    const k = fromNativeError(Object.assign(new Error('exists'), { code: 'ERR_KAFKA', errno: 36 }), 'createTopic');
    expect(k).toBeInstanceOf(KafkaError);
    expect((k as KafkaError).kafkaName).toBe('TOPIC_ALREADY_EXISTS');
  });
});
