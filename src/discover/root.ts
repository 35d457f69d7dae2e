// The repository root: report paths are relative to it and the config file is read there. Found as
// golangci-lint and CodeQL find it, without running git: the top of the git work tree that holds the first
// analyzed path (the nearest directory upward with a `.git` directory, or `.git` file in a worktree or
// submodule), else the outermost directory above it with a go.mod or go.work, else the current directory.
// --root DIR wins over all of these.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './discover.js';
import { errorWords } from '../util/errors.js';

export function findRoot(paths: string[], cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const abs = path.resolve(cwd, explicit);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      throw new UsageError(`--root ${explicit}: ${errorWords(e)}`);
    }
    if (!isDir) throw new UsageError(`--root ${explicit}: not a directory`);
    return abs;
  }
  const first = paths[0] ?? '.';
  const recursive = first.endsWith('/...') || first === '...';
  let dir = path.resolve(cwd, recursive ? first.slice(0, -3) || '.' : first);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  let moduleTop: string | undefined;
  for (let cur = dir; ; cur = path.dirname(cur)) {
    if (existsSync(path.join(cur, '.git'))) return cur;
    if (existsSync(path.join(cur, 'go.mod')) || existsSync(path.join(cur, 'go.work'))) moduleTop = cur;
    if (path.dirname(cur) === cur) break;
  }
  return moduleTop ?? path.resolve(cwd);
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
