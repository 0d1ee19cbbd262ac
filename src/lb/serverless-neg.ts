import { Construct } from 'constructs';
import { ComputeRegionNetworkEndpointGroup } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { resourcePath } from '../names';
import { validateName } from '../check/name-check';
import { DEFAULTS } from '../defaults';

export interface ServerlessNegProps {
  readonly scope: KccScope;
  /** Name of the network endpoint group. */
  readonly name: string;
  /** Region of the NEG; the same as the Cloud Run service's. */
  readonly region: string;
  /** Name of the Cloud Run service the NEG points at. */
  readonly service: string;
  /**
   * The service is a Config Connector RunService in the same output, referenced by name (so Config Connector
   * waits for it); otherwise it is deployed by `gcloud run services replace` and referenced as external.
   * @default false
   */
  readonly serviceInOutput?: boolean;
  /**
   * With `serviceInOutput`: the RunService object's name, when it differs from the service's (a later region's
   * `<service>-<region>`).
   * @default - `service`
   */
  readonly serviceObjectName?: string;
}

/**
 * A serverless network endpoint group that sends a load balancer's traffic to one Cloud Run service.
 * @see https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts
 */
export class ServerlessNeg extends Construct {
  public readonly name: string;
  public readonly region: string;
  public readonly project: string;
  public readonly service: string;
  public readonly resource: ComputeRegionNetworkEndpointGroup;

  constructor(scope: Construct, id: string, props: ServerlessNegProps) {
    super(scope, id);
    this.name = props.name;
    this.region = props.region;
    this.project = props.scope.project;
    this.service = props.service;
    validateName(this, 'neg', props.name);
    this.resource = new ComputeRegionNetworkEndpointGroup(this, 'Resource', {
      metadata: kccMetadata(props.name, props.scope),
      spec: {
        region: props.region,
        networkEndpointType: 'SERVERLESS',
        cloudRun: {
          serviceRef:
            (props.serviceInOutput ?? DEFAULTS.constructs.loadBalancer.serviceInOutput)
              ? { name: props.serviceObjectName ?? props.service }
              : { external: props.service },
        },
      },
    });
  }

  /**
   * The path a regional backend service must use: Config Connector resolves `name` references only to
   * zonal NEGs (k8s-config-connector #704).
   */
  public get path(): string {
    return resourcePath.regionNeg(this.project, this.region, this.name);
  }
}
