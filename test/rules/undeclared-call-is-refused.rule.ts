import { undeclaredCallIsRefused } from '../../src/rules/undeclared-call-is-refused';
import { describeRule } from '../helpers/rule-cases';

const third = {
  name: 'report-service',
  image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/report:1.0.0',
  egress: { via: 'direct-vpc' },
  startupProbe: { path: '/ready' },
};
const shared = 'shared@acme-prod.iam.gserviceaccount.com';

// runnel grants roles/run.invoker to each declared caller's account
// (https://cloud.google.com/run/docs/authenticating/service-to-service).
describeRule(undeclaredCallIsRefused, {
  valid: [
    { name: 'a third service with its own account: reachable, refused by IAM', mutate: (t) => t.services.push({ ...third }) },
    {
      name: 'a shared account, but both declare the call',
      mutate: (t) => {
        t.services.push({ ...third, calls: ['server-service'] });
        t.services[0].serviceAccount = shared;
        t.services[2].serviceAccount = shared;
      },
    },
    {
      name: 'a third service named in invokers (deliberate)',
      mutate: (t) => {
        t.services.push({ ...third, serviceAccount: 'report@acme-prod.iam.gserviceaccount.com' });
        t.services[1].invokers = ['serviceAccount:report@acme-prod.iam.gserviceaccount.com'];
      },
    },
  ],
  invalid: [
    {
      name: 'a third service sharing the caller account',
      mutate: (t) => {
        t.services.push({ ...third });
        t.services[0].serviceAccount = shared;
        t.services[2].serviceAccount = shared;
      },
      path: 'services[2].serviceAccount',
      severity: 'warning',
      message: /does not call "server-service", yet can reach and invoke it/,
    },
  ],
});
