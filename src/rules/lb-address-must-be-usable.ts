import { cidrProblem, parseCidr } from '../cidr';
import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { hasRegionalShared, TopologyModel } from '../model/model';
import { firstFreeAddress } from '../model/addresses';
import { lbAddressProblem } from '../model/lb-checks';

/**
 * An internal load balancer's address is a free, non-reserved address of the workload subnet, one per
 * load balancer (in shared mode, the one load balancer, at `loadBalancing.address`). A derived address depends on the
 * service's name alone, so two services can derive the same
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
    // One entry per load balancer: each service's, or in shared mode the one of all.
    const shared = model.loadBalancing.shared;
    const lbs: Array<{ name: string; address?: string; addressPinned: boolean; path: string }> = shared
      ? [
          ...(hasRegionalShared(shared)
            ? [{ name: shared.name, address: shared.address, addressPinned: shared.addressPinned, path: 'loadBalancing.address' }]
            : []),
          // The shared cross-region load balancer's frontend in this (the first) region, derived from its name.
          ...(shared.crossRegion?.frontends
            .filter((f) => f.region === model.region)
            .map((f) => ({ name: shared.crossRegion!.name, address: f.address, addressPinned: false, path: 'loadBalancing.address' })) ??
            []),
        ]
      : model.services
          .filter((x) => x.loadBalancer)
          .map((s) => ({ name: s.name, ...s.loadBalancer!, path: `${s.path}.loadBalancer.address` }));
    const taken = new Set(lbs.map((x) => x.address).filter((a): a is string => a !== undefined));
    // Pinned addresses first: when a derived address meets a pinned one, the derived one is what must change.
    const ordered = [...lbs.filter((x) => x.addressPinned), ...lbs.filter((x) => !x.addressPinned)];
    for (const s of ordered) {
      const { address, addressPinned, path } = s;
      if (address === undefined) {
        problems.push({
          path: subnet.cidrPath,
          message: `workload subnet ${subnet.cidr} has no usable address for ${quoted(s.name)}'s load balancer`,
          fix: `widen ${subnet.cidrPath}`,
        });
        continue;
      }
      // A derived address is always usable; a pinned one is checked as the constructs check it.
      const unusable = addressPinned ? lbAddressProblem(address, subnet) : undefined;
      if (unusable) {
        problems.push({
          path,
          message: unusable.message,
          fix:
            unusable.kind === 'reserved'
              ? `set ${path} to another address of ${subnet.cidr}`
              : `set ${path} to an address inside ${subnet.cidr}`,
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
    problems.push(...laterRegionProblems(model));
    return problems;
  },
});

/**
 * The frontends of services in several regions, in each region after the first: each takes its first region's address's
 * place in that region's range (resolveFrontends), so two meet there only when the ranges differ in size; that is
 * refused too, with the region named.
 */
function laterRegionProblems(model: TopologyModel): Problem[] {
  const problems: Problem[] = [];
  for (const r of model.regions.filter((x) => !x.primary)) {
    const owner = new Map<string, string>();
    for (const s of model.services.filter((x) => x.loadBalancer && !x.loadBalancer.shared)) {
      const f = s.loadBalancer!.frontends.find((x) => x.region === r.name);
      if (!f) continue;
      const path = `${s.path}.loadBalancer.address`;
      if (f.address === undefined) {
        problems.push({
          path: r.subnets.workload.cidrPath,
          message: `workload subnet ${r.subnets.workload.cidr} in ${r.name} has no usable address for ${quoted(s.name)}'s load balancer`,
          fix: `widen ${r.subnets.workload.cidrPath}`,
        });
        continue;
      }
      const first = owner.get(f.address);
      if (first === undefined) {
        owner.set(f.address, s.name);
        continue;
      }
      problems.push({
        path,
        message: `in ${r.name}, ${quoted(s.name)}'s load balancer address ${f.address} is already ${quoted(first)}'s`,
        fix: `pin ${path} to another free address (each region takes the same place in its workload range), or give ${r.subnets.workload.cidrPath} the size of the first region's workload range`,
      });
    }
  }
  return problems;
}
