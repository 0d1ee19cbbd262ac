import { Construct } from 'constructs';
import { IamPolicyMember } from '../../imports/iam.cnrm.cloud.google.com';
import { kccMetadata, KccScope } from '../kcc';
import { ServiceAccount } from './service-account';

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
  readonly member: ServiceAccount | string;
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
