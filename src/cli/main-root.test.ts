// The command line, continued (src/cli/main.test.ts): the root, file modes and the command-line conventions, in a
// file of their own so that the two test workers share the CLI's spawned runs.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseThreads } from '../analyze.js';
import { sarifErrors } from '../test/sarif-validate.js';
import { LEAK, run, tmpModule } from '../test/cli.js';

describe('goleash CLI', () => {
  describe('the root', () => {
    const repo = () => {
      const dir = tmpModule({ 'svc/api/a.go': LEAK, 'svc/gen/b.go': LEAK.replace('Leak', 'Leak2'), '.goleash.yaml': 'exclude: ["svc/gen/**"]\nrules:\n  ctx-done-missing: error\n' });
      mkdirSync(path.join(dir, '.git'));
      return dir;
    };
    const results = (out: string) =>
      JSON.parse(out).runs[0].results.map((x: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [x.level, x.locations[0]!.physicalLocation.artifactLocation.uri]);

    it('is the top of the git work tree from a subdirectory: paths keep their prefix, its config file applies', () => {
      const dir = repo();
      const sarif = run(['--format', 'sarif'], path.join(dir, 'svc'));
      expect(sarif.code).toBe(1);
      expect(sarifErrors(JSON.parse(sarif.out))).toEqual([]);
      expect(results(sarif.out)).toEqual([['error', 'svc/api/a.go']]);
      expect(sarif.err).toBe('goleash: 1 finding in 1 file\n');
      // every format prints paths relative to the root
      const text = run(['api'], path.join(dir, 'svc'));
      expect(text.out.split('\n')[0]).toMatch(/^svc\/api\/a\.go:6:2: goroutine running func literal captures ctx/);
      const gh = run(['--format', 'github'], path.join(dir, 'svc/api'));
      expect(gh.out).toMatch(/^::error file=svc\/api\/a\.go,line=6,col=2,endLine=9,title=goleash ctx-done-missing::/);
    });

    it('is the repository named from outside it', () => {
      const dir = repo();
      const elsewhere = mkdtempSync(path.join(tmpdir(), 'goleash-cwd-'));
      const r = run([dir, '--format', 'sarif'], elsewhere);
      expect(r.code).toBe(1);
      expect(results(r.out)).toEqual([['error', 'svc/api/a.go']]);
      const json = run([`${dir}/svc/...`, '--format', 'json'], elsewhere);
      expect(JSON.parse(json.out).findings.map((f: { file: string; level: string }) => [f.file, f.level])).toEqual([['svc/api/a.go', 'error']]);
      // --root wins: here the subdirectory, whose paths lose the prefix, and which has no config file
      const sub = run(['--format', 'json', '--root', '.'], path.join(dir, 'svc'));
      expect(JSON.parse(sub.out).findings.map((f: { file: string; level: string }) => [f.file, f.level])).toEqual([['api/a.go', 'warning'], ['gen/b.go', 'warning']]);
    });

    it('rejects a --root that is missing or not a directory', () => {
      const dir = tmpModule({ 'a.go': LEAK });
      expect(run(['--root', 'nope'], dir)).toEqual({ code: 2, out: '', err: 'goleash: --root nope: no such file or directory\n' });
      expect(run(['--root', 'a.go'], dir)).toEqual({ code: 2, out: '', err: 'goleash: --root a.go: not a directory\n' });
    });
  });

  it('writes SARIF to --sarif-output beside the --format report, from one run', () => {
    const dir = tmpModule({ 'a.go': LEAK });
    const r = run(['--format', 'github', '--sarif-output', 'r.sarif'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::warning file=a\.go,line=6,col=2,endLine=9,title=goleash ctx-done-missing::goroutine running func literal captures ctx/);
    expect(r.out.split('\n')).toHaveLength(2);
    expect(r.err).toBe('goleash: 1 finding in 1 file\n');
    const doc = JSON.parse(readFileSync(path.join(dir, 'r.sarif'), 'utf8'));
    expect(sarifErrors(doc)).toEqual([]);
    expect(doc.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['ctx-done-missing']);
    // the same document --format sarif writes
    expect(readFileSync(path.join(dir, 'r.sarif'), 'utf8')).toBe(run(['--format', 'sarif'], dir).out);
    expect(run(['-o', 'x.sarif', '--sarif-output', './x.sarif'], dir)).toEqual({ code: 2, out: '', err: 'goleash: --output and --sarif-output name the same file x.sarif\n' });
  });

  it('reuses facts from --cache while files are unchanged', () => {
    const dir = tmpModule({ 'a.go': LEAK, 'b.go': 'package t\n' });
    const first = run(['--cache', '.cache'], dir);
    const second = run(['--cache', '.cache'], dir);
    expect(second.out).toBe(first.out);
    expect(second.err).toBe('goleash: 1 finding in 2 files (2 from cache)\n');
    writeFileSync(path.join(dir, 'b.go'), LEAK.replace('Leak', 'Leak2'));
    const third = run(['--cache', '.cache'], dir);
    expect(third.err).toBe('goleash: 2 findings in 2 files (1 from cache)\n');
  });

  it('marks a SARIF report of a run that could not read part of the tree as failed, naming what failed', () => {
    const dir = tmpModule({ 'a.go': LEAK, 'locked.go': 'package t\n', 'secret/s.go': 'package secret\n' });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'locked.go'), 0o000);
    chmodSync(path.join(dir, 'secret'), 0o000);
    // root reads anything: the run drops to nobody (libuv sets the ids in the child)
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const r = run(['--format', 'sarif'], dir, as);
    expect(r.code).toBe(2);
    expect(r.err).toBe('goleash: locked.go: cannot read file: permission denied\ngoleash: secret: cannot read directory: permission denied\n');
    const doc = JSON.parse(r.out);
    expect(sarifErrors(doc)).toEqual([]);
    const inv = doc.runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications.map((n: { descriptor: { id: string }; level: string; message: { text: string } }) => [n.descriptor.id, n.level, n.message.text])).toEqual([
      ['unreadable', 'error', 'locked.go: cannot read file: permission denied'],
      ['unreadable', 'error', 'secret: cannot read directory: permission denied'],
    ]);
    // the findings of what could be read are still there
    expect(doc.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['ctx-done-missing']);
    // a run that read everything says it succeeded
    chmodSync(path.join(dir, 'locked.go'), 0o644);
    chmodSync(path.join(dir, 'secret'), 0o755);
    const ok = run(['--format', 'sarif'], dir, as);
    expect(ok.code).toBe(1);
    expect(JSON.parse(ok.out).runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  describe('command line conventions', () => {
    it('lets the last of a repeated flag win', () => {
      const dir = tmpModule({ 'a.go': LEAK });
      const r = run(['-f', 'json', '--format', 'text', '--fail-on', 'never', '--fail-on', 'note'], dir);
      expect(r.code).toBe(1);
      expect(r.out.split('\n')[0]).toMatch(/^a\.go:6:2: goroutine running func literal captures ctx/);
      expect(r.err).toBe('goleash: 1 finding in 1 file\n');
      const bad = run(['-f', 'text', '-f', 'xml'], dir);
      expect(bad.code).toBe(2);
      expect(bad.err).toBe('goleash: Invalid values: Argument: format, Given: "xml", Choices: "text", "json", "sarif", "github"\n');
      // the paths stay a list
      writeFileSync(path.join(dir, 'b.go'), LEAK.replace('Leak', 'Leak2'));
      expect(run(['a.go', 'b.go', '--tests=false', '--tests=true'], dir).err).toBe('goleash: 2 findings in 2 files\n');
    });

    it('clamps --jobs to the number of cores', () => {
      const cores = availableParallelism();
      expect(parseThreads(32)).toBe(Math.min(32, cores));
      expect(parseThreads(cores + 1)).toBe(cores);
      expect(parseThreads(1)).toBe(1);
      expect(parseThreads(undefined)).toBe(cores);
      const dir = tmpModule({ 'a.go': LEAK });
      const r = run(['-j', '32'], dir);
      expect(r.code).toBe(1);
      expect(r.err).toBe('goleash: 1 finding in 1 file\n');
    });

    it.each([
      [['--cache', 'go.mod'], 'goleash: --cache go.mod: not a directory'],
      [['--tests=maybe'], 'goleash: --tests takes true or false, not "maybe"'],
      [['--fix=yes'], 'goleash: --fix takes true or false, not "yes"'],
      [['loop.go'], 'goleash: loop.go: symbolic link loop'],
      [['--config', 'nope.yaml'], 'goleash: nope.yaml: no such file or directory'],
      [['--baseline', 'nope.json'], 'goleash: nope.json: cannot read baseline (no such file or directory)'],
    ])('rejects %j with one line in words and exit 2', (args, line) => {
      const dir = tmpModule({ 'a.go': LEAK });
      symlinkSync('loop.go', path.join(dir, 'loop.go'));
      const r = run(args, dir);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`${line}\n`);
      expect(r.out).toBe('');
      expect(readFileSync(path.join(dir, 'a.go'), 'utf8')).toBe(LEAK);
    });

    it('reports a binary file named x.go once, without its bytes, and analyzes the rest', () => {
      const bytes = Buffer.concat([Buffer.from('package t\x00\x01\x02'), Buffer.from([0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]), Buffer.from('\nfunc F() {}\n')]);
      const dir = tmpModule({ 'a.go': LEAK, 'x.go': bytes });
      const r = run([], dir);
      expect(r.code).toBe(1);
      expect(r.err).toBe('goleash: warning: x.go: binary file (it contains NUL bytes), not Go source; skipped\ngoleash: 1 finding in 1 file\n');
      const j = run(['--format', 'json'], dir);
      expect(JSON.parse(j.out).notifications).toEqual([
        { id: 'binary', level: 'warning', message: 'x.go: binary file (it contains NUL bytes), not Go source; skipped', file: 'x.go' },
      ]);
    });
  });
});
