/** The only place annotation and label keys are spelled. */

/**
 * Cloud Run's Knative annotations. Values are always strings.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 */
export const RunAnnotation = {
  /** On the Service: who may reach it. */
  INGRESS: 'run.googleapis.com/ingress',
  /**
   * On the Service: ID token audiences accepted besides the `*.run.app` URL, a JSON array of strings.
   * @see https://cloud.google.com/run/docs/configuring/custom-audiences
   */
  CUSTOM_AUDIENCES: 'run.googleapis.com/custom-audiences',
  /** On the revision template: full connector path for Serverless VPC Access. */
  VPC_CONNECTOR: 'run.googleapis.com/vpc-access-connector',
  /** On the revision template: `private-ranges-only` or `all-traffic`. */
  VPC_EGRESS: 'run.googleapis.com/vpc-access-egress',
  /** On the revision template: Direct VPC egress, a JSON array with one `{network, subnetwork}` object. */
  NETWORK_INTERFACES: 'run.googleapis.com/network-interfaces',
  /**
   * On the Service: service-level minimum instances, shared by the revisions that have traffic.
   * @see https://cloud.google.com/run/docs/configuring/min-instances
   */
  SERVICE_MIN_SCALE: 'run.googleapis.com/minScale',
  /**
   * On the revision template: `false` keeps CPU allocated between requests (instance-based billing).
   * @see https://cloud.google.com/run/docs/configuring/billing-settings
   */
  CPU_THROTTLING: 'run.googleapis.com/cpu-throttling',
  /**
   * On the revision template: `true` gives instances more CPU while they start.
   * @see https://cloud.google.com/run/docs/configuring/services/cpu#startup-boost
   */
  STARTUP_CPU_BOOST: 'run.googleapis.com/startup-cpu-boost',
  /**
   * On the revision template: `gen1` or `gen2`.
   * @see https://cloud.google.com/run/docs/configuring/execution-environments
   */
  EXECUTION_ENVIRONMENT: 'run.googleapis.com/execution-environment',
  /**
   * On the revision template: `true` routes a client's requests to the same instance where possible.
   * @see https://cloud.google.com/run/docs/configuring/session-affinity
   */
  SESSION_AFFINITY: 'run.googleapis.com/sessionAffinity',
  /**
   * On the revision template: start order of containers, a JSON object from a container name to the names it
   * waits for.
   * @see https://cloud.google.com/run/docs/deploying#sidecars
   */
  CONTAINER_DEPENDENCIES: 'run.googleapis.com/container-dependencies',
  /** On the revision template. */
  MIN_SCALE: 'autoscaling.knative.dev/minScale',
  /** On the revision template. */
  MAX_SCALE: 'autoscaling.knative.dev/maxScale',
} as const;

/** Labels Cloud Run reads from a Knative Service. */
export const RunLabel = {
  /** The region the service runs in. */
  LOCATION: 'cloud.googleapis.com/location',
} as const;

/** Config Connector annotations. */
export const KccAnnotation = {
  /**
   * The project a resource is created in, so the output never depends on the namespace's default.
   * @see https://cloud.google.com/config-connector/docs/how-to/organizing-resources/project-scoped-resources
   */
  PROJECT_ID: 'cnrm.cloud.google.com/project-id',
  /**
   * `abandon`: deleting the object leaves the GCP resource in place.
   * @see https://cloud.google.com/config-connector/docs/how-to/managing-deleting-resources#keeping_resources_after_deletion
   */
  DELETION_POLICY: 'cnrm.cloud.google.com/deletion-policy',
  /**
   * `absent`: Config Connector does not write observed values back into the spec.
   * @see https://cloud.google.com/config-connector/docs/concepts/ignore-unspecified-fields
   */
  STATE_INTO_SPEC: 'cnrm.cloud.google.com/state-into-spec',
} as const;

/**
 * Argo CD annotations.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 */
export const ArgoAnnotation = {
  /** The wave an object is applied in: lower waves first, each healthy before the next. */
  SYNC_WAVE: 'argocd.argoproj.io/sync-wave',
  /** Per-object sync options, e.g. `Prune=false,Delete=false`. */
  SYNC_OPTIONS: 'argocd.argoproj.io/sync-options',
} as const;

/** Labels runnel puts on what it emits, so a reviewer can tell where an object came from. */
export const RunnelLabel = {
  MANAGED_BY: 'app.kubernetes.io/managed-by',
} as const;

export const RUNNEL = 'runnel';
