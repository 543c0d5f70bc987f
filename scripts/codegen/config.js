#!/usr/bin/env node
/**
 * Generates src/config/generated.ts from librdkafka's CONFIGURATION.md (the
 * copy node-rdkafka ships in deps/librdkafka), so the typed config, the ranges,
 * enums, defaults and roles that validateConfig() checks always match the
 * librdkafka actually built.
 *
 *   node scripts/codegen/config.js           write src/config/generated.ts
 *   node scripts/codegen/config.js --check   exit 1 when the file is stale
 *
 * The unit test test/unit/config/codegen.test.ts calls generate() in memory
 * and compares it with the file on disk.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'node_modules', 'node-rdkafka', 'deps', 'librdkafka', 'CONFIGURATION.md');
const SOURCE_LABEL = 'node_modules/node-rdkafka/deps/librdkafka/CONFIGURATION.md';
const OUTPUT = path.join(ROOT, 'src', 'config', 'generated.ts');

/**
 * Words some integer properties accept besides numbers. CONFIGURATION.md does
 * not list them; they come from the `.s2i` tables of integer properties in
 * librdkafka's src/rdkafka_conf.c (only `request.required.acks` has one).
 */
const INTEGER_WORDS = {
  'request.required.acks': { all: -1 },
};

const TYPES = {
  'string': 'string',
  'integer': 'integer',
  'float': 'float',
  'boolean': 'boolean',
  'enum value': 'enum',
  'CSV flags': 'flags',
  'pattern list': 'pattern',
  'see dedicated API': 'pointer',
};

const ROLES = { 'P': 'producer', 'C': 'consumer', '*': 'both' };

/** Splits a markdown table row on `|` that is not escaped as `\|`, and unescapes the cells. */
function splitRow(line) {
  const cells = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function parseNumber(text, type) {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  if (type === 'integer' && !Number.isInteger(n)) throw new Error(`not an integer: ${text}`);
  return n;
}

/**
 * Parses CONFIGURATION.md into one record per (scope, property) row.
 *
 * @param {string} markdown
 */
function parseConfigurationMd(markdown) {
  const props = [];
  let scope;
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (/^## Global configuration properties/.test(line)) { scope = 'global'; continue; }
    if (/^## Topic configuration properties/.test(line)) { scope = 'topic'; continue; }
    if (/^#/.test(line)) { scope = undefined; continue; } // any other heading ends the tables (e.g. the C/P legend)
    if (!scope || !line.includes('|')) continue;
    if (/^Property\s*\|/.test(line) || /^-+\|/.test(line)) continue;
    const cells = splitRow(line);
    if (cells.length < 6) throw new Error(`malformed row: ${line}`);
    const [name, cp, range, def, importance] = cells;
    const descCell = cells.slice(5).join('|');
    const typeMatch = /<br>\*Type: ([^*]+)\*\s*$/.exec(descCell);
    if (!typeMatch) throw new Error(`no type for ${name}`);
    const type = TYPES[typeMatch[1].trim()];
    if (!type) throw new Error(`unknown type "${typeMatch[1]}" for ${name}`);
    const role = ROLES[cp];
    if (!role) throw new Error(`unknown C/P "${cp}" for ${name}`);
    let description = descCell.slice(0, typeMatch.index).trim();
    const spec = { name, scope, role, type, importance };
    const alias = /^(?:\*\*DEPRECATED\*\* )?Alias for `([^`]+)`: /.exec(description);
    if (alias) spec.aliasOf = alias[1];
    if (description.includes('**DEPRECATED**')) spec.deprecated = true;
    if (description.includes('**EXPERIMENTAL**')) spec.experimental = true;
    if (range) {
      const m = /^(-?[\d.]+(?:e[+-]?\d+)?) \.\. (-?[\d.]+(?:e[+-]?\d+)?)$/i.exec(range);
      if (m && (type === 'integer' || type === 'float')) {
        spec.min = parseNumber(m[1], type);
        spec.max = parseNumber(m[2], type);
      } else if (type === 'enum' || type === 'flags') {
        spec.values = range.split(',').map((v) => v.trim()).filter(Boolean);
      } else if (type !== 'boolean') {
        throw new Error(`unexpected range "${range}" for ${type} ${name}`);
      }
    }
    if (INTEGER_WORDS[spec.aliasOf ?? name]) spec.words = INTEGER_WORDS[spec.aliasOf ?? name];
    if (def !== '') {
      if (type === 'integer' || type === 'float') spec.default = parseNumber(def, type);
      else if (type === 'boolean') spec.default = def === 'true';
      else spec.default = def;
    }
    spec.description = description;
    props.push(spec);
  }
  if (props.length < 100) throw new Error(`only ${props.length} properties parsed; has CONFIGURATION.md changed format?`);
  return props;
}

function literal(value) {
  return JSON.stringify(value);
}

/** The TypeScript type a user may write for one property row. */
function tsType(spec) {
  switch (spec.type) {
    case 'integer':
    case 'float': {
      const words = Object.keys(spec.words ?? {}).map(literal);
      return ['number', '`${number}`', ...words].join(' | ');
    }
    case 'boolean':
      return "boolean | 'true' | 'false'";
    case 'enum': {
      const all = new Set();
      for (const v of spec.values ?? []) {
        all.add(v);
        all.add(v.toUpperCase());
      }
      return [...all].map(literal).join(' | ');
    }
    case 'pointer':
      return 'unknown';
    default:
      return 'string';
  }
}

function docComment(spec, indent) {
  const lines = [];
  const text = spec.description.replace(/\*\//g, '*\\/').replace(/<br>/g, ' ');
  lines.push(text);
  const facts = [`role: ${spec.role}`, `importance: ${spec.importance}`];
  if (spec.min !== undefined) facts.push(`range: ${spec.min} .. ${spec.max}`);
  if (spec.default !== undefined) facts.push(`default: ${spec.default}`);
  if (spec.scope === 'topic') facts.push('topic-level');
  lines.push('', facts.join(' · '));
  if (spec.deprecated) lines.push('', '@deprecated see librdkafka CONFIGURATION.md');
  return [`${indent}/**`, ...lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`), `${indent} */`].join('\n');
}

/** Renders src/config/generated.ts. */
function render(props, librdkafkaVersion) {
  const byName = new Map();
  for (const p of props) {
    const prev = byName.get(p.name);
    const parts = tsType(p).split(' | ');
    if (!prev) byName.set(p.name, { first: p, types: new Set(parts) });
    else for (const t of parts) prev.types.add(t);
  }
  const out = [];
  out.push('// generated — do not edit.');
  out.push(`// Source: ${SOURCE_LABEL} (librdkafka ${librdkafkaVersion}).`);
  out.push('// Regenerate with `npm run codegen` (node scripts/codegen/config.js); a unit test fails when this file is stale.');
  out.push('');
  out.push('/** The librdkafka version whose CONFIGURATION.md this file was generated from. */');
  out.push(`export const LIBRDKAFKA_CONFIG_VERSION = ${literal(librdkafkaVersion)};`);
  out.push('');
  out.push('/** How librdkafka parses a property value. `pointer` properties are set through a dedicated API (callbacks, opaque). */');
  out.push("export type ConfigPropertyType = 'string' | 'integer' | 'float' | 'boolean' | 'enum' | 'flags' | 'pattern' | 'pointer';");
  out.push('');
  out.push('/** Which client a property applies to (CONFIGURATION.md column C/P: C consumer, P producer, * both). */');
  out.push("export type ConfigPropertyRole = 'producer' | 'consumer' | 'both';");
  out.push('');
  out.push('/** One row of librdkafka\'s CONFIGURATION.md. */');
  out.push('export interface ConfigPropertySpec {');
  out.push('  /** The dotted librdkafka name. */');
  out.push('  readonly name: string;');
  out.push("  /** `global` (rd_kafka_conf_t) or `topic` (rd_kafka_topic_conf_t, also settable on the global config). */");
  out.push("  readonly scope: 'global' | 'topic';");
  out.push('  readonly role: ConfigPropertyRole;');
  out.push('  readonly type: ConfigPropertyType;');
  out.push("  readonly importance: 'low' | 'medium' | 'high';");
  out.push('  /** The property this one is an alias for. */');
  out.push('  readonly aliasOf?: string;');
  out.push('  readonly deprecated?: boolean;');
  out.push('  readonly experimental?: boolean;');
  out.push('  /** Inclusive range of `integer` and `float` properties. */');
  out.push('  readonly min?: number;');
  out.push('  readonly max?: number;');
  out.push('  /** Allowed values of `enum` and `flags` properties (librdkafka compares them case-insensitively). */');
  out.push('  readonly values?: readonly string[];');
  out.push('  /** Words an `integer` property accepts besides numbers, e.g. `acks=all` (-1). */');
  out.push('  readonly words?: Readonly<Record<string, number>>;');
  out.push('  readonly default?: string | number | boolean;');
  out.push('  readonly description: string;');
  out.push('}');
  out.push('');
  out.push('/** Every property of CONFIGURATION.md, global ones first, in the order of the file. */');
  out.push('export const CONFIG_PROPERTIES: readonly ConfigPropertySpec[] = [');
  for (const p of props) out.push(`  ${JSON.stringify(p)},`);
  out.push('];');
  out.push('');
  out.push('/**');
  out.push(' * Every librdkafka property with the type a user may write: numbers and booleans');
  out.push(' * also as the strings librdkafka accepts ("100", "true"), enums in either case.');
  out.push(' */');
  out.push('export interface LibrdkafkaProperties {');
  for (const [name, { first, types }] of byName) {
    out.push(docComment(first, '  '));
    out.push(`  ${literal(name)}?: ${[...types].join(' | ')};`);
  }
  out.push('}');
  out.push('');
  return out.join('\n');
}

/** The generated file's text, from the CONFIGURATION.md on disk. */
function generate(sourceFile = SOURCE) {
  const markdown = fs.readFileSync(sourceFile, 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'node-rdkafka', 'package.json'), 'utf8'));
  return render(parseConfigurationMd(markdown), pkg.librdkafka ?? 'unknown');
}

module.exports = { parseConfigurationMd, render, generate, SOURCE, OUTPUT };

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(ROOT, OUTPUT)} is stale: run \`npm run codegen\``);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUTPUT)} is up to date`);
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${path.relative(ROOT, OUTPUT)}`);
  }
}
