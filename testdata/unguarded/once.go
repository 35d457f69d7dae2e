// A goroutine set up once for the life of the program (in a sync.Once's Do) is one goroutine, not one per call:
// what it misses of its context is no growing leak. The same set-up on every call leaves one more behind each time.
package unguarded

import (
	"context"
	"os"
	"os/signal"
	"sync"
)

var (
	onceStopCtx    context.Context
	onceStopCancel context.CancelFunc
	onceStopSetup  sync.Once
)

// the interrupt watcher is installed on first use only
func StopContext() context.Context {
	onceStopSetup.Do(func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		onceStopCtx, onceStopCancel = context.WithCancel(context.Background())
		go func() {
			<-sig
			onceStopCancel()
			select {
			case <-onceStopCtx.Done():
			case <-sig:
				os.Exit(1)
			}
		}()
	})
	return onceStopCtx
}

// every call installs another watcher that waits for an interrupt which may never come
func StopContextEveryCall(parent context.Context) context.Context {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-sig // want ctx-unguarded-block `.<-sig. can block forever`
		cancel()
		select {
		case <-ctx.Done():
		case <-sig:
			os.Exit(1)
		}
	}()
	return ctx
}
