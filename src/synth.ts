import { App } from 'cdk8s';
import { renderFiles, RenderedFile } from './output/render';
import { TOPOLOGY_FILE, topologyMarkdown } from './output/topology-diagram';
import { PrivateTopology } from './topology/private-topology';
import { Finding } from './finding';
import { hasErrors, validateTopology } from './validate/engine';
import { EnvironmentResult } from './validate/environments';
import { checkReferences } from './delivery/references';
import { TopologyModel } from './model/model';
import { RunnelChart } from './delivery/runnel-chart';
import { ArgoApplicationSet, ArgoEnvironmentElement, ENVIRONMENT_FILE, environmentParameters } from './delivery/argo-application-set';
import { derivedName } from './names';
import { ServiceManifests } from './input/service-manifest';

export interface SynthResult {
  /** Every finding; when one is an error, `files` is empty. */
  readonly findings: readonly Finding[];
  readonly files: readonly RenderedFile[];
}

export interface SynthOptions {
  /**
   * With `environments:`, synthesize this environment only; its files are still under `<environment>/`, and the
   * ApplicationSet (which lists every environment) is not written.
   * @default - every environment, and the ApplicationSet
   */
  readonly environment?: string;
  /**
   * The services' own manifests (`services[].manifest`), read from the files the topology names.
   * @default - none
   */
  readonly manifests?: ServiceManifests;
}

/** The ApplicationSet's file, beside the environments' folders, so Argo CD never syncs it with them. */
export const APPLICATION_SET_FILE = 'argocd/applicationset.yaml';

/** Findings with the line of the input they point at, when the input came from a file. */
export function locateFindings(findings: readonly Finding[], lineOf?: (path: string) => number | undefined): readonly Finding[] {
  return lineOf ? findings.map((f) => ({ ...f, line: f.line ?? lineOf(f.path) })) : findings;
}

/**
 * Validates a topology and, when it has no errors, renders it. Bad input never throws: it comes back
 * as findings. An exception from here is a runnel bug.
 *
 * With `environments:`, each environment is rendered to a folder of its own (`<environment>/config-connector/...`)
 * and, when the environments deliver with Argo CD, one ApplicationSet (`argocd/applicationset.yaml`) generates their
 * Applications in place of the single `argocd/application.yaml`.
 */
export function synthesizeTopology(input: unknown, lineOf?: (path: string) => number | undefined, options: SynthOptions = {}): SynthResult {
  const { findings, model, environments } = validateTopology(input, options.manifests);
  const located = locateFindings(findings, lineOf);
  if (hasErrors(located)) return { findings: located, files: [] };
  if (environments) {
    const resolved = environments.map(resolvedEnvironment);
    const chosen = resolved.filter((e) => options.environment === undefined || e.name === options.environment);
    if (chosen.length === 0) throw new Error(`no environment ${JSON.stringify(options.environment)} in the topology`);
    const files = chosen.flatMap((e) =>
      [...renderModel(withoutArgoApplication(e.model)), ...gitGeneratorFile(e)].map((f) => ({ ...f, path: `${e.name}/${f.path}` })),
    );
    if (options.environment === undefined) files.push(...renderApplicationSet(resolved));
    return { findings: located, files: sortFiles(files) };
  }
  if (!model) return { findings: located, files: [] };
  return { findings: located, files: renderModel(model) };
}

/** What `topologyFiles` returns: a topology's files that are not for kubectl. */
export interface NonKubernetesFiles {
  /**
   * The files gcloud applies, by path as `runnel synth` writes them into its gcloud folder (`dist-gcloud/`): in
   * Knative mode each service's Knative Service (`cloud-run/<service>.yaml`, `gcloud run services replace`) and
   * invoker policy (`cloud-run-iam/<service>.yaml`, `gcloud run services set-iam-policy`); none in Config Connector mode.
   */
  readonly gcloud: readonly RenderedFile[];
  /** `TOPOLOGY.md`: the Mermaid diagram and the reachability matrix, as `runnel synth` writes it into `dist/`. */
  readonly topologyMarkdown: RenderedFile;
}

/**
 * For a `PrivateTopology` in your own cdk8s app: the files `runnel synth` would write beside the Config Connector
 * objects your `app.synth()` writes (with the same names and sync waves). Write them wherever your repository keeps
 * them. Throws, with every finding, for a topology with errors.
 */
export function topologyFiles(topology: PrivateTopology): NonKubernetesFiles {
  const gcloud = renderFiles(topology).filter((f) => f.gcloud);
  const model = topology.model;
  if (!model) throw new Error(`${topology.node.path}: the topology has errors, so it has no files`);
  return { gcloud, topologyMarkdown: { path: TOPOLOGY_FILE, content: topologyMarkdown(model), objects: [] } };
}

/** The environments of a topology, in file order (empty without `environments:`); undefined when it does not validate. */
export function environmentNames(input: unknown): string[] {
  return (validateTopology(input).environments ?? []).map((e) => e.name);
}

function renderModel(model: TopologyModel): RenderedFile[] {
  // Validated once, before: the constructs take the resolved model.
  const app = new App({ outdir: 'unused' });
  new PrivateTopology(app, 'runnel', { model });
  // The diagram is an output pass over the model, beside the manifests (TypeScript users: `topologyMarkdown`).
  const files = sortFiles([...renderFiles(app), { path: TOPOLOGY_FILE, content: topologyMarkdown(model), objects: [] }]);
  const broken = checkReferences(files.flatMap((f) => f.objects));
  if (broken.length > 0) {
    throw new Error(
      `runnel produced dangling references (a bug):\n${broken.map((p) => `${p.object} ${p.field}: ${p.message}`).join('\n')}`,
    );
  }
  return files;
}

/** An environment's own output has no Application: the ApplicationSet generates one per environment. */
function withoutArgoApplication(model: TopologyModel): TopologyModel {
  const { argocd: _argocd, ...delivery } = model.delivery;
  return { ...model, delivery };
}

/** An environment of a topology without errors: every environment has its model. */
type ResolvedEnvironment = EnvironmentResult & { readonly model: TopologyModel };

function resolvedEnvironment(e: EnvironmentResult): ResolvedEnvironment {
  const { model } = e;
  // validateTopology keeps every environment's model when no finding is an error, and drops them all otherwise.
  if (!model) throw new Error(`environment ${e.name} has no model, though the topology has no errors`);
  return { ...e, model };
}

type ArgoDelivery = NonNullable<TopologyModel['delivery']['argocd']>;

/**
 * An environment's Application, as the ApplicationSet's generator sees it: named `<delivery.argocd.name>-<environment>`.
 * @param a the environment's `delivery.argocd`
 */
function environmentElement(e: ResolvedEnvironment, a: ArgoDelivery): ArgoEnvironmentElement {
  return {
    environment: e.name,
    name: derivedName.argoEnvironmentApplication(a.name, e.name),
    repoURL: a.repoURL,
    targetRevision: a.targetRevision,
    path: `${a.path}/${e.name}/config-connector`,
    ...(e.cluster !== undefined ? { server: e.cluster } : {}),
    ...(e.model.namespace !== undefined ? { namespace: e.model.namespace } : {}),
    values: e.values,
  };
}

/** With `delivery.argocd.generator: git`, the environment's parameters in its own folder, for the git files generator. */
function gitGeneratorFile(e: ResolvedEnvironment): RenderedFile[] {
  const a = e.model.delivery.argocd;
  if (a?.generator !== 'git') return [];
  return [
    { path: ENVIRONMENT_FILE, content: `${JSON.stringify(environmentParameters(environmentElement(e, a)), null, 2)}\n`, objects: [] },
  ];
}

/** One Application per environment that delivers with Argo CD. */
function renderApplicationSet(environments: readonly ResolvedEnvironment[]): RenderedFile[] {
  const argo = environments.flatMap((e) => (e.model.delivery.argocd ? [{ e, a: e.model.delivery.argocd }] : []));
  if (argo.length === 0) return [];
  const first = argo[0].a;
  const app = new App({ outdir: 'unused' });
  const chart = new RunnelChart(app, 'argocd', { outputPath: APPLICATION_SET_FILE });
  new ArgoApplicationSet(chart, 'ApplicationSet', {
    name: first.name,
    namespace: first.namespace,
    project: first.project,
    elements: argo.map(({ e, a }) => environmentElement(e, a)),
    // Every environment agrees on the project and, for git, on the repository, revision and path (checked with the environments).
    ...(first.generator === 'git'
      ? { git: { repoURL: first.repoURL, revision: first.targetRevision, environmentFiles: `${first.path}/*/${ENVIRONMENT_FILE}` } }
      : {}),
  });
  return renderFiles(app);
}

function sortFiles(files: RenderedFile[]): RenderedFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
