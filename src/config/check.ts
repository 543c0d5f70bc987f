/**
 * The engine of `simple-kafka config check FILE [--role …] [--json]`: load a
 * `client.properties` (or JSON) file, validate it, and say how to exit.
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs';

import { ConfigError, type ConfigIssue } from '../errors';
import { loadProperties } from './properties-file';
import type { ClientRole, ValidationResult } from './types';
import { formatIssues, validateConfig } from './validate';

/** Options of {@link checkConfigFile}. */
export interface CheckConfigFileOptions {
  /** Default `producer`. */
  role?: ClientRole;
  /** Machine-readable output. */
  json?: boolean;
  features?: readonly string[];
  now?: Date;
}

/** What {@link checkConfigFile} found and what the CLI should print and exit with. */
export interface CheckConfigFileResult {
  /** 1 when any issue is an error (or the file cannot be loaded), else 0 (warnings only). */
  exitCode: 0 | 1;
  /** Text for stdout: one block per issue, or JSON. */
  output: string;
  issues: ConfigIssue[];
  validation?: ValidationResult;
}

function loadConfigFile(file: string): Record<string, unknown> {
  if (/\.json$/i.test(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError([{ path: file, message: `${file} is not a readable JSON file: ${(e as Error).message.split('\n')[0]}`, severity: 'error', rule: 'config-file' }], { cause: e });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError([{ path: file, message: `${file} must hold one JSON object of configuration keys`, severity: 'error', rule: 'config-file' }]);
    }
    return parsed as Record<string, unknown>;
  }
  return loadProperties(file);
}

/**
 * Loads `file` (`.json`, else Java `.properties`), validates it for `role`
 * and renders the outcome. Never throws for a bad file: that is an error issue.
 */
export function checkConfigFile(file: string, options: CheckConfigFileOptions = {}): CheckConfigFileResult {
  const role = options.role ?? 'producer';
  let issues: ConfigIssue[];
  let validation: ValidationResult | undefined;
  try {
    validation = validateConfig(loadConfigFile(file), { role, features: options.features, now: options.now });
    issues = validation.issues;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    issues = [...e.issues];
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const exitCode = errors > 0 ? 1 : 0;
  let output: string;
  if (options.json) {
    output = JSON.stringify({ file, role, ok: errors === 0, errors, warnings, issues }, null, 2);
  } else {
    const summary = `${file} (${role}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    output = issues.length > 0 ? `${formatIssues(issues)}\n${summary}` : `${summary}: OK`;
  }
  return { exitCode, output, issues, validation };
}
