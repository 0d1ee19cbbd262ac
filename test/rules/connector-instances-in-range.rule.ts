import { connectorInstancesInRange } from '../../src/rules/connector-instances-in-range';
import { describeRule } from '../helpers/rule-cases';

const connector = (c: object) => (t: any) => {
  t.services[0].egress.via = 'connector';
  t.network.connector = c;
};

describeRule(connectorInstancesInRange, {
  valid: [
    { name: 'defaults 2..3', mutate: connector({}) },
    { name: 'the widest range 2..10', mutate: connector({ minInstances: 2, maxInstances: 10 }) },
    { name: '9..10', mutate: connector({ minInstances: 9, maxInstances: 10 }) },
  ],
  invalid: [
    { name: 'min 1', mutate: connector({ minInstances: 1 }), path: 'network.connector.minInstances' },
    { name: 'min 10', mutate: connector({ minInstances: 10, maxInstances: 10 }), path: 'network.connector.minInstances' },
    { name: 'max 11', mutate: connector({ maxInstances: 11 }), path: 'network.connector.maxInstances' },
    { name: 'max 2', mutate: connector({ maxInstances: 2 }), path: 'network.connector.maxInstances' },
    {
      name: 'min equal to max',
      mutate: connector({ minInstances: 4, maxInstances: 4 }),
      path: 'network.connector.maxInstances',
      message: /greater than minInstances/,
    },
    { name: 'min above max', mutate: connector({ minInstances: 6, maxInstances: 5 }), path: 'network.connector.maxInstances' },
  ],
});
