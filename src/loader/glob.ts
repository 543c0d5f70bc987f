/**
 * Glob expansion for the loader's inputs (Node 20 has no `fs.glob`).
 *
 * Supports `*` and `?` (not crossing `/`), `[abc]`, `[a-z]`, `[!a]`,
 * `{a,b}` alternatives and `**` (any number of directories). Hidden files
 * match only patterns whose segment starts with a dot.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when `pattern` contains glob syntax. */
export function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** Expands `{a,b}` alternatives (nested allowed) into plain patterns. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const inner = pattern.slice(start + 1, i);
        const parts: string[] = [];
        let d = 0;
        let from = 0;
        for (let j = 0; j < inner.length; j++) {
          if (inner[j] === '\\') j++;
          else if (inner[j] === '{') d++;
          else if (inner[j] === '}') d--;
          else if (inner[j] === ',' && d === 0) {
            parts.push(inner.slice(from, j));
            from = j + 1;
          }
        }
        parts.push(inner.slice(from));
        if (parts.length < 2) continue; // "{x}" is literal
        const head = pattern.slice(0, start);
        const tail = pattern.slice(i + 1);
        return parts.flatMap((p) => expandBraces(head + p + tail));
      }
    }
  }
  return [pattern];
}

/** Compiles one path segment (no `/`, no braces) to a RegExp. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      re += escapeRe(segment[++i]);
    } else if (c === '*') {
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else {
      re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Expands one glob pattern against the file system. Returns matching
 * regular files, sorted, as given relative or absolute like the pattern.
 */
export function expandGlob(pattern: string, cwd = process.cwd()): string[] {
  const out = new Set<string>();
  for (const p of expandBraces(pattern)) {
    const absolute = path.isAbsolute(p);
    const parts = p.split(/[/\\]+/).filter((s, i) => s !== '' || i === 0);
    let root = absolute ? path.parse(path.resolve(p)).root : '';
    if (absolute) parts.shift();
    // Leading literal segments form the root directory.
    while (parts.length > 1 && !hasGlob(parts[0])) root = root === '' ? `${parts.shift()}/` : `${root}${parts.shift()}/`;
    walk(root, parts, cwd, out);
  }
  return [...out].sort();
}

function walk(dir: string, parts: string[], cwd: string, out: Set<string>): void {
  if (parts.length === 0) return;
  const [seg, ...rest] = parts;
  const here = path.resolve(cwd, dir === '' ? '.' : dir);
  if (seg === '**') {
    walk(dir, rest, cwd, out); // zero directories
    for (const e of readDir(here)) {
      if (e.isDirectory() && !e.name.startsWith('.')) walk(`${dir}${e.name}/`, parts, cwd, out);
    }
    return;
  }
  if (!hasGlob(seg)) {
    const name = `${dir}${seg}`;
    const st = statOf(path.resolve(cwd, name));
    if (!st) return;
    if (rest.length === 0) {
      if (st.isFile()) out.add(name);
    } else if (st.isDirectory()) walk(`${name}/`, rest, cwd, out);
    return;
  }
  const re = segmentRegExp(seg);
  for (const e of readDir(here)) {
    if (e.name.startsWith('.') && !seg.startsWith('.')) continue;
    if (!re.test(e.name)) continue;
    const name = `${dir}${e.name}`;
    if (rest.length === 0) {
      if (e.isFile() || (e.isSymbolicLink() && statOf(path.resolve(cwd, name))?.isFile())) out.add(name);
    } else if (e.isDirectory() || (e.isSymbolicLink() && statOf(path.resolve(cwd, name))?.isDirectory())) {
      walk(`${name}/`, rest, cwd, out);
    }
  }
}

function readDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}
