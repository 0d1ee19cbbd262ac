import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ALL_RULES, MODEL_RULES } from '../../src/rules';
import { validateTopology } from '../../src/validate/engine';

const root = join(__dirname, '..', '..');
const ruleFiles = readdirSync(join(root, 'src', 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

describe('every rule', () => {
  test('has a source file, and every source file is registered', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...ruleFiles].sort());
  });

  test('the model rules are registered sorted by id', () => {
    const ids = MODEL_RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const docPath = join(root, rule.docs.url);

    test('has its doc URL derived from its id, a summary, and a test file', () => {
      expect(rule.docs.url).toBe(`docs/rules/${id}.md`);
      expect(rule.docs.summary.length).toBeGreaterThan(10);
      expect(existsSync(join(root, 'test', 'rules', `${id}.rule.ts`))).toBe(true);
    });

    test('has a doc page with Summary, Why, Fix and Example', () => {
      const text = readFileSync(docPath, 'utf8');
      expect(text.startsWith(`# ${id}\n`)).toBe(true);
      for (const heading of ['## Summary', '## Why', '## Fix', '## Example']) expect(text).toContain(`\n${heading}\n`);
    });

    test("the doc's bad example triggers the rule and its good example does not", () => {
      const text = readFileSync(docPath, 'utf8');
      const example = (label: string) => {
        const m = new RegExp('```yaml ' + label + '\\n([\\s\\S]*?)```').exec(text);
        if (!m) throw new Error(`${docPath} has no \`\`\`yaml ${label} block`);
        return parse(m[1]);
      };
      const of = (input: unknown) => validateTopology(input).findings.filter((f) => f.ruleId === id);
      expect(of(example('bad')).length).toBeGreaterThan(0);
      // The good example is the fix: no error at all, and no finding of this rule, warnings included (a warning
      // rule's good example must silence it). Other rules' warnings (a connector's machine type) may stand.
      const good = validateTopology(example('good')).findings;
      expect(good.filter((f) => f.severity === 'error' || f.ruleId === id)).toEqual([]);
    });
  });
});
