import { grantName, serviceAgent, SubnetRole } from '../names';
import { TopologyModel } from './model';

/** One grant a service project needs in a Shared VPC host: on a subnet of the host, or on a project. */
export interface SharedVpcGrant {
  /** The subnet it is on, or none for a grant on `project`. */
  readonly subnet?: SubnetRole;
  /** The project the grant is made in (the host's, or an existing connector's). */
  readonly project: string;
  readonly role: string;
  /** Email of the service account that gets it. */
  readonly email: string;
  /** `metadata.name` of its IAMPolicyMember. */
  readonly name: string;
  /** Why, in messages. */
  readonly why: string;
}

/**
 * `roles/compute.networkUser`: `compute.subnetworks.use` on a subnet, what a service project's identities need to
 * put anything in a Shared VPC subnet.
 * @see https://cloud.google.com/vpc/docs/shared-vpc#iam_in_shared_vpc
 */
export const NETWORK_USER_ROLE = 'roles/compute.networkUser';
/**
 * `roles/vpcaccess.user`: using a connector of another project (a shared one in the host project).
 * @see https://cloud.google.com/run/docs/configuring/connecting-shared-vpc
 */
export const VPC_ACCESS_USER_ROLE = 'roles/vpcaccess.user';

/**
 * The grants Google documents for a service project on a Shared VPC, derived from what the topology uses, each on
 * the one subnet (or project) it is needed on; none without a Shared VPC (or without `projectNumber`, which the
 * rule `shared-vpc-needs-project-number` requires):
 * - Direct VPC egress: `roles/compute.networkUser` on the egress subnet for the service project's Cloud Run
 *   Service Agent (https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc, "grant IAM permissions on
 *   the shared subnet").
 * - A connector runnel creates in the service project on a host subnet: `roles/compute.networkUser` on that subnet
 *   for the Serverless VPC Access Service Agent and the Google APIs Service Agent (cloudservices)
 *   (https://cloud.google.com/run/docs/configuring/connecting-shared-vpc, "Grant permissions"; granted per subnet
 *   as terraform-google-project-factory #615 does).
 * - An existing connector in another project: `roles/vpcaccess.user` on that project for the Cloud Run Service
 *   Agent (same page; cloud-foundation-fabric #1517).
 * - Internal load balancers: the identity that creates their address and forwarding rules in the service project
 *   (Config Connector's account, `delivery.configConnectorServiceAccount`) needs `roles/compute.networkUser` on the
 *   frontend subnet, as a Service Project Admin does (https://cloud.google.com/vpc/docs/provisioning-shared-vpc).
 */
export function sharedVpcGrants(model: TopologyModel): SharedVpcGrant[] {
  const host = model.network.project;
  const number = model.projectNumber;
  if (!model.network.shared || number === undefined) return [];
  const grants: SharedVpcGrant[] = [];
  const onSubnet = (role: SubnetRole, email: string, why: string) =>
    grants.push({
      subnet: role,
      project: host,
      role: NETWORK_USER_ROLE,
      email,
      name: grantName.subnetNetworkUser(model.subnets[role].name, email),
      why,
    });
  if (model.services.some((s) => s.via === 'direct-vpc')) onSubnet('directVpc', serviceAgent.cloudRun(number), 'Direct VPC egress');
  if (model.connector.needed) {
    onSubnet('connector', serviceAgent.vpcAccess(number), 'the connector');
    onSubnet('connector', serviceAgent.cloudServices(number), 'the connector');
  }
  const connectorProject = model.connector.existing?.split('/')[1];
  if (connectorProject !== undefined && connectorProject !== model.project && model.services.some((s) => s.via === 'connector')) {
    const email = serviceAgent.cloudRun(number);
    grants.push({
      project: connectorProject,
      role: VPC_ACCESS_USER_ROLE,
      email,
      name: grantName.hostVpcAccessUser(connectorProject, email),
      why: 'the existing connector',
    });
  }
  const kccAccount = model.delivery.configConnectorServiceAccount;
  if (model.subnets.workload.needed && kccAccount !== undefined) onSubnet('workload', kccAccount, 'the load balancers');
  return grants;
}
