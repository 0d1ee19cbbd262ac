import { cidrProblem, isPrivate, parseCidr } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { claimedRanges } from '../model/ranges';

/**
 * Subnet ranges are internal (RFC 1918 or RFC 6598): only those are routed into the VPC by
 * `private-ranges-only` and reached through Serverless VPC Access.
 * @see https://cloud.google.com/vpc/docs/serverless-vpc-access
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc
 */
export const cidrMustBePrivate = defineRule({
  id: 'cidr-must-be-private',
  severity: 'error',
  summary: 'Subnet and reserved ranges lie in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.',
  check(model: TopologyModel): Problem[] {
    return claimedRanges(model)
      .filter((s) => !cidrProblem(s.cidr) && !isPrivate(parseCidr(s.cidr)))
      .map((s) => ({
        path: s.cidrPath,
        message: `${s.cidr} is not an internal range; private-ranges-only egress would send traffic to it over the internet`,
        fix: `set ${s.cidrPath} to a range inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10`,
      }));
  },
});
