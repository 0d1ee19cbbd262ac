import { Construct } from 'constructs';
import { DnsManagedZone } from '../../imports/dns.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { resourcePath } from '../names';
import { KccRef, Network } from '../network/network';
import { validateName } from '../check/name-check';
import { DnsRecord, DnsRecordProps, IDnsZone } from './dns-record';

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

export interface ExistingDnsZoneProps {
  /** The network the zone is bound to. */
  readonly network: Network;
  /** Project of the zone (a Shared VPC host's, often). */
  readonly project: string;
  /** Name of the zone resource. */
  readonly name: string;
  /** DNS name it answers for (the trailing dot is added). */
  readonly dnsName: string;
}

/**
 * A private Cloud DNS zone, visible only to one VPC network. Cloud Run services resolve it when their DNS
 * queries go through the VPC (Direct VPC egress or a connector).
 * @see https://cloud.google.com/dns/docs/zones#create-private-zone
 */
export class PrivateDnsZone extends Construct implements IDnsZone {
  /**
   * A zone that exists already (one the network team owns): records are added to it by path
   * (DNSRecordSet `managedZoneRef.external`, "projects/{{projectID}}/managedZones/{{zone}}"), and it emits nothing.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingDnsZoneProps): PrivateDnsZone {
    return new PrivateDnsZone(scope, id, props, props.project);
  }

  public readonly name: string;
  /** The zone's DNS name with its trailing dot. */
  public readonly dnsName: string;
  public readonly network: Network;
  /** The project of the zone. */
  public readonly project: string;
  /** Whether the zone exists already (`fromExisting`). */
  public readonly existing: boolean;

  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps);
  /** @internal */
  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps, existingIn: string);
  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps, existingIn?: string) {
    super(scope, id);
    this.name = props.name;
    this.network = props.network;
    this.project = existingIn ?? props.network.project;
    this.existing = existingIn !== undefined;
    this.dnsName = props.dnsName.endsWith('.') ? props.dnsName : `${props.dnsName}.`;
    validateName(this, 'dnsZone', props.name);
    if (this.existing) return;
    new DnsManagedZone(this, 'Resource', {
      metadata: kccMetadata(props.name, props.network.kccScope),
      spec: {
        dnsName: this.dnsName,
        visibility: 'private',
        privateVisibilityConfig: { networks: [{ networkRef: props.network.ref }] },
        ...(props.description ? { description: props.description } : {}),
      },
    });
  }

  /** Where records in the zone are created: the zone's project. */
  public get kccScope(): KccScope {
    return { ...this.network.kccScope, project: this.project };
  }

  /** How a record references the zone: by name when it is in the output, else by path. */
  public get ref(): KccRef {
    return this.existing ? { external: resourcePath.managedZone(this.project, this.name) } : { name: this.name };
  }

  /** The full name of `label` in this zone: `server-service` → `server-service.internal.acme.example.`; `@` is the apex. */
  public fqdn(label: string): string {
    return label === '@' ? this.dnsName : `${label}.${this.dnsName}`;
  }

  /**
   * Adds a record to the zone. It goes in `scope` (the file of what it names, so a service's record is reviewed
   * and removed with the service), and in the zone's project.
   */
  public addRecord(scope: Construct, id: string, props: Omit<DnsRecordProps, 'zone'>): DnsRecord {
    return new DnsRecord(scope, id, { ...props, zone: this });
  }
}
