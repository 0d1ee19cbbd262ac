import { readServiceManifests, ServiceManifests } from '../../src/input/service-manifest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { fastYaml, toYaml } from '../../src/yaml-emitter';
import { parseTopology } from '../../src/input/load';
import { benchTopology } from '../../bench/topology';
import { synth } from '../helpers/synth';

const library = (v: unknown) => stringify(v, { lineWidth: 0 });

// Strings that exercise every quoting decision: indicators, `: `, ` #`, numbers, booleans, nulls, quotes,
// document markers, JSON, control and non-ASCII characters, newlines.
const tricky = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    '-',
    '?',
    '- a',
    'a: b',
    'a #b',
    'a:',
    'a ',
    ' a',
    'true',
    'False',
    'null',
    '~',
    '0o17',
    '0x1F',
    '1e3',
    '.5',
    '-.inf',
    '.nan',
    '8080',
    '+12',
    '---',
    '...',
    '%x',
    '"q"',
    "it's",
    `"a" 'b'`,
    '{"network":"n"}',
    '[1]',
    '*a',
    '&a',
    '!t',
    '|',
    '>',
    '@x',
    '`x`',
    'a\nb',
    'a \nb',
    '\ta',
    'é',
    '\u2028',
    '\u00a0x',
    '#x',
    'a,b',
    'http://x:8080/y',
    'projects/p/regions/r',
  ),
);
const key = fc.oneof(fc.constantFrom('name', 'spec', 'run.googleapis.com/ingress', 'a-b', 'x'), tricky);
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
  list: fc.array(tie('any'), { maxLength: 4 }),
  map: fc.dictionary(key, tie('any'), { maxKeys: 5 }),
}));

describe('the YAML emitter', () => {
  test('writes exactly what the yaml library writes, for any JSON-like object', () => {
    fc.assert(
      fc.property(value.map as fc.Arbitrary<Record<string, unknown>>, (obj) => {
        // The library's text once per value, and jest's expect() (~0.1 ms a call: it builds every matcher) only for
        // a value that differs, to report it: the same assertions at a fraction of the cost over 3,000 runs.
        // toYaml is fastYaml's text, or the library's own where fastYaml declines (the test below): only the
        // former can differ, so the library is not asked twice for a value fastYaml hands over (~0.4 s a run).
        const expected = library(obj);
        const fast = fastYaml(obj);
        if (fast !== undefined && fast !== expected) expect(fast).toBe(expected);
      }),
      { numRuns: Number(process.env.EMIT_RUNS ?? 3000), seed: Number(process.env.EMIT_SEED ?? 1301) },
    );
  });

  test('hands the library what it declines, and toYaml then writes the library’s text', () => {
    for (const value of [{ a: 'x\ny' }, { 'a\nb': 1 }, { list: [[1, 2]] }, { n: Infinity }, { s: '\u0007' }]) {
      expect(fastYaml(value)).toBeUndefined();
      expect(toYaml(value)).toBe(library(value));
    }
  });

  test('writes the same bytes as the library for every object of the default, golden and bench topologies, without falling back', () => {
    const root = join(__dirname, '..', '..');
    const inputs: Array<[unknown, ServiceManifests?]> = [
      [parseTopology(readFileSync(join(root, 'topology.yaml'), 'utf8'), 'topology.yaml').input],
      [benchTopology(60)],
    ];
    const goldens = join(root, 'test', 'golden');
    for (const d of readdirSync(goldens, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const input = parseTopology(readFileSync(join(goldens, d.name, 'topology.yaml'), 'utf8'), d.name).input;
      inputs.push([input, readServiceManifests(input, join(goldens, d.name))]);
    }
    let count = 0;
    const differ: Array<{ object: string; fast: string | undefined; library: string }> = [];
    for (const [input, manifests] of inputs) {
      for (const o of synth(input, manifests).objects) {
        const [fast, expected] = [fastYaml(o), library(o)];
        if (fast !== expected) differ.push({ object: `${o.kind}/${o.metadata.name}`, fast, library: expected });
        count++;
      }
    }
    expect(differ).toEqual([]);
    expect(count).toBeGreaterThan(300);
  });
});
