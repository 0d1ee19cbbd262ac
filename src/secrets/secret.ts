import { Construct } from 'constructs';
import { SecretManagerSecret } from '../../imports/secretmanager.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { validateName } from '../validation/name-check';

export interface SecretProps extends KccScope {
  /** Secret ID in Secret Manager. */
  readonly name: string;
}

/**
 * A Secret Manager secret without a value: runnel never holds secret material. Add a version out of band
 * (`gcloud secrets versions add <name> --data-file=-`); services read it by reference at start-up.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets
 */
export class Secret extends Construct {
  public static readonly KIND = 'SecretManagerSecret';
  public readonly name: string;
  public readonly resource: SecretManagerSecret;

  constructor(scope: Construct, id: string, props: SecretProps) {
    super(scope, id);
    this.name = props.name;
    validateName(this, 'secret', props.name);
    this.resource = new SecretManagerSecret(this, 'Resource', {
      metadata: kccMetadata(props.name, props, { stateful: true }),
      // Google-managed replication: the secret is available in every region the service may run in.
      spec: { replication: { automatic: true } },
    });
  }
}
