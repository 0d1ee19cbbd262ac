import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** IAM member forms the deployer may take, and what the email after the prefix must look like. */
const MEMBER = /^(serviceAccount|user|group):([^@\s]+)@([a-z0-9-]+(\.[a-z0-9-]+)+)$/;

/**
 * The deployer is granted `roles/iam.serviceAccountUser` on each created account, so it must be an IAM member:
 * `serviceAccount:`, `user:` or `group:` and an email; a service account's email ends in `.gserviceaccount.com`.
 * @see https://cloud.google.com/iam/docs/principal-identifiers
 * @see https://cloud.google.com/run/docs/configuring/services/service-identity
 */
export const deployerIsAMember = defineRule({
  id: 'deployer-is-a-member',
  severity: 'error',
  summary: '`delivery.deployer` is an IAM member: `serviceAccount:`, `user:` or `group:` and an email.',
  check(model: TopologyModel): Problem[] {
    const deployer = model.delivery.deployer;
    if (deployer === undefined) return [];
    const m = MEMBER.exec(deployer);
    const path = 'delivery.deployer';
    if (!m) {
      return [
        {
          path,
          message: `${JSON.stringify(deployer)} is not an IAM member`,
          fix: 'write the member with its type, e.g. serviceAccount:deployer@acme-prod.iam.gserviceaccount.com, user:alice@acme.example or group:platform@acme.example',
        },
      ];
    }
    if (m[1] === 'serviceAccount' && !m[3].endsWith('.gserviceaccount.com')) {
      return [
        {
          path,
          message: `${JSON.stringify(deployer)} names a service account whose email does not end in .gserviceaccount.com`,
          fix: "use the service account's email (…@<project>.iam.gserviceaccount.com), or user:/group: for a person or a group",
        },
      ];
    }
    return [];
  },
});
