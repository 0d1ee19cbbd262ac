import { settingNeedsKnativeFormat } from '../../src/rules/setting-needs-knative-format';
import { describeRule } from '../helpers/rule-cases';

const kcc = (t: any) => (t.delivery = { cloudRun: 'config-connector' });

describeRule(settingNeedsKnativeFormat, {
  valid: [
    {
      name: 'a Cloud Storage volume in Knative',
      mutate: (t) => (t.services[1].volumes = [{ name: 'data', cloudStorage: { bucket: 'acme-data' } }]),
    },
    { name: 'service-level minInstances in Knative', mutate: (t) => (t.services[1].minInstances = 2) },
    {
      name: 'secret and in-memory volumes in Config Connector',
      mutate: (t) => {
        kcc(t);
        t.services[1].volumes = [
          { name: 'tls', secret: { secret: 'tls-key' } },
          { name: 'tmp', inMemory: {} },
        ];
      },
    },
  ],
  invalid: [
    {
      name: 'Cloud Storage in Config Connector',
      mutate: (t) => {
        kcc(t);
        t.services[1].volumes = [{ name: 'data', cloudStorage: { bucket: 'acme-data' } }];
      },
      path: 'services[1].volumes[0].cloudStorage',
    },
    {
      name: 'NFS in Config Connector',
      mutate: (t) => {
        kcc(t);
        t.services[1].volumes = [{ name: 'share', nfs: { server: '10.0.0.2', path: '/share' } }];
      },
      path: 'services[1].volumes[0].nfs',
    },
    {
      name: 'service-level minInstances in Config Connector',
      mutate: (t) => {
        kcc(t);
        t.services[1].minInstances = 1;
      },
      path: 'services[1].minInstances',
    },
  ],
});
