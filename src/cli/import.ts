import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { RunAnnotation, RunLabel } from '../annotations';
import { DEFAULTS } from '../defaults';
import { parseServiceManifest } from '../input/service-manifest';
import type { CliIo } from './io';

/* eslint-disable @typescript-eslint/no-explicit-any -- exported services are read generically */

export const IMPORT_HELP = `usage: runnel import <dir> [--out FILE] [--project ID] [--force]

Reads the Knative Services in <dir> (one per file, as \`gcloud run services describe <name> --format export\` writes
them) and writes a starting topology: each service with its image, port, ingress, VPC egress, scaling, env,
secret variables and service account, and \`manifest:\` pointing at its file, so everything else is kept as it is.
It prints what it could not infer (what a service calls or uses, load balancers, invokers, the network's ranges).

  --out FILE      the topology to write (default: topology.yaml; refused if it exists, unless --force)
  --project ID    the project ID, when the exports name the project by number
  --force         overwrite --out`;

/** What an import found: the topology and the notes on what it could not infer. */
export interface ImportResult {
  readonly topology: Record<string, unknown>;
  readonly notes: readonly string[];
}

/** `runnel import`: exit 0 when the topology was written, 1 when nothing usable was found, 2 on bad usage or I/O. */
export function runImport(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { out: { type: 'string' }, project: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err(`runnel import: ${(e as Error).message.split('\n')[0]} (fix: see runnel import --help)`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const [dir, extra] = parsed.positionals;
  if (dir === undefined || extra !== undefined) {
    io.err('runnel import: give one folder of exported services (fix: runnel import services/)');
    return 2;
  }
  const out = resolve(parsed.values.out ?? 'topology.yaml');
  if (existsSync(out) && !parsed.values.force) {
    io.err(`runnel import: ${JSON.stringify(out)} exists (fix: pass --out FILE, or --force to overwrite it)`);
    return 2;
  }
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f) && statSync(join(dir, f)).isFile())
      .sort();
  } catch (e) {
    io.err(
      `runnel import: cannot read ${JSON.stringify(dir)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} (fix: check the path)`,
    );
    return 2;
  }
  const exports = files.map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
  const result = importServices(exports, dirname(out), parsed.values.project);
  for (const note of result.notes) io.err(`runnel import: ${note}`);
  if (!Array.isArray(result.topology.services) || result.topology.services.length === 0) {
    io.err(
      `runnel import: no Knative Service found in ${JSON.stringify(dir)} (fix: export one with gcloud run services describe <name> --format export)`,
    );
    return 1;
  }
  writeFileSync(
    out,
    `# Written by runnel import: review it, then add what it could not infer (see its notes).\n${stringify(result.topology)}`,
  );
  io.out(`wrote ${out}`);
  return 0;
}

/**
 * Builds a topology from exported Knative Services. Pure: `exports` are the files' paths and texts, `topologyDir`
 * the folder the topology will live in (manifest paths are relative to it).
 */
export function importServices(
  exports: ReadonlyArray<{ path: string; text: string }>,
  topologyDir: string,
  projectId?: string,
): ImportResult {
  const notes: string[] = [];
  const services: Record<string, unknown>[] = [];
  const projects = new Set<string>();
  const regions = new Set<string>();
  const network: Record<string, any> = {};
  for (const file of exports) {
    const manifest = parseServiceManifest(file.text, file.path);
    const o = manifest.object as any;
    if (!o || o.apiVersion !== 'serving.knative.dev/v1' || o.kind !== 'Service') {
      notes.push(`skipped ${file.path}: ${manifest.problem ?? 'not a serving.knative.dev/v1 Service'}`);
      continue;
    }
    const name = String(o.metadata?.name);
    if (o.metadata?.namespace !== undefined) projects.add(String(o.metadata.namespace));
    const region = o.metadata?.labels?.[RunLabel.LOCATION];
    if (region) regions.add(String(region));
    const annotations = o.metadata?.annotations ?? {};
    const template = o.spec?.template ?? {};
    const tmpl = template.metadata?.annotations ?? {};
    const containers: any[] = template.spec?.containers ?? [];
    const app = containers.find((c) => Array.isArray(c.ports) && c.ports.length > 0) ?? containers[0] ?? {};
    const service: Record<string, unknown> = { name, image: app.image };
    // Cloud Run's default ingress is `all`: an export without the annotation is a public-ingress service.
    service.ingress = annotations[RunAnnotation.INGRESS] ?? 'all';
    const egress = egressOf(tmpl, network, name, notes);
    if (egress) service.egress = egress;
    const port = app.ports?.[0]?.containerPort;
    if (port !== undefined && port !== DEFAULTS.service.port) service.port = port;
    const env: Record<string, string> = {};
    const secrets: Record<string, unknown> = {};
    for (const e of app.env ?? []) {
      if (e.value !== undefined) env[e.name] = String(e.value);
      else if (e.valueFrom?.secretKeyRef)
        secrets[e.name] = { secret: e.valueFrom.secretKeyRef.name, version: String(e.valueFrom.secretKeyRef.key) };
    }
    if (Object.keys(env).length) service.env = env;
    if (Object.keys(secrets).length) service.secrets = secrets;
    const min = tmpl[RunAnnotation.MIN_SCALE];
    const max = tmpl[RunAnnotation.MAX_SCALE];
    // Cloud Run's defaults, which are runnel's.
    const { minInstances, maxInstances } = DEFAULTS.scaling;
    service.scaling = {
      minInstances: min === undefined ? minInstances : Number(min),
      maxInstances: max === undefined ? maxInstances : Number(max),
    };
    if (min === undefined || max === undefined) {
      notes.push(`${name}: no scaling annotations; written as Cloud Run's defaults (${minInstances}..${maxInstances})`);
    }
    if (template.spec?.serviceAccountName) service.serviceAccount = template.spec.serviceAccountName;
    else notes.push(`${name}: runs as the Compute Engine default account; runnel will create run-${name} unless you set serviceAccount`);
    service.manifest = relative(topologyDir, resolve(file.path)).split(sep).join('/');
    services.push(service);
  }
  const project = projectOf(projects, projectId, notes);
  if (regions.size > 1)
    notes.push(`the exports are in several regions (${[...regions].sort().join(', ')}); a topology has one: kept the first`);
  if (!network.name) {
    network.name = 'REPLACE-ME';
    notes.push('no export names its VPC network (no Direct VPC egress, no connector named <network>-conn): set network.name');
  }
  notes.push(
    'not inferred: calls and uses (the URLs and hosts they inject are kept as literal env), load balancers, public and invokers (IAM is not in an export), secrets runnel should create, network ranges, NAT',
  );
  return {
    topology: {
      project: project.id,
      ...(project.number ? { projectNumber: project.number } : {}),
      region: [...regions][0] ?? 'REPLACE-ME',
      network,
      services,
    },
    notes,
  };
}

/** The VPC egress of a revision's annotations, recording the network, subnet and connector names in `network`. */
function egressOf(
  tmpl: Record<string, string>,
  network: Record<string, any>,
  name: string,
  notes: string[],
): Record<string, string> | undefined {
  const route = tmpl[RunAnnotation.VPC_EGRESS] ?? 'private-ranges-only';
  const interfaces = tmpl[RunAnnotation.NETWORK_INTERFACES];
  if (interfaces !== undefined) {
    try {
      const [first] = JSON.parse(interfaces) as Array<{ network?: string; subnetwork?: string }>;
      if (first?.network) network.name ??= first.network;
      if (first?.subnetwork) network.subnets = { ...network.subnets, directVpc: { name: first.subnetwork } };
    } catch {
      notes.push(`${name}: ${RunAnnotation.NETWORK_INTERFACES} is not JSON; set network.subnets.directVpc by hand`);
    }
    return { via: 'direct-vpc', route };
  }
  const connector = tmpl[RunAnnotation.VPC_CONNECTOR];
  if (connector !== undefined) {
    const connectorName = String(connector).split('/').pop()!;
    network.connector = { ...network.connector, name: connectorName };
    // runnel names connectors `<network>-conn`: the only hint an export gives of the connector's network.
    if (connectorName.endsWith('-conn')) network.name ??= connectorName.slice(0, -'-conn'.length);
    return { via: 'connector', route };
  }
  return undefined;
}

function projectOf(namespaces: Set<string>, given: string | undefined, notes: string[]): { id: string; number?: string } {
  const [first] = [...namespaces];
  if (namespaces.size > 1) notes.push(`the exports are in several projects (${[...namespaces].sort().join(', ')}); kept the first`);
  if (given) return { id: given, ...(first && /^[0-9]+$/.test(first) ? { number: first } : {}) };
  if (first === undefined) {
    notes.push('no export names its project: set project');
    return { id: 'REPLACE-ME' };
  }
  if (/^[0-9]+$/.test(first)) {
    notes.push(`the exports name the project by number (${first}): set project to its ID, or pass --project`);
    return { id: 'REPLACE-ME', number: first };
  }
  return { id: first };
}
