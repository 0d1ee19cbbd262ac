import {
  ArgoCdGenerator,
  CalleeAccess,
  ConnectorMachineType,
  EgressRoute,
  EgressVia,
  Ingress,
  LoadBalancingMode,
  RedisConnectMode,
  RedisTier,
  ServiceFormat,
} from '../choices';
import { ServiceSettingsSpec } from './service-settings';

/**
 * The topology file's contract: what users write in `topology.yaml`, and what `PrivateTopology` takes from
 * TypeScript. Field names and defaults here are the documentation; `schema.ts` is checked against these types.
 */

// The choices are defined once, in choices.ts; these are their names in the topology file's contract.
export type IngressSetting = Ingress;
export type EgressRouteSetting = EgressRoute;
export type CloudRunFormat = ServiceFormat;
export type { ArgoCdGenerator, CalleeAccess, EgressVia, LoadBalancingMode, RedisConnectMode, RedisTier };

export interface TopologySpec {
  /** GCP project ID. */
  readonly project: string;
  /**
   * GCP project number: needed to build `*.run.app` URLs for `access: private-google-access`, and on a Shared VPC
   * (`network.project`), where the service agents that get grants on the host's subnets are named by it.
   * @default - none
   */
  readonly projectNumber?: string;
  /**
   * Region of every service and regional resource, e.g. `asia-northeast1`: the one-region shorthand of `regions`.
   * Exactly one of `region` and `regions`.
   * @default - the first of `regions`
   */
  readonly region?: string;
  /**
   * The topology's regions, the first one first: it keeps every name a one-region topology has, and each later
   * region's objects end in `-<region>`, so adding a region renames nothing. Services run in the first region unless
   * `services[].regions` says otherwise. Exactly one of `region` and `regions`.
   * @default - `[region]`
   * @see https://cloud.google.com/run/docs/multiple-regions
   */
  readonly regions?: readonly string[];
  /**
   * Kubernetes namespace of the Config Connector objects.
   * @default - none: the namespace given to `kubectl apply -n`
   */
  readonly namespace?: string;
  /** The VPC network the services egress into, and the subnets, connector and NAT runnel derives on it. */
  readonly network: NetworkSpec;
  /** The Cloud Run services: what each calls, uses and reads, and how it reaches the VPC. */
  readonly services: readonly ServiceSpec[];
  /**
   * Private backends the services use: Memorystore Redis instances runnel creates, and existing private
   * endpoints (a Cloud SQL private IP, a VM) it only points at.
   * @default []
   */
  readonly backends?: readonly BackendSpec[];
  /**
   * Secret Manager secrets runnel creates (without a value: add versions out of band, e.g. `gcloud secrets
   * versions add`). Services may also reference secrets that already exist without listing them here.
   * @default []
   */
  readonly secrets?: readonly SecretSpec[];
  /**
   * Private DNS: a private zone on the network with a record per internal load balancer, so callers use
   * `http://<service>.<domain>` instead of an address.
   * @default - no private zone: callers get the load balancer's address
   */
  readonly dns?: DnsSpec;
  /**
   * A Private Service Connect endpoint for Google APIs (the `all-apis` bundle), with its private
   * `googleapis.com` zone: an alternative to Private Google Access' shared VIPs.
   * @default - none: Google APIs through Private Google Access
   */
  readonly googleApis?: GoogleApisSpec;
  /**
   * How the internal load balancers are laid out: one per called service, or one shared by all of them.
   * @default - `mode: per-service`
   */
  readonly loadBalancing?: LoadBalancingSpec;
  /** How the output is delivered: the Cloud Run format, the namespace, deletion policy, Argo CD. */
  readonly delivery?: DeliverySpec;
}

export interface DeliverySpec {
  /**
   * How Cloud Run services are written: Knative Services for `gcloud run services replace`, or Config Connector
   * `RunService`s, so one `kubectl apply -f dist/config-connector/` creates the whole topology. A service is
   * written in one format, never both.
   * @default 'knative'
   */
  readonly cloudRun?: CloudRunFormat;
  /**
   * Emit the Namespace of the Config Connector objects, annotated with the project. Needs `namespace`.
   * @default false
   */
  readonly createNamespace?: boolean;
  /**
   * `cnrm.cloud.google.com/deletion-policy: abandon` on what must survive an accidental delete of its object
   * (network, subnets, private services access, Redis, secrets): deleting the Kubernetes object then leaves
   * the GCP resource in place.
   * @default true
   */
  readonly abandonStateful?: boolean;
  /** An Argo CD Application for the rendered output (the rendered-manifests pattern). @default - none */
  readonly argocd?: ArgoCdSpec;
  /**
   * Enable the Google APIs the topology needs (`serviceusage` `Service` objects: `run` always, `compute`, `iam`,
   * `vpcaccess`, `dns`, `servicenetworking`, `redis`, `secretmanager` only when something emitted uses them), in
   * the first sync wave, abandoned on delete and never pruned. false: the project's APIs are managed elsewhere.
   * @default true
   * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/serviceusage/service
   */
  readonly enableApis?: boolean;
  /**
   * Who deploys the services, as an IAM member (`serviceAccount:`, `user:` or `group:`): the gcloud user in Knative
   * mode, Config Connector's own service account in Config Connector mode. It gets `roles/iam.serviceAccountUser` on
   * each service account runnel creates, which attaching an account to a Cloud Run service needs.
   * @default - none: the deployer needs that role from elsewhere
   * @see https://cloud.google.com/run/docs/securing/service-identity#deployer_permissions
   */
  readonly deployer?: string;
  /**
   * Email of the Google service account Config Connector runs as in `namespace` (namespaced mode). With
   * `createNamespace`, runnel also emits the namespace's `ConfigConnectorContext` naming it.
   * @default - none: no ConfigConnectorContext
   * @see https://cloud.google.com/config-connector/docs/how-to/install-namespaced
   */
  readonly configConnectorServiceAccount?: string;
  /**
   * Emit one Network Intelligence Center Connectivity Test (`NetworkManagementConnectivityTest`) per declared call
   * through an internal load balancer and per use of a backend with a known address, from the caller's egress subnet
   * to the load balancer's address or the backend, so the paths `runnel check` proves offline are checked again
   * against the live network after deploy (`gcloud network-management connectivity-tests describe NAME`).
   * @default false
   * @see https://cloud.google.com/network-intelligence-center/docs/connectivity-tests/concepts/overview
   */
  readonly connectivityTests?: boolean;
}

export interface ArgoCdSpec {
  /** Git repository holding the rendered output. */
  readonly repoURL: string;
  /** Git revision (branch, tag or commit) Argo CD syncs. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Path of the output folder in the repository. @default 'dist' */
  readonly path?: string;
  /** Argo CD project. @default 'default' */
  readonly project?: string;
  /** Namespace Argo CD runs in, where the Application lives. @default 'argocd' */
  readonly namespace?: string;
  /** Name of the Application. @default `<network>-topology` */
  readonly name?: string;
  /**
   * With `environments:`, how the ApplicationSet finds the environments: `list` names each in the ApplicationSet
   * itself; `git` reads each `<path>/<environment>/environment.params` (JSON), which synth writes into each environment's folder, so adding an
   * environment changes no object in the cluster. Without environments there is no ApplicationSet and it is unused.
   * @default 'list'
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/#git-generator-files
   */
  readonly generator?: ArgoCdGenerator;
}

export interface BackendSpec {
  /** Backend name: the Redis instance ID, and the stem of its variables (`cache` → `CACHE_HOST`). */
  readonly name: string;
  /** A Memorystore for Redis instance runnel creates. Exactly one of `redis` and `endpoint`. */
  readonly redis?: RedisSpec;
  /** An existing private endpoint runnel does not create. Exactly one of `redis` and `endpoint`. */
  readonly endpoint?: EndpointSpec;
  /**
   * The host users get, for a Redis instance whose address is only known after apply: read it once with
   * `gcloud redis instances describe <name> --region <region> --format='value(host)'`.
   * @default - Redis: unknown, so `<NAME>_HOST` is not set and synth warns; endpoint: `endpoint.host`
   */
  readonly host?: string;
  /** Names of the variables users get. @default `<NAME>_HOST` and `<NAME>_PORT` */
  readonly env?: BackendEnvSpec;
}

export interface RedisSpec {
  /** Service tier: `BASIC` (one node) or `STANDARD_HA` (a replica in another zone, automatic failover). @default 'BASIC' */
  readonly tier?: RedisTier;
  /** Memory size in GiB (1-300). @default 1 */
  readonly memorySizeGb?: number;
  /** Redis version, as Memorystore names it (`REDIS_7_2`). @default 'REDIS_7_2' */
  readonly version?: string;
  /**
   * How the instance joins the network: VPC peering of its own, or the network's private services access
   * connection (`network.privateServiceAccess`), which Cloud SQL shares.
   * @default 'direct-peering'
   * @see https://cloud.google.com/memorystore/docs/redis/networking
   */
  readonly connectMode?: RedisConnectMode;
  /**
   * `direct-peering` only: the /29 the instance takes its address from.
   * @default - Google picks an unused /29
   */
  readonly reservedRange?: string;
}

export interface EndpointSpec {
  /** Private IP address or host name. */
  readonly host: string;
  /** TCP port the backend listens on. */
  readonly port: number;
}

export interface BackendEnvSpec {
  /** @default `<NAME>_HOST` */
  readonly host?: string;
  /** @default `<NAME>_PORT` */
  readonly port?: string;
}

export interface SecretSpec {
  /** Secret ID in Secret Manager. */
  readonly name: string;
}

export interface SecretRefSpec {
  /** Secret ID in Secret Manager, in the topology's project. */
  readonly secret: string;
  /** Secret version: a number, or `latest` (read at each instance start). @default 'latest' */
  readonly version?: string;
}

export interface DnsSpec {
  /**
   * DNS name of the private zone for the load balancers, e.g. `internal.acme.example` (no trailing dot needed).
   * @default - no zone for the load balancers (`runApp` alone is fine)
   */
  readonly domain?: string;
  /** Name of the Cloud DNS zone resource. @default `<network>-private` */
  readonly zoneName?: string;
  /**
   * Add the load balancers' records to a private zone that exists already (its DNS name is `domain`) instead of
   * creating one. In another project than `project` (a host project), the records go to `host-<project>/`.
   * @default - runnel creates the zone
   */
  readonly zone?: DnsZoneSpec;
  /**
   * Also create a private `run.app` zone whose `*.run.app` names resolve to Private Google Access' private
   * VIPs (or to the Private Service Connect endpoint, when there is one), so callers routing only private
   * ranges through the VPC still reach `*.run.app` URLs privately.
   * @default false
   * @see https://cloud.google.com/vpc/docs/configure-private-google-access#config-domain
   */
  readonly runApp?: boolean;
}

export interface DnsZoneSpec {
  /** The zone's path: `projects/<project>/managedZones/<zone>`. */
  readonly existing: string;
}

export interface GoogleApisSpec {
  /** The Private Service Connect endpoint for the `all-apis` bundle: its internal address and name. */
  readonly privateServiceConnect: PrivateServiceConnectSpec;
}

export interface PrivateServiceConnectSpec {
  /**
   * Endpoint name: 1-20 lowercase letters and digits, starting with a letter.
   * @default 'allapis'
   * @see https://cloud.google.com/vpc/docs/configure-private-service-connect-apis#create-endpoint
   */
  readonly name?: string;
  /** Internal address of the endpoint, outside every subnet of the network, e.g. `10.255.255.254`. */
  readonly address: string;
}

export interface NetworkSpec {
  /** VPC network name. Subnet, connector, router and NAT names derive from it unless set. */
  readonly name: string;
  /**
   * Project that owns the network: a Shared VPC host project. Everything runnel writes for that project (grants on
   * its subnets, NAT, DNS records in its zones) goes to `host-<project>/`, for the network team to apply; the
   * services, load balancers and their identities stay in `project`. Needs `existing: true` and `projectNumber`.
   * @default - `project`
   * @see https://cloud.google.com/vpc/docs/shared-vpc
   */
  readonly project?: string;
  /**
   * The network and the subnets under `subnets` exist already: runnel references them by path and creates none of
   * them. Each subnet a service uses must then be named, with its range (the rules check the range).
   * @default false
   */
  readonly existing?: boolean;
  /** @default - each subnet with its default name and range, created only when something needs it */
  readonly subnets?: SubnetsSpec;
  /**
   * The subnets of each region after the first (`regions`), by region name; the first region's are `subnets`. A
   * later region's derived names end in `-<region>` and its default ranges are the first region's with the second
   * octet raised by the region's position in `regions` (10.11.0.0/24 for the second region's workload subnet), so
   * append regions: inserting one moves the default ranges of the regions after it.
   * @default - each later region's subnets with derived names and ranges
   */
  readonly regions?: Readonly<Record<string, RegionNetworkSpec>>;
  /** @default - `<network>-conn`, 2..3 e2-micro instances, created only when a service egresses through it */
  readonly connector?: ConnectorSpec;
  /**
   * The range allocated to private services access, created with the network's Service Networking connection
   * only when a backend needs it.
   * @default - name `<network>-psa`, cidr `10.30.0.0/20`
   * @see https://cloud.google.com/vpc/docs/configure-private-services-access
   */
  readonly privateServiceAccess?: PrivateServiceAccessSpec;
  /**
   * @default - Cloud NAT created when a service with `internet: true` routes all traffic into the VPC; on an existing
   * network only with `nat.enabled: true` (the estate's own NAT is assumed)
   */
  readonly nat?: NatSpec;
}

export interface RegionNetworkSpec {
  /** @default - each subnet with its derived name (`<network>-<role>-<region>`) and range */
  readonly subnets?: SubnetsSpec;
}

export interface SubnetsSpec {
  /** Holds internal load balancer addresses. @default name `<network>-workload`, cidr `10.10.0.0/24` */
  readonly workload?: SubnetSpec;
  /** Direct VPC egress. @default name `<network>-direct`, cidr `10.10.4.0/22` */
  readonly directVpc?: SubnetSpec;
  /** The connector's own /28. @default name `<network>-connector`, cidr `10.10.8.0/28` */
  readonly connector?: SubnetSpec;
  /** Proxy-only subnet of the internal load balancers. @default name `<network>-proxy-only`, cidr `10.10.10.0/23` */
  readonly proxyOnly?: SubnetSpec;
  /**
   * Proxy-only subnet (`GLOBAL_MANAGED_PROXY`) of the cross-region internal load balancers, needed in each region
   * where a service running in several regions has a forwarding rule. It exists beside `proxyOnly`, which serves the
   * regional load balancers.
   * @default name `<network>-global-proxy`, cidr `10.10.12.0/23`
   * @see https://cloud.google.com/load-balancing/docs/proxy-only-subnets
   */
  readonly globalProxyOnly?: SubnetSpec;
}

export interface SubnetSpec {
  /** @default `<network>-<role>` */
  readonly name?: string;
  /** Primary IPv4 range. */
  readonly cidr?: string;
  /** Private Google Access (not on the proxy-only subnet). @default true */
  readonly privateGoogleAccess?: boolean;
}

export interface ConnectorSpec {
  /**
   * An existing Serverless VPC Access connector, by path (`projects/<p>/locations/<region>/connectors/<name>`),
   * e.g. a shared one in the host project: services with `via: connector` use it and runnel creates none.
   * @default - none: runnel creates the connector
   * @see https://cloud.google.com/run/docs/configuring/connecting-shared-vpc
   */
  readonly existing?: string;
  /** @default `<network>-conn` */
  readonly name?: string;
  /** Fewest connector instances (2-9). @default 2 */
  readonly minInstances?: number;
  /** Most connector instances (3-10, above `minInstances`). @default 3 */
  readonly maxInstances?: number;
  /** Machine type of the connector's instances. @default 'e2-micro' */
  readonly machineType?: ConnectorMachineType;
}

export interface PrivateServiceAccessSpec {
  /** @default `<network>-psa` */
  readonly name?: string;
  /** The range allocated to private services access (Google's producers take addresses from it). @default '10.30.0.0/20' */
  readonly cidr?: string;
}

export interface NatSpec {
  /** false: never create Cloud NAT. @default true, false on an existing network (`network.existing`) */
  readonly enabled?: boolean;
  /** @default `<network>-router` */
  readonly routerName?: string;
  /** @default `<network>-nat` */
  readonly name?: string;
}

/** A Cloud Run service: its networking (which runnel owns) and its other settings (`ServiceSettingsSpec`). */
export interface ServiceSpec extends ServiceSettingsSpec {
  /** Cloud Run service name. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** Where requests may come from: `internal` (the VPC and internal load balancers), `internal-and-cloud-load-balancing`, or `all`. @default 'internal' */
  readonly ingress?: IngressSetting;
  /** @default - no VPC egress */
  readonly egress?: EgressSpec;
  /**
   * true: the service needs outbound internet access (with `all-traffic`, runnel adds Cloud NAT on its egress
   * subnet). false keeps an all-traffic service off the internet; with `private-ranges-only` it restricts nothing,
   * since internet-bound requests then leave through Cloud Run's own egress.
   * @see https://cloud.google.com/run/docs/configuring/static-outbound-ip
   * @default false
   */
  readonly internet?: boolean;
  /** Services this one calls privately. @default [] */
  readonly calls?: readonly string[];
  /** How callers reach this service. @default 'load-balancer' */
  readonly access?: CalleeAccess;
  /** Internal load balancer settings, when `access` is `load-balancer`. */
  readonly loadBalancer?: LoadBalancerSpec;
  /** The port the container listens on (Cloud Run sends requests there and sets `PORT`). @default 8080 */
  readonly port?: number;
  /** Literal environment variables; never secrets (see `secrets`). @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables read from Secret Manager at start-up, by reference. @default {} */
  readonly secrets?: Readonly<Record<string, SecretRefSpec>>;
  /** Backends this service uses; each gives it `<NAME>_HOST` and `<NAME>_PORT`. @default [] */
  readonly uses?: readonly string[];
  /**
   * true: anyone on the internet may invoke the service (`allUsers` gets `roles/run.invoker`); needs
   * `ingress: all`. Never implied by anything else.
   * @default false
   */
  readonly public?: boolean;
  /**
   * Members outside the topology that may invoke the service (`roles/run.invoker`), e.g.
   * `serviceAccount:batch@acme-prod.iam.gserviceaccount.com` or `group:ops@acme.example`. The invoker policy is
   * authoritative, so a grant made by hand and not listed here is revoked on the next apply.
   * @see https://cloud.google.com/iam/docs/principal-identifiers
   * @default []
   */
  readonly invokers?: readonly string[];
  /** @default 0..100 instances */
  readonly scaling?: ScalingSpec;
  /**
   * Deprecated alias of `probes.startup` with `http: {path}` on the container port, kept so existing topologies
   * synthesize unchanged. Not together with `probes.startup`.
   * @deprecated use `probes.startup`
   * @see https://cloud.google.com/run/docs/configuring/healthchecks
   * @default - none
   */
  readonly startupProbe?: StartupProbeSpec;
  /**
   * The service account the service runs as: the email of an existing account (runnel creates none), or an
   * account ID of 6-30 characters that runnel creates in the project.
   * @default - runnel creates `run-<service>@<project>.iam.gserviceaccount.com`
   */
  readonly serviceAccount?: string;
  /**
   * The service's own manifest, relative to the topology file: a Knative Service as
   * `gcloud run services describe <name> --format export` writes it (Knative format) or a Config Connector
   * RunService (Config Connector format). runnel keeps every field of it that it does not own, sets the networking
   * it owns, refuses a networking field that disagrees with the topology, and drops server-set fields. Without
   * `serviceAccount`, the manifest's account is the service's.
   * @default - none: runnel writes the whole service
   */
  readonly manifest?: string;
  /**
   * Regions the service runs in, among the topology's `regions`: one Cloud Run service per region. Called in more
   * than one region, it sits behind a cross-region internal Application Load Balancer (one serverless NEG per region
   * on one global backend service with outlier detection, one forwarding rule per region), and its DNS name answers
   * each caller with its own region's frontend. Running in several regions multiplies cost, so it is opted into.
   * @default - the first region only
   * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-cross-reg-serverless
   */
  readonly regions?: readonly string[];
  /**
   * Failover between the service's regions: the warm instances each region keeps, so a region can take the traffic
   * of another at once and Cloud Run service health can report its health.
   * @default - none: each region keeps `scaling.minInstances`
   * @see https://cloud.google.com/run/docs/configuring/configure-service-health
   */
  readonly failover?: FailoverSpec;
}

export interface FailoverSpec {
  /**
   * Instances each region keeps warm (the regional services' minimum instances, at least `scaling.minInstances`).
   * Service health needs at least one per region.
   * @default 1
   */
  readonly minInstancesPerRegion?: number;
}

export interface StartupProbeSpec {
  /** Path of the endpoint, e.g. `/ready`; best one that tests a connection the service needs. */
  readonly path: string;
  /** Seconds between attempts, 1-240. @default 10 */
  readonly periodSeconds?: number;
  /** Failed attempts before the instance is given up. @default 3 */
  readonly failureThreshold?: number;
}

export interface EgressSpec {
  /** How the service's outbound traffic enters the VPC: `none`, a Serverless VPC Access `connector`, or `direct-vpc` egress. @default 'none' */
  readonly via?: EgressVia;
  /** What goes into the VPC: `private-ranges-only` (internal ranges; the rest leaves directly) or `all-traffic`. @default 'private-ranges-only' */
  readonly route?: EgressRouteSetting;
}

export interface LoadBalancerSpec {
  /**
   * Static internal address in the workload subnet.
   * @default - derived from the service name and the workload range alone; two names that derive the same
   * address are refused with a free address to pin (`lb-address-must-be-usable`)
   */
  readonly address?: string;
  /** Serve HTTPS on port 443. Needs `dns` (a certificate names hosts, not addresses). @default - HTTP only */
  readonly https?: HttpsSpec;
  /**
   * Serve plain HTTP on port 80. Beside HTTPS it is closed unless asked for; when both listen, both URLs are
   * accepted as audiences of the service's ID tokens.
   * @default - true without `https`, false with it
   */
  readonly http?: boolean;
}

export interface LoadBalancingSpec {
  /**
   * `per-service`: one internal Application Load Balancer per called service (its own address, forwarding rules,
   * URL map and proxies; settings in `services[].loadBalancer`). `shared`: one internal Application Load Balancer for
   * every called service, with a host rule per service (its private DNS name, so `dns.domain` is needed), one
   * address, and one forwarding rule per port: forwarding rules are billed per rule and count against the network's
   * quota, so 200 callees cost 1 or 2 rules instead of 200 or 400. Settings then live here, not per service.
   * @default 'per-service'
   * @see https://cloud.google.com/load-balancing/docs/l7-internal/setting-up-l7-internal-serverless
   */
  readonly mode?: LoadBalancingMode;
  /**
   * `shared` only: stem of the shared objects' names (`<name>-urlmap`, `<name>-proxy`, `<name>-ip`, `<name>-http`...).
   * @default `<network>-lb`
   */
  readonly name?: string;
  /**
   * `shared` only: static internal address of the shared load balancer in the workload subnet.
   * @default - derived from `name` and the workload range alone
   */
  readonly address?: string;
  /**
   * `shared` only: serve HTTPS on port 443 with one certificate for every callee's host (`<service>.<domain>`): a
   * wildcard `*.<domain>` certificate, or one naming every host. Needs `dns.domain`, as shared mode does.
   * @default - HTTP only
   */
  readonly https?: HttpsSpec;
  /**
   * `shared` only: serve plain HTTP on port 80. Closed beside HTTPS unless asked for.
   * @default - true without `https`, false with it
   */
  readonly http?: boolean;
}

export interface HttpsSpec {
  /**
   * A Kubernetes Secret (keys `tls.crt` and `tls.key`) in the Config Connector namespace, from which runnel
   * creates a regional SSL certificate. Exactly one of `certificateSecret`, `sslCertificate` and
   * `certificateManagerCertificate`.
   */
  readonly certificateSecret?: string;
  /**
   * Version of the certificate runnel creates from `certificateSecret`, carried in its name
   * (`<service>-cert-v<version>`). A self-managed certificate cannot change in place: to rotate, put the new pair in
   * a new Secret, point `certificateSecret` at it and bump the version, so a new certificate is created and the
   * proxy moves to it before the old one is deleted. Only with `certificateSecret`.
   * @default - none: the certificate is named `<service>-cert`
   */
  readonly certificateVersion?: number;
  /** Name of an existing regional SSL certificate in the region. */
  readonly sslCertificate?: string;
  /**
   * Name of an existing regional Certificate Manager certificate in the region (Google-managed or self-managed),
   * which the regional internal load balancer references directly; it renews or is replaced without touching
   * the load balancer.
   * @see https://cloud.google.com/certificate-manager/docs/deploy
   */
  readonly certificateManagerCertificate?: string;
}

export interface ScalingSpec {
  /** Instances kept warm (0 scales to zero). @default 0 */
  readonly minInstances?: number;
  /** Upper bound on instances; also sizes the Direct VPC subnet. @default 100 */
  readonly maxInstances?: number;
}
