import { Construct } from 'constructs';
import { ComputeAddress } from '../../imports/compute.cnrm.cloud.google.com';
import { ServiceNetworkingConnection } from '../../imports/servicenetworking.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { derivedName } from '../names';
import { parseCidr } from '../cidr';
import { Network } from '../network/network';
import { validateName } from '../check/name-check';

export interface PrivateServiceAccessProps {
  readonly network: Network;
  /** Name of the allocated range (a global address). */
  readonly name: string;
  /** The allocated range, e.g. `10.30.0.0/20`. */
  readonly cidr: string;
}

/**
 * Private services access: a range allocated to Google's producer networks (a global `VPC_PEERING` address)
 * and the Service Networking connection that peers them with the network. Memorystore instances in
 * `PRIVATE_SERVICE_ACCESS` mode and Cloud SQL private IPs take their addresses from it.
 * @see https://cloud.google.com/vpc/docs/configure-private-services-access
 */
export class PrivateServiceAccess extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: PrivateServiceAccessProps) {
    super(scope, id);
    this.name = props.name;
    const range = parseCidr(props.cidr);
    const kcc = props.network.kccScope;
    validateName(this, 'address', props.name);
    new ComputeAddress(this, 'Range', {
      metadata: kccMetadata(props.name, kcc, { stateful: true }),
      spec: {
        location: 'global',
        addressType: 'INTERNAL',
        purpose: 'VPC_PEERING',
        address: props.cidr.split('/')[0],
        prefixLength: range.prefix,
        networkRef: props.network.ref,
      },
    });
    new ServiceNetworkingConnection(this, 'Connection', {
      // One connection per network and producer service: named after the network.
      // Stateful: deleting the peering cuts every Cloud SQL and Memorystore instance that uses it.
      metadata: kccMetadata(derivedName.serviceNetworkingConnection(props.network.name), kcc, { stateful: true }),
      spec: {
        networkRef: props.network.ref,
        service: 'servicenetworking.googleapis.com',
        reservedPeeringRanges: [{ name: props.name }],
      },
    });
  }
}
