/**
 * Java `.properties` files (`client.properties`): the format of
 * `java.util.Properties.load`, so a file written for the Java client or the
 * Kafka CLI tools loads unchanged.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';

import { ConfigError } from '../errors';

function unescape(text: string, line: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === undefined) break;
    switch (e) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new ConfigError([{ path: `line ${line}`, message: `malformed \\uXXXX escape on line ${line}`, fix: 'write exactly four hex digits after \\u', severity: 'error', rule: 'properties-syntax' }]);
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/**
 * Parses the text of a Java `.properties` file: `#` and `!` comments, `=`,
 * `:` or whitespace between key and value, `\` line continuations (leading
 * whitespace of the next line dropped), `\t \n \r \f \uXXXX` escapes, and
 * `\` before any other character standing for that character. The last of
 * duplicate keys wins, as in Java.
 *
 * @throws {@link ConfigError} on a malformed `\uXXXX` escape.
 */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let logical = lines[i].replace(/^[ \t\f]+/, '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (endsWithContinuation(logical) && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    if (endsWithContinuation(logical)) logical = logical.slice(0, -1);
    let k = 0;
    while (k < logical.length) {
      const c = logical[k];
      if (c === '\\') {
        k += 2;
        continue;
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      k++;
    }
    const rawKey = logical.slice(0, Math.min(k, logical.length));
    let v = k;
    while (v < logical.length && /[ \t\f]/.test(logical[v])) v++;
    if (v < logical.length && (logical[v] === '=' || logical[v] === ':')) v++;
    while (v < logical.length && /[ \t\f]/.test(logical[v])) v++;
    out[unescape(rawKey, lineNo)] = unescape(logical.slice(v), lineNo);
  }
  return out;
}

/**
 * Loads a Java `client.properties` file (read as UTF-8, which is ASCII- and
 * Latin-1-compatible for the keys and values Kafka uses) into a configuration
 * object of strings. Pass the result to {@link validateConfig} or a client
 * constructor: Java keys such as `sasl.jaas.config` and PEM trust stores are
 * translated there, and `"true"`/`"100"` strings are accepted.
 *
 * @throws {@link ConfigError} when the file cannot be read or has a malformed escape.
 */
export function loadProperties(path: string): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(e)})`;
    throw new ConfigError([{ path, message: `the properties file ${path} ${why}`, severity: 'error', rule: 'properties-file' }], { cause: e });
  }
  return parseProperties(text);
}

function escapeProperty(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\f') out += '\\f';
    else if ((isKey && (c === '=' || c === ':' || c === ' ')) || (c === ' ' && i === 0)) out += `\\${c}`;
    else if ((c === '#' || c === '!') && i === 0) out += `\\${c}`;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/**
 * Writes a configuration as Java `.properties` text that {@link parseProperties}
 * (and Java) read back to the same strings. Function- and object-valued keys
 * (callbacks, serde objects) are left out; other values are stringified.
 */
export function formatProperties(config: Readonly<Record<string, unknown>>, header?: string): string {
  const lines: string[] = header ? header.split('\n').map((l) => `# ${l}`) : [];
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined || value === null || typeof value === 'function' || typeof value === 'object') continue;
    lines.push(`${escapeProperty(key, true)}=${escapeProperty(String(value), false)}`);
  }
  return `${lines.join('\n')}\n`;
}
