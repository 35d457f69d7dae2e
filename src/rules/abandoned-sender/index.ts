// abandoned-sender: a goroutine sends on a channel made by its parent, the channel has no buffer for it,
// and the parent can leave without receiving (it returns on ctx.Done() or a timer, returns early, or
// receives once from one sender per loop iteration). The goroutine then blocks forever on the send.
// Also the mirror image: a goroutine receives from a channel only its parent feeds, and the parent can
// return before its first send or close.
import { startedOncePerProcess } from '../../analysis/lifetime.js';
import { declaredAround, errorEndsProcess, processEntryHandler } from '../../analysis/callers.js';
import { codeIn, offsetOfLine } from '../../analysis/mentions.js';
import { codeText } from '../../analysis/source.js';
import type { FuncEntry, Program } from '../../index/program.js';
import type { ChanFact, Range } from '../../parse/types.js';
import { abandonedPromises, droppedReturnSends, irAbandonedSends, type IrAbandon } from '../../analysis/abandon.js';
import { fieldAbandonedSends, type FieldAbandon } from '../../analysis/field-senders.js';
import { goroutineOf } from '../../analysis/goroutines.js';
import { goroutineSelfSends } from '../../analysis/self-send.js';
import { droppedOwners, unclosedOwners, type OwnerWait } from '../../analysis/owner.js';
import { abandonedReceives, abandonedSends, type Abandon } from '../../analysis/abandon-syntax.js';
import { goTarget, startedAs, targetName } from '../../analysis/goroutine-syntax.js';
import type { Fix, GoStmt, MessagePart, RelatedLocation, Rule } from '../types.js';

function bufferFix(stmt: GoStmt, target: FuncEntry, a: Abandon, file: string): Fix | undefined {
  if (!a.chan.insertAt || a.chan.cap !== 0) return undefined;
  // one slot per goroutine covers only a goroutine that sends once: not a send in a loop, nor two sends
  // on the channel (they may be exclusive branches or not; goleash does not guess)
  if (a.send.inLoop || target.fact.blocks.filter((b) => b.kind === 'send' && b.chan === a.send.chan).length > 1) return undefined;
  // with a buffer the send no longer waits for the receiver, so what the goroutine does next runs earlier: only
  // when that is nothing, or statements that need nothing from the receiver (close, wg.Done, Unlock)
  if (!a.send.then) return undefined;
  let size: string | undefined;
  if (!stmt.fact.loop) size = '1';
  else if (stmt.fact.loopRangeOver && /^[\w.]+$/.test(stmt.fact.loopRangeOver)) size = `len(${stmt.fact.loopRangeOver})`;
  if (!size) return undefined;
  return {
    description: `give ${a.chan.name} a buffer of ${size} so that every send completes without a receiver`,
    edits: [{ file, range: { start: a.chan.insertAt, end: a.chan.insertAt }, text: `, ${size}` }],
  };
}

/** The related locations both findings link from their message: the go statement (1), the channel's make (2),
 * and where the parent leaves (3). */
function relatedOf(stmt: GoStmt, chan: ChanFact, made: string, at: Range, leaves: string): RelatedLocation[] {
  return [
    { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
    { id: 2, file: stmt.file.path, range: chan.range, message: made },
    { id: 3, file: stmt.file.path, range: at, message: leaves },
  ];
}

export const rule: Rule = {
  meta: {
    id: 'abandoned-sender',
    name: 'AbandonedSender',
    level: 'warning',
    precision: 'high',
    title: 'A goroutine sends on a channel with no room for its sends (no buffer, or a small one it outruns) that its parent can stop receiving from (or waits on one its parent can leave without feeding).',
    description:
      'A goroutine sends its result on a channel made by the function that started it, the channel has no buffer for the send, and that function can return without receiving: on ctx.Done(), a timeout, a stop channel or default in a select, on an early error return, or after taking only the first of several results. The goroutine then blocks on the send forever, whether or not it takes a context. The mirror image is reported too: a goroutine that waits to receive from a channel its parent sends on or closes, when the parent can return first.',
    help: [
      'The most common goroutine leak in Go services is the timeout that abandons a sender. The parent starts `go func() { ch <- slowCall() }()` and waits in a `select` on `ch` and `ctx.Done()`. When the context wins, the parent returns, nobody will ever receive from `ch`, and the goroutine is stuck on its send for the life of the process.',
      'goleash reports the send (what a goroutine dump of the leak shows) and links the `go` statement, the channel\'s `make` and the path by which the parent leaves: a `ctx.Done()` or timer case that returns (or that moves on past the select, or breaks out of the receiving loop, with no receive from the channel after it), a `return` between the `go` statement and the receive, or a loop that starts one sender per iteration while the parent receives once. A send inside the `Do` of a `sync.Once` in the goroutine (`once.Do(func() { ch <- v })`) counts as a send of the goroutine, made at most once. A small constant buffer (up to 8 slots) does not save a goroutine whose sends outrun it (a send in a loop, or more sends than slots; a send in a loop that a once-flag guards, a local boolean set to `true` beside it that it runs only while false, counts as one); a computed or larger buffer is taken as sized for the work. Counted on the control flow: goroutines started in a loop against a channel of one slot whose parent can return after taking one value (`errCh := make(chan error, 1)`, a worker per part, `if err := <-errCh; err != nil { return err }`) leave the rest blocked; a channel made again on the next round of a loop starts its count afresh, and a buffer of several slots against a loop\'s goroutines is not judged (a semaphore may bound them). A channel the parent ranges over (drained until closed) is not reported, nor one the parent closes on its way out (a deferred close, or a close on every path after the receive it leaves on: the senders left then panic on the closed channel rather than block), nor a server goroutine that sends only an error other than what a stop makes its serve call return (`if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) { errCh <- err }`; for grpc, whose `Serve` returns nil once stopped, `if err != nil`) when the leaving path stops that same server (`Shutdown`/`Close`, `Stop`/`GracefulStop`, called after the `go` statement or deferred), nor one that another goroutine or callback of the parent also receives from or that the parent hands to a call (either may drain the sender on the way out), nor a leave path that fails the test (`t.Fatal`, `t.Error`, a testify suite\'s `s.T().Fatal`, testify\'s `require`/`assert`, in a `_test.go` file or one that imports `testing` or testify) or ends the program (`panic`, `os.Exit`, `log.Fatal`): a sender left behind when something already went wrong is not worth an alarm. Nor is a way out through a signal\'s arrival (a receive from a channel `signal.Notify` registers, or from `Done()` of the context `signal.NotifyContext` makes, in the parent or a function around it; or a package\'s own `Done()` function, `<-lifecycle.Done()`, which has no receiver and so is the process\'s lifetime): that is the process going down, and the sender goes with it. A receive from the channel a WaitGroup closer closes (`go func() { wg.Wait(); close(done) }()`) comes after the sends of every goroutine that marks the group done after them (`defer wg.Done()`), so leaving on it leaves none of those behind. A `panic` of a parent that defers a `recover()` is no end of the program: it returns to the caller like a `return`, and is judged as one, as is a call of a function of the module that panics itself (`mustPrepare(x)` with a `panic(err)` in its body; one level deep).',
      'Two more shapes of a send nobody will receive: a send on a struct field\'s unbuffered channel (one channel per field `T.f` across the methods of `T`) when every function of the module that receives from the field is a loop that can leave for good without a receive from it on the way (`case <-n.stop: return`), or when nothing receives from it at all; and a send on a channel the function made itself, without a buffer, before it has handed the channel to anyone (a goroutine, a call, a store, a return). A field that is handed on, copied or returned, or mentioned anywhere goleash cannot follow, is not judged.',
      'A channel handed back and dropped: a function makes an unbuffered channel, starts a goroutine that sends on it, and returns it (`func fetch() chan error { ch := make(chan error); go func() { ch <- load() }(); return ch }`), and a call of it in its package drops what it returns (`fetch()` as a statement of its own, or `_ = fetch()`). Nothing but the goroutine holds the channel after that call, so its send blocks forever. goleash reports the send when the function does nothing else with the channel (no receive, close, copy or hand-off other than its returns, and no other literal sees it), the goroutine never receives from it or hands it on, and the function has exactly one channel result; the dropping call is linked. Calls are found in the IR of the package\'s functions (methods resolved by their receiver\'s type) and, for a package-level function, by its plain name in the text of the package\'s files. The same channel, a promise, is judged at the call sites that keep it too: a caller anywhere in the module (its package for an unexported name) that declares a variable with the call (`res := startJob(job)`) or receives from the call straight (`case err := <-startJob(job):`) and can leave without receiving from it, on a `ctx.Done()` or timer case of a select, a `default`, or a `return` between the call and the receive, leaves the goroutine blocked on its send. A caller that hands the channel on (returns it, passes it to a call, lets a goroutine or another literal see it) is not judged on the paths where it does; a goroutine that sends in a loop (a stream, which its callers drain rather than receive once) is not judged here.',
      'An object dropped with its goroutine: a function makes an object with fresh channel fields (`r := &relay{stop: make(chan struct{}), reqs: make(chan int)}`), starts a goroutine on it (`go r.run()`, or a func literal that uses it) that can end only when someone sends on or closes those fields, and has a way back to its caller that neither returns the object nor does anything with it that could reach those channels: typically an error return between the `go` statement and `return r, nil`. goleash reports the goroutine\'s wait (the `select`, receive or `range` on the fields) when the object was only ever selected from, started and returned (never passed to a call, stored, captured by another literal or deferred), this goroutine is the only one handed it, and the methods the function calls on it keep their receiver to themselves and send on, close or hand on none of its channels. The fix is to close the object on that path (`r.Close(); return nil, err`), or to start the goroutine once nothing can fail.',
      'An object never closed: a constructor makes such an object, starts its goroutine and returns it (`func newTicker() *ticker { t := &ticker{quit: make(chan struct{})}; go t.loop(); return t }`), and a caller keeps it in a variable (`tk := newTicker()`, `f, err := openFeed(src)`) but only ever calls methods on it that keep their receiver to themselves and send on or close none of the goroutine\'s channels, or reads its data fields, and never hands it on (no argument, return, store, copy, func literal that names it, `defer tk.stop()`). Callers are found by the constructor\'s name in the code text of its package (of every file that imports it, for an exported name), bodies without concurrency included: most callers are plain functions and tests. The first such caller is linked; a caller reached only from the process\'s set-up (see below) is not one.',
      'A completion signal is no way out: a receive from a channel the goroutine closes or sends on after its sends, a WaitGroup closer\'s channel, or the Done of a ctx the parent derived whose cancel only that goroutine calls, after its sends (`go func() { feed(ch); cancel() }()`), means its sends are over.',
      'A helper that sends: a send the goroutine makes through a function of the module it hands the channel to, which only sends on it (`go func() { deliver(results, get()) }()`), counts as the goroutine\'s own, and is the one reported.',
      'A helper that receives: when the parent hands the channel to a function of the module that only receives from it (no send, close or hand-off, followed through further such calls), that function\'s ways back count as the parent\'s: a helper that waits with a timeout (`func wait(ch <-chan error, d time.Duration) error { select { case err := <-ch: …; case <-time.After(d): … } }`) or a loop that serves requests until its ctx ends (`return s.process(reqs)`) can return with the sender still blocked. A way back by a select case on a channel the caller supplies counts only when that channel is the caller\'s own (its parameter, a field, a ctx, a timer): a channel the caller makes and feeds is its own choreography, not followed through the call.',
      'The mirror image: a goroutine waits on `<-ready` for a channel its parent will send on or close, and the parent returns early (an error before `close(ready)`). goleash reports the receive when the parent is the only one that feeds the channel (it is not handed to a call or to another goroutine), does not close it in a `defer`, and has a `return` between the `go` statement and its first send or close. The fix there is `defer close(ready)`, or a select with `ctx.Done()` in the goroutine.',
      'A goroutine whose starter runs once for the process (reached only from its set-up: `main`, `init` or package `main`, never from a test, a loop, a func value or code outside the module; see src/analysis/callers.ts) is not reported: what it can leave blocked is one goroutine for the whole process, not a leak that grows. Nor is one started by a command\'s handler itself (a function named only as the value of a command-line framework\'s handler field, `RunE: run`, `Action: run` in a `[]*cli.Command{{…}}` list, or a func literal written there): its way back returns to main, which ends the process; nor one whose parent leaves by returning an error that goes, call after call, up to such a handler or to main\'s exit.',
      'A goroutine its parent waits for on every way out is not abandoned: a function run by a group\'s `Go` (`errgroup.Group.Go`, `sync.WaitGroup.Go`) when every way from it to a return passes the group\'s `Wait` (the method the API table names for that `Go`), or a func literal that marks a WaitGroup of the parent done in a `defer` of its entry block when every way passes that WaitGroup\'s `Wait`. A send that blocks there holds the parent in its Wait too: a hang a test shows, not a leak.',
      'A goroutine that can block on several sends on the same channel is reported once, at the first of them: the others block for the same reason and go with the same fix.',
      '**How to fix:** give the channel a buffer for every send, so that the sends complete with nobody receiving: `make(chan T, 1)` for one sender, `make(chan T, len(items))` for one per item. `goleash --fix` makes this edit where it is safe. Alternatively, make the send a `select` with a `case <-ctx.Done():` arm.',
      '```go\nch := make(chan result, 1) // was: make(chan result)\ngo func() { ch <- slowCall() }()\nselect {\ncase r := <-ch:\n\treturn r, nil\ncase <-ctx.Done():\n\treturn nil, ctx.Err()\n}\n```',
      '**Suppress** a reviewed case on the line of the send or the line above: `//goleash:ignore abandoned-sender <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'timeout'],
    since: '0.1.0',
    examples: { bad: 'testdata/abandoned/abandoned.go', good: 'testdata/abandoned/abandoned.go' },
  },

  check(stmt, program, report) {
    // a goroutine its starter can leave behind only once for the process is no leak that grows
    if (startedOncePerProcess(program, stmt.file, stmt.fact.parent)) return;
    // started by a command's handler itself (`RunE: run`): its way back returns to main and ends the process
    const top = declaredAround(stmt.file, stmt.fact.parent);
    if (top && processEntryHandler(program, stmt.file, top.id)) return;
    const target = goTarget(stmt, program);
    if (!target) return;
    const reported: Range[] = [];
    // one finding per goroutine and channel (its first blocking send): the other sends on the same channel block for
    // the same reason and go with the same fix (a buffer, a select on the way out, a drain)
    const perChan = new Set<string>();
    const once = (chan: string): boolean => !perChan.has(chan) && !!perChan.add(chan);
    for (const a of abandonedSends(stmt, program)) {
      reported.push(a.send.range);
      if (syntaxLeaveIntoExit(stmt, program, a)) continue;
      if (!once(a.chan.name)) continue;
      const pname = targetName(a.parent);
      const leave: MessagePart[] =
        a.how === 'select'
          ? [`${pname} can ${a.falls ? 'move on after' : 'return on'} `, { text: a.text, code: true, loc: 3 }, ` without receiving from ${a.chan.name}`]
          : a.how === 'return'
            ? [`${pname} can `, { text: 'return', loc: 3 }, ` before receiving from ${a.chan.name}`]
            : [`${pname} starts one sender per loop iteration but `, { text: `receives from ${a.chan.name} once`, loc: 3 }];
      report({
        file: target.file.path,
        range: a.send.range,
        message: [
          ...sendsOn(a.send.text, a.chan.name),
          a.chan.cap === 0 ? ', which has no buffer, and ' : `, whose buffer of ${a.chan.cap} this goroutine's sends can fill, and `,
          ...leave,
        ],
        related: relatedOf(stmt, a.chan, a.chan.cap === 0 ? `${a.chan.name} is made without a buffer here` : `${a.chan.name} is made with a buffer of ${a.chan.cap} here`, a.at, a.how === 'loop' ? 'the only receive' : `${pname} leaves here`),
        semantic: { pkg: program.packageOf(stmt.file).dir, func: a.parent.fact.name, target: `${targetName(target)}|${a.chan.name}` },
        fix: bufferFix(stmt, target, a, stmt.file.path),
      });
    }
    // a send not reported yet, here or (several go statements may start the same function) for another go
    const first = (a: { sendFile: string; send: Range }): boolean => {
      if (reported.some((r) => r.start.line === a.send.start.line && r.start.col === a.send.start.col)) return false;
      const seen = reportedIr.get(program) ?? new Set<string>();
      reportedIr.set(program, seen);
      const key = `${a.sendFile}:${a.send.start.line}:${a.send.start.col}`;
      if (seen.has(key)) return false;
      seen.add(key);
      reported.push(a.send);
      return true;
    };
    for (const a of irAbandonedSends(stmt.file, stmt.fact, program)) if (first(a) && once(a.chanName)) reportIr(stmt, program, a, targetName(target), report);
    for (const a of fieldAbandonedSends(stmt.file, stmt.fact, program)) if (first(a)) reportField(stmt, program, a, targetName(target), report);
    for (const a of droppedReturnSends(stmt.file, stmt.fact, program)) {
      if (!first(a)) continue;
      const pname = program.enclosingName(stmt.file, stmt.fact.parent);
      reportReturned(stmt, program, a, pname, targetName(target), 'dropped', report,
        [{ text: `${a.drop.caller || 'a caller'} drops what ${pname} returns`, loc: 3 }, ': nothing else holds the channel, so nothing can receive'],
        [{ id: 3, file: a.drop.file, range: a.drop.range, message: `${pname} is called here and its results dropped` }]);
    }
    for (const a of abandonedPromises(stmt.file, stmt.fact, program)) {
      if (!first(a)) continue;
      const pname = program.enclosingName(stmt.file, stmt.fact.parent);
      const p = a.path;
      const inner = p.through ? program.enclosingName(p.through.file, p.through.fn.id) : '';
      const leave: MessagePart[] = p.through
        ? [`${a.call.caller} can leave through ${inner}, which `, ...(p.via ? ['returns on ', { text: p.via.text, code: true, loc: 3 }] : [p.viaDefault ? { text: 'takes a select\'s default', loc: 3 } : { text: 'can return', loc: 3 }]), ` without receiving from what ${pname} returns`]
        : p.via
        ? [`${a.call.caller} can leave on `, { text: p.via.text, code: true, loc: 3 }, ` without receiving from what ${pname} returns`]
        : p.viaDefault
          ? [`${a.call.caller} can take the `, { text: 'default', code: true, loc: 3 }, ` of a select and leave without receiving from what ${pname} returns`]
          : [`${a.call.caller} can `, { text: 'return', loc: 3 }, ` without receiving from what ${pname} returns`];
      reportReturned(stmt, program, a, pname, targetName(target), 'promise', report, leave, [
        p.through
          ? { id: 3, file: p.through.file.path, range: p.via?.r ?? p.viaDefault ?? p.through.exit, message: `${inner} returns here` }
          : { id: 3, file: a.call.file, range: p.via?.r ?? p.viaDefault ?? p.exit, message: `${a.call.caller} leaves here` },
        { id: 4, file: a.call.file, range: a.call.range, message: `${pname} is called here` },
      ]);
    }
    const g = goroutineOf(stmt.file, stmt.fact, program);
    for (const a of g ? goroutineSelfSends(g.target, g.targetFile, program) : []) {
      if (reported.some((r) => r.start.line === a.send.start.line && r.start.col === a.send.start.col)) continue;
      const seen = reportedIr.get(program) ?? new Set<string>();
      reportedIr.set(program, seen);
      const key = `${a.file.path}:${a.send.start.line}:${a.send.start.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reported.push(a.send);
      const fname = program.enclosingName(a.file, a.fn.id);
      report({
        file: a.file.path,
        range: a.send,
        message: [
          ...sendsOn(a.sendText, a.chanName),
          `, which has no buffer, before ${fname} has handed it to anyone: nothing else holds the channel, so nothing can receive`,
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
          { id: 2, file: a.file.path, range: a.made, message: `${a.chanName} is made without a buffer here` },
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: fname, target: `${targetName(target)}|${a.chanName}|self` },
      });
    }
    for (const a of abandonedReceives(stmt, program)) {
      const pname = targetName(a.parent);
      report({
        file: target.file.path,
        range: a.recv.range,
        message: [
          { text: a.recv.text, code: true },
          ` blocks forever: `,
          { text: 'this goroutine', loc: 1 },
          ` receives from `,
          { text: a.chan.name, loc: 2 },
          `, and ${pname} can `,
          { text: 'return', loc: 3 },
          ` before it sends on or closes ${a.chan.name}`,
        ],
        related: relatedOf(stmt, a.chan, `${a.chan.name} is made here`, a.at, `${pname} leaves here`),
        semantic: { pkg: program.packageOf(stmt.file).dir, func: a.parent.fact.name, target: `${targetName(target)}|${a.chan.name}|recv` },
      });
    }
    // the object whose method the goroutine runs, dropped by its starter on a way back (src/analysis/owner.ts)
    for (const a of droppedOwners(stmt.file, stmt.fact, program)) {
      const pname = program.enclosingName(stmt.file, stmt.fact.parent);
      const fields = a.fields.map((f) => `${a.name}.${f}`).join(' and ');
      report({
        file: a.targetFile.path,
        range: a.wait,
        message: [
          ...ownerWaitHead(a, fields),
          ` it runs on, and ${pname} can `,
          { text: `return without ${a.name}`, loc: 3 },
          ` (it neither returns ${a.name} nor uses it again): nothing else can ever send on or close them`,
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
          { id: 2, file: stmt.file.path, range: a.made, message: `${a.name}.${a.fields[0]} is made here` },
          { id: 3, file: stmt.file.path, range: a.exit, message: `${pname} drops ${a.name} here` },
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `${targetName(target)}|${fields}|owner` },
      });
    }
    // the object a constructor returns with the goroutine, dropped by a caller that never closes it
    for (const a of unclosedOwners(stmt.file, stmt.fact, program)) {
      const fields = a.fields.map((f) => `${a.name}.${f}`).join(' and ');
      report({
        file: a.targetFile.path,
        range: a.wait,
        message: [
          ...ownerWaitHead(a, fields),
          ` ${a.ctor} returns, and ${a.call.caller} `,
          { text: a.call.v === '_' ? 'drops that object' : `keeps it in ${a.call.v}`, loc: 3 },
          a.call.v === '_' ? '' : ' but never hands it on or calls a method that could send on or close them',
        ],
        related: [
          { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
          { id: 2, file: stmt.file.path, range: a.made, message: `${a.name}.${a.fields[0]} is made here` },
          { id: 3, file: a.call.file.path, range: a.call.range, message: `${a.call.caller} calls ${a.ctor} here and never closes what it returns` },
        ],
        semantic: { pkg: program.packageOf(stmt.file).dir, func: a.call.caller, target: `${targetName(target)}|${fields}|unclosed` },
      });
    }
  },
};

/** The head of a finding on a goroutine only its object's holder can end: `wait` blocks forever: this goroutine (1)
 * waits for the fields, channels made for the object (2). */
function ownerWaitHead(a: OwnerWait, fields: string): MessagePart[] {
  return [{ text: a.waitText, code: true }, ' blocks forever: ', { text: 'this goroutine', loc: 1 }, ` waits for ${fields}, `, { text: 'channels made for the object', loc: 2 }];
}

/** A finding for a send on an unbuffered channel the goroutine's parent only returns: what its callers do with it
 * (`tail`, with related location 3 and on) decides. */
function reportReturned(
  stmt: GoStmt, program: Program, a: { send: Range; sendText: string; sendFile: string; chanName: string; made: Range }, pname: string, tname: string,
  kind: string, report: Parameters<Rule['check']>[2], tail: MessagePart[], related: RelatedLocation[],
): void {
  report({
    file: a.sendFile,
    range: a.send,
    message: [
      ...sendsOn(a.sendText, a.chanName),
      `, which has no buffer and which ${pname} only returns, and `,
      ...tail,
    ],
    related: [
      { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
      { id: 2, file: stmt.file.path, range: a.made, message: `${a.chanName} is made without a buffer here` },
      ...related,
    ],
    semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `${tname}|${a.chanName}|${kind}` },
  });
}

/** The head of a finding on a send: `send` blocks forever: this goroutine (1) sends on the channel (2). */
function sendsOn(send: string, chan: string): MessagePart[] {
  return [{ text: send, code: true }, ' blocks forever: ', { text: 'this goroutine', loc: 1 }, ' sends on ', { text: chan, loc: 2 }];
}

const reportedIr = new WeakMap<Program, Set<string>>();

/** The leave path returns an error (a return whose last value is not `nil`) from a function whose errors end the
 * process (src/analysis/callers.ts errorEndsProcess): what it leaves blocked goes with the process. */
function leavesIntoExit(stmt: GoStmt, program: Program, a: IrAbandon): boolean {
  return returnsErrorIntoExit(stmt, program, codeIn(program, stmt.file, a.path.exit));
}

/** `text` is a return of an error (its last value is not `nil`) from the declared function that starts the goroutine,
 * whose errors end the process. */
function returnsErrorIntoExit(stmt: GoStmt, program: Program, text: string | null): boolean {
  const top = declaredAround(stmt.file, stmt.fact.parent);
  // the leave must be the declared function's own return (a literal's return goes to whoever runs the literal)
  if (!top || top.id !== stmt.fact.parent) return false;
  const last = top.results[top.results.length - 1];
  if (!(last?.k === 'named' && last.pkg === '' && last.name === 'error')) return false;
  const parts = text?.replace(/^\s*return\b/, '').split(',') ?? [];
  if (!text || !/^\s*return\b/.test(text) || parts[parts.length - 1]!.trim() === 'nil' || parts[parts.length - 1]!.trim() === '') return false;
  return errorEndsProcess(program, stmt.file, top.id);
}

/** The syntax's leave (src/analysis/abandon-syntax.ts) is a return of an error into the process's exit, as above: the
 * return itself, or the first statement of the select case it leaves by when that is a return. */
function syntaxLeaveIntoExit(stmt: GoStmt, program: Program, a: { how: string; falls?: boolean; at: Range }): boolean {
  if (a.how === 'return') return returnsErrorIntoExit(stmt, program, codeIn(program, stmt.file, a.at));
  if (a.how !== 'select' || a.falls) return false;
  const s = codeText(program, stmt.file);
  if (s === null) return false;
  const from = offsetOfLine(s, a.at.end.line) + a.at.end.col - 1;
  const body = /^[^:\n]*:\s*\n\s*(return\b[^\n]*)/.exec(s.slice(from, from + 2000));
  return !!body && returnsErrorIntoExit(stmt, program, body[1]!);
}

/** A finding from the IR's leave paths (src/analysis/abandon.ts). */
function reportIr(stmt: GoStmt, program: Program, a: IrAbandon, tname: string, report: Parameters<Rule['check']>[2]): void {
  if (leavesIntoExit(stmt, program, a)) return;
  const pname = program.enclosingName(stmt.file, stmt.fact.parent);
  const p = a.path;
  // the path left inside a function it handed the channel to: name that function too
  const inner = p.through ? program.enclosingName(p.through.file, p.through.fn.id) : '';
  const leave: MessagePart[] = p.through
    ? p.via || p.viaDefault
      ? [`${pname} can leave through `, { text: inner, loc: 4 }, `, which returns on `, p.via ? { text: p.via.text, code: true, loc: 3 } : { text: 'a select\'s default', loc: 3 }, ` without receiving from ${a.chanName}`]
      : [`${pname} can leave through `, { text: inner, loc: 4 }, `, which can `, { text: 'return', loc: 3 }, p.received > 0 ? ` after receiving from ${a.chanName} ${p.received === 1 ? 'once' : p.received + ' times'}, fewer than the ${p.sends >= 8 ? 'many' : p.sends} sends` : ` before receiving from ${a.chanName}`]
    : p.via
    ? [`${pname} can leave on `, { text: p.via.text, code: true, loc: 3 }, ` without receiving from ${a.chanName}`]
    : p.viaDefault
      ? [`${pname} can take the `, { text: 'default', code: true, loc: 3 }, ` of a select and leave without receiving from ${a.chanName}`]
      : p.received > 0
        ? [`${pname} can `, { text: 'return', loc: 3 }, ` after receiving from ${a.chanName} ${p.received === 1 ? 'once' : p.received + ' times'}, fewer than the ${p.started.some((g) => loopStarted(a.parent, g)) ? 'sends of the goroutines it starts in a loop' : `${p.sends >= 8 ? 'many' : p.sends} sends of the ${p.started.length === 1 ? 'goroutine' : 'goroutines'} it starts`}`]
        : [`${pname} can `, { text: 'return', loc: 3 }, ` before receiving from ${a.chanName}`];
  const at = p.via?.r ?? p.viaDefault ?? p.through?.exit ?? p.exit;
  report({
    file: a.sendFile,
    range: a.send,
    message: [
      ...sendsOn(sendText(a), a.chanName),
      a.cap === 0 ? ', which has no buffer, and ' : `, whose buffer of ${a.cap} the sends can fill, and `,
      ...leave,
    ],
    related: [
      { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
      {
        id: 2, file: stmt.file.path, range: a.made,
        message: a.field ? `${a.chanName} is a struct field's channel, made without a buffer; ${pname} receives from it here` : a.cap === 0 ? `${a.chanName} is made without a buffer here` : `${a.chanName} is made with a buffer of ${a.cap} here`,
      },
      ...(p.through
        ? [
            { id: 3, file: p.through.file.path, range: at, message: `${inner} returns here` },
            { id: 4, file: stmt.file.path, range: p.through.call.r, message: `${pname} hands ${a.chanName} to ${p.through.callee ? program.enclosingName(p.through.callee.file, p.through.callee.fn.id) : inner} here` },
          ]
        : [{ id: 3, file: stmt.file.path, range: at, message: `${pname} leaves here` }]),
    ],
    semantic: { pkg: program.packageOf(stmt.file).dir, func: pname, target: `${tname}|${a.chanName}` },
  });
}

/** A finding for a struct field's channel whose receivers can all stop (src/analysis/field-senders.ts). */
function reportField(stmt: GoStmt, program: Program, a: FieldAbandon, tname: string, report: Parameters<Rule['check']>[2]): void {
  const first = a.stops[0];
  const rname = first ? program.enclosingName(first.file, first.fn) : '';
  const more = a.stops.length > 1 ? ` (and ${a.stops.length - 1} other receiver${a.stops.length > 2 ? 's' : ''} can too)` : '';
  report({
    file: a.sendFile,
    range: a.send,
    message: [
      { text: a.sendText, code: true },
      ' blocks forever: ',
      { text: 'this goroutine', loc: 1 },
      ` sends on ${a.fieldText}, a struct field's channel made without a buffer, and `,
      ...(first
        ? [`its receiver ${rname} can `, { text: 'stop receiving', loc: 2 }, ` for good${more}`]
        : [`nothing in the module receives from it`]),
    ],
    related: [
      { id: 1, file: stmt.file.path, range: stmt.fact.range, message: startedAs(stmt) },
      ...a.stops.map((s, i) => ({ id: i + 2, file: s.file.path, range: s.at, message: `${program.enclosingName(s.file, s.fn)} stops receiving from ${a.fieldText} here` })),
    ],
    semantic: { pkg: program.packageOf(stmt.file).dir, func: program.enclosingName(stmt.file, stmt.fact.parent), target: `${tname}|${a.fieldText}` },
  });
}

function sendText(a: IrAbandon): string {
  return a.sendText;
}

/** Go op `go` of `parent` runs in a loop: it starts a goroutine per iteration. */
function loopStarted(parent: IrAbandon['parent'], go: IrAbandon['path']['started'][number]): boolean {
  return parent.blocks.some((b) => b.loop !== undefined && b.ops.includes(go));
}
