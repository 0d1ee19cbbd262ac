import { tempDir } from '../helpers/temp';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A smoke run of `npm run bench`: the script runs every command it measures and writes its table.
// It asserts no speed: figures belong in bench/RESULTS.md, not in tests.
test('the bench script measures every command and writes the results table', () => {
  const out = join(tempDir('bench-test'), 'RESULTS.md');
  const root = join(__dirname, '..', '..');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'synth.bench.ts'), '--smoke', '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
  expect(r.stderr).not.toMatch(/bench failed/);
  expect(r.status).toBe(0);
  const table = readFileSync(out, 'utf8');
  for (const label of ['default', '1', '10']) {
    expect(table).toMatch(new RegExp(`^\\| ${label} \\| \\d+ \\| \\d+ \\| \\d+ \\| \\d+ ms \\(sys \\d+ ms\\), \\d+ MB \\|`, 'm'));
  }
  expect(table).toMatch(/README synth of the default topology ≤ 4× `node -e ''` \| [\d.]+× \| (met|\*\*missed\*\*) \|/);
  expect(table).toContain('Node.js v');
});
