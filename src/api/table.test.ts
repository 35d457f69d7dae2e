// Every entry of the API table, checked by the effect it gives and by a look-alike it must not match.
import { describe, expect, it } from 'vitest';
import { API_TABLE, apiEffect, isProcessEntry, isProcessEntryPackage, isTestHandle, methodConvention, methodEffectsByName, PROCESS_ENTRIES } from './table.js';

describe('API table', () => {
  it.each([
    ['builtin', 'panic', { k: 'exit', how: 'panic' }],
    ['os', 'Exit', { k: 'exit', how: 'abort' }],
    ['log', 'Fatalf', { k: 'exit', how: 'abort' }],
    ['log', 'Panicln', { k: 'exit', how: 'abort' }],
    ['runtime', 'Goexit', { k: 'exit', how: 'goexit' }],
    ['github.com/rs/zerolog/log', 'Fatal', { k: 'exit', how: 'abort' }],
    ['github.com/onsi/gomega', 'Expect', { k: 'returns', type: 'Assertion' }],
    ['github.com/onsi/gomega', 'Ω', { k: 'returns', type: 'Assertion' }],
    ['github.com/onsi/gomega', 'Assertion.ShouldNot', { k: 'fatal', check: true, negated: true }],
    ['github.com/onsi/gomega', 'Assertion.NotTo', { k: 'fatal', check: true, negated: true }],
    ['github.com/onsi/gomega', 'Assertion.To', { k: 'fatal', check: true }],
    ['github.com/onsi/ginkgo/v2', 'Fail', { k: 'fatal' }],
    ['github.com/onsi/gomega', 'HaveOccurred', { k: 'matcher', holdsWhen: 'non-nil' }],
    ['github.com/onsi/gomega', 'Succeed', { k: 'matcher', holdsWhen: 'nil' }],
    ['github.com/onsi/gomega', 'BeNil', { k: 'matcher', holdsWhen: 'nil' }],
    ['github.com/stretchr/testify/require', 'NoError', { k: 'fatal', check: true, noError: 1 }],
    ['github.com/stretchr/testify/assert', 'Nilf', { k: 'fail', check: true, noError: 1 }],
    ['github.com/stretchr/testify/require', 'New', { k: 'returns', type: 'Assertions' }],
    ['golang.org/x/sync/errgroup', 'WithContext', { k: 'returns', type: 'Group' }],
    ['github.com/stretchr/testify/suite', 'Suite.Require', { k: 'returns', type: 'Assertions', pkg: 'github.com/stretchr/testify/require' }],
    ['github.com/stretchr/testify/suite', 'Suite.Assert', { k: 'returns', type: 'Assertions', pkg: 'github.com/stretchr/testify/assert' }],
    ['github.com/stretchr/testify/assert', 'New', { k: 'returns', type: 'Assertions' }],
    ['github.com/stretchr/testify/require', 'Assertions.FailNow', { k: 'fatal' }],
    ['github.com/stretchr/testify/require', 'Assertions.NoError', { k: 'fatal', check: true, noError: 0 }],
    ['github.com/stretchr/testify/require', 'Assertions.Equal', { k: 'fatal', check: true }],
    ['github.com/stretchr/testify/assert', 'Assertions.FailNow', { k: 'fatal' }],
    ['github.com/stretchr/testify/assert', 'Assertions.Fail', { k: 'fail' }],
    ['github.com/stretchr/testify/assert', 'Assertions.Nil', { k: 'fail', check: true, noError: 0 }],
    ['github.com/stretchr/testify/assert', 'Assertions.True', { k: 'fail', check: true }],
    ['github.com/onsi/ginkgo', 'Fail', { k: 'fatal' }],
    ['github.com/sirupsen/logrus', 'Fatalf', { k: 'exit', how: 'abort' }],
    ['k8s.io/klog/v2', 'Exitf', { k: 'exit', how: 'abort' }],
    ['k8s.io/klog', 'Fatal', { k: 'exit', how: 'abort' }],
    ['github.com/golang/glog', 'Fatalln', { k: 'exit', how: 'abort' }],
    ['go.uber.org/zap', 'Logger.Fatal', { k: 'exit', how: 'abort' }],
    ['go.uber.org/zap', 'SugaredLogger.Fatalw', { k: 'exit', how: 'abort' }],
    ['testing', 'T.Fatal', { k: 'fatal' }],
    ['testing', 'B.FailNow', { k: 'fatal' }],
    ['testing', 'TB.Skipf', { k: 'fatal' }],
    ['testing', 'T.Errorf', { k: 'fail' }],
    ['github.com/stretchr/testify/require', 'Error', { k: 'fatal', check: true }],
    ['example.com/vendor/github.com/stretchr/testify/require', 'Equal', { k: 'fatal', check: true }],
    ['github.com/stretchr/testify/assert', 'Equal', { k: 'fail', check: true }],
    ['github.com/stretchr/testify/require', 'Fail', { k: 'fatal' }],
    ['github.com/stretchr/testify/require', 'FailNow', { k: 'fatal' }],
    ['github.com/stretchr/testify/assert', 'FailNow', { k: 'fatal' }],
    ['github.com/stretchr/testify/assert', 'Fail', { k: 'fail' }],
    ['context', 'WithTimeout', { k: 'derive', arg: 0, cancel: true, timed: true }],
    ['context', 'WithDeadlineCause', { k: 'derive', arg: 0, cancel: true, timed: true }],
    ['context', 'WithCancel', { k: 'derive', arg: 0, cancel: true }],
    ['context', 'WithCancelCause', { k: 'derive', arg: 0, cancel: true }],
    ['context', 'WithValue', { k: 'derive', arg: 0, cancel: false }],
    ['context', 'TODO', { k: 'background' }],
    ['context', 'AfterFunc', { k: 'observe', arg: 0 }],
    ['time', 'After', { k: 'timer-chan' }],
    ['time', 'Tick', { k: 'timer', repeats: true }],
    ['time', 'NewTimer', { k: 'timer', repeats: false }],
    ['time', 'NewTicker', { k: 'timer', repeats: true }],
    ['golang.org/x/sync/errgroup', 'Group.Go', { k: 'spawn', arg: 0, waitedBy: 'Wait' }],
    ['example.com/internal/errgroup', 'Group.Go', { k: 'spawn', arg: 0, waitedBy: 'Wait' }],
    ['sync', 'WaitGroup.Go', { k: 'spawn', arg: 0, waitedBy: 'Wait' }],
    ['sync', 'WaitGroup.Add', { k: 'wg-add' }],
    ['sync', 'WaitGroup.Done', { k: 'wg-done' }],
    ['sync', 'WaitGroup.Wait', { k: 'wg-wait' }],
    ['sync', 'Mutex.Lock', { k: 'lock', shared: false }],
    ['sync', 'RWMutex.Lock', { k: 'lock', shared: false }],
    ['sync', 'RWMutex.RLock', { k: 'lock', shared: true }],
    ['sync', 'Mutex.Unlock', { k: 'unlock' }],
    ['sync', 'RWMutex.Unlock', { k: 'unlock' }],
    ['sync', 'RWMutex.RUnlock', { k: 'unlock' }],
    ['testing', 'T.Cleanup', { k: 'at-end', arg: 0 }],
    ['testing', 'TB.Cleanup', { k: 'at-end', arg: 0 }],
    ['os/signal', 'Notify', { k: 'signal', arg: 0 }],
    ['os/signal', 'Stop', { k: 'signal-stop', arg: 0 }],
    ['os/signal', 'NotifyContext', { k: 'signal-ctx' }],
    ['net/http', 'Server.ListenAndServe', { k: 'serve', stoppedBy: ['Shutdown', 'Close'], then: { pkg: 'net/http', name: 'ErrServerClosed' } }],
    ['net/http', 'Server.ServeTLS', { k: 'serve', stoppedBy: ['Shutdown', 'Close'], then: { pkg: 'net/http', name: 'ErrServerClosed' } }],
    ['google.golang.org/grpc', 'Server.Serve', { k: 'serve', stoppedBy: ['Stop', 'GracefulStop'], then: 'nil' }],
    ['errors', 'Is', { k: 'error-is', err: 0, target: 1 }],
  ])('%s.%s', (pkg, name, effect) => {
    expect(apiEffect(pkg, name)).toEqual(effect);
  });

  it.each([
    ['example.com/os', 'Exit'], // another package named os
    ['log', 'Printf'],
    ['testing', 'T.Log'],
    ['example.com/testing', 'T.Cleanup'], // not the standard library's testing
    ['testing', 'Cleanup'], // a method, not a function
    ['context', 'Background2'],
    ['time', 'Sleep'],
    ['golang.org/x/sync/errgroup', 'Group.Wait'],
    ['sync', 'WaitGroup.Go2'],
    ['sync', 'Mutex.TryLock'], // does not wait
    ['sync', 'Mutex.RLock'], // a Mutex has no read lock
    ['example.com/sync', 'Mutex.Lock'], // not the standard library's sync
    ['example.com/sync', 'WaitGroup.Go'], // not the standard library's sync
    ['example.com/sync', 'WaitGroup.Wait'], // not the standard library's sync
    ['example.com/mytime', 'After'],
    ['github.com/rs/zerolog/log', 'Info'],
    ['go.uber.org/zap', 'Logger.Error'],
    ['github.com/sirupsen/logrus', 'Errorf'],
    ['os/signal', 'Ignore'], // ignores the signals: no channel involved
    ['example.com/signal', 'Notify'], // not the standard library's os/signal
    ['example.com/signal', 'NotifyContext'], // not the standard library's os/signal
    ['os/signal', 'Ignore'], // the process ignores the signals: nothing receives them
    ['net/http', 'Server.Shutdown'], // stops, does not serve
    ['net/http', 'ListenAndServe'], // the package's function: no server value to stop
    ['example.com/http', 'Server.Serve'], // not the standard library's net/http
    ['google.golang.org/grpc', 'Server.GracefulStop'], // stops, does not serve
    ['errors', 'As'], // assigns, does not compare
    ['github.com/onsi/gomega', 'Eventually'], // polls: its Should waits, and is not a check of a value at hand
    ['github.com/onsi/gomega', 'Assertion.WithOffset'], // returns the assertion, checks nothing
    ['github.com/onsi/gomega', 'To'], // a method of an Assertion, not a function
    ['example.com/gomega', 'Assertion.To'], // not gomega
    ['github.com/onsi/ginkgo/v2', 'It'], // registers a spec
    ['github.com/onsi/gomega', 'MatchError'], // a matcher of another kind: what it holds for is not nil-ness
  ])('does not match %s.%s', (pkg, name) => {
    expect(apiEffect(pkg, name)).toBeUndefined();
  });

  it('has a test above for every entry', () => {
    // the cases above name each entry's package at least once; a new entry needs a case of its own
    const tested = new Set(['builtin', 'os', 'log', 'runtime', 'testing', 'github.com/stretchr/testify/require', 'github.com/stretchr/testify/assert', 'github.com/stretchr/testify/suite', 'context', 'time', 'golang.org/x/sync/errgroup', 'sync', 'github.com/rs/zerolog/log', 'github.com/sirupsen/logrus', 'k8s.io/klog/v2', 'k8s.io/klog', 'github.com/golang/glog', 'go.uber.org/zap', 'os/signal', 'net/http', 'google.golang.org/grpc', 'errors', 'github.com/onsi/gomega', 'github.com/onsi/ginkgo/v2', 'github.com/onsi/ginkgo']);
    expect(API_TABLE.filter((e) => !tested.has(e.pkg))).toEqual([]);
    expect(API_TABLE.length).toBe(62);
  });

  it('knows the fields whose handler runs once per process, by package, type and field', () => {
    expect(isProcessEntry('github.com/spf13/cobra', 'Command', 'RunE')).toBe(true);
    expect(isProcessEntry('github.com/spf13/cobra', 'Command', 'Run')).toBe(true);
    expect(isProcessEntry('github.com/spf13/cobra', 'Command', 'PersistentPreRunE')).toBe(true);
    expect(isProcessEntry('github.com/spf13/cobra', undefined, 'RunE')).toBe(true);
    // `x.Run = f` on a value whose type is not checked: Run is too common a name to tell
    expect(isProcessEntry('github.com/spf13/cobra', undefined, 'Run')).toBe(false);
    expect(isProcessEntry('github.com/spf13/cobra', 'Command', 'ValidArgsFunction')).toBe(false);
    expect(isProcessEntry('github.com/spf13/cobra', 'Group', 'RunE')).toBe(false);
    expect(isProcessEntry('github.com/urfave/cli/v2', 'App', 'Action')).toBe(true);
    expect(isProcessEntry('github.com/urfave/cli/v2', undefined, 'Action')).toBe(false);
    expect(isProcessEntry('github.com/urfave/cli', 'Command', 'Before')).toBe(true);
    expect(isProcessEntry('github.com/urfave/cli/v3', 'Command', 'Action')).toBe(true);
    expect(isProcessEntry('github.com/urfave/cli/v3', 'App', 'Action')).toBe(false);
    expect(isProcessEntry('example.com/cobra', 'Command', 'RunE')).toBe(false);
    expect(PROCESS_ENTRIES.length).toBe(4);
    expect(isProcessEntryPackage('github.com/urfave/cli/v2')).toBe(true);
    expect(isProcessEntryPackage('github.com/spf13/pflag')).toBe(false);
  });

  it('knows the test handles, by package and type', () => {
    expect(isTestHandle('testing', 'T')).toBe(true);
    expect(isTestHandle('testing', 'B')).toBe(true);
    expect(isTestHandle('testing', 'TB')).toBe(true);
    expect(isTestHandle('testing', 'M')).toBe(false);
    expect(isTestHandle('example.com/testing', 'T')).toBe(false);
  });

  it('tells the effects of a method by its name alone, over the types of the table (for code read as text)', () => {
    expect(methodEffectsByName('Fatal')).toEqual([{ k: 'exit', how: 'abort' }, { k: 'fatal' }]); // zap's Logger, testing.T
    expect(methodEffectsByName('Fatalf')).toEqual([{ k: 'exit', how: 'abort' }, { k: 'fatal' }]); // zap's SugaredLogger, testing.T
    expect(methodEffectsByName('FailNow')).toEqual([{ k: 'fatal' }]); // testing.T (testify's Assertions only when typed)
    expect(methodEffectsByName('Fail')).toEqual([{ k: 'fail' }]); // testing.T's Fail; a module's Job.Fail is no exit
    expect(methodEffectsByName('Failf')).toEqual([]);
    expect(methodEffectsByName('Close')).toEqual([]); // the Assertions checks match any name: not by name alone
    expect(methodEffectsByName('Skipf')).toEqual([{ k: 'fatal' }]);
    expect(methodEffectsByName('Panicw')).toEqual([{ k: 'exit', how: 'abort' }]);
    expect(methodEffectsByName('Errorf')).toEqual([{ k: 'fail' }]);
    expect(methodEffectsByName('Go')).toEqual([{ k: 'spawn', arg: 0, waitedBy: 'Wait' }, { k: 'spawn', arg: 0, waitedBy: 'Wait' }]);
    expect(methodEffectsByName('Fatalln')).toEqual([{ k: 'exit', how: 'abort' }]); // zap's SugaredLogger (log.Fatalln is a function)
    // functions of a package are not methods: os.Exit, runtime.Goexit, require.NoError
    expect(methodEffectsByName('Exit')).toEqual([]);
    expect(methodEffectsByName('Goexit')).toEqual([]);
    expect(methodEffectsByName('NoError')).toEqual([]);
    expect(methodEffectsByName('Log')).toEqual([]);
  });

  it('knows the method conventions, by name and arity', () => {
    expect(methodConvention('Done', 0)).toBe('ctx-done');
    expect(methodConvention('Context', 0)).toBe('ctx-of');
    expect(methodConvention('Context', 1)).toBeUndefined();
    expect(methodConvention('Ctx', 0)).toBeUndefined();
    expect(methodConvention('Do', 1)).toBe('once');
    expect(methodConvention('Do', 2)).toBeUndefined();
  });
});
