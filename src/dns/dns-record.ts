import { Construct } from 'constructs';
import { DnsRecordSet } from '../../imports/dns.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { recordSetName } from '../names';
import { KccScope } from '../kcc';
import { KccRef } from '../network/network';
import { DEFAULTS } from '../defaults';

/** What a record answers: literal data, or the address of a `ComputeAddress` in the output. */
export type RecordData = { readonly rrdatas: readonly string[] } | { readonly addressName: string };

/** A zone records go in, as they reference it (`PrivateDnsZone` is one). */
export interface IDnsZone {
  /** Name of the zone resource. */
  readonly name: string;
  /** Where its records are created: the zone's project. */
  readonly kccScope: KccScope;
  /** How a record references the zone: by name when it is in the output, else by path. */
  readonly ref: KccRef;
  /** The full name of `label` in the zone; `@` is the apex. */
  fqdn(label: string): string;
}

export interface DnsRecordProps {
  readonly zone: IDnsZone;
  /** Label inside the zone (`server-service`, `*`), or `@` for the zone's apex. */
  readonly label: string;
  readonly type: 'A' | 'CNAME';
  readonly data: RecordData;
  /** @default 300 */
  readonly ttl?: number;
}

/**
 * One record set in a private zone. A record that points at a ComputeAddress references it, so it follows
 * the address Config Connector reports instead of repeating it.
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/dns/dnsrecordset
 */
export class DnsRecord extends Construct {
  public readonly fqdn: string;

  constructor(scope: Construct, id: string, props: DnsRecordProps) {
    super(scope, id);
    const zone = props.zone;
    this.fqdn = zone.fqdn(props.label);
    const data = props.data;
    new DnsRecordSet(this, 'Resource', {
      // Kubernetes names only (a record set has no GCP name besides its DNS name): zone, label and type.
      metadata: kccMetadata(recordSetName(zone.name, props.label, props.type), zone.kccScope),
      spec: {
        name: this.fqdn,
        type: props.type,
        ttl: props.ttl ?? DEFAULTS.constructs.dnsRecord.ttl,
        managedZoneRef: zone.ref,
        ...('rrdatas' in data ? { rrdatas: [...data.rrdatas] } : { rrdatasRefs: [{ kind: 'ComputeAddress', name: data.addressName }] }),
      },
    });
  }
}
