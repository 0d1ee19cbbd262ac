import { Construct } from 'constructs';
import { ComputeNetwork } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { validateName } from '../check/name-check';
import { resourcePath } from '../names';
import { DEFAULTS } from '../defaults';

/** A Config Connector reference: to an object in the output by name, or to an existing resource by path. */
export type KccRef = { readonly name: string } | { readonly external: string };

export interface ExistingNetworkProps extends KccScope {
  /** Name of the existing VPC network. */
  readonly name: string;
  /**
   * The project objects attached to the network are created in: NAT, private zones, private services access. On a
   * Shared VPC that is the host project, which owns the network.
   */
  readonly project: string;
}

export interface NetworkProps extends KccScope {
  /**
   * Name of the VPC network in GCP.
   * @see https://cloud.google.com/vpc/docs/create-modify-vpc-networks
   */
  readonly name: string;
  /**
   * Dynamic routing mode of the network's Cloud Routers.
   * @default 'REGIONAL'
   */
  readonly routingMode?: 'REGIONAL' | 'GLOBAL';
}

/**
 * A custom-mode VPC network: no auto subnets, so every range in it is one runnel chose and checked.
 * @see https://cloud.google.com/vpc/docs/vpc#subnet-ranges
 */
export class Network extends Construct {
  /**
   * A network that exists already (one the network team owns, or a Shared VPC's in its host project): it emits
   * nothing, and everything on it references it by path, the way aws-cdk's `Vpc.fromVpcAttributes` lets a stack
   * use a VPC it does not own.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingNetworkProps): Network {
    return new Network(scope, id, props, true);
  }

  public readonly name: string;
  /** The project that owns the network. */
  public readonly project: string;
  public readonly namespace?: string;
  public readonly abandonStateful?: boolean;
  /** Whether the network exists already (`fromExisting`): then no object is emitted for it. */
  public readonly existing: boolean;
  /** The ComputeNetwork; none for an existing network. */
  public readonly resource?: ComputeNetwork;

  constructor(scope: Construct, id: string, props: NetworkProps);
  /** @internal */
  constructor(scope: Construct, id: string, props: NetworkProps, existing: boolean);
  constructor(scope: Construct, id: string, props: NetworkProps, existing = false) {
    super(scope, id);
    this.name = props.name;
    this.project = props.project;
    this.namespace = props.namespace;
    this.abandonStateful = props.abandonStateful;
    this.existing = existing;
    validateName(this, 'network', props.name);
    if (existing) return;
    this.resource = new ComputeNetwork(this, 'Resource', {
      metadata: kccMetadata(props.name, props, { stateful: true }),
      spec: {
        autoCreateSubnetworks: false,
        routingMode: props.routingMode ?? DEFAULTS.constructs.network.routingMode,
      },
    });
  }

  /** `projects/<project>/global/networks/<name>` */
  public get path(): string {
    return resourcePath.network(this.project, this.name);
  }

  /**
   * How Config Connector objects reference the network: by name when it is in the output, else by path (the
   * `networkRef.external` form of the CRDs, e.g. ComputeForwardingRule's "projects/{{projectID}}/global/networks/{{networkID}}").
   */
  public get ref(): KccRef {
    return this.existing ? { external: this.path } : { name: this.name };
  }

  /** The scope Config Connector objects attached to this network share. */
  public get kccScope(): KccScope {
    return { project: this.project, namespace: this.namespace, abandonStateful: this.abandonStateful };
  }
}
