import { ExecutionEnvironment } from '../choices';

/**
 * The settings of a Cloud Run service that are not networking: resources, concurrency, probes, containers,
 * volumes, revision and traffic. `gcloud run services replace` and a Config Connector `RunService` both replace
 * the whole service, so whatever is not written here is reset to Cloud Run's default on apply. Shared by the
 * topology file (`services[]`) and the `RunService` construct, so both take the same names and defaults.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice
 */

/** CPU and memory limits of a container. */
export interface ResourcesSpec {
  /**
   * vCPUs: `"1"`, `"2"`, `"4"`, `"6"`, `"8"`, or a fraction of one in millicores (`500m`) or decimals (`0.5`), at
   * least 0.08.
   * @default - Cloud Run's default, 1 vCPU
   * @see https://cloud.google.com/run/docs/configuring/services/cpu
   */
  readonly cpu?: string;
  /**
   * Memory, e.g. `512Mi`, `1Gi` (at most `32Gi`).
   * @default - Cloud Run's default, 512Mi
   * @see https://cloud.google.com/run/docs/configuring/services/memory-limits
   */
  readonly memory?: string;
}

/** An HTTP GET a probe sends; 200-399 is a success. */
export interface HttpProbeSpec {
  /** Path, e.g. `/ready`. */
  readonly path: string;
  /** @default - the container port */
  readonly port?: number;
}

/** A TCP connection a probe opens (startup probes only: Cloud Run has no TCP liveness probe). */
export interface TcpProbeSpec {
  /** @default - the container port */
  readonly port?: number;
}

/** A gRPC health check a probe calls. */
export interface GrpcProbeSpec {
  /** @default - the container port */
  readonly port?: number;
  /** Service name passed to the health check. @default - the server's overall health */
  readonly service?: string;
}

/**
 * A health check: exactly one of `http`, `tcp` and `grpc`. Startup probes take up to 240 s for each of
 * `initialDelaySeconds`, `periodSeconds` and `timeoutSeconds`; liveness probes up to 3600 s.
 * @see https://cloud.google.com/run/docs/configuring/healthchecks
 * @see https://cloud.google.com/run/docs/reference/rest/v2/Container#probe
 */
export interface ProbeSpec {
  /** Exactly one of `http`, `tcp` and `grpc`. */
  readonly http?: HttpProbeSpec;
  /** Exactly one of `http`, `tcp` and `grpc`. Startup probes only. */
  readonly tcp?: TcpProbeSpec;
  /** Exactly one of `http`, `tcp` and `grpc`. */
  readonly grpc?: GrpcProbeSpec;
  /** Seconds before the first attempt. @default 0 */
  readonly initialDelaySeconds?: number;
  /** Seconds between attempts; not below `timeoutSeconds`. @default 10 */
  readonly periodSeconds?: number;
  /** Seconds an attempt may take. @default 1 */
  readonly timeoutSeconds?: number;
  /** Failed attempts before the container is given up (startup) or restarted (liveness). @default 3 */
  readonly failureThreshold?: number;
}

/** The container's probes. */
export interface ProbesSpec {
  /**
   * No request reaches an instance until this succeeds. Recommended with Direct VPC egress, whose connections can
   * take a minute or more to be ready at instance start.
   * @default - Cloud Run's default TCP startup check on the ingress container's port
   */
  readonly startup?: ProbeSpec;
  /** Cloud Run restarts the container when this fails. @default - none */
  readonly liveness?: ProbeSpec;
}

/** How CPU is allocated to instances. */
export interface CpuSpec {
  /**
   * true: CPU stays allocated between requests (instance-based billing); false: only while a request is processed.
   * @default - Cloud Run's default: allocated only during requests
   * @see https://cloud.google.com/run/docs/configuring/billing-settings
   */
  readonly alwaysAllocated?: boolean;
  /**
   * true: more CPU while an instance starts, to shorten cold starts.
   * @default - Cloud Run's default: no boost
   * @see https://cloud.google.com/run/docs/configuring/services/cpu#startup-boost
   */
  readonly startupBoost?: boolean;
}

/** A volume mounted into a container. */
export interface VolumeMountSpec {
  /** Name of a volume in `volumes`. */
  readonly volume: string;
  /** Absolute path in the container (not under `/dev`, `/proc` or `/sys`). */
  readonly path: string;
}

/** A file of a secret volume: one secret version at one path. */
export interface SecretVolumeItemSpec {
  /** File name inside the mount, e.g. `credentials.json`. */
  readonly path: string;
  /** A version number or `latest`. @default 'latest' */
  readonly version?: string;
}

/**
 * A volume of the revision: exactly one of `secret`, `inMemory`, `cloudStorage` and `nfs`.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets#mounting-secrets
 * @see https://cloud.google.com/run/docs/configuring/services/in-memory-volume-mounts
 * @see https://cloud.google.com/run/docs/configuring/services/cloud-storage-volume-mounts
 * @see https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts
 */
export interface VolumeSpec {
  /** Volume name, referenced by mounts. */
  readonly name: string;
  /** A Secret Manager secret as files. */
  readonly secret?: {
    /** Secret ID in the topology's project. */
    readonly secret: string;
    /** @default - the latest version, as a file named after the secret */
    readonly items?: readonly SecretVolumeItemSpec[];
  };
  /** An in-memory (tmpfs) volume; its contents count against the instance's memory. */
  readonly inMemory?: {
    /** @default - none: bounded by the instance's memory */
    readonly sizeLimit?: string;
  };
  /** A Cloud Storage bucket through Cloud Storage FUSE. Knative format only (the RunService CRD has no field for it). */
  readonly cloudStorage?: {
    /** Bucket name. */
    readonly bucket: string;
    /** true: mounted read-only. @default false */
    readonly readOnly?: boolean;
  };
  /** An NFS share (Filestore or another server reachable through VPC egress). Knative format only. */
  readonly nfs?: {
    /** Server address or host name. */
    readonly server: string;
    /** Exported path, e.g. `/share`. */
    readonly path: string;
    /** true: mounted read-only. @default false */
    readonly readOnly?: boolean;
  };
}

/** What a container runs and what it gets: shared by the ingress container and sidecars. */
export interface ContainerSettingsSpec {
  /** Replaces the image's ENTRYPOINT. @default - the image's */
  readonly command?: readonly string[];
  /** Replaces the image's CMD. @default - the image's */
  readonly args?: readonly string[];
  /** Working directory. @default - the image's */
  readonly workingDir?: string;
  /** @default - Cloud Run's defaults */
  readonly resources?: ResourcesSpec;
  /** @default - Cloud Run's default TCP startup check, no liveness probe */
  readonly probes?: ProbesSpec;
  /** Volumes (from the service's `volumes`) mounted into this container. @default [] */
  readonly volumeMounts?: readonly VolumeMountSpec[];
}

/**
 * An extra container beside the one that receives requests: it gets no port and no traffic, and reaches the
 * ingress container (and the others) on localhost.
 * @see https://cloud.google.com/run/docs/deploying#sidecars
 */
export interface SidecarSpec extends ContainerSettingsSpec {
  /** Container name, unique in the service. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** Literal environment variables. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Containers (by name) that must have started (passed their startup probes) before this one starts. @default [] */
  readonly dependsOn?: readonly string[];
}

/**
 * A share of the traffic, or a tag: to the latest ready revision (`latest: true`) or to a named revision.
 * @see https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration
 */
export interface TrafficSpec {
  /** Full revision name, e.g. `api-00042-abc` or `api-v2` (from `revisionSuffix`). Exactly one of `revision` and `latest`. */
  readonly revision?: string;
  /** The latest ready revision. Exactly one of `revision` and `latest`. */
  readonly latest?: boolean;
  /** Percent of requests (0-100); the percents add up to 100. @default 0 */
  readonly percent?: number;
  /** A tag: the revision also answers at `https://<tag>---<service>-....run.app`. @default - none */
  readonly tag?: string;
}

/** Everything about a service that is not networking. Every field is optional; unset means Cloud Run's default. */
export interface ServiceSettingsSpec extends ContainerSettingsSpec {
  /**
   * Name of the ingress container; needed in `dependsOn` of sidecars.
   * @default - none without sidecars, `app` with them
   */
  readonly containerName?: string;
  /** Containers (sidecars, by name) that must have started before the ingress container starts. @default [] */
  readonly dependsOn?: readonly string[];
  /**
   * Most requests one instance takes at once (1-1000). Above 1 needs at least 1 vCPU. Config Connector calls it
   * `maxInstanceRequestConcurrency`, Knative `containerConcurrency`.
   * @default - Cloud Run's default, 80
   * @see https://cloud.google.com/run/docs/about-concurrency
   */
  readonly concurrency?: number;
  /**
   * Request timeout, in seconds with an `s` (`90s`), 1-3600.
   * @default - Cloud Run's default, 300s
   * @see https://cloud.google.com/run/docs/configuring/request-timeout
   */
  readonly timeout?: string;
  /** @default - Cloud Run's defaults */
  readonly cpu?: CpuSpec;
  /**
   * `gen1` or `gen2`.
   * @default - Cloud Run's choice
   * @see https://cloud.google.com/run/docs/about-execution-environments
   */
  readonly executionEnvironment?: ExecutionEnvironment;
  /**
   * true: a client's requests go to the same instance where possible.
   * @default false
   * @see https://cloud.google.com/run/docs/configuring/session-affinity
   */
  readonly sessionAffinity?: boolean;
  /** Labels of the service (GCP labels). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the service the user owns. Keys runnel writes itself (ingress, custom audiences, scaling, VPC
   * egress) are refused (`service-settings-valid`).
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Extra containers. @default [] */
  readonly sidecars?: readonly SidecarSpec[];
  /** Volumes containers mount. @default [] */
  readonly volumes?: readonly VolumeSpec[];
  /**
   * Service-level minimum instances, shared by every revision that has traffic (distinct from
   * `scaling.minInstances`, which each revision keeps). Knative format only.
   * @default - none
   * @see https://cloud.google.com/run/docs/configuring/min-instances
   */
  readonly minInstances?: number;
  /**
   * Suffix of the revision's name: the revision is `<service>-<suffix>`, so traffic can name it. A new revision
   * needs a new suffix.
   * @default - Cloud Run generates the name
   */
  readonly revisionSuffix?: string;
  /**
   * Where requests go.
   * @default - all traffic to the latest ready revision
   */
  readonly traffic?: readonly TrafficSpec[];
}
