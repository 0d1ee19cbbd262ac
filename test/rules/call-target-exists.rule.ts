import { callTargetExists } from '../../src/rules/call-target-exists';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';
import { describeRule } from '../helpers/rule-cases';

describeRule(callTargetExists, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    {
      name: 'no calls',
      mutate: (t) => {
        delete t.services[0].calls;
      },
    },
  ],
  invalid: [
    {
      name: 'a service that does not exist',
      mutate: (t) => {
        t.services[0].calls = ['payments'];
      },
      path: 'services[0].calls[0]',
    },
    {
      name: 'a typo in the callee',
      mutate: (t) => {
        t.services[0].calls = ['server-servce'];
      },
      path: 'services[0].calls[0]',
    },
    {
      name: 'a service calling itself',
      mutate: (t) => {
        t.services[0].calls = ['client-service'];
      },
      path: 'services[0].calls[0]',
      message: /calls itself/,
    },
    {
      name: 'the same callee twice',
      mutate: (t) => {
        t.services[0].calls = ['server-service', 'server-service'];
      },
      path: 'services[0].calls[1]',
    },
  ],
});

test('suggests the declared service nearest to a typo', () => {
  const t = baseTopology();
  t.services[0].calls = ['server-servce'];
  expect(validateTopology(t).findings.find((f) => f.ruleId === 'call-target-exists')!.fix).toMatch(/did you mean "server-service"/);
});
