import { configConnectorServiceAccount } from '../../src/rules/config-connector-service-account';
import { describeRule } from '../helpers/rule-cases';

const namespaced = (t: any, account: string) => {
  t.namespace = 'config-connector';
  t.delivery = { createNamespace: true, configConnectorServiceAccount: account };
};

describeRule(configConnectorServiceAccount, {
  valid: [
    { name: 'no account named', mutate: () => undefined },
    {
      name: 'a service account email with createNamespace',
      mutate: (t) => namespaced(t, 'kcc-prod@acme-platform.iam.gserviceaccount.com'),
    },
  ],
  invalid: [
    {
      name: 'a member string instead of an email',
      mutate: (t) => namespaced(t, 'serviceAccount:kcc-prod@acme-platform.iam.gserviceaccount.com'),
      path: 'delivery.configConnectorServiceAccount',
      message: /not a service account email/,
    },
    {
      name: 'a user email',
      mutate: (t) => namespaced(t, 'alice@acme.example'),
      path: 'delivery.configConnectorServiceAccount',
      message: /not a service account email/,
    },
    {
      name: 'an account ID too short',
      mutate: (t) => namespaced(t, 'kcc@acme-platform.iam.gserviceaccount.com'),
      path: 'delivery.configConnectorServiceAccount',
    },
    {
      name: 'no namespace created to hold the context',
      mutate: (t) => {
        t.namespace = 'config-connector';
        t.delivery = { configConnectorServiceAccount: 'kcc-prod@acme-platform.iam.gserviceaccount.com' };
      },
      path: 'delivery.configConnectorServiceAccount',
      message: /creates no namespace/,
    },
  ],
});
