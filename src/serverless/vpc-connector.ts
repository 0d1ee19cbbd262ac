import { Construct } from 'constructs';
import { VpcAccessConnector } from '../../imports/vpcaccess.cnrm.cloud.google.com';
import { kccMetadata } from '../kcc';
import { resourcePath } from '../names';
import { parseCidr } from '../cidr';
import { Subnet } from '../network/subnet';
import { validateName } from '../check/name-check';
import { CONNECTOR_LIMITS, ConnectorMachineType, connectorInstanceProblems } from '../input/connector-limits';

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
}

/**
 * A Serverless VPC Access connector: a small group of VMs that carry Cloud Run egress into the VPC.
 * @see https://cloud.google.com/run/docs/configuring/vpc-connectors
 */
export class VpcConnector extends Construct {
  public readonly name: string;
  public readonly region: string;
  public readonly project: string;
  public readonly resource: VpcAccessConnector;

  constructor(scope: Construct, id: string, props: VpcConnectorProps) {
    super(scope, id);
    const { subnet } = props;
    this.name = props.name;
    this.region = subnet.region;
    this.project = subnet.network.project;
    const minInstances = props.minInstances ?? 2;
    const maxInstances = props.maxInstances ?? 3;
    validateName(this, 'connector', props.name);
    this.node.addValidation({
      validate: () => {
        const problems = connectorInstanceProblems(minInstances, maxInstances).map(([f, m]) => `${f}: ${m}`);
        if (parseCidr(subnet.cidr).prefix !== CONNECTOR_LIMITS.subnetPrefix) {
          problems.push(`subnet: ${subnet.name} is ${subnet.cidr}; a connector needs its own /28`);
        }
        return problems;
      },
    });
    this.resource = new VpcAccessConnector(this, 'Resource', {
      metadata: kccMetadata(props.name, subnet.network.kccScope),
      spec: {
        location: subnet.region,
        projectRef: { external: resourcePath.project(this.project) },
        subnet: { nameRef: { name: subnet.name } },
        machineType: props.machineType ?? 'e2-micro',
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
}
