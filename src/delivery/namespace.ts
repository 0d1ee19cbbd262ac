import { PlainApiObject } from '../../imports/plain-api-object';
import { Construct } from 'constructs';
import { KccAnnotation } from '../annotations';

export interface ConfigConnectorNamespaceProps {
  /** Kubernetes namespace name. */
  readonly name: string;
  /** The GCP project the namespace's Config Connector objects create resources in. */
  readonly project: string;
}

/**
 * The namespace Config Connector objects live in, annotated with their project: in namespaced mode, Config
 * Connector takes an object's project from this annotation when the object does not carry its own.
 * @see https://cloud.google.com/config-connector/docs/how-to/organizing-resources/project-scoped-resources
 */
export class ConfigConnectorNamespace extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ConfigConnectorNamespaceProps) {
    super(scope, id);
    this.name = props.name;
    // A plain core/v1 Namespace: one object does not justify cdk8s-plus-28 as a runtime dependency (9.5 MB,
    // ~15 ms to evaluate). `spec: {}` as before: NamespaceSpec holds only optional finalizers.
    new PlainApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: props.name, annotations: { [KccAnnotation.PROJECT_ID]: props.project } },
      spec: {},
    });
  }
}
