import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runnelHere } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

/** Inode of every file under `dir`, by path. */
function inodes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else out.set(`${rel}${e.name}`, statSync(join(d, e.name)).ino);
    }
  };
  walk(dir, '');
  return out;
}

describe('synth writes only what changed', () => {
  const dir = tempDir('write');
  const topology = join(dir, 'topology.yaml');
  writeFileSync(topology, readFileSync(join(ROOT, 'topology.yaml')));
  // In process: what is tested is which files synth writes, not the process (test/helpers/cli.ts).
  const synth = () => runnelHere(['synth'], { cwd: dir });

  test('an unchanged re-synth touches nothing and says so', async () => {
    expect((await synth()).status).toBe(0);
    const before = inodes(join(dir, 'dist'));
    const mtime = statSync(join(dir, 'dist')).mtimeMs;
    const again = await synth();
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/runnel: dist already holds this output: nothing written/);
    expect(inodes(join(dir, 'dist'))).toEqual(before);
    expect(statSync(join(dir, 'dist')).mtimeMs).toBe(mtime);
  });

  test('a one-service change writes that service’s file anew and keeps every other file (same inode)', async () => {
    expect((await synth()).status).toBe(0);
    // Knative mode: the service's file is in the gcloud folder beside dist/ (dist/ itself does not change).
    const both = () =>
      new Map([
        ...inodes(join(dir, 'dist')),
        ...[...inodes(join(dir, 'dist-gcloud'))].map(([p, i]) => [`../dist-gcloud/${p}`, i] as const),
      ]);
    const before = both();
    writeFileSync(topology, readFileSync(topology, 'utf8').replace('run/batch:0.9.1', 'run/batch:0.9.2'));
    expect((await synth()).status).toBe(0);
    const after = both();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const renewed = [...after].filter(([path, ino]) => before.get(path) !== ino).map(([path]) => path);
    expect(renewed).toEqual(['../dist-gcloud/cloud-run/batch-service.yaml']);
    expect(readFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'batch-service.yaml'), 'utf8')).toContain('run/batch:0.9.2');
  });

  test('the previous output is compared byte for byte: a same-size edit, a stray file and a stray link are replaced, the rest kept', async () => {
    expect((await synth()).status).toBe(0);
    // Knative mode: the service files are in the gcloud folder beside dist/, written the same way.
    const expected = readFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'batch-service.yaml'), 'utf8');
    const before = inodes(join(dir, 'dist-gcloud'));
    // Same size, other bytes: a size check alone would keep it.
    const edited = expected.replace('batch-service', 'batch-servicf');
    expect(edited).not.toBe(expected);
    expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(expected));
    writeFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'batch-service.yaml'), edited);
    writeFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'stray.yaml'), 'stray: true\n');
    symlinkSync('batch-service.yaml', join(dir, 'dist-gcloud', 'cloud-run', 'link.yaml'));
    const r = await synth();
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/dist-gcloud already holds this output/);
    expect(readFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'batch-service.yaml'), 'utf8')).toBe(expected);
    expect(existsSync(join(dir, 'dist-gcloud', 'cloud-run', 'stray.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'dist-gcloud', 'cloud-run', 'link.yaml'))).toBe(false);
    const after = inodes(join(dir, 'dist-gcloud'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const renewed = [...after].filter(([path, ino]) => before.get(path) !== ino).map(([path]) => path);
    expect(renewed).toEqual(['cloud-run/batch-service.yaml']);
  });

  test('an empty folder left in the output is no change (as before): nothing is written', async () => {
    expect((await synth()).status).toBe(0);
    mkdirSync(join(dir, 'dist', 'notes', 'empty'), { recursive: true });
    const again = await synth();
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/nothing written/);
    writeFileSync(join(dir, 'dist', 'notes', 'empty', 'kept.txt'), 'mine\n');
    expect((await synth()).status).toBe(0);
    expect(existsSync(join(dir, 'dist', 'notes'))).toBe(false);
  });
});
