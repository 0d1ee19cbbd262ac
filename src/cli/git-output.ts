import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { OutputFile } from './diff';
import { OUTPUT_MARKER } from '../output/write';

/** The files of the output folder `outDir` as committed at `ref` (without runnel's marker); empty when the ref has no such folder. */
export function committedOutput(ref: string, outDir: string, cwd: string): OutputFile[] {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  const dir = relative(cwd, outDir) || '.';
  const paths = git('ls-tree', '-r', '--name-only', ref, '--', `${dir}/`)
    .split('\n')
    .filter((p) => p.length > 0 && relative(dir, p) !== OUTPUT_MARKER);
  return paths.map((p) => ({ path: relative(dir, p), content: git('show', `${ref}:./${p}`) }));
}
