import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import * as choices from '../../src/choices';
import { DEFAULTS } from '../../src/defaults';
import { IN_CLUSTER } from '../../src/delivery/argo-application-set';
import { contractDefault, defaultsSection } from '../../src/input/defaults';

/*
 * Every default is defined once, in src/defaults.ts. This ties the docs to it: each TSDoc `@default` of the topology
 * file's contract (its section of the table is named after the interface) and of the construct props (tied to an
 * entry below) must state the table's value, and each entry of the table must be documented somewhere.
 */

const root = join(__dirname, '..', '..');
const src = join(root, 'src');

/** The topology file's contract: each interface's defaults live in the table's section named after it. */
const CONTRACT = ['src/input/spec.ts', 'src/input/service-settings.ts', 'src/input/environments.ts'];

/** Not read: src/output/ and src/cli/ take options, not GCP settings. */
const SKIPPED = ['src/output/', 'src/cli/'];

/**
 * Contract fields whose prose `@default` sums up a whole section (`0..100 instances`): it must state each of the
 * section's values.
 */
const SUMMARIES: Record<string, string> = {
  'ServiceSpec.scaling': 'scaling',
  'NetworkSpec.connector': 'connector',
  'NetworkSpec.privateServiceAccess': 'privateServiceAccess',
};

/** Construct props whose default is an entry of the table: `Interface.field` → the entry's path. */
const TIES: Record<string, string> = {
  'RunServiceProps.scaling': 'scaling',
  'RunServiceProps.port': 'service.port',
  'RunServiceProps.ingress': 'service.ingress',
  'RunServiceProps.format': 'delivery.cloudRun',
  'Scaling.minInstances': 'scaling.minInstances',
  'Scaling.maxInstances': 'scaling.maxInstances',
  'SecretEnvValue.version': 'secretRef.version',
  'StartupProbe.periodSeconds': 'startupProbe.periodSeconds',
  'StartupProbe.failureThreshold': 'startupProbe.failureThreshold',
  'VpcConnectorProps.minInstances': 'connector.minInstances',
  'VpcConnectorProps.maxInstances': 'connector.maxInstances',
  'VpcConnectorProps.machineType': 'connector.machineType',
  'RedisProps.connection': 'redis.connectMode',
  'RedisProps.tier': 'redis.tier',
  'RedisProps.memorySizeGb': 'redis.memorySizeGb',
  'RedisProps.version': 'redis.version',
  'ArgoApplicationProps.namespace': 'argoCd.namespace',
  'ArgoApplicationProps.project': 'argoCd.project',
  'ArgoApplicationProps.targetRevision': 'argoCd.targetRevision',
  'ArgoEnvironmentElement.server': 'environment.cluster',
  'ArgoEnvironmentElement.values': 'environment.values',
  'SubnetProps.purpose': 'constructs.subnet.purpose',
  'ExistingSubnetProps.purpose': 'constructs.subnet.purpose',
  'SubnetProps.privateGoogleAccess': 'subnet.privateGoogleAccess',
  'NetworkProps.routingMode': 'constructs.network.routingMode',
  'DnsRecordProps.ttl': 'constructs.dnsRecord.ttl',
  'KccScope.abandonStateful': 'delivery.abandonStateful',
  'KccMetadataOptions.stateful': 'constructs.kccMetadata.stateful',
  'KccMetadataOptions.pruneLast': 'constructs.kccMetadata.pruneLast',
  'InternalLoadBalancerProps.serviceInOutput': 'constructs.loadBalancer.serviceInOutput',
  'ServerlessNegProps.serviceInOutput': 'constructs.loadBalancer.serviceInOutput',
  'ServerlessBackendProps.serviceInOutput': 'constructs.loadBalancer.serviceInOutput',
  'PrivateTopologyProps.source': 'constructs.privateTopology.source',
};

/** Names a `@default` may give instead of a literal (`Ingress.INTERNAL`, `IN_CLUSTER`). */
const NAMED: Record<string, unknown> = { ...choices, IN_CLUSTER };

interface DefaultDoc {
  readonly file: string;
  /** `Interface.field.path` */
  readonly key: string;
  readonly interfaceName: string;
  readonly path: readonly string[];
  readonly text: string;
}

/** Every `@default` on a property of an interface (or of an object type inside one) in `file`. */
function defaultDocs(file: string): DefaultDoc[] {
  const rel = relative(root, file);
  const content = readFileSync(file, 'utf8');
  // A tag is its text: a file without "@default" has none, and is not parsed (28 of ~180 files have one).
  if (!content.includes('@default')) return [];
  const source = ts.createSourceFile(file, content, ts.ScriptTarget.Latest, true);
  const out: DefaultDoc[] = [];
  const members = (interfaceName: string, path: readonly string[], nodes: ts.NodeArray<ts.TypeElement>) => {
    for (const m of nodes) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const at = [...path, m.name.getText(source)];
      const tag = ts.getJSDocTags(m).find((t) => t.tagName.text === 'default');
      if (tag) {
        const text = (ts.getTextOfJSDocComment(tag.comment) ?? '').trim();
        out.push({ file: rel, key: [interfaceName, ...at].join('.'), interfaceName, path: at, text });
      }
      if (m.type && ts.isTypeLiteralNode(m.type)) members(interfaceName, at, m.type.members);
    }
  };
  for (const s of source.statements) if (ts.isInterfaceDeclaration(s)) members(s.name.text, [], s.members);
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A `@default` that states a value: `'internal'`, `8080`, `false`, `[]`, `Ingress.INTERNAL`; else prose. */
function literal(text: string): { value: unknown } | undefined {
  const quoted = /^'(.*)'$/.exec(text);
  if (quoted) return { value: quoted[1] };
  try {
    return { value: JSON.parse(text) };
  } catch {
    // a name, or prose
  }
  const named = /^([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?$/.exec(text);
  if (!named) return undefined;
  const base = NAMED[named[1]] as Record<string, unknown> | undefined;
  const value = named[2] === undefined ? base : base?.[named[2]];
  return value === undefined ? undefined : { value };
}

/** The table's entry at a dotted path. */
function entryAt(path: string): { value: unknown } | undefined {
  let at: unknown = DEFAULTS;
  for (const key of path.split('.')) {
    if (!at || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return { value: at };
}

/** The primitive values an entry holds, as prose would write them (`[]` and `{}` for empty ones). */
function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.length === 0 ? ['[]'] : value.flatMap(leaves);
  if (value && typeof value === 'object') {
    const values = Object.values(value);
    return values.length === 0 ? ['{}'] : values.flatMap(leaves);
  }
  return [String(value)];
}

/** Every documented default with the table entry it must state, if any. */
function ties(): Array<DefaultDoc & { entry?: string; value?: { value: unknown } }> {
  const contract = CONTRACT.flatMap((f) => defaultDocs(join(root, f))).map((d) => {
    const summary = SUMMARIES[d.key];
    if (summary !== undefined) return { ...d, entry: summary, value: entryAt(summary) };
    return { ...d, entry: `${defaultsSection(d.interfaceName)}.${d.path.join('.')}`, value: contractDefault(d.interfaceName, d.path) };
  });
  const constructs = sources(src)
    .filter((f) => {
      const rel = relative(root, f);
      return !CONTRACT.includes(rel) && !SKIPPED.some((s) => rel.startsWith(s));
    })
    .flatMap(defaultDocs)
    .map((d) => ({ ...d, entry: TIES[d.key], value: TIES[d.key] !== undefined ? entryAt(TIES[d.key]) : undefined }));
  return [...contract, ...constructs];
}

/** What is wrong with one documented default, or undefined. */
function problem(d: ReturnType<typeof ties>[number]): string | undefined {
  const stated = literal(d.text);
  if (d.entry !== undefined && TIES[d.key] !== undefined && d.value === undefined) {
    return `${d.file} ${d.key}: tied to ${d.entry}, which the table does not have`;
  }
  if (stated) {
    if (!d.value) return `${d.file} ${d.key}: @default ${d.text} is in no entry of src/defaults.ts (add it, or tie it in TIES)`;
    if (JSON.stringify(stated.value) !== JSON.stringify(d.value.value)) {
      return `${d.file} ${d.key}: @default ${d.text}, but the table's ${d.entry} is ${JSON.stringify(d.value.value)}`;
    }
    return undefined;
  }
  if (!d.value) return undefined; // prose for a default that is no value (`- none`, a derived name)
  // Each value as a word of its own: a doc saying `0..100` does not state 10.
  const states = (v: string) => new RegExp(`(?<!\\w)${v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?!\\w)`).test(d.text);
  const missing = leaves(d.value.value).filter((v) => !states(v));
  return missing.length > 0
    ? `${d.file} ${d.key}: @default ${JSON.stringify(d.text)} does not state the table's ${d.entry} (${missing.join(', ')})`
    : undefined;
}

/** Every primitive entry of the table, as a dotted path. */
function tableEntries(value: unknown = DEFAULTS, path: string[] = []): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && (path.length === 0 || Object.keys(value).length > 0)) {
    return Object.entries(value).flatMap(([k, v]) => tableEntries(v, [...path, k]));
  }
  return [path.join('.')];
}

describe('the defaults table', () => {
  const documented = ties();

  test('reads the docs it checks', () => {
    // A parser that read no docs would pass everything below.
    expect(documented.find((d) => d.key === 'ServiceSpec.ingress')).toMatchObject({ text: "'internal'", entry: 'service.ingress' });
    expect(documented.find((d) => d.key === 'VolumeSpec.cloudStorage.readOnly')).toMatchObject({ text: 'false' });
    expect(documented.find((d) => d.key === 'RunServiceProps.ingress')).toMatchObject({ text: 'Ingress.INTERNAL' });
    expect(documented.filter((d) => d.value !== undefined).length).toBeGreaterThan(60);
  });

  test('every @default of the contract and the constructs states the table value', () => {
    expect(documented.map(problem).filter((p) => p !== undefined)).toEqual([]);
  });

  /** Entries of `table` no doc states (a doc of an entry's parent, `SubnetsSpec.workload`, states its fields). */
  const undocumented = (table: unknown) => {
    const covered = new Set(documented.filter((d) => d.value !== undefined).map((d) => d.entry!));
    return tableEntries(table).filter((e) => {
      const parts = e.split('.');
      return !parts.some((_, i) => covered.has(parts.slice(0, i + 1).join('.')));
    });
  };

  test('every entry of the table is documented where users read it', () => {
    expect(undocumented(DEFAULTS)).toEqual([]);
  });

  test('every tie names a documented field', () => {
    const keys = new Set(documented.map((d) => d.key));
    expect([...Object.keys(TIES), ...Object.keys(SUMMARIES)].filter((k) => !keys.has(k))).toEqual([]);
  });

  test.each([
    ['a doc that states another value', { text: "'all'" }, /table's service.ingress is "internal"/],
    ['a literal default with no entry', { value: undefined, entry: undefined }, /in no entry of src\/defaults.ts/],
    ['prose that omits the value', { text: '- something else' }, /does not state the table's service.ingress \(internal\)/],
    ['prose that states the value only inside another word', { text: '- internally' }, /does not state the table's service.ingress/],
  ])('fails on %s', (_name, change, message) => {
    const ingress = documented.find((d) => d.key === 'ServiceSpec.ingress')!;
    expect(problem({ ...ingress, ...change })).toMatch(message);
  });

  test('fails on a table entry nothing documents', () => {
    const table = { ...DEFAULTS, service: { ...DEFAULTS.service, undocumented: 1 }, constructs: { ...DEFAULTS.constructs, x: { y: 2 } } };
    expect(undocumented(table)).toEqual(['service.undocumented', 'constructs.x.y']);
  });
});
