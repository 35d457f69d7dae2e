// The command line, continued (src/cli/main.test.ts): adopting goleash on an existing tree (baselines,
// --new-from-rev, --fix with suppressions), odd trees and module loading, in a file of their own so that the two test
// workers share the CLI's spawned runs.
import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifErrors } from '../test/sarif-validate.js';
import { LEAK, run, tmpModule } from '../test/cli.js';

describe('goleash CLI', () => {
  it('records a baseline and then reports only new findings', () => {
    const dir = tmpModule({ 'a.go': LEAK });
    const w = run(['--write-baseline', 'base.json'], dir);
    expect(w.code).toBe(0);
    expect(run(['--baseline', 'base.json'], dir).code).toBe(0);
    // moving the code down keeps it baselined; a new leak is reported
    writeFileSync(path.join(dir, 'a.go'), LEAK.replace('import "context"', 'import "context"\n\n// moved') + LEAK.slice(LEAK.indexOf('func')).replace('Leak', 'Leak2'));
    const r = run(['--baseline', 'base.json', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: { line: number; message: string }) => f.line)).toEqual([14]);
  });

  it('reports only lines changed since a git revision with --new-from-rev', () => {
    const dir = tmpModule({ 'a.go': LEAK });
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'x', '--allow-empty');
    git('add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    expect(run(['--new-from-rev', 'HEAD'], dir).code).toBe(0);
    writeFileSync(path.join(dir, 'b.go'), LEAK.replace('Leak', 'Leak2'));
    const r = run(['--new-from-rev', 'HEAD'], dir);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toMatch(/^b\.go:6:2: /);
    expect(run(['--new-from-rev', 'no-such-rev'], dir).code).toBe(2);
  });

  it('says in the summary, JSON and SARIF how many findings the baseline, --new-from-rev and suppressions hid', () => {
    const dir = tmpModule({ 'a.go': LEAK });
    expect(run(['--write-baseline', 'base.json'], dir).code).toBe(0);
    writeFileSync(path.join(dir, 'b.go'), LEAK.replace('Leak', 'Leak2').replace('\tgo func', '\t//goleash:ignore ctx-done-missing reviewed: the caller drains ch\n\tgo func'));
    writeFileSync(path.join(dir, 'c.go'), LEAK.replace('Leak', 'Leak3'));
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'd.go'), LEAK.replace('Leak', 'Leak4'));
    expect(run([], dir).err).toBe('goleash: 3 findings in 4 files (1 hidden: 1 suppressed)\n');
    const b = run(['--baseline', 'base.json'], dir);
    expect(b.out.split('\n').filter((l) => l && !l.startsWith('\t')).map((l) => l.slice(0, 7))).toEqual(['c.go:6:', 'd.go:6:']);
    expect(b.err).toBe('goleash: 2 findings in 4 files (2 hidden: 1 by baseline, 1 suppressed)\n');
    const all = ['--baseline', 'base.json', '--new-from-rev', 'HEAD'];
    expect(run(all, dir).err).toBe('goleash: 1 finding in 4 files (3 hidden: 1 by baseline, 1 by --new-from-rev, 1 suppressed)\n');
    const hidden = { total: 3, baseline: 1, newFromRev: 1, suppressed: 1 };
    const j = JSON.parse(run([...all, '--format', 'json'], dir).out);
    expect([j.findings.map((f: { file: string }) => f.file), j.hidden]).toEqual([['d.go'], hidden]);
    const s = JSON.parse(run([...all, '--format', 'sarif'], dir).out);
    expect(sarifErrors(s)).toEqual([]);
    expect(s.runs[0].invocations[0].properties).toEqual({ hidden });
    const clean = tmpModule({ 'a.go': 'package t\n' });
    expect(JSON.parse(run(['--format', 'json'], clean).out).hidden).toEqual({ total: 0, baseline: 0, newFromRev: 0, suppressed: 0 });
    expect(JSON.parse(run(['--format', 'sarif'], clean).out).runs[0].invocations[0].properties).toBeUndefined();
  });

  it('--fix fixes only reported findings: not baselined, out-of-diff or suppressed ones', () => {
    const dir = tmpModule({ 'a.go': LEAK });
    expect(run(['--write-baseline', 'base.json'], dir).code).toBe(0);
    writeFileSync(path.join(dir, 'b.go'), LEAK.replace('Leak', 'Leak2'));
    const suppressed = LEAK.replace('Leak', 'Leak3').replace('\tgo func', '\t//goleash:ignore ctx-done-missing reviewed: the caller drains ch\n\tgo func');
    writeFileSync(path.join(dir, 'c.go'), suppressed);
    const r = run(['--fix', '--baseline', 'base.json'], dir);
    expect(r.err).toContain('goleash: fixed 1 finding in 1 file (1 fixable finding hidden by the baseline or --new-from-rev left alone)\n');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'a.go'), 'utf8')).toBe(LEAK); // baselined
    expect(readFileSync(path.join(dir, 'b.go'), 'utf8')).toContain('\t\tselect {\n\t\tcase ch <- 1:\n\t\tcase <-ctx.Done():\n\t\t\treturn\n\t\t}\n');
    expect(readFileSync(path.join(dir, 'c.go'), 'utf8')).toBe(suppressed); // suppressed

    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'd.go'), LEAK.replace('Leak', 'Leak4'));
    const n = run(['--fix', '--new-from-rev', 'HEAD'], dir);
    expect(n.err).toContain('goleash: fixed 1 finding in 1 file (1 fixable finding hidden by the baseline or --new-from-rev left alone)\n');
    expect(readFileSync(path.join(dir, 'a.go'), 'utf8')).toBe(LEAK); // not changed since HEAD
    expect(readFileSync(path.join(dir, 'd.go'), 'utf8')).toContain('case <-ctx.Done():');
  });

  it('--fix says so when a fix settles a finding a suppression hid, which then matches nothing', () => {
    const src = `package t

import "context"

func child(ctx context.Context, ch chan int) {
	ch <- 1
}

func A(ctx context.Context, ch chan int) {
	go child(ctx, ch)
}

func B(ctx context.Context, ch chan int) {
	//goleash:ignore ctx-done-missing reviewed: B's callers drain ch
	go child(ctx, ch)
}
`;
    const dir = tmpModule({ 'a.go': src });
    const r = run(['--fix'], dir);
    expect(r.err).toContain('goleash: fixed 1 finding in 1 file\n');
    expect(r.err).toContain('goleash: warning: a fix also settled the ctx-done-missing finding at a.go:15 (line before the fix) that a suppression hid; the suppression now matches nothing, delete it\n');
    expect(r.out).toMatch(/^a\.go:\d+:2: suppression comment matches no finding on this line or the next \[bad-suppression\]$/m);
    expect(readFileSync(path.join(dir, 'a.go'), 'utf8')).toContain('\tselect {\n\tcase ch <- 1:\n\tcase <-ctx.Done():\n\t\treturn\n\t}\n');
  });

  it('survives odd trees: BOM, CRLF, empty file, a 1 MB line, symlink loops, names with spaces, go.mod without module', () => {
    const dir = tmpModule({
      'bom.go': '\uFEFF' + LEAK,
      'crlf.go': LEAK.replace('Leak', 'LeakCRLF').replace(/\n/g, '\r\n'),
      'empty.go': '',
      'long.go': 'package t\n\nvar s = "' + 'x'.repeat(1_000_000) + '"\n',
      'dir with space/ü.go': LEAK.replace('Leak', 'LeakU'),
      'sub/go.mod': 'go 1.22\n',
      'sub/a.go': 'package sub\n',
    });
    symlinkSync(dir, path.join(dir, 'loop'));
    symlinkSync('/usr', path.join(dir, 'outside'));
    const r = run(['--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(sarifErrors(doc)).toEqual([]);
    const uris = doc.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => {
      const l = x.locations[0]!.physicalLocation;
      return `${l.artifactLocation.uri}:${l.region.startLine}`;
    });
    expect(uris).toEqual(['bom.go:6', 'crlf.go:6', 'dir%20with%20space/%C3%BC.go:6']);
    expect(r.err).toMatch(/sub\/go\.mod: go\.mod has no module line/);
    expect(r.err).toMatch(/empty\.go:1:1: syntax error: no package clause/);
  });

  it('loads the module packages a named directory imports, for resolution only', () => {
    const dir = tmpModule({
      'worker/w.go': 'package worker\n\nimport "context"\n\ntype W struct{ in chan int }\n\nfunc (w *W) Run(ctx context.Context) {\n\tfor range w.in {\n\t}\n\tgo func() { _ = ctx; <-w.in }()\n}\n',
      'cmd/main.go': 'package main\n\nimport (\n\t"context"\n\n\t"example.com/t/worker"\n)\n\nfunc start() {\n\tw := &worker.W{}\n\tgo w.Run(context.TODO())\n\tctx, cancel := context.WithCancel(context.Background())\n\tdefer cancel()\n\tgo w.Run(ctx)\n}\n',
    });
    const r = run(['cmd'], dir);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => l && !l.startsWith('\t'))).toEqual([
      'cmd/main.go:14:2: goroutine running W.Run receives ctx but never observes ctx.Done(); it can block at `for range w.in` and leaks once ctx is cancelled [ctx-done-missing]',
    ]);
    expect(r.err).toBe('goleash: 1 finding in 1 file\n');
  });

  it('leaves findings outside the root out of SARIF, with a notification and a warning', () => {
    const dir = tmpModule({ 'mod/a.go': LEAK, 'other/b.go': 'package other\n' });
    const r = run(['../mod', '--format', 'sarif', '--root', '.'], path.join(dir, 'other'));
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(sarifErrors(doc)).toEqual([]);
    expect(doc.runs[0].results).toEqual([]);
    expect(doc.runs[0].invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(['outside-root']);
    expect(r.err).toMatch(/1 finding is in files outside the root and left out of the SARIF report/);
    const inside = run(['mod', '--format', 'sarif'], dir);
    expect(JSON.parse(inside.out).runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'mod/a.go', uriBaseId: '%SRCROOT%' });
  });
});
