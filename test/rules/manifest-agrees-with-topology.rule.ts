import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from '../../src/cli/run';
import { validateTopology } from '../../src/validate/engine';
import { readServiceManifests } from '../../src/input/service-manifest';
import { manifestAgreesWithTopology } from '../../src/rules/manifest-agrees-with-topology';
import { tempDir } from '../helpers/temp';

// Issue 16 §2: a manifest that sets a networking field against the topology is refused, naming both places.
const EXPORT = readFileSync(join(__dirname, '..', 'golden', 'exported-service', 'services', 'checkout.yaml'), 'utf8');
const TOPOLOGY = readFileSync(join(__dirname, '..', 'golden', 'exported-service', 'topology.yaml'), 'utf8');

/** Writes the topology and its manifest into a folder; returns the topology file. */
function write(mutateTopology: (t: any) => void, mutateManifest: (m: any) => void): { dir: string; file: string; topology: any } {
  const dir = tempDir('manifest');
  mkdirSync(join(dir, 'services'));
  const manifest = parse(EXPORT);
  mutateManifest(manifest);
  writeFileSync(join(dir, 'services', 'checkout.yaml'), stringify(manifest));
  const topology = parse(TOPOLOGY);
  mutateTopology(topology);
  const file = join(dir, 'topology.yaml');
  writeFileSync(file, stringify(topology));
  return { dir, file, topology };
}

function findingsOf(t: { dir: string; topology: any }) {
  return validateTopology(t.topology, readServiceManifests(t.topology, t.dir)).findings.filter(
    (f) => f.ruleId === manifestAgreesWithTopology.id,
  );
}

const none = () => {};

describe('rule manifest-agrees-with-topology', () => {
  test.each([
    ['the export as it is', none, none],
    [
      'a manifest without the networking annotations (runnel writes them)',
      none,
      (m: any) => delete m.spec.template.metadata.annotations['run.googleapis.com/network-interfaces'],
    ],
  ])('valid: %s', (_n, t, m) => {
    expect(findingsOf(write(t, m))).toEqual([]);
  });

  test.each([
    [
      'its own ingress against the topology',
      none,
      (m: any) => (m.metadata.annotations['run.googleapis.com/ingress'] = 'all'),
      'services[0].ingress',
      /services\/checkout\.yaml" metadata\.annotations\["run\.googleapis\.com\/ingress"\] is "all", but services\[0\]\.ingress gives "internal"/,
    ],
    [
      'its own connector while the topology says Direct VPC',
      none,
      (m: any) =>
        (m.spec.template.metadata.annotations['run.googleapis.com/vpc-access-connector'] =
          'projects/acme-prod/locations/us-central1/connectors/legacy'),
      'services[0].egress.via',
      /vpc-access-connector/,
    ],
    [
      'another route',
      none,
      (m: any) => (m.spec.template.metadata.annotations['run.googleapis.com/vpc-access-egress'] = 'all-traffic'),
      'services[0].egress.route',
      /all-traffic/,
    ],
    [
      'another account than the topology names',
      (t: any) => (t.services[0].serviceAccount = 'other@acme-prod.iam.gserviceaccount.com'),
      none,
      'services[0].serviceAccount',
      /checkout@/,
    ],
    [
      'another image',
      none,
      (m: any) => (m.spec.template.spec.containers[0].image = 'us-central1-docker.pkg.dev/acme-prod/run/checkout:3.13.0'),
      'services[0].image',
      /3\.13\.0/,
    ],
    [
      'another scaling bound',
      none,
      (m: any) => (m.spec.template.metadata.annotations['autoscaling.knative.dev/maxScale'] = '10'),
      'services[0].scaling.maxInstances',
      /"10"/,
    ],
    ['another service', none, (m: any) => (m.metadata.name = 'cart'), 'services[0].name', /"cart"/],
    [
      'a RunService in Knative format',
      none,
      (m: any) => Object.assign(m, { apiVersion: 'run.cnrm.cloud.google.com/v1beta1', kind: 'RunService' }),
      'services[0].manifest',
      /RunService/,
    ],
  ])('invalid: %s', (_n, t, m, path, message) => {
    const written = write(t, m);
    const found = findingsOf(written);
    expect(found.map((f) => f.path)).toContain(path);
    const finding = found.find((f) => f.path === path)!;
    expect(finding.message).toMatch(message);
    expect(finding.fix.length).toBeGreaterThan(5);
    // The CLI refuses it and writes nothing.
    const err: string[] = [];
    const out = join(written.dir, 'dist');
    const code = runCli(['synth', '--topology', written.file, '--out', out], { out: () => undefined, err: (l) => err.push(l), env: {} });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain(`${path}: `);
  });

  test('invalid: a manifest that does not exist', () => {
    const written = write((t) => (t.services[0].manifest = 'services/missing.yaml'), none);
    expect(findingsOf(written).map((f) => [f.path, f.message])).toEqual([
      ['services[0].manifest', expect.stringContaining('cannot read "services/missing.yaml": ENOENT')],
    ]);
  });

  test('Config Connector format: a RunService with its own ingress is refused', () => {
    const written = write(
      (t) => (t.delivery = { cloudRun: 'config-connector' }),
      (m) => {
        for (const k of Object.keys(m)) delete m[k];
        Object.assign(m, {
          apiVersion: 'run.cnrm.cloud.google.com/v1beta1',
          kind: 'RunService',
          metadata: { name: 'checkout' },
          spec: {
            ingress: 'INGRESS_TRAFFIC_ALL',
            template: { containers: [{ image: 'us-central1-docker.pkg.dev/acme-prod/run/checkout:3.14.0' }] },
          },
        });
      },
    );
    expect(findingsOf(written).map((f) => f.path)).toEqual(['services[0].ingress']);
  });
});
