import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCrdValidatorCache } from './crd';

const root = join(__dirname, '..', '..');

/** Newest modification time of everything lib/ is built from. */
function newestInput(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of readdirSync(path)) visit(join(path, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'imports', 'scripts/build.ts', 'scripts/editor-schema.ts', 'package.json', 'package-lock.json'])
    visit(join(root, p));
  return newest;
}

/** The oldest of the built files, or 0 when one is missing. */
function oldestOutput(): number {
  const times = ['runnel.js', 'cdk8s-app.js', 'index.js', 'topology.schema.json'].map(
    (f) => statSync(join(root, 'lib', f), { throwIfNoEntry: false })?.mtimeMs ?? 0,
  );
  return Math.min(...times);
}

/**
 * Runs once before any test: builds lib/ unless it is newer than everything it is built from (so the CLI
 * tests never exercise a stale bundle, and a second run does not rebuild for nothing), and compiles the strict
 * CRD validators once for every test file (see buildCrdValidatorCache).
 */
export default function globalSetup(): void {
  if (oldestOutput() <= newestInput()) {
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
  }
  buildCrdValidatorCache();
}
