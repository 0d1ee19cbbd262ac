import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What `runnel init` writes: the default topology's shape (a test holds it equal to the repository's
 * topology.yaml), commented so a first-time user sees what each part means and what to change.
 */
export const SEED_TOPOLOGY = `# yaml-language-server: $schema=node_modules/runnel/lib/topology.schema.json
# A private Cloud Run topology (see the README of runnel). Change the project, region, images and services,
# then: npx runnel check && npx runnel synth
#
# client-service calls server-service through a regional internal Application Load Balancer;
# batch-service routes all traffic through a Serverless VPC Access connector and reaches the
# internet through Cloud NAT.
project: acme-prod              # your GCP project ID
region: asia-northeast1
network:
  name: run-vpc                 # subnets, connector, router and NAT names derive from it
  connector:
    machineType: e2-standard-4   # micro connectors time out under load (connector-machine-type-for-load)
services:
  - name: client-service
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/client:1.4.2
    ingress: internal           # only the VPC and internal load balancers reach it
    egress:
      via: direct-vpc           # none | connector | direct-vpc
      route: private-ranges-only
    internet: false
    startupProbe: {path: /ready}   # Direct VPC connections can take a minute to be ready at start
    calls: [server-service]     # gets SERVER_SERVICE_URL; runnel grants it roles/run.invoker on server-service
    scaling:
      maxInstances: 20
  - name: server-service
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/server:2.0.0
    ingress: internal
    scaling:
      maxInstances: 20
  - name: batch-service
    image: asia-northeast1-docker.pkg.dev/acme-prod/run/batch:0.9.1
    ingress: internal
    egress:
      via: connector
      route: all-traffic
    internet: true              # brings Cloud NAT for the connector's subnet
    scaling:
      maxInstances: 5
`;

/** What `synth` may leave beside its output after a hard kill (staging folders, locks): never committed. */
export const GITIGNORE_ENTRY = '.runnel-*';

export class InitRefused extends Error {
  constructor(
    message: string,
    public readonly fix: string,
  ) {
    super(message);
  }
}

/**
 * Writes the seed topology to `file` (refusing to overwrite anything) and makes sure the .gitignore beside it
 * ignores runnel's leftovers. Returns what it did, one line each.
 */
export function initTopology(file: string): string[] {
  if (existsSync(file)) {
    throw new InitRefused(
      `${JSON.stringify(file)} exists; runnel init never overwrites`,
      'edit it, or pass --topology with a new file name',
    );
  }
  writeFileSync(file, SEED_TOPOLOGY, { flag: 'wx' });
  const done = [`wrote ${file}`];
  const gitignore = join(dirname(file), '.gitignore');
  const current = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : undefined;
  if (current === undefined || !current.split(/\r?\n/).includes(GITIGNORE_ENTRY)) {
    const sep = current === undefined || current === '' || current.endsWith('\n') ? '' : '\n';
    appendFileSync(gitignore, `${sep}# runnel: what an interrupted synth leaves beside its output\n${GITIGNORE_ENTRY}\n`);
    done.push(`${current === undefined ? 'wrote' : 'added'} ${GITIGNORE_ENTRY} to ${gitignore}`);
  }
  return done;
}
