import { readServiceManifests, ServiceManifests } from '../../src/input/service-manifest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { emittedNamesUnique } from '../../src/rules/emitted-names-unique';
import { emittedNames } from '../../src/model/emitted-names';
import { validateTopology } from '../../src/validate/engine';
import { runOn } from '../helpers/cli-run';
import { describeRule } from '../helpers/rule-cases';
import { all, baseTopology, find, Obj, synth, topologyNamedIds } from '../helpers/synth';

const image = 'asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0';

/** The reproducers that names can no longer collide for: synth succeeds. */
const sharedAccount = (t: any) => {
  t.delivery = { cloudRun: 'config-connector' };
  t.secrets = [{ name: 'db-password' }];
  t.services[0].serviceAccount = 'shared-runner';
  t.services[0].secrets = { DB_PASSWORD: { secret: 'db-password' } };
  t.services.push({
    ...t.services[0],
    name: 'batch-service',
    secrets: { DB_PASSWORD: { secret: 'db-password' }, TOKEN: { secret: 'api-token' } },
  });
};
const secretNamesAbut = (t: any) => {
  t.services = [
    { name: 'api', image, secrets: { P: { secret: 'db-password' } } },
    { name: 'api-db', image, secrets: { P: { secret: 'password' } } },
  ];
};
const callerNamedAllUsers = (t: any) => {
  t.delivery = { cloudRun: 'config-connector' };
  t.services[0].name = 'all-users';
  t.services[1].public = true;
  t.services[1].ingress = 'all';
};

describeRule(emittedNamesUnique, {
  valid: [
    { name: 'the base topology', mutate: () => undefined },
    { name: 'two services sharing a created service account, secret and callee', mutate: sharedAccount },
    { name: 'service api reading db-password beside service api-db reading password', mutate: secretNamesAbut },
    { name: 'a caller named all-users of a public callee, Config Connector mode', mutate: callerNamedAllUsers },
    {
      name: 'a PSC endpoint named like no other address',
      mutate: (t) => {
        t.googleApis = { privateServiceConnect: { name: 'apis', address: '10.255.255.254' } };
      },
    },
  ],
  invalid: [
    {
      name: 'dns.zoneName equal to the derived run.app zone',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example', zoneName: 'run-vpc-run-app', runApp: true };
      },
      path: 'dns.zoneName',
      message:
        /DNSManagedZone "run-vpc-run-app" \(private zone of the load balancers\) has the name of the run\.app zone, from network\.name/,
    },
    {
      name: 'dns.zoneName equal to the googleapis.com zone',
      mutate: (t) => {
        t.dns = { domain: 'internal.acme.example', zoneName: 'run-vpc-googleapis' };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
      },
      path: 'dns.zoneName',
    },
    {
      name: 'privateServiceAccess.name equal to a load balancer address',
      mutate: (t) => {
        t.network.privateServiceAccess = { name: 'server-service-ilb-ip' };
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.services[0].uses = ['cache'];
      },
      path: 'services[1].name',
      message: /load balancer address of service server-service.*network\.privateServiceAccess\.name/,
    },
    {
      name: 'privateServiceAccess.name equal to the PSC endpoint',
      mutate: (t) => {
        t.network.privateServiceAccess = { name: 'allapis' };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.services[0].uses = ['cache'];
      },
      path: 'googleApis.privateServiceConnect.name',
    },
    {
      name: 'two secret IDs that make one Kubernetes name',
      mutate: (t) => {
        t.secrets = [{ name: 'db-pass' }, { name: 'DB_PASS' }];
      },
      path: 'secrets[1].name',
      message: /SecretManagerSecret "db-pass"/,
    },
  ],
});

describe('the issue 12 reproducers through the CLI (in process): check and synth agree, never exit 3', () => {
  const cases: Array<[string, (t: any) => void, number]> = [
    ['shared created serviceAccount', sharedAccount, 0],
    ['api + db-password beside api-db + password', secretNamesAbut, 0],
    ['a caller named all-users (Config Connector)', callerNamedAllUsers, 0],
    [
      'dns.zoneName equal to the run.app zone',
      (t) => {
        t.dns = { domain: 'internal.acme.example', zoneName: 'run-vpc-run-app', runApp: true };
      },
      1,
    ],
    [
      'privateServiceAccess.name equal to the PSC endpoint',
      (t) => {
        t.network.privateServiceAccess = { name: 'allapis' };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.services[0].uses = ['cache'];
      },
      1,
    ],
  ];
  test.each(cases)('%s', async (_name, mutate, expected) => {
    const t = baseTopology();
    mutate(t);
    const check = await runOn('check', t);
    const synthed = await runOn('synth', t);
    expect(check.err).not.toContain('internal error');
    expect(synthed.err).not.toContain('internal error');
    expect(check.code).toBe(expected);
    expect(synthed.code).toBe(expected);
    if (expected === 1)
      expect(check.err).toMatch(/: (dns\.zoneName|googleApis\.privateServiceConnect\.name): \w+ "[a-z-]+" .* has the name of the /);
  });
});

describe('shared service account', () => {
  test('one IAMServiceAccount, both services run as it, grants once per account and secret, invoker once per account', () => {
    const t = baseTopology();
    sharedAccount(t);
    const { objects } = synth(t);
    expect(
      all(objects, 'IAMServiceAccount')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['run-server-service', 'shared-runner']);
    expect(find(objects, 'IAMServiceAccount', 'shared-runner').spec.displayName).toBe('Cloud Run services client-service, batch-service');
    for (const name of ['client-service', 'batch-service']) {
      expect(find(objects, 'RunService', name).spec.template.serviceAccountRef).toEqual({ name: 'shared-runner' });
    }
    const grants = all(objects, 'IAMPolicyMember').map((o) => [
      o.metadata.name,
      o.spec.role,
      o.spec.memberFrom?.serviceAccountRef?.name,
      o.spec.resourceRef.name ?? o.spec.resourceRef.external,
    ]);
    expect(grants.sort()).toEqual([
      [
        'api-token.secret-accessor.shared-runner',
        'roles/secretmanager.secretAccessor',
        'shared-runner',
        'projects/acme-prod/secrets/api-token',
      ],
      ['db-password.secret-accessor.shared-runner', 'roles/secretmanager.secretAccessor', 'shared-runner', 'db-password'],
      ['server-service.invoker.shared-runner', 'roles/run.invoker', 'shared-runner', 'server-service'],
    ]);
  });

  test('Knative mode: the invoker policy names the shared account once', () => {
    const t = baseTopology();
    t.services[0].serviceAccount = 'shared-runner';
    t.services.push({ ...t.services[0], name: 'batch-service' });
    const { files } = synth(t);
    const policy = parse(files.find((f) => f.path === 'cloud-run-iam/server-service.yaml')!.content);
    expect(policy.bindings[0].members).toEqual(['serviceAccount:shared-runner@acme-prod.iam.gserviceaccount.com']);
  });
});

/** Topologies whose synthesized output the name list is compared with. */
function topologies(): Array<[string, unknown, ServiceManifests?]> {
  const golden = join(__dirname, '..', 'golden');
  const files: Array<[string, unknown, ServiceManifests?]> = readdirSync(golden, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const input = parse(readFileSync(join(golden, d.name, 'topology.yaml'), 'utf8'));
      return [d.name, input, readServiceManifests(input, join(golden, d.name))];
    });
  const extra: Array<[string, (t: any) => void]> = [
    ['shared account', sharedAccount],
    ['abutting secret names', secretNamesAbut],
    ['all-users caller', callerNamedAllUsers],
    [
      'per-service HTTPS with a versioned certificate',
      (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.services[1].loadBalancer = { https: { certificateSecret: 'server-tls-2', certificateVersion: 2 } };
      },
    ],
    [
      'shared load balancer, HTTPS from a secret (versioned) and HTTP, config-connector',
      (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', https: { certificateSecret: 'wildcard-tls', certificateVersion: 3 }, http: true };
        t.delivery = { cloudRun: 'config-connector' };
        t.services.push({ name: 'third-service', image: t.services[1].image, loadBalancer: {} });
      },
    ],
    [
      'shared load balancer, HTTP only',
      (t) => {
        t.dns = { domain: 'internal.acme.example' };
        t.loadBalancing = { mode: 'shared', name: 'edge' };
      },
    ],
    [
      'https, runApp, PSC, PSA, NAT, Argo CD, namespace',
      (t) => {
        t.namespace = 'run-infra';
        t.projectNumber = '123456789012';
        t.delivery = { createNamespace: true, argocd: { repoURL: 'https://git.example/acme/run.git' } };
        t.dns = { domain: 'internal.acme.example', runApp: true };
        t.googleApis = { privateServiceConnect: { address: '10.255.255.254' } };
        t.services[1].loadBalancer = { https: { certificateSecret: 'server-tls' }, http: false };
        t.services[0].internet = true;
        t.services[0].egress = { via: 'connector', route: 'all-traffic' };
        t.backends = [{ name: 'cache', redis: { connectMode: 'private-service-access' } }];
        t.services[0].uses = ['cache'];
        t.secrets = [{ name: 'DB_PASSWORD' }];
        t.services[0].secrets = { DB_PASSWORD: { secret: 'DB_PASSWORD' } };
      },
    ],
  ];
  for (const [name, mutate] of extra) {
    const t = baseTopology();
    mutate(t);
    files.push([name, t, undefined]);
  }
  return files;
}

test.each(topologies())('emittedNames lists exactly what synth emits: %s', (_name, topology, manifests) => {
  const { environments } = validateTopology(topology, manifests);
  if (environments) {
    // Each environment's folder holds what its model names, but no Application: the ApplicationSet generates those.
    const { files } = synth(topology, manifests);
    for (const e of environments) {
      const objects = files.filter((f) => f.path.startsWith(`${e.name}/`)).flatMap((f) => f.objects as Obj[]);
      const emitted = topologyNamedIds(objects).sort();
      const model = { ...e.model!, delivery: { ...e.model!.delivery, argocd: undefined } };
      expect([...new Set(emittedNames(model).map((n) => `${n.kind}/${n.name}`))].sort()).toEqual(emitted);
    }
    return;
  }
  const { objects } = synth(topology, manifests);
  const emitted = topologyNamedIds(objects).sort();
  const listed = [...new Set(emittedNames(validateTopology(topology, manifests).model!).map((n) => `${n.kind}/${n.name}`))].sort();
  expect(listed).toEqual(emitted);
  expect(new Set(emitted).size).toBe(emitted.length);
});
