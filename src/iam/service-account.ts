import { Construct } from 'constructs';
import { IamServiceAccount } from '../../imports/iam.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { grantName, serviceAccountEmail } from '../names';
import { validateName } from '../check/name-check';
import { IamGrant, IServiceAccount } from './iam-grant';

/**
 * Holds `iam.serviceAccounts.actAs`, which attaching a service account to a Cloud Run service needs.
 * @see https://cloud.google.com/run/docs/configuring/services/service-identity
 */
const SERVICE_ACCOUNT_USER_ROLE = 'roles/iam.serviceAccountUser';

export interface ServiceAccountProps extends KccScope {
  /**
   * Account ID: the part of the email before `@`, 6-30 characters.
   * @see https://cloud.google.com/iam/docs/service-accounts-create#creating
   */
  readonly accountId: string;
  /** @default - none */
  readonly displayName?: string;
}

/**
 * A user-managed service account: the identity one Cloud Run service runs as, so grants to it (invoking a
 * callee, reading a secret) reach that service alone instead of everything on the default account.
 * @see https://cloud.google.com/run/docs/securing/service-identity
 */
export class ServiceAccount extends Construct implements IServiceAccount {
  public static readonly KIND = 'IAMServiceAccount';
  public readonly accountId: string;
  public readonly email: string;
  public readonly resource: IamServiceAccount;
  private readonly kccScope: KccScope;

  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    this.kccScope = props;
    this.accountId = props.accountId;
    this.email = serviceAccountEmail(props.accountId, props.project);
    validateName(this, 'serviceAccount', props.accountId, 'accountId');
    this.resource = new IamServiceAccount(this, 'Resource', {
      // Stateful: a recreated account is a new principal, and every grant to the old one is lost.
      metadata: kccMetadata(props.accountId, props, { stateful: true }),
      spec: props.displayName ? { displayName: props.displayName } : {},
    });
  }

  /**
   * Lets `member` act as this account (`roles/iam.serviceAccountUser` on it): whoever deploys a service that runs
   * as it needs that (gcloud's user, or Config Connector's own account). The grant goes beside the account; an
   * account has one such grant (its name is the account's).
   * @see https://cloud.google.com/run/docs/configuring/services/service-identity
   */
  public grantActAs(member: string): IamGrant {
    return new IamGrant(this.node.scope ?? this, `${this.node.id}ActAs`, {
      ...this.kccScope,
      name: grantName.deployerActAs(this.accountId),
      role: SERVICE_ACCOUNT_USER_ROLE,
      member,
      target: { kind: ServiceAccount.KIND, name: this.accountId },
    });
  }
}
