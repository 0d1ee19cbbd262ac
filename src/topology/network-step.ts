import { Construct } from 'constructs';
import { PrivateServiceAccess } from '../backends/private-service-access';
import { GoogleApisEndpoint } from '../connectivity/google-apis-endpoint';
import { KccScope } from '../kcc';
import { TopologyModel } from '../model/model';
import { SubnetRole } from '../names';
import { CloudNat } from '../nat/cloud-nat';
import { Network } from '../network/network';
import { Subnet } from '../network/subnet';
import { IVpcConnector, VpcConnector } from '../serverless/vpc-connector';
import { TopologyFiles } from './files';
import { createLaterRegionNetworks, createSubnet, RegionNetwork, subnetPurposeOf } from './regions';
import { Subnets } from './subnets';

export { Subnets } from './subnets';

export function kccScopeOf(model: TopologyModel): KccScope {
  return { project: model.project, namespace: model.namespace, abandonStateful: model.delivery.abandonStateful };
}

/** Where the network's own objects go (NAT, grants on its subnets, its zones): its project, a Shared VPC's host. */
export function networkScopeOf(model: TopologyModel): KccScope {
  return { ...kccScopeOf(model), project: model.network.project };
}

/** The network and what lives on it, for the steps that attach to it. */
export interface NetworkParts {
  readonly network: Network;
  readonly subnets: Subnets;
  readonly connector?: IVpcConnector;
  readonly privateServiceAccess?: PrivateServiceAccess;
  readonly googleApis?: GoogleApisEndpoint;
  /** The regions after the first (`regions`): their subnets and connectors, by region. */
  readonly laterRegions: ReadonlyMap<string, RegionNetwork>;
}

/**
 * The network, its subnets and connector, Cloud NAT, private services access and the Private Service Connect
 * endpoint for Google APIs. Objects on the network go in its file (`network.yaml` of its project); an existing
 * network's file is written only when something is emitted there.
 */
export function buildNetwork(scope: Construct, files: TopologyFiles, model: TopologyModel): NetworkParts {
  const existing = model.network.existing;
  const networkFile = () => files.of(model.network.project, 'network.yaml');
  const network = existing
    ? Network.fromExisting(scope, 'ExistingNetwork', { name: model.network.name, ...networkScopeOf(model) })
    : new Network(networkFile(), 'Network', { name: model.network.name, ...kccScopeOf(model) });
  const byRole = new Map<SubnetRole, Subnet>();
  for (const s of Object.values(model.subnets).filter((x) => x.needed)) {
    byRole.set(
      s.role,
      existing
        ? Subnet.fromExisting(scope, `ExistingSubnet-${s.role}`, {
            network,
            name: s.name,
            region: model.region,
            cidr: s.cidr,
            purpose: subnetPurposeOf(s.role),
          })
        : createSubnet(networkFile(), `Subnet-${s.role}`, network, model.region, s),
    );
  }
  const subnets = new Subnets(byRole);
  const connector = buildConnector(files, model, subnets);
  if (model.nat.subnets.length > 0) {
    // NAT belongs with the network it serves: same chart, same file.
    new CloudNat(networkFile(), 'Nat', {
      network,
      region: model.region,
      routerName: model.nat.routerName,
      natName: model.nat.name,
      subnets: model.nat.subnets.map((role) => subnets.get(role)),
    });
  }
  // Several regions (multi-region-scope keeps them to a network runnel creates): each later region's subnets, connector
  // and NAT, in the same file.
  const laterRegions =
    model.regions.length > 1 ? createLaterRegionNetworks(networkFile(), model, network) : new Map<string, RegionNetwork>();
  const psa = model.privateServiceAccess;
  const privateServiceAccess = psa.needed
    ? new PrivateServiceAccess(networkFile(), 'PrivateServiceAccess', { network, name: psa.name, cidr: psa.cidr })
    : undefined;
  const googleApis = model.psc
    ? new GoogleApisEndpoint(files.of(model.network.project, 'google-apis.yaml'), 'Endpoint', {
        network,
        name: model.psc.name,
        address: model.psc.address,
        zoneName: model.psc.zoneName,
      })
    : undefined;
  return { network, subnets, connector, privateServiceAccess, googleApis, laterRegions };
}

function buildConnector(files: TopologyFiles, model: TopologyModel, subnets: Subnets): IVpcConnector | undefined {
  if (model.connector.existing !== undefined) return VpcConnector.fromPath(model.connector.existing);
  if (!model.connector.needed) return undefined;
  // On a Shared VPC the connector is the service project's, on the host's subnet: its file is the service
  // project's network file.
  return new VpcConnector(files.of(model.network.shared ? model.project : model.network.project, 'network.yaml'), 'Connector', {
    name: model.connector.name,
    subnet: subnets.get('connector'),
    minInstances: model.connector.minInstances,
    maxInstances: model.connector.maxInstances,
    machineType: model.connector.machineType,
    project: model.project,
  });
}
