import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../../src/cli/run';
import { readServiceManifests } from '../../src/input/service-manifest';
import { tempDir } from '../helpers/temp';
import { Obj, synth } from '../helpers/synth';

// Issue 16 §3: `runnel import <dir>` writes a starting topology from exported Knative Services.

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out, err };
}

test('round trip: importing the Knative files runnel emitted gives a topology that synthesizes the same services', () => {
  // GIVEN the default topology's Knative output
  const original = synth(parse(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8')));
  const dir = tempDir('import');
  mkdirSync(join(dir, 'services'));
  const services = original.files.filter((f) => f.path.startsWith('cloud-run/'));
  expect(services.length).toBe(3);
  for (const f of services) writeFileSync(join(dir, 'services', f.path.replace('cloud-run/', '')), f.content);
  // WHEN imported
  const topologyFile = join(dir, 'topology.yaml');
  const result = run(['import', join(dir, 'services'), '--out', topologyFile]);
  expect(result.code).toBe(0);
  expect(result.err.join('\n')).toContain('not inferred: calls and uses');
  const imported = parse(readFileSync(topologyFile, 'utf8'));
  // THEN the topology says what it could infer
  expect(imported).toMatchObject({
    project: 'acme-prod',
    region: 'asia-northeast1',
    network: { name: 'run-vpc', connector: { name: 'run-vpc-conn' } },
  });
  const byName = Object.fromEntries(imported.services.map((s: Obj) => [s.name, s]));
  expect(byName['client-service']).toMatchObject({
    ingress: 'internal',
    egress: { via: 'direct-vpc', route: 'private-ranges-only' },
    manifest: 'services/client-service.yaml',
  });
  expect(byName['batch-service']).toMatchObject({
    egress: { via: 'connector', route: 'all-traffic' },
    scaling: { minInstances: 0, maxInstances: 5 },
  });
  expect(byName['client-service'].env).toHaveProperty('SERVER_SERVICE_URL');
  // AND it synthesizes the same Cloud Run services
  const again = synth(imported, readServiceManifests(imported, dir));
  const knative = (objects: Obj[]) =>
    Object.fromEntries(objects.filter((o) => o.apiVersion === 'serving.knative.dev/v1').map((o) => [o.metadata.name, o]));
  expect(knative(again.objects)).toEqual(knative(original.objects));
});

test('an export naming the project by number: the topology says so, and import says what to set', () => {
  const dir = tempDir('import');
  writeFileSync(
    join(dir, 'api.yaml'),
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: api, namespace: "123456789012", labels: {cloud.googleapis.com/location: us-central1}}\nspec: {template: {spec: {containers: [{image: us-docker.pkg.dev/acme/api:1}]}}}\n',
  );
  writeFileSync(join(dir, 'notes.yaml'), 'just: a note\n');
  const out = join(dir, 'topology.yaml');
  const result = run(['import', dir, '--out', out]);
  expect(result.code).toBe(0);
  const t = parse(readFileSync(out, 'utf8'));
  expect(t).toMatchObject({ project: 'REPLACE-ME', projectNumber: '123456789012', network: { name: 'REPLACE-ME' } });
  // No ingress annotation: Cloud Run's default, all, written out.
  expect(t.services[0]).toMatchObject({ name: 'api', ingress: 'all', manifest: 'api.yaml' });
  const err = result.err.join('\n');
  expect(err).toContain('by number (123456789012)');
  expect(err).toContain('skipped');
  expect(err).toContain('set network.name');
  // An existing topology is not overwritten.
  expect(run(['import', dir, '--out', out]).code).toBe(2);
});

test('a folder without services exits 1; a missing folder 2', () => {
  const dir = tempDir('import');
  expect(run(['import', dir, '--out', join(dir, 't.yaml')]).code).toBe(1);
  expect(run(['import', join(dir, 'nope'), '--out', join(dir, 't.yaml')]).code).toBe(2);
});
