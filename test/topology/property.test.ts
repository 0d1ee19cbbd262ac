import fc from 'fast-check';
import { synthesizeTopology } from '../../src/synth';
import { emittedNames } from '../../src/model/emitted-names';
import { validateTopology } from '../../src/validate/engine';
import { checkReferences, isKccObject, referencesOf } from '../../src/delivery/references';
import { crdProblems } from '../helpers/crd';
import { topologyNamedIds } from '../helpers/synth';

const NAMES = ['client-service', 'server-service', 'batch', 'ab', 'api-2', 'api', 'api-db', 'all-users'];
const BACKEND_NAMES = ['cache', 'orders-db'];
const SECRET_NAMES = ['db-password', 'api-token', 'password', 'DB_PASSWORD'];
const BAD_NAMES = ['Bad_Name', `s${'x'.repeat(49)}`, 'a'];
const CIDRS = ['10.30.0.0/24', '10.31.0.0/22', '10.32.0.0/28', '10.33.0.0/23', '192.168.0.0/26', '100.64.0.0/28'];
const BAD_CIDRS = ['10.10.0.0/24', '10.20.0.0/27', '10.10.0.0/30', '8.8.8.0/24', '10.10.0.1/24', 'not-a-cidr'];

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Absent five times in six: for fields that are often wrong in combination with others. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 });
/** Mostly `good`, sometimes one of `bad`: enough valid topologies to exercise the output, enough broken ones. */
const usually = <T>(good: T[], bad: T[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });

const subnet = fc.record(
  {
    name: maybe(usually(['w', 'direct-1', 'conn-subnet'], ['shared', 'Bad_Subnet'])),
    cidr: maybe(usually(CIDRS, BAD_CIDRS)),
    privateGoogleAccess: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);

const service = fc.record(
  {
    name: usually(NAMES, BAD_NAMES),
    image: fc.oneof(
      { arbitrary: fc.constant('asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0'), weight: 40 },
      { arbitrary: fc.constantFrom('gcr.io/x/App', 'app@sha256:1'), weight: 1 },
    ),
    ingress: maybe(fc.constantFrom('all', 'internal', 'internal-and-cloud-load-balancing')),
    egress: maybe(
      fc.record(
        {
          via: maybe(fc.constantFrom('none', 'connector', 'direct-vpc')),
          route: maybe(fc.constantFrom('private-ranges-only', 'all-traffic')),
        },
        { requiredKeys: [] },
      ),
    ),
    internet: maybe(fc.boolean()),
    calls: maybe(fc.uniqueArray(usually(NAMES, ['ghost']), { maxLength: 2 })),
    access: maybe(fc.constantFrom('load-balancer', 'private-google-access')),
    loadBalancer: maybe(
      fc.record({ address: maybe(usually(['10.10.0.10', '10.10.0.77'], ['10.10.0.1', '10.99.0.5', 'host'])) }, { requiredKeys: [] }),
    ),
    port: maybe(fc.integer({ min: 1, max: 65535 })),
    env: maybe(
      fc.dictionary(usually(['LOG_LEVEL', 'FEATURE_X'], ['PORT', 'SERVER_SERVICE_URL']), fc.constantFrom('1', 'x'), { maxKeys: 2 }),
    ),
    scaling: maybe(
      fc.record(
        { minInstances: maybe(fc.integer({ min: 0, max: 3 })), maxInstances: maybe(fc.integer({ min: 3, max: 120 })) },
        { requiredKeys: [] },
      ),
    ),
    uses: rarely(fc.uniqueArray(usually(BACKEND_NAMES, ['ghost']), { maxLength: 2 })),
    secrets: rarely(
      fc.dictionary(
        usually(['DB_PASSWORD', 'API_TOKEN'], ['PORT', 'LOG_LEVEL']),
        fc.record(
          { secret: usually(SECRET_NAMES, ['bad/secret']), version: maybe(fc.constantFrom('latest', '2')) },
          { requiredKeys: ['secret'] },
        ),
        { maxKeys: 2 },
      ),
    ),
    public: rarely(fc.boolean()),
    // Shared and colliding accounts: several services naming one ID, an ID equal to another service's derived one.
    serviceAccount: rarely(
      usually(['api-runner', 'shared-runner', 'run-batch', 'x@other.iam.gserviceaccount.com'], ['ab', 'me@gmail.com']),
    ),
  },
  { requiredKeys: ['name', 'image'] },
);

const redis = fc.record(
  {
    tier: maybe(fc.constantFrom('BASIC', 'STANDARD_HA')),
    connectMode: maybe(fc.constantFrom('direct-peering', 'private-service-access')),
    reservedRange: rarely(usually(['10.40.0.0/29'], ['10.40.0.0/24', '10.10.4.0/29'])),
  },
  { requiredKeys: [] },
);
const endpoint = fc.record({
  host: usually(['10.50.0.5', 'db.internal'], ['35.1.2.3', 'db\n```', '010.50.0.5']),
  port: fc.constantFrom(5432, 3306),
});
const backend = fc.oneof(
  {
    arbitrary: fc.record(
      { name: usually(BACKEND_NAMES, ['Bad_Backend']), redis, host: maybe(fc.constantFrom('10.40.0.4', '10.30.0.9')) },
      { requiredKeys: ['name', 'redis'] },
    ),
    weight: 3,
  },
  { arbitrary: fc.record({ name: usually(BACKEND_NAMES, ['Bad_Backend']), endpoint }), weight: 3 },
  // The wrong shapes: both kinds, or neither.
  {
    arbitrary: fc.record(
      { name: fc.constantFrom(...BACKEND_NAMES), redis: maybe(redis), endpoint: maybe(endpoint) },
      { requiredKeys: ['name'] },
    ),
    weight: 1,
  },
);

const topology = fc.record(
  {
    project: usually(['acme-prod', 'acme-prod-123'], ['acme', 'Acme-Prod']),
    projectNumber: maybe(fc.constantFrom('123456789012', '42')),
    region: usually(['asia-northeast1', 'us-central1'], ['Tokyo']),
    namespace: maybe(fc.constantFrom('config-connector', 'runnel')),
    network: fc.record(
      {
        name: usually(['run-vpc', 'vpc-1'], ['a-rather-long-network-name', 'RunVpc', `n${'x'.repeat(60)}`]),
        // An existing network, maybe a Shared VPC host's (another project), and maybe the topology's own project.
        project: rarely(usually(['net-host-prod', 'acme-prod'], ['Bad_Project'])),
        existing: rarely(fc.boolean()),
        subnets: maybe(
          fc.record(
            { workload: maybe(subnet), directVpc: maybe(subnet), connector: maybe(subnet), proxyOnly: maybe(subnet) },
            { requiredKeys: [] },
          ),
        ),
        connector: maybe(
          fc.record(
            {
              name: maybe(usually(['conn'], ['a-connector-name-that-is-too-long'])),
              existing: rarely(
                usually(
                  ['projects/net-host-prod/locations/asia-northeast1/connectors/shared-conn'],
                  ['projects/net-host-prod/locations/us-central1/connectors/far', 'shared-conn'],
                ),
              ),
              minInstances: maybe(usually([2, 3], [0, 10])),
              maxInstances: maybe(usually([4, 10], [2, 11])),
              machineType: maybe(fc.constantFrom('e2-micro', 'e2-standard-4')),
            },
            { requiredKeys: [] },
          ),
        ),
        nat: maybe(
          fc.record(
            { enabled: maybe(fc.boolean()), routerName: maybe(fc.constant('rtr')), name: maybe(fc.constant('nat')) },
            { requiredKeys: [] },
          ),
        ),
        privateServiceAccess: rarely(
          fc.record({ name: maybe(usually(['psa-range'], ['allapis', 'server-service-ilb-ip'])) }, { requiredKeys: [] }),
        ),
      },
      { requiredKeys: ['name'] },
    ),
    services: fc.uniqueArray(service, { minLength: 1, maxLength: 4, selector: (s) => s.name }),
    backends: maybe(fc.uniqueArray(backend, { maxLength: 2, selector: (b) => b.name })),
    secrets: maybe(fc.uniqueArray(fc.record({ name: usually(SECRET_NAMES, ['bad.secret']) }), { maxLength: 2, selector: (x) => x.name })),
    dns: rarely(
      fc.record(
        {
          domain: maybe(usually(['internal.acme.example'], ['internal', 'x.run.app'])),
          zoneName: maybe(usually(['lb-zone'], ['run-vpc-run-app', 'run-vpc-googleapis'])),
          zone: rarely(
            fc.record({
              existing: usually(
                ['projects/net-host-prod/managedZones/team-internal', 'projects/acme-prod/managedZones/lb-zone'],
                ['lb-zone', 'projects/x/zones/y'],
              ),
            }),
          ),
          runApp: maybe(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    ),
    delivery: maybe(
      fc.record(
        {
          cloudRun: maybe(fc.constantFrom('knative', 'config-connector')),
          createNamespace: rarely(fc.boolean()),
          abandonStateful: maybe(fc.boolean()),
          argocd: rarely(
            fc.record(
              { repoURL: fc.constant('https://github.com/acme/p.git'), path: maybe(fc.constantFrom('dist', 'deploy/prod/')) },
              { requiredKeys: ['repoURL'] },
            ),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
    googleApis: rarely(
      fc.record({
        privateServiceConnect: fc.record(
          { address: usually(['10.255.255.254'], ['10.10.4.9', '8.8.8.8']), name: maybe(usually(['allapis'], ['all-apis'])) },
          { requiredKeys: ['address'] },
        ),
      }),
    ),
  },
  { requiredKeys: ['project', 'region', 'network', 'services'] },
);

/** Random damage: drop a field, replace a value with one of the wrong kind, or add an unknown field. */
const GARBAGE = [null, 3, 'x', [], {}, true, -1, 'internal'];
function mutate(value: unknown, choices: number[]): unknown {
  const clone = JSON.parse(JSON.stringify(value ?? null));
  let node: any = clone;
  for (const c of choices) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_: unknown, i: number) => i) : Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[c % keys.length];
    const action = c % 4;
    if (action === 0) {
      if (Array.isArray(node)) node.splice(key as number, 1);
      else delete node[key];
      break;
    }
    if (action === 1) {
      node[key] = GARBAGE[c % GARBAGE.length];
      break;
    }
    if (action === 2 && !Array.isArray(node)) {
      node[`${String(key)}x`] = 'typo';
      break;
    }
    node = node[key];
  }
  return clone;
}

const input = fc.oneof(
  { arbitrary: topology, weight: 4 },
  { arbitrary: fc.tuple(topology, fc.array(fc.nat(1000), { minLength: 1, maxLength: 5 })).map(([t, c]) => mutate(t, c)), weight: 1 },
);

/**
 * Checks one input's outcome: CRD-valid, fully referenced, wave-ordered output, or a clean list of problems.
 * Each check gathers what breaks it, and calls jest's expect() only when the list is not empty, to report it:
 * expect() costs ~0.1 ms a call (it builds every matcher for the value), and one per check per run came to ~0.4 s
 * of this file's time (a call per finding, reference and object, before, to a third of it).
 */
function checkOutcome(t: unknown): 'synthesized' | 'refused' {
  const result = synthesizeTopology(t); // must not throw
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    if (result.files.length > 0) expect(result.files).toEqual([]);
    // As toBe('string'), toMatch (a string that matches) and toBeGreaterThan(0) (a number above 0) asked of each.
    const positive = (n: unknown) => typeof n === 'number' && n > 0;
    const unclean = result.findings.filter(
      (f) =>
        typeof f.path !== 'string' ||
        typeof f.ruleId !== 'string' ||
        !/^[a-z0-9-]+$/.test(f.ruleId) ||
        !positive(f.message.length) ||
        !positive(f.fix.length),
    );
    if (unclean.length > 0) expect(unclean).toEqual([]);
    return 'refused';
  }
  const objects = result.files.flatMap((f) => f.objects);
  if (objects.length === 0) expect(objects.length).toBeGreaterThan(0);
  const invalid = objects.flatMap(crdProblems);
  if (invalid.length > 0) expect(invalid).toEqual([]);
  const dangling = checkReferences(objects);
  if (dangling.length > 0) expect(dangling).toEqual([]);
  const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
  const misordered: string[] = [];
  for (const o of objects.filter(isKccObject)) {
    for (const ref of referencesOf(o)) {
      const target = objects.find((x) => x.kind === ref.kind && x.metadata.name === ref.name)!;
      // A target in a later or the same wave: NaN (no wave) fails too, as toBeLessThan did.
      if (!(wave(target) < wave(o)))
        misordered.push(`${o.kind}/${o.metadata.name} (wave ${wave(o)}) -> ${ref.kind}/${ref.name} (wave ${wave(target)})`);
    }
  }
  if (misordered.length > 0) expect(misordered).toEqual([]);
  const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
  if (new Set(ids).size !== ids.length) expect(new Set(ids).size).toBe(ids.length);
  // An existing network emits none of its own objects; an object of another project is only in that project's folder.
  const model = validateTopology(t).model!; // validated once more here: synth returns no model
  const networks = model.network.existing ? objects.filter((o) => /^Compute(Sub)?[Nn]etwork$/.test(o.kind)) : [];
  if (networks.length > 0) expect(networks).toEqual([]);
  const misplaced: string[] = [];
  for (const f of result.files) {
    for (const o of f.objects) {
      const project = o.metadata?.annotations?.['cnrm.cloud.google.com/project-id'];
      if (project === undefined) continue;
      const placed = project === model.project ? !/^host-/.test(f.path) : f.path.startsWith(`host-${project}/`);
      if (!placed) misplaced.push(`${f.path}: ${o.kind}/${o.metadata.name} of project ${project}`);
    }
  }
  if (misplaced.length > 0) expect(misplaced).toEqual([]);
  // The rule emitted-names-unique sees exactly what synth emits.
  const [predicted, emitted] = [
    [...new Set(emittedNames(model).map((n) => `${n.kind}/${n.name}`))].sort(),
    topologyNamedIds(objects).sort(),
  ];
  if (JSON.stringify(predicted) !== JSON.stringify(emitted)) expect(predicted).toEqual(emitted);
  return 'synthesized';
}

test('any topology synthesizes CRD-valid, fully referenced, wave-ordered output or returns a clean list of problems', () => {
  let synthesized = 0;
  let refused = 0;
  fc.assert(
    fc.property(input, (t) => {
      if (checkOutcome(t) === 'refused') refused++;
      else synthesized++;
    }),
    { numRuns: 1000, seed: 20261123 },
  );
  // Both outcomes must be exercised, or the generator has drifted into testing nothing.
  expect(synthesized).toBeGreaterThan(50);
  expect(refused).toBeGreaterThan(50);
});

/** The same topologies on an existing network: a Shared VPC host's or the project's own, with existing parts. */
const estate = fc
  .tuple(
    topology,
    fc.constantFrom('net-host-prod', undefined, 'acme-prod'),
    maybe(
      fc.constantFrom(
        'projects/net-host-prod/locations/asia-northeast1/connectors/shared-conn',
        'projects/acme-prod/locations/us-central1/connectors/c',
      ),
    ),
    maybe(fc.constantFrom('projects/net-host-prod/managedZones/team-internal', 'projects/acme-prod/managedZones/lb-zone')),
    maybe(fc.constant('kcc-prod@acme-prod.iam.gserviceaccount.com')),
  )
  .map(([t, project, connector, zone, kcc]: any[]) => ({
    ...t,
    projectNumber: '123456789012',
    network: {
      ...t.network,
      ...(project !== undefined ? { project } : {}),
      existing: true,
      subnets: {
        workload: { name: 'ilb-frontends', cidr: '10.128.0.0/24' },
        directVpc: { name: 'run-egress', cidr: '10.130.0.0/22' },
        connector: { name: 'run-conn', cidr: '10.132.0.0/28' },
        proxyOnly: { name: 'proxy-only', cidr: '10.129.0.0/23' },
      },
      ...(connector !== undefined ? { connector: { ...t.network.connector, existing: connector } } : {}),
    },
    ...(zone !== undefined ? { dns: { domain: 'internal.acme.example', zone: { existing: zone } } } : {}),
    ...(kcc !== undefined ? { delivery: { ...t.delivery, createNamespace: true, configConnectorServiceAccount: kcc } } : {}),
    ...(kcc !== undefined && !t.namespace ? { namespace: 'config-connector' } : {}),
  }));

test('on an existing network or a Shared VPC, the same holds, and enough of them synthesize', () => {
  let synthesized = 0;
  let shared = 0;
  fc.assert(
    fc.property(estate, (t: any) => {
      if (checkOutcome(t) !== 'synthesized') return;
      synthesized++;
      if (t.network.project === 'net-host-prod') shared++;
    }),
    { numRuns: 600, seed: 20261201 },
  );
  // The random services refuse most drawn topologies; enough must synthesize, Shared VPC ones among them.
  expect(synthesized).toBeGreaterThan(15);
  expect(shared).toBeGreaterThan(5);
});
