import { Problem, Severity } from '../finding';
import type { TopologyModel } from '../model/model';
import { RULE_DOCS_DIR, RuleDocs } from './rule';

/** One environment of a topology, resolved: what rules across environments look at. */
export interface EnvironmentModel {
  readonly name: string;
  readonly model: TopologyModel;
  /** Environments whose network this one is peered with or shares (`environments.<name>.peeredWith`). */
  readonly peeredWith: readonly string[];
}

/** A rule over all environments of a topology at once (each environment also passes every model rule alone). */
export interface EnvironmentRule {
  readonly id: string;
  readonly severity: Severity;
  readonly docs: RuleDocs;
  check(environments: readonly EnvironmentModel[]): Problem[];
}

export function defineEnvironmentRule(definition: {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  check(environments: readonly EnvironmentModel[]): Problem[];
}): EnvironmentRule {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) throw new Error(`rule id ${definition.id} is not kebab-case`);
  return {
    id: definition.id,
    severity: definition.severity,
    docs: { summary: definition.summary, url: `${RULE_DOCS_DIR}/${definition.id}.md` },
    check: definition.check,
  };
}
