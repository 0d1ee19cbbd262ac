import { Construct } from 'constructs';
import { ComputeBackendService } from '../../imports/compute.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { derivedName, inRegion } from '../names';
import { validateName } from '../check/name-check';
import { ServerlessNeg } from './serverless-neg';

/** One region a service runs in, as its cross-region backend sees it. */
export interface CrossRegionBackendRegion {
  readonly region: string;
  /** The topology's first region: the NEG keeps the one-region name (`<service>-neg`). */
  readonly primary: boolean;
  /**
   * Name of the service's RunService object in this region, when it is in the same output (Config Connector format).
   * @default - the service is deployed by gcloud and referenced by its name
   */
  readonly runServiceObject?: string;
}

export interface CrossRegionServerlessBackendProps {
  readonly scope: KccScope;
  /** Name of the Cloud Run service, the same in every region; the NEGs' and backend service's names derive from it. */
  readonly service: string;
  /** The regions it runs in, at least two: one serverless NEG each. */
  readonly regions: readonly CrossRegionBackendRegion[];
}

/**
 * Outlier detection of a cross-region backend service. Without it the proxies never leave a failing region's NEG: "Traffic
 * is sent to the failover region only if outlier detection is enabled and the local NEG is unhealthy"
 * (https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless). Every field is the
 * API's documented default written out (compute v1 OutlierDetection: baseEjectionTime 30 s, interval 1 s,
 * consecutiveErrors 5, consecutiveGatewayFailure 3, enforcingConsecutiveGatewayFailure 100, maxEjectionPercent 50),
 * except `enforcingConsecutiveErrors`, whose default 0 would never eject a region that answers 5xx: 100 ejects it.
 * With two regions, 50 % lets one NEG be ejected and keeps the other.
 */
export const CROSS_REGION_OUTLIER_DETECTION = {
  baseEjectionTime: { seconds: 30 },
  interval: { seconds: 1 },
  consecutiveErrors: 5,
  enforcingConsecutiveErrors: 100,
  consecutiveGatewayFailure: 3,
  enforcingConsecutiveGatewayFailure: 100,
  maxEjectionPercent: 50,
} as const;

/**
 * A Cloud Run service running in several regions, as a cross-region internal Application Load Balancer sees it: one
 * serverless NEG per region (`<service>-neg` in the first region, `<service>-neg-<region>` in later ones) and one
 * global `INTERNAL_MANAGED` backend service (`<service>-bes`) with a backend per NEG and outlier detection. Proxies
 * prefer the NEG of their own region and fail over to another when outlier detection ejects it.
 * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
 */
export class CrossRegionServerlessBackend extends Construct {
  /** Name of the global backend service, for URL maps. */
  public readonly backendServiceName: string;
  /** One NEG per region, in the order given. */
  public readonly negs: readonly ServerlessNeg[];

  constructor(scope: Construct, id: string, props: CrossRegionServerlessBackendProps) {
    super(scope, id);
    const { service } = props;
    const kcc = props.scope;
    const regions = new Set(props.regions.map((r) => r.region));
    if (regions.size !== props.regions.length) throw new Error(`CrossRegionServerlessBackend ${service}: a region is listed twice`);
    if (props.regions.length < 2) throw new Error(`CrossRegionServerlessBackend ${service}: needs at least two regions`);
    this.backendServiceName = derivedName.backendService(service);
    validateName(this, 'backendService', this.backendServiceName);
    this.negs = props.regions.map(
      (r) =>
        new ServerlessNeg(this, `Neg-${r.region}`, {
          scope: kcc,
          name: inRegion(derivedName.neg(service), r.region, r.primary),
          region: r.region,
          service,
          ...(r.runServiceObject !== undefined ? { serviceInOutput: true, serviceObjectName: r.runServiceObject } : {}),
        }),
    );
    new ComputeBackendService(this, 'BackendService', {
      metadata: kccMetadata(this.backendServiceName, kcc),
      spec: {
        // A global backend service: what a cross-region internal Application Load Balancer's URL map routes to
        // (`gcloud compute backend-services create --global --load-balancing-scheme=INTERNAL_MANAGED`, in the guide above).
        location: 'global',
        loadBalancingScheme: 'INTERNAL_MANAGED',
        protocol: 'HTTP',
        // Request logs, as on a regional backend service (see ServerlessBackend).
        logConfig: { enable: true, sampleRate: 1 },
        outlierDetection: { ...CROSS_REGION_OUTLIER_DETECTION },
        // timeoutSec, healthChecks and maxUtilization stay unset for serverless NEG backends, as on a regional backend
        // service (see ServerlessBackend); serverless NEGs take no health check, so outlier detection is the failover signal.
        backend: this.negs.map((neg) => ({
          group: { networkEndpointGroupRef: { external: neg.path } },
          // The provider's defaults for a global backend service's backend (google_compute_backend_service: balancing_mode
          // UTILIZATION, capacity_scaler 1), written out as on the regional one; serverless NEGs refuse RATE
          // (cloud-foundation-fabric #1801: "Balancing mode is not supported for Serverless network endpoint groups").
          balancingMode: 'UTILIZATION',
          capacityScaler: 1,
        })),
      },
    });
  }
}
