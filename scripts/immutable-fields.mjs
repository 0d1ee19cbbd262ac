#!/usr/bin/env node
// Writes src/cli/immutable-fields.json: for each Config Connector kind runnel emits, the spec fields whose
// CRD description says "Immutable." (GCP cannot change them in place, so Config Connector rejects the update
// and the resource must be recreated). Run by `npm run import`; a test checks it is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = resolve(import.meta.dirname, '..');

/** `{ kind: { crd: file name, fields: [dotted paths, "[]" for list items] } }`, sorted. */
export function immutableFields(crdDir, files) {
  const out = {};
  for (const file of [...files].sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(crdDir, file), 'utf8')).map((d) => d.toJS())) {
      if (doc?.kind !== 'CustomResourceDefinition') continue;
      const version = doc.spec.versions.find((v) => v.storage) ?? doc.spec.versions[0];
      const fields = [];
      const visit = (schema, path) => {
        if (!schema || typeof schema !== 'object') return;
        if (path && /^Immutable\b/.test(String(schema.description ?? '').trim())) fields.push(path);
        for (const [k, v] of Object.entries(schema.properties ?? {})) visit(v, path ? `${path}.${k}` : k);
        if (schema.items) visit(schema.items, `${path}[]`);
      };
      visit(version.schema.openAPIV3Schema.properties.spec, 'spec');
      out[doc.spec.names.kind] = { crd: file, fields: fields.sort() };
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const OUTPUT = process.env.RUNNEL_IMMUTABLE_OUT ?? join(root, 'src', 'cli', 'immutable-fields.json');

if (process.argv[1] === import.meta.filename) {
  const crdDir = resolve(root, process.argv[2] ?? '../shared/crds/config-connector');
  const files = process.argv.slice(3);
  writeFileSync(OUTPUT, `${JSON.stringify(immutableFields(crdDir, files), null, 2)}\n`);
}
