import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlainApiObject } from '../../imports/plain-api-object';
import { ServiceSpecTemplateSpecContainersResourcesLimits } from '../../imports/serving.knative.dev';
import { benchTopology } from '../../bench/topology';
import { parseTopology } from '../../src/input/load';
import { readServiceManifests } from '../../src/input/service-manifest';
import { PrivateTopology } from '../../src/topology/private-topology';
import { validateTopology } from '../../src/validate/engine';

// imports/plain-api-object.ts renders plain data in one pass where cdk8s' ApiObject.toJson() resolves, copies and
// sanitizes it. Both are compared here: on every object runnel emits, and on generated values of every kind cdk8s
// treats in its own way. Compared as JSON text, so key order (which the YAML keeps) counts.

/** What cdk8s renders for the object: ApiObject.toJson() (before the generated class converts field names). */
function byCdk8s(o: ApiObject): { json?: string; error?: string } {
  try {
    return { json: JSON.stringify(ApiObject.prototype.toJson.call(o)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What PlainApiObject renders: its one-pass rendering, or cdk8s' when it leaves the object to it. */
function byPlainApiObject(o: PlainApiObject): { json?: string; error?: string } {
  try {
    return { json: JSON.stringify(PlainApiObject.prototype.toJson.call(o)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const root = join(__dirname, '..', '..');
const goldens = readdirSync(join(root, 'test', 'golden'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function topologyObjects(input: unknown, manifests?: ReturnType<typeof readServiceManifests>): PlainApiObject[] {
  const { model } = validateTopology(input, manifests);
  if (!model) throw new Error('the topology does not validate');
  const app = new App({ outdir: 'unused' });
  new PrivateTopology(app, 'runnel', { model });
  const objects = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  // Every object runnel builds is one: the generated classes extend it, and so do the few built from ApiObject.
  const other = objects.filter((o) => !(o instanceof PlainApiObject)).map((o: ApiObject) => o.node.path);
  if (other.length > 0) throw new Error(`not PlainApiObjects: ${other.join(', ')}`);
  return objects as PlainApiObject[];
}

const read = (file: string) => parseTopology(readFileSync(file, 'utf8'), file).input as Record<string, unknown>;
const topologies: Array<[string, () => PlainApiObject[]]> = [
  ['the default topology', () => topologyObjects(read(join(root, 'topology.yaml')))],
  // A topology with environments is one model per environment; each golden environment's file has its own test.
  ...goldens
    .filter((g) => !('environments' in read(join(root, 'test', 'golden', g, 'topology.yaml'))))
    .map((g): [string, () => PlainApiObject[]] => [
      `golden ${g}`,
      () => {
        const input = read(join(root, 'test', 'golden', g, 'topology.yaml'));
        return topologyObjects(input, readServiceManifests(input, join(root, 'test', 'golden', g)));
      },
    ]),
  // The bench topologies cycle through six kinds of service: twelve hold each kind twice.
  ['12 services of every kind', () => topologyObjects(benchTopology(12))],
  ['12 services behind a shared load balancer', () => topologyObjects(benchTopology(12, { loadBalancing: 'shared' }))],
];

describe.each(topologies)('%s', (_name, objects) => {
  test('every object renders in one pass, exactly as cdk8s renders it', () => {
    const all = objects();
    expect(all.length).toBeGreaterThan(2);
    // Every object runnel emits is plain data (a Lazy and number-or-string unions included): none is left to cdk8s.
    expect(all.filter((o) => PlainApiObject.plainJson(o) === undefined).map((o) => o.node.path)).toEqual([]);
    const differ = all.filter((o) => JSON.stringify(byPlainApiObject(o)) !== JSON.stringify(byCdk8s(o)));
    expect(differ.map((o) => [o.node.path, byPlainApiObject(o), byCdk8s(o)])).toEqual([]);
  });
});

class Instance {
  constructor(public readonly value: string) {}
}

/** A token of the user's: a class with a `resolve` method, which cdk8s calls before it looks at `value`. */
class Token {
  public readonly value = 'unresolved';
  resolve(): string {
    return 'resolved';
  }
}

/** `leaf` values nested: Lazy values producing them, arrays of them, and objects of them under `key`s. */
function nested(leaf: fc.Arbitrary<unknown>, key: fc.Arbitrary<string>, dictionary: fc.DictionaryConstraints = {}): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    lazy: tie('value').map((v) => Lazy.any({ produce: () => v })),
    list: fc.array(tie('value'), { maxLength: 4 }),
    map: fc.dictionary(key, tie('value'), { maxKeys: 5, ...dictionary }),
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('lazy'), tie('list'), tie('map')),
  })).value;
}

/** Values of every kind cdk8s' resolvers and sanitizer treat in their own way, nested. */
const value = nested(
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant([]),
    fc.constant({}),
    fc.string().map((s) => ServiceSpecTemplateSpecContainersResourcesLimits.fromString(s)),
    fc.integer().map((n) => ServiceSpecTemplateSpecContainersResourcesLimits.fromNumber(n)),
    fc.constant(new Instance('a class instance with a string value')),
    fc.constant(new Date(0)),
    fc.constant(() => 'a function'),
    fc.constant({ resolve: () => 'an implicit token' }),
    fc.constant(Object.create(null)),
    fc.constant(JSON.parse('{"__proto__": {"a": 1}}')),
    fc.constant({ constructor: 'c', value: 'v' }),
    // eslint-disable-next-line no-sparse-arrays
    fc.constant([1, , 2]),
  ),
  fc.oneof(fc.string(), fc.constantFrom('apiVersion', 'kind', 'metadata', 'value', 'resolve')),
);

/** Values that take the one-pass rendering: plain data, Lazy values and number-or-string unions. */
const plainValue = nested(
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constant([]),
    fc.constant({}),
    fc.string().map((s) => ServiceSpecTemplateSpecContainersResourcesLimits.fromString(s)),
  ),
  fc.string().filter((k) => k !== '__proto__' && k !== 'constructor'),
  { noNullPrototype: true },
);

const metadata = (v: fc.Arbitrary<unknown>) =>
  fc.record(
    {
      name: fc.constantFrom('a', 'b-1'),
      namespace: fc.option(fc.constantFrom('team-a', ''), { nil: undefined }),
      labels: fc.dictionary(fc.string(), v, { maxKeys: 3 }),
      annotations: fc.dictionary(fc.string(), v, { maxKeys: 3 }),
      finalizers: fc.array(v, { maxLength: 2 }),
      generateName: v,
    },
    { requiredKeys: ['name'] },
  );

const object = (v: fc.Arbitrary<unknown>) =>
  fc.record({ metadata: metadata(v), spec: v, status: v, extra: fc.dictionary(fc.string(), v, { maxKeys: 3 }) });

/** One chart for every generated object (an app and a chart per run were most of a run's time). */
let chart: Chart | undefined;
let built = 0;

function build(props: { metadata: unknown; spec: unknown; status: unknown; extra: Record<string, unknown> }): PlainApiObject {
  chart ??= new Chart(Testing.app({ outdir: 'unused' }), 'chart', { labels: { team: 'a' } });
  return new PlainApiObject(chart, `object-${built++}`, {
    ...props.extra,
    apiVersion: 'example.com/v1',
    kind: 'Example',
    metadata: props.metadata as never,
    spec: props.spec,
    status: props.status,
  });
}

describe('on generated objects', () => {
  test('it renders what cdk8s renders, or throws what cdk8s throws, whatever the values', () => {
    fc.assert(
      fc.property(object(value), (props) => {
        const o = build(props);
        const [plain, cdk8s] = [byPlainApiObject(o), byCdk8s(o)];
        if (JSON.stringify(plain) !== JSON.stringify(cdk8s)) expect(plain).toEqual(cdk8s);
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });

  test('plain data, Lazy values and number-or-string unions take the one pass, and it agrees with cdk8s', () => {
    fc.assert(
      fc.property(object(plainValue), (props) => {
        const o = build(props);
        const plain = PlainApiObject.plainJson(o);
        if (plain === undefined) expect('left to cdk8s').toBe('rendered in one pass');
        const cdk8s = byCdk8s(o);
        if (JSON.stringify({ json: JSON.stringify(plain) }) !== JSON.stringify(cdk8s))
          expect({ json: JSON.stringify(plain) }).toEqual(cdk8s);
      }),
      { numRuns: 250, seed: 20261202 },
    );
  });

  // Each of cdk8s' special cases alone, where nothing else in the object sends it to cdk8s: a property run meets them
  // mostly beside a function or a class instance, which leaves the whole object to cdk8s anyway.
  test.each<[string, () => unknown]>([
    ['an own constructor field and a value (cdk8s takes it for a number-or-string union)', () => ({ constructor: 'c', value: 'v' })],
    ['an own __proto__ field (cdk8s sets the copy’s prototype)', () => JSON.parse('{"__proto__": {"a": 1}, "b": 2}')],
    ['an object without a prototype', () => Object.assign(Object.create(null), { a: 1 })],
    ['an object whose prototype is a plain object, with a value', () => Object.assign(Object.create({}), { value: 'v', other: 1 })],
    ['a class instance with a string value', () => new Instance('v')],
    ['a number-or-string union', () => ServiceSpecTemplateSpecContainersResourcesLimits.fromString('1Gi')],
    [
      'a Lazy producing a Lazy producing plain data',
      () => Lazy.any({ produce: () => Lazy.any({ produce: () => ({ b: [null, {}], a: 1 }) }) }),
    ],
    ['an object with a resolve method', () => ({ resolve: () => ({ a: 1 }) })],
    ['a class instance with a resolve method and a string value', () => new Token()],
    // eslint-disable-next-line no-sparse-arrays
    ['an array with a hole', () => [1, , 2]],
    ['nulls, undefined and empty values, nested', () => ({ a: null, b: undefined, c: [], d: {}, e: [null, undefined, [], {}] })],
  ])('%s: as cdk8s renders it, in spec and in metadata', (_name, make) => {
    for (const props of [
      { metadata: { name: 'a' }, spec: make(), status: undefined, extra: {} },
      {
        metadata: { name: 'a', labels: { l: make() }, annotations: { n: make() }, finalizers: [make()], generateName: make() },
        spec: 1,
        status: undefined,
        extra: {},
      },
    ]) {
      const o = build(props as never);
      expect(byPlainApiObject(o)).toEqual(byCdk8s(o));
      expect(JSON.stringify(byPlainApiObject(o))).toBe(JSON.stringify(byCdk8s(o)));
    }
  });

  test('metadata with an own __proto__ field: as cdk8s renders it', () => {
    const o = build({ metadata: JSON.parse('{"name": "a", "__proto__": {"labels": {"x": "y"}}}'), spec: 1, status: undefined, extra: {} });
    expect(JSON.stringify(byPlainApiObject(o))).toBe(JSON.stringify(byCdk8s(o)));
  });

  test('a JSON patch, a resolver of the user’s or CDK8S_DISABLE_SORT leave the object to cdk8s, which applies them', () => {
    const plainProps = { metadata: { name: 'a' }, spec: { b: 1, a: 2 }, status: undefined, extra: {} };
    const patched = build(plainProps);
    patched.addJsonPatch(JsonPatch.add('/spec/c', 3));
    expect(PlainApiObject.plainJson(patched)).toBeUndefined();
    expect(patched.toJson().spec).toEqual({ a: 2, b: 1, c: 3 });

    const app = new App({ outdir: 'unused', resolvers: [{ resolve: (c) => c.value === 1 && c.replaceValue(10) }] });
    const resolved = new PlainApiObject(new Chart(app, 'chart'), 'object', { apiVersion: 'v1', kind: 'Example', spec: { b: 1 } });
    expect(PlainApiObject.plainJson(resolved)).toBeUndefined();
    expect(resolved.toJson().spec).toEqual({ b: 10 });

    const unsorted = build(plainProps);
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      expect(PlainApiObject.plainJson(unsorted)).toBeUndefined();
      expect(Object.keys(unsorted.toJson().spec)).toEqual(['b', 'a']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
    expect(Object.keys(unsorted.toJson().spec)).toEqual(['a', 'b']);
  });
});
