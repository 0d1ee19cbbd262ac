import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TOPOLOGY_BYTES } from '../../src/input/load';
import { shellQuote } from '../../src/shell-quote';
import { lines, ROOT, runnel, runnelHere } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { baseTopology } from '../helpers/synth';
import { validateTopology } from '../../src/validate/engine';

const DEFAULT = readFileSync(join(ROOT, 'topology.yaml'), 'utf8');
/** A finding in text form: `FILE: PATH: message (fix: ...)`, on one line. */
const FINDING = /^[^\n]*\.yaml: [^\n]*: [^\n]* \(fix: [^\n]*\)$/;

function file(text: string, name = 'topology.yaml'): string {
  const path = join(tempDir('msg'), name);
  writeFileSync(path, text);
  return path;
}

/** Every line of a failed check's stderr is one finding, except the closing summary. */
function expectFindingLines(stderr: string): string[] {
  const all = lines(stderr);
  expect(all[all.length - 1]).toMatch(/^runnel: \d+ error\(s\) in .*; nothing written$/);
  for (const l of all.slice(0, -1)) expect(l).toMatch(FINDING);
  return all.slice(0, -1);
}

describe('a finding is always one line, values quoted (item 9)', () => {
  test('newlines and terminal escapes in values neither forge lines nor reach the terminal; --json stays valid', async () => {
    const hostile = DEFAULT.replace(
      'region: asia-northeast1',
      'region: "asia-northeast1\\ntopology.yaml: services[0].name: forged (fix: none)\\u001b[31m"',
    ).replace('name: client-service', 'name: "client\\u001b]0;pwned\\u0007-service\\u2028x"');
    const path = file(hostile);
    const text = await runnelHere(['check', '--topology', path]);
    expect(text.status).toBe(1);
    const findings = expectFindingLines(text.stderr);
    expect(findings).toHaveLength(2);
    expect(text.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028]/); // eslint-disable-line no-control-regex
    expect(findings.join('\n')).toContain('"asia-northeast1\\ntopology.yaml: services[0].name: forged (fix: none)\\u001b[31m"');
    expect(findings.join('\n')).toContain('"client\\u001b]0;pwned\\u0007-service\\u2028x"');

    const json = await runnelHere(['check', '--json', '--topology', path]);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(['region', 'services[0].name']);
    // The message quotes the value in JSON string form, so the exact value reads back from it.
    expect(report.findings[0].message).toContain(JSON.stringify('asia-northeast1\ntopology.yaml').slice(0, -1));
  });
});

describe('printed commands are shell-quoted (item 13)', () => {
  test.each(['asia-northeast1', '$(touch /tmp/pwned)', "it's", 'a b;c', '`id`', '\n'])(
    'shellQuote(%j) reads back as itself in bash',
    (value) => {
      expect(execFileSync('bash', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' })).toBe(value);
    },
  );

  test('the Redis host warning quotes an invalid region instead of printing a command substitution', async () => {
    const topology =
      DEFAULT.replace('region: asia-northeast1', 'region: "$(touch pwned)"').replace(
        '    egress:\n      via: direct-vpc\n      route: private-ranges-only\n',
        '    egress:\n      via: direct-vpc\n      route: private-ranges-only\n    uses: [cache]\n',
      ) + 'backends:\n  - name: cache\n    redis: {}\n';
    const r = await runnelHere(['check', '--topology', file(topology)]);
    expect(r.stderr).toContain("gcloud redis instances describe cache --region '$(touch pwned)' --format='value(host)'");
    expect(r.stderr).not.toMatch(/--region \$\(/);
  });
});

describe('YAML problems are findings with line and column (items 14-16)', () => {
  test('a syntax error gives line:col in text and JSON', async () => {
    const path = file('project: acme-prod\nregion: [asia-northeast1\nnetwork: {name: run-vpc}\n');
    const text = await runnelHere(['check', '--topology', path]);
    expect(text.status).toBe(1);
    const [first] = expectFindingLines(text.stderr);
    expect(first).toMatch(/YAML syntax: .* at line \d+, column \d+ \(fix: correct the YAML syntax there\)$/);
    const json = JSON.parse((await runnelHere(['check', '--json', '--topology', path])).stdout);
    expect(json.findings[0]).toMatchObject({ ruleId: 'topology-schema', line: expect.any(Number), column: expect.any(Number) });
    expect(json.findings[0].message).toContain(`at line ${json.findings[0].line}, column ${json.findings[0].column}`);
  });

  test('an alias bomb is a finding with its line, not "cannot read"', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    const r = await runnelHere(['check', '--topology', file(bomb)]);
    expect(r.status).toBe(1);
    const [finding] = expectFindingLines(r.stderr);
    expect(finding).toMatch(
      /: [a-i]\[\d+\]: YAML aliases expand to more than \d+ values, far beyond the document's size at line [3-9], column \d+/,
    );
    expect(r.stderr).not.toContain('cannot read');
  });

  test("a real topology with 150 aliases (more than yaml's default limit of 100) is read", async () => {
    const env = Array.from({ length: 150 }, (_, i) => `      FLAG_${i}: *on`).join('\n');
    const topology = DEFAULT.replace(
      '    calls: [server-service]\n',
      `    calls: [server-service]\n    env:\n      FLAG_ON: &on "1"\n${env}\n`,
    );
    const r = await runnelHere(['check', '--json', '--topology', file(topology)]);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(r.status).toBe(0);
  });

  test.each([
    [
      '.inf',
      'project: acme-prod\nregion: asia-northeast1\nnetwork: {name: run-vpc}\nservices:\n  - name: a\n    image: i\n    port: .inf\n',
      /services\[0\]\.port: "\.inf" is not a finite number at line 7, column 11/,
    ],
    ['.nan', 'project: acme-prod\nregion: .NaN\n', /region: "\.NaN" is not a finite number at line 2/],
    ['!!binary', 'project: acme-prod\nregion: !!binary aGVsbG8=\n', /region: the YAML tag "!!binary" is not supported at line 2/],
    [
      'a complex key',
      'project: acme-prod\n? [a, b]\n: c\n',
      /\(top level\): a mapping key is a list, a mapping or an alias at line 2, column 3/,
    ],
    [
      "deep nesting (yaml's parser overflows)",
      `project: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
      /YAML nests too deeply to read at line 1/,
    ],
    [
      'deep nesting (parsed, but no topology)',
      `project: ${'['.repeat(100)}${']'.repeat(100)}\n`,
      /YAML nests more than 64 levels deep at line 1/,
    ],
    ['a self-referring alias', 'project: &p [*p]\n', /project\[0\]: the alias \*p is inside the node it refers to/],
  ])('%s: exit 1, one finding line, no Node warning or stack overflow text', (_, text, message) => {
    const r = runnel(['check', '--topology', file(text)]);
    expect(r.status).toBe(1);
    expect(expectFindingLines(r.stderr).join('\n')).toMatch(message);
    expect(r.stderr).not.toMatch(/Warning|Maximum call stack|not number null|a mapping\b.*binary/);
  });
});

describe('the topology file is a regular file of at most 4 MiB (item 17)', () => {
  // Through the process: a read of these would block, and the time limit is the process's, not jest's.
  test.each([
    ['/dev/zero', () => '/dev/zero', /"\/dev\/zero": it is a device, not a regular file/],
    [
      'a FIFO (nobody writes to it: reading would block)',
      () => {
        const path = join(tempDir('fifo'), 'topology.yaml');
        execFileSync('mkfifo', [path]);
        return path;
      },
      /it is a pipe, not a regular file/,
    ],
  ])('%s: exit 2 at once, one line', (_, make, message) => {
    const started = Date.now();
    const r = runnel(['check', '--topology', make()], { timeout: 10_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // In process: no read of these can block (a folder is no file to read; a regular file ends), so no process is needed.
  test.each([
    ['a folder', () => tempDir('folder'), /it is a folder, not a regular file/],
    [
      'a file over 4 MiB',
      () => file(`# ${'x'.repeat(MAX_TOPOLOGY_BYTES)}\n`),
      /it has 4194307 bytes, more than the 4194304 \(4 MiB\) runnel reads/,
    ],
  ])('%s: exit 2 at once, one line', async (_, make, message) => {
    const started = Date.now();
    const r = await runnelHere(['check', '--topology', make()]);
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('CLI basics (item 18)', () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

  test.each([['-h'], ['--help'], ['help']])('%s prints the usage with every command and the exit codes, exit 0', async (flag) => {
    const r = await runnelHere([flag]);
    expect(r.status).toBe(0);
    for (const command of ['synth', 'check', 'diff', 'help']) expect(r.stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(r.stdout).toMatch(/Exit codes: 0 success .* 1 the topology has errors, 2 usage or I\/O problem/s);
  });

  test.each([
    [['synth', '--help'], /^usage: runnel synth .*--force/s],
    [['help', 'synth'], /^usage: runnel synth /],
    [['check', '-h'], /^usage: runnel check /],
    [['diff', '--help'], /^usage: runnel diff \[GIT_REF\]/],
  ])("%j prints that command's help, exit 0", async (args, usage) => {
    const r = await runnelHere(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(usage);
  });

  test('--version prints the package version', async () => {
    const r = await runnelHere(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`runnel ${version}\n`);
  });

  test.each([
    [['sytnh'], /unknown command "sytnh"; did you mean "synth"\?/],
    [['chek'], /unknown command "chek"; did you mean "check"\?/],
    [['deploy'], /unknown command "deploy" \(fix: see `runnel --help`\)/],
    [[], /no command given/],
    [['synth', 'extra'], /unexpected argument "extra" after synth/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['help', 'synht'], /no help for "synht"; did you mean "synth"\?/],
  ])('%j: exit 2 with one line', async (args, message) => {
    const dir = tempDir('usage');
    mkdirSync(join(dir, 'dist'));
    const r = await runnelHere(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('every rule quotes the values it names in JSON string form (item 9)', () => {
  test('no rule message puts a value between bare double quotes', () => {
    // `"${x}"` would let a value holding a quote end the quotation early; quoted(x) escapes it.
    const dir = join(__dirname, '..', '..', 'src', 'rules');
    const bare = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => (readFileSync(join(dir, f), 'utf8').match(/"\$\{[^}]*\}"/g) ?? []).map((m) => `${f}: ${m}`));
    expect(bare).toEqual([]);
  });

  test('a name holding a quote reads back exactly from the message', () => {
    const t = baseTopology();
    t.services[0].calls = ['say "hi"'];
    const finding = validateTopology(t).findings.find((f) => f.ruleId === 'call-target-exists')!;
    expect(finding.message).toContain(JSON.stringify('say "hi"'));
  });
});
