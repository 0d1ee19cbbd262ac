import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { parse } from 'yaml';
import { PrivateTopology, renderFiles } from '../src';
import { expectValidCrds } from './helpers/crd';
import { synth } from './helpers/synth';
import { checkReferences } from '../src/delivery/references';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

test("the README's topology example synthesizes CRD-valid output with the load balancer and the injected URL", () => {
  const block = /## The topology file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1];
  const { objects } = synth(parse(block));
  expectValidCrds(objects);
  const rule = objects.find((o) => o.kind === 'ComputeForwardingRule')!;
  const address = objects.find((o) => o.kind === 'ComputeAddress' && o.metadata.name === rule.spec.ipAddress.addressRef.name)!;
  const client = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'client-service')!;
  expect(client.spec.template.spec.containers[0].env).toEqual([{ name: 'SERVER_SERVICE_URL', value: `http://${address.spec.address}` }]);
});

test("the README's set-up commands are the ones package.json defines", () => {
  expect(readme).toContain('npm ci && node lib/runnel.js synth');
  expect(readme).toContain('npm test');
  const scripts = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).scripts;
  for (const s of ['synth', 'check', 'test', 'import', 'bench', 'build']) expect(scripts[s]).toBeDefined();
  // `npm ci` must leave lib/runnel.js built, and the synth script must be the README's command.
  expect(scripts.prepare).toBe('npm run build');
  expect(scripts.synth).toBe('node lib/runnel.js synth');
});

test('PrivateTopology from TypeScript: a broken spec builds nothing and fails synthesis with every finding', () => {
  const app = new App({ outdir: 'unused' });
  new PrivateTopology(app, 'prod', {
    spec: {
      project: 'acme-prod',
      region: 'asia-northeast1',
      network: { name: 'run-vpc' },
      services: [{ name: 'a', image: 'i', calls: ['b'] }],
    },
  });
  expect(() => renderFiles(app)).toThrow(/services\[0\]\.calls\[0\]: calls "b", which is not a service/);
});

test('every feature snippet of the README synthesizes CRD-valid output with every reference resolved', () => {
  const features = readme.slice(readme.indexOf('### Private backends'), readme.indexOf('### Validation'));
  const blocks = [...features.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBe(10);
  for (const block of blocks) {
    const { objects } = synth(parse(block));
    expectValidCrds(objects);
    expect(checkReferences(objects)).toEqual([]);
  }
});

test("the README's shared load balancer example: one forwarding rule per port, a host rule per callee", () => {
  const section = readme.slice(readme.indexOf('### One load balancer for every callee'), readme.indexOf('### Validation'));
  const { objects } = synth(parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]));
  expect(objects.filter((o) => o.kind === 'ComputeForwardingRule').map((o) => o.spec.portRange)).toEqual(['80', '443']);
  const urlMap = objects.find((o) => o.kind === 'ComputeURLMap')!;
  expect(urlMap.spec.hostRule.map((r: { hosts: string[] }) => r.hosts[0])).toEqual([
    'api.internal.acme.example',
    'orders.internal.acme.example',
  ]);
});

test("the README's delivery example synthesizes a Config Connector-only output with its Application", () => {
  const block = /## Delivery \(GitOps\)\n\n```yaml\n([\s\S]*?)```/.exec(readme)![1];
  const { files, objects } = synth(parse(block));
  expectValidCrds(objects);
  expect(checkReferences(objects)).toEqual([]);
  expect(
    objects
      .filter((o) => o.kind === 'RunService')
      .map((o) => o.metadata.name)
      .sort(),
  ).toEqual(['api', 'client']);
  expect(files.map((f) => f.path)).toContain('argocd/application.yaml');
  expect(files.map((f) => f.path)).toContain('config-connector/namespace.yaml');
});
