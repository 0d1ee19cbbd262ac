import { cidrProblem, overlaps, parseCidr } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { claimedRanges } from '../model/ranges';

/**
 * Primary ranges of subnets in one VPC network must not overlap, nor overlap the ranges reserved for
 * peered producers (private services access, Redis direct peering): peering refuses overlapping routes.
 * @see https://cloud.google.com/vpc/docs/subnets#ipv4-ranges
 */
export const subnetCidrsMustNotOverlap = defineRule({
  id: 'subnet-cidrs-must-not-overlap',
  severity: 'error',
  summary: 'The ranges of the subnets runnel creates and the ranges it reserves are disjoint.',
  check(model: TopologyModel): Problem[] {
    const subnets = claimedRanges(model).filter((s) => !cidrProblem(s.cidr));
    const problems: Problem[] = [];
    subnets.forEach((a, i) => {
      for (const b of subnets.slice(i + 1)) {
        if (!overlaps(parseCidr(a.cidr), parseCidr(b.cidr))) continue;
        problems.push({
          path: b.cidrPath,
          message: `${b.cidr} (${b.label}) overlaps ${a.cidr} (${a.label})`,
          fix: `move ${b.cidrPath} or ${a.cidrPath} to a range the other does not cover`,
        });
      }
    });
    return problems;
  },
});
