import { Finding, pathSegments, Problem } from '../finding';
import { TopologyModel } from '../model/model';
import { EnvironmentRule } from './environment-rule';
import { InputRule } from './input-rule';
import { Rule } from './rule';

/** What validation returns, and the helpers every validator shares (the engine and the environments pass). */

/** One environment, validated as a whole topology. */
export interface EnvironmentResult {
  readonly name: string;
  /** The resolved topology of this environment, when its shape was right. */
  readonly model?: TopologyModel;
  /** Its findings (also in the overall list). */
  readonly findings: readonly Finding[];
  /** Argo CD destination cluster. @default - the cluster Argo CD runs in */
  readonly cluster?: string;
  readonly values: Readonly<Record<string, string>>;
  readonly peeredWith: readonly string[];
}

export interface ValidationResult {
  /** Every finding, errors and warnings, sorted by path then rule id. */
  readonly findings: readonly Finding[];
  /** The resolved topology, when the input had the right shape. */
  readonly model?: TopologyModel;
  /** With `environments:`, each environment validated as a whole topology (then `model` is absent). */
  readonly environments?: readonly EnvironmentResult[];
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function run(rule: Rule | InputRule | EnvironmentRule, check: () => Problem[]): Finding[] {
  return check().map((p) => ({
    ruleId: rule.id,
    severity: p.severity ?? rule.severity,
    path: p.path,
    message: p.message,
    fix: p.fix,
    docUrl: rule.docs.url,
  }));
}

/** Sorted by path (numerically for list indexes), then rule id, then message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => comparePaths(a.path, b.path) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message));
}

function comparePaths(a: string, b: string): number {
  const sa = pathSegments(a);
  const sb = pathSegments(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i];
    const y = sb[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return cmp(String(x), String(y));
  }
  return sa.length - sb.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
