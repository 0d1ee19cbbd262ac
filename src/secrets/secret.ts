import { Construct } from 'constructs';
import { SecretManagerSecret } from '../../imports/secretmanager.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { secretObjectName } from '../names';
import { validateName } from '../check/name-check';

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
  /** Secret ID in Secret Manager. */
  public readonly name: string;
  /** `metadata.name` of the SecretManagerSecret, which references to it use: the ID, made a Kubernetes name. */
  public readonly objectName: string;
  public readonly resource: SecretManagerSecret;

  constructor(scope: Construct, id: string, props: SecretProps) {
    super(scope, id);
    this.name = props.name;
    this.objectName = secretObjectName(props.name);
    validateName(this, 'secret', props.name);
    this.resource = new SecretManagerSecret(this, 'Resource', {
      metadata: kccMetadata(this.objectName, props, { stateful: true }),
      spec: {
        // A secret ID that is not a Kubernetes name (`DB_PASSWORD`) keeps its exact spelling here; the CRD takes
        // `metadata.name` as the ID when resourceID is unset (secretmanagersecrets CRD, spec.resourceID).
        ...(this.objectName !== props.name ? { resourceId: props.name } : {}),
        // Google-managed replication: the secret is available in every region the service may run in.
        replication: { automatic: true },
      },
    });
  }
}
