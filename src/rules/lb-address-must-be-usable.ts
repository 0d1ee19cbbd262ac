import { cidrProblem, containsAddress, isIpv4Address, isReservedInSubnet, parseCidr } from '../cidr';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { firstFreeAddress } from '../model/addresses';

/**
 * An internal load balancer's address is a free, non-reserved address of the workload subnet, one per
 * load balancer. A derived address depends on the service's name alone, so two services can derive the same
 * one; that is refused with a free address to pin rather than resolved by moving either.
 * @see https://cloud.google.com/vpc/docs/subnets#unusable-ip-addresses-in-every-subnet
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export const lbAddressMustBeUsable = defineRule({
  id: 'lb-address-must-be-usable',
  severity: 'error',
  summary: 'Each internal load balancer gets its own usable address in the workload subnet.',
  check(model: TopologyModel): Problem[] {
    const subnet = model.subnets.workload;
    if (!subnet.needed || cidrProblem(subnet.cidr)) return [];
    const range = parseCidr(subnet.cidr);
    const problems: Problem[] = [];
    const owner = new Map<string, string>();
    const lbs = model.services.filter((x) => x.loadBalancer);
    const taken = new Set(lbs.map((x) => x.loadBalancer!.address).filter((a): a is string => a !== undefined));
    // Pinned addresses first: when a derived address meets a pinned one, the derived one is what must change.
    const ordered = [...lbs.filter((x) => x.loadBalancer!.addressPinned), ...lbs.filter((x) => !x.loadBalancer!.addressPinned)];
    for (const s of ordered) {
      const { address, addressPinned } = s.loadBalancer!;
      const path = `${s.path}.loadBalancer.address`;
      if (address === undefined) {
        problems.push({
          path: subnet.cidrPath,
          message: `workload subnet ${subnet.cidr} has no usable address for ${quoted(s.name)}'s load balancer`,
          fix: `widen ${subnet.cidrPath}`,
        });
        continue;
      }
      if (addressPinned && !isIpv4Address(address)) {
        problems.push({
          path,
          message: `${quoted(address)} is not an IPv4 address`,
          fix: `set ${path} to an address inside ${subnet.cidr}`,
        });
        continue;
      }
      if (addressPinned && !containsAddress(range, address)) {
        problems.push({
          path,
          message: `${address} is outside the workload subnet ${subnet.cidr}`,
          fix: `set ${path} to an address inside ${subnet.cidr}`,
        });
        continue;
      }
      if (addressPinned && isReservedInSubnet(range, address)) {
        problems.push({
          path,
          message: `${address} is one of the four addresses GCP reserves in ${subnet.cidr}`,
          fix: `set ${path} to another address of ${subnet.cidr}`,
        });
        continue;
      }
      const first = owner.get(address);
      if (!first) {
        owner.set(address, s.name);
        continue;
      }
      const free = firstFreeAddress(range, taken);
      const suggestion = free ? `, e.g. ${free}` : `; ${subnet.cidr} has none left, so widen ${subnet.cidrPath}`;
      problems.push(
        addressPinned
          ? {
              path,
              message: `${address} is already the address of ${quoted(first)}'s load balancer`,
              fix: `set ${path} to a free address${suggestion}`,
            }
          : {
              path,
              message: `the address derived from ${quoted(s.name)} (${address}) is already ${quoted(first)}'s; runnel never moves an address to make room, since that would recreate it and change its callers' URL`,
              fix: `pin ${path} to a free address${suggestion} (or, if ${quoted(first)} is the newer service, pin its address instead)`,
            },
      );
    }
    return problems;
  },
});
