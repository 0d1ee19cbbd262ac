import type { Namespace as PlusNamespace } from 'cdk8s-plus-28';
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
    // cdk8s-plus-28 is a large library (evaluating it costs ~15 ms of every synth, measured): load it only
    // when a namespace is asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Namespace } = require('cdk8s-plus-28') as { Namespace: typeof PlusNamespace };
    new Namespace(this, 'Resource', {
      metadata: { name: props.name, annotations: { [KccAnnotation.PROJECT_ID]: props.project } },
    });
  }
}
