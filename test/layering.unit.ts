import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The pipeline, and which way imports point (STYLE.md): every import in src/ points down the pipeline, toward a
 * stage that runs earlier, or stays in its own stage. Stages, lowest first:
 *
 *   0 ground       src/*.ts (names, annotations, choices, defaults, finding types, the manifest type, CIDR math, the header)
 *   1 input        src/input/    the topology file's contract, schema, loading and shape check
 *   2 model        src/model/    defaults applied and derived facts: what the rules and constructs read
 *   3 check        src/check/, src/rules/   rules over the model, the engine that runs them, reporting
 *   4 constructs   one folder per GCP concept (project/: the APIs to enable), delivery constructs, PrivateTopology
 *   5 output       src/output/   render, YAML, sync waves, reference check, diagram, writing files
 *   6 api          src/synth.ts, src/index.ts
 *   7 cli          src/cli/
 *
 * The model runs before the rules (rules read the resolved model), so `model` sits below `check`.
 */
const STAGES: Record<string, number> = {
  input: 1,
  model: 2,
  check: 3,
  rules: 3,
  validate: 3,
  network: 4,
  serverless: 4,
  lb: 4,
  nat: 4,
  dns: 4,
  iam: 4,
  secrets: 4,
  backends: 4,
  connectivity: 4,
  delivery: 4,
  project: 4,
  topology: 4,
  output: 5,
  cli: 7,
};
const API_FILES = new Set(['synth.ts', 'index.ts']);

const src = resolve(__dirname, '..', 'src');

function stageOf(file: string): number {
  const rel = relative(src, file).split('/');
  if (rel.length === 1) return API_FILES.has(rel[0]) ? 6 : 0;
  const stage = STAGES[rel[0]];
  if (stage === undefined) throw new Error(`src/${rel[0]}/ is in no pipeline stage: add it to STAGES in test/layering.unit.ts`);
  return stage;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function resolveImport(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(src, from)} imports ${spec}, which is no file`);
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => resolveImport(file, m[1]));
}

/** Every import from a later stage's file into an earlier one's, as `from (stage) imports to (stage)`. */
function against(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    for (const to of targets) {
      if (to.startsWith(src) && stageOf(to) > stageOf(file)) {
        out.push(`${relative(src, file)} (stage ${stageOf(file)}) imports ${relative(src, to)} (stage ${stageOf(to)})`);
      }
    }
  }
  return out;
}

describe('the pipeline', () => {
  const files = sources(src);

  test('every folder of src/ is a stage', () => {
    for (const f of files) expect(() => stageOf(f)).not.toThrow();
  });

  test('no import runs against the pipeline', () => {
    expect(against(new Map(files.map((f) => [f, importsOf(f)])))).toEqual([]);
  });

  test('an import against the pipeline is reported', () => {
    const rule = join(src, 'rules', 'some-rule.ts');
    expect(against(new Map([[rule, [join(src, 'output', 'render.ts'), join(src, 'names.ts')]]]))).toEqual([
      'rules/some-rule.ts (stage 3) imports output/render.ts (stage 5)',
    ]);
  });
});
