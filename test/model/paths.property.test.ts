import fc from 'fast-check';
import { validateTopology } from '../../src/validate/engine';
import { declaredPaths, PathProof } from '../../src/model/paths';
import { Finding } from '../../src/finding';

const NAMES = ['client-service', 'server-service', 'batch', 'api', 'worker'];
const IMAGE = 'asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0';

/** Topologies that vary exactly what the paths depend on: egress, route, ingress, access, zones, PGA, HTTPS, backends. */
const topology = fc
  .record({
    services: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...NAMES),
        via: fc.constantFrom('none', 'connector', 'direct-vpc'),
        route: fc.constantFrom('private-ranges-only', 'all-traffic'),
        ingress: fc.constantFrom('all', 'internal', 'internal-and-cloud-load-balancing'),
        access: fc.constantFrom('load-balancer', 'private-google-access'),
        https: fc.boolean(),
        internet: fc.boolean(),
        calls: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
        uses: fc.uniqueArray(fc.constantFrom('cache', 'db', 'far'), { maxLength: 2 }),
      }),
      { minLength: 2, maxLength: 5, selector: (s) => s.name },
    ),
    domain: fc.boolean(),
    runApp: fc.boolean(),
    psc: fc.boolean(),
    pgaDirect: fc.boolean(),
    pgaConnector: fc.boolean(),
    nat: fc.boolean(),
  })
  .map((g) => {
    const services = g.services.map((s) => ({
      name: s.name,
      image: IMAGE,
      ingress: s.ingress,
      egress: s.via === 'none' ? { via: 'none' } : { via: s.via, route: s.route },
      ...(s.via === 'direct-vpc' ? { startupProbe: { path: '/ready' } } : {}),
      internet: s.internet,
      access: s.access,
      ...(s.access === 'load-balancer' && s.https
        ? { loadBalancer: { https: { sslCertificate: 'projects/acme-prod/regions/asia-northeast1/sslCertificates/c' } } }
        : {}),
      calls: s.calls.filter((c) => c !== s.name && g.services.some((o) => o.name === c)),
      uses: s.uses,
    }));
    return {
      project: 'acme-prod',
      projectNumber: '123456789012',
      region: 'asia-northeast1',
      network: {
        name: 'run-vpc',
        connector: { machineType: 'e2-standard-4' },
        nat: { enabled: g.nat },
        subnets: { directVpc: { privateGoogleAccess: g.pgaDirect }, connector: { privateGoogleAccess: g.pgaConnector } },
      },
      ...(g.domain || g.runApp
        ? { dns: { ...(g.domain ? { domain: 'internal.acme.example' } : {}), ...(g.runApp ? { runApp: true } : {}) } }
        : {}),
      ...(g.psc ? { googleApis: { privateServiceConnect: { address: '10.99.0.5' } } } : {}),
      services,
      backends: [
        { name: 'cache', redis: {} },
        { name: 'db', endpoint: { host: '10.40.0.5', port: 5432 } },
        { name: 'far', endpoint: { host: '35.1.2.3', port: 5432 } },
      ],
    };
  });

/** Where check reports a broken hop: the rule the hop names, or declared-path-is-proven, at the hop's field. */
function reportOf(p: PathProof, findings: readonly Finding[]): Finding | undefined {
  const b = p.broken!.broken!;
  return findings.find((f) => f.path === b.path && f.ruleId === (b.reportedBy ?? 'declared-path-is-proven'));
}

test('for every generated topology check accepts, every declared call and use is proven (or reported as a warning)', () => {
  let proven = 0;
  fc.assert(
    fc.property(topology, (t) => {
      const { findings, model } = validateTopology(t);
      if (!model || findings.some((f) => f.severity === 'error')) return;
      // The paths that break the property, asserted empty once per topology (expect() costs ~0.1 ms a call).
      const wrong: Array<{ path: PathProof; problem: string }> = [];
      for (const p of declaredPaths(model)) {
        if ((p.reachable && p.authorized) !== true) wrong.push({ path: p, problem: 'not reachable and authorized' });
        if (p.private) proven++;
        // A path that is reachable but not private is refused unless a warning says so at the broken hop.
        else if (reportOf(p, findings)?.severity !== 'warning')
          wrong.push({ path: p, problem: 'not private, and no warning at the broken hop' });
      }
      expect(wrong).toEqual([]);
    }),
    { numRuns: 300, seed: 17 },
  );
  expect(proven).toBeGreaterThan(50);
});

test('for every generated topology whose declared path breaks, check names the broken hop with its fix', () => {
  let broken = 0;
  fc.assert(
    fc.property(topology, (t) => {
      const { findings, model } = validateTopology(t);
      if (!model) return;
      const unnamed: PathProof[] = [];
      for (const p of declaredPaths(model).filter((x) => x.broken)) {
        broken++;
        const f = reportOf(p, findings);
        // A finding with a fix: toBeDefined, then a fix.length above 0, as asked of each before.
        if (f === undefined || !(typeof f.fix.length === 'number' && f.fix.length > 0)) unnamed.push(p);
      }
      expect(unnamed).toEqual([]);
    }),
    { numRuns: 300, seed: 18 },
  );
  expect(broken).toBeGreaterThan(50);
});

/** Mutations that break a proven call, and the hop each must be found broken at. */
const MUTATIONS: Array<{ name: string; hop: string; apply: (t: any, caller: any, callee: any) => boolean }> = [
  {
    name: 'the caller loses VPC egress',
    hop: 'egress',
    apply: (_t, caller, callee) => {
      caller.egress = { via: 'none' };
      delete caller.startupProbe;
      // ingress all at run.app: reachable over the internet, still broken (not private) at the egress hop.
      return callee !== undefined;
    },
  },
  {
    name: 'the callee serves HTTPS without the private zone',
    hop: 'dns',
    apply: (t, _caller, callee) => {
      if (callee.access !== 'load-balancer') return false;
      callee.loadBalancer = { https: { sslCertificate: 'projects/acme-prod/regions/asia-northeast1/sslCertificates/c' } };
      if (t.dns) delete t.dns.domain;
      return true;
    },
  },
  {
    name: 'Private Google Access goes off on the caller subnet of an all-traffic run.app call',
    hop: 'subnet',
    apply: (t, caller, callee) => {
      if (callee.access !== 'private-google-access' || caller.egress.route !== 'all-traffic' || caller.egress.via === 'none') return false;
      t.network.subnets[caller.egress.via === 'connector' ? 'connector' : 'directVpc'].privateGoogleAccess = false;
      return true;
    },
  },
];

/**
 * validateTopology of a generated topology, by its JSON text. The mutation tests share one seed, so each meets
 * the same 600 topologies: each is validated once, not once per mutation. Validation leaves its input as it was
 * (asserted), so a remembered result is the result.
 */
const validatedBefore = new Map<string, ReturnType<typeof validateTopology>>();
function validateOnce(t: unknown): ReturnType<typeof validateTopology> {
  const key = JSON.stringify(t);
  let result = validatedBefore.get(key);
  if (!result) {
    result = validateTopology(t);
    const after = JSON.stringify(t);
    if (after !== key) expect(after).toBe(key);
    validatedBefore.set(key, result);
  }
  return result;
}

test.each(MUTATIONS.map((m) => [m.name, m] as const))('mutation: %s breaks the call at its hop, and check names it', (_n, mutation) => {
  let applied = 0;
  fc.assert(
    fc.property(topology, fc.nat(), (t, pick) => {
      const before = validateOnce(t);
      if (!before.model || before.findings.some((f) => f.severity === 'error')) return;
      const calls = declaredPaths(before.model).filter((p) => p.kind === 'call' && !p.broken);
      if (calls.length === 0) return;
      const target = calls[pick % calls.length];
      const copy = JSON.parse(JSON.stringify(t));
      const caller = copy.services.find((s: any) => s.name === target.from);
      const callee = copy.services.find((s: any) => s.name === target.to);
      if (!mutation.apply(copy, caller, callee)) return;
      applied++;
      const after = validateTopology(copy);
      const p = declaredPaths(after.model!).find((x) => x.from === target.from && x.to === target.to)!;
      expect(p.broken?.kind).toBe(mutation.hop);
      expect(reportOf(p, after.findings)).toBeDefined();
    }),
    { numRuns: 600, seed: 19 },
  );
  // Each mutation meets enough valid topologies it applies to for the property to mean something.
  expect(applied).toBeGreaterThan(2);
});
