// unsent-signal: a function makes a channel, hands it to one goroutine, and waits on it with a bare receive; the
// goroutine is the only one that can send on it or close it, and it has a way back to its caller on which it does
// neither (an early return on an error, a case that returns). On that path the function waits forever, and so
// does the goroutine it runs in. Judged on the IR with the shared analysis src/analysis/signal.ts.
import { goroutineOf } from '../../analysis/goroutines.js';
import { owedSignal } from '../../analysis/signal.js';
import { earlyGroupWaits, owedDone } from '../../analysis/waitgroup.js';
import { deadWaits } from '../../analysis/abandon.js';
import { isTestHandle } from '../../api/table.js';
import type { Range } from '../../parse/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'unsent-signal',
    name: 'UnsentSignal',
    level: 'warning',
    precision: 'high',
    title: 'A function waits for a signal from the goroutine it starts, and the goroutine can return without sending it (or waits on a WaitGroup inside the loop that starts the goroutines it counts).',
    description:
      'A function makes a channel, hands it to one goroutine and then waits on it with a bare receive; nothing else sends on the channel or closes it, and the goroutine can return without doing either (an early return on an error, a select case that returns). On that path the receive waits forever: the function never returns, and the goroutine that runs it leaks. The same wait on a sync.WaitGroup: a goroutine that waits on a group inside the loop that starts the goroutines marking it done, after adding all of them to the group before the loop, waits for goroutines not started yet.',
    help: [
      'A done or result channel is a promise: `done := make(chan struct{}); go work(done); <-done` works only if `work` closes (or sends on) `done` on every way out. An error path that returns first (`if err != nil { log(err); return }`) leaves the waiting function blocked on `<-done` forever, with everything it holds; if it runs in a goroutine of its own, that goroutine leaks, and if it serves a request, the request never ends.',
      'goleash reports the `go` statement when its parent makes the channel, passes it to this goroutine only (captured or as an argument, not to another goroutine, a call, a store or a literal), receives from it with a bare receive after the `go` statement (not in a `select`), never sends on it or closes it itself, and the goroutine\'s function (followed into the module functions it hands the channel to) sends on it or closes it on some paths but has a path to a `return` or the end of its body on which it does neither. A path through a panic, `os.Exit`, `runtime.Goexit`, `t.Fatal` or a failed check (`t.Error`, `assert.X`) is not such a path. The wait must lie on every way from the `go` statement back to the parent\'s caller (a wait in one branch may be one the goroutine\'s silent paths never meet). Not judged: a goroutine that sends in a loop (a stream, whose receives are not counted here), lets the channel go where goleash cannot follow, receives from it itself, or hands it to a literal; and a parent that is a test itself (it has a `*testing.T`, `B`, `F` or `TB` parameter), whose endless wait times the test out and fails it.',
      'The WaitGroup shape: `wg.Add(len(items))` before a loop that starts one goroutine per item (each marking the group done once) and calls `wg.Wait()` in every iteration. The first Wait waits until the count is zero, which needs the Done calls of goroutines later iterations would start: with two items or more it never returns. goleash reports the `go` statement whose goroutine runs such a function, when the group is a local variable of it that only its `Add`, `Wait` and the goroutines\' one `Done` each touch (a group handed to a call, `helper(&wg)`, is not judged), the only `Add` comes before the loop with a count of `len(x)` or a constant of 2 or more, and no way through an iteration skips the Wait (a wait in the last iteration only is correct). The fix: move `wg.Wait()` after the loop, or `wg.Add(1)` inside it.',
      'The Done a worker skips: a goroutine (a literal of its parent) marks the parent\'s `sync.WaitGroup` done with a plain `wg.Done()` call, not a `defer`, and has a way back to its caller that calls none (`if err != nil { return }` before the Done), while the parent calls `wg.Wait()` on every way on from the `go` statement: the count never reaches zero and the Wait never returns. Judged when the group is the parent\'s own local and is not handed on (`&wg`), the goroutine calls nothing else on it and no Done of it is in a loop; a path that panics, exits or fails the test is not a way back, and a parent that is a test (it fails by its timeout) is not judged. The fix is `defer wg.Done()` as the goroutine\'s first statement.',
      'The wait with no partner at all: a goroutine makes a channel and waits on it with a bare receive (or ranges over it), and nothing can ever send on it or close it: not the goroutine\'s function, nor its literals, nor the goroutines it hands the channel to (their functions never feed it), and the channel goes nowhere else (no call that may feed it, no store, no return). goleash reports the `go` statement of the goroutine that waits; the wait, once reached, never ends.',
      '**How to fix:** close the channel (or send the result) in a `defer` at the top of the goroutine, so that every path signals:',
      '```go\ngo func() {\n\tdefer close(done)\n\tif err := step(); err != nil {\n\t\treturn\n\t}\n\tfinish()\n}()\n<-done\n```',
      'or have the waiting side also select on a stop signal or `ctx.Done()`.',
      '**Suppress** a reviewed case on the line of the `go` statement or the line above: `//goleash:ignore unsent-signal <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'channel'],
    since: '0.2.0',
    examples: { bad: 'src/rules/unsent-signal/testdata/signal.go', good: 'src/rules/unsent-signal/testdata/signal.go' },
  },

  check(stmt, program, report) {
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (!g) return;
    // the goroutine itself waits on a WaitGroup for goroutines its loop has not started yet
    for (const w of earlyGroupWaits(g.target, g.targetFile, program)) {
      report({
        file: stmt.file.path,
        range: stmt.fact.range,
        message: [
          { text: 'this goroutine', loc: 1 },
          ' ',
          { text: `waits on ${w.name}`, loc: 2 },
          ' inside ',
          { text: 'the loop', loc: 3 },
          ` that starts the goroutines marking it done, and `,
          { text: `${w.name}.Add(${w.count})`, code: true, loc: 4 },
          ' counted all of them before the loop: the first Wait waits for goroutines not started yet',
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
          { id: 2, file: g.targetFile.path, range: w.wait, message: `it waits on ${w.name} here, in every iteration` },
          { id: 3, file: g.targetFile.path, range: w.loop, message: 'the loop that starts the goroutines' },
          { id: 4, file: g.targetFile.path, range: w.add, message: `${w.name} counts every goroutine of the loop here` },
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(g.targetFile, g.target.id), target: `wait|${w.name}` },
      });
    }
    // the goroutine waits on a channel it makes that nothing can ever send on or close
    for (const w of deadWaits(g.targetFile, g.target, program)) {
      report({
        file: stmt.file.path,
        range: stmt.fact.range,
        message: [
          { text: 'this goroutine', loc: 1 },
          ' ',
          { text: `waits on ${w.chanName}`, loc: 2 },
          ', and nothing sends on or closes ',
          { text: w.chanName, loc: 3 },
          ': not this goroutine, nor any goroutine or call it hands the channel to, so the wait never ends',
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
          { id: 2, file: g.targetFile.path, range: w.wait, message: `it waits on ${w.chanName} here` },
          { id: 3, file: g.targetFile.path, range: w.made, message: `${w.chanName} is made here; nothing feeds it` },
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(g.targetFile, g.target.id), target: `dead|${w.chanName}` },
      });
    }
    // a test (or subtest) that waits forever fails by its timeout: a failing test, not a goroutine left behind
    if (Object.values(g.parent.vars).some((v) => v.kind === 'param' && v.type?.k === 'named' && isTestHandle(v.type.pkg, v.type.name))) return;
    const pname = program.enclosingName(stmt.file, stmt.fact.parent);
    const d = owedDone(g, program);
    if (d) reportOwed(stmt, program, g.targetFile.path, pname, report, { leave: d.leave, wait: d.wait, name: d.name, without: `calling ${d.name}.Done()`, waits: ': the wait never ends', target: `done|${d.name}` });
    const s = owedSignal(g, program);
    if (!s) return;
    const name = g.parent.vars[s.ch]?.name ?? s.ch.slice(0, s.ch.indexOf('@'));
    const verb = s.feed === 'close' ? 'closing' : 'sending on';
    reportOwed(stmt, program, g.targetFile.path, pname, report, { leave: s.leave, wait: s.wait, name, without: `${verb} ${name}`, waits: ' for it: the wait never ends', target: `signal|${name}` });
  },
};

/** A goroutine that can return without what its parent waits for: `without` says what it skips. */
function reportOwed(
  stmt: Parameters<Rule['check']>[0], program: Parameters<Rule['check']>[1], targetPath: string, pname: string, report: Parameters<Rule['check']>[2],
  o: { leave: Range; wait: Range; name: string; without: string; waits: string; target: string },
): void {
  report({
    file: stmt.file.path,
    range: stmt.fact.range,
    message: [
      { text: 'this goroutine', loc: 1 },
      ' can ',
      { text: 'return', loc: 2 },
      ` without ${o.without}, and ${pname} `,
      { text: `waits on ${o.name}`, loc: 3 },
      o.waits,
    ],
    related: [
      { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
      { id: 2, file: targetPath, range: o.leave, message: `the goroutine returns here without ${o.without}` },
      { id: 3, file: stmt.file.path, range: o.wait, message: `${pname} waits on ${o.name} here` },
    ],
    semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: o.target },
  });
}
