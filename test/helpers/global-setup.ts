import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildCrdValidatorCache } from './crd';

/**
 * Runs once before any test: builds lib/, so the CLI tests exercise the code under test, never a stale bundle,
 * and compiles the strict CRD validators once for every test file (see buildCrdValidatorCache).
 */
export default function globalSetup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
  buildCrdValidatorCache();
}
