import { runAppUrlNeedsProjectNumber } from '../../src/rules/run-app-url-needs-project-number';
import { describeRule } from '../helpers/rule-cases';

const viaRunApp = (t: any) => {
  t.services[1].access = 'private-google-access';
  t.services[0].egress.route = 'all-traffic';
};

describeRule(runAppUrlNeedsProjectNumber, {
  valid: [
    {
      name: 'project number given',
      mutate: (t) => {
        viaRunApp(t);
        t.projectNumber = '123456789012';
      },
    },
    { name: 'no run.app callee', mutate: () => undefined },
  ],
  invalid: [
    { name: 'project number missing', mutate: viaRunApp, path: 'services[1].access' },
    {
      name: 'service name and project number beyond one DNS label',
      mutate: (t) => {
        viaRunApp(t);
        t.projectNumber = '123456789012345';
        t.services[1].name = `s${'a'.repeat(48)}`;
        t.services[0].calls = [t.services[1].name];
      },
      path: 'services[1].name',
      message: /no deterministic/,
    },
  ],
});
