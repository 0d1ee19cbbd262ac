#!/usr/bin/env node
// Rewrites the generated imports/*.ts (run by import-crds.mjs after `cdk8s import`; idempotent). Two changes, each
// giving the same objects as the generated code, faster:
//
// 1. cdk8s import drops a converted object's undefined fields with
//      Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})
//    which copies the object once per defined field: quadratic in its fields, for every object and nested object of
//    every synth (at 1,000 services ~6,000 objects; ~5% of a synth's CPU in the profile). This replaces it with one
//    loop, in imports/without-undefined.ts, that gives the same object: the same own keys in the same order.
// 2. Every generated class extends PlainApiObject (imports/plain-api-object.ts, hand-written) in place of cdk8s'
//    ApiObject: the same object, whose toJson() renders plain data in one pass (~15% of a synth less) and leaves anything
//    else to cdk8s.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const QUADRATIC = 'return Object.entries(result).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});';
const LINEAR = 'return withoutUndefined(result);';
const MODULE = 'without-undefined';
const IMPORT = `import { withoutUndefined } from './${MODULE}';\n`;
const HELPER = `// Written by scripts/linear-imports.mjs: what the generated converters call in place of cdk8s import's
// quadratic Object.entries(...).reduce(...) copy.

/** The fields of \`obj\` whose value is not undefined, in order. */
export function withoutUndefined(obj: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    // A field named __proto__ stays a field, as in the spread this replaces (assigning it would set the prototype).
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
`;

const PLAIN_MODULE = 'plain-api-object';
const PLAIN_IMPORT = `import { PlainApiObject } from './${PLAIN_MODULE}';\n`;
const GENERATED_CDK8S_IMPORT = "import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';\n";

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'imports'));
writeFileSync(join(dir, `${MODULE}.ts`), HELPER);
// Hand-written, not generated: import-crds.mjs keeps it when it regenerates the folder.
if (!existsSync(join(dir, `${PLAIN_MODULE}.ts`))) throw new Error(`${dir}/${PLAIN_MODULE}.ts is missing: restore it from git`);
const helpers = new Set([`${MODULE}.ts`, `${PLAIN_MODULE}.ts`]);
for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !helpers.has(n))) {
  const file = join(dir, name);
  const text = readFileSync(file, 'utf8');
  let body = text.split(QUADRATIC).join(LINEAR);
  body = body.replace(/ extends ApiObject \{\n/g, ' extends PlainApiObject {\n');
  // The generated module imported ApiObject only to extend it.
  if (!/\bApiObject\b(?!Metadata)/.test(body.replace(GENERATED_CDK8S_IMPORT, ''))) {
    body = body.replace(GENERATED_CDK8S_IMPORT, "import { ApiObjectMetadata, GroupVersionKind } from 'cdk8s';\n");
  }
  // After the generated imports (`import { Construct } from 'constructs';`), once each.
  for (const [imported, used] of [
    [IMPORT, body.includes(LINEAR)],
    [PLAIN_IMPORT, body.includes(' extends PlainApiObject {')],
  ]) {
    if (!used || body.includes(imported)) continue;
    const at = body.indexOf("import { Construct } from 'constructs';\n");
    if (at < 0) throw new Error(`${name}: no import of constructs to put ${imported.trim()} after`);
    const end = body.indexOf('\n', at) + 1;
    body = body.slice(0, end) + imported + body.slice(end);
  }
  if (body !== text) writeFileSync(file, body);
}
