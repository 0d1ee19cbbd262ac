import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * Google documents that Direct VPC egress through Cloud NAT can add 30 seconds or more to an instance's cold start,
 * and recommends a Serverless VPC Access connector with Cloud NAT for better start-up. A warning: the service works,
 * its first requests after a scale-up are slow.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#limitations
 */
export const directVpcNatColdStart = defineRule({
  id: 'direct-vpc-nat-cold-start',
  severity: 'warning',
  summary: 'An internet-bound service on Direct VPC egress knows that Cloud NAT slows its cold starts.',
  check(model: TopologyModel): Problem[] {
    if (!model.nat.subnets.includes('directVpc')) return [];
    return model.services
      .filter((s) => s.via === 'direct-vpc' && s.route === 'all-traffic' && s.internet)
      .map((s) => ({
        path: `${s.path}.egress.via`,
        message: `${quoted(s.name)} reaches the internet through Cloud NAT on Direct VPC egress, which Google documents as adding 30 seconds or more to cold starts`,
        fix: `if cold starts matter, set ${s.path}.egress.via to connector (Google's recommendation with Cloud NAT), or keep warm instances with ${s.path}.scaling.minInstances`,
      }));
  },
});
