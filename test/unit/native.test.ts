import * as fs from 'node:fs';

import { librdkafkaFeatures, librdkafkaVersion } from '../../src';
import { native, nodeRdkafka } from '../../src/native';

describe('one librdkafka, with every feature', () => {
  it('node-rdkafka and our addon report the same librdkafka version', () => {
    const theirs = nodeRdkafka().librdkafkaVersion;
    expect(librdkafkaVersion()).toBe(theirs);
    expect(native().librdkafkaVersion().version).toMatch(/^2\.\d+\.\d+/);
  });

  it('maps exactly one librdkafka shared library into the process', () => {
    native();
    const files = new Set(
      fs
        .readFileSync('/proc/self/maps', 'utf8')
        .split('\n')
        .map((line) => line.trim().split(/\s+/).slice(5).join(' '))
        .filter((file) => /\/librdkafka\.so(\.\d+)*$/.test(file)),
    );
    expect([...files]).toHaveLength(1);
    const ours = fs.readFileSync('/proc/self/maps', 'utf8').includes('simple_kafka.node');
    expect(ours).toBe(true);
  });

  it('was built with compression, TLS and every SASL mechanism', () => {
    const required = ['gzip', 'snappy', 'lz4', 'zstd', 'ssl', 'sasl_plain', 'sasl_scram', 'sasl_gssapi', 'sasl_oauthbearer'];
    const features = librdkafkaFeatures();
    for (const feature of required) expect(features).toContain(feature);
    expect([...features].sort()).toEqual([...nodeRdkafka().features].sort());
  });

  it('names librdkafka error codes', () => {
    expect(native().errorInfo(29)).toEqual({ name: 'TOPIC_AUTHORIZATION_FAILED', description: 'Broker: Topic authorization failed' });
    expect(native().errorInfo(-185).name).toBe('_TIMED_OUT');
  });
});
