// Colour in the text report: FORCE_COLOR, NO_COLOR, TERM=dumb and terminals against pipes, as other command lines
// decide it (supports-color). Spawns the built CLI (npm test builds first); a terminal is made with script(1).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useColor } from './color.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const BIN = path.join(ROOT, 'dist/cli/main.js');
const SCRIPT = '/usr/bin/script';

/** Only PATH and HOME from the test's own environment: no CI, TERM, COLORTERM or FORCE_COLOR of the machine. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

function pipe(extra: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [BIN, 'testdata/seed', ...args], { cwd: ROOT, encoding: 'utf8', env: env(extra) }).stdout;
}

/** The run in a terminal: stdout and stderr as the terminal shows them (\r\n line ends). */
function terminal(extra: Record<string, string>) {
  const cmd = `'${process.execPath}' '${BIN}' testdata/seed`;
  return spawnSync(SCRIPT, ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: env(extra) }).stdout;
}

const PLAIN = spawnSync(process.execPath, [BIN, 'testdata/seed'], { cwd: ROOT, encoding: 'utf8', env: env({}) }).stdout;
/** The same report coloured: the position bold, the rule id yellow. */
const COLOURED = PLAIN.replace(/^(\S+:\d+:\d+): (.*) (\[[a-z-]+\])$/gm, '\x1b[1m$1\x1b[0m: $2 \x1b[33m$3\x1b[0m');
const SUMMARY = 'goleash: 2 findings in 1 file\n';

describe('colour', () => {
  it('has a plain report to compare with', () => {
    expect(PLAIN.split('\n').filter((l) => l && !l.startsWith('\t')).length).toBe(2);
    expect(PLAIN).not.toContain('\x1b');
    expect(COLOURED.match(/\x1b\[33m/g)).toHaveLength(2);
    expect(COLOURED.match(/\x1b\[1m/g)).toHaveLength(2);
  });

  // the whole decision, in this process, for a terminal and for a pipe (supports-color reads process.env)
  const KEYS = ['FORCE_COLOR', 'NO_COLOR', 'TERM', 'CI', 'GITHUB_ACTIONS', 'COLORTERM', 'TERM_PROGRAM', 'TF_BUILD', 'TEAMCITY_VERSION'];
  it.each([
    ['nothing set', {}, false, false],
    ['TERM=xterm', { TERM: 'xterm' }, true, false],
    ['TERM=xterm-256color', { TERM: 'xterm-256color' }, true, false],
    ['COLORTERM=truecolor', { COLORTERM: 'truecolor' }, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, false, false],
    ['TERM=dumb, FORCE_COLOR=1', { TERM: 'dumb', FORCE_COLOR: '1' }, true, true],
    ['FORCE_COLOR=1', { FORCE_COLOR: '1' }, true, true],
    ['FORCE_COLOR empty', { FORCE_COLOR: '' }, true, true],
    ['FORCE_COLOR=true', { FORCE_COLOR: 'true' }, true, true],
    ['FORCE_COLOR=0', { TERM: 'xterm', FORCE_COLOR: '0' }, false, false],
    ['FORCE_COLOR=false', { TERM: 'xterm', FORCE_COLOR: 'false' }, false, false],
    ['NO_COLOR=1', { TERM: 'xterm', NO_COLOR: '1' }, false, false],
    ['NO_COLOR empty (not set, as no-color.org says)', { TERM: 'xterm', NO_COLOR: '' }, true, false],
    ['FORCE_COLOR=1 and NO_COLOR=1 (FORCE_COLOR wins)', { FORCE_COLOR: '1', NO_COLOR: '1' }, true, true],
    ['CI with GITHUB_ACTIONS', { CI: 'true', GITHUB_ACTIONS: 'true' }, true, false],
    ['CI elsewhere, TERM=xterm', { CI: 'true', TERM: 'xterm' }, false, false],
  ])('%s: terminal %s, pipe %s', (_name, extra, onTerminal, onPipe) => {
    const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
    try {
      for (const k of KEYS) delete process.env[k];
      Object.assign(process.env, extra);
      expect([useColor({ isTTY: true }), useColor({ isTTY: false })]).toEqual([onTerminal, onPipe]);
    } finally {
      for (const k of KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });

  it('colours a pipe with FORCE_COLOR=1, and not without it', () => {
    expect(pipe({ FORCE_COLOR: '1' })).toBe(COLOURED);
    expect(pipe({ TERM: 'xterm-256color', NO_COLOR: '' })).toBe(PLAIN);
  });

  it('never colours a report written with -o FILE, even with FORCE_COLOR', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'goleash-color-')), 'report.txt');
    expect(pipe({ FORCE_COLOR: '1' }, ['-o', out])).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(PLAIN);
  });

  const tty = (s: string) => s.replace(/\n/g, '\r\n');
  // on a terminal, stderr first erases the progress line (\r, ESC [K), then the report, then the summary
  const ERASE = '\r\x1b[K';
  it.skipIf(!existsSync(SCRIPT)).each([
    ['TERM=xterm-256color', { TERM: 'xterm-256color' }, ERASE + tty(COLOURED + SUMMARY)],
    ['TERM=xterm-256color, NO_COLOR=1', { TERM: 'xterm-256color', NO_COLOR: '1' }, ERASE + tty(PLAIN + SUMMARY)],
    ['TERM=dumb (no colour, and no progress line to erase)', { TERM: 'dumb' }, tty(PLAIN + SUMMARY)],
  ])('on a terminal, %s', (_name, extra, want) => {
    expect(terminal(extra)).toBe(want);
  });
});
