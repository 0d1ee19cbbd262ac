import { RangeModel, TopologyModel } from './model';

/**
 * Every range the topology claims in its network: the subnets it creates in every region (a VPC network is global, so
 * subnets of different regions must not overlap either), the private services access allocation, and the /29s Redis
 * instances peer from. All must be valid, internal and disjoint.
 */
export function claimedRanges(model: TopologyModel): RangeModel[] {
  const ranges: RangeModel[] = model.regions.flatMap((r) =>
    Object.values(r.subnets)
      .filter((s) => s.needed)
      .map((s) => ({ label: r.primary ? s.role : `${s.role} in ${r.name}`, cidr: s.cidr, cidrPath: s.cidrPath })),
  );
  const psa = model.privateServiceAccess;
  if (psa.needed) ranges.push({ label: 'private services access', cidr: psa.cidr, cidrPath: psa.cidrPath });
  for (const b of model.backends) {
    const redis = b.redis;
    if (redis?.connectMode === 'direct-peering' && redis.reservedRange !== undefined) {
      ranges.push({ label: `Redis ${b.name}`, cidr: redis.reservedRange, cidrPath: redis.reservedRangePath });
    }
  }
  return ranges;
}
