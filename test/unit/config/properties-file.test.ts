import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { formatProperties, loadProperties, parseProperties } from '../../../src/config/properties-file';
import { validateConfig } from '../../../src/config/validate';
import { ConfigError } from '../../../src/errors';

describe('parseProperties (java.util.Properties format)', () => {
  it.each([
    ['key=value', { key: 'value' }],
    ['key = value', { key: 'value' }],
    ['key:value', { key: 'value' }],
    ['key value', { key: 'value' }],
    ['   key   =   value with trailing space ', { key: 'value with trailing space ' }],
    ['# comment\n! also a comment\n\n  # indented comment\nk=v', { k: 'v' }],
    ['k=v # not a comment', { k: 'v # not a comment' }],
    ['empty=\nbare', { empty: '', bare: '' }],
    ['a=1\na=2', { a: '2' }],
    ['key\\ with\\ spaces = v', { 'key with spaces': 'v' }],
    ['a\\=b = c', { 'a=b': 'c' }],
    ['a\\:b:c', { 'a:b': 'c' }],
    ['tab=a\\tb\\nc', { tab: 'a\tb\nc' }],
    ['unicode=caf\\u00e9 \\u2713', { unicode: 'café ✓' }],
    ['path=C:\\\\kafka\\\\ca.pem', { path: 'C:\\kafka\\ca.pem' }],
    ['other=\\q\\#', { other: 'q#' }],
    ['fruits  apple, banana, \\\n     pear, \\\n     kiwi', { fruits: 'apple, banana, pear, kiwi' }],
    ['even=ends with backslash\\\\\nnext=line', { even: 'ends with backslash\\', next: 'line' }],
    ['k=v\\', { k: 'v' }],
    ['crlf=1\r\nlf=2\rcr=3', { crlf: '1', lf: '2', cr: '3' }],
    ['\uFEFFbom=yes', { bom: 'yes' }],
    [
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n    username="alice" \\\n    password="alice-secret";',
      { 'sasl.jaas.config': 'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";' },
    ],
  ])('%j', (text, expected) => {
    expect(parseProperties(text)).toEqual(expected);
  });

  it('rejects a malformed \\u escape with its line number', () => {
    expect(() => parseProperties('ok=1\nbad=\\u12g4')).toThrow(ConfigError);
    expect(() => parseProperties('ok=1\nbad=\\u12g4')).toThrow(/line 2/);
  });
});

describe('loadProperties', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sk-props-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads a Java client.properties that then validates, translated', () => {
    const file = path.join(dir, 'client.properties');
    fs.writeFileSync(
      file,
      [
        '# Confluent Cloud style client.properties',
        'bootstrap.servers=pkc-1.example.com:9092',
        'security.protocol=SASL_SSL',
        'sasl.mechanism=PLAIN',
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="KEY" password="SECRET";',
        'client.dns.lookup=use_all_dns_ips',
        'session.timeout.ms=45000',
        'acks=all',
        'enable.idempotence=true',
        'linger.ms=5',
        '',
      ].join('\n'),
    );
    const config = loadProperties(file);
    expect(config['acks']).toBe('all');
    const r = validateConfig(config, { role: 'producer', features: ['ssl', 'sasl', 'sasl_plain'] });
    expect(r.issues.map((i) => i.path)).toEqual(['session.timeout.ms']);
    expect(r.normalized).toMatchObject({ 'sasl.username': 'KEY', 'sasl.password': 'SECRET', 'sasl.mechanism': 'PLAIN' });
    expect(r.normalized['sasl.jaas.config']).toBeUndefined();
  });

  it('throws ConfigError naming the file when it cannot be read', () => {
    const missing = path.join(dir, 'missing.properties');
    expect(() => loadProperties(missing)).toThrow(ConfigError);
    expect(() => loadProperties(missing)).toThrow(`the properties file ${missing} does not exist`);
    expect(() => loadProperties(dir)).toThrow(/is a directory/);
  });
});

describe('formatProperties', () => {
  it('round-trips through parseProperties, leaving out callbacks and objects', () => {
    const config = {
      'bootstrap.servers': 'a:1,b:2',
      'sasl.jaas.config': 'x.PlainLoginModule required username="a b" password="p=1:2#3\\\\4";',
      ' odd key=:': ' leading space, trailing space ',
      '#hash': '!bang',
      unicode: 'café ✓\ttab\nnewline',
      'linger.ms': 5,
      'enable.idempotence': true,
      error_cb: () => undefined,
      'value.serializer': { serialize: () => undefined },
      nothing: undefined,
    };
    const text = formatProperties(config, 'generated\nby a test');
    expect(text.startsWith('# generated\n# by a test\n')).toBe(true);
    expect(parseProperties(text)).toEqual({
      'bootstrap.servers': 'a:1,b:2',
      'sasl.jaas.config': 'x.PlainLoginModule required username="a b" password="p=1:2#3\\\\4";',
      ' odd key=:': ' leading space, trailing space ',
      '#hash': '!bang',
      unicode: 'café ✓\ttab\nnewline',
      'linger.ms': '5',
      'enable.idempotence': 'true',
    });
  });
});
