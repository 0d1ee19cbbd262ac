import { ApiObjectMetadata } from 'cdk8s';
import { KccAnnotation } from './annotations';

/** Where Config Connector objects go: the GCP project they create resources in, and the namespace they live in. */
export interface KccScope {
  /** GCP project ID the resources are created in. */
  readonly project: string;
  /**
   * Kubernetes namespace of the Config Connector objects.
   * @default - none: `kubectl apply -n <namespace>` decides
   */
  readonly namespace?: string;
}

/**
 * Metadata of a Config Connector object: the GCP name as `metadata.name` (so `resourceID` can stay unset)
 * and the project pinned by annotation.
 */
export function kccMetadata(name: string, scope: KccScope): ApiObjectMetadata {
  return {
    name,
    ...(scope.namespace ? { namespace: scope.namespace } : {}),
    annotations: { [KccAnnotation.PROJECT_ID]: scope.project },
  };
}
