import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRoot } from './root.js';

/** A temp tree: names ending in / are directories, others files (with their parents). */
function tree(entries: string[]): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'goleash-root-')));
  for (const e of entries) {
    const abs = path.join(dir, e);
    if (e.endsWith('/')) mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, '');
    }
  }
  return dir;
}

describe('findRoot', () => {
  it('is the top of the git work tree that holds the first path, from a subdirectory or from outside', () => {
    const t = tree(['repo/.git/', 'repo/go.mod', 'repo/svc/go.mod', 'repo/svc/api/a.go', 'elsewhere/']);
    const repo = path.join(t, 'repo');
    expect(findRoot([], path.join(repo, 'svc/api'))).toBe(repo);
    expect(findRoot(['./...'], path.join(repo, 'svc'))).toBe(repo);
    expect(findRoot(['api/...'], path.join(repo, 'svc'))).toBe(repo);
    expect(findRoot(['../repo/svc/api/a.go'], path.join(t, 'elsewhere'))).toBe(repo);
    expect(findRoot([path.join(repo, 'svc')], '/')).toBe(repo);
    // only the first path decides
    expect(findRoot(['.', path.join(repo, 'svc')], path.join(t, 'elsewhere'))).toBe(path.join(t, 'elsewhere'));
  });

  it('takes a .git file (a worktree or submodule) as the top of its work tree', () => {
    const t = tree(['outer/.git/', 'outer/sub/.git', 'outer/sub/pkg/a.go']);
    expect(findRoot(['pkg'], path.join(t, 'outer/sub'))).toBe(path.join(t, 'outer/sub'));
  });

  it('without git, is the outermost directory with a go.mod or go.work above the first path', () => {
    const t = tree(['ws/go.work', 'ws/mod/go.mod', 'ws/mod/inner/go.mod', 'ws/mod/inner/p/a.go', 'lone/go.mod', 'lone/p/a.go']);
    expect(findRoot(['p/a.go'], path.join(t, 'ws/mod/inner'))).toBe(path.join(t, 'ws'));
    expect(findRoot(['lone/p/...'], t)).toBe(path.join(t, 'lone'));
  });

  it('falls back to the current directory', () => {
    const t = tree(['a/b/x.go']);
    expect(findRoot(['b'], path.join(t, 'a'))).toBe(path.join(t, 'a'));
    // a path that does not exist is discovery's error to report, not this one's
    expect(findRoot(['missing/...'], path.join(t, 'a'))).toBe(path.join(t, 'a'));
  });

  it('lets --root win, and rejects a --root that is missing or not a directory', () => {
    const t = tree(['repo/.git/', 'repo/sub/a.go', 'file.txt']);
    expect(findRoot([], path.join(t, 'repo/sub'), '.')).toBe(path.join(t, 'repo/sub'));
    expect(() => findRoot([], t, 'nope')).toThrow('--root nope: no such file or directory');
    expect(() => findRoot([], t, 'file.txt')).toThrow('--root file.txt: not a directory');
  });
});
