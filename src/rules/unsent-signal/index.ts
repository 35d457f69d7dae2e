// unsent-signal: a function makes a channel, hands it to one goroutine, and waits on it with a bare receive; the
// goroutine is the only one that can send on it or close it, and it has a way back to its caller on which it does
// neither (an early return on an error, a case that returns). On that path the function waits forever, and so
// does the goroutine it runs in. Judged on the IR with the shared analysis src/analysis/signal.ts.
import { goroutineOf } from '../../analysis/goroutines.js';
import { owedSignal } from '../../analysis/signal.js';
import { isTestHandle } from '../../api/table.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'unsent-signal',
    name: 'UnsentSignal',
    level: 'warning',
    precision: 'high',
    title: 'A function waits for a signal from the goroutine it starts, and the goroutine can return without sending it.',
    description:
      'A function makes a channel, hands it to one goroutine and then waits on it with a bare receive; nothing else sends on the channel or closes it, and the goroutine can return without doing either (an early return on an error, a select case that returns). On that path the receive waits forever: the function never returns, and the goroutine that runs it leaks.',
    help: [
      'A done or result channel is a promise: `done := make(chan struct{}); go work(done); <-done` works only if `work` closes (or sends on) `done` on every way out. An error path that returns first (`if err != nil { log(err); return }`) leaves the waiting function blocked on `<-done` forever, with everything it holds; if it runs in a goroutine of its own, that goroutine leaks, and if it serves a request, the request never ends.',
      'goleash reports the `go` statement when its parent makes the channel, passes it to this goroutine only (captured or as an argument, not to another goroutine, a call, a store or a literal), receives from it with a bare receive after the `go` statement (not in a `select`), never sends on it or closes it itself, and the goroutine\'s function (followed into the module functions it hands the channel to) sends on it or closes it on some paths but has a path to a `return` or the end of its body on which it does neither. A path through a panic, `os.Exit`, `runtime.Goexit`, `t.Fatal` or a failed check (`t.Error`, `assert.X`) is not such a path. The wait must lie on every way from the `go` statement back to the parent\'s caller (a wait in one branch may be one the goroutine\'s silent paths never meet). Not judged: a goroutine that sends in a loop (a stream, whose receives are not counted here), lets the channel go where goleash cannot follow, receives from it itself, or hands it to a literal; and a parent that is a test itself (it has a `*testing.T`, `B`, `F` or `TB` parameter), whose endless wait times the test out and fails it.',
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
    // a test (or subtest) that waits forever fails by its timeout: a failing test, not a goroutine left behind
    if (Object.values(g.parent.vars).some((v) => v.kind === 'param' && v.type?.k === 'named' && isTestHandle(v.type.pkg, v.type.name))) return;
    const s = owedSignal(g, program);
    if (!s) return;
    const name = g.parent.vars[s.ch]?.name ?? s.ch.slice(0, s.ch.indexOf('@'));
    const pname = program.enclosingName(stmt.file, stmt.fact.parent);
    const verb = s.feed === 'close' ? 'closing' : 'sending on';
    report({
      file: stmt.file.path,
      range: stmt.fact.range,
      message: [
        { text: 'this goroutine', loc: 1 },
        ' can ',
        { text: 'return', loc: 2 },
        ` without ${verb} ${name}, and ${pname} `,
        { text: `waits on ${name}`, loc: 3 },
        ' for it: the wait never ends',
      ],
      related: [
        { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
        { id: 2, file: g.targetFile.path, range: s.leave, message: `the goroutine returns here without ${verb} ${name}` },
        { id: 3, file: stmt.file.path, range: s.wait, message: `${pname} waits on ${name} here` },
      ],
      semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `signal|${name}` },
    });
  },
};
