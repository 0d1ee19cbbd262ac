import { join } from 'node:path';
import ts from 'typescript';
import { choices, EgressRoute, Ingress, ServiceFormat, SubnetPurpose } from '../../src/choices';
import { TOPOLOGY_SCHEMA } from '../../src/input/schema';

/*
 * Every choice is defined once (src/choices.ts). The schema's enums are built from those definitions, and the spec's
 * unions are their types; this walks the schema beside the spec's types (as the editor schema does) and fails when a
 * field's enum and its union differ, or when a field typed as a union of strings has no enum at all.
 */

type Schema = Record<string, unknown>;

const specFile = join(__dirname, '..', '..', 'src', 'input', 'spec.ts');
const program = ts.createProgram([specFile], { strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es5.d.ts'], types: [] });
const checker = program.getTypeChecker();
const topologySpec = program
  .getSourceFile(specFile)!
  .statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'TopologySpec')!;

/** The string values of a union of string literals, sorted; undefined for any other type. */
function stringUnion(type: ts.Type): string[] | undefined {
  const members = type.isUnion() ? type.types : [type];
  if (!members.every((m) => m.isStringLiteral())) return undefined;
  return members.map((m) => (m as ts.StringLiteralType).value).sort();
}

interface Choice {
  readonly path: string;
  readonly schemaEnum?: string[];
  readonly union?: string[];
}

/** Every field of `schema` with an enum or a string-union type, beside the other. */
function fieldChoices(schema: Schema, type: ts.Type, path: string, out: Choice[] = []): Choice[] {
  const t = checker.getNonNullableType(type);
  const union = stringUnion(t);
  const schemaEnum = Array.isArray(schema.enum)
    ? (schema.enum as unknown[])
        .filter((v) => v !== null)
        .map(String)
        .sort()
    : undefined;
  if (union || schemaEnum) out.push({ path, schemaEnum, union });
  if ((checker.isArrayType(t) || checker.isTupleType(t)) && schema.items && typeof schema.items === 'object') {
    const element = checker.getTypeArguments(t as ts.TypeReference)[0];
    if (element) fieldChoices(schema.items as Schema, element, `${path}[]`, out);
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties && !union) {
    for (const symbol of checker.getPropertiesOfType(t)) {
      const sub = properties[symbol.name];
      if (sub) fieldChoices(sub, checker.getTypeOfSymbol(symbol), path ? `${path}.${symbol.name}` : symbol.name, out);
    }
  }
  const values = t.getStringIndexType();
  if (values && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    fieldChoices(schema.additionalProperties as Schema, values, `${path}.*`, out);
  }
  return out;
}

function divergences(schema: Schema): string[] {
  return fieldChoices(schema, checker.getTypeAtLocation(topologySpec), '')
    .filter((c) => JSON.stringify(c.schemaEnum) !== JSON.stringify(c.union))
    .map((c) => `${c.path}: schema enum ${JSON.stringify(c.schemaEnum)}, spec union ${JSON.stringify(c.union)}`);
}

describe('choices', () => {
  const schema = TOPOLOGY_SCHEMA as unknown as Schema;

  test('every schema enum equals its field union in the spec', () => {
    expect(divergences(schema)).toEqual([]);
  });

  test('compares the choices it should', () => {
    const paths = fieldChoices(schema, checker.getTypeAtLocation(topologySpec), '').map((c) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'services[].ingress',
        'services[].egress.via',
        'services[].egress.route',
        'services[].access',
        'services[].executionEnvironment',
        'backends[].redis.tier',
        'backends[].redis.connectMode',
        'network.connector.machineType',
        'loadBalancing.mode',
        'delivery.cloudRun',
        'delivery.argocd.generator',
      ]),
    );
  });

  test.each([
    ['an enum that lost a value', ['all', 'internal'], /services\[\]\.ingress: schema enum \["all","internal"\], spec union/],
    ['an enum with a value the spec lacks', [...choices(Ingress), 'private'], /services\[\]\.ingress: schema enum/],
    ['a union with no enum', undefined, /services\[\]\.ingress: schema enum undefined/],
  ])('fails on %s', (_name, ingressEnum, message) => {
    const broken = JSON.parse(JSON.stringify(schema));
    const ingress = broken.properties.services.items.properties.ingress;
    if (ingressEnum) ingress.enum = ingressEnum;
    else delete ingress.enum;
    expect(divergences(broken)).toEqual([expect.stringMatching(message)]);
  });

  test('the construct enums are the topology file choices, by name', () => {
    expect(Ingress).toEqual({ ALL: 'all', INTERNAL: 'internal', INTERNAL_AND_CLOUD_LOAD_BALANCING: 'internal-and-cloud-load-balancing' });
    expect(choices(EgressRoute)).toEqual(['private-ranges-only', 'all-traffic']);
    expect(choices(ServiceFormat)).toEqual(['knative', 'config-connector']);
    expect(choices(SubnetPurpose)).toEqual(['PRIVATE', 'REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY']);
  });
});
