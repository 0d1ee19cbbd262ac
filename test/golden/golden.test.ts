import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseTopology } from '../../src/input/load';
import { readServiceManifests } from '../../src/input/service-manifest';
import { synthesizeTopology } from '../../src/synth';
import { checkReferences } from '../../src/delivery/references';
import { expectValidCrds } from '../helpers/crd';
import { synth } from '../helpers/synth';

// Whole-output snapshots, reviewed like code. Regenerate with: UPDATE_GOLDEN=1 npx jest test/golden
const scenarios = readdirSync(__dirname, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(scenarios)('golden scenario %s', (scenario) => {
  const dir = join(__dirname, scenario);
  const loaded = parseTopology(readFileSync(join(dir, 'topology.yaml'), 'utf8'), 'topology.yaml');
  // Services' own manifests (services[].manifest) are read relative to the topology, as the CLI reads them.
  const { files, objects } = synth(loaded.input, readServiceManifests(loaded.input, dir));
  const rendered = files.map((f) => `### ${f.path}\n${f.content}`).join('\n');

  test('matches expected.yaml', () => {
    const expectedPath = join(dir, 'expected.yaml');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, rendered);
    if (!existsSync(expectedPath)) throw new Error(`test/golden/${scenario}/expected.yaml is missing: UPDATE_GOLDEN=1 npx jest test/golden`);
    const expected = readFileSync(expectedPath, 'utf8');
    if (expected !== rendered) {
      throw new Error(`test/golden/${scenario}/expected.yaml differs from the output. Review the change, then regenerate: UPDATE_GOLDEN=1 npx jest test/golden`);
    }
  });

  test('validates strictly and resolves every reference', () => {
    expectValidCrds(objects);
    expect(checkReferences(objects)).toEqual([]);
  });
});

test('private-google-access: the caller gets the deterministic run.app URL, no load balancer exists', () => {
  const loaded = parseTopology(readFileSync(join(__dirname, 'private-google-access', 'topology.yaml'), 'utf8'), 'topology.yaml');
  const { objects } = synth(loaded.input);
  expect(objects.filter((o) => o.kind === 'ComputeForwardingRule')).toEqual([]);
  const frontend = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'frontend')!;
  expect(frontend.spec.template.spec.containers[0].env).toContainEqual({ name: 'ORDERS_URL', value: 'https://orders-123456789012.us-central1.run.app' });
  const subnet = objects.find((o) => o.kind === 'ComputeSubnetwork' && o.metadata.name === 'edge-run')!;
  expect(subnet.spec.privateIpGoogleAccess).toBe(true);
  const nat = objects.find((o) => o.kind === 'ComputeRouterNAT')!;
  expect(nat.spec.subnetwork.map((s: any) => s.subnetworkRef.name)).toEqual(['edge-run']);
  expect(objects.filter((o) => o.kind !== 'Service').every((o) => o.metadata.namespace === 'config-connector')).toBe(true);
});

test("exported-service: the export's own fields are kept as they were, server-set ones dropped, the networking runnel's", () => {
  const dir = join(__dirname, 'exported-service');
  const loaded = parseTopology(readFileSync(join(dir, 'topology.yaml'), 'utf8'), 'topology.yaml');
  const { objects } = synth(loaded.input, readServiceManifests(loaded.input, dir));
  const exported = parse(readFileSync(join(dir, 'services', 'checkout.yaml'), 'utf8'));
  const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'checkout')!;
  // Server-set fields are gone.
  expect(svc.status).toBeUndefined();
  for (const k of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'selfLink']) expect(svc.metadata[k]).toBeUndefined();
  expect(Object.keys(svc.metadata.annotations).sort()).toEqual(['acme.example/runbook', 'run.googleapis.com/ingress']);
  // Everything else of the revision is the export's, byte for byte in meaning.
  expect(svc.spec.template.spec).toEqual(exported.spec.template.spec);
  expect(svc.spec.traffic).toEqual(exported.spec.traffic);
  expect(svc.metadata.labels).toEqual(exported.metadata.labels);
  const { 'run.googleapis.com/client-name': _n, 'run.googleapis.com/client-version': _v, ...revisionAnnotations } = exported.spec.template.metadata.annotations;
  expect(svc.spec.template.metadata.annotations).toEqual(revisionAnnotations);
  // runnel's: the project as namespace (the export has the project number), and the account is the export's.
  expect(svc.metadata.namespace).toBe('acme-prod');
  expect(objects.filter((o) => o.kind === 'IAMServiceAccount')).toEqual([]);
  // The export's own startup probe answers the Direct VPC warning.
  const findings = synthesizeTopology(loaded.input, undefined, { manifests: readServiceManifests(loaded.input, dir) }).findings;
  expect(findings.map((f) => f.ruleId)).not.toContain('direct-vpc-needs-startup-probe');
});
