import { Construct } from 'constructs';
import { YAML_HEADER } from '../header';
import { PlainFile } from '../delivery/plain-file';
import { shellQuote } from '../shell-quote';
import { toYaml } from '../yaml-emitter';

export const INVOKER_ROLE = 'roles/run.invoker';
/** The member that makes a service public; runnel grants it only to services that say `public: true`. */
export const ALL_USERS = 'allUsers';

export interface InvokerPolicyProps {
  readonly project: string;
  readonly region: string;
  /** The Cloud Run service the policy is set on. */
  readonly service: string;
  /**
   * Members granted `roles/run.invoker`, e.g. `serviceAccount:run-client@acme.iam.gserviceaccount.com`; more are
   * added with `addMember`. None writes `bindings: []`, which revokes every grant.
   * @default - none
   */
  readonly members?: readonly string[];
  /** Path of the file inside the output folder. */
  readonly outputPath: string;
}

/**
 * Who may invoke a Knative-mode Cloud Run service, as the IAM policy file `gcloud run services set-iam-policy`
 * takes. Config Connector cannot bind a role on a Cloud Run service it does not manage: an IAMPolicyMember
 * whose resourceRef is an `external` RunService fails to resolve (k8s-config-connector #772), and Cloud Run
 * does not support IAM Conditions on resource names, so a project-level grant could not be narrowed to one
 * service. The policy file is authoritative: applying it leaves exactly these members as invokers.
 * @see https://github.com/GoogleCloudPlatform/k8s-config-connector/issues/772
 * @see https://cloud.google.com/iam/docs/conditions-resource-attributes
 * @see https://cloud.google.com/sdk/gcloud/reference/run/services/set-iam-policy
 */
export class InvokerPolicy extends Construct {
  private readonly granted: Set<string>;

  constructor(scope: Construct, id: string, props: InvokerPolicyProps) {
    super(scope, id);
    this.granted = new Set(props.members ?? []);
    // Rendered at synthesis, so members added after construction are in the file.
    new PlainFile(this, 'File', { outputPath: props.outputPath, render: () => this.render(props) });
  }

  /** Every member granted, sorted and unique. */
  public get members(): readonly string[] {
    return [...this.granted].sort();
  }

  /** Grants `member` (`serviceAccount:…`, `user:…`, `allUsers`) `roles/run.invoker` on the service. */
  public addMember(member: string): void {
    this.granted.add(member);
  }

  private render(props: InvokerPolicyProps): string {
    const members = this.members;
    const comment = [
      // The output folder: one above `cloud-run-iam/<service>.yaml`, two above a later region's `cloud-run-iam/<region>/...`.
      `Who may invoke Cloud Run service ${props.service}. Apply after the service exists, from the folder ${props.outputPath.split('/').length > 2 ? 'two above' : 'above'} this file's:`,
      `  gcloud run services set-iam-policy ${[props.service, props.outputPath].map(shellQuote).join(' ')} --region ${shellQuote(props.region)} --project ${shellQuote(props.project)} --quiet`,
      "This replaces the service's whole IAM policy with the one below.",
      ...(members.length === 0 ? ['Nobody may invoke it: applying this revokes every earlier grant on the service.'] : []),
    ];
    // Written even when empty: an absent file would leave an old grant (a former caller, `allUsers`) in place.
    const bindings = members.length === 0 ? [] : [{ members: [...members], role: INVOKER_ROLE }];
    return YAML_HEADER + comment.map((line) => `# ${line}\n`).join('') + toYaml({ bindings });
  }
}
