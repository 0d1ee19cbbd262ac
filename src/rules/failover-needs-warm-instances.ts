import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Cloud Run service health, which lets the load balancer fail a region over, needs "at least one service-level or
 * revision-level minimum instance per region to calculate health", and a failover needs "at least two services from
 * different regions" (Limitations of the page below). A service in several regions keeps
 * `failover.minInstancesPerRegion` (or `scaling.minInstances`) warm in each; `failover` on a service in one region has
 * nowhere to fail over to.
 * @see https://cloud.google.com/run/docs/configuring/configure-service-health
 */
export const failoverNeedsWarmInstances = defineRule({
  id: 'failover-needs-warm-instances',
  severity: 'warning',
  summary: 'A service in several regions keeps a warm instance in each; failover needs a second region.',
  check(model: TopologyModel): Problem[] {
    const problems: Problem[] = [];
    for (const s of model.services) {
      if (s.regions.length < 2) {
        if (s.failover) {
          problems.push({
            path: s.failover.path.replace(/\.minInstancesPerRegion$/, ''),
            message: `${quoted(s.name)} runs in one region (${quoted(s.regions[0])}): there is no region to fail over to`,
            fix: `add a second region to ${s.regionsPath}, or remove ${s.path}.failover`,
          });
        }
        continue;
      }
      const warm = Math.max(s.minInstances, s.failover?.minInstancesPerRegion ?? 0);
      if (warm >= 1) continue;
      problems.push({
        path: s.failover ? s.failover.path : s.regionsPath,
        message: `${quoted(s.name)} runs in ${s.regions.length} regions with no warm instance in each: service health cannot report a region's health, and a failed-over region starts cold`,
        fix: `set ${s.path}.failover.minInstancesPerRegion to 1 or more`,
      });
    }
    return problems;
  },
});
