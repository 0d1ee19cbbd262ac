import { PlainApiObject } from '../../imports/plain-api-object';
import { Construct } from 'constructs';
import { DEFAULTS } from '../defaults';

export interface ArgoApplicationProps {
  /** Name of the Application. */
  readonly name: string;
  /** Namespace Argo CD runs in. @default 'argocd' */
  readonly namespace?: string;
  /** Argo CD project. @default 'default' */
  readonly project?: string;
  /** Git repository holding the rendered manifests. */
  readonly repoURL: string;
  /** @default 'HEAD' */
  readonly targetRevision?: string;
  /** Folder of the Config Connector manifests in the repository, e.g. `dist/config-connector`. */
  readonly path: string;
  /** Namespace the manifests are applied to (the Config Connector namespace). @default - the manifests' own */
  readonly destinationNamespace?: string;
}

/**
 * Retries of a failed sync. Config Connector objects report `UpdateFailed` or `DependencyNotFound` while what
 * they need is still being created, Argo CD's health check calls that Degraded and the sync fails, so a
 * multi-wave sync of a fresh topology only converges by retrying: backoff from 30 s up to 10 min.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/#automatic-retry
 */
export const SYNC_RETRY = { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } } as const;

/**
 * An Argo CD Application that syncs the rendered Config Connector manifests from git (the rendered-manifests
 * pattern): automated, pruning what the topology no longer has (stateful objects opt out per object with
 * `Prune=false,Delete=false`), self-healing, retrying.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/#applications
 */
export class ArgoApplication extends Construct {
  public static readonly API_VERSION = 'argoproj.io/v1alpha1';

  constructor(scope: Construct, id: string, props: ArgoApplicationProps) {
    super(scope, id);
    new PlainApiObject(this, 'Resource', {
      apiVersion: ArgoApplication.API_VERSION,
      kind: 'Application',
      metadata: { name: props.name, namespace: props.namespace ?? DEFAULTS.argoCd.namespace },
      spec: {
        project: props.project ?? DEFAULTS.argoCd.project,
        source: { repoURL: props.repoURL, targetRevision: props.targetRevision ?? DEFAULTS.argoCd.targetRevision, path: props.path },
        destination: {
          server: DEFAULTS.environment.cluster,
          ...(props.destinationNamespace ? { namespace: props.destinationNamespace } : {}),
        },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          retry: SYNC_RETRY,
        },
      },
    });
  }
}
