import { workspace } from './temp';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { toYaml } from '../../src/yaml-emitter';
import { validateTopology } from '../../src/validate/engine';
import { InputRule } from '../../src/check/input-rule';
import { Rule } from '../../src/check/rule';
import { baseTopology } from './synth';

export interface InvalidCase {
  readonly name: string;
  /** Breaks the base topology (a valid client → server topology) in place. */
  readonly mutate: (t: any) => void;
  /** The exact path the finding must name. */
  readonly path: string;
  readonly severity?: 'error' | 'warning';
  /** A fragment the message must contain. */
  readonly message?: RegExp;
}

export interface ValidCase {
  readonly name: string;
  readonly mutate: (t: any) => void;
}

function build(mutate: (t: any) => void): any {
  const t = baseTopology();
  mutate(t);
  return t;
}

/**
 * The table test every rule gets: valid cases give no finding of the rule; each invalid case gives one at the
 * exact path with a fix, and (for errors) `runnel synth` exits 1 and leaves the output folder untouched.
 */
export function describeRule(rule: Rule | InputRule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    test.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_n, c) => {
      const { findings } = validateTopology(build(c.mutate));
      expect(findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    });

    test.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_n, c) => {
      const topology = build(c.mutate);
      const { findings } = validateTopology(topology);
      const mine = findings.filter((f) => f.ruleId === rule.id);
      expect(mine.map((f) => f.path)).toContain(c.path);
      const finding = mine.find((f) => f.path === c.path)!;
      expect(finding.severity).toBe(c.severity ?? 'error');
      expect(finding.fix.length).toBeGreaterThan(5);
      expect(finding.docUrl).toBe(`docs/rules/${rule.id}.md`);
      if (c.message) expect(finding.message).toMatch(c.message);
      if ((c.severity ?? 'error') === 'error') expectCliRefuses(topology, c.path);
    });
  });
}

const KEPT = 'sentinel: true\n';

/**
 * `runnel synth` on the topology exits 1, names the path, and leaves an existing output folder byte-identical. One
 * folder serves every case: each case overwrites the topology file and finds the output folder as it was, its one
 * file unchanged and nothing added (creating and removing two folders per case was a quarter of the rule cases' time).
 */
export function expectCliRefuses(topology: unknown, path: string): void {
  // A topology file and an output folder holding one file, made once per test file.
  const dir = workspace('rule', (d) => {
    mkdirSync(join(d, 'dist'));
    writeFileSync(join(d, 'dist', 'kept.yaml'), KEPT);
  });
  const [file, out] = [join(dir, 'topology.yaml'), join(dir, 'dist')];
  // runnel's emitter: the yaml library's text (lines unfolded) at a fraction of its cost, ~300 times a run.
  writeFileSync(file, toYaml(topology as Record<string, unknown>));
  const err: string[] = [];
  const code = runCli(['synth', '--topology', file, '--out', out], { out: () => undefined, err: (l) => err.push(l), env: {} });
  expect(code).toBe(1);
  expect(err.join('\n')).toContain(`${file}: ${path}: `);
  expect(readdirSync(out)).toEqual(['kept.yaml']);
  expect(readFileSync(join(out, 'kept.yaml'), 'utf8')).toBe(KEPT);
}
