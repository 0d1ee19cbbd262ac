import { Problem, quoted } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/**
 * On a Shared VPC the host grants roles to the service project's service agents, which are named by the project's
 * number (`service-<number>@serverless-robot-prod.iam.gserviceaccount.com`): without it runnel cannot write them.
 * @see https://cloud.google.com/run/docs/configuring/shared-vpc-direct-vpc
 * @see https://cloud.google.com/iam/docs/service-agents
 */
export const sharedVpcNeedsProjectNumber = defineRule({
  id: 'shared-vpc-needs-project-number',
  severity: 'error',
  summary: 'A network in another project (a Shared VPC host) needs `projectNumber`: the grants name its service agents by it.',
  check(model: TopologyModel): Problem[] {
    if (!model.network.shared || model.projectNumber !== undefined) return [];
    return [
      {
        path: 'network.project',
        message: `the network is in project ${quoted(model.network.project)}, whose grants name this project's service agents by number, but projectNumber is not set`,
        fix: 'set projectNumber at the top level (gcloud projects describe <project> --format="value(projectNumber)")',
      },
    ];
  },
});
