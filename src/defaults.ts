import { derivedName } from './names';
import { EgressRoute, Ingress, ServiceFormat, SubnetPurpose } from './choices';

/** Cloud Run's own probe defaults, which a startup probe written the old way (`startupProbe`) shares. */
const PROBE = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 } as const;

/**
 * Every default, once: what a field means when it is not written. The resolver (src/model/resolve.ts) applies
 * these to the topology file, the constructs to their props, and the editor schema (scripts/editor-schema.ts)
 * writes them as the fields' `default`. One section per interface of the topology file's contract, named after it
 * (`ServiceSpec` → `service`), then `constructs`: props only TypeScript users set. src/input/defaults.ts checks
 * each section's names and types against the contract. test/input/defaults.unit.ts holds every TSDoc `@default` of the topology
 * file's contract and of the construct props equal to an entry here, and every entry documented.
 *
 * Some entries are Cloud Run's own defaults (the probe timings, a traffic share's percent, `readOnly`): runnel does
 * not write them, and lists them so the docs and the editor schema cannot drift from what Cloud Run does.
 */
export const DEFAULTS = {
  topology: { backends: [], secrets: [] },
  network: { existing: false },
  /**
   * Default subnet ranges: disjoint, inside 10.10.0.0/20, each sized for its job.
   * - directVpc /22: Direct VPC egress holds about 2 addresses per instance in blocks of 16; a /22 fits five
   *   services at Cloud Run's default 100 instances.
   * - connector /28: the only size a connector takes.
   * - proxyOnly /23: Google's recommended size for a proxy-only subnet (at least /26).
   */
  subnets: {
    workload: { cidr: '10.10.0.0/24' },
    directVpc: { cidr: '10.10.4.0/22' },
    connector: { cidr: '10.10.8.0/28' },
    proxyOnly: { cidr: '10.10.10.0/23' },
    // Beside the regional proxy-only subnet, for the cross-region internal load balancers; the same recommended size.
    globalProxyOnly: { cidr: '10.10.12.0/23' },
  },
  subnet: { privateGoogleAccess: true },
  connector: { minInstances: 2, maxInstances: 3, machineType: 'e2-micro' },
  /** Room for many producer services (Cloud SQL, Memorystore) on one connection; Google suggests /16 or /20. */
  privateServiceAccess: { cidr: '10.30.0.0/20' },
  /** On a new network; an existing network's NAT is the estate's (`enabled` is then false). */
  nat: { enabled: true },
  service: {
    ingress: Ingress.INTERNAL,
    internet: false,
    calls: [],
    access: 'load-balancer',
    port: 8080,
    env: {},
    secrets: {},
    uses: [],
    public: false,
    invokers: [],
  },
  egress: { via: 'none', route: EgressRoute.PRIVATE_RANGES_ONLY },
  /** Cloud Run's own default maximum, written out. */
  scaling: { minInstances: 0, maxInstances: 100 },
  /** Service health needs a warm instance per region (https://cloud.google.com/run/docs/configuring/configure-service-health). */
  failover: { minInstancesPerRegion: 1 },
  startupProbe: { periodSeconds: PROBE.periodSeconds, failureThreshold: PROBE.failureThreshold },
  secretRef: { version: 'latest' },
  serviceSettings: { dependsOn: [], sessionAffinity: false, labels: {}, annotations: {}, sidecars: [], volumes: [] },
  containerSettings: { volumeMounts: [] },
  sidecar: { env: {}, dependsOn: [] },
  probe: PROBE,
  secretVolumeItem: { version: 'latest' },
  volume: { cloudStorage: { readOnly: false }, nfs: { readOnly: false } },
  traffic: { percent: 0 },
  /** Memorystore's smallest instance. */
  redis: { tier: 'BASIC', memorySizeGb: 1, version: 'REDIS_7_2', connectMode: 'direct-peering' },
  dns: { runApp: false },
  privateServiceConnect: { name: derivedName.pscEndpoint() },
  loadBalancing: { mode: 'per-service' },
  delivery: {
    cloudRun: ServiceFormat.KNATIVE,
    createNamespace: false,
    abandonStateful: true,
    enableApis: true,
    connectivityTests: false,
  },
  argoCd: { targetRevision: 'HEAD', path: 'dist', project: 'default', namespace: 'argocd', generator: 'list' },
  /** The in-cluster destination: the cluster Argo CD runs in. */
  environment: { cluster: 'https://kubernetes.default.svc', peeredWith: [], values: {} },
  constructs: {
    subnet: { purpose: SubnetPurpose.PRIVATE },
    network: { routingMode: 'REGIONAL' },
    dnsRecord: { ttl: 300 },
    kccMetadata: { stateful: false, pruneLast: false },
    loadBalancer: { serviceInOutput: false },
    /** The name findings give the input. */
    privateTopology: { source: 'topology' },
  },
} as const;

/** Memorystore for Redis serves on this port, always. */
export const REDIS_PORT = 6379;
