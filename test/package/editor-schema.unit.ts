import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { baseTopology } from '../helpers/synth';
import { compiledSchema } from '../helpers/compiled-schema';

// The editor schema lib/topology.schema.json (built by the global set-up from src/input/schema.ts and the
// TSDoc of src/input/spec.ts), as yaml-language-server would use it.
const root = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'lib', 'topology.schema.json'), 'utf8'));
const validate = compiledSchema('editor-schema', schema, { strict: true, allErrors: true });

function examples(): [string, unknown][] {
  const out: [string, unknown][] = [['topology.yaml', parse(readFileSync(join(root, 'topology.yaml'), 'utf8'))]];
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].forEach((m, i) => out.push([`README.md yaml block ${i + 1}`, parse(m[1])]));
  const goldens = join(root, 'test', 'golden');
  for (const d of readdirSync(goldens, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    out.push([`golden ${d.name}`, parse(readFileSync(join(goldens, d.name, 'topology.yaml'), 'utf8'))]);
  }
  const docs = join(root, 'docs', 'rules');
  for (const f of readdirSync(docs).filter((n) => n.endsWith('.md'))) {
    const good = /```yaml good\n([\s\S]*?)```/.exec(readFileSync(join(docs, f), 'utf8'));
    if (good) out.push([`docs/rules/${f} good example`, parse(good[1])]);
  }
  return out;
}

describe('the editor schema', () => {
  test.each(examples())('accepts %s', (_name, doc) => {
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  test.each([
    ['an unknown field', (t: any) => ({ ...t, projct: 'x' })],
    ['a service without an image', (t: any) => ({ ...t, services: [{ name: 'a' }] })],
    ['an ingress that does not exist', (t: any) => ({ ...t, services: [{ ...t.services[0], ingress: 'private' }] })],
    ['egress through something else', (t: any) => ({ ...t, services: [{ ...t.services[0], egress: { via: 'vpn' } }] })],
    ['no network', (t: any) => ({ ...t, network: undefined })],
    ['an unknown field in an environment', (t: any) => ({ ...t, environments: { prod: { projct: 'x' } } })],
    ['an environment name that is no folder name', (t: any) => ({ ...t, environments: { Prod: {} } })],
    ['a service override without a name', (t: any) => ({ ...t, environments: { prod: { services: [{ image: 'x' }] } } })],
    ['no network and no environments', (t: any) => ({ ...t, network: undefined, environments: undefined })],
  ])('refuses %s', (_name, mutate) => {
    expect(validate(JSON.parse(JSON.stringify(mutate(baseTopology()))))).toBe(false);
  });

  test('documents every field, with its default where the spec gives one', () => {
    const undocumented: string[] = [];
    const walk = (s: any, path: string) => {
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
        if (!v.description) undocumented.push(`${path}${k}`);
        walk(v, `${path}${k}.`);
        if (v.items) walk(v.items, `${path}${k}[].`);
        if (typeof v.additionalProperties === 'object') walk(v.additionalProperties, `${path}${k}.*.`);
      }
    };
    walk(schema, '');
    expect(undocumented).toEqual([]);
    expect(schema.properties.services.items.properties.ingress.default).toBe('internal');
    expect(schema.properties.services.items.properties.port.default).toBe(8080);
  });
});
