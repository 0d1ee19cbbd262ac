import { SubnetRole } from '../names';
import { GENERATED_NOTICE } from '../header';
import { BackendModel, ServiceModel, TopologyModel } from '../model/model';
import { callPath, declaredPaths, internetPath, PathProof, sharedAccountCalls, usePath } from '../model/paths';

/** A Mermaid node id: letters, digits and underscores only. */
const id = (prefix: string, name: string) => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * A quoted Mermaid label, `<br/>` between lines. Every character outside a small safe set is written as a Mermaid
 * entity code (`#34;`), so no value can end the label, add a line, open HTML or leave the Markdown fence, whatever
 * the rules let through.
 * @see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
const label = (...lines: string[]) => `"${lines.map(escapeLabel).join('<br/>')}"`;

export function escapeLabel(text: string): string {
  // Most labels need no escape: tested whole, a character at a time only when one does.
  if (/^[A-Za-z0-9 .,:/_()@*+=-]*$/.test(text)) return text;
  return [...text].map((c) => (/[A-Za-z0-9 .,:/_()@*+=-]/.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}

/** The shared load balancer's node: no underscore, so no `prefix_name` id can be it. */
const SHARED_LB = 'sharedlb';

const ROLE_LABEL: Record<SubnetRole, string> = {
  workload: 'workload',
  directVpc: 'Direct VPC egress',
  connector: 'connector',
  proxyOnly: 'proxy-only',
  globalProxyOnly: 'cross-region proxy-only',
};

/**
 * The topology as a Mermaid flowchart, for dist/TOPOLOGY.md: services with their ingress and egress path
 * (connector or Direct VPC, and the route), the VPC with its subnets and ranges, load balancers, Cloud NAT,
 * backends, and the call edges. Made from the same resolved model the manifests come from.
 */
export function topologyDiagram(model: TopologyModel): string {
  if (model.regions.length > 1) return regionsDiagram(model);
  const lines: string[] = ['flowchart LR'];
  const node = (line: string) => lines.push(`  ${line}`);
  const inVpc = (line: string) => lines.push(`    ${line}`);
  const subnets = Object.values(model.subnets).filter((s) => s.needed);
  // On a Shared VPC each part says which project it lives in; existing parts say they exist (nothing is emitted).
  const shared = model.network.shared;
  const inService = shared ? [`project ${model.project}`] : [];
  const existing = model.network.existing ? ['existing'] : [];

  node('internet((internet))');
  for (const s of model.services) {
    const egress = s.via === 'none' ? 'no VPC egress' : `egress: ${s.via}, ${s.route}`;
    node(
      `${id('svc', s.name)}[${label(`Cloud Run ${s.name}`, `ingress: ${s.ingress}${s.public ? ', public' : ''}`, egress, ...inService)}]`,
    );
  }

  const vpcNotes = [...existing, ...(shared ? [`host project ${model.network.project}`] : [])];
  lines.push(`  subgraph vpc[${label(`VPC ${model.network.name}`, ...(vpcNotes.length > 0 ? [vpcNotes.join(', ')] : []))}]`);
  for (const sub of subnets) {
    inVpc(`${id('subnet', sub.role)}[${label(`subnet ${sub.name}`, `${ROLE_LABEL[sub.role]} ${sub.cidr}`, ...existing)}]`);
  }
  if (model.connector.existing !== undefined) {
    const [, project, , region, , name] = model.connector.existing.split('/');
    inVpc(`connector[${label(`connector ${name}`, `existing, project ${project}, ${region}`)}]`);
  }
  if (model.connector.needed) {
    inVpc(
      `connector[${label(`connector ${model.connector.name}`, `${model.connector.minInstances}..${model.connector.maxInstances} ${model.connector.machineType}`, ...inService)}]`,
    );
  }
  const sharedLb = model.loadBalancing.shared;
  if (sharedLb) {
    const ports = [sharedLb.http ? 'HTTP :80' : undefined, sharedLb.https ? 'HTTPS :443' : undefined].filter(Boolean).join(', ');
    const hosts = `${sharedLb.services.length} host rule${sharedLb.services.length === 1 ? '' : 's'}`;
    inVpc(
      `${SHARED_LB}[${label(`shared internal load balancer ${sharedLb.name}`, sharedLb.address ?? 'address assigned at apply', `${ports}, ${hosts}`, ...inService)}]`,
    );
  }
  for (const s of model.services.filter((x) => x.loadBalancer && !x.loadBalancer.shared)) {
    const lb = s.loadBalancer!;
    const ports = [lb.http ? 'HTTP :80' : undefined, lb.https ? 'HTTPS :443' : undefined].filter(Boolean).join(', ');
    inVpc(
      `${id('lb', s.name)}[${label(`internal load balancer ${s.name}`, lb.dnsName ?? lb.address ?? 'address assigned at apply', ports, ...inService)}]`,
    );
  }
  if (model.nat.subnets.length > 0) inVpc(`nat[${label(`Cloud NAT ${model.nat.name}`, `router ${model.nat.routerName}`)}]`);
  if (model.privateServiceAccess.needed) {
    inVpc(`psa[${label(`private services access ${model.privateServiceAccess.name}`, model.privateServiceAccess.cidr)}]`);
  }
  if (model.psc) inVpc(`psc[${label(`Private Service Connect ${model.psc.name}`, `${model.psc.address} all-apis`)}]`);
  for (const b of model.backends) inVpc(`${id('backend', b.name)}[(${label(...backendLines(b))})]`);
  lines.push('  end');

  for (const s of model.services) edgesOf(model, s, node);
  if (model.connector.needed) node(`connector --> ${id('subnet', 'connector')}`);
  if (sharedLb) {
    // One edge per host rule: the name that reaches each service.
    for (const s of model.services.filter((x) => x.loadBalancer?.shared)) {
      node(`${SHARED_LB} -->|${label(s.loadBalancer!.dnsName ?? s.name)}| ${id('svc', s.name)}`);
    }
    node(`${SHARED_LB} -.-|address in| ${id('subnet', 'workload')}`);
    node(`${SHARED_LB} -.-|proxies from| ${id('subnet', 'proxyOnly')}`);
  }
  for (const s of model.services.filter((x) => x.loadBalancer && !x.loadBalancer.shared)) {
    node(`${id('lb', s.name)} -->|serverless NEG| ${id('svc', s.name)}`);
    node(`${id('lb', s.name)} -.-|address in| ${id('subnet', 'workload')}`);
    node(`${id('lb', s.name)} -.-|proxies from| ${id('subnet', 'proxyOnly')}`);
  }
  for (const role of model.nat.subnets) node(`${id('subnet', role)} -->|NAT| nat`);
  if (model.nat.subnets.length > 0) node('nat --> internet');
  for (const b of model.backends.filter((x) => x.redis?.connectMode === 'private-service-access'))
    node(`${id('backend', b.name)} -.-|peered through| psa`);
  return lines.join('\n');
}

/**
 * A topology in several regions, grouped by region: each region's subgraph holds its copies of the services and, inside
 * the VPC, its subnets, connector and NAT; the cross-region load balancers are global, in the VPC outside any region,
 * with a serverless NEG edge to each region's copy of their service and a dotted edge to each region's workload subnet
 * (their forwarding rule there). Calls go from each copy to the callee's load balancer (or run.app).
 */
function regionsDiagram(model: TopologyModel): string {
  const lines: string[] = ['flowchart LR'];
  const node = (line: string) => lines.push(`  ${line}`);
  const key = (name: string, region: string) => `${name}__${region}`;
  node('internet((internet))');
  for (const r of model.regions) {
    lines.push(`  subgraph ${id('region', r.name)}[${label(`region ${r.name}${r.primary ? ' (first)' : ''}`)}]`);
    for (const s of model.services.filter((x) => x.regions.includes(r.name))) {
      const egress = s.via === 'none' ? 'no VPC egress' : `egress: ${s.via}, ${s.route}`;
      lines.push(
        `    ${id('svc', key(s.name, r.name))}[${label(`Cloud Run ${s.name}`, `ingress: ${s.ingress}${s.public ? ', public' : ''}`, egress)}]`,
      );
    }
    lines.push('  end');
  }
  lines.push(`  subgraph vpc[${label(`VPC ${model.network.name}`)}]`);
  for (const r of model.regions) {
    lines.push(`    subgraph ${id('vpcregion', r.name)}[${label(`subnets in ${r.name}`)}]`);
    for (const sub of Object.values(r.subnets).filter((x) => x.needed)) {
      lines.push(`      ${id('subnet', key(sub.role, r.name))}[${label(`subnet ${sub.name}`, `${ROLE_LABEL[sub.role]} ${sub.cidr}`)}]`);
    }
    if (model.connector.needed && r.subnets.connector.needed) {
      const name = r.primary ? model.connector.name : r.connectorName;
      lines.push(
        `      ${id('connector', r.name)}[${label(`connector ${name}`, `${model.connector.minInstances}..${model.connector.maxInstances} ${model.connector.machineType}`)}]`,
      );
    }
    if (r.natSubnets.length > 0) lines.push(`      ${id('nat', r.name)}[${label(`Cloud NAT ${r.natName}`, `router ${r.routerName}`)}]`);
    lines.push('    end');
  }
  for (const s of model.services.filter((x) => x.loadBalancer)) {
    const lb = s.loadBalancer!;
    const ports = [lb.http ? 'HTTP :80' : undefined, lb.https ? 'HTTPS :443' : undefined].filter(Boolean).join(', ');
    const kind = lb.crossRegion ? 'cross-region internal load balancer' : `internal load balancer (${s.regions[0]})`;
    const where = lb.frontends.map((f) => `${f.region} ${f.address ?? 'address assigned at apply'}`).join(', ');
    lines.push(`    ${id('lb', s.name)}[${label(`${kind} ${s.name}`, lb.dnsName ?? where, where === lb.dnsName ? '' : where, ports)}]`);
  }
  for (const b of model.backends) lines.push(`    ${id('backend', b.name)}[(${label(...backendLines(b))})]`);
  lines.push('  end');

  for (const r of model.regions) {
    for (const s of model.services.filter((x) => x.regions.includes(r.name))) {
      const from = id('svc', key(s.name, r.name));
      if (s.via === 'connector') node(`${from} -->|${s.route}| ${id('connector', r.name)}`);
      if (s.via === 'direct-vpc') node(`${from} -->|${s.route}| ${id('subnet', key('directVpc', r.name))}`);
      if (s.internet && s.via === 'none') node(`${from} --> internet`);
      for (const callee of s.calls) {
        const target = model.servicesByName.get(callee);
        if (!target) continue;
        if (target.loadBalancer) node(`${from} ==>|calls| ${id('lb', callee)}`);
        else node(`${from} ==>|calls at run.app| ${id('svc', key(callee, target.regions[0]))}`);
      }
      for (const name of s.uses) if (model.backendsByName.has(name)) node(`${from} -->|uses| ${id('backend', name)}`);
    }
    if (model.connector.needed && r.subnets.connector.needed)
      node(`${id('connector', r.name)} --> ${id('subnet', key('connector', r.name))}`);
    for (const role of r.natSubnets) node(`${id('subnet', key(role, r.name))} -->|NAT| ${id('nat', r.name)}`);
    if (r.natSubnets.length > 0) node(`${id('nat', r.name)} --> internet`);
  }
  for (const s of model.services.filter((x) => x.loadBalancer)) {
    const lb = s.loadBalancer!;
    for (const f of lb.frontends) {
      node(`${id('lb', s.name)} -->|${label(`serverless NEG ${f.region}`)}| ${id('svc', key(s.name, f.region))}`);
      node(`${id('lb', s.name)} -.-|address in| ${id('subnet', key('workload', f.region))}`);
      node(`${id('lb', s.name)} -.-|proxies from| ${id('subnet', key(lb.crossRegion ? 'globalProxyOnly' : 'proxyOnly', f.region))}`);
    }
  }
  return lines.join('\n');
}

function edgesOf(model: TopologyModel, s: ServiceModel, node: (line: string) => void): void {
  const from = id('svc', s.name);
  if (s.via === 'connector') node(`${from} -->|${s.route}| connector`);
  if (s.via === 'direct-vpc') node(`${from} -->|${s.route}| ${id('subnet', 'directVpc')}`);
  if (s.internet && s.via === 'none') node(`${from} --> internet`);
  for (const callee of s.calls) {
    const target = model.servicesByName.get(callee);
    if (!target) continue;
    if (target.loadBalancer?.shared) node(`${from} ==>|${label(`calls ${callee}`)}| ${SHARED_LB}`);
    else if (target.loadBalancer) node(`${from} ==>|calls| ${id('lb', callee)}`);
    else node(`${from} ==>|calls at run.app| ${id('svc', callee)}`);
  }
  for (const name of s.uses) if (model.backendsByName.has(name)) node(`${from} -->|uses| ${id('backend', name)}`);
}

function backendLines(b: BackendModel): string[] {
  if (!b.redis) return [`endpoint ${b.name}`, `${b.host}:${b.port}`];
  return [
    `Redis ${b.name}`,
    `${b.redis.tier} ${b.redis.memorySizeGb} GB, ${b.redis.connectMode}`,
    b.host ? `${b.host}:${b.port}` : `host known after apply, port ${b.port}`,
  ];
}

/** dist/TOPOLOGY.md: a short explanation and the diagram. */
export function topologyMarkdown(model: TopologyModel): string {
  return [
    `<!-- ${GENERATED_NOTICE} -->`,
    `# Topology of ${model.project} / ${model.network.name} (${model.regions.map((r) => r.name).join(', ')})`,
    '',
    'Solid arrows: egress paths and calls (thick); dotted: where load balancers and peered backends live.',
    '',
    '```mermaid',
    topologyDiagram(model),
    '```',
    '',
    '## Reachability',
    '',
    "Each cell is runnel's proof for the row calling (or using) the column, hop by hop (`runnel explain ROW COLUMN`):",
    '"proven" is reachable, private and authorized; "network only, IAM refuses" is a pair the topology does not',
    'declare, which the network lets through and `roles/run.invoker` refuses; "internet" is how the row reaches it.',
    '',
    reachabilityMatrix(model),
    '',
  ].join('\n');
}

export const TOPOLOGY_FILE = 'TOPOLOGY.md';

/**
 * The reachability matrix for dist/TOPOLOGY.md: one row per service, one column per service, backend and the
 * internet, each cell the verdict of src/model/paths.ts for that pair.
 */
export function reachabilityMatrix(model: TopologyModel): string {
  const services = model.services.filter((s) => model.servicesByName.get(s.name) === s);
  if (services.length > MATRIX_MAX_SERVICES) return reachabilityList(model, services);
  const backends = model.backends.filter((b) => model.backendsByName.get(b.name) === b);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const header = ['caller \\ callee', ...services.map((s) => s.name), ...backends.map((b) => `${b.name} (backend)`), 'internet'];
  const rows = services.map((caller) => {
    const calls = services.map((callee) => {
      if (callee === caller) return '·';
      const i = caller.calls.indexOf(callee.name);
      return callVerdict(callPath(model, caller, callee, i < 0 ? undefined : `${caller.path}.calls[${i}]`), callee, caller);
    });
    const uses = backends.map((b) => {
      const i = caller.uses.indexOf(b.name);
      const proof = usePath(model, caller, b, i < 0 ? undefined : `${caller.path}.uses[${i}]`);
      if (!proof.declared) return proof.reachable ? 'reachable, not used' : 'unreachable';
      return proof.broken ? `use BROKEN at ${proof.broken.kind}` : 'use: proven';
    });
    const net = internetPath(model, caller);
    const internet = net.way === 'nat' ? 'Cloud NAT' : net.way === 'cloud-run' ? 'Cloud Run egress (direct)' : 'none';
    return [caller.name, ...calls, ...uses, internet];
  });
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/**
 * Above this many services the matrix (services² cells, each a whole path proof) is neither reviewable nor cheap:
 * 1,000 services made a 22 MB TOPOLOGY.md and took 4 s. Each caller's row then lists what it declares, what it
 * may reach without declaring it (a shared account), and its way to the internet.
 */
export const MATRIX_MAX_SERVICES = 30;

function reachabilityList(model: TopologyModel, services: readonly ServiceModel[]): string {
  const declared = new Map<string, string[]>();
  for (const p of declaredPaths(model)) {
    const verdict = p.broken ? `BROKEN at ${p.broken.kind}` : 'proven';
    const list = declared.get(p.from) ?? [];
    list.push(`${p.kind === 'use' ? `${p.to} (backend)` : p.to}: ${verdict}`);
    declared.set(p.from, list);
  }
  const open = new Map<string, string[]>();
  for (const p of sharedAccountCalls(model)) open.set(p.from, [...(open.get(p.from) ?? []), p.to]);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = services.map((s) => {
    const net = internetPath(model, s);
    const internet = net.way === 'nat' ? 'Cloud NAT' : net.way === 'cloud-run' ? 'Cloud Run egress (direct)' : 'none';
    const undeclared = open.get(s.name)?.map((to) => `OPEN: ${to} (shares a caller's account)`) ?? [];
    return [s.name, (declared.get(s.name) ?? []).join('; ') || '—', undeclared.join('; ') || 'none: IAM refuses', internet];
  });
  return [
    `${services.length} services: more than ${MATRIX_MAX_SERVICES}, so each row lists the caller's declared calls and uses instead of every pair.`,
    '',
    '| caller | declared calls and uses | undeclared, yet authorized | internet |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function callVerdict(proof: PathProof, callee: ServiceModel, caller: ServiceModel): string {
  if (proof.declared) {
    if (!proof.broken) return 'call: proven';
    const v = !proof.broken.reachable ? 'unreachable' : proof.broken.authorized === false ? 'refused' : 'not private';
    return `call ${v} at ${proof.broken.kind}`;
  }
  if (!proof.reachable) return 'unreachable';
  if (!proof.authorized) return 'network only, IAM refuses';
  const over = proof.private ? '' : ', over the internet';
  if (callee.public) return `public: allUsers may invoke${over}`;
  if (callee.invokers.includes(`serviceAccount:${caller.serviceAccount}`)) return `allowed by invokers${over}`;
  return `OPEN: shares a caller's account${over} (undeclared-call-is-refused)`;
}
