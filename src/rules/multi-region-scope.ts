import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * What runnel builds in several regions, and what it refuses there instead of writing something half right:
 * - an existing network, a Shared VPC, an existing connector or an existing zone: their per-region parts (subnets,
 *   proxy-only subnets, connectors, records) would have to be named region by region, which the topology cannot say yet;
 * - Connectivity Tests: they start from the first region's subnets;
 * - a service in several regions with `access: private-google-access`: its `*.run.app` URL names one region;
 * - a Redis backend used outside the first region, where runnel creates it;
 * - a load-balanced service running in one region other than the first: regional load balancers are built in the
 *   first region only.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export const multiRegionScope = defineRule({
  id: 'multi-region-scope',
  severity: 'error',
  summary: 'Several regions: a network runnel creates, and Redis and regional load balancers in the first region.',
  check(model: TopologyModel): Problem[] {
    if (model.regions.length < 2) return [];
    const spec = model.spec;
    const problems: Problem[] = [];
    const refuse = (path: string, what: string, fix: string) =>
      problems.push({
        path,
        message: `${what} is not supported with several regions (${model.regions.map((r) => quoted(r.name)).join(', ')})`,
        fix,
      });
    if (spec.network.existing) refuse('network.existing', 'an existing network', 'let runnel create the network, or keep one region');
    if (spec.network.project !== undefined) refuse('network.project', 'a Shared VPC network', 'keep one region');
    if (spec.network.connector?.existing !== undefined)
      refuse('network.connector.existing', 'an existing connector', 'remove network.connector.existing, or keep one region');
    if (spec.dns?.zone !== undefined) refuse('dns.zone.existing', 'an existing DNS zone', 'remove dns.zone, or keep one region');
    if (model.delivery.connectivityTests)
      refuse('delivery.connectivityTests', 'Connectivity Tests', 'remove delivery.connectivityTests, or keep one region');
    for (const s of model.services) {
      if (s.loadBalancer && s.regions.length === 1 && s.regions[0] !== model.region) {
        refuse(
          s.regionsPath,
          `${quoted(s.name)} behind a regional load balancer outside the first region ${quoted(model.region)}`,
          `add ${quoted(model.region)} to ${s.regionsPath}`,
        );
      }
      if (s.regions.length > 1 && s.access === 'private-google-access') {
        refuse(`${s.path}.access`, `${quoted(s.name)} in several regions reached by its run.app URL`, `remove ${s.path}.access`);
      }
      const away = s.regions.filter((r) => r !== model.region);
      s.uses.forEach((name, i) => {
        if (away.length > 0 && model.backendsByName.get(name)?.redis) {
          refuse(
            `${s.path}.uses[${i}]`,
            `Redis backend ${quoted(name)} (created in ${quoted(model.region)}) used from ${away.map(quoted).join(', ')}`,
            `run ${quoted(s.name)} only in ${quoted(model.region)}, or use an endpoint backend`,
          );
        }
      });
    }
    return problems;
  },
});
