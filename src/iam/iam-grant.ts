import { Construct } from 'constructs';
import { IamPolicyMember } from '../../imports/iam.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';

/**
 * Who a grant is for: an account in the output (referenced by name, so Config Connector resolves its email and
 * the grant waits for it), or an IAM member string (`serviceAccount:…`, `user:…`, `group:…`, `allUsers`).
 */
export type Grantee = IServiceAccount | string;

/** A service account in the output, as grants reference it (`ServiceAccount` is one). */
export interface IServiceAccount {
  /** Account ID: `metadata.name` of its IAMServiceAccount. */
  readonly accountId: string;
  readonly email: string;
}

/** A grantee as IAM policies write it: `serviceAccount:<email>` for an account in the output. */
export function memberString(grantee: Grantee): string {
  return typeof grantee === 'string' ? grantee : `serviceAccount:${grantee.email}`;
}

/**
 * A grantee as grant names take it (see `grantName`): an account's ID, the email of a `serviceAccount:` member,
 * any other member as written.
 */
export function granteeKey(grantee: Grantee): string {
  if (typeof grantee !== 'string') return grantee.accountId;
  return grantee.startsWith('serviceAccount:') ? grantee.slice('serviceAccount:'.length) : grantee;
}

/** The resource a grant is on: a Config Connector object in the output, or an existing resource by path. */
export type GrantTarget =
  | { readonly kind: string; readonly apiVersion?: string; readonly name: string }
  | { readonly kind: string; readonly apiVersion?: string; readonly external: string };

export interface IamGrantProps extends KccScope {
  /** Kubernetes name of the IAMPolicyMember. */
  readonly name: string;
  /** e.g. `roles/secretmanager.secretAccessor` */
  readonly role: string;
  /** Who gets the role: an account in the output (by reference), or a member string (`serviceAccount:...`). */
  readonly member: Grantee;
  readonly target: GrantTarget;
}

/**
 * One role for one member on one resource (`IAMPolicyMember`): additive, so it never removes grants made
 * elsewhere, and exactly as wide as the resource it names.
 * @see https://cloud.google.com/config-connector/docs/reference/resource-docs/iam/iampolicymember
 */
export class IamGrant extends Construct {
  public readonly resource: IamPolicyMember;
  /** The kind of the resource the grant is on. */
  public readonly targetKind: string;

  constructor(scope: Construct, id: string, props: IamGrantProps) {
    super(scope, id);
    this.targetKind = props.target.kind;
    const member = props.member;
    this.resource = new IamPolicyMember(this, 'Resource', {
      metadata: kccMetadata(props.name, props),
      spec: {
        ...(typeof member === 'string' ? { member } : { memberFrom: { serviceAccountRef: { name: member.accountId } } }),
        role: props.role,
        resourceRef: { ...props.target },
      },
    });
  }
}
