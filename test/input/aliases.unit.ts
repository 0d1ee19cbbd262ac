import { isAlias, parseDocument, visit } from 'yaml';
import { aliasTargets, parseTopology } from '../../src/input/load';
import { synthesizeTopology } from '../../src/synth';

/** Every alias of `text` with what `Alias.resolve` (the library's own search) finds for it. */
function resolvedByLibrary(text: string): Map<unknown, unknown> {
  const doc = parseDocument(text, { uniqueKeys: false });
  const found = new Map<unknown, unknown>();
  visit(doc, { Alias: (_key, node) => void found.set(node, node.resolve(doc)) });
  return found;
}

describe('aliasTargets: what each alias refers to, in one pass (load.ts)', () => {
  test.each([
    ['one anchor, two aliases', 'a: &x {k: 1}\nb: *x\nc: *x\n'],
    ['an anchor defined again: an alias takes the last one before it', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n'],
    ['an alias before its anchor refers to nothing', 'a: *x\nb: &x 1\n'],
    ['an alias inside the node it refers to', 'project: &p [*p]\n'],
    ['anchors on keys, sequences and nested maps', '? &k key\n: v\nlist: &l [&i 1, *i]\nm: {n: &n {o: *l}}\nuse: [*k, *n, *l]\n'],
    ['an anchored node before its children', 'a: &outer {b: &inner 1, c: *outer}\nd: *inner\n'],
  ])('%s: as Alias.resolve finds it', (_name, text) => {
    const doc = parseDocument(text, { uniqueKeys: false });
    const library = resolvedByLibrary(text);
    const ours = aliasTargets(doc);
    // The two documents are parsed apart: compare the targets by their place in the text.
    const at = (n: unknown) => (n as { range?: number[] } | undefined)?.range?.[0];
    const place = (m: Map<unknown, unknown>) => [...m].map(([alias, target]) => [at(alias), at(target)]);
    expect(place(ours)).toEqual(place(library));
    expect([...ours.keys()].every(isAlias)).toBe(true);
  });

  test('a topology that shares a block by alias in every service loads and synthesizes as the same topology written out', () => {
    const image = 'asia-northeast1-docker.pkg.dev/acme-prod/run/app:1.0.0';
    const head = 'project: acme-prod\nregion: asia-northeast1\nnetwork: {name: run-vpc}\nservices:\n';
    const service = (i: number, image: string, scaling: string) => `  - {name: svc-${i}, image: ${image}, scaling: ${scaling}}\n`;
    const aliased =
      head +
      service(0, `&image ${image}`, '&scaling {maxInstances: 3}') +
      Array.from({ length: 39 }, (_, i) => service(i + 1, '*image', '*scaling')).join('');
    const written = head + Array.from({ length: 40 }, (_, i) => service(i, image, '{maxInstances: 3}')).join('');
    const a = parseTopology(aliased, 'topology.yaml');
    const w = parseTopology(written, 'topology.yaml');
    expect(a.findings).toEqual([]);
    expect(a.input).toEqual(w.input);
    const synthesized = synthesizeTopology(a.input);
    expect(synthesized.files.length).toBeGreaterThan(0);
    expect(synthesized).toEqual(synthesizeTopology(w.input));
  });
});
