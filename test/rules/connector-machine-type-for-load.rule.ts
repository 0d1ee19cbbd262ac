import { connectorMachineTypeForLoad } from '../../src/rules/connector-machine-type-for-load';
import { describeRule } from '../helpers/rule-cases';

const viaConnector = (t: any) => {
  t.services[0].egress = { via: 'connector', route: 'private-ranges-only' };
};

describeRule(connectorMachineTypeForLoad, {
  valid: [
    { name: 'no connector', mutate: () => undefined },
    {
      name: 'e2-standard-4',
      mutate: (t) => {
        viaConnector(t);
        t.network.connector = { machineType: 'e2-standard-4' };
      },
    },
    {
      name: 'a micro type written but no service uses the connector',
      mutate: (t) => {
        t.network.connector = { machineType: 'f1-micro' };
      },
    },
  ],
  invalid: [
    {
      name: 'the default e2-micro',
      mutate: viaConnector,
      path: 'network.connector.machineType',
      severity: 'warning',
      message: /e2-micro instances \(the default\)/,
    },
    {
      name: 'f1-micro',
      mutate: (t) => {
        viaConnector(t);
        t.network.connector = { machineType: 'f1-micro' };
      },
      path: 'network.connector.machineType',
      severity: 'warning',
      message: /time out/,
    },
  ],
});
