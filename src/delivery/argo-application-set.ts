import { PlainApiObject } from '../../imports/plain-api-object';
import { Construct } from 'constructs';
import { SYNC_RETRY } from './argo-application';
import { DEFAULTS } from '../defaults';

/** The in-cluster destination: the cluster Argo CD runs in. */
export const IN_CLUSTER = DEFAULTS.environment.cluster;

/** One environment's Application, as the ApplicationSet's list generator element. */
export interface ArgoEnvironmentElement {
  /** The environment's name (`environments:` key). */
  readonly environment: string;
  /** Name of its Application: `<delivery.argocd.name>-<environment>`. */
  readonly name: string;
  readonly repoURL: string;
  readonly targetRevision: string;
  /** Folder of its Config Connector manifests, e.g. `dist/prod/config-connector`. */
  readonly path: string;
  /** Destination cluster. @default IN_CLUSTER */
  readonly server?: string;
  /** Destination namespace (the Config Connector namespace). @default - the manifests' own */
  readonly namespace?: string;
  /** Free values of the environment (`environments.<name>.values`). @default {} */
  readonly values?: Readonly<Record<string, string>>;
}

export interface ArgoApplicationSetProps {
  /** Name of the ApplicationSet. */
  readonly name: string;
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  /**
   * The Argo CD project of every generated Application: written in the ApplicationSet, never a generator
   * parameter, since a templated project lets whoever edits the generator's source pick a more privileged project.
   * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Security/#templated-project-field
   */
  readonly project: string;
  /** One element per environment. */
  readonly elements: readonly ArgoEnvironmentElement[];
  /**
   * Where the generator finds the environments: in the ApplicationSet (`list`), or in the repository (`git`: the
   * files `environmentFiles` names, one per environment, each holding {@link environmentParameters}).
   * @default - list
   */
  readonly git?: { readonly repoURL: string; readonly revision: string; readonly environmentFiles: string };
}

/**
 * File name of an environment's parameters for the git files generator, in the environment's folder. JSON, but not
 * named `.json`: `kubectl apply -f dist -R` and kubeconform read every `.json`, `.yaml` and `.yml` file under the
 * folder and would refuse one without `apiVersion` and `kind` (README, "Why two folders"). Argo CD's git files
 * generator reads whatever file the pattern matches, whatever its extension, and parses it as YAML, of which JSON is
 * a subset (`generateParamsFromGitFile` in argo-cd applicationset/generators/git.go).
 * @see https://github.com/argoproj/argo-cd/blob/master/applicationset/generators/git.go
 */
export const ENVIRONMENT_FILE = 'environment.params';

/**
 * An environment's parameters as the generator sees them. The git files generator adds its own `path` parameter
 * (the file's folder), so the manifests' folder is `manifests`, in both generators alike.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/#git-generator-files
 */
export function environmentParameters(e: ArgoEnvironmentElement): Record<string, unknown> {
  return {
    environment: e.environment,
    name: e.name,
    repoURL: e.repoURL,
    targetRevision: e.targetRevision,
    manifests: e.path,
    server: e.server ?? IN_CLUSTER,
    // An empty destination namespace is Argo CD's "unset": the manifests' own namespaces apply.
    namespace: e.namespace ?? '',
    ...(e.values && Object.keys(e.values).length > 0 ? { values: e.values } : {}),
  };
}

/**
 * An Argo CD ApplicationSet with a list (or git files) generator: one Application per environment, each syncing its own folder of
 * rendered Config Connector manifests to its own destination (cluster and namespace), with the same sync policy as
 * the single Application (automated, pruning, self-healing, retrying). Go templates with `missingkey=error`, so a
 * missing parameter fails the generation instead of rendering an empty string.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/GoTemplate/
 */
export class ArgoApplicationSet extends Construct {
  constructor(scope: Construct, id: string, props: ArgoApplicationSetProps) {
    super(scope, id);
    const generator = props.git
      ? { git: { repoURL: props.git.repoURL, revision: props.git.revision, files: [{ path: props.git.environmentFiles }] } }
      : { list: { elements: props.elements.map(environmentParameters) } };
    new PlainApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: props.name, namespace: props.namespace },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [generator],
        template: {
          metadata: { name: '{{.name}}' },
          spec: {
            project: props.project,
            // The git generator reads one repository at one revision: the manifests come from there too.
            source: props.git
              ? { repoURL: props.git.repoURL, targetRevision: props.git.revision, path: '{{.manifests}}' }
              : { repoURL: '{{.repoURL}}', targetRevision: '{{.targetRevision}}', path: '{{.manifests}}' },
            destination: { server: '{{.server}}', namespace: '{{.namespace}}' },
            syncPolicy: { automated: { prune: true, selfHeal: true }, retry: SYNC_RETRY },
          },
        },
      },
    });
  }
}
