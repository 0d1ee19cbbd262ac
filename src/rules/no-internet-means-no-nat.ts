import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Cloud NAT serves subnets, not services: every instance whose traffic leaves from a NAT-served subnet reaches
 * the internet. All Direct VPC services egress from the one Direct VPC subnet, and all connector services from
 * the connector's subnet, so an all-traffic service with `internet: false` beside an internet-bound one on the
 * same path would silently have the internet. runnel refuses that rather than split subnets behind the user's
 * back; the fix is to put the two on different egress paths.
 * @see https://cloud.google.com/nat/docs/overview (a gateway serves the subnets it is configured for)
 * @see https://cloud.google.com/run/docs/configuring/static-outbound-ip (NAT on the Direct VPC or connector subnet)
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access (connector traffic originates from its subnet)
 */
export const noInternetMeansNoNat = defineRule({
  id: 'no-internet-means-no-nat',
  severity: 'error',
  summary: 'An all-traffic service with `internet: false` egresses from a subnet Cloud NAT does not serve.',
  check(model: TopologyModel): Problem[] {
    const natted = new Set(model.nat.subnets);
    const problems: Problem[] = [];
    for (const s of model.services) {
      if (s.internet || s.route !== 'all-traffic' || !s.egressSubnet || !natted.has(s.egressSubnet)) continue;
      const bound = model.services.find((o) => o.internet && o.route === 'all-traffic' && o.egressSubnet === s.egressSubnet)!;
      const other = s.via === 'connector' ? 'direct-vpc' : 'connector';
      problems.push({
        path: `${s.path}.internet`,
        message: `${quoted(s.name)} has internet: false but egresses from subnet ${model.subnets[s.egressSubnet].name}, which Cloud NAT serves for ${quoted(bound.name)} (internet: true); NAT works per subnet, so ${quoted(s.name)} would reach the internet`,
        fix: `put them on different egress paths (set ${s.path}.egress.via to ${other}, or ${bound.path}.egress.via to ${other}), or set ${s.path}.internet to true if it needs the internet`,
      });
    }
    return problems;
  },
});
