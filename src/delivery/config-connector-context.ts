import { Construct } from 'constructs';
import { ConfigConnectorContext as Context, ConfigConnectorContextSpecStateIntoSpec } from '../../imports/core.cnrm.cloud.google.com';
import { derivedName } from '../names';

export interface ConfigConnectorContextProps {
  /** The namespace Config Connector manages. */
  readonly namespace: string;
  /** Email of the Google service account Config Connector acts as in that namespace. */
  readonly googleServiceAccount: string;
}

/**
 * Config Connector in namespaced mode: the Google service account it acts as for the objects of one namespace.
 * Exactly one per namespace, under a fixed name. `stateIntoSpec: Absent` matches the annotation every object
 * runnel emits carries.
 * @see https://cloud.google.com/config-connector/docs/how-to/install-namespaced
 */
export class ConfigConnectorContext extends Construct {
  constructor(scope: Construct, id: string, props: ConfigConnectorContextProps) {
    super(scope, id);
    new Context(this, 'Resource', {
      metadata: { name: derivedName.configConnectorContext(), namespace: props.namespace },
      spec: { googleServiceAccount: props.googleServiceAccount, stateIntoSpec: ConfigConnectorContextSpecStateIntoSpec.ABSENT },
    });
  }
}
