import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// The module src/ ships, which compiles the validators at run time (this path is not mapped; see package.json).
import { topologyValidator as compiledAtRunTime } from '../../src/input/schema-validators';
// What every other test file gets in its place: the same validators as cached Ajv standalone code.
import { topologyValidator as standalone } from '../helpers/topology-validators';

const ROOT = join(__dirname, '..', '..');
const GOLDEN = join(ROOT, 'test', 'golden');

/** Every topology the repository ships (the default and each golden), and broken variants of each. */
function topologies(): [string, unknown][] {
  const valid: [string, any][] = [
    ['topology.yaml', parse(readFileSync(join(ROOT, 'topology.yaml'), 'utf8'))],
    ...readdirSync(GOLDEN)
      .filter((d) => !d.endsWith('.ts'))
      .map((d) => [`golden ${d}`, parse(readFileSync(join(GOLDEN, d, 'topology.yaml'), 'utf8'))] as [string, any])
      // The schema checks each environment once merged (src/validate/environments.ts), not the file with `environments:`.
      .filter(([, t]) => !t.environments),
  ];
  const broken: [string, (t: any) => void][] = [
    ['an unknown top-level field', (t) => (t.netwrk = t.network)],
    ['an unknown service field', (t) => (t.services[0].imagee = 'x')],
    ['a port of the wrong type', (t) => (t.services[0].port = 'http')],
    ['a missing required field', (t) => delete t.project],
    ['a value outside its enum', (t) => (t.services[0].ingress = 'everywhere')],
    ['null where an object is required', (t) => (t.services[0] = null)],
    [
      'several problems at once',
      (t) => {
        t.netwrk = 1;
        t.services[0].port = 'http';
        t.services[t.services.length - 1].ingress = 'everywhere';
      },
    ],
  ];
  return [
    ...valid,
    ...valid.flatMap(([name, t]) =>
      broken.map(([what, mutate]) => {
        const copy = structuredClone(t);
        mutate(copy);
        return [`${name} with ${what}`, copy] as [string, unknown];
      }),
    ),
  ];
}

describe('the cached standalone topology validators tests use equal the ones src/ compiles', () => {
  test('jest serves the cached validators to src/ (moduleNameMapper), not the run-time compiler', () => {
    // The request src/rules/topology-schema.ts makes; from this folder it would name no file without the mapping.
    expect(require.resolve('../input/schema-validators')).toBe(join(ROOT, 'test', 'helpers', 'topology-validators.ts'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../input/schema-validators').topologyValidator).toBe(standalone);
    expect(compiledAtRunTime).not.toBe(standalone);
  });

  test.each(topologies())('checking: %s', (_name, topology) => {
    const a = compiledAtRunTime('checking');
    const b = standalone('checking');
    expect(b(topology)).toBe(a(topology));
    expect(b.errors ?? null).toEqual(a.errors ?? null);
  });

  test.each(topologies())('stripping: %s', (_name, topology) => {
    const a = structuredClone(topology);
    const b = structuredClone(topology);
    expect(standalone('stripping')(b)).toBe(compiledAtRunTime('stripping')(a));
    expect(b).toEqual(a);
  });

  test('the broken variants fail and the shipped topologies pass (the comparison is not between two no-ops)', () => {
    const outcome = topologies().map(([name, t]) => ({ name, ok: standalone('checking')(t) }));
    expect(outcome.filter((o) => o.ok !== !o.name.includes(' with '))).toEqual([]);
  });
});
