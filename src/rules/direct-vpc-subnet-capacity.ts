import { cidrProblem, parseCidr, resized, usableAddresses } from '../cidr';
import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { ServiceModel, SubnetModel, TopologyModel } from '../model/model';

/** Direct VPC egress needs a /26 or larger subnet. */
export const DIRECT_VPC_MIN_PREFIX = 26;

/**
 * Addresses Direct VPC egress holds for a service: about 2 per instance, reserved 16 (a /28) at a time.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-ip-allocation
 */
export function directVpcAddressesFor(maxInstances: number): number {
  return Math.ceil((2 * maxInstances) / 16) * 16;
}

/**
 * The Direct VPC egress subnet is /26 or larger and has room for every service on it at its max instances.
 * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#direct-vpc-ip-allocation
 */
export const directVpcSubnetCapacity = defineRule({
  id: 'direct-vpc-subnet-capacity',
  severity: 'error',
  summary: 'The Direct VPC subnet is /26 or larger and holds 2 addresses per max instance, in blocks of 16.',
  check(model: TopologyModel): Problem[] {
    // Each region's Direct VPC subnet holds the addresses of the services running in that region.
    return model.regions.flatMap((r) =>
      regionProblems(
        r.subnets.directVpc,
        model.services.filter((s) => s.via === 'direct-vpc' && s.regions.includes(r.name)),
      ),
    );
  },
});

function regionProblems(subnet: SubnetModel, users: readonly ServiceModel[]): Problem[] {
  if (!subnet.needed || cidrProblem(subnet.cidr)) return [];
  const range = parseCidr(subnet.cidr);
  if (range.prefix > DIRECT_VPC_MIN_PREFIX) {
    return [
      {
        path: subnet.cidrPath,
        message: `Direct VPC egress subnet ${subnet.cidr} is smaller than /${DIRECT_VPC_MIN_PREFIX}`,
        fix: `set ${subnet.cidrPath} to a /${DIRECT_VPC_MIN_PREFIX} or larger range, e.g. ${resized(range, 24)}`,
      },
    ];
  }
  const needed = users.reduce((sum, s) => sum + directVpcAddressesFor(s.maxInstances), 0);
  const available = usableAddresses(range);
  if (needed <= available) return [];
  const prefixNeeded = 32 - Math.ceil(Math.log2(needed + 4));
  return [
    {
      path: subnet.cidrPath,
      message: `${subnet.cidr} has ${available} usable addresses but Direct VPC egress may hold ${needed} (${users.map((s) => `${s.name}: ${s.maxInstances} max instances`).join(', ')})`,
      fix: `widen ${subnet.cidrPath} to /${prefixNeeded} or larger, or lower scaling.maxInstances`,
    },
  ];
}
