import { resolve as resolvePath } from 'node:path';
/**
 * The only place runnel makes and checks GCP names. Every name in the output comes from a name the user
 * gave, through the functions below: deterministic, never hashed, checked once per kind.
 */

/** A GCP resource kind with its own naming rule. */
export interface NameRule {
  /** What the name belongs to, as users know it ("Cloud Run service"). */
  readonly label: string;
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** Plain-words version of the rule, for messages. */
  readonly describe: string;
  readonly docUrl: string;
}

const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const COMPUTE_NAMING = 'https://cloud.google.com/compute/docs/naming-resources#resource-name-format';

function computeRule(label: string): NameRule {
  return {
    label,
    pattern: RFC1035,
    maxLength: 63,
    describe: '1-63 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: COMPUTE_NAMING,
  };
}

/*
 * Kubernetes object names (metadata.name) that are not GCP names. Kubernetes takes a DNS-1123 subdomain:
 * lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 253 characters.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names
 */
export const KUBERNETES_NAME_MAX = 253;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Kubernetes namespace or other DNS-1123 label: at most 63 characters, no dots. */
export const KUBERNETES_LABEL = { pattern: /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, maxLength: 63 } as const;

const KUBERNETES_NAMES = 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/';

export const NAME_RULES = {
  /** @see https://cloud.google.com/run/docs/reference/rest/v1/ObjectMeta (name: DNS label, at most 49 characters) */
  cloudRunService: {
    label: 'Cloud Run service',
    pattern: /^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/,
    maxLength: 49,
    describe: '1-49 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: 'https://cloud.google.com/run/docs/reference/rest/v1/ObjectMeta',
  },
  /** @see https://cloud.google.com/vpc/docs/reference/vpcaccess/rest/v1/projects.locations.connectors/create (connectorId) */
  connector: {
    label: 'Serverless VPC Access connector',
    pattern: /^[a-z][-a-z0-9]{0,23}[a-z0-9]$/,
    maxLength: 25,
    describe: '2-25 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: 'https://cloud.google.com/vpc/docs/reference/vpcaccess/rest/v1/projects.locations.connectors/create',
  },
  /** @see https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin */
  project: {
    label: 'GCP project ID',
    pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
    maxLength: 30,
    describe: '6-30 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: 'https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin',
  },
  /** @see https://cloud.google.com/compute/docs/regions-zones */
  region: {
    label: 'GCP region',
    pattern: /^[a-z]+-[a-z]+[0-9]+$/,
    maxLength: 63,
    describe: 'a region name such as asia-northeast1 or us-central1',
    docUrl: 'https://cloud.google.com/compute/docs/regions-zones',
  },
  /** @see https://cloud.google.com/iam/docs/service-accounts-create#creating (account ID: 6-30 characters) */
  serviceAccount: {
    label: 'service account ID',
    pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/,
    maxLength: 30,
    describe: '6-30 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: 'https://cloud.google.com/iam/docs/service-accounts-create#creating',
  },
  /** @see https://cloud.google.com/memorystore/docs/redis/create-instance-console (instance ID: 1-40 characters) */
  redisInstance: {
    label: 'Memorystore for Redis instance ID',
    pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/,
    maxLength: 40,
    describe: '1-40 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
    docUrl: 'https://cloud.google.com/memorystore/docs/redis/create-instance-console',
  },
  /** @see https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create (secretId) */
  secret: {
    label: 'Secret Manager secret ID',
    pattern: /^[A-Za-z0-9_-]{1,255}$/,
    maxLength: 255,
    describe: '1-255 characters: letters, digits, underscores and hyphens',
    docUrl: 'https://cloud.google.com/secret-manager/docs/reference/rest/v1/projects.secrets/create',
  },
  /** @see https://cloud.google.com/vpc/docs/configure-private-service-connect-apis#create-endpoint */
  pscEndpoint: {
    label: 'Private Service Connect endpoint for Google APIs',
    pattern: /^[a-z][a-z0-9]{0,19}$/,
    maxLength: 20,
    describe: '1-20 characters: lowercase letters and digits, starting with a letter (no hyphens)',
    docUrl: 'https://cloud.google.com/vpc/docs/configure-private-service-connect-apis#create-endpoint',
  },
  /** @see https://cloud.google.com/dns/docs/zones (zone names follow the Compute Engine rule) */
  dnsZone: { ...computeRule('Cloud DNS zone'), docUrl: 'https://cloud.google.com/dns/docs/zones' },
  network: computeRule('VPC network'),
  subnet: computeRule('subnet'),
  neg: computeRule('serverless network endpoint group'),
  backendService: computeRule('backend service'),
  urlMap: computeRule('URL map'),
  targetProxy: computeRule('target HTTP proxy'),
  sslCertificate: computeRule('SSL certificate'),
  address: computeRule('internal address'),
  forwardingRule: computeRule('forwarding rule'),
  router: computeRule('Cloud Router'),
  routerNat: computeRule('Cloud NAT gateway'),
  /** A backend's name is also the stem of its variables (`orders-db` → `ORDERS_DB_HOST`) and a diagram label. */
  backend: computeRule('backend'),
  /** @see https://cloud.google.com/network-intelligence-center/docs/reference/networkmanagement/rest/v1/projects.locations.global.connectivityTests/create (testId) */
  connectivityTest: {
    label: 'Connectivity Test',
    pattern: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/,
    maxLength: 40,
    describe: '1-40 characters: lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit',
    docUrl:
      'https://cloud.google.com/network-intelligence-center/docs/reference/networkmanagement/rest/v1/projects.locations.global.connectivityTests/create',
  },
  /** @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names */
  kubernetesNamespace: {
    label: 'Kubernetes namespace',
    pattern: KUBERNETES_LABEL.pattern,
    maxLength: KUBERNETES_LABEL.maxLength,
    describe: '1-63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit (RFC 1123 label)',
    docUrl: KUBERNETES_NAMES,
  },
  /** @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names */
  kubernetesObject: {
    label: 'Kubernetes object',
    pattern: DNS1123_SUBDOMAIN,
    maxLength: KUBERNETES_NAME_MAX,
    describe:
      'at most 253 characters: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit (RFC 1123 subdomain)',
    docUrl: KUBERNETES_NAMES,
  },
} satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/** What is wrong with `name` as a name of `kind`, or `undefined` when it is valid. */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  if (name.length > rule.maxLength) {
    return `${rule.label} name ${JSON.stringify(name)} is ${name.length} characters, more than ${rule.maxLength}`;
  }
  if (!rule.pattern.test(name)) return `${JSON.stringify(name)} is not a valid ${rule.label} name (${rule.describe})`;
  return undefined;
}

/** The subnets runnel can create, by role, in the order they are resolved and written. */
export const SUBNET_ROLES = ['workload', 'directVpc', 'connector', 'proxyOnly', 'globalProxyOnly'] as const;
export type SubnetRole = (typeof SUBNET_ROLES)[number];

const SUBNET_SUFFIX: Record<SubnetRole, string> = {
  workload: 'workload',
  connector: 'connector',
  directVpc: 'direct',
  proxyOnly: 'proxy-only',
  globalProxyOnly: 'global-proxy',
};

/**
 * The name of a per-region object: the first region's keeps the one-region name, a later region's ends in
 * `-<region>`, so adding a region renames nothing (`api-neg`, `api-neg-europe-west4`).
 */
export function inRegion(name: string, region: string, primary: boolean): string {
  return primary ? name : `${name}-${region}`;
}

/** Names derived from user-given names. */
export const derivedName = {
  subnet: (network: string, role: SubnetRole) => `${network}-${SUBNET_SUFFIX[role]}`,
  connector: (network: string) => `${network}-conn`,
  router: (network: string) => `${network}-router`,
  routerNat: (network: string) => `${network}-nat`,
  neg: (service: string) => `${service}-neg`,
  backendService: (service: string) => `${service}-bes`,
  urlMap: (service: string) => `${service}-urlmap`,
  targetProxy: (service: string) => `${service}-proxy`,
  address: (service: string) => `${service}-ilb-ip`,
  forwardingRule: (service: string) => `${service}-http`,
  /** The version, when given, makes each rotation a new certificate beside the old one. */
  sslCertificate: (service: string, version?: number) => (version === undefined ? `${service}-cert` : `${service}-cert-v${version}`),
  httpsProxy: (service: string) => `${service}-https-proxy`,
  httpsForwardingRule: (service: string) => `${service}-https`,
  /** Stem of the shared internal load balancer's objects (`loadBalancing.mode: shared`). */
  sharedLoadBalancer: (network: string) => `${network}-lb`,
  serviceAccount: (service: string) => `run-${service}`,
  privateServiceAccess: (network: string) => `${network}-psa`,
  dnsZone: (network: string) => `${network}-private`,
  runAppZone: (network: string) => `${network}-run-app`,
  googleApisZone: (network: string) => `${network}-googleapis`,
  pscEndpoint: () => 'allapis',
  serviceNetworkingConnection: (network: string) => `${network}-servicenetworking`,
  argoApplication: (network: string) => `${network}-topology`,
  /** One environment's Application, generated by the ApplicationSet named after the single Application. */
  argoEnvironmentApplication: (application: string, environment: string) => `${application}-${environment}`,
  /** The Connectivity Test of a declared call or use: `client-service-to-server-service`. */
  connectivityTest: (from: string, to: string) => `${from}-to-${to}`,
  /** A Google API, as Service Usage names it: `run` → `run.googleapis.com`. */
  apiService: (api: string) => `${api}.googleapis.com`,
  /** Config Connector accepts exactly one ConfigConnectorContext per namespace, by this name. */
  configConnectorContext: () => 'configconnectorcontext.core.cnrm.cloud.google.com',
} as const;

/**
 * Names of the shared internal load balancer's own objects, from its stem (`<network>-lb` unless set): the per-service
 * patterns on the stem, but `<stem>-ip` for the address. Its callees keep their per-service NEG and backend service
 * names (`derivedName.neg`, `derivedName.backendService`), so switching modes leaves those objects in place.
 */
export function sharedLoadBalancerNames(stem: string, certificateVersion?: number) {
  return {
    urlMap: derivedName.urlMap(stem),
    proxy: derivedName.targetProxy(stem),
    httpsProxy: derivedName.httpsProxy(stem),
    address: `${stem}-ip`,
    forwardingRule: derivedName.forwardingRule(stem),
    httpsForwardingRule: derivedName.httpsForwardingRule(stem),
    certificate: derivedName.sslCertificate(stem, certificateVersion),
  };
}

/** What is wrong with `name` as a Kubernetes object name, or `undefined` when it is valid. */
export function kubernetesNameProblem(name: string): string | undefined {
  if (name.length > KUBERNETES_NAME_MAX)
    return `Kubernetes object name ${JSON.stringify(name)} is ${name.length} characters, more than ${KUBERNETES_NAME_MAX}`;
  if (!DNS1123_SUBDOMAIN.test(name)) {
    return `${JSON.stringify(name)} is not a Kubernetes object name (lowercase letters, digits, "-" and ".", starting and ending with a letter or digit)`;
  }
  return undefined;
}

/**
 * `metadata.name` of a Secret Manager secret runnel creates. A secret ID (`[A-Za-z0-9_-]{1,255}`) that is already a
 * Kubernetes name is kept as is; any other is lowercased, `_` becomes `-`, leading and trailing `-` go, and it is cut
 * to 253 characters (the real ID then goes in `spec.resourceID`). Never contains a dot, so names built from it with
 * dots as separators stay unambiguous; two IDs that map to one name (`DB_PASS`, `db-pass`) are refused by the rule
 * `emitted-names-unique`.
 */
export function secretObjectName(secretId: string): string {
  if (secretId.length <= KUBERNETES_NAME_MAX && DNS1123_SUBDOMAIN.test(secretId)) return secretId;
  const name = secretId
    .toLowerCase()
    .replace(/_/g, '-')
    .slice(0, KUBERNETES_NAME_MAX)
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'secret' : name;
}

/**
 * A service account as part of an object name: a created account's ID (no dots), or an existing account's email
 * with `@` as `.` (always dots: a service account email's domain has some, its local part none).
 */
export function accountKey(accountIdOrEmail: string): string {
  return accountIdOrEmail.toLowerCase().replace('@', '.');
}

/**
 * Names of the IAMPolicyMembers runnel emits. The first label is a secret or service name and the second the kind of
 * grant; neither holds a dot, so two different grants never get one name: `api` reading `db-password` and `api-db`
 * reading `password` are `db-password.secret-accessor.run-api` and `password.secret-accessor.run-api-db`. One grant per
 * account, not per service: services sharing an account share its grants.
 */
export const grantName = {
  secretAccessor: (secretId: string, account: string) => `${secretObjectName(secretId)}.secret-accessor.${accountKey(account)}`,
  invoker: (callee: string, account: string) => `${callee}.invoker.${accountKey(account)}`,
  /** Two labels, where every other invoker grant has three or more: no account can take this name. */
  publicInvoker: (callee: string) => `${callee}.invoker-all-users`,
  /**
   * Grants to members outside the topology (`services[].invokers`), by member. A service account is named as a
   * caller's grant would be (the same account: the same grant); a user, group or domain gets its type as the second
   * label (`api.invoker-user.alice.example.com`), which no caller's grant has. Members that read alike once lowercased
   * (`a_b@x`, `a-b@x`) get a counter, in the order given.
   */
  outsideInvokers: (callee: string, members: readonly string[]): Map<string, string> => {
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const member of members) {
      if (names.has(member)) continue;
      const colon = member.indexOf(':');
      const type = member.slice(0, colon);
      const value = member.slice(colon + 1);
      const base =
        type === 'serviceAccount'
          ? `${callee}.invoker.${accountKey(value)}`
          : `${callee}.invoker-${type.toLowerCase()}.${value.toLowerCase().replace('@', '.')}`;
      let name = base.replace(/[^a-z0-9.-]/g, '-');
      for (let i = 2; used.has(name); i++) name = `${base.replace(/[^a-z0-9.-]/g, '-')}-${i}`;
      used.add(name);
      names.set(member, name);
    }
    return names;
  },
  /** The deployer's `roles/iam.serviceAccountUser` on a created account: two labels, the account's ID has no dot. */
  deployerActAs: (accountId: string) => `${accountId}.deployer-act-as`,
  /**
   * `roles/compute.networkUser` on a subnet of another project for one member: subnet, `network-user`, then the
   * member's account name (`service-123.serverless-robot-prod`). Three or more labels, the second one fixed.
   */
  subnetNetworkUser: (subnet: string, memberEmail: string) =>
    `${subnet}.network-user.${memberEmail.replace(/\.iam\.gserviceaccount\.com$|\.gserviceaccount\.com$/, '').replace('@', '.')}`.replace(
      /[^a-z0-9.-]/g,
      '-',
    ),
  /** `roles/vpcaccess.user` on the host project for one member (an existing connector there). */
  hostVpcAccessUser: (project: string, memberEmail: string) =>
    `${project}.vpcaccess-user.${memberEmail.replace(/\.iam\.gserviceaccount\.com$|\.gserviceaccount\.com$/, '').replace('@', '.')}`.replace(
      /[^a-z0-9.-]/g,
      '-',
    ),
} as const;

/** `metadata.name` of a record set: zone, label (`*` as `wildcard`, `@` as `apex`) and type. */
export function recordSetName(zone: string, label: string, type: string): string {
  const part = label === '@' ? 'apex' : label === '*' ? 'wildcard' : label;
  return `${zone}-${part}-${type.toLowerCase()}`.replace(/[^a-z0-9.-]/g, '-');
}

/** `server-service` → `SERVER_SERVICE`: the stem of the variables runnel injects. */
export function envStem(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/** Default variables a backend's users get. */
export const backendEnvVar = {
  host: (backend: string) => `${envStem(backend)}_HOST`,
  port: (backend: string) => `${envStem(backend)}_PORT`,
} as const;

/**
 * The forms of a service account email: a user-managed account `<id>@<project>.iam.gserviceaccount.com` (a
 * domain-scoped project `example.com:p` gives `p.example.com`), a service agent `service-<number>@gcp-sa-<x>.iam...`,
 * and the default accounts `<number>-compute@developer`, `<project>@appspot`, `<number>@cloudservices` and
 * `<number>@cloudbuild.gserviceaccount.com`. No dots before `@`.
 * @see https://cloud.google.com/iam/docs/service-account-types
 * @see https://cloud.google.com/iam/docs/service-agents
 */
const SERVICE_ACCOUNT_EMAIL =
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?@([a-z][-a-z0-9.]{0,90}[a-z0-9]\.iam|developer|appspot|cloudservices|cloudbuild)\.gserviceaccount\.com$/;

/** What is wrong with `email` as a service account email, or `undefined` when it has one of the forms. */
export function serviceAccountEmailProblem(email: string): string | undefined {
  if (SERVICE_ACCOUNT_EMAIL.test(email)) return undefined;
  return `${JSON.stringify(email)} is not a service account email (<account-id>@<project>.iam.gserviceaccount.com, lowercase)`;
}

/** Email of a service account in `project`. */
export function serviceAccountEmail(accountId: string, project: string): string {
  return `${accountId}@${project}.iam.gserviceaccount.com`;
}

/** Environment variable through which a caller learns a callee's URL: `server-service` → `SERVER_SERVICE_URL`. */
export function urlEnvVar(service: string): string {
  return `${envStem(service)}_URL`;
}

/** Full resource paths, as Cloud Run annotations and `external` references take them. */
export const resourcePath = {
  connector: (project: string, region: string, name: string) => `projects/${project}/locations/${region}/connectors/${name}`,
  regionNeg: (project: string, region: string, name: string) => `projects/${project}/regions/${region}/networkEndpointGroups/${name}`,
  project: (project: string) => `projects/${project}`,
  secret: (project: string, name: string) => `projects/${project}/secrets/${name}`,
  regionSslCertificate: (project: string, region: string, name: string) => `projects/${project}/regions/${region}/sslCertificates/${name}`,
  /** The form ComputeTargetHTTPSProxy's certificateManagerCertificates[].external takes (its CRD). */
  certificateManagerCertificate: (project: string, location: string, name: string) =>
    `projects/${project}/locations/${location}/certificates/${name}`,
  globalAddress: (project: string, name: string) => `projects/${project}/global/addresses/${name}`,
  /** The form every Config Connector `networkRef.external` takes (e.g. ComputeForwardingRule's CRD). */
  network: (project: string, name: string) => `projects/${project}/global/networks/${name}`,
  /** The form `subnetworkRef.external` and an IAMPolicyMember's ComputeSubnetwork `resourceRef.external` take. */
  subnetwork: (project: string, region: string, name: string) => `projects/${project}/regions/${region}/subnetworks/${name}`,
  /** The form DNSRecordSet's `managedZoneRef.external` takes (its CRD: `projects/{{projectID}}/managedZones/{{zone}}`). */
  managedZone: (project: string, name: string) => `projects/${project}/managedZones/${name}`,
  /** A Memorystore for Redis instance, as Connectivity Tests' `redisInstance` takes it. */
  redisInstance: (project: string, region: string, name: string) => `projects/${project}/locations/${region}/instances/${name}`,
} as const;

/** `projects/<p>/managedZones/<z>`: an existing zone's project and name, or undefined for another form. */
export function parseManagedZonePath(path: string): { readonly project: string; readonly name: string } | undefined {
  const m = /^projects\/([^/]+)\/managedZones\/([^/]+)$/.exec(path);
  return m ? { project: m[1], name: m[2] } : undefined;
}

/** `projects/<p>/locations/<r>/connectors/<c>`: an existing connector's parts, or undefined for another form. */
export function parseConnectorPath(path: string): { readonly project: string; readonly region: string; readonly name: string } | undefined {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/connectors\/([^/]+)$/.exec(path);
  return m ? { project: m[1], region: m[2], name: m[3] } : undefined;
}

/**
 * Google-managed service agents of a project, named by its number.
 * @see https://cloud.google.com/iam/docs/service-agents
 */
export const serviceAgent = {
  /** Cloud Run Service Agent: attaches Direct VPC egress interfaces and uses connectors. */
  cloudRun: (projectNumber: string) => `service-${projectNumber}@serverless-robot-prod.iam.gserviceaccount.com`,
  /** Serverless VPC Access Service Agent: creates a connector's instances in its subnet. */
  vpcAccess: (projectNumber: string) => `service-${projectNumber}@gcp-sa-vpcaccess.iam.gserviceaccount.com`,
  /** Google APIs Service Agent (the "Cloud Services" account), which creates a connector's instance group. */
  cloudServices: (projectNumber: string) => `${projectNumber}@cloudservices.gserviceaccount.com`,
} as const;

/** Folder of the objects that live in a Shared VPC host project (or another project the topology only uses). */
export function hostFolder(project: string): string {
  return `host-${project}`;
}

/**
 * Where each file goes inside the output folder: one place, so the layout is stable, reviewable and documented
 * (README, "What synth writes"). One file per object group keeps a change to one service in that service's files.
 */
export const outputPath = {
  /** A Config Connector file of the service project. */
  configConnector: (file: string) => `config-connector/${file}`,
  /** A file of another project (a Shared VPC host's), applied by its owners. */
  host: (project: string, file: string) => `${hostFolder(project)}/${file}`,
  /** A Knative-format Cloud Run service, for `gcloud run services replace`. */
  knativeService: (service: string) => `cloud-run/${service}.yaml`,
  /** A Config Connector `RunService`. */
  configConnectorService: (service: string) => `config-connector/service-${service}.yaml`,
  /** A Knative-format service's authoritative invoker policy, for `gcloud run services set-iam-policy`. */
  invokerPolicy: (service: string) => `cloud-run-iam/${service}.yaml`,
  /** A Config Connector service's invoker grants (IAMPolicyMembers). */
  invokerGrants: (service: string) => `config-connector/invokers-${service}.yaml`,
  /** The Argo CD Application of the Config Connector files. */
  argoApplication: 'argocd/application.yaml',
};

/**
 * The output folders of files gcloud applies, never kubectl: Knative Services (`gcloud run services replace`) and
 * invoker policies (`gcloud run services set-iam-policy`). A Config Connector cluster serves no Knative CRD and a
 * policy file has no `kind`, so `kubectl apply -f dist -R` and kubeconform would fail on them: the CLI writes them
 * beside the Kubernetes output (`gcloudOutputFolder`), not in it. The folders of `outputPath.knativeService` and
 * `outputPath.invokerPolicy`.
 */
export const GCLOUD_FOLDERS: readonly string[] = [outputPath.knativeService('x'), outputPath.invokerPolicy('x')].map((p) =>
  p.slice(0, p.lastIndexOf('/')),
);

/**
 * Whether a file of a topology's output is one gcloud applies, by its path inside that output (`cloud-run/web.yaml`,
 * before any environment's folder is put in front): its first folder is one of {@link GCLOUD_FOLDERS}.
 */
export function isGcloudFile(path: string): boolean {
  const slash = path.indexOf('/');
  return slash > 0 && GCLOUD_FOLDERS.includes(path.slice(0, slash));
}

/**
 * The default folder of the gcloud files, beside the Kubernetes output folder `out`: `dist` → `dist-gcloud`,
 * `build/dist/` → `build/dist-gcloud`; `.` or `..` → the folder's own name with `-gcloud`, beside it.
 */
export function gcloudOutputFolder(out: string): string {
  const trimmed = out.replace(/[/\\]+$/, '');
  const last = trimmed.split(/[/\\]/).pop() ?? '';
  return last === '' || last === '.' || last === '..' ? `${resolvePath(trimmed || '/')}-gcloud` : `${trimmed}-gcloud`;
}
