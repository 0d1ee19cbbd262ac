import { cidrProblem, overlaps, parseCidr } from '../cidr';
import { Problem } from '../finding';
import { defineEnvironmentRule, EnvironmentModel } from '../check/environment-rule';
import { claimedRanges } from '../model/ranges';

/**
 * Environments whose networks are peered (`environments.<name>.peeredWith`), or that share one network (same
 * project and network name), must claim disjoint ranges: VPC Network Peering refuses to peer networks whose subnet
 * ranges overlap, and one network cannot hold two subnets with overlapping ranges.
 * @see https://cloud.google.com/vpc/docs/vpc-peering#restrictions
 * @see https://cloud.google.com/vpc/docs/subnets#ipv4-ranges
 */
export const environmentRangesMustNotOverlap = defineEnvironmentRule({
  id: 'environment-ranges-must-not-overlap',
  severity: 'error',
  summary: 'Environments whose networks are peered or shared claim ranges that do not overlap.',
  check(environments: readonly EnvironmentModel[]): Problem[] {
    const problems: Problem[] = [];
    environments.forEach((a, i) => {
      for (const b of environments.slice(i + 1)) {
        const shared = a.model.project === b.model.project && a.model.network.name === b.model.network.name;
        const peered = a.peeredWith.includes(b.name) || b.peeredWith.includes(a.name);
        if (!shared && !peered) continue;
        const how = shared ? `shares the network ${JSON.stringify(a.model.network.name)} with` : 'is peered with';
        const ours = claimedRanges(a.model).filter((r) => !cidrProblem(r.cidr));
        const theirs = claimedRanges(b.model).filter((r) => !cidrProblem(r.cidr));
        for (const y of theirs) {
          const x = ours.find((r) => overlaps(parseCidr(r.cidr), parseCidr(y.cidr)));
          if (!x) continue;
          problems.push({
            path: `environments.${b.name}.${y.cidrPath}`,
            message: `${y.cidr} (${y.label}) of environment ${b.name} overlaps ${x.cidr} (${x.label}) of environment ${a.name}, which it ${how}`,
            fix: `give environments.${b.name}.${y.cidrPath} a range that no range of ${a.name} covers`,
          });
        }
      }
    });
    return problems;
  },
});
