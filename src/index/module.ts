// go.mod (and go.work) awareness without a Go toolchain: which module a directory belongs to, and which
// directory an import path of one of the analyzed modules names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface GoModule {
  /** absolute directory holding go.mod */
  dir: string;
  /** the module path from the `module` line; '' when the line is missing */
  path: string;
}

export class ModuleMap {
  private byDir = new Map<string, GoModule | null>();
  private modules = new Map<string, GoModule>();
  /** go.mod files that could not be used (no module line), for notifications. */
  readonly problems: { file: string; message: string }[] = [];

  /** The module whose go.mod is nearest above `dir` (absolute), or null. */
  moduleOf(dir: string): GoModule | null {
    const hit = this.byDir.get(dir);
    if (hit !== undefined) return hit;
    let found: GoModule | null = null;
    const gomod = path.join(dir, 'go.mod');
    if (existsSync(gomod)) {
      found = this.load(dir, gomod);
    } else {
      const parent = path.dirname(dir);
      found = parent === dir ? null : this.moduleOf(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  private load(dir: string, gomod: string): GoModule | null {
    let text = '';
    try {
      text = readFileSync(gomod, 'utf8');
    } catch {
      this.problems.push({ file: gomod, message: 'go.mod could not be read' });
      return null;
    }
    const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
    if (!m) {
      this.problems.push({ file: gomod, message: 'go.mod has no module line; its packages are resolved by directory only' });
    }
    const mod: GoModule = { dir, path: m ? m[2]! : '' };
    if (mod.path) this.modules.set(mod.path, mod);
    // go.work next to go.mod lists further modules of the workspace
    return mod;
  }

  /** Loads the modules a go.work file names (`use` directives), relative to its directory. */
  loadWork(workDir: string): void {
    const file = path.join(workDir, 'go.work');
    if (!existsSync(file)) return;
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    const uses: string[] = [];
    const block = /use\s*\(([^)]*)\)/g;
    let m: RegExpExecArray | null;
    while ((m = block.exec(text))) uses.push(...m[1]!.split('\n').map((l) => l.replace(/\/\/.*$/, '').trim()).filter(Boolean));
    const single = /^\s*use\s+([^\s(]+)/gm;
    while ((m = single.exec(text))) uses.push(m[1]!);
    for (const u of uses) this.moduleOf(path.resolve(workDir, u.replace(/^"|"$/g, '')));
  }

  /** The absolute directory an import path names, if it belongs to a known module. */
  dirOf(importPath: string): string | null {
    let best: GoModule | null = null;
    for (const mod of this.modules.values()) {
      if (importPath === mod.path || importPath.startsWith(mod.path + '/')) {
        if (!best || mod.path.length > best.path.length) best = mod;
      }
    }
    if (!best) return null;
    return path.join(best.dir, importPath.slice(best.path.length));
  }
}
