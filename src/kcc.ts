import { ApiObjectMetadata } from 'cdk8s';
import { ArgoAnnotation, KccAnnotation } from './annotations';
import { DEFAULTS } from './defaults';

/** Where Config Connector objects go: the GCP project they create resources in, and the namespace they live in. */
export interface KccScope {
  /** GCP project ID the resources are created in. */
  readonly project: string;
  /**
   * Kubernetes namespace of the Config Connector objects.
   * @default - none: `kubectl apply -n <namespace>` decides
   */
  readonly namespace?: string;
  /**
   * Abandon stateful resources (network, subnets, Redis, secrets...) when their object is deleted, instead of
   * deleting them in GCP.
   * @default true
   * @see https://cloud.google.com/config-connector/docs/how-to/managing-deleting-resources#keeping_resources_after_deletion
   */
  readonly abandonStateful?: boolean;
}

export interface KccMetadataOptions {
  /**
   * The resource holds state or carries other resources (a network, a Redis instance, a secret): losing it to an
   * accidental delete or an Argo CD prune is an outage. It gets the deletion policy `abandon` (unless the scope
   * says otherwise) and Argo CD's `Prune=false,Delete=false`.
   * @default false
   */
  readonly stateful?: boolean;
  /**
   * Argo CD deletes the object only after everything else synced (`PruneLast=true`): for what its successor
   * replaces, such as a certificate a proxy moves away from.
   * @default false
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/#prune-last
   */
  readonly pruneLast?: boolean;
}

/**
 * Metadata of a Config Connector object: the GCP name as `metadata.name` (so `resourceID` can stay unset), the
 * project pinned by annotation, and `state-into-spec: absent` written out, so Config Connector never copies
 * observed values into the spec and a GitOps tool sees no drift it did not cause.
 * @see https://cloud.google.com/config-connector/docs/concepts/ignore-unspecified-fields
 */
export function kccMetadata(name: string, scope: KccScope, options: KccMetadataOptions = {}): ApiObjectMetadata {
  const stateful = options.stateful ?? DEFAULTS.constructs.kccMetadata.stateful;
  const pruneLast = options.pruneLast ?? DEFAULTS.constructs.kccMetadata.pruneLast;
  const abandon = scope.abandonStateful ?? DEFAULTS.delivery.abandonStateful;
  return {
    name,
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    annotations: {
      [KccAnnotation.PROJECT_ID]: scope.project,
      [KccAnnotation.STATE_INTO_SPEC]: 'absent',
      ...(stateful && abandon ? { [KccAnnotation.DELETION_POLICY]: 'abandon' } : {}),
      ...(stateful ? { [ArgoAnnotation.SYNC_OPTIONS]: 'Prune=false,Delete=false' } : {}),
      ...(!stateful && pruneLast ? { [ArgoAnnotation.SYNC_OPTIONS]: 'PruneLast=true' } : {}),
    },
  };
}
