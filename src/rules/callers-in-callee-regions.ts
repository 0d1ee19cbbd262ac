import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * A service behind an internal load balancer runs in every region its callers run in. For a regional internal
 * Application Load Balancer, "the serverless NEG, the load balancer, and any client VMs must be in the same region as
 * the Cloud Run service" (setting-up-l7-internal-serverless, below); a
 * cross-region one has a frontend only in its service's regions, so a caller elsewhere would cross regions on every
 * request and lose the failover the service's regions give (its callers' region has no frontend of its own).
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export const callersInCalleeRegions = defineRule({
  id: 'callers-in-callee-regions',
  severity: 'error',
  summary: 'A load-balanced service runs in every region of each of its callers.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const caller of model.services) {
      caller.calls.forEach((name, i) => {
        const callee = model.servicesByName.get(name);
        if (!callee?.loadBalancer) return;
        const missing = caller.regions.filter((r) => !callee.regions.includes(r));
        if (missing.length === 0) return;
        problems.push({
          path: `${caller.path}.calls[${i}]`,
          message: `${quoted(caller.name)} runs in ${missing.map(quoted).join(', ')}, where ${quoted(callee.name)} does not run (it runs in ${callee.regions.map(quoted).join(', ')})`,
          fix: `add ${missing.map(quoted).join(', ')} to ${callee.regionsPath}, or run ${quoted(caller.name)} only in ${quoted(callee.name)}'s regions`,
        });
      });
    }
    return problems;
  },
});
