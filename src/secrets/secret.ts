import { Construct } from 'constructs';
import { SecretManagerSecret } from '../../imports/secretmanager.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { grantName, resourcePath, secretObjectName } from '../names';
import { validateName } from '../check/name-check';
import { Grantee, granteeKey, GrantTarget, IamGrant } from '../iam/iam-grant';

/** Reads secret versions' payloads, what a service reading a secret at start-up needs, and nothing more. */
const SECRET_ACCESSOR_ROLE = 'roles/secretmanager.secretAccessor';

export interface SecretProps extends KccScope {
  /** Secret ID in Secret Manager. */
  readonly name: string;
}

/** A Secret Manager secret a service may read: one in the output, or one that exists (`Secret.fromExisting`). */
export interface ISecret {
  /** Secret ID in Secret Manager. */
  readonly name: string;
  /**
   * Lets `grantee` read the secret's versions (`roles/secretmanager.secretAccessor` on this secret alone). The
   * grant goes in `scope`: the file of the grantee's identity, so a service's access is reviewed with it.
   * @param name the IAMPolicyMember's name; by default `<secret>.secret-accessor.<account>` (`grantName.secretAccessor`)
   */
  grantAccess(scope: Construct, grantee: Grantee, name?: string): IamGrant;
}

/** The grant every secret's `grantAccess` makes, on `target`. */
function accessGrant(scope: Construct, kcc: KccScope, secret: string, target: GrantTarget, grantee: Grantee, name?: string): IamGrant {
  const grant = name ?? grantName.secretAccessor(secret, granteeKey(grantee));
  return new IamGrant(scope, `SecretAccess-${secret}`, { ...kcc, name: grant, role: SECRET_ACCESSOR_ROLE, member: grantee, target });
}

/**
 * A Secret Manager secret without a value: runnel never holds secret material. Add a version out of band
 * (`gcloud secrets versions add <name> --data-file=-`); services read it by reference at start-up.
 * @see https://cloud.google.com/run/docs/configuring/services/secrets
 */
export class Secret extends Construct implements ISecret {
  public static readonly KIND = 'SecretManagerSecret';

  /**
   * A secret that exists in `scope.project` and is not in the output: grants name it by path
   * (`projects/<project>/secrets/<id>`, IAMPolicyMember `resourceRef.external`). Emits nothing.
   */
  public static fromExisting(scope: KccScope, name: string): ISecret {
    const target = { kind: Secret.KIND, external: resourcePath.secret(scope.project, name) };
    return {
      name,
      grantAccess: (grantScope, grantee, grant) => accessGrant(grantScope, scope, name, target, grantee, grant),
    };
  }

  /** Secret ID in Secret Manager. */
  public readonly name: string;
  /** `metadata.name` of the SecretManagerSecret, which references to it use: the ID, made a Kubernetes name. */
  public readonly objectName: string;
  public readonly resource: SecretManagerSecret;
  private readonly kccScope: KccScope;

  constructor(scope: Construct, id: string, props: SecretProps) {
    super(scope, id);
    this.name = props.name;
    this.objectName = secretObjectName(props.name);
    this.kccScope = props;
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

  public grantAccess(scope: Construct, grantee: Grantee, name?: string): IamGrant {
    return accessGrant(scope, this.kccScope, this.name, { kind: Secret.KIND, name: this.objectName }, grantee, name);
  }
}
