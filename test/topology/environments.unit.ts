import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { splitEnvironments } from '../../src/input/environments';
import { parseTopology } from '../../src/input/load';
import { validateTopology } from '../../src/validate/engine';
import { formatFinding } from '../../src/check/report';
import { synthesizeTopology } from '../../src/synth';
import { expectValidCrds } from '../helpers/crd';
import { baseTopology, Obj } from '../helpers/synth';

const topology = (environments: string) => ({ ...baseTopology(), environments: parse(environments) });
const merged = (environments: string) => {
  const split = splitEnvironments(topology(environments));
  return { problems: split.problems, env: Object.fromEntries(split.environments.map((e) => [e.name, e.topology as any])) };
};

describe('merging an environment into the shared shape', () => {
  test('GIVEN a map override WHEN merged THEN it deep-merges: given keys change, the others stay', () => {
    const { problems, env } = merged(`
prod: {project: acme-prod-2, network: {subnets: {directVpc: {cidr: 10.40.0.0/22}}}}
dev: {}`);
    expect(problems).toEqual([]);
    expect(env.prod.project).toBe('acme-prod-2');
    expect(env.prod.network).toEqual({ name: 'run-vpc', subnets: { directVpc: { cidr: '10.40.0.0/22' } } });
    expect(env.prod.region).toBe('asia-northeast1');
    expect(env.dev).toEqual(baseTopology());
  });

  test('GIVEN a named-list override WHEN merged THEN only the item of that name changes, in place, and other lists are replaced whole', () => {
    const { env } = merged(`
prod:
  services:
    - name: server-service
      image: asia-northeast1-docker.pkg.dev/acme-prod/run/server:2.1.0
      scaling: {minInstances: 2}
    - name: client-service
      calls: [server-service, other]`);
    const [client, server] = env.prod.services;
    const [baseClient, baseServer] = baseTopology().services;
    expect(server).toEqual({
      ...baseServer,
      image: 'asia-northeast1-docker.pkg.dev/acme-prod/run/server:2.1.0',
      scaling: { minInstances: 2 },
    });
    // A plain list (calls) is replaced, not merged item by item.
    expect(client).toEqual({ ...baseClient, calls: ['server-service', 'other'] });
    expect(env.prod.services.map((s: Obj) => s.name)).toEqual(['client-service', 'server-service']);
  });

  test('GIVEN a null in an override WHEN merged THEN the field is removed from the shared shape, and the base is not mutated', () => {
    const input = topology(`
prod:
  services:
    - name: client-service
      startupProbe: null
      egress: {route: null}`);
    const split = splitEnvironments(input);
    const client = (split.environments[0].topology as any).services[0];
    expect('startupProbe' in client).toBe(false);
    expect(client.egress).toEqual({ via: 'direct-vpc' });
    expect(input.services[0].startupProbe).toEqual({ path: '/ready' });
  });

  test('GIVEN an override naming a service that does not exist WHEN validated THEN one error names the environment and the override', () => {
    const { findings } = validateTopology(
      topology(`
prod:
  services:
    - name: billing
      image: asia-northeast1-docker.pkg.dev/acme-prod/run/billing:1.0.0`),
    );
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'environments.prod.services[0].name', message: expect.stringMatching(/"billing".*no item/) });
    expect(errors[0].fix).toMatch(/"client-service", "server-service"/);
  });

  test('GIVEN an override without a name, a bad environment name and a peer that does not exist THEN each is an error at its path', () => {
    const { findings } = validateTopology(
      topology(`
Prod: {}
dev: {services: [{image: x}], peeredWith: [qa]}`),
    );
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.path)).toEqual([
      'environments.Prod',
      'environments.dev.peeredWith[0]',
      'environments.dev.services[0]',
    ]);
  });
});

describe('validating each environment as a whole topology', () => {
  test('GIVEN an error written in one override WHEN validated THEN the finding names that environment and points at the override line', () => {
    const text = `project: acme-prod
region: asia-northeast1
network: {name: run-vpc}
services:
  - name: api
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0
environments:
  dev: {project: acme-dev}
  prod:
    services:
      - name: api
        scaling: {minInstances: 20, maxInstances: 10}
`;
    const loaded = parseTopology(text, 'topology.yaml');
    const { findings } = synthesizeTopology(loaded.input, loaded.lineOf);
    const scaling = findings.filter((f) => f.ruleId === 'scaling-min-not-above-max');
    expect(scaling).toHaveLength(1);
    expect(scaling[0]).toMatchObject({ environment: 'prod', line: 12 });
    expect(scaling[0].path).toMatch(/^environments\.prod\.services\[0\]\.scaling/);
  });

  test('GIVEN an error in the shared shape that only one environment exposes THEN it is reported at the shared line, tagged with that environment', () => {
    const text = `region: asia-northeast1
network: {name: run-vpc}
services:
  - name: api
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/api:1.0.0
environments:
  dev: {project: acme-dev}
  prod: {}
`;
    const loaded = parseTopology(text, 'topology.yaml');
    const { findings, files } = synthesizeTopology(loaded.input, loaded.lineOf);
    expect(files).toEqual([]);
    const missing = findings.filter((f) => f.severity === 'error');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ environment: 'prod', path: 'project' });
    expect(formatFinding('topology.yaml', missing[0])).toMatch(/^topology\.yaml: \[prod\] /);
  });

  test('GIVEN a problem every environment has alike THEN it is reported once, without an environment', () => {
    const t = topology(`{dev: {project: acme-dev}, prod: {project: acme-prod}}`);
    t.services[1].scaling = { minInstances: 5, maxInstances: 1 };
    const scaling = validateTopology(t).findings.filter((f) => f.ruleId === 'scaling-min-not-above-max');
    expect(scaling).toHaveLength(1);
    expect(scaling[0].environment).toBeUndefined();
    expect(scaling[0].path).toMatch(/^services\[1\]\.scaling/);
  });

  test('GIVEN a topology without environments THEN validation has no environments and the output is the single layout', () => {
    const result = synthesizeTopology(baseTopology());
    expect(validateTopology(baseTopology()).environments).toBeUndefined();
    expect(result.files.map((f) => f.path)).toContain('cloud-run/client-service.yaml');
  });
});

describe('the environments golden', () => {
  const loaded = parseTopology(readFileSync(join(__dirname, '..', 'golden', 'environments', 'topology.yaml'), 'utf8'), 'topology.yaml');
  const result = synthesizeTopology(loaded.input);
  const objectsOf = (prefix: string) => result.files.filter((f) => f.path.startsWith(prefix)).flatMap((f) => f.objects as Obj[]);

  test.each(['dev', 'staging', 'prod'])('%s: its own folder validates strictly, in its own project and namespace', (env) => {
    const objects = objectsOf(`${env}/`);
    expect(objects.length).toBeGreaterThan(10);
    expectValidCrds(objects);
    const project = { dev: 'shop-dev-1', staging: 'shop-stg-1', prod: 'shop-prod-1' }[env];
    const namespace = { dev: 'shop-dev', staging: 'shop-stg', prod: 'shop-prod' }[env];
    expect(objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === namespace)).toBe(true);
    expect(objects.find((o) => o.kind === 'Namespace')!.metadata.annotations['cnrm.cloud.google.com/project-id']).toBe(project);
    // No per-environment Application: the ApplicationSet generates them.
    expect(objects.filter((o) => o.kind === 'Application')).toEqual([]);
  });

  test('prod gets its overrides and keeps the rest of the shared shape', () => {
    const prod = objectsOf('prod/');
    const staging = objectsOf('staging/');
    const api = prod.find((o) => o.kind === 'RunService' && o.metadata.name === 'api')!;
    expect(api.spec.template.scaling).toEqual({ minInstanceCount: 2, maxInstanceCount: 200 });
    expect(api.spec.template.containers[0].env ?? []).not.toContainEqual(expect.objectContaining({ name: 'LOG_LEVEL' }));
    expect(staging.find((o) => o.kind === 'RunService' && o.metadata.name === 'api')!.spec.template.containers[0].env).toContainEqual({
      name: 'LOG_LEVEL',
      value: 'debug',
    });
    expect(prod.find((o) => o.kind === 'RedisInstance')!.spec).toMatchObject({ tier: 'STANDARD_HA', memorySizeGb: 4 });
    expect(prod.find((o) => o.kind === 'ComputeSubnetwork' && o.metadata.name === 'shop-vpc-direct')!.spec.ipCidrRange).toBe(
      '10.140.0.0/21',
    );
    expect(staging.find((o) => o.kind === 'ComputeSubnetwork' && o.metadata.name === 'shop-vpc-direct')!.spec.ipCidrRange).toBe(
      '10.10.4.0/22',
    );
  });

  test('the ApplicationSet validates against Argo CD schema and generates one distinct Application per environment', () => {
    const [set] = objectsOf('argocd/');
    expect(set.kind).toBe('ApplicationSet');
    expectValidCrds([set]);
    expect(() => expectValidCrds([{ ...set, spec: { ...set.spec, generator: [] } }])).toThrow();
    const elements = set.spec.generators[0].list.elements;
    expect(elements.map((e: Obj) => [e.environment, e.name, e.manifests, e.namespace, e.server])).toEqual([
      ['dev', 'shop-vpc-topology-dev', 'dist/dev/config-connector', 'shop-dev', 'https://kubernetes.default.svc'],
      ['staging', 'shop-vpc-topology-staging', 'dist/staging/config-connector', 'shop-stg', 'https://kubernetes.default.svc'],
      ['prod', 'shop-vpc-topology-prod', 'dist/prod/config-connector', 'shop-prod', 'https://prod-control.shop.example'],
    ]);
    expect(set.spec.template.metadata.name).toBe('{{.name}}');
    expect(set.spec.template.spec.destination).toEqual({ server: '{{.server}}', namespace: '{{.namespace}}' });
  });

  test('--env synthesizes one environment, under its folder, without the ApplicationSet', () => {
    const only = synthesizeTopology(loaded.input, undefined, { environment: 'staging' });
    expect(only.files.every((f) => f.path.startsWith('staging/'))).toBe(true);
    expect(only.files.map((f) => f.content)).toEqual(result.files.filter((f) => f.path.startsWith('staging/')).map((f) => f.content));
  });
});

describe('the promoted topology (diff --from A --to B)', () => {
  test("takes A's shape with B's identity, and points mentions of A's project at B's", () => {
    const { promotedTopology } = jest.requireActual('../../src/cli/environments');
    const input = topology(`
staging:
  project: shop-stg-1
  namespace: shop-stg
  services: [{name: server-service, image: "europe-west1-docker.pkg.dev/shop-stg-1/run/server:2.5.0", scaling: {minInstances: 1}}]
prod:
  project: shop-prod-1
  namespace: shop-prod
  services: [{name: server-service, scaling: {minInstances: 3}}]`);
    const promoted = promotedTopology(input, 'staging', 'prod');
    expect(promoted.project).toBe('shop-prod-1');
    expect(promoted.namespace).toBe('shop-prod');
    expect(promoted.environments).toEqual({ prod: {} });
    expect(promoted.services[1].image).toBe('europe-west1-docker.pkg.dev/shop-prod-1/run/server:2.5.0');
    // The shape is staging's: prod's own scaling is what the promotion would replace.
    expect(promoted.services[1].scaling).toEqual({ minInstances: 1 });
    // A longer project ID that merely starts with staging's is left alone.
    expect(promoted.services[0].image).toBe(baseTopology().services[0].image);
  });
});

describe('the ApplicationSet with the git generator', () => {
  const text = readFileSync(join(__dirname, '..', 'golden', 'environments', 'topology.yaml'), 'utf8').replace(
    '    targetRevision: main\n',
    '    targetRevision: main\n    generator: git\n',
  );
  const input = parseTopology(text, 'topology.yaml').input as any;
  const result = synthesizeTopology(input);

  test('reads each environment from environment.params in its folder, and validates against the schema', () => {
    const set = result.files.find((f) => f.path === 'argocd/applicationset.yaml')!.objects[0] as Obj;
    expectValidCrds([set]);
    expect(set.spec.generators).toEqual([
      {
        git: {
          repoURL: 'https://github.com/shop/platform-rendered.git',
          revision: 'main',
          files: [{ path: 'dist/*/environment.params' }],
        },
      },
    ]);
    expect(set.spec.template.spec.source).toEqual({
      repoURL: 'https://github.com/shop/platform-rendered.git',
      targetRevision: 'main',
      path: '{{.manifests}}',
    });
    // Never a parameter: whoever edits environment.params must not pick the Argo CD project.
    expect(set.spec.template.spec.project).toBe('default');
    const prod = JSON.parse(result.files.find((f) => f.path === 'prod/environment.params')!.content);
    expect(prod).toEqual({
      environment: 'prod',
      name: 'shop-vpc-topology-prod',
      repoURL: 'https://github.com/shop/platform-rendered.git',
      targetRevision: 'main',
      manifests: 'dist/prod/config-connector',
      server: 'https://prod-control.shop.example',
      namespace: 'shop-prod',
    });
    // Every parameter the template uses is in every environment's file (missingkey=error would stop the generation).
    const used = [...JSON.stringify(set.spec.template).matchAll(/\{\{\.(\w+)\}\}/g)].map((m) => m[1]);
    for (const env of ['dev', 'staging', 'prod']) {
      const params = JSON.parse(result.files.find((f) => f.path === `${env}/environment.params`)!.content);
      for (const key of used) expect([env, key, params[key] !== undefined]).toEqual([env, key, true]);
    }
  });

  test('environments that disagree on the Argo CD project are an error, whichever the generator', () => {
    const split = {
      ...input,
      environments: { ...input.environments, prod: { ...input.environments.prod, delivery: { argocd: { project: 'prod' } } } },
    };
    const errors = validateTopology(split).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.path)).toEqual(['environments.prod.delivery.argocd.project']);
    expect(errors[0].message).toMatch(/"prod".*"default"/);
  });

  test('environments that disagree on the repository the git generator reads are an error', () => {
    const split = {
      ...input,
      environments: {
        ...input.environments,
        dev: { ...input.environments.dev, delivery: { argocd: { repoURL: 'https://example.com/other.git' } } },
      },
    };
    const errors = validateTopology(split).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.path)).toEqual([
      'environments.prod.delivery.argocd.repoURL',
      'environments.staging.delivery.argocd.repoURL',
    ]);
  });
});

test("the README's environments example synthesizes: three folders, an ApplicationSet, prod's override applied", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = /### Environments: one topology[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1];
  const result = synthesizeTopology(parse(block));
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect([...new Set(result.files.map((f) => f.path.split('/')[0]))]).toEqual(['argocd', 'dev', 'prod', 'staging']);
  const objects = result.files.flatMap((f) => f.objects as Obj[]);
  expectValidCrds(objects.filter((o) => o.kind === 'ApplicationSet'));
  const prodApi = result.files.find((f) => f.path === 'prod/knative/api.yaml' || f.path === 'prod/cloud-run/api.yaml')!.objects[0] as Obj;
  expect(prodApi.spec.template.metadata.annotations['autoscaling.knative.dev/minScale']).toBe('2');
});
