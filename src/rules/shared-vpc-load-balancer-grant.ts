import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * On a Shared VPC, an internal load balancer in the service project takes its address and forwarding rule from the
 * host's subnet: whoever creates them needs `roles/compute.networkUser` on that subnet, as a Service Project Admin
 * does. runnel writes that grant for Config Connector's account when it knows it (`delivery.configConnectorServiceAccount`);
 * otherwise the network team must make it.
 * @see https://cloud.google.com/vpc/docs/provisioning-shared-vpc
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/l7-internal-shared-vpc
 */
export const sharedVpcLoadBalancerGrant = defineRule({
  id: 'shared-vpc-load-balancer-grant',
  severity: 'warning',
  summary: "On a Shared VPC, internal load balancers need their creator granted on the host's subnet: name Config Connector's account.",
  check(model: TopologyModel): Problem[] {
    if (!model.network.shared || !model.subnets.workload.needed || model.delivery.configConnectorServiceAccount !== undefined) return [];
    return [
      {
        path: 'delivery.configConnectorServiceAccount',
        message: `the load balancers take addresses from subnet ${quoted(model.subnets.workload.name)} of host project ${quoted(model.network.project)}, and runnel does not know who creates them to grant roles/compute.networkUser on it`,
        fix: "set delivery.configConnectorServiceAccount (with createNamespace) so host-<project>/grants.yaml holds the grant, or have the network team grant it to Config Connector's account",
      },
    ];
  },
});
