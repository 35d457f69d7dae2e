// The oracle's profile parser and label matching, on a goroutineleak profile recorded from Go 1.26.8
// (GOEXPERIMENT=goroutineleakprofile, debug=2), not on a live run: npm test never needs Go.
import { describe, expect, it } from 'vitest';
import { judge, labelsOf, leaked, parseGoroutines } from './profile.js';

const RECORDED = `goroutine 1 [running]:
runtime/pprof.writeGoroutineStacks({0x598318, 0x315257484020})
	/usr/local/go/src/runtime/pprof/pprof.go:819 +0x6b
runtime/pprof.(*Profile).WriteTo(0x589d6f?, {0x598318?, 0x315257484020?}, 0x7f66dfd61cc8?)
	/usr/local/go/src/runtime/pprof/pprof.go:408 +0x149
lp/x.TestMain(0x6fae60?)
	/tmp/lp/x/x_test.go:24 +0x46
main.main()
	_testmain.go:48 +0xa5

goroutine 20 [chan send (leaked)]:
lp/x.helper(...)
	/tmp/lp/x/x.go:24
created by lp/x.Helper in goroutine 18
	/tmp/lp/x/x.go:28 +0x5f

goroutine 21 [chan send]:
lp/x.Global.func1()
	/tmp/lp/x/x.go:33 +0x25
created by lp/x.Global in goroutine 18
	/tmp/lp/x/x.go:33 +0x4b

goroutine 22 [sync.Mutex.Lock (leaked)]:
internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:95 +0x25
sync.(*Mutex).Lock(...)
	/usr/local/go/src/sync/mutex.go:46
lp/x.Mu.func1()
	/tmp/lp/x/x.go:39 +0x2d
created by lp/x.Mu in goroutine 18
	/tmp/lp/x/x.go:39 +0x7a

goroutine 23 [chan receive (nil chan) (leaked)]:
lp/x.Ctx.func1()
	/tmp/lp/x/x.go:43 +0x25
created by lp/x.Ctx in goroutine 18
	/tmp/lp/x/x.go:43 +0x5f
`;

describe('goroutineleak profile', () => {
  it('parses every goroutine, its frames and where it was created', () => {
    const gs = parseGoroutines(RECORDED);
    expect(gs.map((g) => [g.id, g.state, g.leaked])).toEqual([
      [1, 'running', false],
      [20, 'chan send (leaked)', true],
      [21, 'chan send', false],
      [22, 'sync.Mutex.Lock (leaked)', true],
      [23, 'chan receive (nil chan) (leaked)', true],
    ]);
    const g20 = gs[1]!;
    expect(g20.frames).toEqual([{ func: 'lp/x.helper', file: '/tmp/lp/x/x.go', line: 24 }]);
    expect(g20.createdBy).toEqual({ func: 'lp/x.Helper', file: '/tmp/lp/x/x.go', line: 28 });
    expect(gs[0]!.createdBy).toBeUndefined();
    expect(gs[0]!.frames.at(-1)).toEqual({ func: 'main.main', file: '_testmain.go', line: 48 });
    expect(gs[3]!.frames.map((f) => f.func)).toEqual(['internal/sync.runtime_SemacquireMutex', 'sync.(*Mutex).Lock', 'lp/x.Mu.func1']);
  });

  it('matches labels on the go line or a frame, and reports both kinds of contradiction', () => {
    const src = Array.from({ length: 45 }, () => '');
    src[23] = '\tch <- 2 // want abandoned-sender `x`';
    src[38] = '\tgo func() { mu.Lock() }() // missed ctx-done-missing';
    src[32] = '\tgo func() { global <- 1 }() // want ctx-done-missing';
    src[10] = '\t// want bad-suppression';
    const labels = labelsOf('/tmp/lp/x/x.go', src.join('\n'));
    expect(labels.map((l) => `${l.line} ${l.kind} ${l.rule}`)).toEqual(['24 want abandoned-sender', '33 want ctx-done-missing', '39 missed ctx-done-missing']);
    const v = judge(labels, leaked(RECORDED));
    expect(v.confirmed.map((l) => l.line)).toEqual([24, 39]);
    // goroutine 21 is blocked but not leaked (the channel stays reachable from a global): its label is contradicted
    expect(v.unconfirmed.map((l) => l.line)).toEqual([33]);
    expect(v.unexplained.map((g) => g.id)).toEqual([23]);
  });
});
