import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withoutUndefined } from '../../imports/without-undefined';

const IMPORTS = join(__dirname, '..', '..', 'imports');

describe('the generated imports, as scripts/linear-imports.mjs leaves them', () => {
  test('no converter copies its object once per field: each calls withoutUndefined, imported once', () => {
    const files = readdirSync(IMPORTS).filter((n) => n.endsWith('.ts') && n !== 'without-undefined.ts');
    expect(files.length).toBeGreaterThan(10);
    for (const n of files) {
      const text = readFileSync(join(IMPORTS, n), 'utf8');
      // What `cdk8s import` writes, and what `npm run import` must leave replaced (scripts/linear-imports.mjs).
      expect({ file: n, quadratic: text.includes('return Object.entries(result).reduce(') }).toEqual({ file: n, quadratic: false });
      const imported = text.split("import { withoutUndefined } from './without-undefined';").length - 1;
      expect({ file: n, imported }).toEqual({ file: n, imported: text.includes('withoutUndefined(result)') ? 1 : 0 });
    }
  });

  test('every generated class extends PlainApiObject, which renders plain data in one pass', () => {
    const files = readdirSync(IMPORTS).filter((n) => n.endsWith('.cloud.google.com.ts') || n.endsWith('.knative.dev.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const n of files) {
      const text = readFileSync(join(IMPORTS, n), 'utf8');
      const count = (re: RegExp) => (text.match(re) ?? []).length;
      expect({ file: n, apiObject: count(/ extends ApiObject \{/g), plain: count(/ extends PlainApiObject \{/g) > 0 }).toEqual({
        file: n,
        apiObject: 0,
        plain: true,
      });
    }
  });

  test('withoutUndefined gives what the generated reduce gave: the defined fields, in order, __proto__ a field', () => {
    const generated = (obj: Record<string, unknown>) =>
      Object.entries(obj).reduce<Record<string, unknown>>((r, i) => (i[1] === undefined ? r : { ...r, [i[0]]: i[1] }), {});
    const cases: Record<string, unknown>[] = [
      {},
      { a: undefined },
      { z: 1, a: undefined, m: null, b: false, c: 0, d: '', e: [], f: {} },
      JSON.parse('{"__proto__": {"polluted": true}, "x": 1}'),
      { 2: 'two', 1: 'one', name: 'n' },
    ];
    for (const c of cases) {
      const got = withoutUndefined(c);
      expect(Object.keys(got)).toEqual(Object.keys(generated(c)));
      expect(got).toEqual(generated(c));
      expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    }
  });
});
