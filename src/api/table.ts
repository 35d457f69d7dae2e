// What goleash knows about library APIs, in one table. Everything the IR builder and the analyses assume about
// a call into code they cannot see (the standard library, errgroup, testify) is written here, and only here;
// src/api/table.test.ts checks every entry. Entries match by import path and name, never by variable names.

/** What a call does, as far as goroutine leaks are concerned. */
export type ApiEffect =
  /** ends the goroutine (or the program) abruptly: paths through it are not leave paths worth reporting */
  | { k: 'exit'; how: 'panic' | 'abort' | 'goexit' }
  /** stops the test (t.Fatal, t.FailNow, t.Skip, require.X): a leak behind a failing test is not reported;
   * `check`: only when the check it makes fails (require.NoError), else the test goes on */
  | { k: 'fatal'; check?: boolean; noError?: number; negated?: boolean }
  /* `noError`: the check is that argument `noError` is nil (testify's NoError); `negated`: the check is that the
   * matcher it is handed does not hold (gomega's ToNot) */
  /** marks the test failed and goes on (t.Error, assert.X): a leave path through it is not reported; `check`: only
   * when the check it makes fails (assert.Equal) */
  | { k: 'fail'; check?: boolean; noError?: number }
  /** returns a ctx derived from the ctx argument at `arg` (cancelled when it is), first result; `cancel`: a
   * cancel function is the second result; `timed`: a deadline cancels it by itself */
  | { k: 'derive'; arg: number; cancel: boolean; timed?: boolean }
  /** returns a ctx that is never cancelled */
  | { k: 'background' }
  /** returns a channel that receives once, after a delay (time.After) */
  | { k: 'timer-chan' }
  /** returns a timer or ticker whose field C delivers (a ticker repeatedly) until Stop */
  | { k: 'timer'; repeats: boolean }
  /** observes the ctx argument at `arg` (reads its Err or Cause, registers a callback on cancellation) */
  | { k: 'observe'; arg: number }
  /** a function handed at `arg` runs in a goroutine of its own (errgroup.Group.Go); the receiver's method
   * `waitedBy` (the group's Wait) returns only once every function so started has returned */
  | { k: 'spawn'; arg: number; waitedBy: string }
  /** takes the receiver mutex, waiting until it is free; `shared`: a read lock, which other read locks do not
   * exclude */
  | { k: 'lock'; shared: boolean }
  /** releases the receiver mutex (or a read lock on it) */
  | { k: 'unlock' }
  /** the function handed at `arg` runs when the test ends, whatever way it ends (testing.T.Cleanup), like a defer of
   * the test function */
  | { k: 'at-end'; arg: number }
  /** adds its argument to the receiver WaitGroup's count of goroutines to wait for */
  | { k: 'wg-add' }
  /** takes one from the receiver WaitGroup's count */
  | { k: 'wg-done' }
  /** waits until the receiver WaitGroup's count is zero */
  | { k: 'wg-wait' }
  /** registers the channel at `arg` to receive the process's signals (os/signal.Notify): it receives, now and
   * then, for as long as the process runs, so a goroutine that waits only on it is the process's signal handler */
  | { k: 'signal'; arg: number }
  /** the channel at `arg` gets no more signals (os/signal.Stop): a goroutine still waiting on it waits forever */
  | { k: 'signal-stop'; arg: number }
  /** returns a context (result 0) cancelled when the process receives one of the signals named (os/signal.NotifyContext),
   * or when the stop function it also returns is called */
  | { k: 'signal-ctx' }
  /** serves until stopped (http.Server.ListenAndServe, grpc.Server.Serve) and returns a single error: once one of the
   * receiver's methods `stoppedBy` has been called on the same value, it returns `then`: `nil`, or the sentinel error
   * `name` of the package at import path `pkg` (a package-level variable) */
  | { k: 'serve'; stoppedBy: string[]; then: 'nil' | { pkg: string; name: string } }
  /** reports whether the error at `err` is (or wraps) the error at `target` (errors.Is) */
  | { k: 'error-is'; err: number; target: number }
  /** returns a value of the package's type `type`, whose methods the table may know (gomega.Expect: an Assertion) */
  | { k: 'returns'; type: string; pkg?: string }
  /** a gomega matcher of an error: it holds when the value is nil (`Succeed`, `BeNil`) or when it is not
   * (`HaveOccurred`), so `Expect(err).ToNot(HaveOccurred())` fails for sure where err is known to be non-nil */
  | { k: 'matcher'; holdsWhen: 'nil' | 'non-nil' };

interface Entry {
  /** import path; a path matches if it equals this or ends with `/` + this (forks of errgroup, testify) */
  pkg: string;
  /** a function name, or `Type.Method` for a method on a value of that type of the package */
  name: string | RegExp;
  effect: ApiEffect;
  /** why, in a few words (shown by tests and docs) */
  note: string;
  /** forks count too: any import path whose last element is the entry's (…/errgroup, a vendored testify) */
  forks?: boolean;
  /** a method that only a value typed as the entry's type takes (testify's Assertions: its names are everyone's);
   * never by its name alone (methodEffectsByName) */
  typedOnly?: boolean;
}

export const API_TABLE: readonly Entry[] = [
  { pkg: 'builtin', name: 'panic', effect: { k: 'exit', how: 'panic' }, note: 'unwinds the goroutine' },
  { pkg: 'os', name: 'Exit', effect: { k: 'exit', how: 'abort' }, note: 'ends the program' },
  { pkg: 'log', name: /^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/, effect: { k: 'exit', how: 'abort' }, note: 'ends the program or panics' },
  { pkg: 'runtime', name: 'Goexit', effect: { k: 'exit', how: 'goexit' }, note: 'ends the goroutine' },
  { pkg: 'github.com/rs/zerolog/log', name: /^(Fatal|Panic)$/, effect: { k: 'exit', how: 'abort' }, note: 'the event it starts ends the program (or panics) when sent' },
  { pkg: 'github.com/sirupsen/logrus', name: /^(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln)$/, effect: { k: 'exit', how: 'abort' }, note: 'logs, then ends the program or panics' },
  { pkg: 'k8s.io/klog/v2', name: /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth)$/, effect: { k: 'exit', how: 'abort' }, note: 'logs, then ends the program' },
  { pkg: 'k8s.io/klog', name: /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth)$/, effect: { k: 'exit', how: 'abort' }, note: 'logs, then ends the program' },
  { pkg: 'github.com/golang/glog', name: /^(Fatal|Fatalf|Fatalln|FatalDepth|Exit|Exitf|Exitln|ExitDepth)$/, effect: { k: 'exit', how: 'abort' }, note: 'logs, then ends the program' },
  { pkg: 'go.uber.org/zap', name: /^(Logger\.(Fatal|Panic)|SugaredLogger\.(Fatal|Fatalf|Fatalw|Fatalln|Panic|Panicf|Panicw|Panicln))$/, effect: { k: 'exit', how: 'abort' }, note: 'logs, then ends the program or panics' },
  { pkg: 'testing', name: /^(T|B|F|TB|common)\.(Fatal|Fatalf|FailNow|Skip|Skipf|SkipNow)$/, effect: { k: 'fatal' }, note: 'stops the test' },
  { pkg: 'testing', name: /^(T|B|F|TB|common)\.(Error|Errorf|Fail)$/, effect: { k: 'fail' }, note: 'fails the test' },
  { pkg: 'github.com/stretchr/testify/require', name: 'New', effect: { k: 'returns', type: 'Assertions' }, note: "an object whose methods are require's checks on the test it is given (`r := require.New(t); r.NoError(err)`)", forks: true },
  { pkg: 'github.com/stretchr/testify/assert', name: 'New', effect: { k: 'returns', type: 'Assertions' }, note: "an object whose methods are assert's checks on the test it is given", forks: true },
  { pkg: 'github.com/stretchr/testify/suite', name: 'Suite.Require', effect: { k: 'returns', type: 'Assertions', pkg: 'github.com/stretchr/testify/require' }, note: "a suite's require checks on its test (`s.Require().NoError(err)`)", forks: true },
  { pkg: 'github.com/stretchr/testify/suite', name: 'Suite.Assert', effect: { k: 'returns', type: 'Assertions', pkg: 'github.com/stretchr/testify/assert' }, note: "a suite's assert checks on its test", forks: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^Assertions\.(Fail|Failf|FailNow|FailNowf)$/, effect: { k: 'fatal' }, note: 'stops the test, always', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^Assertions\.(NoError|NoErrorf|Nil|Nilf)$/, effect: { k: 'fatal', check: true, noError: 0 }, note: 'stops the test when its argument 0 is not nil', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^Assertions\.[A-Z]\w*$/, effect: { k: 'fatal', check: true }, note: 'stops the test when the check fails', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^Assertions\.(FailNow|FailNowf)$/, effect: { k: 'fatal' }, note: 'stops the test, always', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^Assertions\.(Fail|Failf)$/, effect: { k: 'fail' }, note: 'fails the test, always', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^Assertions\.(NoError|NoErrorf|Nil|Nilf)$/, effect: { k: 'fail', check: true, noError: 0 }, note: 'fails the test when its argument 0 is not nil', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^Assertions\.[A-Z]\w*$/, effect: { k: 'fail', check: true }, note: 'fails the test when the check fails', forks: true, typedOnly: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^(Fail|Failf|FailNow|FailNowf)$/, effect: { k: 'fatal' }, note: 'stops the test, always', forks: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^(FailNow|FailNowf)$/, effect: { k: 'fatal' }, note: 'stops the test, always', forks: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^(Fail|Failf)$/, effect: { k: 'fail' }, note: 'fails the test, always', forks: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^(NoError|NoErrorf|Nil|Nilf)$/, effect: { k: 'fatal', check: true, noError: 1 }, note: 'stops the test when its argument 1 is not nil', forks: true },
  { pkg: 'github.com/stretchr/testify/require', name: /^[A-Z]\w*$/, effect: { k: 'fatal', check: true }, note: 'stops the test when the check fails', forks: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^(NoError|NoErrorf|Nil|Nilf)$/, effect: { k: 'fail', check: true, noError: 1 }, note: 'fails the test when its argument 1 is not nil', forks: true },
  { pkg: 'github.com/stretchr/testify/assert', name: /^[A-Z]\w*$/, effect: { k: 'fail', check: true }, note: 'fails the test when the check fails', forks: true },
  { pkg: 'context', name: /^(WithCancel|WithCancelCause)$/, effect: { k: 'derive', arg: 0, cancel: true }, note: 'a child ctx with a cancel function' },
  { pkg: 'context', name: /^(WithTimeout|WithTimeoutCause|WithDeadline|WithDeadlineCause)$/, effect: { k: 'derive', arg: 0, cancel: true, timed: true }, note: 'a child ctx with a cancel function and a deadline' },
  { pkg: 'context', name: /^(WithValue|WithoutCancel)$/, effect: { k: 'derive', arg: 0, cancel: false }, note: 'a child ctx without a cancel function (WithoutCancel is never cancelled by its parent, see below)' },
  { pkg: 'context', name: /^(Background|TODO)$/, effect: { k: 'background' }, note: 'never cancelled' },
  { pkg: 'context', name: /^(Cause|AfterFunc)$/, effect: { k: 'observe', arg: 0 }, note: 'reads or reacts to cancellation' },
  { pkg: 'time', name: 'After', effect: { k: 'timer-chan' }, note: 'fires once' },
  { pkg: 'time', name: 'Tick', effect: { k: 'timer', repeats: true }, note: 'a ticker channel' },
  { pkg: 'time', name: 'NewTimer', effect: { k: 'timer', repeats: false }, note: 'fires once unless stopped' },
  { pkg: 'time', name: 'NewTicker', effect: { k: 'timer', repeats: true }, note: 'fires until stopped' },
  { pkg: 'golang.org/x/sync/errgroup', name: 'Group.Go', effect: { k: 'spawn', arg: 0, waitedBy: 'Wait' }, note: 'runs the function in a goroutine; the group\'s Wait returns once every function it ran has returned', forks: true },
  { pkg: 'golang.org/x/sync/errgroup', name: 'WithContext', effect: { k: 'returns', type: 'Group' }, note: 'a group (result 0) whose Go runs functions in goroutines, and the ctx it cancels on the first error', forks: true },
  { pkg: 'sync', name: 'WaitGroup.Go', effect: { k: 'spawn', arg: 0, waitedBy: 'Wait' }, note: 'runs the function in a goroutine (Go 1.25); the group\'s Wait waits for it' },
  { pkg: 'sync', name: /^(Mutex|RWMutex)\.Lock$/, effect: { k: 'lock', shared: false }, note: 'waits until no other goroutine holds the mutex (nor, for an RWMutex, a read lock)' },
  { pkg: 'sync', name: 'RWMutex.RLock', effect: { k: 'lock', shared: true }, note: 'waits until no goroutine holds the write lock' },
  { pkg: 'sync', name: 'WaitGroup.Add', effect: { k: 'wg-add' }, note: 'counts goroutines the group will wait for' },
  { pkg: 'sync', name: 'WaitGroup.Done', effect: { k: 'wg-done' }, note: 'one counted goroutine is done' },
  { pkg: 'sync', name: 'WaitGroup.Wait', effect: { k: 'wg-wait' }, note: 'waits until every counted goroutine is done' },
  { pkg: 'sync', name: /^(Mutex\.Unlock|RWMutex\.(Unlock|RUnlock))$/, effect: { k: 'unlock' }, note: 'releases the mutex' },
  { pkg: 'testing', name: /^(T|B|F|TB)\.Cleanup$/, effect: { k: 'at-end', arg: 0 }, note: 'runs the function when the test (or subtest, benchmark) and its subtests end, pass or fail' },
  { pkg: 'net/http', name: /^Server\.(Serve|ServeTLS|ListenAndServe|ListenAndServeTLS)$/, effect: { k: 'serve', stoppedBy: ['Shutdown', 'Close'], then: { pkg: 'net/http', name: 'ErrServerClosed' } }, note: 'after Shutdown or Close on the same server it returns ErrServerClosed' },
  { pkg: 'google.golang.org/grpc', name: 'Server.Serve', effect: { k: 'serve', stoppedBy: ['Stop', 'GracefulStop'], then: 'nil' }, note: 'after Stop or GracefulStop on the same server it returns nil' },
  { pkg: 'errors', name: 'Is', effect: { k: 'error-is', err: 0, target: 1 }, note: 'whether the first error is, or wraps, the second' },
  { pkg: 'github.com/onsi/gomega', name: /^(Expect|ExpectWithOffset|Ω)$/, effect: { k: 'returns', type: 'Assertion' }, note: 'the assertion whose matcher methods check the value' },
  { pkg: 'github.com/onsi/gomega', name: /^Assertion\.(To|Should)$/, effect: { k: 'fatal', check: true }, note: "stops the spec when the matcher does not hold (Ginkgo's fail handler panics)" },
  { pkg: 'github.com/onsi/gomega', name: /^Assertion\.(ToNot|NotTo|ShouldNot)$/, effect: { k: 'fatal', check: true, negated: true }, note: 'stops the spec when the matcher holds' },
  { pkg: 'github.com/onsi/gomega', name: /^(Succeed|BeNil)$/, effect: { k: 'matcher', holdsWhen: 'nil' }, note: 'holds when the value is nil' },
  { pkg: 'github.com/onsi/gomega', name: 'HaveOccurred', effect: { k: 'matcher', holdsWhen: 'non-nil' }, note: 'holds when the value is a non-nil error' },
  { pkg: 'github.com/onsi/ginkgo/v2', name: 'Fail', effect: { k: 'fatal' }, note: 'fails and stops the spec' },
  { pkg: 'github.com/onsi/ginkgo', name: 'Fail', effect: { k: 'fatal' }, note: 'fails and stops the spec' },
  { pkg: 'os/signal', name: 'Notify', effect: { k: 'signal', arg: 0 }, note: "the channel receives the process's signals for as long as the process runs" },
  { pkg: 'os/signal', name: 'Stop', effect: { k: 'signal-stop', arg: 0 }, note: 'the channel gets no more signals: what waits on it waits forever' },
  { pkg: 'os/signal', name: 'NotifyContext', effect: { k: 'signal-ctx' }, note: 'the context is cancelled when the process is signalled (Ctrl-C, SIGTERM) or its stop function runs' },
];

/**
 * Method conventions that hold whatever the receiver's type: what a method of this name and arity returns or
 * does, for receivers whose type goleash cannot see (an interface of another module, a vendored type). Method
 * names of an API, never variable names.
 */
export const METHOD_CONVENTIONS: readonly { name: string; args: number; effect: 'ctx-done' | 'ctx-of' | 'once'; note: string }[] = [
  { name: 'Done', args: 0, effect: 'ctx-done', note: "x.Done() is the receiver ctx's Done channel (context.Context)" },
  { name: 'Context', args: 0, effect: 'ctx-of', note: 'x.Context() returns the ctx its receiver carries (http.Request, testing.T, grpc streams, gin, cobra)' },
  { name: 'Do', args: 1, effect: 'once', note: 'x.Do(f) with a func literal runs f at most once per x (sync.Once): what f starts is started once' },
];

/** The convention a method call follows, if any. */
export function methodConvention(name: string, args: number): 'ctx-done' | 'ctx-of' | 'once' | undefined {
  return METHOD_CONVENTIONS.find((c) => c.name === name && c.args === args)?.effect;
}

/** The effect of calling `name` (`Type.Method` for methods) of the package at import path `pkg`, if known. */
export function apiEffect(pkg: string, name: string): ApiEffect | undefined {
  for (const e of API_TABLE) {
    if (!(pkg === e.pkg || (e.forks && lastElem(pkg) === lastElem(e.pkg)))) continue;
    if (typeof e.name === 'string' ? e.name === name : e.name.test(name)) return e.effect;
  }
  return undefined;
}

function lastElem(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Fields of library types whose function value runs once per process: a command-line framework calls the handler
 * of the command the process was started with, once (cobra.Command's RunE, urfave/cli's Action). A function reached
 * only through such a field, and from main, is part of the process's set-up (src/analysis/callers.ts). `plain`: the
 * fields whose name alone says it (assigned as `x.RunE = f`, where goleash does not check x's type); the others count
 * only as keys of a composite literal of the type (`&cobra.Command{Run: f}`).
 */
export const PROCESS_ENTRIES: readonly { pkg: string; type: RegExp; fields: RegExp; plain: RegExp; note: string }[] = [
  {
    pkg: 'github.com/spf13/cobra', type: /^Command$/,
    fields: /^(Run|RunE|PreRun|PreRunE|PostRun|PostRunE|PersistentPreRun|PersistentPreRunE|PersistentPostRun|PersistentPostRunE)$/,
    plain: /^(RunE|PreRunE|PostRunE|PersistentPreRun|PersistentPreRunE|PersistentPostRun|PersistentPostRunE)$/,
    note: "the handlers of the command the process runs, called once by Execute",
  },
  { pkg: 'github.com/urfave/cli', type: /^(App|Command)$/, fields: /^(Action|Before|After)$/, plain: /^$/, note: "the app's or command's action, called once by Run" },
  { pkg: 'github.com/urfave/cli/v2', type: /^(App|Command)$/, fields: /^(Action|Before|After)$/, plain: /^$/, note: "the app's or command's action, called once by Run" },
  { pkg: 'github.com/urfave/cli/v3', type: /^Command$/, fields: /^(Action|Before|After)$/, plain: /^$/, note: "the command's action, called once by Run" },
];

/** Whether the package at import path `pkg` is a command-line framework of PROCESS_ENTRIES. */
export function isProcessEntryPackage(pkg: string): boolean {
  return PROCESS_ENTRIES.some((e) => e.pkg === pkg);
}

/** Whether a func value stored in field `field` of a value of type `type` (undefined: a type not checked, an
 * assignment `x.field = f`) of the package at import path `pkg` runs once per process (see PROCESS_ENTRIES). */
export function isProcessEntry(pkg: string, type: string | undefined, field: string): boolean {
  return PROCESS_ENTRIES.some((e) => e.pkg === pkg && (type === undefined ? e.plain.test(field) : e.type.test(type) && e.fields.test(field)));
}

/**
 * Types whose value, handed to a function, makes it run as (part of) a test: if the function waits forever, the
 * test binary's timeout (`go test -timeout`, 10 minutes by default) panics and fails the test, so the wait is a
 * failing test rather than a goroutine left behind.
 */
export const TEST_HANDLES: readonly { pkg: string; name: RegExp; note: string }[] = [
  { pkg: 'testing', name: /^(T|B|F|TB)$/, note: 'a test, benchmark, fuzz target or their helper: a wait that never ends times the test out' },
];

/** Whether a parameter of the named type `pkg.name` marks its function as test code (see TEST_HANDLES). */
export function isTestHandle(pkg: string, name: string): boolean {
  return TEST_HANDLES.some((h) => h.pkg === pkg && h.name.test(name));
}

/**
 * The effects of a call `x.name(…)` on a value whose type is not known (code read as text only, like the callers of
 * a stream in src/analysis/stream-callers.ts): those of the table's methods of this name, on any of the table's
 * types, in table order (`Fatalf` is testing.T's and zap's SugaredLogger's). The types of a method entry are
 * written out in its name (`T.M`, or alternatives `(T|B)\.(M|N)`). A function of a package (`os.Exit`) is looked up
 * by its import with apiEffect instead.
 */
export function methodEffectsByName(name: string): ApiEffect[] {
  const out: ApiEffect[] = [];
  for (const e of API_TABLE) {
    if (typeof e.name === 'string') {
      if (e.name.includes('.') && e.name.slice(e.name.lastIndexOf('.') + 1) === name) out.push(e.effect);
      continue;
    }
    if (!e.name.source.includes('\\.')) continue;
    // a check stops or fails only when it does not hold, which the arguments tell: not an effect of the name alone;
    // nor a method only typed values take (testify's Assertions: Fail is anyone's name)
    if (((e.effect.k === 'fatal' || e.effect.k === 'fail') && e.effect.check) || e.typedOnly) continue;
    const re = e.name;
    if ((re.source.match(/[A-Za-z_]\w*/g) ?? []).some((t) => re.test(`${t}.${name}`))) out.push(e.effect);
  }
  return out;
}
