// npm run vet: every Go module under testdata/ (and src/rules/<id>/testdata) must be gofmt-clean and pass `go vet ./...` with the Go on PATH.
// Prints one line per module; exits 1 on any failure, 0 (after saying why) when Go is not installed.
import { spawnSync } from 'node:child_process';
import { findGo, goEnv, rel, testdataModules, vetFlags } from './gotool.js';

function main(): number {
  const go = findGo();
  if ('skip' in go) {
    console.log(`vet: skipped: ${go.skip}`);
    return 0;
  }
  console.log(`vet: ${go.version}`);
  let failed = 0;
  for (const mod of testdataModules()) {
    const problems: string[] = [];
    const fmt = spawnSync(go.gofmt, ['-l', '.'], { cwd: mod, encoding: 'utf8', env: goEnv() });
    if (fmt.error) problems.push(`gofmt could not run: ${fmt.error.message}`);
    else if (fmt.status !== 0 || fmt.stdout.trim()) problems.push(`gofmt -l: ${(fmt.stdout + fmt.stderr).trim().split('\n').join(', ')}`);
    const vet = spawnSync(go.go, ['vet', ...vetFlags(mod), './...'], { cwd: mod, encoding: 'utf8', env: goEnv() });
    if (vet.error) problems.push(`go vet could not run: ${vet.error.message}`);
    else if (vet.status !== 0) problems.push(`go vet ./...:\n${(vet.stdout + vet.stderr).trim().replace(/^/gm, '    ')}`);
    if (problems.length) failed++;
    console.log(`${rel(mod)}: ${problems.length ? `FAIL\n  ${problems.join('\n  ')}` : 'ok (gofmt -l clean, go vet ./... passed)'}`);
  }
  console.log(failed ? `vet: ${failed} module(s) failed` : 'vet: every module passed');
  return failed ? 1 : 0;
}

process.exitCode = main();
