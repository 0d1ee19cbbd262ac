import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from '../../src/cli/run';
import { synthesizeTopology } from '../../src/synth';
import { expectValidCrds } from '../helpers/crd';
import { tempDir } from '../helpers/temp';
import { baseTopology, find, synth } from '../helpers/synth';

// Issue 11 item 11: what Google documents about connectors and Direct VPC at run time is said as warnings, which
// never stop synthesis, and the startup probe the Direct VPC warning asks for can be written in the topology.
describe('runtime warnings', () => {
  test('the default topology without its machine type and probe gets both warnings, and still synthesizes (exit 0)', async () => {
    // The shipped default sets both (it synthesizes without warnings); take them away.
    const topology = parse(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'));
    delete topology.network.connector;
    delete topology.services[0].startupProbe;
    const result = synthesizeTopology(topology);
    expect(result.files.length).toBeGreaterThan(0);
    const warnings = result.findings.filter((f) => f.severity === 'warning').map((f) => `${f.ruleId} ${f.path}`);
    expect(warnings).toEqual([
      'connector-machine-type-for-load network.connector.machineType',
      'direct-vpc-needs-startup-probe services[0].probes.startup',
    ]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(synthesizeTopology(parse(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'))).findings).toEqual([]);

    const dir = tempDir('warn');
    const file = join(dir, 'topology.yaml');
    writeFileSync(file, stringify(topology));
    const err: string[] = [];
    const code = await runCli(['synth', '--topology', file, '--out', join(dir, 'dist')], {
      out: () => undefined,
      err: (l) => err.push(l),
      env: {},
    });
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/network\.connector\.machineType: warning: .*e2-micro.*\(fix: .*e2-standard-4/);
    // Each warning links its rule page, which cites Google's documentation.
    for (const f of result.findings) expect(f.docUrl).toBe(`docs/rules/${f.ruleId}.md`);
  });

  test('an internet-bound Direct VPC service is warned about NAT cold starts, not refused', () => {
    const t = baseTopology();
    t.services[0].egress = { via: 'direct-vpc', route: 'all-traffic' };
    t.services[0].internet = true;
    const result = synthesizeTopology(t);
    expect(result.files.length).toBeGreaterThan(0);
    expect(result.findings.find((f) => f.ruleId === 'direct-vpc-nat-cold-start')).toMatchObject({
      severity: 'warning',
      path: 'services[0].egress.via',
    });
  });
});

describe('startup probe', () => {
  const probe = { path: '/ready', periodSeconds: 10, failureThreshold: 12 };

  test('Knative: an HTTP startup probe on the container port, and the warning goes away', () => {
    const t = baseTopology();
    t.services[0].startupProbe = probe;
    const { objects } = synth(t);
    expectValidCrds(objects);
    const container = find(objects, 'Service', 'client-service').spec.template.spec.containers[0];
    expect(container.startupProbe).toEqual({ httpGet: { path: '/ready' }, periodSeconds: 10, failureThreshold: 12 });
    expect(find(objects, 'Service', 'server-service').spec.template.spec.containers[0].startupProbe).toBeUndefined();
    expect(synthesizeTopology(t).findings.filter((f) => f.ruleId === 'direct-vpc-needs-startup-probe')).toEqual([]);
  });

  test('Config Connector: the same probe on the RunService container', () => {
    const t = baseTopology();
    t.delivery = { cloudRun: 'config-connector' };
    t.services[0].startupProbe = { path: '/healthz' };
    const { objects } = synth(t);
    expectValidCrds(objects);
    expect(find(objects, 'RunService', 'client-service').spec.template.containers[0].startupProbe).toEqual({
      httpGet: { path: '/healthz' },
    });
  });

  test.each([
    [{ path: 'ready' }],
    [{ path: '/ready', periodSeconds: 241 }],
    [{ path: '/ready', failureThreshold: 0 }],
    [{ periodSeconds: 10 }],
  ])('%j is refused', (bad) => {
    const t = baseTopology();
    t.services[0].startupProbe = bad;
    const result = synthesizeTopology(t);
    expect(result.files).toEqual([]);
    expect(result.findings.some((f) => f.severity === 'error' && f.path.startsWith('services[0].startupProbe'))).toBe(true);
  });
});
