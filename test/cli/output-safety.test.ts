import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_MARKER } from '../../src/output/write';
import { lines, ROOT, runnel, runnelHere, RunOutcome, snapshot } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

/** What synth of the default topology writes: the committed dist/ (a test keeps it current). */
const EXPECTED = snapshot(join(ROOT, 'dist'));

/** A project folder: a .git, sources, the topology, and an earlier runnel output in dist/. */
function project(): string {
  const dir = tempDir('out');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'app.ts'), 'export {};\n');
  cpSync(join(ROOT, 'topology.yaml'), join(dir, 'topology.yaml'));
  mkdirSync(join(dir, 'dist', 'cloud-run'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'cloud-run', 'old.yaml'), 'old: true\n');
  writeFileSync(join(dir, 'dist', OUTPUT_MARKER), '');
  return dir;
}

/** Leftovers of the replacement next to `dist`: staging folders, `.old` copies, locks. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.runnel-'));
}

/** Lines that are not the topology's warnings (the default topology has some; they are not what these tests test). */
function withoutWarnings(text: string): string[] {
  return lines(text).filter((l) => !/^[^ ]+: [^ ]+: warning: /.test(l));
}

function expectOneLineRefusal(r: RunOutcome, message: RegExp): void {
  expect(r.status).toBe(2);
  const refusal = withoutWarnings(r.stderr);
  expect(refusal).toHaveLength(1);
  expect(refusal[0]).toMatch(/^runnel: .* \(fix: .+\)$/);
  expect(refusal[0]).toMatch(message);
}

describe('synth never replaces a folder it must not (item 1)', () => {
  test.each([
    ['an empty --out (an unset variable)', [''], /--out is ""/],
    ['the working directory', ['.'], /contains the working directory/],
    ['the working directory, written absolute', ['<dir>'], /contains the working directory/],
    ['a parent of the working directory', ['..'], /contains the working directory/],
    ['a source folder without the marker', ['src'], /"src" is not empty and was not written by runnel/],
    ['a folder holding the working directory, even with --force', ['..', '--force'], /contains the working directory/],
  ])('--out %s: exit 2, one line, nothing touched', async (_, out, message) => {
    const dir = project();
    const before = snapshot(dir);
    const r = await runnelHere(['synth', '--out', ...out.map((o) => o.replace('<dir>', dir))], { cwd: dir });
    expectOneLineRefusal(r, message);
    expect(snapshot(dir)).toEqual(before);
  });

  test('a folder holding the topology file, or a .git, is refused even with --force', async () => {
    const dir = project();
    mkdirSync(join(dir, 'work', 'nested'), { recursive: true });
    cpSync(join(ROOT, 'topology.yaml'), join(dir, 'work', 'nested', 'topology.yaml'));
    mkdirSync(join(dir, 'vendored', '.git'), { recursive: true });
    mkdirSync(join(dir, 'deps', 'lib', 'tool', '.git'), { recursive: true });
    const before = snapshot(dir);
    expectOneLineRefusal(
      await runnelHere(['synth', '--topology', 'work/nested/topology.yaml', '--out', 'work', '--force'], { cwd: dir }),
      /"work" contains the topology file/,
    );
    expectOneLineRefusal(
      await runnelHere(['synth', '--out', 'vendored', '--force'], { cwd: dir }),
      /"vendored" contains a \.git repository \(fix/,
    );
    expectOneLineRefusal(
      await runnelHere(['synth', '--out', 'deps', '--force'], { cwd: dir }),
      /"deps" contains a \.git repository \(in ".*deps\/lib\/tool"\)/,
    );
    expectOneLineRefusal(
      await runnelHere(['synth', '--out', 'topology.yaml', '--force'], { cwd: dir }),
      /contains the topology file|is a file, not a folder/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  test('a foreign non-empty folder is refused, and --force replaces it', async () => {
    const dir = project();
    mkdirSync(join(dir, 'manifests'));
    writeFileSync(join(dir, 'manifests', 'notes.txt'), 'mine\n');
    const before = snapshot(dir);
    expectOneLineRefusal(
      await runnelHere(['synth', '--out', 'manifests'], { cwd: dir }),
      /"manifests" is not empty and was not written by runnel \(it has no \.runnel-output\)/,
    );
    expect(snapshot(dir)).toEqual(before);
    expect((await runnelHere(['synth', '--out', 'manifests', '--force'], { cwd: dir })).status).toBe(0);
    expect(snapshot(join(dir, 'manifests'))).toEqual(EXPECTED);
  });

  test('every output carries the marker; output of earlier versions (runnel notice on every file) is replaced without --force', async () => {
    const dir = project();
    mkdirSync(join(dir, 'legacy', 'cloud-run'), { recursive: true });
    writeFileSync(
      join(dir, 'legacy', 'cloud-run', 'gone.yaml'),
      readFileSync(join(ROOT, 'dist-gcloud', 'cloud-run', 'server-service.yaml')),
    );
    writeFileSync(join(dir, 'legacy', 'TOPOLOGY.md'), readFileSync(join(ROOT, 'dist', 'TOPOLOGY.md')));
    const r = await runnelHere(['synth', '--out', 'legacy'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(snapshot(join(dir, 'legacy'))).toEqual(EXPECTED);
    expect(Object.keys(EXPECTED)).toContain(OUTPUT_MARKER);
  });
});

describe('replacing dist/ under faults (items 4-8)', () => {
  test('a kill between the two renames leaves dist/ recoverable, and the next synth restores it first (item 4)', async () => {
    const dir = project();
    const before = snapshot(join(dir, 'dist'));
    const killed = runnel(['synth'], { cwd: dir, env: { RUNNEL_FAULT: 'old-moved:kill' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(join(dir, 'dist'))).toBe(false); // the window: dist/ moved aside, not yet replaced
    const old = leftovers(dir).find((n) => n.endsWith('.old'))!;
    expect(snapshot(join(dir, old))).toEqual(before);

    // The next synth repairs the window first, even when its own write then fails (an injected fault). The kill
    // needs a process; the repair is the command runner's, run in process (test/helpers/cli.ts).
    const next = await runnelHere(['synth'], { cwd: dir, env: { RUNNEL_FAULT: 'staged:fail' } });
    expect(next.status).toBe(2);
    expect(next.stderr).toMatch(/restored "dist" from ".*\.old", left by a synth stopped while replacing it/);
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    expect(leftovers(dir)).toEqual([]);

    const ok = await runnelHere(['synth'], { cwd: dir });
    expect(ok.status).toBe(0);
    expect(snapshot(join(dir, 'dist'))).toEqual(EXPECTED);
    expect(leftovers(dir)).toEqual([]);
  });

  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ])('%s while files are written: staging removed, dist/ as it was, exit %s (item 5)', (signal, code) => {
    const dir = project();
    const before = snapshot(dir);
    const r = runnel(['synth'], { cwd: dir, env: { RUNNEL_FAULT: `file-written:${signal}` } });
    expect(r.status).toBe(code);
    expect(r.stderr).toContain(`runnel: interrupted by ${signal}; dist left as it was`);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  test('staging left by a hard kill is swept by the next synth, which holds the lock (item 5)', async () => {
    const dir = project();
    expect(runnel(['synth'], { cwd: dir, env: { RUNNEL_FAULT: 'file-written:kill' } }).signal).toBe('SIGKILL');
    expect(leftovers(dir).some((n) => /^\.runnel-dist-[A-Za-z0-9]{6}$/.test(n))).toBe(true);
    // A sibling output's staging is not ours to sweep; a lock file written aside by a dead run is.
    mkdirSync(join(dir, '.runnel-dist-foo-AbC123'));
    writeFileSync(join(dir, `.runnel-dist.lock.${2 ** 22 + 7}`), `${2 ** 22 + 7}\n`);
    // The sweep is the command runner's: in process (the kill above is the process's).
    const r = await runnelHere(['synth'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/removed 2 leftover\(s\) of stopped synths/);
    expect(leftovers(dir)).toEqual(['.runnel-dist-foo-AbC123']);
    expect(snapshot(join(dir, 'dist'))).toEqual(EXPECTED);
  });

  test('a failure after the swap is reported truthfully: exit 0, the new output in place, the old copy named (item 6)', async () => {
    const dir = project();
    const r = await runnelHere(['synth'], { cwd: dir, env: { RUNNEL_FAULT: 'removing-old:fail' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^runnel: the new output is in place, but the previous one could not be removed from ".*\.old": EACCES \(the next synth removes it\)$/m,
    );
    expect(snapshot(join(dir, 'dist'))).toEqual(EXPECTED);
    expect((await runnelHere(['synth'], { cwd: dir })).status).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a read-only dist/ is refused before anything changes (item 6), run as an unprivileged user', () => {
    const dir = project();
    for (const p of [
      dir,
      join(dir, 'dist'),
      join(dir, 'dist', 'cloud-run'),
      join(dir, 'dist', 'cloud-run', 'old.yaml'),
      join(dir, 'dist', OUTPUT_MARKER),
      join(dir, 'topology.yaml'),
    ])
      chownSync(p, 65534, 65534);
    chmodSync(join(dir, 'dist', 'cloud-run'), 0o555);
    const before = snapshot(dir);
    const r = runnel(['synth'], { cwd: dir, uid: 65534, gid: 65534 });
    expectOneLineRefusal(r, /cannot remove the old files of "dist": ".*cloud-run" is read-only/);
    expect(snapshot(dir)).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a dist symlink is followed: the folder it points at is replaced and the link stays a link (item 7)', async () => {
    const dir = project();
    mkdirSync(join(dir, 'releases', 'current'), { recursive: true });
    writeFileSync(join(dir, 'releases', 'current', OUTPUT_MARKER), '');
    writeFileSync(join(dir, 'releases', 'current', 'stale.yaml'), 'stale: true\n');
    const link = join(dir, 'out');
    symlinkSync(join('releases', 'current'), link);
    expect((await runnelHere(['synth', '--out', 'out'], { cwd: dir })).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('releases', 'current'));
    expect(snapshot(join(dir, 'releases', 'current'))).toEqual(EXPECTED);
    expect(leftovers(join(dir, 'releases'))).toEqual([]);

    symlinkSync('nowhere', join(dir, 'dangling'));
    expectOneLineRefusal(
      await runnelHere(['synth', '--out', 'dangling'], { cwd: dir }),
      /"dangling" is a symlink to a folder that does not exist/,
    );
    expect(lstatSync(join(dir, 'dangling')).isSymbolicLink()).toBe(true);
  });

  test('a synth stopped between its renames behind a dist symlink is repaired by the next, not refused as a dangling link', async () => {
    // The window a kill leaves (and another run's swap shows for a moment): the link's folder moved aside, no new one yet.
    const dir = project();
    mkdirSync(join(dir, 'releases'));
    const old = join(dir, 'releases', '.runnel-current-AbC123.old');
    mkdirSync(old);
    writeFileSync(join(old, OUTPUT_MARKER), '');
    writeFileSync(join(old, 'earlier.yaml'), 'earlier: true\n');
    symlinkSync(join('releases', 'current'), join(dir, 'out'));
    const r = await runnelHere(['synth', '--out', 'out'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/restored "out" from ".*\.runnel-current-AbC123\.old"/);
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
    expect(snapshot(join(dir, 'releases', 'current'))).toEqual(EXPECTED);
    expect(leftovers(join(dir, 'releases'))).toEqual([]);
  });

  test('two synths at once both succeed, one after the other, and leave one whole output (item 8)', async () => {
    const dir = project();
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [join(ROOT, 'lib', 'runnel.js'), 'synth'], {
          cwd: dir,
          env: { ...process.env, RUNNEL_FAULT: '' },
        });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => done({ code, stderr }));
      });
    const results = await Promise.all([run(), run(), run()]);
    // Each refusal's own words, if any: an exit code alone does not say which of the three runs refused, or why.
    expect(results.map((r) => (r.code === 0 ? 0 : `${r.code}: ${r.stderr}`))).toEqual([0, 0, 0]);
    expect(snapshot(join(dir, 'dist'))).toEqual(EXPECTED);
    expect(leftovers(dir)).toEqual([]);
  });

  test("a live lock makes synth wait, then refuse with the holder and the fix; a dead holder's lock is taken over (item 8)", () => {
    const dir = project();
    writeFileSync(join(dir, '.runnel-dist.lock'), `${process.pid}\n`); // this test process: alive
    const before = snapshot(dir);
    const started = Date.now();
    const r = runnel(['synth'], { cwd: dir, env: { RUNNEL_LOCK_WAIT_MS: '100' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expectOneLineRefusal(r, new RegExp(`another runnel \\(pid ${process.pid}\\) is writing "dist".*remove .*\\.runnel-dist\\.lock`));
    expect(snapshot(dir)).toEqual(before);

    const gone = 2 ** 22 + 12345; // above pid_max's default: no process has it
    writeFileSync(join(dir, '.runnel-dist.lock'), `${gone}\n`);
    expect(runnel(['synth'], { cwd: dir }).status).toBe(0);
    expect(leftovers(dir)).toEqual([]);
    expect(snapshot(join(dir, 'dist'))).toEqual(EXPECTED);
  });
});
