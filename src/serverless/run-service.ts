import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  RunService as KccRunService,
  RunServiceSpecTemplateContainers,
  RunServiceSpecTemplateVolumes,
  RunServiceSpecTraffic,
} from '../../imports/run.cnrm.cloud.google.com';
import {
  Service,
  ServiceSpecTemplateSpecContainersLivenessProbeHttpGetPort,
  ServiceSpecTemplateSpecContainersResourcesLimits,
  ServiceSpecTemplateSpecContainersStartupProbeHttpGetPort,
  ServiceSpecTemplateSpecContainersStartupProbeTcpSocketPort,
  ServiceSpecTemplateSpecVolumes,
  ServiceSpecTraffic,
} from '../../imports/serving.knative.dev';
import { RunAnnotation, RunLabel } from '../annotations';
import { ServiceAccount } from '../iam/service-account';
import { Grantee, granteeKey, IamGrant, memberString } from '../iam/iam-grant';
import { ALL_USERS, INVOKER_ROLE, InvokerPolicy } from '../iam/invoker-policy';
import { RunnelChart } from '../delivery/runnel-chart';
import { kccMetadata } from '../kcc';
import { grantName, outputPath, resourcePath } from '../names';
import { Secret } from '../secrets/secret';
import { validateName } from '../check/name-check';
import { ServiceSettingsSpec } from '../input/service-settings';
import { VpcEgress } from './egress';
import { Ingress, ServiceFormat } from '../choices';
import { mergeManifest } from './manifest-merge';
import {
  ingressContainerName,
  ingressContainerSettings,
  kccTraffic,
  kccVolume,
  knativeTemplateAnnotations,
  knativeTraffic,
  knativeVolume,
  revisionName,
  sidecarContainer,
  timeoutSeconds,
} from './service-template';
import { DEFAULTS } from '../defaults';

// The choices are defined once (src/input/choices.ts) and offered here, beside the construct that takes them.
export { Ingress, ServiceFormat };

/** Config Connector's names for the ingress settings. */
const KCC_INGRESS: Record<Ingress, string> = {
  all: 'INGRESS_TRAFFIC_ALL',
  internal: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  'internal-and-cloud-load-balancing': 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
};

/** Instance scaling of a revision. */
export interface Scaling {
  /**
   * Instances kept warm.
   * @default 0
   */
  readonly minInstances?: number;
  /**
   * Upper bound on instances. Direct VPC egress reserves subnet addresses for it.
   * @default 100 (Cloud Run's own default, written out so reviewers see it)
   */
  readonly maxInstances?: number;
}

/**
 * A variable read from Secret Manager when an instance starts: the value never appears in the manifest.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets#yaml
 */
export interface SecretEnvValue {
  /** Secret ID in the service's project, or the Secret construct runnel creates. */
  readonly secret: string | Secret;
  /** A version number or `latest`. @default 'latest' */
  readonly version?: string;
}

/**
 * A Cloud Run service's props: its networking, and (from `ServiceSettingsSpec`, the same fields as a topology file's
 * `services[]`) everything else: resources, concurrency, probes, sidecars, volumes, revision and traffic.
 */
export interface RunServiceProps extends ServiceSettingsSpec {
  /**
   * Cloud Run service name: at most 49 characters.
   * @see https://cloud.google.com/run/docs/reference/rest/v1/ObjectMeta
   */
  readonly name: string;
  /** GCP project ID; written as `metadata.namespace`, which is how Cloud Run YAML names the project. */
  readonly project: string;
  /** Region, written as the `cloud.googleapis.com/location` label. */
  readonly region: string;
  /** Container image, e.g. `asia-northeast1-docker.pkg.dev/acme/run/api:1.0.0`. */
  readonly image: string;
  /**
   * Port the container listens on.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Who may reach the service.
   * @default Ingress.INTERNAL
   */
  readonly ingress?: Ingress;
  /**
   * How the service reaches the VPC.
   * @default VpcEgress.none()
   */
  readonly egress?: VpcEgress;
  /**
   * Literal environment variables, written sorted by name.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Variables read from Secret Manager by reference, written sorted by name among `env`.
   * @default - none
   */
  readonly secretEnv?: Record<string, SecretEnvValue>;
  /** @default - 0..100 instances */
  readonly scaling?: Scaling;
  /**
   * The service account the revision runs as: one in the output, or an existing one by email.
   * @default - Cloud Run's default (the Compute Engine default service account); name a dedicated one
   */
  readonly serviceAccount?: string | ServiceAccount;
  /**
   * How the service is written.
   * @default ServiceFormat.KNATIVE
   */
  readonly format?: ServiceFormat;
  /**
   * `ServiceFormat.CONFIG_CONNECTOR` only: `metadata.name` of the RunService when it differs from the service's name,
   * as a later region's copy of a service in several regions does (`<name>-<region>`); the service's name then goes in
   * `spec.resourceID` (RunService CRD: "The name of the resource. Used for creation and acquisition. When unset, the
   * value of `metadata.name` is used as the default").
   * @default - `name`
   */
  readonly objectName?: string;
  /**
   * `ServiceFormat.CONFIG_CONNECTOR` only: namespace of the RunService object.
   * @default - none: `kubectl apply -n` decides
   */
  readonly namespace?: string;
  /**
   * ID token audiences the service accepts besides its `*.run.app` URL: the URLs callers know it by (an
   * internal load balancer's name or address), since callers mint tokens for the URL they call.
   * @default - none
   * @see https://cloud.google.com/run/docs/configuring/custom-audiences
   */
  readonly customAudiences?: readonly string[];
  /**
   * Deprecated: use `probes.startup`. An HTTP startup probe: Cloud Run sends no request to an instance until `path` answers 200-399 on the container
   * port. Direct VPC egress can take a minute or more to connect at instance start, so Google recommends a probe
   * whose endpoint tests an egress destination, with enough attempts to wait that out.
   * @default - none: Cloud Run's default TCP startup check on the port
   * @see https://cloud.google.com/run/docs/configuring/healthchecks
   * @see https://cloud.google.com/run/docs/configuring/vpc-direct-vpc#limitations
   */
  readonly startupProbe?: StartupProbe;
  /**
   * The user's own service object (a Knative Service for `ServiceFormat.KNATIVE`, a RunService for
   * `ServiceFormat.CONFIG_CONNECTOR`), without server-set fields: every field of it runnel does not write is kept,
   * every field runnel writes wins. Disagreements on networking are refused before (manifest-agrees-with-topology).
   * @default - none: runnel writes the whole service
   */
  readonly baseManifest?: Record<string, unknown>;
  /**
   * `ServiceFormat.KNATIVE` only: path, inside the output folder, of the service's invoker policy file (for
   * `gcloud run services set-iam-policy`), written for every service, with `bindings: []` when nobody was granted.
   * @default - `cloud-run-iam/<name>.yaml`
   */
  readonly invokerPolicyPath?: string;
  /**
   * `ServiceFormat.CONFIG_CONNECTOR` only: path, inside the output folder, of the file of the service's invoker
   * grants (IAMPolicyMembers), written when something is granted.
   * @default - `config-connector/invokers-<name>.yaml`
   */
  readonly invokerGrantsPath?: string;
}

/** The settings with the deprecated `startupProbe` folded into `probes.startup` (it loses to `probes.startup`). */
function settingsOf(props: RunServiceProps): ServiceSettingsSpec {
  const probe = props.startupProbe;
  if (!probe || props.probes?.startup) return props;
  return {
    ...props,
    probes: {
      ...props.probes,
      startup: {
        http: { path: probe.path },
        ...(probe.periodSeconds !== undefined ? { periodSeconds: probe.periodSeconds } : {}),
        ...(probe.failureThreshold !== undefined ? { failureThreshold: probe.failureThreshold } : {}),
      },
    },
  };
}

/** An HTTP startup probe on the container port. */
export interface StartupProbe {
  /** Path Cloud Run sends `GET` to, e.g. `/ready`. */
  readonly path: string;
  /** Seconds between attempts, 1-240. @default 10 */
  readonly periodSeconds?: number;
  /** Failed attempts before Cloud Run gives the instance up, at least 1. @default 3 */
  readonly failureThreshold?: number;
}

/**
 * A Cloud Run service as a Knative `serving.knative.dev/v1` Service, the form `gcloud run services replace` takes.
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 */
/**
 * A Cloud Run service: a Knative `serving.knative.dev/v1` Service (the form `gcloud run services replace` takes),
 * or a Config Connector `RunService` (`format`).
 * @see https://cloud.google.com/run/docs/reference/yaml/v1
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/run/runservice
 */
export class RunService extends Construct {
  public readonly name: string;
  public readonly ingress: Ingress;
  public readonly egress: VpcEgress;
  public readonly format: ServiceFormat;
  public readonly resource: ApiObject;
  private readonly env: Map<string, string | SecretEnvValue>;
  private readonly invokers: InvokerPolicy | InvokerGrants;

  constructor(scope: Construct, id: string, props: RunServiceProps) {
    super(scope, id);
    this.name = props.name;
    this.ingress = props.ingress ?? DEFAULTS.service.ingress;
    this.egress = props.egress ?? VpcEgress.none();
    this.format = props.format ?? DEFAULTS.delivery.cloudRun;
    this.env = new Map<string, string | SecretEnvValue>(Object.entries(props.env ?? {}));
    for (const [name, ref] of Object.entries(props.secretEnv ?? {})) this.addSecretEnv(name, ref);
    validateName(this, 'cloudRunService', props.name);
    this.resource = this.format === ServiceFormat.KNATIVE ? this.knative(props) : this.configConnector(props);
    this.invokers =
      this.format === ServiceFormat.KNATIVE
        ? new InvokerPolicy(this, 'Invokers', {
            project: props.project,
            region: props.region,
            service: props.name,
            outputPath: props.invokerPolicyPath ?? outputPath.invokerPolicy(props.name),
          })
        : new InvokerGrants(this, props);
  }

  /**
   * Lets `grantee` invoke the service (`roles/run.invoker` on it alone); nobody else may but those granted so.
   * Knative format: a member of the service's authoritative policy file, so a grant the topology drops is revoked
   * when the file is applied. Config Connector format: an IAMPolicyMember on the RunService, referenced by name
   * (an `external` RunService reference fails to resolve, k8s-config-connector #772), in the service's grants file.
   * @param grantee an account in the output, or an IAM member; `allUsers` makes the service public
   * @param name the IAMPolicyMember's name (Config Connector format); a grant of a name granted before is that
   *   grant. Defaults to `grantName.invoker` for an account, `grantName.publicInvoker` for `allUsers`, and
   *   `grantName.outsideInvokers` for any other member.
   * @see https://github.com/GoogleCloudPlatform/k8s-config-connector/issues/772
   */
  public grantInvoke(grantee: Grantee, name?: string): void {
    if (this.invokers instanceof InvokerPolicy) this.invokers.addMember(memberString(grantee));
    else this.invokers.grant(grantee, name);
  }

  /** Adds a literal environment variable; names must be unique. */
  public addEnv(name: string, value: string): void {
    this.setEnv(name, value);
  }

  /** Adds a variable read from Secret Manager; names must be unique. */
  public addSecretEnv(name: string, ref: SecretEnvValue): void {
    this.setEnv(name, ref);
  }

  private setEnv(name: string, value: string | SecretEnvValue): void {
    if (this.env.has(name)) throw new Error(`RunService ${this.name}: environment variable ${name} is already set`);
    this.env.set(name, value);
  }

  private knative(props: RunServiceProps): ApiObject {
    const scaling = scalingOf(props);
    const account = props.serviceAccount;
    const settings = settingsOf(props);
    const revision = revisionName(props.name, settings);
    const nfs = new Map(
      (settings.volumes ?? []).flatMap((v, i) => (v.nfs ? [[i, (knativeVolume(v) as { nfs: object }).nfs] as const] : [])),
    );
    return new KnativeService(this, 'Resource', nfs, props.baseManifest, {
      metadata: {
        name: props.name,
        namespace: props.project,
        // The user's labels and annotations first; what runnel owns is written last, so it always wins (a key it
        // owns in `annotations` is refused by service-settings-valid before this point).
        labels: { ...settings.labels, [RunLabel.LOCATION]: props.region },
        annotations: {
          ...settings.annotations,
          ...(settings.minInstances !== undefined ? { [RunAnnotation.SERVICE_MIN_SCALE]: String(settings.minInstances) } : {}),
          ...(props.customAudiences?.length ? { [RunAnnotation.CUSTOM_AUDIENCES]: JSON.stringify(props.customAudiences) } : {}),
          [RunAnnotation.INGRESS]: this.ingress,
        },
      },
      spec: {
        template: {
          metadata: {
            ...(revision !== undefined ? { name: revision } : {}),
            annotations: {
              [RunAnnotation.MIN_SCALE]: String(scaling.minInstances),
              [RunAnnotation.MAX_SCALE]: String(scaling.maxInstances),
              ...this.egress._annotations(),
              ...knativeTemplateAnnotations(settings),
            },
          },
          spec: {
            ...(settings.concurrency !== undefined ? { containerConcurrency: settings.concurrency } : {}),
            ...(settings.timeout !== undefined ? { timeoutSeconds: timeoutSeconds(settings.timeout) } : {}),
            ...(account ? { serviceAccountName: typeof account === 'string' ? account : account.email } : {}),
            containers: [
              knativeTyped(
                this.container(props, settings, false, (name, ref) => ({
                  name,
                  // Cloud Run's form: the secret's ID as `name`, the version as `key`.
                  valueFrom: { secretKeyRef: { name: secretId(ref.secret), key: ref.version ?? DEFAULTS.secretRef.version } },
                })),
              ),
              ...(settings.sidecars ?? []).map((c) => knativeTyped(sidecarContainer(c, false))),
            ],
            ...(settings.volumes?.length
              ? { volumes: settings.volumes.map((v) => knativeVolume(v) as unknown as ServiceSpecTemplateSpecVolumes) }
              : {}),
          },
        },
        ...(settings.traffic?.length ? { traffic: knativeTraffic(settings.traffic) as ServiceSpecTraffic[] } : {}),
      },
    });
  }

  private configConnector(props: RunServiceProps): ApiObject {
    const scaling = scalingOf(props);
    const account = props.serviceAccount;
    const vpcAccess = this.egress._vpcAccess();
    const settings = settingsOf(props);
    const revision = revisionName(props.name, settings);
    const objectName = props.objectName ?? props.name;
    const metadata = kccMetadata(objectName, { project: props.project, namespace: props.namespace });
    return new ConfigConnectorService(this, 'Resource', props.baseManifest, {
      // Config Connector writes an object's metadata.labels as the GCP resource's labels.
      // https://cloud.google.com/config-connector/docs/how-to/managing-labels
      metadata: settings.labels && Object.keys(settings.labels).length ? { ...metadata, labels: { ...settings.labels } } : metadata,
      spec: {
        ...(settings.annotations && Object.keys(settings.annotations).length ? { annotations: { ...settings.annotations } } : {}),
        location: props.region,
        ...(objectName !== props.name ? { resourceId: props.name } : {}),
        projectRef: { external: resourcePath.project(props.project) },
        ingress: KCC_INGRESS[this.ingress],
        // What the API reports back when nothing preview is used: written so a GitOps diff stays empty.
        launchStage: 'GA',
        ...(props.customAudiences?.length ? { customAudiences: [...props.customAudiences] } : {}),
        template: {
          ...(revision !== undefined ? { revision } : {}),
          ...(settings.executionEnvironment !== undefined
            ? {
                executionEnvironment:
                  settings.executionEnvironment === 'gen1' ? 'EXECUTION_ENVIRONMENT_GEN1' : 'EXECUTION_ENVIRONMENT_GEN2',
              }
            : {}),
          ...(settings.sessionAffinity !== undefined ? { sessionAffinity: settings.sessionAffinity } : {}),
          ...(settings.timeout !== undefined ? { timeout: settings.timeout } : {}),
          ...(settings.concurrency !== undefined ? { maxInstanceRequestConcurrency: settings.concurrency } : {}),
          ...(account ? { serviceAccountRef: typeof account === 'string' ? { external: account } : { name: account.accountId } } : {}),
          scaling: { minInstanceCount: scaling.minInstances, maxInstanceCount: scaling.maxInstances },
          ...(vpcAccess ? { vpcAccess } : {}),
          containers: [
            this.container(props, settings, true, (name, ref) => ({
              name,
              valueSource: {
                secretKeyRef: {
                  // The CRD's format for a secret of the same project is its bare ID.
                  secretRef: typeof ref.secret === 'string' ? { external: ref.secret } : { name: ref.secret.objectName },
                  versionRef: { external: ref.version ?? DEFAULTS.secretRef.version },
                },
              },
            })),
            ...(settings.sidecars ?? []).map((c) => sidecarContainer(c, true) as unknown as RunServiceSpecTemplateContainers),
          ],
          ...(settings.volumes?.length
            ? { volumes: settings.volumes.map((v) => kccVolume(v) as unknown as RunServiceSpecTemplateVolumes) }
            : {}),
        },
        ...(settings.traffic?.length ? { traffic: kccTraffic(settings.traffic) as RunServiceSpecTraffic[] } : {}),
      },
    });
  }

  /**
   * The one container, the same in both formats but for how a secret variable is written. Variables are
   * rendered late, so those added after construction (injected URLs) are included, and sorted by name, so the
   * output does not depend on declaration order.
   */
  private container(
    props: RunServiceProps,
    settings: ServiceSettingsSpec,
    kcc: boolean,
    secret: (name: string, ref: SecretEnvValue) => object,
  ) {
    const name = ingressContainerName(settings);
    const { startupProbe, livenessProbe, ...rest } = ingressContainerSettings(settings, kcc);
    return {
      ...(name !== undefined ? { name } : {}),
      image: props.image,
      // The only container with a port: the one that receives requests (sidecars get none).
      ports: [{ name: 'http1', containerPort: props.port ?? DEFAULTS.service.port }],
      ...rest,
      // Both formats take the same probe fields; the port defaults to the container port.
      ...(startupProbe ? { startupProbe } : {}),
      ...(livenessProbe ? { livenessProbe } : {}),
      env: Lazy.any({
        produce: () =>
          this.env.size === 0
            ? undefined
            : [...this.env.entries()]
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([name, value]) => (typeof value === 'string' ? { name, value } : secret(name, value))),
      }),
    };
  }
}

/**
 * A Config Connector service's invoker grants: one IAMPolicyMember per grant name, in a chart of their own beside the
 * service's (so adding a caller touches this file alone), created with the first grant. IAMPolicyMember is additive:
 * a grant the topology drops is deleted with its object, so nothing is written when nobody is granted.
 */
class InvokerGrants {
  private chart?: RunnelChart;
  private readonly names = new Set<string>();

  constructor(
    private readonly service: RunService,
    private readonly props: RunServiceProps,
  ) {}

  public grant(grantee: Grantee, name?: string): void {
    // The RunService object granted on: a later region's copy is `<name>-<region>` (objectName), and its grants are named so.
    const service = this.props.objectName ?? this.props.name;
    const grant =
      name ??
      (typeof grantee !== 'string' || grantee.startsWith('serviceAccount:')
        ? grantName.invoker(service, granteeKey(grantee))
        : grantee === ALL_USERS
          ? grantName.publicInvoker(service)
          : (grantName.outsideInvokers(service, [grantee]).get(grantee) as string));
    if (this.names.has(grant)) return;
    this.names.add(grant);
    new IamGrant(this.chartOf(), `Invoker-${grant}`, {
      project: this.props.project,
      namespace: this.props.namespace,
      name: grant,
      role: INVOKER_ROLE,
      member: grantee,
      target: { kind: 'RunService', name: service },
    });
  }

  /** The grants' chart, a sibling of the service's chart (in the same scope), made with the first grant. */
  private chartOf(): RunnelChart {
    if (!this.chart) {
      const serviceChart = Chart.of(this.service);
      const service = this.props.objectName ?? this.props.name;
      this.chart = new RunnelChart(serviceChart.node.scope ?? serviceChart, `invokers-${service}`, {
        outputPath: this.props.invokerGrantsPath ?? outputPath.invokerGrants(service),
      });
    }
    return this.chart;
  }
}

/**
 * Cloud Run's `nfs` volume source is not in the upstream Knative Service type, whose serializer drops what it does
 * not know (JSON patches included, since it serializes after them): added to the rendered object as Cloud Run's
 * YAML reference writes it.
 * @see https://cloud.google.com/run/docs/configuring/services/nfs-volume-mounts
 */
class KnativeService extends Service {
  constructor(
    scope: Construct,
    id: string,
    private readonly nfs: ReadonlyMap<number, object>,
    private readonly base: Record<string, unknown> | undefined,
    props: ConstructorParameters<typeof Service>[2],
  ) {
    super(scope, id, props);
  }

  public override toJson(): Record<string, unknown> {
    const json = super.toJson();
    for (const [i, nfs] of this.nfs) json.spec.template.spec.volumes[i].nfs = nfs;
    return this.base ? mergeManifest(this.base, json) : json;
  }
}

/** A RunService completed from the user's own, when there is one (see `RunServiceProps.baseManifest`). */
class ConfigConnectorService extends KccRunService {
  constructor(
    scope: Construct,
    id: string,
    private readonly base: Record<string, unknown> | undefined,
    props: ConstructorParameters<typeof KccRunService>[2],
  ) {
    super(scope, id, props);
  }

  public override toJson(): Record<string, unknown> {
    const json = super.toJson();
    return this.base ? mergeManifest(this.base, json) : json;
  }
}

/**
 * The Knative import types quantities and int-or-string ports as wrapper classes whose `value` its serializer
 * writes: a plain string there would be dropped. Wraps resource limits and probe ports.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the generated container type, built from a plain object
function knativeTyped(container: any): any {
  const limits = container.resources?.limits as Record<string, string> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const port = (probe: any, http: (n: number) => unknown, tcp?: (n: number) => unknown) =>
    probe && {
      ...probe,
      ...(probe.httpGet?.port !== undefined ? { httpGet: { ...probe.httpGet, port: http(probe.httpGet.port) } } : {}),
      ...(tcp && probe.tcpSocket?.port !== undefined ? { tcpSocket: { port: tcp(probe.tcpSocket.port) } } : {}),
    };
  return {
    ...container,
    ...(limits
      ? {
          resources: {
            ...container.resources,
            limits: Object.fromEntries(
              Object.entries(limits).map(([k, v]) => [k, ServiceSpecTemplateSpecContainersResourcesLimits.fromString(v)]),
            ),
          },
        }
      : {}),
    ...(container.startupProbe
      ? {
          startupProbe: port(
            container.startupProbe,
            ServiceSpecTemplateSpecContainersStartupProbeHttpGetPort.fromNumber,
            ServiceSpecTemplateSpecContainersStartupProbeTcpSocketPort.fromNumber,
          ),
        }
      : {}),
    ...(container.livenessProbe
      ? { livenessProbe: port(container.livenessProbe, ServiceSpecTemplateSpecContainersLivenessProbeHttpGetPort.fromNumber) }
      : {}),
  };
}

function scalingOf(props: RunServiceProps): { minInstances: number; maxInstances: number } {
  return {
    minInstances: props.scaling?.minInstances ?? DEFAULTS.scaling.minInstances,
    maxInstances: props.scaling?.maxInstances ?? DEFAULTS.scaling.maxInstances,
  };
}

function secretId(secret: string | Secret): string {
  return typeof secret === 'string' ? secret : secret.name;
}
