// Spawns the built action script (npm test builds first) as action.yml runs it, with a fake GITHUB_OUTPUT and
// RUNNER_TEMP in a temp directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { sarifErrors } from '../test/sarif-validate.js';
import { commandLine, splitArgs } from './run.js';

const ROOT = path.resolve(fileURLToPath(import.meta.url), '../../..');
const SCRIPT = path.join(ROOT, 'dist/action/run.js');

const LEAK = `package t

import "context"

func Leak(ctx context.Context, ch chan int) {
	go func() {
		_ = ctx.Value("k")
		ch <- 1
	}()
}
`;
const ANNOTATION = '::warning file=a.go,line=6,col=2,endLine=9,title=goleash ctx-done-missing::goroutine running func literal captures ctx but never observes ctx.Done(); it can block at `ch <- 1` and leaks once ctx is cancelled\n';

/** A workspace (a Go module with `files`) and a runner temp dir beside it. */
function workspace(files: Record<string, string>) {
  const base = mkdtempSync(path.join(tmpdir(), 'goleash-action-'));
  const ws = path.join(base, 'ws');
  const temp = path.join(base, 'runner-temp');
  mkdirSync(temp);
  mkdirSync(ws);
  writeFileSync(path.join(ws, 'go.mod'), 'module example.com/t\n\ngo 1.22\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    writeFileSync(path.join(ws, name), text);
  }
  const sarif = path.join(temp, 'goleash.sarif');
  const run = (inputs: Record<string, string>) => {
    const output = path.join(base, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const env = { PATH: process.env.PATH, GITHUB_OUTPUT: output, RUNNER_TEMP: temp, ...inputs };
    const r = spawnSync(process.execPath, [SCRIPT], { cwd: ws, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr, outputs: readFileSync(output, 'utf8') };
  };
  const results = () => JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri);
  return { ws, sarif, run, results };
}

describe('the GitHub Action script', { timeout: 120_000 }, () => {
  it('a clean run: exit-code 0, 0 findings, a valid SARIF', () => {
    const w = workspace({ 'a.go': 'package t\n\nfunc F() { go func() {}() }\n' });
    const r = w.run({ INPUT_PATHS: './...', INPUT_ARGS: '', INPUT_FAIL_ON: '' });
    expect(r).toEqual({ code: 0, out: '', err: 'goleash: 0 findings in 1 file\n', outputs: `sarif=${w.sarif}\nfindings=0\nexit-code=0\n` });
    expect(sarifErrors(JSON.parse(readFileSync(w.sarif, 'utf8')))).toEqual([]);
    expect(w.results()).toEqual([]);
  });

  it('a run with findings: annotations and SARIF from one run; fail-on from the config file unless the input sets it', () => {
    const w = workspace({ 'a.go': LEAK });
    const r = w.run({ INPUT_PATHS: './...', INPUT_ARGS: '', INPUT_FAIL_ON: '' });
    expect(r).toEqual({ code: 0, out: ANNOTATION, err: 'goleash: 1 finding in 1 file\n', outputs: `sarif=${w.sarif}\nfindings=1\nexit-code=1\n` });
    expect(w.results()).toEqual(['a.go']);
    writeFileSync(path.join(w.ws, '.goleash.yaml'), 'fail-on: error\n');
    expect(w.run({ INPUT_PATHS: './...', INPUT_FAIL_ON: '' }).outputs).toBe(`sarif=${w.sarif}\nfindings=1\nexit-code=0\n`);
    expect(w.run({ INPUT_PATHS: './...', INPUT_FAIL_ON: 'warning' }).outputs).toBe(`sarif=${w.sarif}\nfindings=1\nexit-code=1\n`);
  });

  it('a failed run (exit 2) leaves no SARIF, stale or new, and an empty sarif output', () => {
    const w = workspace({ 'a.go': LEAK });
    writeFileSync(w.sarif, '{"stale": true}');
    const r = w.run({ INPUT_PATHS: 'nope/...', INPUT_ARGS: '', INPUT_FAIL_ON: '' });
    expect(r).toEqual({ code: 2, out: '', err: 'goleash: nope/...: no such file or directory\n', outputs: 'sarif=\nfindings=\nexit-code=2\n' });
    expect(existsSync(w.sarif)).toBe(false);
    // a bad fail-on input is goleash's usage error
    const bad = w.run({ INPUT_PATHS: '.', INPUT_FAIL_ON: 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('goleash: Invalid values: Argument: fail-on, Given: "sometimes", Choices: "error", "warning", "note", "never"\n');
    expect(bad.outputs).toBe('sarif=\nfindings=\nexit-code=2\n');
  });

  it('takes one path per line, spaces included, and a path starting with - as a path', () => {
    const w = workspace({ 'my dir/a.go': LEAK, 'other dir/p/b.go': LEAK.replace('Leak', 'Leak2'), '-x/c.go': LEAK.replace('Leak', 'Leak3'), 'skipped/d.go': LEAK });
    const r = w.run({ INPUT_PATHS: 'my dir\n  other dir/...  \n\n-x\n', INPUT_ARGS: '--tests=false', INPUT_FAIL_ON: 'never' });
    expect(r.code).toBe(0);
    expect(r.outputs).toBe(`sarif=${w.sarif}\nfindings=3\nexit-code=0\n`);
    expect(w.results()).toEqual(['-x/c.go', 'my%20dir/a.go', 'other%20dir/p/b.go']);
  });

  it('honours --format and --output in args, and rejects --sarif-output and broken quoting in one line', () => {
    const w = workspace({ 'a.go': LEAK });
    const r = w.run({ INPUT_PATHS: '.', INPUT_ARGS: "--format json --output 'report file.json'", INPUT_FAIL_ON: '' });
    expect(r).toEqual({ code: 0, out: '', err: 'goleash: 1 finding in 1 file\n', outputs: `sarif=${w.sarif}\nfindings=1\nexit-code=1\n` });
    expect(JSON.parse(readFileSync(path.join(w.ws, 'report file.json'), 'utf8')).findings.map((f: { file: string }) => f.file)).toEqual(['a.go']);
    expect(w.results()).toEqual(['a.go']);
    expect(w.run({ INPUT_PATHS: '.', INPUT_ARGS: '-f text -o /dev/stdout' }).out).toMatch(/^a\.go:6:2: goroutine running func literal captures ctx/);
    const owned = w.run({ INPUT_PATHS: '.', INPUT_ARGS: '--sarif-output=x.sarif' });
    expect(owned).toEqual({ code: 2, out: '', err: 'goleash action: args: --sarif-output is set by the action (its SARIF file is the sarif output); remove it\n', outputs: 'sarif=\nfindings=\nexit-code=2\n' });
    const quote = w.run({ INPUT_PATHS: '.', INPUT_ARGS: '--baseline "x' });
    expect(quote).toEqual({ code: 2, out: '', err: 'goleash action: args: unclosed quote (")\n', outputs: 'sarif=\nfindings=\nexit-code=2\n' });
  });
});

describe('splitArgs and commandLine', () => {
  it('splits as a shell does, without expansion', () => {
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('  --tests=false\n --new-from-rev  origin/main ')).toEqual(['--tests=false', '--new-from-rev', 'origin/main']);
    expect(splitArgs(`-o 'a b' "c \\"d\\" \\x" e\\ f '' $HOME`)).toEqual(['-o', 'a b', 'c "d" \\x', 'e f', '', '$HOME']);
    expect(() => splitArgs("'x")).toThrow("args: unclosed quote (')");
  });

  it('puts the paths first, the inputs next and args last, so that args win', () => {
    expect(commandLine({ INPUT_PATHS: './...', INPUT_ARGS: '-f sarif', INPUT_FAIL_ON: 'note' }, '/t/g.sarif')).toEqual(['./...', '--format', 'github', '--fail-on', 'note', '--sarif-output', '/t/g.sarif', '-f', 'sarif']);
    expect(commandLine({}, 's')).toEqual(['--format', 'github', '--sarif-output', 's']);
  });
});

describe('action.yml', () => {
  const action = YAML.parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { steps: { id?: string; run?: string; if?: string; env?: Record<string, string> }[] };
  };
  const steps = action.runs.steps;

  it('passes inputs to shell steps only through env, and leaves fail-on to the config by default', () => {
    expect(steps.filter((s) => s.run).map((s) => s.run!.includes('${{'))).toEqual([false, false, false]);
    expect(action.inputs['fail-on']!.default).toBe('');
    const run = steps.find((s) => s.id === 'run')!;
    expect(run.run).toBe('node "$GITHUB_ACTION_PATH/dist/action/run.js"');
    expect(run.env).toEqual({ INPUT_PATHS: '${{ inputs.paths }}', INPUT_ARGS: '${{ inputs.args }}', INPUT_FAIL_ON: '${{ inputs.fail-on }}' });
    expect(existsSync(SCRIPT)).toBe(true);
  });

  it('uploads only a SARIF this run wrote, and gates after the upload', () => {
    expect(steps.map((s) => s.if ?? '')).toEqual([
      '',
      '',
      '',
      "${{ !cancelled() && inputs.upload == 'true' && steps.run.outputs.sarif != '' }}",
      "${{ steps.run.outputs.exit-code == '1' }}",
    ]);
  });
});
