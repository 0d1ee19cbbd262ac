#!/usr/bin/env node
// Regenerates imports/ from the vendored CRDs in ../shared/crds with `cdk8s import`.
// CRDs of one API group are concatenated first: cdk8s writes one file per group, so importing
// them one by one would let the last import overwrite the others.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const crds = resolve(root, process.env.RUNNEL_CRDS ?? '../shared/crds');

/** The kinds runnel emits, by the CRD file that defines them. Keep sorted. */
const USED = {
  'compute.cnrm.cloud.google.com': [
    'computeaddresses',
    'computebackendservices',
    'computeforwardingrules',
    'computenetworks',
    'computeregionnetworkendpointgroups',
    'computerouternats',
    'computerouters',
    'computesslcertificates',
    'computesubnetworks',
    'computetargethttpproxies',
    'computetargethttpsproxies',
    'computeurlmaps',
  ],
  'core.cnrm.cloud.google.com': ['configconnectorcontexts'],
  'dns.cnrm.cloud.google.com': ['dnsmanagedzones', 'dnsrecordsets'],
  'iam.cnrm.cloud.google.com': ['iampolicymembers', 'iamserviceaccounts'],
  'networkmanagement.cnrm.cloud.google.com': ['networkmanagementconnectivitytests'],
  'redis.cnrm.cloud.google.com': ['redisinstances'],
  'run.cnrm.cloud.google.com': ['runservices'],
  'secretmanager.cnrm.cloud.google.com': ['secretmanagersecrets'],
  'servicenetworking.cnrm.cloud.google.com': ['servicenetworkingconnections'],
  'serviceusage.cnrm.cloud.google.com': ['services'],
  'vpcaccess.cnrm.cloud.google.com': ['vpcaccessconnectors'],
};

const work = mkdtempSync(join(tmpdir(), 'runnel-crds-'));
// `cdk8s import` records every imported file (temporary paths here) in cdk8s.yaml: keep ours as it is.
const config = join(root, 'cdk8s.yaml');
const configText = readFileSync(config, 'utf8');
const out = join(root, 'imports');
// The one hand-written module of imports/ (linear-imports.mjs makes the generated classes extend it) survives.
const KEPT = ['plain-api-object.ts'];
const kept = KEPT.map((name) => [name, readFileSync(join(out, name), 'utf8')]);
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
for (const [name, text] of kept) writeFileSync(join(out, name), text);
const run = (file) =>
  execFileSync('npx', ['cdk8s', 'import', file, '--output', out, '--language', 'typescript', '--no-check-upgrade'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
try {
  for (const [group, plurals] of Object.entries(USED)) {
    const docs = plurals.map((p) => readFileSync(join(crds, 'config-connector', `${p}.${group}.yaml`), 'utf8').trim());
    const file = join(work, `${group}.yaml`);
    writeFileSync(file, docs.map((d) => d.replace(/^---\n/, '')).join('\n---\n') + '\n');
    run(file);
  }
  run(join(crds, 'knative', 'service.yaml'));
  execFileSync(process.execPath, [join(root, 'scripts', 'linear-imports.mjs'), out], { stdio: 'inherit' });
  const files = Object.entries(USED).flatMap(([group, plurals]) => plurals.map((p) => `${p}.${group}.yaml`));
  execFileSync(process.execPath, [join(root, 'scripts', 'immutable-fields.mjs'), join(crds, 'config-connector'), ...files], {
    stdio: 'inherit',
  });
} finally {
  writeFileSync(config, configText);
  rmSync(work, { recursive: true, force: true });
}
