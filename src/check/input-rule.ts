import { Problem, Severity } from '../finding';
import { RULE_DOCS_DIR, RuleDocs } from './rule';

/** A check over the raw input, before defaults apply: the schema. */
export interface InputRule {
  readonly id: string;
  readonly severity: Severity;
  readonly docs: RuleDocs;
  check(input: unknown): Problem[];
}

export function defineInputRule(definition: {
  readonly id: string;
  readonly severity: Severity;
  readonly summary: string;
  check(input: unknown): Problem[];
}): InputRule {
  return {
    id: definition.id,
    severity: definition.severity,
    docs: { summary: definition.summary, url: `${RULE_DOCS_DIR}/${definition.id}.md` },
    check: definition.check,
  };
}
