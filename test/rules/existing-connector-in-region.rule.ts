import { existingConnectorInRegion } from '../../src/rules/existing-connector-in-region';
import { describeRule } from '../helpers/rule-cases';

const viaConnector = (t: any, region: string) => {
  t.services[0].egress.via = 'connector';
  delete t.services[0].startupProbe;
  t.network.connector = { existing: `projects/acme-prod/locations/${region}/connectors/shared-conn` };
};

describeRule(existingConnectorInRegion, {
  valid: [
    { name: 'no existing connector', mutate: () => undefined },
    { name: 'existing connector in the region', mutate: (t) => viaConnector(t, 'asia-northeast1') },
  ],
  invalid: [
    {
      name: 'existing connector in another region',
      mutate: (t) => viaConnector(t, 'us-central1'),
      path: 'network.connector.existing',
      message: /us-central1/,
    },
  ],
});
