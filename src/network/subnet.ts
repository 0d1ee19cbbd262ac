import { Construct } from 'constructs';
import { ComputeSubnetwork } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { validateName } from '../check/name-check';
import { parseCidr } from '../cidr';
import { resourcePath } from '../names';
import { KccRef, Network } from './network';
import { SubnetPurpose } from '../choices';
import { DEFAULTS } from '../defaults';

// Defined once with the other choices (src/input/choices.ts), offered here beside Subnet.
export { SubnetPurpose };

/** Whether a subnet of `purpose` is a proxy-only subnet (regional or cross-region). */
export function isProxyOnly(purpose: SubnetPurpose): boolean {
  return purpose === SubnetPurpose.REGIONAL_MANAGED_PROXY || purpose === SubnetPurpose.GLOBAL_MANAGED_PROXY;
}

export interface SubnetProps {
  /** Network the subnet belongs to. */
  readonly network: Network;
  /** Name of the subnet in GCP. */
  readonly name: string;
  /** Region of the subnet. */
  readonly region: string;
  /**
   * Primary IPv4 range, e.g. `10.10.0.0/24`.
   * @see https://cloud.google.com/vpc/docs/subnets#valid-ranges
   */
  readonly cidr: string;
  /**
   * What the subnet is for.
   * @default SubnetPurpose.PRIVATE
   */
  readonly purpose?: SubnetPurpose;
  /**
   * Private Google Access: lets Direct VPC egress, connectors and VMs without external IPs reach Google APIs
   * and `*.run.app` through the VPC. Not settable on a proxy-only subnet.
   * @see https://cloud.google.com/vpc/docs/private-google-access
   * @default true for `PRIVATE` subnets
   */
  readonly privateGoogleAccess?: boolean;
}

export interface ExistingSubnetProps {
  /** The network the subnet belongs to (usually `Network.fromExisting`). */
  readonly network: Network;
  /** Name of the existing subnet. */
  readonly name: string;
  /** Its region. */
  readonly region: string;
  /** Its primary IPv4 range, as it is: what the checks on addresses and capacity use. */
  readonly cidr: string;
  /**
   * What it is for.
   * @default SubnetPurpose.PRIVATE
   */
  readonly purpose?: SubnetPurpose;
}

/** A subnet of a runnel network, or an existing one (`fromExisting`). */
export class Subnet extends Construct {
  /** A subnet that exists already, in the network's project: it emits nothing and is referenced by path. */
  public static fromExisting(scope: Construct, id: string, props: ExistingSubnetProps): Subnet {
    return new Subnet(scope, id, props, true);
  }

  public readonly name: string;
  public readonly region: string;
  public readonly cidr: string;
  public readonly purpose: SubnetPurpose;
  public readonly network: Network;
  /** Whether the subnet exists already (`fromExisting`): then no object is emitted for it. */
  public readonly existing: boolean;
  /** The ComputeSubnetwork; none for an existing subnet. */
  public readonly resource?: ComputeSubnetwork;

  constructor(scope: Construct, id: string, props: SubnetProps);
  /** @internal */
  constructor(scope: Construct, id: string, props: SubnetProps, existing: boolean);
  constructor(scope: Construct, id: string, props: SubnetProps, existing = false) {
    super(scope, id);
    this.existing = existing;
    parseCidr(props.cidr); // a malformed range can never be valid: fail at once
    this.name = props.name;
    this.region = props.region;
    this.cidr = props.cidr;
    this.network = props.network;
    this.purpose = props.purpose ?? DEFAULTS.constructs.subnet.purpose;
    validateName(this, 'subnet', props.name);
    if (existing) return;
    const proxyOnly = isProxyOnly(this.purpose);
    if (proxyOnly && props.privateGoogleAccess !== undefined) {
      throw new Error(`Subnet ${props.name}: privateGoogleAccess cannot be set on a proxy-only subnet`);
    }
    this.resource = new ComputeSubnetwork(this, 'Resource', {
      metadata: kccMetadata(props.name, props.network.kccScope, { stateful: true }),
      spec: {
        region: props.region,
        ipCidrRange: props.cidr,
        networkRef: props.network.ref,
        purpose: this.purpose,
        // A proxy-only subnet must be ACTIVE to serve, and must not set logConfig or Private Google Access
        // (k8s-config-connector #678). The cross-region kind is ACTIVE too: Cloud Foundation Fabric's net-vpc writes
        // `role = ACTIVE` for its `global = true` proxy-only subnets (net-lb-app-int-cross-region's DNS recipe).
        ...(proxyOnly ? { role: 'ACTIVE' } : { privateIpGoogleAccess: props.privateGoogleAccess ?? DEFAULTS.subnet.privateGoogleAccess }),
      },
    });
  }

  /** `projects/<network project>/regions/<region>/subnetworks/<name>` */
  public get path(): string {
    return resourcePath.subnetwork(this.network.project, this.region, this.name);
  }

  /**
   * How Config Connector objects reference the subnet: by name when it is in the output, else by path (the
   * `subnetworkRef.external` form of the CRDs, "projects/{{projectID}}/regions/{{region}}/subnetworks/{{subnetworkID}}").
   */
  public get ref(): KccRef {
    return this.existing ? { external: this.path } : { name: this.name };
  }
}
