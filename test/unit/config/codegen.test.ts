import * as fs from 'node:fs';
import * as path from 'node:path';

import { CONFIG_PROPERTIES, LIBRDKAFKA_CONFIG_VERSION } from '../../../src/config/generated';

interface Codegen {
  generate(): string;
  parseConfigurationMd(markdown: string): Array<Record<string, unknown>>;
  SOURCE: string;
  OUTPUT: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const codegen = require('../../../scripts/codegen/config.js') as Codegen;

describe('generated config (scripts/codegen/config.js)', () => {
  it('src/config/generated.ts is up to date with CONFIGURATION.md (run `npm run codegen` if this fails)', () => {
    const onDisk = fs.readFileSync(codegen.OUTPUT, 'utf8');
    expect(onDisk === codegen.generate()).toBe(true);
  });

  it('says it is generated at the top', () => {
    const head = fs.readFileSync(codegen.OUTPUT, 'utf8').split('\n')[0];
    expect(head).toMatch(/generated — do not edit/);
  });

  it('has every property row of CONFIGURATION.md', () => {
    const md = fs.readFileSync(codegen.SOURCE, 'utf8');
    const rows = md.split('\n').filter((l) => /^[a-z_.]+[a-z0-9_.]*\s+\|\s+[CP*]\s+\|/.test(l));
    expect(CONFIG_PROPERTIES).toHaveLength(rows.length);
    expect(LIBRDKAFKA_CONFIG_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    ['security.protocol', { type: 'enum', role: 'both', values: ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'], default: 'plaintext', importance: 'high' }],
    ['acks', { type: 'integer', role: 'producer', min: -1, max: 1000, aliasOf: 'request.required.acks', words: { all: -1 }, scope: 'topic' }],
    ['enable.idempotence', { type: 'boolean', role: 'producer', default: false }],
    ['group.id', { type: 'string', role: 'consumer', importance: 'high' }],
    ['linger.ms', { type: 'float', aliasOf: 'queue.buffering.max.ms', min: 0, max: 900000, default: 5 }],
    ['debug', { type: 'flags', role: 'both' }],
    ['error_cb', { type: 'pointer' }],
    ['sasl.kerberos.kinit.cmd', { type: 'string', default: 'kinit -R -t "%{sasl.kerberos.keytab}" -k %{sasl.kerberos.principal} || kinit -t "%{sasl.kerberos.keytab}" -k %{sasl.kerberos.principal}' }],
    ['topic.metadata.refresh.fast.cnt', { deprecated: true }],
  ])('%s is parsed with its type, range, enum, default and role', (name, expected) => {
    const spec = CONFIG_PROPERTIES.find((p) => p.name === name);
    expect(spec).toMatchObject(expected);
    expect(spec?.description.length).toBeGreaterThan(5);
  });

  it('keeps topic-scope duplicates with their own values (compression.codec has "inherit" only at topic level)', () => {
    const codecs = CONFIG_PROPERTIES.filter((p) => p.name === 'compression.codec');
    expect(codecs.map((c) => c.scope)).toEqual(['global', 'topic']);
    expect(codecs[1].values).toContain('inherit');
    expect(codecs[0].values).not.toContain('inherit');
  });

  it('rejects a CONFIGURATION.md it cannot understand instead of generating garbage', () => {
    expect(() => codegen.parseConfigurationMd('# nothing here\n')).toThrow(/properties parsed/);
    const bad = '## Global configuration properties\n\nProperty | C/P | Range | Default | Importance | Description\n-----|---|---|---|---|---\nfoo | X | | | low | Foo <br>*Type: string*\n';
    expect(() => codegen.parseConfigurationMd(bad)).toThrow(/C\/P/);
  });

  it('the typed interface accepts numbers, numeric strings and enum values in either case', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../src/config/generated.ts'), 'utf8');
    expect(text).toContain('"acks"?: number | `${number}` | "all";');
    expect(text).toContain('"enable.idempotence"?: boolean | \'true\' | \'false\';');
    expect(text).toMatch(/"security\.protocol"\?: "plaintext" \| "PLAINTEXT" \| "ssl" \| "SSL"/);
  });
});
