/**
 * Lookups over the generated librdkafka property table, and value checks that
 * accept exactly what librdkafka's `rd_kafka_conf_set()` accepts.
 *
 * @packageDocumentation
 */
import { CONFIG_PROPERTIES, type ConfigPropertySpec } from './generated';
import type { ClientRole } from './types';

const BY_NAME = new Map<string, ConfigPropertySpec>();
const TOPIC_BY_NAME = new Map<string, ConfigPropertySpec>();
for (const spec of CONFIG_PROPERTIES) {
  if (spec.scope === 'global' || !BY_NAME.has(spec.name)) BY_NAME.set(spec.name, spec);
  if (spec.scope === 'topic') TOPIC_BY_NAME.set(spec.name, spec);
}

/** Canonical name → every name for it (itself and its aliases). */
const ALIASES = new Map<string, string[]>();
for (const spec of BY_NAME.values()) {
  const canonical = spec.aliasOf ?? spec.name;
  const names = ALIASES.get(canonical) ?? [canonical];
  if (!names.includes(spec.name)) names.push(spec.name);
  ALIASES.set(canonical, names);
}

/** The librdkafka property called `name` (global scope first), or undefined. */
export function propertySpec(name: string): ConfigPropertySpec | undefined {
  return BY_NAME.get(name);
}

/** The name an alias stands for (`acks` → `request.required.acks`); other names unchanged. */
export function canonicalName(name: string): string {
  return BY_NAME.get(name)?.aliasOf ?? name;
}

/** Every name of a property: the canonical one first, then its aliases. */
export function namesOf(name: string): readonly string[] {
  const canonical = canonicalName(name);
  return ALIASES.get(canonical) ?? [canonical];
}

/** Every librdkafka property name. */
export function librdkafkaKeys(): string[] {
  return [...BY_NAME.keys()];
}

/** True when `spec` applies to a client of `role`. */
export function appliesTo(spec: ConfigPropertySpec, role: ClientRole): boolean {
  if (spec.role === 'both') return true;
  return spec.role === role;
}

const INTEGER = /^\s*[+-]?(?:0[xX][0-9a-fA-F]+|\d+)\s*$/;
const FLOAT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** librdkafka's boolean words (case-insensitive): true/t/1, false/f/0. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 't' || v === '1') return true;
  if (v === 'false' || v === 'f' || v === '0') return false;
  return undefined;
}

/** An integer written as a number or a string (decimal or 0x hex), or a word such as `all`. */
export function parseInteger(value: unknown, words?: Readonly<Record<string, number>>): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return undefined;
  if (INTEGER.test(value)) {
    const v = value.trim();
    const neg = v.startsWith('-');
    const digits = v.replace(/^[+-]/, '');
    const n = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
    return neg ? -n : n;
  }
  if (words) {
    const w = Object.keys(words).find((k) => k.toLowerCase() === value.trim().toLowerCase());
    if (w !== undefined) return words[w];
  }
  return undefined;
}

/** A float written as a number or a numeric string. */
export function parseFloatValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && FLOAT.test(value)) return Number(value.trim());
  return undefined;
}

/** A value problem: what is wrong (a phrase to follow the key's name) and how to fix it. */
export interface ValueProblem {
  kind: 'type' | 'range' | 'enum';
  message: string;
  fix: string;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Checks one value against a property's type, range and allowed values.
 * `secret` keeps the value out of the message.
 */
export function checkValue(spec: ConfigPropertySpec, value: unknown, secret = false): ValueProblem | undefined {
  const shown = secret ? 'the value' : show(value);
  const range = `${spec.min} .. ${spec.max}`;
  switch (spec.type) {
    case 'boolean':
      if (parseBoolean(value) === undefined) {
        return { kind: 'type', message: `must be a boolean, got ${shown}`, fix: 'use true or false (the strings "true"/"false" work too)' };
      }
      return undefined;
    case 'integer': {
      const n = parseInteger(value, spec.words);
      if (n === undefined) {
        const words = spec.words ? ` or ${Object.keys(spec.words).map((w) => `"${w}"`).join(', ')}` : '';
        return { kind: 'type', message: `must be an integer, got ${shown}`, fix: `use a whole number in ${range}${words}` };
      }
      if (spec.min !== undefined && spec.max !== undefined && (n < spec.min || n > spec.max)) {
        return { kind: 'range', message: `is ${secret ? 'set to a value' : n} outside the allowed range ${range}`, fix: `use a value in ${range}` };
      }
      return undefined;
    }
    case 'float': {
      const n = parseFloatValue(value);
      if (n === undefined) return { kind: 'type', message: `must be a number, got ${shown}`, fix: `use a number in ${range}` };
      if (spec.min !== undefined && spec.max !== undefined && (n < spec.min || n > spec.max)) {
        return { kind: 'range', message: `is ${secret ? 'set to a value' : n} outside the allowed range ${range}`, fix: `use a value in ${range}` };
      }
      return undefined;
    }
    case 'enum': {
      const allowed = spec.values ?? [];
      if (typeof value !== 'string') {
        return { kind: 'type', message: `must be one of ${allowed.join(', ')}, got ${shown}`, fix: `use one of ${allowed.join(', ')}` };
      }
      if (!allowed.some((a) => a.toLowerCase() === value.trim().toLowerCase())) {
        return { kind: 'enum', message: `is ${shown}, which is not one of ${allowed.join(', ')}`, fix: `use one of ${allowed.join(', ')}` };
      }
      return undefined;
    }
    case 'flags': {
      const allowed = spec.values ?? [];
      if (typeof value !== 'string') {
        return { kind: 'type', message: `must be a comma-separated list of ${allowed.join(', ')}, got ${shown}`, fix: 'use a comma-separated string' };
      }
      const bad = value
        .split(',')
        .map((v) => v.trim().replace(/^[+-]/, ''))
        .filter((v) => v.length > 0 && !allowed.some((a) => a.toLowerCase() === v.toLowerCase()));
      if (bad.length > 0) {
        return { kind: 'enum', message: `lists ${bad.map((b) => JSON.stringify(b)).join(', ')}, not among ${allowed.join(', ')}`, fix: `use a comma-separated list of ${allowed.join(', ')}` };
      }
      return undefined;
    }
    case 'string':
    case 'pattern':
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return { kind: 'type', message: `must be a string, got ${shown}`, fix: 'use a string' };
      }
      return undefined;
    case 'pointer':
      return undefined;
  }
}
