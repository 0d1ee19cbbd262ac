import { Construct } from 'constructs';
import { VpcAccessConnector } from '../../imports/vpcaccess.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { parseConnectorPath, resourcePath } from '../names';
import { KccRef } from '../network/network';
import { Subnet } from '../network/subnet';
import { validateName } from '../check/name-check';
import { ConnectorMachineType, connectorInstanceProblems, connectorSubnetProblem } from '../input/connector-limits';
import { DEFAULTS } from '../defaults';

export interface VpcConnectorProps {
  /**
   * Name of the connector: at most 25 characters.
   * @see https://cloud.google.com/vpc/docs/reference/vpcaccess/rest/v1/projects.locations.connectors/create
   */
  readonly name: string;
  /** The connector's own /28 subnet; nothing else may use it. Its network and region are the connector's. */
  readonly subnet: Subnet;
  /**
   * Minimum number of connector VMs (2..9). Connectors never scale down, so keep it small.
   * @default 2
   */
  readonly minInstances?: number;
  /**
   * Maximum number of connector VMs (3..10), greater than `minInstances`.
   * @default 3
   */
  readonly maxInstances?: number;
  /**
   * Machine type of the connector VMs.
   * @default 'e2-micro'
   */
  readonly machineType?: ConnectorMachineType;
  /**
   * Project the connector is created in: on a Shared VPC, a service project may own a connector on a host subnet.
   * @default - the subnet's network's project
   * @see https://cloud.google.com/run/docs/configuring/connecting-shared-vpc
   */
  readonly project?: string;
}

/** A connector services can egress through: one in the output, or an existing one (`VpcConnector.fromPath`). */
export interface IVpcConnector {
  /** The full path Cloud Run's `vpc-access-connector` annotation takes. */
  readonly path: string;
  /** How a Config Connector RunService references it. */
  readonly ref: KccRef;
}

/**
 * A Serverless VPC Access connector: a small group of VMs that carry Cloud Run egress into the VPC.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors
 */
export class VpcConnector extends Construct implements IVpcConnector {
  /**
   * An existing connector by path (`projects/<p>/locations/<region>/connectors/<name>`), e.g. a shared one in a
   * Shared VPC host project: referenced by that path (RunService `connectorRef.external`), never created.
   */
  public static fromPath(path: string): IVpcConnector {
    if (!parseConnectorPath(path))
      throw new Error(`VpcConnector.fromPath: ${path} is not projects/<p>/locations/<region>/connectors/<name>`);
    return { path, ref: { external: path } };
  }

  public readonly name: string;
  public readonly region: string;
  public readonly project: string;
  public readonly resource: VpcAccessConnector;

  constructor(scope: Construct, id: string, props: VpcConnectorProps) {
    super(scope, id);
    const { subnet } = props;
    this.name = props.name;
    this.region = subnet.region;
    this.project = props.project ?? subnet.network.project;
    const crossProject = this.project !== subnet.network.project;
    const minInstances = props.minInstances ?? DEFAULTS.connector.minInstances;
    const maxInstances = props.maxInstances ?? DEFAULTS.connector.maxInstances;
    validateName(this, 'connector', props.name);
    this.node.addValidation({
      validate: () => {
        const problems = connectorInstanceProblems(minInstances, maxInstances).map(([f, m]) => `${f}: ${m}`);
        const subnetProblem = connectorSubnetProblem(subnet.cidr);
        return subnetProblem === undefined ? problems : [...problems, `subnet ${subnet.name}: ${subnetProblem}`];
      },
    });
    this.resource = new VpcAccessConnector(this, 'Resource', {
      metadata: kccMetadata(props.name, { ...subnet.network.kccScope, project: this.project }),
      spec: {
        location: subnet.region,
        projectRef: { external: resourcePath.project(this.project) },
        // A subnet of another project (a Shared VPC host's) is named with its project (the CRD's subnet.projectRef,
        // whose allowed value is the project's name).
        subnet:
          crossProject || subnet.existing
            ? { nameRef: { external: subnet.name }, ...(crossProject ? { projectRef: { external: subnet.network.project } } : {}) }
            : { nameRef: { name: subnet.name } },
        machineType: props.machineType ?? DEFAULTS.connector.machineType,
        // Config Connector needs minInstances and maxInstances (or throughput) set explicitly.
        minInstances,
        maxInstances,
      },
    });
  }

  /** The full connector path Cloud Run's `vpc-access-connector` annotation takes. */
  public get path(): string {
    return resourcePath.connector(this.project, this.region, this.name);
  }

  public get ref(): KccRef {
    return { name: this.name };
  }
}
