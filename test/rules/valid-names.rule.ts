import { validNames } from '../../src/rules/valid-names';
import { describeRule } from '../helpers/rule-cases';
import { validateTopology } from '../../src/validate/engine';
import { baseTopology } from '../helpers/synth';

describeRule(validNames, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    {
      name: 'a 49-character service name with its own account ID',
      mutate: (t) => {
        t.services[1].name = `s${'a'.repeat(48)}`;
        t.services[1].serviceAccount = 'long-server';
        t.services[0].calls = [t.services[1].name];
      },
    },
    {
      name: 'an existing account by email',
      mutate: (t) => {
        t.services[0].serviceAccount = 'x@other-project.iam.gserviceaccount.com';
      },
    },
    {
      name: 'valid backend, secret, zone and endpoint names',
      mutate: (t) => {
        t.backends = [{ name: 'cache', redis: {} }];
        t.secrets = [{ name: 'DB_password-1' }];
        t.dns = { domain: 'internal.acme.example.' };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
      },
    },
    {
      name: 'service agent and default account emails',
      mutate: (t) => {
        t.services[0].serviceAccount = '123456789012-compute@developer.gserviceaccount.com';
        t.services[1].serviceAccount = 'runner@my-project.example.com.iam.gserviceaccount.com';
      },
    },
    {
      name: 'a namespace and Argo CD names',
      mutate: (t) => {
        t.namespace = 'run-infra';
        t.delivery = {
          argocd: { repoURL: 'https://git.example/acme/run.git', name: 'run.topology', namespace: 'argo-cd', project: 'platform' },
        };
      },
    },
    {
      name: 'an endpoint backend named like a variable stem',
      mutate: (t) => {
        t.backends = [{ name: 'orders-db', endpoint: { host: '10.20.0.5', port: 5432 } }];
      },
    },
    {
      name: 'an invalid default subnet name that nothing needs',
      mutate: (t) => {
        t.network.subnets = { connector: { name: 'Not_Used' } };
      },
    },
  ],
  invalid: [
    {
      name: 'shared mode: a stem too long for its forwarding rule names',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', name: 'a'.repeat(55), https: { sslCertificate: 'wildcard' } };
      },
      path: 'loadBalancing.name',
    },
    {
      name: 'shared mode: a derived stem too long (long network name)',
      mutate: (t) => {
        t.network.name = 'n'.repeat(58);
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared' };
      },
      path: 'network.name',
      message: /run|lb|more than/,
    },
    {
      name: 'service name with an underscore',
      mutate: (t) => {
        t.services[1].name = 'server_service';
        t.services[0].calls = ['server_service'];
      },
      path: 'services[1].name',
    },
    {
      name: 'service name of 50 characters',
      mutate: (t) => {
        t.services[0].name = `s${'a'.repeat(49)}`;
      },
      path: 'services[0].name',
      message: /50 characters, more than 49/,
    },
    {
      name: 'service name ending with a hyphen',
      mutate: (t) => {
        t.services[0].name = 'client-';
      },
      path: 'services[0].name',
    },
    {
      name: 'network name in capitals',
      mutate: (t) => {
        t.network.name = 'RunVpc';
      },
      path: 'network.name',
    },
    {
      name: 'project ID too short',
      mutate: (t) => {
        t.project = 'acme';
      },
      path: 'project',
    },
    {
      name: 'region that is a zone-like string',
      mutate: (t) => {
        t.region = 'Tokyo';
      },
      path: 'region',
    },
    {
      name: 'explicit subnet name invalid',
      mutate: (t) => {
        t.network.subnets = { directVpc: { name: '9-direct' } };
      },
      path: 'network.subnets.directVpc.name',
    },
    {
      name: 'derived subnet name too long',
      mutate: (t) => {
        t.network.name = `n${'x'.repeat(55)}`;
      },
      path: 'network.name',
      message: /more than 63/,
    },
    {
      name: 'derived connector name over 25 characters',
      mutate: (t) => {
        t.network.name = 'a-rather-long-network-name';
        t.services[0].egress.via = 'connector';
      },
      path: 'network.name',
      message: /Serverless VPC Access connector name .* more than 25/,
    },
    {
      name: 'derived account ID over 30 characters',
      mutate: (t) => {
        t.services[0].name = 'client-service-with-a-long-name';
      },
      path: 'services[0].name',
      message: /service account ID name "run-client-service-with-a-long-name" is 35 characters/,
    },
    {
      name: 'derived account ID under 6 characters',
      mutate: (t) => {
        t.services[0].name = 'a';
      },
      path: 'services[0].name',
      message: /service account ID/,
    },
    {
      name: 'explicit account ID invalid',
      mutate: (t) => {
        t.services[0].serviceAccount = 'Runner';
      },
      path: 'services[0].serviceAccount',
    },
    {
      name: 'Redis instance ID over 40 characters',
      mutate: (t) => {
        t.backends = [{ name: `c${'x'.repeat(40)}`, redis: {} }];
      },
      path: 'backends[0].name',
    },
    {
      name: 'secret ID with a slash',
      mutate: (t) => {
        t.services[0].secrets = { DB_PASSWORD: { secret: 'projects/p/secrets/db' } };
      },
      path: 'services[0].secrets.DB_PASSWORD.secret',
    },
    {
      name: 'declared secret with a dot',
      mutate: (t) => {
        t.secrets = [{ name: 'db.password' }];
      },
      path: 'secrets[0].name',
    },
    {
      name: 'PSC endpoint name with a hyphen',
      mutate: (t) => {
        t.googleApis = { privateServiceConnect: { name: 'all-apis', address: '10.255.255.254' } };
      },
      path: 'googleApis.privateServiceConnect.name',
    },
    {
      name: 'DNS domain with one label',
      mutate: (t) => {
        t.dns = { domain: 'internal' };
      },
      path: 'dns.domain',
      message: /not a DNS domain/,
    },
    {
      name: 'DNS domain under run.app',
      mutate: (t) => {
        t.dns = { domain: 'x.run.app' };
      },
      path: 'dns.domain',
      message: /Google domain/,
    },
    {
      name: 'explicit zone name invalid',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example', zoneName: 'Zone' };
      },
      path: 'dns.zoneName',
    },
    {
      name: 'a service account email of no known form',
      mutate: (t) => {
        t.services[0].serviceAccount = 'me@gmail.com';
      },
      path: 'services[0].serviceAccount',
      message: /not a service account email/,
    },
    {
      name: 'a service account email in capitals',
      mutate: (t) => {
        t.services[0].serviceAccount = 'Runner@acme-prod.iam.gserviceaccount.com';
      },
      path: 'services[0].serviceAccount',
    },
    {
      name: 'a service account email with a newline',
      mutate: (t) => {
        t.services[0].serviceAccount = 'a@b.iam.gserviceaccount.com\nx';
      },
      path: 'services[0].serviceAccount',
    },
    {
      name: 'a backend name with a space (ORDERS DB_HOST)',
      mutate: (t) => {
        t.backends = [{ name: 'orders db', endpoint: { host: '10.20.0.5', port: 5432 } }];
      },
      path: 'backends[0].name',
      message: /not a valid backend name/,
    },
    {
      name: 'a backend name with Markdown',
      mutate: (t) => {
        t.backends = [{ name: 'db\n```\n# x', endpoint: { host: '10.20.0.5', port: 5432 } }];
      },
      path: 'backends[0].name',
    },
    {
      name: 'a namespace in capitals',
      mutate: (t) => {
        t.namespace = 'Run_Infra';
      },
      path: 'namespace',
      message: /Kubernetes namespace/,
    },
    {
      name: 'a namespace of 64 characters',
      mutate: (t) => {
        t.namespace = `n${'x'.repeat(63)}`;
      },
      path: 'namespace',
      message: /more than 63/,
    },
    {
      name: 'an Argo CD Application name with a slash',
      mutate: (t) => {
        t.delivery = { argocd: { repoURL: 'https://git.example/r.git', name: 'run/topology' } };
      },
      path: 'delivery.argocd.name',
    },
    {
      name: 'an Argo CD namespace with a dot',
      mutate: (t) => {
        t.delivery = { argocd: { repoURL: 'https://git.example/r.git', namespace: 'argo.cd' } };
      },
      path: 'delivery.argocd.namespace',
    },
    {
      name: 'an Argo CD project with spaces',
      mutate: (t) => {
        t.delivery = { argocd: { repoURL: 'https://git.example/r.git', project: 'my project' } };
      },
      path: 'delivery.argocd.project',
    },
    {
      name: 'explicit connector name over 25 characters',
      mutate: (t) => {
        t.network.connector = { name: 'connector-with-a-long-name' };
        t.services[0].egress.via = 'connector';
      },
      path: 'network.connector.name',
    },
  ],
});

test('a grant name over the 253 characters of a Kubernetes name is refused at the secret reference', () => {
  const t = baseTopology();
  const long = `s${'x'.repeat(240)}`;
  t.services[0].secrets = { LONG: { secret: long } };
  const findings = validateTopology(t).findings.filter((f) => f.ruleId === 'valid-names');
  expect(findings.map((f) => f.path)).toEqual(['services[0].secrets.LONG.secret']);
  expect(findings[0].message).toMatch(/more than 253/);
});

test('a name with a line break is quoted in JSON string form, so its finding stays one line', () => {
  const t = baseTopology();
  t.backends = [{ name: 'db\nservices[0].name: forged', endpoint: { host: '10.20.0.5', port: 5432 } }];
  const finding = validateTopology(t).findings.find((f) => f.ruleId === 'valid-names')!;
  expect(finding.message).toContain('"db\\nservices[0].name: forged"');
  expect(finding.message).not.toContain('\n');
});
