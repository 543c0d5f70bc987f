/**
 * `simple-kafka schema register|get|check|compat`: Avro schemas offline (`.avsc` files) and
 * through a Schema Registry (`--registry URL` or `$SK_REGISTRY_URL`).
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';

import { Command, InvalidArgumentError, Option } from 'commander';

import { ConfigError } from '../errors';
import type { SchemaRegistryClient } from '../registry/client';
import { COMPATIBILITY_LEVELS } from '../registry/compatibility';

/** Environment variable with the Schema Registry URL (used when `--registry` is not given). */
export const ENV_REGISTRY = 'SK_REGISTRY_URL';

interface RegistryFlags {
  registry?: string;
  json?: boolean;
}

function versionArg(value: string): number | 'latest' {
  if (value === 'latest') return value;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a version number >= 1 or "latest"');
  return Number(value);
}

function idArg(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a schema id (an integer)');
  return Number(value);
}

/** Reads a schema file; a missing file is a one-line error naming it. */
export function readSchemaFile(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError([{ path, message: `schema file ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, severity: 'error' }], { cause: err });
  }
}

async function registryClient(flags: RegistryFlags): Promise<SchemaRegistryClient> {
  const url = flags.registry ?? (process.env[ENV_REGISTRY] || undefined);
  if (!url) throw new ConfigError([{ path: '--registry', message: `no Schema Registry: pass --registry URL or set $${ENV_REGISTRY}`, severity: 'error' }]);
  const { SchemaRegistryClient } = await import('../registry/client');
  return new SchemaRegistryClient({ url, 'max.retries': 1 });
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The outcome of `schema compat`, as printed with `--json`. */
export interface CompatVerdict {
  compatible: boolean;
  level: string;
  reasons: string[];
  /** `offline` (checkCompatibility on files) or `registry`. */
  checkedBy: 'offline' | 'registry';
}

/** Prints a verdict; returns the exit code (0 compatible, 1 not). */
function printVerdict(v: CompatVerdict, json: boolean | undefined): number {
  if (json) out(JSON.stringify(v));
  else {
    out(`${v.compatible ? 'compatible' : 'incompatible'} (${v.level})`);
    for (const r of v.reasons) out(`  - ${r}`);
  }
  return v.compatible ? 0 : 1;
}

/** Registers `schema` and its subcommands on the program. */
export function registerSchema(program: Command, exit: (code: number) => void): void {
  const schema = program.command('schema').description(`Avro schemas: offline checks on .avsc files, or a Schema Registry (--registry URL or $${ENV_REGISTRY})`);

  schema
    .command('register')
    .description('register a schema file under a subject; prints its id and version')
    .argument('<subject>', 'the subject, e.g. orders-value')
    .argument('<file>', 'the .avsc file')
    .option('--registry <url>', 'the Schema Registry URL')
    .option('--normalize', 'ask the registry to normalize the schema')
    .option('--json', 'print JSON')
    .action(async (subject: string, file: string, flags: RegistryFlags & { normalize?: boolean }) => {
      const text = readSchemaFile(file);
      const registry = await registryClient(flags);
      try {
        const id = await registry.registerSchema(subject, { schema: text, schemaType: 'AVRO' }, flags.normalize ?? false);
        const found = await registry.lookupSchema(subject, { schema: text, schemaType: 'AVRO' }, flags.normalize ?? false).catch(() => undefined);
        const version = found?.version;
        if (flags.json) out(JSON.stringify({ subject, id, ...(version !== undefined ? { version } : {}) }));
        else out(`registered ${subject}${version !== undefined ? ` version ${version}` : ''}, id ${id}`);
      } finally {
        registry.close();
      }
      exit(0);
    });

  schema
    .command('get')
    .description('print a schema: a subject version (latest by default) or a global id')
    .argument('[subject]', 'the subject (or use --id)')
    .option('--version <n>', 'the version, or "latest"', versionArg, 'latest' as const)
    .option('--id <id>', 'a global schema id instead of a subject', idArg)
    .option('--registry <url>', 'the Schema Registry URL')
    .option('--json', 'print the registry entry as JSON (id, subject, version, schema)')
    .action(async function (this: Command, subject: string | undefined, flags: RegistryFlags & { version: number | 'latest'; id?: number }) {
      if ((subject === undefined) === (flags.id === undefined)) this.error('error: give a subject or --id (one of them)', { exitCode: 2 });
      const registry = await registryClient(flags);
      try {
        if (flags.id !== undefined) {
          const s = await registry.getSchema(flags.id);
          if (flags.json) out(JSON.stringify({ id: flags.id, ...s }));
          else out(pretty(s.schema));
        } else {
          const s = await registry.getVersion(subject as string, flags.version);
          if (flags.json) out(JSON.stringify(s));
          else out(pretty(s.schema));
        }
      } finally {
        registry.close();
      }
      exit(0);
    });

  schema
    .command('check')
    .description('check that .avsc files are valid Avro schemas (offline)')
    .argument('<files...>', '.avsc files')
    .option('--json', 'print JSON')
    .action(async (files: string[], flags: { json?: boolean }) => {
      const { parseForCompatibility } = await import('../registry/compatibility');
      const results = files.map((file) => {
        try {
          const t = parseForCompatibility(readSchemaFile(file)) as { name?: string; typeName?: string };
          return { file, valid: true, type: t.name ?? t.typeName };
        } catch (err) {
          return { file, valid: false, reason: err instanceof Error ? err.message : String(err) };
        }
      });
      if (flags.json) out(JSON.stringify(results));
      else for (const r of results) out(r.valid ? `${r.file}: valid (${r.type})` : `${r.file}: invalid: ${r.reason}`);
      exit(results.every((r) => r.valid) ? 0 : 1);
    });

  schema
    .command('compat')
    .description(
      'is a schema compatible? offline: against existing .avsc files (oldest first) under --level; online: against a subject through --registry (the subject\'s own level)',
    )
    .argument('<candidate>', 'the new .avsc file')
    .argument('[existing...]', 'offline: the existing schemas, oldest first')
    .addOption(new Option('--level <level>', 'offline: the compatibility level').choices([...COMPATIBILITY_LEVELS]).default('BACKWARD'))
    .option('--registry <url>', 'check through this Schema Registry (with --subject)')
    .option('--subject <subject>', 'the subject to check against (through the registry)')
    .option('--version <n>', 'the subject version to check against, or "latest"', versionArg, 'latest' as const)
    .option('--json', 'print JSON: {compatible, level, reasons, checkedBy}')
    .action(async function (this: Command, candidate: string, existing: string[], flags: RegistryFlags & { level: string; subject?: string; version: number | 'latest' }) {
      const text = readSchemaFile(candidate);
      const online = flags.subject !== undefined;
      if (online && existing.length > 0) this.error('error: give existing schema files (offline) or --subject (through a registry), not both', { exitCode: 2 });
      if (!online && existing.length === 0) this.error('error: give at least one existing schema file, or --subject with --registry', { exitCode: 2 });
      if (!online) {
        const { checkCompatibility } = await import('../registry/compatibility');
        const r = checkCompatibility(flags.level as never, text, existing.map(readSchemaFile), { labels: existing });
        exit(printVerdict({ compatible: r.compatible, level: r.level, reasons: r.reasons, checkedBy: 'offline' }, flags.json));
        return;
      }
      const registry = await registryClient(flags);
      try {
        const subject = flags.subject as string;
        const level = await registry.getCompatibility(subject, { defaultToGlobal: true }).catch(() => 'registry default');
        const r = await registry.testCompatibilityVerbose(subject, { schema: text, schemaType: 'AVRO' }, flags.version);
        exit(printVerdict({ compatible: r.isCompatible, level: String(level), reasons: r.messages, checkedBy: 'registry' }, flags.json));
      } finally {
        registry.close();
      }
    });
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
