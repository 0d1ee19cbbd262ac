import { tempDir } from '../helpers/temp';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeLabel, topologyDiagram, topologyMarkdown } from '../../src/output/topology-diagram';
import { resolveTopology } from '../../src/model/resolve';
import { parseTopology } from '../../src/input/load';
import { validateTopology } from '../../src/validate/engine';
import { synth } from '../helpers/synth';
import { bundledMermaidCheck } from '../helpers/mermaid';

const root = join(__dirname, '..', '..');
const modelOf = (file: string) => validateTopology(parseTopology(readFileSync(file, 'utf8'), 'topology.yaml').input).model!;
const lines = (diagram: string) => diagram.split('\n').map((l) => l.trim());

describe('the default topology as a diagram', () => {
  const diagram = lines(topologyDiagram(modelOf(join(root, 'topology.yaml'))));

  test('one node per service with its ingress and egress path', () => {
    expect(diagram).toContain(
      'svc_client_service["Cloud Run client-service<br/>ingress: internal<br/>egress: direct-vpc, private-ranges-only"]',
    );
    expect(diagram).toContain('svc_server_service["Cloud Run server-service<br/>ingress: internal<br/>no VPC egress"]');
    expect(diagram).toContain('svc_batch_service["Cloud Run batch-service<br/>ingress: internal<br/>egress: connector, all-traffic"]');
  });

  test('the subnets with their ranges, the connector, the load balancer and NAT inside the VPC', () => {
    const start = diagram.indexOf('subgraph vpc["VPC run-vpc"]');
    const inside = diagram.slice(start, diagram.indexOf('end', start));
    expect(inside).toEqual(
      expect.arrayContaining([
        'subnet_workload["subnet run-vpc-workload<br/>workload 10.10.0.0/24"]',
        'subnet_directVpc["subnet run-vpc-direct<br/>Direct VPC egress 10.10.4.0/22"]',
        'subnet_connector["subnet run-vpc-connector<br/>connector 10.10.8.0/28"]',
        'subnet_proxyOnly["subnet run-vpc-proxy-only<br/>proxy-only 10.10.10.0/23"]',
        'connector["connector run-vpc-conn<br/>2..3 e2-standard-4"]',
        'nat["Cloud NAT run-vpc-nat<br/>router run-vpc-router"]',
      ]),
    );
    expect(inside.find((l) => l.startsWith('lb_server_service['))).toMatch(
      /internal load balancer server-service<br\/>10\.10\.0\.\d+<br\/>HTTP :80/,
    );
  });

  test('the egress paths, the call through the load balancer, and NAT to the internet', () => {
    expect(diagram).toEqual(
      expect.arrayContaining([
        'svc_client_service -->|private-ranges-only| subnet_directVpc',
        'svc_client_service ==>|calls| lb_server_service',
        'lb_server_service -->|serverless NEG| svc_server_service',
        'svc_batch_service -->|all-traffic| connector',
        'connector --> subnet_connector',
        'subnet_connector -->|NAT| nat',
        'nat --> internet',
      ]),
    );
    expect(diagram.filter((l) => l.includes('==>'))).toHaveLength(1);
  });
});

test('backends, run.app calls and peering appear in the private-backends diagram', () => {
  const diagram = lines(topologyDiagram(modelOf(join(root, 'test', 'golden', 'private-backends', 'topology.yaml'))));
  expect(diagram).toEqual(
    expect.arrayContaining([
      'backend_cache[("Redis cache<br/>STANDARD_HA 2 GB, direct-peering<br/>10.40.0.4:6379")]',
      'backend_orders_db[("endpoint orders-db<br/>10.30.0.3:5432")]',
      'svc_api -->|uses| backend_cache',
      'svc_api ==>|calls at run.app| svc_ledger',
      'backend_sessions -.-|peered through| psa',
    ]),
  );
  expect(diagram.filter((l) => l.includes('-->|uses| backend_cache'))).toEqual([
    'svc_api -->|uses| backend_cache',
    'svc_worker -->|uses| backend_cache',
  ]);
});

/** Mermaid's verdict on each file: one run of scripts/check-mermaid.mjs, bundled (Mermaid in jsdom, ~0.45 s of CPU). */
function checkMermaid(...paths: string[]): { status: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, [bundledMermaidCheck(), ...paths], { encoding: 'utf8' });
  return { status: r.status, lines: r.stdout.trim().split('\n') };
}

/** A diagram with hostile values, straight from the resolver, past the rules that refuse such values. */
function hostileMarkdown(): string {
  const spec = parseTopology(readFileSync(join(root, 'test', 'golden', 'private-backends', 'topology.yaml'), 'utf8'), 'x').input as any;
  spec.backends.find((b: any) => b.name === 'orders-db').endpoint.host = 'db"]\n```\n# pwned <script>alert(1)</script> #quot; `x`';
  return topologyMarkdown(resolveTopology(spec));
}

describe('Mermaid itself parses what runnel renders, and refuses a broken diagram (one check run for every file)', () => {
  const dir = tempDir('mermaid');
  const inputs = [
    'topology.yaml',
    'test/golden/private-backends/topology.yaml',
    'test/golden/config-connector/topology.yaml',
    'test/golden/private-google-access/topology.yaml',
  ];
  const files = inputs.map((input, i) => {
    const { files: rendered } = synth(parseTopology(readFileSync(join(root, input), 'utf8'), input).input);
    const md = rendered.find((f) => f.path === 'TOPOLOGY.md')!;
    const path = join(dir, `${i}.md`);
    writeFileSync(path, md.content);
    return path;
  });
  const hostile = join(dir, 'hostile.md');
  writeFileSync(hostile, hostileMarkdown());
  // Last, so no file after it is read by a Mermaid that has just failed.
  const bad = join(dir, 'bad.md');
  writeFileSync(bad, '```mermaid\nflowchart LR\n  a[[ --> \n```\n');
  // Mermaid in jsdom costs ~0.45 s of CPU to start, bundled: one run judges every file, one line each.
  let checked: ReturnType<typeof checkMermaid>;
  beforeAll(() => {
    checked = checkMermaid(...files, hostile, bad);
  });

  test('every rendered TOPOLOGY.md parses with Mermaid itself', () => {
    expect(checked.lines.slice(0, files.length)).toEqual(files.map((f) => `${f}: block 1: flowchart-v2 ok`));
    // One line per file and no other: nothing failed but the broken diagram (its own test, below).
    expect(checked.lines).toHaveLength(files.length + 2);
  });

  test('hostile values stay inside their label and the fence, and the diagram still parses', () => {
    const md = readFileSync(hostile, 'utf8');
    expect(md.split('\n').filter((l) => l.startsWith('```'))).toEqual(['```mermaid', '```']);
    expect(md).not.toMatch(/<script>|# pwned\n/);
    const node = md.split('\n').find((l) => l.includes('backend_orders_db[('))!;
    expect(node).toContain('db#34;#93;#10;#96;#96;#96;#10;#35; pwned #60;script#62;alert(1)#60;/script#62; #35;quot#59; #96;x#96;:5432');
    expect(checked.lines[files.length]).toBe(`${hostile}: block 1: flowchart-v2 ok`);
  });

  test('the Mermaid check fails on a broken diagram', () => {
    expect(checked.status).toBe(1);
    expect(checked.lines[files.length + 1]).toMatch(/bad\.md: block 1: Parse error/);
  });
});

test('escapeLabel keeps ordinary text and codes everything else', () => {
  expect(escapeLabel('Redis cache 10.40.0.4:6379 (x)')).toBe('Redis cache 10.40.0.4:6379 (x)');
  expect(escapeLabel('a"b|c<d\ne')).toBe('a#34;b#124;c#60;d#10;e');
});

describe('the reachability matrix in TOPOLOGY.md', () => {
  const rows = (markdown: string) =>
    new Map(
      markdown
        .slice(markdown.indexOf('## Reachability'))
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))
        .map((l) => l.slice(2, -2).split(' | '))
        .map((cells) => [cells[0], cells.slice(1)] as const),
    );

  test('the default topology: the declared call proven, undeclared pairs refused by IAM or unreachable, the way to the internet', () => {
    const m = rows(topologyMarkdown(modelOf(join(root, 'topology.yaml'))));
    expect(m.get('caller \\ callee')).toEqual(['client-service', 'server-service', 'batch-service', 'internet']);
    expect(m.get('client-service')).toEqual(['·', 'call: proven', 'unreachable', 'Cloud Run egress (direct)']);
    // batch-service routes all traffic into the VPC: it reaches server-service's load balancer, and IAM refuses it.
    expect(m.get('batch-service')).toEqual(['network only, IAM refuses', 'network only, IAM refuses', '·', 'Cloud NAT']);
    // No VPC egress: server-service cannot reach internal services at all.
    expect(m.get('server-service')).toEqual(['unreachable', '·', 'unreachable', 'Cloud Run egress (direct)']);
  });

  test('a service sharing a declared caller account is flagged OPEN', () => {
    const t = parseTopology(readFileSync(join(root, 'topology.yaml'), 'utf8'), 'topology.yaml').input as any;
    t.services[0].serviceAccount = 'shared@acme-prod.iam.gserviceaccount.com';
    t.services[2].serviceAccount = 'shared@acme-prod.iam.gserviceaccount.com';
    const m = rows(topologyMarkdown(validateTopology(t).model!));
    expect(m.get('batch-service')![1]).toBe("OPEN: shares a caller's account (undeclared-call-is-refused)");
  });
});
