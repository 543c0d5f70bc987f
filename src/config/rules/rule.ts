/**
 * The shape of a configuration rule: a named pure function from a
 * configuration to the issues it finds.
 *
 * @packageDocumentation
 */
import type { ConfigIssue, ConfigIssueSeverity } from '../../errors';
import type { ClientRole, ConfigInput } from '../types';
import { ConfigView } from '../view';

/** Options every rule accepts. Rules run without them use sensible defaults. */
export interface RuleOptions {
  /** The client the configuration is for; producer rules skip consumers and vice versa. Default: unknown (all rules apply). */
  role?: ClientRole;
  /** librdkafka's builtin features; feature checks are skipped when absent. */
  features?: readonly string[];
  /** The time certificates are checked against (default: now). */
  now?: Date;
  /** Read and parse the files the configuration names (default true). */
  checkFiles?: boolean;
}

/** A named configuration rule. */
export interface ConfigRule {
  (config: ConfigInput, options?: RuleOptions): ConfigIssue[];
  /** Stable rule name, also set as {@link ConfigIssue.rule} on its issues. */
  readonly ruleName: string;
  /** One line saying what the rule checks. */
  readonly summary: string;
}

/** Builds an issue-maker bound to one rule name. */
export function issueMaker(rule: string) {
  return (severity: ConfigIssueSeverity, path: string, message: string, fix?: string): ConfigIssue => (fix === undefined ? { path, message, severity, rule } : { path, message, fix, severity, rule });
}

/** Defines a rule over a {@link ConfigView} of the configuration. */
export function defineRule(ruleName: string, summary: string, check: (view: ConfigView, options: RuleOptions, input: ConfigInput) => ConfigIssue[]): ConfigRule {
  const rule = (config: ConfigInput, options: RuleOptions = {}): ConfigIssue[] => check(ConfigView.of(config), options, config);
  return Object.assign(rule, { ruleName, summary });
}

/** `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
