import { Problem, Severity } from '../finding';
import type { TopologyModel } from '../model/model';

/** Where rule documentation lives, relative to the repository root. */
export const RULE_DOCS_DIR = 'docs/rules';

export interface RuleDocs {
  /** One line: what the rule checks. */
  readonly summary: string;
  /** Derived from the id: `docs/rules/<id>.md`. */
  readonly url: string;
}

/** A semantic check over a resolved topology. One file per rule, in src/rules. */
export interface Rule {
  /** Kebab-case and permanent: deprecate, never rename. */
  readonly id: string;
  readonly severity: Severity;
  readonly docs: RuleDocs;
  check(model: TopologyModel): Problem[];
}

export interface RuleDefinition {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  check(model: TopologyModel): Problem[];
}

export function defineRule(definition: RuleDefinition): Rule {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(definition.id)) throw new Error(`rule id ${definition.id} is not kebab-case`);
  return {
    id: definition.id,
    severity: definition.severity,
    docs: { summary: definition.summary, url: `${RULE_DOCS_DIR}/${definition.id}.md` },
    check: definition.check,
  };
}
