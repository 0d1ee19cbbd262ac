import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { parseTopology } from '../../src/input/load';
import { PrivateTopology } from '../../src/topology/private-topology';
import { RunnelChart } from '../../src/delivery/runnel-chart';
import { benchTopology } from '../../bench/topology';
import { Obj, synth } from '../helpers/synth';
import { topologyFiles } from '../../src/synth';
import { isGcloudFile } from '../../src/names';

const WAVE = 'argocd.argoproj.io/sync-wave';
const golden = (name: string) =>
  parseTopology(readFileSync(join(__dirname, '..', 'golden', name, 'topology.yaml'), 'utf8'), 'topology.yaml').input as any;
const kubernetesObjects = (spec: any): Obj[] =>
  synth(spec)
    .files.filter((f) => !f.gcloud)
    .flatMap((f) => f.objects as Obj[]);
const key = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** A user's own app: their chart (with its own namespace and labels), the topology inside it. */
function userApp(spec: any, outdir = 'unused'): { app: App; topology: PrivateTopology } {
  const app = new App({ outdir });
  const chart = new Chart(app, 'platform', { namespace: 'team-a', labels: { team: 'a' } });
  const topology = new PrivateTopology(chart, 'net', { spec });
  return { app, topology };
}

const topologies: Array<[string, any]> = [
  ['the default topology', parseTopology(readFileSync(join(__dirname, '..', '..', 'topology.yaml'), 'utf8'), 'topology.yaml').input],
  ['namespaced Config Connector mode', golden('config-connector')],
  ['a Shared VPC', golden('shared-vpc')],
  ['private backends', golden('private-backends')],
  ['60 services behind one shared load balancer', benchTopology(60, { loadBalancing: 'shared' })],
];

describe.each(topologies)('%s in a user’s own cdk8s chart', (_name, spec) => {
  // What a cluster applies: the CLI's dist/, without the gcloud files (Knative Services), which a cdk8s synthesis leaves out too.
  const cli = kubernetesObjects(spec);
  const cliByKey = new Map(cli.map((o) => [key(o), o]));

  test('app.synthYaml() gives exactly the CLI’s objects, names and sync waves, byte for byte as JSON', () => {
    const { app } = userApp(spec);
    const objects = parseAllDocuments(app.synthYaml()).map((d) => d.toJSON() as Obj);
    expect(objects.map(key).sort()).toEqual(cli.map(key).sort());
    // Not only the same waves: the same objects, the annotation in the same place (last), so the YAML is the same.
    for (const o of objects) expect(JSON.stringify(o)).toBe(JSON.stringify(cliByKey.get(key(o))));
    const waves = objects.filter((o) => o.metadata.annotations?.[WAVE] !== undefined);
    expect(waves.length).toBeGreaterThan(3);
    expect(new Set(waves.map((o) => o.metadata.annotations[WAVE])).size).toBeGreaterThan(2);
  });

  test('each chart’s own toJson(), the first thing synthesized, carries the waves too', () => {
    const { topology } = userApp(spec);
    const charts = topology.node.findAll().filter(RunnelChart.isRunnelChart);
    // The last chart first: its waves depend on objects of other charts not yet rendered.
    const objects = charts.reverse().flatMap((c) => c.toJson() as Obj[]);
    expect(objects.length).toBe(cli.length);
    expect(objects.filter((o) => o.metadata.annotations?.[WAVE] !== undefined).length).toBeGreaterThan(3);
    for (const o of objects)
      expect([key(o), o.metadata.annotations?.[WAVE]]).toEqual([key(o), cliByKey.get(key(o))!.metadata.annotations?.[WAVE]]);
  });
});

test('app.synth() writes the waves into the user’s files, and synthesizing twice adds nothing twice', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'runnel-user-app-'));
  try {
    const spec = topologies[0][1];
    const { app } = userApp(spec, outdir);
    app.synth();
    app.synth();
    const objects = readdirSync(outdir).flatMap((f) =>
      parseAllDocuments(readFileSync(join(outdir, f), 'utf8')).map((d) => d.toJSON() as Obj),
    );
    const cli = new Map(kubernetesObjects(spec).map((o) => [key(o), o]));
    expect(objects.length).toBe(cli.size);
    for (const o of objects) expect(o).toEqual(cli.get(key(o)));
    const network = objects.find((o) => o.kind === 'ComputeNetwork')!;
    const subnet = objects.find((o) => o.kind === 'ComputeSubnetwork')!;
    expect(Number(subnet.metadata.annotations[WAVE])).toBeGreaterThan(Number(network.metadata.annotations[WAVE]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('topologyFiles: the gcloud files and TOPOLOGY.md of a topology in a user’s chart, as the CLI writes them', () => {
  const spec = topologies[0][1];
  const { app, topology } = userApp(spec);
  app.synthYaml(); // the user's own synthesis first: the files do not depend on the order
  const cli = synth(spec).files;
  const { gcloud, topologyMarkdown } = topologyFiles(topology);
  expect(gcloud.map((f) => f.path)).toEqual(cli.filter((f) => isGcloudFile(f.path)).map((f) => f.path));
  expect(gcloud.map((f) => f.path)).toContain('cloud-run-iam/server-service.yaml');
  expect(gcloud.map((f) => f.content)).toEqual(cli.filter((f) => isGcloudFile(f.path)).map((f) => f.content));
  expect(topologyMarkdown).toEqual(cli.find((f) => f.path === 'TOPOLOGY.md'));
  const broken = userApp({ ...spec, services: [{ name: 'a', image: 'img', calls: ['b'] }] }).topology;
  expect(() => topologyFiles(broken)).toThrow(/calls "b"/);
});

test('Knative mode: the user’s own synthesis leaves out the Knative Services, which topologyFiles gives (for gcloud)', () => {
  const spec = topologies[0][1];
  expect(spec.delivery?.cloudRun ?? 'knative').toBe('knative');
  const { app, topology } = userApp(spec);
  const objects = parseAllDocuments(app.synthYaml()).map((d) => d.toJSON() as Obj);
  expect(objects.filter((o) => o.apiVersion === 'serving.knative.dev/v1')).toEqual([]);
  expect(objects.filter((o) => o.kind === 'ComputeForwardingRule').length).toBeGreaterThan(0);
  const services = topologyFiles(topology).gcloud.filter((f) => f.path.startsWith('cloud-run/'));
  expect(services.map((f) => f.objects[0].apiVersion)).toEqual([
    'serving.knative.dev/v1',
    'serving.knative.dev/v1',
    'serving.knative.dev/v1',
  ]);
  expect(services.map((f) => f.content)).toEqual(
    synth(spec)
      .files.filter((f) => f.path.startsWith('cloud-run/'))
      .map((f) => f.content),
  );
});
