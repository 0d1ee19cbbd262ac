import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';
import { SUBNET_ROLES } from '../names';

/**
 * An existing network's subnets are referenced by name, and their ranges are what the other rules check (Direct
 * VPC capacity, the connector's /28, the proxy-only size, load balancer addresses, overlaps): a default name or
 * range would point at a subnet that is not there, or check a range that is not the real one.
 */
export const existingSubnetNamed = defineRule({
  id: 'existing-subnet-named',
  severity: 'error',
  summary: 'On an existing network, each subnet the topology uses is given with its `name` and `cidr`.',
  check(model: TopologyModel): Problem[] {
    if (!model.network.existing) return [];
    const problems: Problem[] = [];
    for (const role of SUBNET_ROLES) {
      const s = model.subnets[role];
      if (!s.needed) continue;
      const given = model.spec.network.subnets?.[role];
      const missing = [given?.name === undefined ? 'name' : undefined, given?.cidr === undefined ? 'cidr' : undefined].filter(Boolean);
      if (missing.length === 0) continue;
      problems.push({
        path: `network.subnets.${role}`,
        message: `the network exists, and the ${role} subnet it uses has no ${missing.join(' or ')}: runnel would reference a subnet that may not be there`,
        fix: `set network.subnets.${role}: {name: <existing subnet>, cidr: <its range>} (gcloud compute networks subnets list --network ${model.network.name})`,
      });
    }
    return problems;
  },
});
