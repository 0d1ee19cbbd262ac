import { Construct } from 'constructs';
import { ComputeAddress, ComputeForwardingRule } from '../../imports/compute.cnrm.cloud.google.com';
import { DnsRecord } from '../dns/dns-record';
import { PrivateDnsZone } from '../dns/private-zone';
import { kccMetadata } from '../kcc';
import { resourcePath } from '../names';
import { Network } from '../network/network';
import { validateName } from '../check/name-check';

export interface GoogleApisEndpointProps {
  readonly network: Network;
  /** Endpoint name: 1-20 lowercase letters and digits. Names the address and the forwarding rule. */
  readonly name: string;
  /** Internal address of the endpoint, outside every subnet of the network. */
  readonly address: string;
  /** Name of the private `googleapis.com` zone that sends Google API names to the endpoint. */
  readonly zoneName: string;
}

/**
 * A Private Service Connect endpoint for Google APIs: a global internal address and a global forwarding
 * rule to the `all-apis` bundle, with a private `googleapis.com` zone so the usual API host names resolve
 * to it. An alternative to Private Google Access' shared VIPs: the address is one of the network's own.
 * @see https://cloud.google.com/vpc/docs/configure-private-service-connect-apis
 */
export class GoogleApisEndpoint extends Construct {
  public static readonly BUNDLE = 'all-apis';
  public readonly address: string;
  public readonly zone: PrivateDnsZone;

  constructor(scope: Construct, id: string, props: GoogleApisEndpointProps) {
    super(scope, id);
    this.address = props.address;
    const kcc = props.network.kccScope;
    validateName(this, 'pscEndpoint', props.name);
    new ComputeAddress(this, 'Address', {
      metadata: kccMetadata(props.name, kcc),
      spec: {
        location: 'global',
        addressType: 'INTERNAL',
        purpose: 'PRIVATE_SERVICE_CONNECT',
        address: props.address,
        networkRef: props.network.ref,
      },
    });
    new ComputeForwardingRule(this, 'ForwardingRule', {
      metadata: kccMetadata(props.name, kcc),
      spec: {
        location: 'global',
        // Empty, as a Private Service Connect forwarding rule requires.
        loadBalancingScheme: '',
        networkRef: props.network.ref,
        // By path, not by name: a name reference makes Config Connector send the address literal, while a Private
        // Service Connect rule needs the address resource; Config Connector's own PSC sample and fixture use the path
        // (kcc-samples computeforwardingrule/regional-forwarding-rule-vpc-psc: "PSC forwarding rule requires address's
        // self_link"), in the form the CRD documents for ipAddress.addressRef.external
        // ("projects/{{projectID}}/global/addresses/{{addressID}}"). Config Connector does not wait on a
        // path, so sync waves order the rule after the address (src/delivery/sync-waves.ts).
        ipAddress: { addressRef: { external: resourcePath.globalAddress(kcc.project, props.name) } },
        target: { googleApIsBundle: GoogleApisEndpoint.BUNDLE },
      },
    });
    this.zone = new PrivateDnsZone(this, 'Zone', {
      network: props.network,
      name: props.zoneName,
      dnsName: 'googleapis.com',
      description: `Google APIs through Private Service Connect endpoint ${props.name}`,
    });
    new DnsRecord(this, 'Apex', { zone: this.zone, label: '@', type: 'A', data: { rrdatas: [props.address] } });
    new DnsRecord(this, 'Wildcard', { zone: this.zone, label: '*', type: 'CNAME', data: { rrdatas: [this.zone.dnsName] } });
  }
}
