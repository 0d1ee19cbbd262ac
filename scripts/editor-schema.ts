/**
 * The editor schema (`topology.schema.json`): the topology file's JSON Schema (src/input/schema.ts, which the
 * compiler already ties to spec.ts's types) with every field's description read from spec.ts's TSDoc and its
 * default from the defaults table (src/defaults.ts), so an editor running yaml-language-server completes,
 * documents and checks topology.yaml as runnel does.
 *
 * Hand-written rather than a schema generator (typescript-json-schema, ts-json-schema-generator): runnel's
 * schema already exists and is what runnel validates with; only the words are missing, and the compiler API
 * that reads them is already a development dependency.
 */
import ts from 'typescript';
import { join } from 'node:path';
import { TOPOLOGY_SCHEMA } from '../src/input/schema';
import { ENVIRONMENT_NAME, NAMED_LISTS } from '../src/input/environments';
import { contractDefault } from '../src/input/defaults';

type Schema = Record<string, unknown>;

interface Doc {
  readonly description?: string;
  readonly defaultText?: string;
  /** The field's default in the defaults table (src/defaults.ts), by the interface that declares it. */
  readonly tableDefault?: { readonly value: unknown };
  /** `Interface.field`, for errors. */
  readonly key?: string;
}

/** The interface that declares a property and the property's path inside it (through object types written inline). */
function declaredIn(symbol: ts.Symbol): { interfaceName: string; path: string[] } | undefined {
  const path: string[] = [];
  let node: ts.Node | undefined = symbol.declarations?.[0];
  while (node) {
    if (ts.isPropertySignature(node)) path.unshift(node.name.getText());
    else if (ts.isInterfaceDeclaration(node)) return { interfaceName: node.name.text, path };
    else if (!ts.isTypeLiteralNode(node)) return undefined;
    node = node.parent;
  }
  return undefined;
}

/** TSDoc of one property: the summary, the `@default` tag's text, and the table's default. */
function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): Doc {
  const description = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() || undefined;
  const tag = symbol.getJsDocTags(checker).find((t) => t.name === 'default');
  const defaultText = tag ? ts.displayPartsToString(tag.text).trim() : undefined;
  const at = declaredIn(symbol);
  return {
    description,
    defaultText,
    ...(at ? { tableDefault: contractDefault(at.interfaceName, at.path), key: [at.interfaceName, ...at.path].join('.') } : {}),
  };
}

/** Whether a `@default` states a value (`'internal'`, `8080`, `false`, `[]`); prose (`- none`, a template) stays words. */
function isLiteral(text: string): boolean {
  if (/^'(.*)'$/.test(text)) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A field's description, and its `default` where the doc states a value: that value is read from the defaults
 * table, which test/input/defaults.unit.ts holds equal to the doc.
 */
function describe(schema: Schema, doc: Doc): void {
  const parts: string[] = [];
  if (doc.description) parts.push(doc.description);
  if (doc.defaultText !== undefined) {
    if (isLiteral(doc.defaultText)) {
      if (!doc.tableDefault) throw new Error(`${doc.key ?? 'a field'}: @default ${doc.defaultText} is in no entry of src/defaults.ts`);
      schema.default = doc.tableDefault.value;
    } else parts.push(`Default: ${doc.defaultText.replace(/^- /, '')}`);
  }
  if (parts.length > 0) schema.description = parts.join('\n\n');
}

/** Walks the schema beside the type it describes, documenting each property from its declaration. */
function annotate(schema: Schema, type: ts.Type, checker: ts.TypeChecker): void {
  const t = checker.getNonNullableType(type);
  if (checker.isArrayType(t) || checker.isTupleType(t)) {
    const element = checker.getTypeArguments(t as ts.TypeReference)[0];
    if (element && schema.items && typeof schema.items === 'object') annotate(schema.items as Schema, element, checker);
    return;
  }
  const properties = schema.properties as Record<string, Schema> | undefined;
  if (properties) {
    for (const symbol of checker.getPropertiesOfType(t)) {
      const sub = properties[symbol.name];
      if (!sub) continue;
      describe(sub, docOf(symbol, checker));
      annotate(sub, checker.getTypeOfSymbol(symbol), checker);
    }
  }
  const values = t.getStringIndexType();
  if (values && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    annotate(schema.additionalProperties as Schema, values, checker);
  }
}

/** Ajv's `nullable: true` is not JSON Schema: editors read it as a type that also admits null. */
function standardize(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(standardize);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    if (k === 'nullable') continue;
    out[k] = k === 'enum' || k === 'required' || k === 'default' ? v : standardize(v);
  }
  const s = schema as Schema;
  if (s.nullable === true && typeof s.type === 'string') {
    out.type = [s.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export function editorSchema(root: string): Schema {
  const specFile = join(root, 'src', 'input', 'spec.ts');
  // spec.ts imports nothing: the ES5 lib (for ReadonlyArray) is all the checker needs, and ~3× faster than the default.
  const program = ts.createProgram([specFile], { strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es5.d.ts'], types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(specFile);
  if (!source) throw new Error(`cannot read ${specFile}`);
  const spec = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'TopologySpec');
  if (!spec) throw new Error('spec.ts declares no TopologySpec');
  const schema = standardize(JSON.parse(JSON.stringify(TOPOLOGY_SCHEMA))) as Schema;
  annotate(schema, checker.getTypeAtLocation(spec), checker);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'runnel topology',
    description: 'A private Cloud Run topology: which services call which, and what they use. See the README of runnel.',
    ...withEnvironments(schema, environmentDocs(root)),
  };
}

/** The TSDoc of EnvironmentSpec's own fields (src/input/environments.ts): `cluster`, `peeredWith`, `values`. */
function environmentDocs(root: string): Record<string, Doc> {
  const file = join(root, 'src', 'input', 'environments.ts');
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, lib: ['lib.es5.d.ts'], types: [] });
  const checker = program.getTypeChecker();
  const decl = program
    .getSourceFile(file)
    ?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'EnvironmentSpec');
  if (!decl) throw new Error('environments.ts declares no EnvironmentSpec');
  const docs: Record<string, Doc> = {};
  for (const symbol of checker.getPropertiesOfType(checker.getTypeAtLocation(decl))) docs[symbol.name] = docOf(symbol, checker);
  return docs;
}

/** A copy of a topology schema where nothing is required and every value may be null (an override removes it). */
function partial(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(partial);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema as Schema)) {
    if (k === 'required') continue;
    out[k] = k === 'enum' || k === 'default' || k === 'type' ? v : partial(v);
  }
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/**
 * `environments:` (src/input/environments.ts): each entry overrides any top-level field, so its schema is the
 * topology's with nothing required (an item of `services`, `backends` or `secrets` needs only its `name`), plus the
 * environment's own fields. The shared shape may then leave the required fields to the environments.
 */
function withEnvironments(schema: Schema, docs: Record<string, Doc>): Schema {
  const properties = schema.properties as Record<string, Schema>;
  const overrides = partial(properties) as Record<string, Schema>;
  for (const list of NAMED_LISTS) {
    const items = overrides[list]?.items as Schema | undefined;
    if (items) items.required = ['name'];
  }
  const own = (name: string, sub: Schema): Schema => {
    describe(sub, docs[name] ?? {});
    return sub;
  };
  const entry: Schema = {
    type: ['object', 'null'],
    description:
      'One environment: any top-level field overrides the shared shape (maps merge, services/backends/secrets merge by name, null removes a field).',
    additionalProperties: false,
    properties: {
      ...overrides,
      cluster: own('cluster', { type: 'string', pattern: '^https://' }),
      peeredWith: own('peeredWith', { type: 'array', items: { type: 'string' } }),
      values: own('values', { type: 'object', additionalProperties: { type: 'string' } }),
    },
  };
  const { required, ...rest } = schema;
  return {
    ...rest,
    properties: {
      ...properties,
      environments: {
        type: 'object',
        description:
          'Environments (dev, staging, prod...) of this topology: each is rendered to dist/<name>/ from the shared shape with its overrides. See the README of runnel.',
        minProperties: 1,
        propertyNames: { pattern: ENVIRONMENT_NAME.source },
        additionalProperties: entry,
      },
    },
    // Ajv's strictRequired wants each required name declared beside it: `true` adds no constraint.
    anyOf: [
      { required, properties: Object.fromEntries((required as string[]).map((r) => [r, true])) },
      { required: ['environments'], properties: { environments: true } },
    ],
  };
}
