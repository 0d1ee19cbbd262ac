import { closest } from 'fastest-levenshtein';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** A call names a service declared in the same topology, and not the caller itself. */
export const callTargetExists = defineRule({
  id: 'call-target-exists',
  severity: 'error',
  summary: 'Every entry of `calls` names another service of the topology.',
  check(model: TopologyModel): Problem[] {
    const names = model.services.map((s) => s.name);
    const problems: Problem[] = [];
    for (const s of model.services) {
      s.calls.forEach((callee, i) => {
        const path = `${s.path}.calls[${i}]`;
        if (callee === s.name) {
          problems.push({ path, message: `service ${quoted(s.name)} calls itself`, fix: `remove ${quoted(callee)} from ${s.path}.calls` });
        } else if (!model.servicesByName.has(callee)) {
          const others = names.filter((n) => n !== s.name);
          const near = others.length > 0 ? closest(callee, others) : undefined;
          problems.push({
            path,
            message: `calls ${quoted(callee)}, which is not a service of this topology`,
            fix: near
              ? `did you mean ${quoted(near)}? Otherwise declare ${quoted(callee)} under services`
              : `declare ${quoted(callee)} under services`,
          });
        } else if (s.calls.indexOf(callee) !== i) {
          // indexOf is over one service's own calls, a handful: linear in the topology overall.
          problems.push({ path, message: `calls ${quoted(callee)} twice`, fix: `remove the second ${quoted(callee)}` });
        }
      });
    }
    return problems;
  },
});
