// Handshakes with a goroutine the function starts itself: a bare send or receive on a channel the function makes
// is completed by a goroutine it just started that cannot end without doing the other half (a watchdog that
// receives the "ready" signal on every path, a server that reports "listening" first thing), and a guard
// goroutine's single receive is answered by its parent's send on every way on from the go statement. Each sits
// beside a variant where the other side can end (or go on) without doing its half.
package unguarded

import (
	"context"
	"errors"
	"time"
)

type hsKey struct{}

func hsAlarm() {}

func hsDial(addr string) error {
	if addr == "" {
		return errors.New("no address")
	}
	return nil
}

func hsListen(port int) error {
	if port < 0 {
		return errors.New("bad port")
	}
	return nil
}

func hsServe(port int) {}

// the watchdog receives ready on every path: in its select, or after raising the alarm
func hsWatchdog(ready chan struct{}) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-ready:
		return
	case <-t.C:
		hsAlarm()
	}
	<-ready
}

func hsOpen(addr string) {
	ready := make(chan struct{})
	go hsWatchdog(ready)
	_ = hsDial(addr)
	ready <- struct{}{}
}

// the send in hsOpen always meets the watchdog's receive
func HandshakeWithWatchdog(ctx context.Context, addrs []string) {
	go func() {
		prefix, _ := ctx.Value(hsKey{}).(string)
		for _, a := range addrs {
			hsOpen(prefix + a)
		}
	}()
}

// this watchdog gives up after the alarm without receiving
func hsWatchdogGivesUp(ready chan struct{}) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-ready:
	case <-t.C:
		hsAlarm()
	}
}

func hsOpenLate(addr string) {
	ready := make(chan struct{})
	go hsWatchdogGivesUp(ready)
	_ = hsDial(addr)
	ready <- struct{}{}
}

// the send in hsOpenLate can outlive the watchdog
func HandshakeWithWatchdogGivingUp(ctx context.Context, addrs []string) {
	go func() { // want ctx-done-missing `can block at .ready <- struct\{\}\{\}. in hsOpenLate`
		prefix, _ := ctx.Value(hsKey{}).(string)
		for _, a := range addrs {
			hsOpenLate(prefix + a)
		}
	}()
}

// the server reports listening before anything else can stop it
func hsRun(port int, listening chan<- struct{}) {
	_ = hsListen(port)
	listening <- struct{}{}
	hsServe(port)
}

func hsStart(port int) {
	listening := make(chan struct{})
	go hsRun(port, listening)
	<-listening
}

// the receive in hsStart always meets the server's report
func HandshakeWithServer(ctx context.Context, ports []int) {
	go func() {
		base, _ := ctx.Value(hsKey{}).(int)
		for _, p := range ports {
			hsStart(base + p)
		}
	}()
}

// this server returns on a listen error without reporting
func hsRunOrFail(port int, listening chan<- struct{}) {
	if err := hsListen(port); err != nil {
		return
	}
	listening <- struct{}{}
	hsServe(port)
}

func hsStartOrHang(port int) {
	listening := make(chan struct{})
	go hsRunOrFail(port, listening) // want unsent-signal `can return without sending on listening`
	<-listening
}

// the receive in hsStartOrHang waits forever after a listen error
func HandshakeWithFailingServer(ctx context.Context, ports []int) {
	go func() { // want ctx-done-missing `can block at .<-listening. in hsStartOrHang`
		base, _ := ctx.Value(hsKey{}).(int)
		for _, p := range ports {
			hsStartOrHang(base + p)
		}
	}()
}

// the guard receives done once, and every iteration sends it before going on
func GuardedDials(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		dctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			t := time.NewTimer(3 * time.Second)
			defer t.Stop()
			select {
			case <-done:
				return
			case <-t.C:
				cancel()
			case <-dctx.Done():
			}
			<-done
		}()
		_ = hsDial(a)
		done <- struct{}{}
		cancel()
	}
}

// an iteration that fails to dial goes on without sending: the guard waits forever
func GuardedDialsSkipping(ctx context.Context, addrs []string) {
	for _, a := range addrs {
		dctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			t := time.NewTimer(3 * time.Second)
			defer t.Stop()
			select {
			case <-done:
				return
			case <-t.C:
				cancel()
			case <-dctx.Done():
			}
			<-done // want ctx-unguarded-block `.<-done. can block forever`
		}()
		if err := hsDial(a); err != nil {
			cancel()
			continue
		}
		done <- struct{}{}
		cancel()
	}
}
