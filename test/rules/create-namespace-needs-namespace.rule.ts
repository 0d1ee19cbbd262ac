import { createNamespaceNeedsNamespace } from '../../src/rules/create-namespace-needs-namespace';
import { describeRule } from '../helpers/rule-cases';

describeRule(createNamespaceNeedsNamespace, {
  valid: [
    { name: 'no namespace asked for', mutate: () => undefined },
    {
      name: 'a named namespace',
      mutate: (t) => {
        t.namespace = 'config-connector';
        t.delivery = { createNamespace: true };
      },
    },
  ],
  invalid: [
    {
      name: 'no namespace to create',
      mutate: (t) => {
        t.delivery = { createNamespace: true };
      },
      path: 'delivery.createNamespace',
      message: /names none/,
    },
  ],
});
