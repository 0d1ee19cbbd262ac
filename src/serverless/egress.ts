import { RunAnnotation } from '../annotations';
import { EgressRoute } from '../choices';
import { Subnet } from '../network/subnet';
import { IVpcConnector } from './vpc-connector';
import { DEFAULTS } from '../defaults';

// Defined once with the topology file's choices (src/input/choices.ts), offered here beside VpcEgress.
export { EgressRoute };

/** How a Cloud Run service sends traffic into the VPC: not at all, through a connector, or Direct VPC egress. */
export abstract class VpcEgress {
  /** No VPC egress: the service cannot reach internal addresses. */
  public static none(): VpcEgress {
    return new NoEgress();
  }

  /**
   * Serverless VPC Access: egress through a connector's VMs.
   * @see https://cloud.google.com/run/docs/configuring/vpc-connectors
   */
  public static connector(connector: IVpcConnector, route: EgressRoute = DEFAULTS.egress.route): VpcEgress {
    return new ConnectorEgress(connector, route);
  }

  /**
   * Direct VPC egress: instances get addresses in `subnet`, no VMs in between.
   * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc
   */
  public static directVpc(subnet: Subnet, route: EgressRoute = DEFAULTS.egress.route): VpcEgress {
    return new DirectVpcEgress(subnet, route);
  }

  /** The route, or `undefined` without VPC egress. */
  public abstract readonly route?: EgressRoute;

  /** @internal revision-template annotations (Knative) */
  public abstract _annotations(): Record<string, string>;

  /** @internal `template.vpcAccess` of a Config Connector RunService, or undefined without VPC egress */
  public abstract _vpcAccess(): Record<string, unknown> | undefined;
}

/** Config Connector's names for the routes. */
const KCC_EGRESS: Record<EgressRoute, string> = {
  [EgressRoute.PRIVATE_RANGES_ONLY]: 'PRIVATE_RANGES_ONLY',
  [EgressRoute.ALL_TRAFFIC]: 'ALL_TRAFFIC',
};

class NoEgress extends VpcEgress {
  public readonly route = undefined;
  public _annotations(): Record<string, string> {
    return {};
  }
  public _vpcAccess(): undefined {
    return undefined;
  }
}

class ConnectorEgress extends VpcEgress {
  constructor(
    private readonly connector: IVpcConnector,
    public readonly route: EgressRoute,
  ) {
    super();
  }
  public _annotations(): Record<string, string> {
    return { [RunAnnotation.VPC_CONNECTOR]: this.connector.path, [RunAnnotation.VPC_EGRESS]: this.route };
  }
  public _vpcAccess(): Record<string, unknown> {
    return { connectorRef: this.connector.ref, egress: KCC_EGRESS[this.route] };
  }
}

class DirectVpcEgress extends VpcEgress {
  constructor(
    private readonly subnet: Subnet,
    public readonly route: EgressRoute,
  ) {
    super();
  }
  public _annotations(): Record<string, string> {
    // Cloud Run takes a JSON array holding exactly one interface. An existing network (a Shared VPC host's) is named
    // by full path, which Cloud Run requires for a network in another project:
    // https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc
    const networkInterfaces = JSON.stringify([
      this.subnet.existing
        ? { network: this.subnet.network.path, subnetwork: this.subnet.path }
        : { network: this.subnet.network.name, subnetwork: this.subnet.name },
    ]);
    return { [RunAnnotation.NETWORK_INTERFACES]: networkInterfaces, [RunAnnotation.VPC_EGRESS]: this.route };
  }
  public _vpcAccess(): Record<string, unknown> {
    return {
      networkInterfaces: [{ networkRef: this.subnet.network.ref, subnetworkRef: this.subnet.ref }],
      egress: KCC_EGRESS[this.route],
    };
  }
}
