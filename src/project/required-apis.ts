/**
 * Which Google API each emitted kind needs enabled in the project: the table `PrivateTopology` derives its
 * serviceusage `Service` objects from, so exactly the APIs of what is emitted are enabled.
 * @see https://cloud.google.com/service-usage/docs/enable-disable
 */

/** API (the part before `.googleapis.com`) by Config Connector / Knative API group. */
const API_OF_GROUP: Readonly<Record<string, string>> = {
  'compute.cnrm.cloud.google.com': 'compute',
  'dns.cnrm.cloud.google.com': 'dns',
  'networkmanagement.cnrm.cloud.google.com': 'networkmanagement',
  'redis.cnrm.cloud.google.com': 'redis',
  'run.cnrm.cloud.google.com': 'run',
  'secretmanager.cnrm.cloud.google.com': 'secretmanager',
  'servicenetworking.cnrm.cloud.google.com': 'servicenetworking',
  'vpcaccess.cnrm.cloud.google.com': 'vpcaccess',
  // Knative Services are deployed to Cloud Run with `gcloud run services replace`.
  'serving.knative.dev': 'run',
};

/** Groups whose objects call no Google API of the project: Kubernetes, Argo CD, Config Connector's own. */
const NO_API = new Set(['', 'argoproj.io', 'core.cnrm.cloud.google.com', 'serviceusage.cnrm.cloud.google.com']);

/** An emitted object, as far as its API is concerned. */
export interface ApiUser {
  readonly apiVersion: string;
  readonly kind: string;
  /** For an IAM grant: the kind of the resource it is on, whose API serves its IAM policy. */
  readonly grantTargetKind?: string;
}

/** The group of each kind runnel grants roles on (IAMPolicyMember resourceRef kinds). */
const GROUP_OF_KIND: Readonly<Record<string, string>> = {
  RunService: 'run.cnrm.cloud.google.com',
  SecretManagerSecret: 'secretmanager.cnrm.cloud.google.com',
  IAMServiceAccount: 'iam.cnrm.cloud.google.com',
};

/**
 * The API one object needs, or undefined when it needs none. IAM: a service account needs the IAM API; a grant
 * needs the API of the resource it is on (a secret's policy is Secret Manager's, a service's is Cloud Run's).
 * Throws for a kind the table does not know, so a new kind cannot be emitted without deciding its API.
 */
export function apiOf(o: ApiUser): string | undefined {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  if (NO_API.has(group)) return undefined;
  if (group === 'iam.cnrm.cloud.google.com') {
    if (o.kind === 'IAMServiceAccount') return 'iam';
    if (o.kind === 'IAMPolicyMember' && o.grantTargetKind !== undefined) {
      const target = GROUP_OF_KIND[o.grantTargetKind];
      if (target !== undefined) return apiOf({ apiVersion: `${target}/v1beta1`, kind: o.grantTargetKind });
    }
    throw new Error(`no API known for ${o.kind} on ${o.grantTargetKind ?? 'an unknown kind'}`);
  }
  const api = API_OF_GROUP[group];
  if (api === undefined) throw new Error(`no API known for ${o.apiVersion} ${o.kind}`);
  return api;
}

/** The APIs a set of objects needs, sorted, each once. */
export function requiredApis(objects: Iterable<ApiUser>): string[] {
  const apis = new Set<string>();
  for (const o of objects) {
    const api = apiOf(o);
    if (api !== undefined) apis.add(api);
  }
  return [...apis].sort();
}
