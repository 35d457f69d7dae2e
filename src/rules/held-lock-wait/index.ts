// held-lock-wait: a goroutine blocks on a struct field's unbuffered channel while it holds a mutex of the same
// object, and every operation that could complete it (the receives and closes of a send, the sends of a receive)
// runs only while holding that mutex too. The two sides can never meet: the goroutine waits forever, and so does
// every goroutine that wants the mutex. Judged on the IR with the shared analysis src/analysis/locks.ts.
import { goroutineOf } from '../../analysis/goroutines.js';
import { heldWaits } from '../../analysis/locks.js';
import type { RelatedLocation, Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'held-lock-wait',
    name: 'HeldLockWait',
    level: 'warning',
    precision: 'high',
    title: 'A goroutine waits on a channel while holding a mutex that every other side of the channel must take first.',
    description:
      'A goroutine sends on (or receives from) a struct field\'s unbuffered channel while it holds a mutex of the same object, and every receive (or send, or close) of that channel in the package also runs with that mutex held, or takes it on its way to the channel. Neither side can reach the channel while the other waits on it: the goroutine blocks forever, holding the mutex, and every goroutine that later wants the mutex blocks behind it.',
    help: [
      'A mutex and a channel are two ways to wait, and mixing them deadlocks when one side waits on the channel with the mutex held while the other side needs the mutex to reach the channel: `t.mu.Lock(); <-t.wake; t.mu.Unlock()` in one goroutine and `t.mu.Lock(); t.wake <- struct{}{}; t.mu.Unlock()` in another. Whichever takes the mutex first waits for the other, which waits for the mutex. The goroutine dump shows one goroutine on the channel operation and the rest in `sync.(*Mutex).Lock`.',
      'goleash reports the channel operation (a send, a receive, a `range`, or a `select` without `default` whose every case is such) when the goroutine surely holds a `sync.Mutex` or `sync.RWMutex` struct field at it (locked on every path to it, in its function or in a caller that reaches it through a method of the same object, with no `Unlock` on the way; a deferred `Unlock` holds until the return), the channel is an unbuffered field of the object that holds the mutex (every `make` into the field has no buffer), and every operation of the package that could complete it (every receive — a receive, a `select` case, a `range` — and every `close` of the channel for a send; every send and every `close` for a receive, deferred closes included) surely holds the same mutex of the same object in its own function, or takes it on its way there: a `Lock` that can run before the operation in its function (or in a method it calls on the same object, read as text when that method has no channel operation of its own), anywhere in a function of the package that another calls in a loop (the next iteration comes after it: `for { s.apply() }` where `apply` receives and then locks to record), or anywhere before a deferred close. That other side, short of its `Lock` while the goroutine waits with the mutex, waits for the mutex instead of reaching the channel: the classic send under a lock to a worker that takes the same lock to handle what it received. Two read locks (`RLock`) do not exclude each other and are not reported. Not judged: a field that is handed on (passed to a call, copied into a variable that escapes, returned, stored elsewhere, exported to other packages) or written with a channel from elsewhere, since its other operations are not all known; an operation of another goroutine that takes the mutex only in a caller of its function, or after a call goleash cannot see (which may release it); a field with no other operation at all (abandoned-sender and endless-goroutine judge those).',
      '**How to fix:** do not wait on the channel with the mutex held: release it before the send or receive (copy what the send needs while holding it), or make the other side reach the channel without the mutex. When the waiting side must hold the mutex, let the other side signal with a `select` that has a `default` arm and a buffered channel (`make(chan struct{}, 1)`), so the signal is kept until the waiter comes:',
      '```go\nt.mu.Lock()\nidle := len(t.active) == 0\nt.mu.Unlock()\nif idle {\n\t<-t.wake // waits without the mutex\n}\n```',
      '**Suppress** a reviewed case on the line of the channel operation or the line above: `//goleash:ignore held-lock-wait <reason>`.',
    ].join('\n\n'),
    tags: ['concurrency', 'reliability', 'goroutine-leak', 'channel', 'mutex'],
    since: '0.2.0',
    examples: { bad: 'src/rules/held-lock-wait/testdata/locks.go', good: 'src/rules/held-lock-wait/testdata/locks.go' },
  },

  check(stmt, program, report) {
    const g = goroutineOf(stmt.file, stmt.fact, program);
    if (!g) return;
    for (const w of heldWaits(g.target, g.targetFile, program)) {
      const sel = w.code === 'select';
      const verb = sel ? 'waits on' : w.kind === 'send' ? 'sends on' : 'receives from';
      const need = sel ? 'complete one of its cases' : w.kind === 'send' ? 'receive from or close it' : w.others.some((o) => o.kind === 'close') ? 'send on it or close it' : 'send on it';
      const fnName = program.enclosingName(w.file, w.fn.id);
      const names = [...new Set(w.others.map((o) => program.enclosingName(o.file, o.fn.id)))];
      const related: RelatedLocation[] = [
        { id: 1, file: stmt.file.path, range: stmt.fact.range, message: 'the goroutine is started here' },
        { id: 2, file: w.hold.file.path, range: w.hold.at, message: `${program.enclosingName(w.hold.file, w.hold.fn)} takes ${w.hold.text} here; it is still held at the wait` },
        ...w.others.map((o, i) =>
          o.first
            ? { id: 3 + i, file: o.first.file.path, range: o.first.r, message: `${program.enclosingName(o.file, o.fn.id)} takes the same mutex here, on its way to ${w.ch}` }
            : { id: 3 + i, file: o.file.path, range: o.r, message: `${program.enclosingName(o.file, o.fn.id)} holds the same mutex here` },
        ),
      ];
      report({
        file: w.file.path,
        range: w.r,
        message: [
          { text: w.code, code: true },
          ' blocks forever: ',
          { text: 'this goroutine', loc: 1 },
          ` ${verb} ${w.ch}, ${sel ? 'which have' : 'which has'} no buffer, while it `,
          { text: `holds ${w.hold.text}`, loc: 2 },
          `, and every operation that could ${need} (in ${names.join(', ')}) `,
          { text: 'takes that mutex first', loc: 3 },
        ],
        related,
        semantic: { pkg: program.packageOf(w.file).dir, func: fnName, target: `held|${w.ch}|${w.hold.text}` },
      });
    }
  },
};
