import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { OutputFile } from './diff';
import { OUTPUT_MARKER } from '../output/write';

/**
 * The files of the output folder `outDir` as committed at `ref` (without runnel's marker); empty when the ref has no
 * such folder. Two git processes whatever the number of files: `ls-tree` lists the folder's blobs, `cat-file --batch`
 * reads them all (a `git show` per file was ~40 processes for the default topology's output, thousands for a large one).
 * @see https://git-scm.com/docs/git-cat-file#_batch_output
 */
export function committedOutput(ref: string, outDir: string, cwd: string): OutputFile[] {
  const git = (args: string[], input?: string) =>
    execFileSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
  git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const dir = relative(cwd, outDir) || '.';
  // `<mode> <type> <object>\t<path>`, NUL-terminated (-z: paths as they are, unquoted); paths relative to `cwd`.
  const blobs = git(['ls-tree', '-r', '-z', ref, '--', `${dir}/`])
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, object] = entry.slice(0, tab).split(' ');
      return { type, object, path: entry.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && relative(dir, e.path) !== OUTPUT_MARKER);
  if (blobs.length === 0) return [];
  const contents = readBatch(git(['cat-file', '--batch'], blobs.map((b) => `${b.object}\n`).join('')), blobs.length);
  return blobs.map((b, i) => ({ path: relative(dir, b.path), content: contents[i] }));
}

/** The contents in `cat-file --batch` output: per object `<object> <type> <size>\n`, then `<size>` bytes and `\n`. */
function readBatch(out: Buffer, count: number): string[] {
  const contents: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, eol).split(' ');
    if (header.length !== 3) throw new Error(`git cat-file: unexpected ${JSON.stringify(header.join(' '))}`);
    const size = Number(header[2]);
    contents.push(out.toString('utf8', eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return contents;
}
