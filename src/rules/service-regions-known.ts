import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A service runs only in the topology's regions (`regions`), each named once: runnel creates a service's subnets,
 * NEGs and frontends only in the regions it knows, and a serverless NEG per region of one backend service.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export const serviceRegionsKnown = defineRule({
  id: 'service-regions-known',
  severity: 'error',
  summary: "Every region of services[].regions is one of the topology's regions, named once.",
  check(model: TopologyModel): Problem[] {
    const known = new Set(model.regions.map((r) => r.name));
    const problems: Problem[] = [];
    model.services.forEach((s) => {
      const given = model.spec.services[s.index].regions ?? [];
      const seen = new Set<string>();
      given.forEach((r, i) => {
        const path = `${s.regionsPath}[${i}]`;
        if (!known.has(r)) {
          problems.push({
            path,
            message: `${quoted(r)} is not one of the topology's regions (${[...known].map(quoted).join(', ')})`,
            fix: `add ${quoted(r)} to regions, or remove it from ${s.regionsPath}`,
          });
        } else if (seen.has(r)) {
          problems.push({ path, message: `region ${quoted(r)} is listed twice`, fix: `remove ${path}` });
        }
        seen.add(r);
      });
    });
    return problems;
  },
});
