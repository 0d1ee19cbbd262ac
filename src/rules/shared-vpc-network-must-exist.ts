import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * runnel never creates a network in another project: a Shared VPC's network and subnets are the host project's,
 * created and shared by its network team before a service project can use them.
 * @see https://cloud.google.com/vpc/docs/provisioning-shared-vpc
 */
export const sharedVpcNetworkMustExist = defineRule({
  id: 'shared-vpc-network-must-exist',
  severity: 'error',
  summary: 'A network in another project (`network.project`) is referenced, never created: it needs `existing: true`.',
  check(model: TopologyModel): Problem[] {
    if (!model.network.shared || model.network.existing) return [];
    return [
      {
        path: 'network.existing',
        message: `network ${quoted(model.network.name)} is in project ${quoted(model.network.project)}, which runnel does not create networks in`,
        fix: 'set network.existing: true and name the subnets the host shares with this project (name and cidr each)',
      },
    ];
  },
});
