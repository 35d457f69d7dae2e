#!/usr/bin/env node
// The GitHub Action's run step (action.yml): runs goleash once, with annotations (--format github) on stdout
// and SARIF to a file, and writes the step's outputs to $GITHUB_OUTPUT. Inputs come from the environment,
// never through a shell:
//   INPUT_PATHS    one path, directory or dir/... pattern per line (a line is one path, spaces and all)
//   INPUT_ARGS     further goleash flags, split into words as a shell would (quotes, backslashes) but never
//                  expanded; they may set --format and --output, not --sarif-output, which the action owns
//   INPUT_FAIL_ON  --fail-on; empty leaves it to the config file's fail-on, else goleash's default
// Outputs: sarif (the file's path), findings (results in it), exit-code (goleash's: 0, 1 or 2). When goleash
// fails (exit 2) no SARIF is left behind and sarif is empty, so the upload step is skipped. This step exits 2
// then; on 0 or 1 it exits 0, so the upload runs and the Gate step fails the job on 1 after it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorWords } from '../util/errors.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Words of a flag string as a POSIX shell splits them, with '…', "…" and \ quoting, without any expansion. */
export function splitArgs(s: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      continue;
    }
    word ??= '';
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error('args: unclosed quote (\')');
      word += s.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) i++;
        word += s[i];
      }
      if (i >= s.length) throw new Error('args: unclosed quote (")');
    } else if (c === '\\' && i + 1 < s.length) {
      word += s[++i];
    } else {
      word += c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** goleash's command line for the inputs; the SARIF goes to `sarif`. */
export function commandLine(env: NodeJS.ProcessEnv, sarif: string): string[] {
  const paths = (env.INPUT_PATHS ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    // a path that starts with - is not a flag
    .map((p) => (p.startsWith('-') ? `./${p}` : p));
  const args = splitArgs(env.INPUT_ARGS ?? '');
  const owned = args.find((a) => /^--(sarif-output|sarifOutput)(=|$)/.test(a));
  if (owned) throw new Error(`args: ${owned.split('=')[0]} is set by the action (its SARIF file is the sarif output); remove it`);
  const failOn = (env.INPUT_FAIL_ON ?? '').trim();
  return [...paths, '--format', 'github', ...(failOn ? ['--fail-on', failOn] : []), '--sarif-output', sarif, ...args];
}

function setOutputs(env: NodeJS.ProcessEnv, outputs: Record<string, string>): void {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}

function countResults(sarif: string): number {
  let doc: { runs: { results?: unknown[] }[] };
  try {
    doc = JSON.parse(readFileSync(sarif, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the SARIF report ${sarif}: ${errorWords(e)}`);
  }
  return doc.runs.reduce((n, r) => n + (r.results?.length ?? 0), 0);
}

export function runAction(env: NodeJS.ProcessEnv): number {
  const sarif = path.join(env.RUNNER_TEMP || tmpdir(), 'goleash.sarif');
  // never a stale report: the file exists afterwards only if this run wrote it
  rmSync(sarif, { force: true });
  let code = 2;
  let findings = 0;
  try {
    const r = spawnSync(process.execPath, [CLI, ...commandLine(env, sarif)], { stdio: 'inherit', env });
    if (r.error) throw r.error;
    if (r.status === null) throw new Error(`goleash was ended by ${r.signal}`);
    code = r.status;
    if (code === 0 || code === 1) findings = countResults(sarif);
  } catch (e) {
    process.stderr.write(`goleash action: ${errorWords(e)}\n`);
    code = 2;
  }
  if (code === 0 || code === 1) {
    setOutputs(env, { sarif, findings: String(findings), 'exit-code': String(code) });
    return 0;
  }
  rmSync(sarif, { force: true });
  setOutputs(env, { sarif: '', findings: '', 'exit-code': String(code) });
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(runAction(process.env));
