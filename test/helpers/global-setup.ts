import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds lib/ before any test runs, so the CLI tests exercise the code under test, never a stale bundle. */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
}
