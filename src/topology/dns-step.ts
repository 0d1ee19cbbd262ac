import { Construct } from 'constructs';
import { PrivateDnsZone } from '../dns/private-zone';
import { TopologyModel } from '../model/model';
import { NetworkParts } from './network-step';
import { TopologyFiles } from './files';

/**
 * private.googleapis.com: the Private Google Access VIPs a private `run.app` zone points at.
 * @see https://cloud.google.com/vpc/docs/configure-private-google-access#domain-options
 */
export const PRIVATE_GOOGLE_ACCESS_VIPS = ['199.36.153.8', '199.36.153.9', '199.36.153.10', '199.36.153.11'];

/**
 * The private zone of `dns.domain` (created, or an existing one records are added to), and with `dns.runApp` a
 * private `run.app` zone that sends `*.run.app` through the VPC: to the Private Service Connect endpoint when there
 * is one, else to Private Google Access' VIPs. Returns the zone load balancers' records go in.
 */
export function buildDns(scope: Construct, files: TopologyFiles, model: TopologyModel, net: NetworkParts): PrivateDnsZone | undefined {
  const dns = model.dns;
  if (!dns) return undefined;
  const network = net.network;
  const zoneProject = dns.existingZone?.project ?? model.network.project;
  let zone: PrivateDnsZone | undefined;
  if (dns.domain !== undefined && dns.existingZone) {
    zone = PrivateDnsZone.fromExisting(scope, 'ExistingZone', {
      network,
      project: dns.existingZone.project,
      name: dns.existingZone.name,
      dnsName: dns.domain,
    });
  } else if (dns.domain !== undefined) {
    zone = new PrivateDnsZone(files.of(zoneProject, 'dns.yaml'), 'Zone', {
      network,
      name: dns.zoneName,
      dnsName: dns.domain,
      description: 'Internal load balancers of the Cloud Run services',
    });
  }
  if (dns.runAppZoneName) {
    const runAppFile = files.of(model.network.project, 'dns.yaml');
    const runApp = new PrivateDnsZone(runAppFile, 'RunAppZone', {
      network,
      name: dns.runAppZoneName,
      dnsName: 'run.app',
      description: '*.run.app through the VPC',
    });
    const rrdatas = net.googleApis ? [net.googleApis.address] : PRIVATE_GOOGLE_ACCESS_VIPS;
    runApp.addRecord(runAppFile, 'RunAppWildcard', { label: '*', type: 'A', data: { rrdatas } });
  }
  return zone;
}
