import { tempDir } from './temp';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run';
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

/** `runnel synth` on the topology exits 1, names the path, and leaves an existing output folder byte-identical. */
export function expectCliRefuses(topology: unknown, path: string): void {
  const dir = tempDir('rule');
  const file = join(dir, 'topology.yaml');
  writeFileSync(file, stringify(topology));
  const out = join(dir, 'dist');
  mkdirSync(out);
  writeFileSync(join(out, 'kept.yaml'), 'sentinel: true\n');
  const err: string[] = [];
  const code = runCli(['synth', '--topology', file, '--out', out], { out: () => undefined, err: (l) => err.push(l), env: {} });
  expect(code).toBe(1);
  expect(err.join('\n')).toContain(`${file}: ${path}: `);
  expect(readFileSync(join(out, 'kept.yaml'), 'utf8')).toBe('sentinel: true\n');
}
