import { Construct } from 'constructs';
import { DnsRecordSet } from '../../imports/dns.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { recordSetName } from '../names';
import { KccScope } from '../kcc';
import { KccRef } from '../network/network';
import { DEFAULTS } from '../defaults';

/** One load balancer frontend a geo item answers with, when Cloud DNS finds it healthy. */
export interface HealthCheckedFrontend {
  /** Name of the frontend's ComputeAddress in the output. */
  readonly addressName: string;
  /** Port of its forwarding rule (`80`, `443`). */
  readonly port: string;
  /**
   * The load balancer's kind, as Cloud DNS names it (DNSRecordSet CRD, `loadBalancerType`: regionalL4ilb,
   * regionalL7ilb, globalL7ilb).
   */
  readonly loadBalancerType: 'regionalL7ilb' | 'globalL7ilb';
  /** Its network, by reference. */
  readonly network: { readonly name?: string; readonly external?: string };
  /** Its project. */
  readonly project: string;
}

/** The answer for queries from one region: the frontends of that region, health checked. */
export interface GeoItem {
  /** The region queries come from. */
  readonly location: string;
  readonly frontends: readonly HealthCheckedFrontend[];
}

/**
 * What a record answers: literal data, the address of a `ComputeAddress` in the output, or a geolocation routing
 * policy with one item per region (each region's callers get their own region's frontend, the next nearest healthy
 * one when it fails).
 */
export type RecordData = { readonly rrdatas: readonly string[] } | { readonly addressName: string } | { readonly geo: readonly GeoItem[] };

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
        ...recordData(data),
      },
    });
  }
}

function recordData(data: RecordData) {
  if ('rrdatas' in data) return { rrdatas: [...data.rrdatas] };
  if ('addressName' in data) return { rrdatasRefs: [{ kind: 'ComputeAddress', name: data.addressName }] };
  return {
    // Geolocation routing: a private zone answers a query with the item of the region the querying VM is in, or the
    // nearest one; with health-checked targets, Cloud DNS leaves an unhealthy frontend out and answers with the next
    // nearest region's (https://cloud.google.com/dns/docs/routing-policies-overview). For internal Application Load
    // Balancers it checks the load balancer itself, not its backends. Only health-checked targets, no plain rrdatas:
    // a policy may not mix health-checked and unchecked addresses (same page). The fields are the DNSRecordSet CRD's
    // `routingPolicy.geo[].healthCheckedTargets.internalLoadBalancers`; `regionRef` is left out for `globalL7ilb`, as
    // Cloud Foundation Fabric's cross-region DNS recipe (net-lb-app-int-cross-region) leaves it out.
    routingPolicy: {
      geo: data.geo.map((item) => ({
        location: item.location,
        healthCheckedTargets: {
          internalLoadBalancers: item.frontends.map((f) => ({
            ipAddressRef: { name: f.addressName },
            ipProtocol: 'tcp',
            loadBalancerType: f.loadBalancerType,
            networkRef: { ...f.network },
            port: f.port,
            projectRef: { external: f.project },
          })),
        },
      })),
    },
  };
}
