import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runnel } from '../helpers/cli';
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
  const synth = () => runnel(['synth'], { cwd: dir });

  test('an unchanged re-synth touches nothing and says so', () => {
    expect(synth().status).toBe(0);
    const before = inodes(join(dir, 'dist'));
    const mtime = statSync(join(dir, 'dist')).mtimeMs;
    const again = synth();
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/runnel: dist already holds this output: nothing written/);
    expect(inodes(join(dir, 'dist'))).toEqual(before);
    expect(statSync(join(dir, 'dist')).mtimeMs).toBe(mtime);
  });

  test('a one-service change writes that service’s file anew and keeps every other file (same inode)', () => {
    expect(synth().status).toBe(0);
    // Knative mode: the service's file is in the gcloud folder beside dist/ (dist/ itself does not change).
    const both = () =>
      new Map([
        ...inodes(join(dir, 'dist')),
        ...[...inodes(join(dir, 'dist-gcloud'))].map(([p, i]) => [`../dist-gcloud/${p}`, i] as const),
      ]);
    const before = both();
    writeFileSync(topology, readFileSync(topology, 'utf8').replace('run/batch:0.9.1', 'run/batch:0.9.2'));
    expect(synth().status).toBe(0);
    const after = both();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const renewed = [...after].filter(([path, ino]) => before.get(path) !== ino).map(([path]) => path);
    expect(renewed).toEqual(['../dist-gcloud/cloud-run/batch-service.yaml']);
    expect(readFileSync(join(dir, 'dist-gcloud', 'cloud-run', 'batch-service.yaml'), 'utf8')).toContain('run/batch:0.9.2');
  });
});
