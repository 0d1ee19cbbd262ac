import { INPUT_RULES, MODEL_RULES } from '../rules';
import { withoutUnknownFields } from '../rules/topology-schema';
import { withoutNulls } from '../input/nulls';
import { resolveTopology } from '../model/resolve';
import { TopologySpec } from '../input/spec';
import { ServiceManifests } from '../input/service-manifest';
import { validateEnvironments } from './environments';
import { run, sortFindings, ValidationResult } from '../check/result';
import { hasEnvironments } from '../input/environments';

export { hasErrors, run, sortFindings } from '../check/result';
export type { EnvironmentResult, ValidationResult } from '../check/result';

/**
 * Runs every rule over `input` and returns all findings at once; never throws for bad input.
 * When the only shape problems are unknown fields, the semantic rules still run (on the input without those
 * fields), so a typo does not hide the other problems; any other shape problem stops there, since the rules
 * rely on the types. A null field counts as absent (see `withoutNulls`).
 */
export function validateTopology(raw: unknown, manifests?: ServiceManifests): ValidationResult {
  // Environments are merged before nulls go: a null in an override removes the field from the shared shape.
  return hasEnvironments(raw) ? validateEnvironments(raw, (one) => validateOne(one, manifests)) : validateOne(raw, manifests);
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
