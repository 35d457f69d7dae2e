#!/usr/bin/env node
// The command line: parses flags, runs the analysis, hands the result to one reporter, sets the exit code.
// Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { analyze, type AnalysisResult } from '../analyze.js';
import { UsageError } from '../discover/discover.js';
import { formatGithub } from '../report/github.js';
import { formatJson } from '../report/json.js';
import { formatSarif, ruleHelpText } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { RULES, ruleById } from '../rules/index.js';
import { VERSION } from '../version.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

function fail(message: string): never {
  process.stderr.write(`goleash: ${message}\n`);
  process.exit(2);
}

/** Writes the whole report or nothing: a temp file next to the target, then a rename. */
function writeAtomic(file: string, data: string): void {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    fail(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function render(format: Format, r: AnalysisResult, category: string | undefined, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(r);
    case 'sarif':
      return formatSarif(r, { rules: RULES, category });
    case 'github':
      return formatGithub(r);
    default:
      return formatText(r, { color });
  }
}

async function check(argv: { paths: string[]; format: Format; output?: string; tests: boolean; root?: string; 'sarif-category'?: string }) {
  let result: AnalysisResult;
  try {
    result = await analyze({ paths: argv.paths, tests: argv.tests, root: argv.root });
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  const color = !argv.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const report = render(argv.format, result, argv['sarif-category'], color);
  if (argv.output) writeAtomic(argv.output, report);
  else process.stdout.write(report);
  if (result.ioError) {
    for (const n of result.notifications) if (n.id === 'unreadable') process.stderr.write(`goleash: ${n.message}\n`);
    process.exit(2);
  }
  if (argv.format !== 'github') {
    for (const n of result.notifications) process.stderr.write(`goleash: ${n.level}: ${n.message}\n`);
  }
  const n = result.findings.length;
  process.stderr.write(
    `goleash: ${n} finding${n === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'}` +
      (result.skippedGenerated ? ` (${result.skippedGenerated} generated skipped)` : '') +
      '\n',
  );
  process.exit(n > 0 ? 1 : 0);
}

export async function main(args: string[]): Promise<void> {
  await yargs(args)
    .scriptName('goleash')
    .usage('$0 [paths|./...]\n\nFinds goroutines that leak when their context is cancelled.')
    .command(
      ['$0 [paths..]', 'check [paths..]'],
      'analyze Go files, directories (recursively) or dir/... patterns; default ./...',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'files, directories or dir/... patterns' })
          .option('format', { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE (all or nothing) instead of stdout' })
          .option('tests', { type: 'boolean', default: true, describe: 'analyze _test.go files (--tests=false to skip them)' })
          .option('root', { type: 'string', describe: 'directory report paths are relative to (the repository root); default: current directory' })
          .option('sarif-category', { type: 'string', describe: 'SARIF automationDetails.id = "<NAME>/" (one per configuration)' })
          .example('$0', 'analyze the current directory recursively')
          .example('$0 ./... --format sarif --output goleash.sarif', 'SARIF for GitHub code scanning')
          .example('$0 internal/worker cmd/server/main.go', 'a directory tree and one file'),
      (argv) => check(argv as never),
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

main(hideBin(process.argv)).catch((e: unknown) => {
  fail(e instanceof Error ? `internal error: ${e.message}` : String(e));
});
