import { Problem } from '../finding';
import { defineRule } from '../check/rule';
import { TopologyModel } from '../model/model';

/** A user-managed service account's email: `<6-30 character ID>@<project>.iam.gserviceaccount.com`. */
const SERVICE_ACCOUNT_EMAIL = /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/;

/**
 * The account Config Connector runs as in a namespace is a Google service account, named by email, and runnel
 * writes its ConfigConnectorContext only beside the Namespace it creates.
 * @see https://cloud.google.com/config-connector/docs/how-to/install-namespaced
 */
export const configConnectorServiceAccount = defineRule({
  id: 'config-connector-service-account',
  severity: 'error',
  summary: '`delivery.configConnectorServiceAccount` is a service account email, and needs `delivery.createNamespace`.',
  check(model: TopologyModel): Problem[] {
    const account = model.delivery.configConnectorServiceAccount;
    if (account === undefined) return [];
    const path = 'delivery.configConnectorServiceAccount';
    const problems: Problem[] = [];
    if (!SERVICE_ACCOUNT_EMAIL.test(account)) {
      problems.push({
        path,
        message: `${JSON.stringify(account)} is not a service account email`,
        fix: 'write the email of the Google service account Config Connector runs as, e.g. kcc-prod@acme-platform.iam.gserviceaccount.com (no "serviceAccount:" prefix)',
      });
    }
    if (!model.delivery.createNamespace) {
      problems.push({
        path,
        message: 'names the account of a ConfigConnectorContext, but runnel creates no namespace to put it in',
        fix: 'set delivery.createNamespace: true (with the top-level namespace), or remove delivery.configConnectorServiceAccount',
      });
    }
    return problems;
  },
});
