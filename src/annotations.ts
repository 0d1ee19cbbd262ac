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
} as const;

/** Labels runnel puts on what it emits, so a reviewer can tell where an object came from. */
export const RunnelLabel = {
  MANAGED_BY: 'app.kubernetes.io/managed-by',
} as const;

export const RUNNEL = 'runnel';
