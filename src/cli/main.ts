#!/usr/bin/env node
// The command line: parses flags, runs the analysis, hands the result to one reporter, sets the exit code.
// Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.
import { statSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { analyze, hiddenCounts, type AnalysisResult } from '../analyze.js';
import { UsageError } from '../discover/discover.js';
import { findRoot } from '../discover/root.js';
import { useColor } from './color.js';
import { writeAll, writeChunks, writeReport, WriteError } from './output.js';
import type { Chunks } from '../util/chunks.js';
import { formatGithub } from '../report/github.js';
import { formatJson } from '../report/json.js';
import { formatSarifChunks, isOutside, ruleHelpText, sarifChunks } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { configuredRules, FAIL_ON, loadConfig, type FailOn } from '../config.js';
import { applyFixes, settledSuppressed } from '../fix.js';
import { baselineOf, changedLines, failsGate, filterBaseline, filterNewFromRev } from '../gate.js';
import { RULES, ruleById } from '../rules/index.js';
import type { Finding, Rule } from '../rules/types.js';
import { errorWords } from '../util/errors.js';
import { tuneV8 } from '../util/v8flags.js';
import { VERSION } from '../version.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

function fail(message: string): never {
  process.stderr.write(`goleash: ${message}\n`);
  process.exit(2);
}

/** The report to -o FILE (see output.ts) or to stdout; a write error is one line and exit 2. */
async function emit(file: string | undefined, data: Chunks): Promise<void> {
  try {
    if (file) return await writeReport(file, data);
    writeChunks(1, data);
  } catch (e) {
    // a reader that went away (`goleash | head`) wants no more output, and no error either
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
    if (e instanceof WriteError) fail(e.message);
    fail(`cannot write standard output: ${errorWords(e)}`);
  }
}

/** The report; SARIF in pieces (a large one is never held as one string). */
async function render(format: Format, r: AnalysisResult, rules: readonly Rule[], category: string | undefined, color: boolean): Promise<Chunks> {
  switch (format) {
    case 'json':
      return formatJson(r);
    case 'sarif':
      return sarifChunks(await formatSarifChunks(r, { rules, category }));
    case 'github':
      return formatGithub(r);
    default:
      return formatText(r, { color });
  }
}

interface CheckArgs {
  paths: string[];
  format?: string;
  output?: string;
  tests?: boolean;
  root?: string;
  config?: string;
  'sarif-category'?: string;
  'sarif-output'?: string;
  'fail-on'?: FailOn;
  baseline?: string;
  'write-baseline'?: string;
  'new-from-rev'?: string;
  fix?: boolean;
  jobs?: number;
  cache?: string;
}

async function check(argv: CheckArgs) {
  let result: AnalysisResult;
  let rules: Rule[];
  let format: Format;
  let failOn: FailOn;
  try {
    const root = findRoot(argv.paths, process.cwd(), argv.root);
    const cfg = loadConfig(root, argv.config);
    const f = argv.format ?? cfg.format ?? 'text';
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format "${f}" (one of ${FORMATS.join(', ')})`);
    format = f as Format;
    if (argv.jobs !== undefined && (!Number.isInteger(argv.jobs) || argv.jobs < 1)) throw new UsageError('--jobs takes a whole number of at least 1');
    if (argv.cache) {
      let isDir = true;
      try {
        isDir = statSync(argv.cache).isDirectory();
      } catch {
        /* not there yet: created on the first write */
      }
      if (!isDir) throw new UsageError(`--cache ${argv.cache}: not a directory`);
    }
    if (argv.output && argv['sarif-output'] && path.resolve(argv.output) === path.resolve(argv['sarif-output'])) {
      throw new UsageError(`--output and --sarif-output name the same file ${argv.output}`);
    }
    failOn = argv['fail-on'] ?? cfg.failOn ?? 'note';
    rules = configuredRules(cfg);
    // the progress line rewrites itself with \r and an erase sequence: only on a terminal that has them
    const tty = process.stderr.isTTY === true && !process.env.CI && process.env.TERM !== 'dumb';
    const run = () =>
      analyze({
        paths: argv.paths,
        tests: argv.tests ?? cfg.tests ?? true,
        root,
        rules,
        jobs: argv.jobs,
        cacheDir: argv.cache,
        include: cfg.include,
        exclude: cfg.exclude,
        progress: tty ? progress : undefined,
      });
    // the findings a report shows: not hidden by the baseline or --new-from-rev (suppressed ones are never in findings)
    const hidden = { baseline: 0, newFromRev: 0 };
    const shown = (findings: Finding[]): Finding[] => {
      let out = findings;
      hidden.baseline = hidden.newFromRev = 0;
      if (argv.baseline) {
        const n = out.length;
        out = filterBaseline(out, argv.baseline);
        hidden.baseline = n - out.length;
      }
      if (argv['new-from-rev']) {
        const n = out.length;
        out = filterNewFromRev(out, changedLines(result.root, argv['new-from-rev']));
        hidden.newFromRev = n - out.length;
      }
      return out;
    };
    result = await run();
    if (argv.fix) {
      // only findings the report would show are fixed: a baselined, out-of-diff or suppressed one is left as it is
      const reported = shown(result.findings);
      const fixed = applyFixes(result.root, reported, (f, why) =>
        process.stderr.write(`${tty ? '\r\x1b[K' : ''}goleash: not fixed: ${f.file}:${f.range.start.line} [${f.ruleId}]: ${why}\n`),
      );
      const n = [...fixed.values()].reduce((a, b) => a + b, 0);
      const hidden = result.findings.filter((f) => f.fix).length - reported.filter((f) => f.fix).length;
      process.stderr.write(
        `${tty ? '\r\x1b[K' : ''}goleash: fixed ${n} finding${n === 1 ? '' : 's'} in ${fixed.size} file${fixed.size === 1 ? '' : 's'}` +
          (hidden > 0 ? ` (${hidden} fixable finding${hidden === 1 ? '' : 's'} hidden by the baseline or --new-from-rev left alone)` : '') +
          '\n',
      );
      if (n > 0) {
        const before = result;
        result = await run();
        // a fix can settle a finding that a suppression hid (the same send reached from another go statement, a
        // buffer that also settles another rule's finding): that suppression now matches nothing; say so
        for (const f of settledSuppressed(before.suppressed, result.suppressed)) {
          process.stderr.write(
            `goleash: warning: a fix also settled the ${f.ruleId} finding at ${f.file}:${f.range.start.line} (line before the fix) that a suppression hid; the suppression now matches nothing, delete it\n`,
          );
        }
      }
    }
    if (tty) process.stderr.write('\r\x1b[K');
    result.findings = shown(result.findings);
    result.hidden = hidden;
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  const color = !argv.output && useColor(process.stdout);
  const report = await render(format, result, rules, argv['sarif-category'], color);
  await emit(argv.output, report);
  const sarifOutput = argv['sarif-output'];
  if (sarifOutput) await emit(sarifOutput, format === 'sarif' ? report : await render('sarif', result, rules, argv['sarif-category'], false));
  if (argv['write-baseline']) await emit(argv['write-baseline'], baselineOf(result.findings));
  if (result.ioError) {
    for (const n of result.notifications) if (n.id === 'unreadable') process.stderr.write(`goleash: ${n.message}\n`);
    process.exit(2);
  }
  if (format !== 'github') {
    for (const n of result.notifications) process.stderr.write(`goleash: ${n.level}: ${n.message}\n`);
  }
  if (format === 'sarif' || sarifOutput) {
    const outside = result.findings.filter((f) => isOutside(f.file)).length;
    if (outside > 0) {
      process.stderr.write(`goleash: warning: ${outside} finding${outside === 1 ? ' is' : 's are'} in files outside the root and left out of the SARIF report; run from the repository root or pass --root\n`);
    }
  }
  process.stderr.write(
    `goleash: ${summary(result)}` +
      (argv['write-baseline'] ? `; baseline written to ${argv['write-baseline']}` : '') +
      '\n',
  );
  if (argv['write-baseline']) process.exit(0);
  process.exit(failsGate(result.findings, failOn) ? 1 : 0);
}

/** "3 findings in 5 files (2 hidden: 1 by baseline, 1 suppressed; 1 generated skipped; 4 from cache)" */
function summary(r: AnalysisResult): string {
  const n = r.findings.length;
  const h = hiddenCounts(r);
  const why = [
    h.baseline ? `${h.baseline} by baseline` : '',
    h.newFromRev ? `${h.newFromRev} by --new-from-rev` : '',
    h.suppressed ? `${h.suppressed} suppressed` : '',
  ].filter(Boolean);
  const extras = [
    h.total ? `${h.total} hidden: ${why.join(', ')}` : '',
    r.skippedGenerated ? `${r.skippedGenerated} generated skipped` : '',
    r.cachedFiles ? `${r.cachedFiles} from cache` : '',
  ].filter(Boolean);
  return `${n} finding${n === 1 ? '' : 's'} in ${r.files} file${r.files === 1 ? '' : 's'}` + (extras.length ? ` (${extras.join('; ')})` : '');
}

let lastProgress = 0;
function progress(done: number, total: number): void {
  const now = Date.now();
  if (total < 200 || now - lastProgress < 100) return;
  lastProgress = now;
  process.stderr.write(`\r\x1b[Kgoleash: ${done}/${total} files`);
}

/** Every flag given more than once keeps its last value; the paths stay a list. */
function lastOfRepeatedFlags(argv: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(argv)) {
    if (k !== '_' && k !== 'paths' && Array.isArray(v)) argv[k] = v[v.length - 1];
  }
}

export async function main(args: string[]): Promise<void> {
  // yargs reads `--tests=maybe` as false; a boolean flag given a value takes only true or false
  for (const a of args) {
    if (a === '--') break;
    const m = /^--(tests|fix)=(.*)$/s.exec(a);
    if (m && m[2] !== 'true' && m[2] !== 'false') fail(`--${m[1]} takes true or false, not "${m[2]}"`);
  }
  await yargs(args)
    // a flag given twice: the last one wins, as in most command lines (`goleash $DEFAULTS -f json`); yargs would
    // make an array of it (and its 'duplicate-arguments-array' setting would also keep only the last path)
    .middleware(lastOfRepeatedFlags, true)
    .scriptName('goleash')
    .usage('$0 [paths|./...]\n\nFinds goroutines that leak when their context is cancelled.')
    .command(
      ['$0 [paths..]', 'check [paths..]'],
      'analyze Go files, directories (recursively) or dir/... patterns; default ./...',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'files, directories or dir/... patterns' })
          .option('format', { alias: 'f', choices: FORMATS, describe: 'output format [default: text, or "format" in the config file]' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout: a regular file atomically (all or nothing), a device, FIFO or /dev/stdout in place' })
          .option('tests', { type: 'boolean', describe: 'analyze _test.go files; --tests=false skips them [default: true]' })
          .option('root', { type: 'string', describe: 'repository root: report paths are relative to it and the config file is read there [default: the top of the git work tree that holds the first path, else the outermost go.mod or go.work directory above it, else .]' })
          .option('config', { type: 'string', describe: 'config file [default: .goleash.yaml, .goleash.yml or .goleash.json in the root]' })
          .option('fail-on', { choices: FAIL_ON, describe: 'lowest level that makes the exit code 1 [default: note, i.e. any finding]' })
          .option('baseline', { type: 'string', describe: 'report only findings not recorded in this baseline file' })
          .option('write-baseline', { type: 'string', describe: 'record the current findings in FILE and exit 0' })
          .option('new-from-rev', { type: 'string', describe: 'report only findings on lines changed since this git revision' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'threads that parse files: the main thread and N-1 workers (from 250 files), at most the number of cores; 1 runs without workers [default: number of cores]' })
          .option('cache', { type: 'string', describe: 'keep the facts of each file in DIR and reuse them while the file is unchanged' })
          .option('fix', { type: 'boolean', describe: 'apply the safe automatic fixes to the files, then report what is left' })
          .option('sarif-output', { type: 'string', describe: 'also write a SARIF report to FILE (as --output does), beside the --format report: annotations and code scanning from one run' })
          .option('sarif-category', { type: 'string', describe: 'SARIF automationDetails.id = "<NAME>/" (one per configuration)' })
          .example('$0', 'analyze the current directory recursively')
          .example('$0 ./... --format sarif --output goleash.sarif', 'SARIF for GitHub code scanning')
          .example('$0 --format github --sarif-output goleash.sarif', 'annotations on stdout and SARIF to a file, from one run')
          .example('$0 internal/worker cmd/server/main.go', 'a directory tree and one file')
          .example('$0 --new-from-rev origin/main --format github', 'annotate only what a pull request changed')
          .example('$0 --write-baseline .goleash-baseline.json', 'adopt on a legacy code base; then use --baseline'),
      (argv) => check(argv as never),
    )
    .command(
      'lsp',
      'run the language server over stdio (diagnostics and code actions in an editor)',
      (y) =>
        y
          .option('stdio', { type: 'boolean', describe: 'talk over stdin and stdout (the only transport; accepted for clients that pass it)' })
          .option('root', { type: 'string', describe: "workspace root: the config file is read there [default: the editor's workspace folder]" })
          .option('config', { type: 'string', describe: 'config file [default: .goleash.yaml, .goleash.yml or .goleash.json in the root]' })
          .option('tests', { type: 'boolean', describe: 'analyze _test.go files [default: true, or "tests" in the config file]' })
          .option('cache', { type: 'string', describe: 'keep the facts of each file in DIR and reuse them while the file is unchanged' })
          .option('debounce', { type: 'number', default: 50, describe: 'milliseconds without an edit before the analysis runs' }),
      async (argv) => {
        const { startServer } = await import('../lsp/server.js');
        if (!Number.isFinite(argv.debounce) || argv.debounce < 0) fail('--debounce takes a number of milliseconds');
        startServer({ root: argv.root, config: argv.config, tests: argv.tests, cacheDir: argv.cache, debounceMs: argv.debounce });
      },
    )
    .command('rules', 'list the rules', {}, () => {
      for (const r of RULES) process.stdout.write(`${r.meta.id}\t${r.meta.level}\t${r.meta.title}\n`);
      process.exit(0);
    })
    .command(
      'explain <rule>',
      "print a rule's documentation",
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (argv) => {
        const r = ruleById(String(argv.rule));
        if (!r) fail(`unknown rule ${String(argv.rule)} (see goleash rules)`);
        process.stdout.write(`${r.meta.id} (${r.meta.name}, ${r.meta.level})\n\n${r.meta.title}\n\n${ruleHelpText(r)}\n`);
        process.exit(0);
      },
    )
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) {
        fail(`internal error: ${err.message}`);
      }
      fail((msg || err?.message || 'usage error').replace(/\s*\n\s*/g, ' ').trim());
    })
    .parseAsync();
}

tuneV8();
main(hideBin(process.argv)).catch((e: unknown) => {
  fail(e instanceof Error ? `internal error: ${e.message}` : String(e));
});
