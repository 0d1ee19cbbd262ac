import { parse } from 'yaml';
import { runBuilt, runOn } from '../helpers/cli-run';
import { baseTopology } from '../helpers/synth';
import { withoutNulls } from '../../src/input/nulls';

/** Each case sets one nullable field to null; null means absent, so each behaves as the base topology does. */
const NULLS: Array<[string, (t: any) => void]> = [
  [
    'services[].serviceAccount',
    (t) => {
      t.services[0].serviceAccount = null;
    },
  ],
  [
    'dns.domain',
    (t) => {
      t.dns = { domain: null };
    },
  ],
  [
    'dns.zoneName and runApp',
    (t) => {
      t.dns = { domain: 'internal.acme.example', zoneName: null, runApp: null };
    },
  ],
  [
    'namespace',
    (t) => {
      t.namespace = null;
    },
  ],
  [
    'projectNumber',
    (t) => {
      t.projectNumber = null;
    },
  ],
  [
    'network.subnets',
    (t) => {
      t.network.subnets = null;
    },
  ],
  [
    'network.subnets.workload.cidr',
    (t) => {
      t.network.subnets = { workload: { cidr: null, name: null } };
    },
  ],
  [
    'network.connector',
    (t) => {
      t.network.connector = null;
    },
  ],
  [
    'network.nat.name',
    (t) => {
      t.network.nat = { name: null, routerName: null, enabled: null };
    },
  ],
  [
    'network.privateServiceAccess',
    (t) => {
      t.network.privateServiceAccess = { name: null, cidr: null };
    },
  ],
  [
    'services[].egress',
    (t) => {
      t.services[1].egress = null;
    },
  ],
  [
    'services[].egress.route',
    (t) => {
      t.services[0].egress.route = null;
    },
  ],
  [
    'services[].scaling bounds',
    (t) => {
      t.services[0].scaling = { minInstances: null, maxInstances: null };
    },
  ],
  [
    'services[].env',
    (t) => {
      t.services[0].env = null;
    },
  ],
  [
    'services[].env value',
    (t) => {
      t.services[0].env = { LOG_LEVEL: null };
    },
  ],
  [
    'services[].secrets',
    (t) => {
      t.services[0].secrets = null;
    },
  ],
  [
    'services[].secrets version',
    (t) => {
      t.services[0].secrets = { API_KEY: { secret: 'api-key', version: null } };
    },
  ],
  [
    'services[].calls',
    (t) => {
      t.services[1].calls = null;
    },
  ],
  [
    'services[].loadBalancer.https',
    (t) => {
      t.services[1].loadBalancer = { address: null, https: null, http: null };
    },
  ],
  [
    'services[].ingress, access, port, public, internet',
    (t) => {
      Object.assign(t.services[1], { access: null, port: null, public: null, internet: null });
    },
  ],
  [
    'backends',
    (t) => {
      t.backends = null;
    },
  ],
  [
    'backends[].redis fields',
    (t) => {
      t.backends = [
        {
          name: 'cache',
          redis: { tier: null, memorySizeGb: null, version: null, connectMode: null, reservedRange: null },
          host: null,
          env: null,
        },
      ];
    },
  ],
  [
    'secrets',
    (t) => {
      t.secrets = null;
    },
  ],
  [
    'googleApis',
    (t) => {
      t.googleApis = null;
    },
  ],
  [
    'googleApis PSC name',
    (t) => {
      t.googleApis = { privateServiceConnect: { name: null, address: '10.255.255.254' } };
    },
  ],
  [
    'delivery',
    (t) => {
      t.delivery = null;
    },
  ],
  [
    'delivery fields',
    (t) => {
      t.delivery = { cloudRun: null, createNamespace: null, abandonStateful: null, argocd: null };
    },
  ],
  [
    'delivery.argocd optional fields',
    (t) => {
      t.delivery = {
        argocd: {
          repoURL: 'https://git.example/acme/run.git',
          targetRevision: null,
          path: null,
          project: null,
          namespace: null,
          name: null,
        },
      };
    },
  ],
];

describe('a null field means the field is absent', () => {
  test.each(NULLS)('%s: check, check --json and synth never crash, and agree', async (_name, mutate) => {
    const t = baseTopology();
    mutate(t);
    const check = await runOn('check', t);
    const json = await runOn('check', t, ['--json']);
    const synth = await runOn('synth', t);
    expect([check.code, json.code, synth.code]).not.toContain(3);
    expect(check.err).not.toMatch(/internal error|Cannot read/);
    expect(JSON.parse(json.out).findings).toEqual(expect.any(Array));
    expect(synth.code).toBe(check.code);
    // Absent: the same findings as without the field at all.
    const absent = parse(JSON.stringify(withoutNulls(t)));
    expect((await runOn('check', absent, ['--json'])).out.replace(/"source": "[^"]*"/, '')).toBe(json.out.replace(/"source": "[^"]*"/, ''));
  });

  // Both reproducers in one topology: a crash on either null fails the exit code, so three starts of the bundle
  // prove what six did (each start costs ~0.3 s of CPU before the command runs). Each null alone, in process, above.
  test('the issue reproducers (serviceAccount: null, dns: {domain: null}) through the built CLI: check, --json and synth exit 0', () => {
    const t = baseTopology();
    t.services[0].serviceAccount = null;
    t.dns = { domain: null };
    for (const [command, extra] of [
      ['check', []],
      ['check', ['--json']],
      ['synth', []],
    ] as const) {
      const r = runBuilt(command, t, extra);
      expect(r.err).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
    }
  });

  test('serviceAccount: null is the derived account, as if unwritten', async () => {
    const t = baseTopology();
    t.services[0].serviceAccount = null;
    expect((await runOn('synth', t)).code).toBe(0);
  });

  test('nulls inside lists are not absences: the schema refuses them', async () => {
    const t = baseTopology();
    t.services[0].calls = [null];
    const r = await runOn('check', t);
    expect(r.code).toBe(1);
    expect(r.err).toContain('services[0].calls[0]');
  });

  test('withoutNulls keeps a __proto__ key a plain field and never mutates its input', () => {
    const input = JSON.parse('{"a": null, "b": {"__proto__": {"x": 1}, "c": null}, "d": [null, {"e": null}]}');
    const out = withoutNulls(input) as any;
    expect(Object.keys(out)).toEqual(['b', 'd']);
    expect(Object.keys(out.b)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(out.b)).toBe(Object.prototype);
    expect(out.d).toEqual([null, {}]);
    expect(input.a).toBeNull();
  });
});
