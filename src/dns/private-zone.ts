import { Construct } from 'constructs';
import { DnsManagedZone } from '../../imports/dns.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { Network } from '../network/network';
import { validateName } from '../check/name-check';

export interface PrivateDnsZoneProps {
  /** The network whose resources (and Cloud Run services egressing into it) resolve the zone. */
  readonly network: Network;
  /** Name of the Cloud DNS zone resource. */
  readonly name: string;
  /** DNS name the zone answers for, e.g. `internal.acme.example` (the trailing dot is added). */
  readonly dnsName: string;
  /** @default - none */
  readonly description?: string;
}

/**
 * A private Cloud DNS zone, visible only to one VPC network. Cloud Run services resolve it when their DNS
 * queries go through the VPC (Direct VPC egress or a connector).
 * @see https://cloud.google.com/dns/docs/zones#create-private-zone
 */
export class PrivateDnsZone extends Construct {
  public readonly name: string;
  /** The zone's DNS name with its trailing dot. */
  public readonly dnsName: string;
  public readonly network: Network;

  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps) {
    super(scope, id);
    this.name = props.name;
    this.network = props.network;
    this.dnsName = props.dnsName.endsWith('.') ? props.dnsName : `${props.dnsName}.`;
    validateName(this, 'dnsZone', props.name);
    new DnsManagedZone(this, 'Resource', {
      metadata: kccMetadata(props.name, props.network.kccScope),
      spec: {
        dnsName: this.dnsName,
        visibility: 'private',
        privateVisibilityConfig: { networks: [{ networkRef: { name: props.network.name } }] },
        ...(props.description ? { description: props.description } : {}),
      },
    });
  }

  /** The full name of `label` in this zone: `server-service` → `server-service.internal.acme.example.`; `@` is the apex. */
  public fqdn(label: string): string {
    return label === '@' ? this.dnsName : `${label}.${this.dnsName}`;
  }
}
