import { INPUT_RULES, MODEL_RULES } from '../rules';
import { withoutUnknownFields } from '../rules/topology-schema';
import { TopologyModel } from '../model/model';
import { withoutNulls } from '../input/nulls';
import { resolveTopology } from '../model/resolve';
import { TopologySpec } from '../input/spec';
import { ServiceManifests } from '../input/service-manifest';
import { Finding, pathSegments, Problem } from '../finding';
import { InputRule } from './input-rule';
import { EnvironmentRule } from './environment-rule';
import { Rule } from './rule';
import { EnvironmentResult, validateEnvironments } from './environments';
import { hasEnvironments } from '../input/environments';

export interface ValidationResult {
  /** Every finding, errors and warnings, sorted by path then rule id. */
  readonly findings: readonly Finding[];
  /** The resolved topology, when the input had the right shape. */
  readonly model?: TopologyModel;
  /** With `environments:`, each environment validated as a whole topology (then `model` is absent). */
  readonly environments?: readonly EnvironmentResult[];
}

/**
 * Runs every rule over `input` and returns all findings at once; never throws for bad input.
 * When the only shape problems are unknown fields, the semantic rules still run (on the input without those
 * fields), so a typo does not hide the other problems; any other shape problem stops there, since the rules
 * rely on the types. A null field counts as absent (see `withoutNulls`).
 */
export function validateTopology(raw: unknown, manifests?: ServiceManifests): ValidationResult {
  // Environments are merged before nulls go: a null in an override removes the field from the shared shape.
  return hasEnvironments(raw)
    ? validateEnvironments(raw, { validateOne: (one) => validateOne(one, manifests), run, sortFindings })
    : validateOne(raw, manifests);
}

/** One whole topology (no `environments:`). */
function validateOne(raw: unknown, manifests?: ServiceManifests): ValidationResult {
  const input = withoutNulls(raw);
  const inputFindings = INPUT_RULES.flatMap((rule) => run(rule, () => rule.check(input)));
  const shapeBroken = inputFindings.some((f) => f.severity === 'error');
  // A misspelt required field stays broken after stripping, and stops here.
  const spec = shapeBroken ? withoutUnknownFields(input) : input;
  if (spec === undefined) return { findings: sortFindings(inputFindings) };
  const model = resolveTopology(spec as TopologySpec, manifests);
  const findings = [...inputFindings, ...MODEL_RULES.flatMap((rule) => run(rule, () => rule.check(model)))];
  return { findings: sortFindings(findings), model: shapeBroken ? undefined : model };
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
