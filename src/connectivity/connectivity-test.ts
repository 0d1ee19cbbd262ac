import { Construct } from 'constructs';
import { NetworkManagementConnectivityTest } from '../../imports/networkmanagement.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { resourcePath } from '../names';
import { Network } from '../network/network';
import { validateName } from '../check/name-check';

export interface ConnectivityTestProps {
  /** Where the test lives: the project of the caller (a Shared VPC's service project, not the host). */
  readonly scope: KccScope;
  /** The network both ends are in (created or existing, in this project or a Shared VPC host); the source address is in it. */
  readonly network: Network;
  /** Test ID: 1-40 lowercase letters, digits and hyphens. */
  readonly name: string;
  /** Region of the Redis instance, when the destination is one. */
  readonly region: string;
  /** What the test proves, for whoever reads its result (at most 512 characters). */
  readonly description: string;
  /** An address of the caller's egress subnet (Direct VPC or connector). */
  readonly sourceAddress: string;
  /** The load balancer's or endpoint's address. Exactly one of `destinationAddress` and `redisInstance`. */
  readonly destinationAddress?: string;
  /** Name of a Memorystore for Redis instance in `region`. Exactly one of `destinationAddress` and `redisInstance`. */
  readonly redisInstance?: string;
  /** TCP port the callee listens on. */
  readonly port: number;
}

/**
 * A Network Intelligence Center Connectivity Test: Google's reachability analysis of one path in the live network
 * (routes, firewall rules, load balancer configuration), re-run when the configuration changes. runnel emits one
 * per declared call and use, so what `runnel check` proves offline is checked again after deploy.
 *
 * The source is an internal address with its VPC network (the form the API asks for an address inside a VPC); the
 * destination an address and port, or a Redis instance by its resource name. Connectivity Tests are global
 * resources (`projects/{project}/locations/global/connectivityTests/{test}`), so `location` is `global`.
 * @see https://cloud.google.com/network-intelligence-center/docs/connectivity-tests/concepts/overview
 * @see https://cloud.google.com/network-intelligence-center/docs/reference/networkmanagement/rest/v1/projects.locations.global.connectivityTests
 */
export class ConnectivityTest extends Construct {
  public readonly resource: NetworkManagementConnectivityTest;

  constructor(scope: Construct, id: string, props: ConnectivityTestProps) {
    super(scope, id);
    if ((props.destinationAddress === undefined) === (props.redisInstance === undefined)) {
      throw new Error(`ConnectivityTest ${props.name}: exactly one of destinationAddress and redisInstance`);
    }
    const kcc = props.scope;
    validateName(this, 'connectivityTest', props.name);
    const project = { external: kcc.project };
    // On a Shared VPC the network lives in the host project: the API then needs the caller's project on the source
    // and the host among the related projects (ConnectivityTest.relatedProjects; Endpoint.projectId).
    const host = props.network.project !== kcc.project ? props.network.project : undefined;
    this.resource = new NetworkManagementConnectivityTest(this, 'Resource', {
      metadata: kccMetadata(props.name, kcc),
      spec: {
        projectRef: project,
        location: 'global',
        // The API caps descriptions at 512 characters (ConnectivityTest.description).
        description: props.description.slice(0, 512),
        protocol: 'TCP',
        ...(host !== undefined ? { relatedProjects: [{ external: host }] } : {}),
        source: {
          ipAddress: props.sourceAddress,
          // An internal source address needs its VPC network (Endpoint, "source" in the REST reference).
          computeNetworkRef: props.network.ref,
          networkType: 'GCP_NETWORK',
          projectRef: project,
        },
        destination: {
          ...(props.redisInstance !== undefined
            ? { redisInstance: resourcePath.redisInstance(kcc.project, props.region, props.redisInstance) }
            : { ipAddress: props.destinationAddress }),
          port: props.port,
          computeNetworkRef: props.network.ref,
          projectRef: project,
        },
      },
    });
  }
}
