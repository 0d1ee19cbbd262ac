import { topologySchema } from '../../src/rules/topology-schema';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';
import { describeRule } from '../helpers/rule-cases';

describeRule(topologySchema, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    {
      name: 'every optional field set',
      mutate: (t) => {
        t.projectNumber = '123456789012';
        t.namespace = 'config-connector';
        t.network.subnets = { workload: { name: 'w', cidr: '10.1.0.0/24', privateGoogleAccess: true } };
        t.network.connector = { name: 'c', minInstances: 2, maxInstances: 4, machineType: 'e2-micro' };
        t.network.nat = { enabled: true, routerName: 'r', name: 'n' };
        Object.assign(t.services[1], {
          port: 9000,
          env: { LOG_LEVEL: 'debug' },
          scaling: { minInstances: 1, maxInstances: 5 },
          serviceAccount: 'sa@acme-prod.iam.gserviceaccount.com',
          access: 'load-balancer',
          loadBalancer: { address: '10.10.0.20' },
          internet: false,
        });
      },
    },
  ],
  invalid: [
    {
      name: 'maxInstances beyond int32 (1e21, the annotation "1e+21")',
      mutate: (t) => {
        t.services[0].scaling = { maxInstances: 1e21 };
      },
      path: 'services[0].scaling.maxInstances',
      message: /1e\+21 is more than 2147483647/,
    },
    {
      name: 'minInstances beyond int32',
      mutate: (t) => {
        t.services[0].scaling = { minInstances: 2147483648 };
      },
      path: 'services[0].scaling.minInstances',
    },
    {
      name: 'typo in a field, with a suggestion',
      mutate: (t) => {
        t.services[0].ingres = 'internal';
      },
      path: 'services[0].ingres',
      message: /unknown field "ingres"/,
    },
    {
      name: 'misspelt required field',
      mutate: (t) => {
        t.netwrk = t.network;
        delete t.network;
      },
      path: 'netwrk',
    },
    {
      name: 'missing required field',
      mutate: (t) => {
        delete t.services[1].image;
      },
      path: 'services[1].image',
      message: /missing required field/,
    },
    {
      name: 'wrong type',
      mutate: (t) => {
        t.services[0].calls = 'server-service';
      },
      path: 'services[0].calls',
      message: /must be a list/,
    },
    {
      name: 'bad enum',
      mutate: (t) => {
        t.services[0].egress.via = 'direct-vcp';
      },
      path: 'services[0].egress.via',
      message: /"direct-vcp" is not one of/,
    },
    {
      name: 'empty services',
      mutate: (t) => {
        t.services = [];
      },
      path: 'services',
    },
    {
      name: 'project number not numeric',
      mutate: (t) => {
        t.projectNumber = 'acme';
      },
      path: 'projectNumber',
    },
    {
      name: 'env name not a variable name',
      mutate: (t) => {
        t.services[0].env = { 'my-var': 'x' };
      },
      path: 'services[0].env',
    },
    {
      name: 'port out of range',
      mutate: (t) => {
        t.services[0].port = 70000;
      },
      path: 'services[0].port',
    },
    {
      name: 'not a mapping at all',
      mutate: (t) => {
        t.network = ['run-vpc'];
      },
      path: 'network',
    },
  ],
});

test('suggests the nearest field name and the nearest enum value', () => {
  const t = baseTopology();
  t.services[0].ingres = 'internal';
  t.services[0].egress.via = 'direct-vcp';
  const fixes = validateTopology(t).findings.map((f) => f.fix);
  expect(fixes).toContain('did you mean "ingress"? Rename it');
  expect(fixes).toContain('did you mean "direct-vpc"?');
});

test('reports a renamed required field once, as a rename', () => {
  const t = baseTopology();
  t.netwrk = t.network;
  delete t.network;
  expect(validateTopology(t).findings.map((f) => f.path)).toEqual(['netwrk']);
});

test('reports every problem at once', () => {
  const t = baseTopology();
  t.services[0].ingres = 'x';
  delete t.services[1].image;
  t.region = 5;
  expect(validateTopology(t).findings.map((f) => f.path)).toEqual(['region', 'services[0].ingres', 'services[1].image']);
});

test('null, a scalar and an empty document are problems, not crashes', () => {
  for (const input of [null, undefined, 'text', 42, []]) {
    const { findings } = validateTopology(input);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === 'topology-schema')).toBe(true);
  }
});

test('a typo does not hide the semantic problems: they are reported with it', () => {
  const t = baseTopology();
  t.services[0].ingres = 'internal';
  delete t.services[0].egress; // client-service can no longer reach server-service's load balancer
  const { findings, model } = validateTopology(t);
  expect(findings.map((f) => [f.ruleId, f.path])).toEqual([
    ['caller-needs-vpc-egress', 'services[0].calls[0]'],
    ['topology-schema', 'services[0].ingres'],
  ]);
  expect(model).toBeUndefined();
});

test('a wrong type on an enum field lists the allowed values', () => {
  const t = baseTopology();
  t.services[0].egress.route = 3;
  expect(validateTopology(t).findings.map((f) => f.fix)).toEqual(['use one of private-ranges-only, all-traffic']);
});
