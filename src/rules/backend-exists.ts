import { closest } from 'fastest-levenshtein';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** Each entry of `uses` names a backend declared under `backends`, once. */
export const backendExists = defineRule({
  id: 'backend-exists',
  severity: 'error',
  summary: 'Every entry of `uses` names a backend declared under `backends`, once.',
  check(model: TopologyModel): Problem[] {
    const names = model.backends.map((b) => b.name);
    const problems: Problem[] = [];
    for (const s of model.services) {
      s.uses.forEach((name, i) => {
        const path = `${s.path}.uses[${i}]`;
        if (!model.backendsByName.has(name)) {
          const near = names.length > 0 ? closest(name, names) : undefined;
          problems.push({
            path,
            message: `uses ${quoted(name)}, which is not a backend of this topology`,
            fix: near
              ? `did you mean ${quoted(near)}? Otherwise declare ${quoted(name)} under backends`
              : `declare ${quoted(name)} under backends (redis: {} or endpoint: {host, port})`,
          });
        } else if (s.uses.indexOf(name) !== i) {
          problems.push({ path, message: `uses ${quoted(name)} twice`, fix: `remove the second ${quoted(name)}` });
        }
      });
    }
    return problems;
  },
});
