import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, stringify } from 'yaml';
import { fastParse } from '../../src/input/fast-yaml';
import { parseCarefully, parseTopology } from '../../src/input/load';
import { benchTopology } from '../../bench/topology';

const root = join(__dirname, '..', '..');

// Scalars where YAML libraries are known to disagree: octal/hex/underscored numbers, YAML 1.1 booleans,
// timestamps, special floats, quoted and plain look-alikes, and text that looks like syntax.
const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '0o17',
    '017',
    '0x1F',
    '1_000',
    'yes',
    'no',
    'on',
    'off',
    'y',
    'Y',
    'True',
    'NULL',
    '~',
    '2001-12-14',
    '12:30:00',
    '.inf',
    '-.Inf',
    '.NaN',
    '1e3',
    '+1',
    '-0',
    '0.',
    '"q"',
    "'q'",
    'a: b',
    '- a',
    '#c',
    'a #c',
    '[a]',
    '{a: b}',
    '*.run.app',
    '<<',
  ),
);
const doc = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('name', 'yes', '1', 'null', 'on')), tie('value'), {
    maxKeys: 5,
  }),
}));

/**
 * The same document as text in the shapes people write: block style, and with flow collections. What
 * `stringify(value, options)` writes, from one Document: stringify builds a Document per call and these options
 * are only the text's (shown byte-identical over 20,000 drawn values), so the node tree is built once, not three times.
 */
const texts = (value: unknown) => {
  const document = new Document(value);
  return [document.toString(), document.toString({ collectionStyle: 'flow' }), document.toString({ defaultStringType: 'PLAIN' })];
};

describe('the fast YAML path', () => {
  test('reads exactly what the careful path reads whenever it takes a document', () => {
    let taken = 0;
    fc.assert(
      fc.property(doc.map, (value) => {
        for (const text of texts(value)) {
          const fast = fastParse(text);
          if (fast === undefined) continue;
          taken++;
          const careful = parseCarefully(text, 't.yaml');
          // jest's expect() (~0.1 ms a call: it builds every matcher) only to report a difference, over ~4,000 texts.
          if (careful.findings.length > 0) expect(careful.findings).toEqual([]);
          // Compared as JSON: js-yaml reads `-0` as 0 where yaml keeps -0, a difference no topology field can see
          // (every number runnel reads is a count, a size or a port, and String(-0) is "0").
          const [fastJson, carefulJson] = [JSON.stringify(fast), JSON.stringify(careful.input)];
          if (fastJson !== carefulJson) expect(fastJson).toBe(carefulJson);
        }
      }),
      { numRuns: Number(process.env.FAST_RUNS ?? 1500), seed: Number(process.env.FAST_SEED ?? 4242) },
    );
    expect(taken).toBeGreaterThan(500);
  });

  test('takes the default topology, every golden and the bench topology, and hands hostile YAML to the careful path', () => {
    const files = [readFileSync(join(root, 'topology.yaml'), 'utf8'), stringify(benchTopology(100))];
    const goldens = join(root, 'test', 'golden');
    for (const d of readdirSync(goldens, { withFileTypes: true }).filter((e) => e.isDirectory())) {
      files.push(readFileSync(join(goldens, d.name, 'topology.yaml'), 'utf8'));
    }
    for (const text of files) {
      expect(fastParse(text)).toBeDefined();
      expect(parseTopology(text, 't').input).toEqual(parseCarefully(text, 't').input);
    }
    for (const hostile of [
      'a: &x [1]\nb: *x\n',
      'a: !!binary aGk=\n',
      '? [a]\n: b\n',
      '[a]: b\n',
      'a: {b: {[c]: d}}\n',
      'a: .inf\n',
      'a: 1\na: 2\n',
      '- a\n',
      'a: |\n  x\n',
      '---\na: 1\n---\nb: 2\n',
    ]) {
      expect(fastParse(hostile)).toBeUndefined();
    }
  });

  test('line numbers still come from the document when a finding asks for one', () => {
    const loaded = parseTopology('project: p\nregion: r\nnetwork:\n  name: n\nservices: []\n', 't');
    expect(loaded.lineOf('network.name')).toBe(4);
  });
});
