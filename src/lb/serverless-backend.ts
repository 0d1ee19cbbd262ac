import { Construct } from 'constructs';
import { ComputeBackendService } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { derivedName } from '../names';
import { validateName } from '../check/name-check';
import { ServerlessNeg } from './serverless-neg';

export interface ServerlessBackendProps {
  readonly scope: KccScope;
  /** Region of the NEG and the backend service; the Cloud Run service's. */
  readonly region: string;
  /** Name of the Cloud Run service; the NEG's and backend service's names derive from it. */
  readonly service: string;
  /**
   * The service is a Config Connector RunService in the same output.
   * @default false
   */
  readonly serviceInOutput?: boolean;
}

/**
 * One Cloud Run service as an internal Application Load Balancer sees it: a serverless NEG and the regional
 * `INTERNAL_MANAGED` backend service over it, which a URL map routes to (a per-service load balancer's default
 * service, or a host rule of the shared one).
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
 */
export class ServerlessBackend extends Construct {
  public readonly neg: ServerlessNeg;
  /** Name of the backend service, for URL maps. */
  public readonly backendServiceName: string;

  constructor(scope: Construct, id: string, props: ServerlessBackendProps) {
    super(scope, id);
    this.neg = addServerlessBackend(this, props);
    this.backendServiceName = derivedName.backendService(props.service);
  }
}

/**
 * The NEG (`Neg`) and backend service (`BackendService`) of a service, created directly in `scope`.
 * @internal
 */
export function addServerlessBackend(scope: Construct, props: ServerlessBackendProps): ServerlessNeg {
  const { region, service } = props;
  const kcc = props.scope;
  const backendService = derivedName.backendService(service);
  validateName(scope, 'backendService', backendService);
  const neg = new ServerlessNeg(scope, 'Neg', {
    scope: kcc,
    name: derivedName.neg(service),
    region,
    service,
    serviceInOutput: props.serviceInOutput,
  });

  new ComputeBackendService(scope, 'BackendService', {
    metadata: kccMetadata(backendService, kcc),
    spec: {
      location: region,
      // The provider's default is INTERNAL (a passthrough load balancer), never what a proxy needs
      // (magic-modules RegionBackendService.yaml: loadBalancingScheme default_value "INTERNAL").
      loadBalancingScheme: 'INTERNAL_MANAGED',
      // Cloud Run speaks HTTP behind the proxy; the API's default, but the provider leaves it to the API
      // (magic-modules RegionBackendService.yaml: protocol `default_from_api`), so it is written down.
      protocol: 'HTTP',
      // Request logs of the internal load balancer (off unless enabled): the audit trail of who called the service,
      // sampled at 100 %, the provider's default rate (https://cloud.google.com/load-balancing/docs/l7-internal/monitoring).
      logConfig: { enable: true, sampleRate: 1 },
      // Left unset on purpose (https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts):
      // - timeoutSec: refused for serverless NEG backends ("Timeout sec is not supported for a backend service with
      //   Serverless network endpoint groups", terraform-google-lb-http #358); Cloud Run's request timeout applies;
      // - healthChecks: serverless NEGs take none;
      // - maxUtilization / maxRate*: refused for serverless NEGs (terraform-google-lb-http #110);
      // - connectionDrainingTimeoutSec: the provider sends 300, which the API accepts for serverless NEG backends
      //   (terraform-google-lb-http #323 sets it on them); sessionAffinity, localityLbPolicy: the API's defaults
      //   (NONE, ROUND_ROBIN) are what a single serverless backend needs, and the provider leaves them to the API.
      // The NEG is referenced by path: see ServerlessNeg.path.
      backend: [
        {
          group: { networkEndpointGroupRef: { external: neg.path } },
          // Config Connector builds regional backend services through the Terraform provider, whose default for an
          // omitted balancingMode was CONNECTION (its recorded request sends "balancingMode": "CONNECTION"), which the
          // API refuses for an HTTP backend service; serverless NEGs take only UTILIZATION
          // (https://cloud.google.com/load-balancing/docs/backend-service#balancing-mode). Cloud Foundation Fabric's
          // net-lb-app-int writes both fields for its serverless backends.
          balancingMode: 'UTILIZATION',
          // Required for non-INTERNAL regional backend services (magic-modules RegionBackendService.yaml, capacityScaler):
          // 1 serves the NEG at full capacity; 0 would drain the only backend.
          capacityScaler: 1,
        },
      ],
    },
  });
  return neg;
}
