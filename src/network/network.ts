import { Construct } from 'constructs';
import { ComputeNetwork } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { validateName } from '../check/name-check';

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
  public readonly name: string;
  public readonly project: string;
  public readonly namespace?: string;
  public readonly abandonStateful?: boolean;
  public readonly resource: ComputeNetwork;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.name = props.name;
    this.project = props.project;
    this.namespace = props.namespace;
    this.abandonStateful = props.abandonStateful;
    validateName(this, 'network', props.name);
    this.resource = new ComputeNetwork(this, 'Resource', {
      metadata: kccMetadata(props.name, props, { stateful: true }),
      spec: {
        autoCreateSubnetworks: false,
        routingMode: props.routingMode ?? 'REGIONAL',
      },
    });
  }

  /** The scope Config Connector objects attached to this network share. */
  public get kccScope(): KccScope {
    return { project: this.project, namespace: this.namespace, abandonStateful: this.abandonStateful };
  }
}
