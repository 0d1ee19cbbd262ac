import { parseArgs } from 'node:util';
import { loadTopologyFile, TopologyFileRefused } from '../input/load';
import { validateTopology, hasErrors } from '../validate/engine';
import { environmentModel } from './environments';
import { formatFinding, oneLine } from '../check/report';
import { locateFindings } from '../synth';
import { callPath, Hop, internetPath, PathProof, usePath } from '../model/paths';
import { topologyPath, TOPOLOGY_ENV } from './topology-path';
import type { CliIo } from './io';

export const EXPLAIN_HELP = `usage: runnel explain CALLER CALLEE [--topology FILE] [--env NAME] [--region REGION] [--json]

Traces CALLER -> CALLEE hop by hop, the way a reviewer would by hand: the caller's egress (Direct VPC or
connector) and route, the DNS name and the zone that resolves it, the load balancer's address and proxies, the
serverless NEG, the callee's ingress and its IAM invoker policy, each with its verdict (reachable, private,
authorized) and the documentation behind it. CALLEE may be a service, a backend (network hops only), or
\`internet\` (how CALLER reaches the internet). Writes nothing. Exit 0 when the path is proven, 1 when a hop
breaks a declared call or use (or the topology has errors), 2 on a usage or I/O problem; a pair the topology
does not declare is shown for information (IAM should refuse it) and exits 0.
  --topology FILE   topology file (default: $${TOPOLOGY_ENV}, else topology.yaml)
  --env NAME        with environments: the environment whose topology to trace (required then)
  --region REGION   a caller in several regions: trace from its copy in REGION (default: one path per region)
  --json            print the proof as JSON on stdout
  -h, --help        print this help`;

/** `runnel explain CALLER CALLEE`: the proof of one path, in text or JSON. */
export function runExplain(argv: readonly string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        topology: { type: 'string' },
        env: { type: 'string' },
        region: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`runnel: ${oneLine((e as Error).message)} (fix: see \`runnel explain --help\`)`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(EXPLAIN_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    io.err('runnel: explain takes two names, CALLER and CALLEE (fix: e.g. runnel explain client-service server-service)');
    return 2;
  }
  const [from, to] = parsed.positionals;
  const file = topologyPath(parsed.values.topology, io.env);
  let loaded;
  try {
    loaded = loadTopologyFile(file);
  } catch (e) {
    const why = e instanceof TopologyFileRefused ? e.message : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    io.err(`runnel: cannot read ${JSON.stringify(file)}: ${oneLine(why)} (fix: pass --topology FILE or set ${TOPOLOGY_ENV})`);
    return 2;
  }
  const validated = loaded.findings.length > 0 ? { findings: loaded.findings, model: undefined } : validateTopology(loaded.input);
  // With environments, each is its own topology: trace the one --env names (src/cli/environments.ts).
  const chosen = environmentModel(loaded.input, validated, parsed.values.env);
  if (typeof chosen === 'string') {
    io.err(`runnel: ${oneLine(chosen)} (fix: pass --env with one of the topology's environments)`);
    return 2;
  }
  const { findings, model } = chosen;
  if (!model) {
    for (const f of locateFindings(findings, loaded.lineOf)) io.err(formatFinding(loaded.source, f));
    io.err(`runnel: ${oneLine(loaded.source)} does not have the shape of a topology; fix that before explaining a path`);
    return 1;
  }
  // A topology with errors is still explained: tracing the broken hop is what explain is for.
  if (hasErrors(findings)) {
    io.err(
      `runnel: ${oneLine(loaded.source)} has ${findings.filter((f) => f.severity === 'error').length} error(s); \`runnel check\` lists them`,
    );
  }
  const caller = model.servicesByName.get(from);
  if (!caller) {
    io.err(`runnel: ${JSON.stringify(from)} is not a service of ${oneLine(loaded.source)} (fix: name one of ${names(model.services)})`);
    return 2;
  }
  if (to === 'internet' && !model.servicesByName.has(to) && !model.backendsByName.has(to)) {
    const proof = internetPath(model, caller);
    if (parsed.values.json) io.out(JSON.stringify(proof, null, 2));
    else
      io.out(
        `${from} -> internet: ${proof.way === 'none' ? 'no way out' : proof.way === 'nat' ? 'through Cloud NAT' : "through Cloud Run's own egress"}\n  ${proof.detail}\n    ${proof.docUrl}`,
      );
    return 0;
  }
  const callee = model.servicesByName.get(to);
  const backend = model.backendsByName.get(to);
  if (!callee && !backend) {
    io.err(
      `runnel: ${JSON.stringify(to)} is neither a service nor a backend (fix: name one of ${names([...model.services, ...model.backends])}, or internet)`,
    );
    return 2;
  }
  if (callee === caller) {
    io.err(`runnel: ${JSON.stringify(from)} is both caller and callee (fix: name two different services)`);
    return 2;
  }
  // A call from a caller in several regions: one path per region it runs in (or the one --region names), each through
  // that region's egress and frontend.
  const wanted = parsed.values.region;
  if (wanted !== undefined && !caller.regions.includes(wanted)) {
    io.err(
      `runnel: ${JSON.stringify(from)} does not run in ${JSON.stringify(wanted)} (fix: name one of ${caller.regions.map((r) => JSON.stringify(r)).join(', ')})`,
    );
    return 2;
  }
  const regions = wanted !== undefined ? [wanted] : caller.regions;
  const proofs = callee
    ? regions.map((r) => callPath(model, caller, callee, at(caller.calls, to, `${caller.path}.calls`), r))
    : [usePath(model, caller, backend!, at(caller.uses, to, `${caller.path}.uses`))];
  if (parsed.values.json) io.out(JSON.stringify(proofs.length === 1 ? proofs[0] : proofs, null, 2));
  else
    io.out(
      proofs.map((p) => (p.region !== undefined && proofs.length > 1 ? `in ${p.region}:\n${formatProof(p)}` : formatProof(p))).join('\n'),
    );
  // An undeclared pair is informational: the network may let it through, IAM should refuse it.
  return proofs.every((proof) => !proof.declared || (proof.reachable && proof.private && proof.authorized)) ? 0 : 1;
}

function at(list: readonly string[], name: string, path: string): string | undefined {
  const i = list.indexOf(name);
  return i < 0 ? undefined : `${path}[${i}]`;
}

function names(items: readonly { name: string }[]): string {
  return items.map((x) => JSON.stringify(x.name)).join(', ');
}

const yesNo = (b: boolean) => (b ? 'yes' : 'NO');

/** The proof as a reviewer reads it: one line per hop, its verdict, the doc it rests on, and the fix where it breaks. */
export function formatProof(proof: PathProof): string {
  const lines = [
    `${proof.from} -> ${proof.to}: ${proof.kind}, ${proof.declared ? `declared at ${proof.declaredAt}` : 'not declared'}`,
    `  reachable: ${yesNo(proof.reachable)}  private: ${yesNo(proof.private)}  authorized: ${proof.kind === 'use' ? 'n/a (backends check no IAM identity)' : yesNo(proof.authorized)}`,
  ];
  proof.hops.forEach((hop, i) => {
    lines.push(`  ${i + 1}. ${hop.kind.padEnd(13)} ${verdict(hop)}  ${hop.detail}`);
    lines.push(`     ${hop.docUrl}`);
    // An undeclared pair's break is no finding: refusing it is the point (IAM) or it is simply not a path.
    if (hop.broken && proof.declared) {
      lines.push(`     breaks: ${hop.broken.message}`);
      lines.push(`     fix: ${hop.broken.fix}${hop.broken.reportedBy ? ` (rule ${hop.broken.reportedBy})` : ''}`);
    }
  });
  return lines.join('\n');
}

function verdict(hop: Hop): string {
  if (!hop.reachable) return '[unreachable]';
  if (hop.authorized === false) return '[refused]    ';
  if (!hop.private) return '[not private]';
  return '[ok]         ';
}
