import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RenderedFile } from './render';

/** Writes files into `dir`, which must be empty or absent (as after `cdk8s synth` wiped it). */
export function writeFiles(dir: string, files: readonly RenderedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

/**
 * Replaces `dir` with exactly `files`, all or nothing: the files are written to a sibling folder first, and
 * the old folder is swapped out only once they are all on disk. A failure leaves `dir` as it was.
 */
export function replaceDirectory(dir: string, files: readonly RenderedFile[]): void {
  const target = resolve(dir);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.runnel-${basename(target)}-`));
  const old = `${staging}.old`;
  try {
    writeFiles(staging, files);
    if (existsSync(target)) renameSync(target, old);
    renameSync(staging, target);
  } catch (e) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  rmSync(old, { recursive: true, force: true });
}
