import { Construct } from 'constructs';
import { ComputeRouter, ComputeRouterNat } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { Network } from '../network/network';
import { Subnet } from '../network/subnet';
import { validateName } from '../check/name-check';

export interface CloudNatProps {
  readonly network: Network;
  readonly region: string;
  /** Name of the Cloud Router that hosts the NAT gateway. */
  readonly routerName: string;
  /** Name of the NAT gateway. */
  readonly natName: string;
  /**
   * The only subnets whose traffic is translated: the egress subnets of services that route all traffic
   * into the VPC and still need the internet.
   */
  readonly subnets: readonly Subnet[];
}

/**
 * Cloud NAT for serverless egress: a Cloud Router and a NAT gateway with automatically allocated addresses,
 * limited to the listed subnets.
 * @see https://cloud.google.com/run/docs/configuring/static-outbound-ip
 */
export class CloudNat extends Construct {
  constructor(scope: Construct, id: string, props: CloudNatProps) {
    super(scope, id);
    const kcc = props.network.kccScope;
    if (props.subnets.length === 0) throw new Error(`CloudNat ${props.natName}: at least one subnet is required`);
    validateName(this, 'router', props.routerName, 'routerName');
    validateName(this, 'routerNat', props.natName, 'natName');
    new ComputeRouter(this, 'Router', {
      metadata: kccMetadata(props.routerName, kcc),
      spec: { region: props.region, networkRef: props.network.ref },
    });
    new ComputeRouterNat(this, 'Resource', {
      metadata: kccMetadata(props.natName, kcc),
      spec: {
        region: props.region,
        routerRef: { name: props.routerName },
        natIpAllocateOption: 'AUTO_ONLY',
        sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
        subnetwork: props.subnets.map((subnet) => ({
          subnetworkRef: subnet.ref,
          sourceIpRangesToNat: ['ALL_IP_RANGES'],
        })),
      },
    });
  }
}
