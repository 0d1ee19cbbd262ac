import { cidrProblem, hasLeadingZero } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { claimedRanges } from '../model/ranges';

/**
 * Subnet ranges are IPv4 CIDRs that start on their own boundary, as GCP requires of a primary range.
 * @see https://cloud.google.com/vpc/docs/subnets#valid-ranges
 */
export const validCidr = defineRule({
  id: 'valid-cidr',
  severity: 'error',
  summary: 'Subnet and reserved ranges are canonical IPv4 CIDR blocks.',
  check(model: TopologyModel): Problem[] {
    return claimedRanges(model).flatMap((s) => {
      const problem = cidrProblem(s.cidr);
      if (!problem) return [];
      const fix = hasLeadingZero(s.cidr)
        ? `write ${s.cidrPath} without leading zeros, e.g. ${s.cidr.replace(/\d+/g, (n) => String(Number(n)))}`
        : `set ${s.cidrPath} to a range like 10.10.0.0/24, with the host bits zero`;
      return [{ path: s.cidrPath, message: problem, fix }];
    });
  },
});
