// Package shapes holds leaks in shapes goleash does not report yet (labeled missed, and confirmed by the runtime)
// and the shapes around them it does report, each next to a twin that does not leak. The driver tests in
// shapes_test.go run every parent down the path that leaves its goroutine behind.
package shapes

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var errPrepare = errors.New("prepare failed")

func slow() int {
	time.Sleep(20 * time.Millisecond)
	return 1
}

func prepare(fail bool) error {
	if fail {
		return errPrepare
	}
	return nil
}

func handle(ctx context.Context, j int) { _ = ctx.Value(j) }

// Watch closes its done channel only when prepare succeeds.
func Watch(fail bool) error {
	done := make(chan struct{})
	go func() {
		<-done // want abandoned-sender `Watch can return before it sends on or closes done`
		slow()
	}()
	if err := prepare(fail); err != nil {
		return err
	}
	close(done)
	return nil
}

// WatchDeferred closes it on every path.
func WatchDeferred(fail bool) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		<-done
		slow()
	}()
	return prepare(fail)
}

// Serve starts a loop that stops on doneCh, which nobody ever closes.
func Serve(ctx context.Context, jobs <-chan int) {
	doneCh := make(chan struct{})
	go func() { // missed ctx-done-missing (stopped by a doneCh nobody closes; ctx is never watched)
		for {
			select {
			case <-doneCh:
				return
			case j := <-jobs:
				handle(ctx, j)
			}
		}
	}()
}

// ServeDone stops on ctx.Done() as well.
func ServeDone(ctx context.Context, jobs <-chan int) {
	doneCh := make(chan struct{})
	go func() {
		for {
			select {
			case <-doneCh:
				return
			case <-ctx.Done():
				return
			case j := <-jobs:
				handle(ctx, j)
			}
		}
	}()
}

// Stop stops its producer only when it gets to the end.
func Stop(fail bool) error {
	stop := make(chan struct{})
	results := make(chan int)
	go func() {
		for {
			select { // missed abandoned-sender (a stop channel closed on the success path only)
			case <-stop:
				return
			case results <- slow():
			}
		}
	}()
	if err := prepare(fail); err != nil {
		return err
	}
	<-results
	close(stop)
	return nil
}

// StopDeferred closes stop on every path.
func StopDeferred(fail bool) error {
	stop := make(chan struct{})
	defer close(stop)
	results := make(chan int)
	go func() {
		for {
			select {
			case <-stop:
				return
			case results <- slow():
			}
		}
	}()
	if err := prepare(fail); err != nil {
		return err
	}
	<-results
	return nil
}

type fetcher struct{ results chan int }

// Fetch sends on a struct field's channel and leaves on ctx.Done().
func (f *fetcher) Fetch(ctx context.Context) int {
	go func() {
		f.results <- slow() // missed abandoned-sender (a struct field's channel)
	}()
	select {
	case v := <-f.results:
		return v
	case <-ctx.Done():
		return 0
	}
}

// FetchSelect sends in a select with ctx.Done().
func (f *fetcher) FetchSelect(ctx context.Context) int {
	go func() {
		select {
		case f.results <- slow():
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-f.results:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Maybe receives only when asked to.
func Maybe(want bool) int {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `can return before receiving from ch`
	}()
	if want {
		return <-ch
	}
	return 0
}

// MaybeBuffered has a buffer for the send.
func MaybeBuffered(want bool) int {
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	if want {
		return <-ch
	}
	return 0
}

// Two starts two senders and receives once; the slow one is left behind.
func Two() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() {
		ch <- slow() // want abandoned-sender `after receiving from ch once, fewer than the 2 sends`
	}()
	return <-ch
}

// TwoReceived receives from both.
func TwoReceived() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	go func() { ch <- slow() }()
	return <-ch + <-ch
}

// Arms drains the sender when ctx is done, but not when stop is closed.
func Arms(ctx context.Context, stop <-chan struct{}) int {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `Arms can leave on .<-stop. without receiving from ch`
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		go func() { <-ch }()
		return 0
	case <-stop:
		return -1
	}
}

// ArmsDrained drains it on both.
func ArmsDrained(ctx context.Context, stop <-chan struct{}) int {
	ch := make(chan int)
	go func() {
		ch <- slow()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		go func() { <-ch }()
		return 0
	case <-stop:
		go func() { <-ch }()
		return -1
	}
}

// Tick polls on a ticker, which it stops: the range never ends.
func Tick(ctx context.Context) {
	t := time.NewTicker(time.Millisecond)
	go func() { // want ctx-done-missing `loops forever at .for range t.C` // want endless-goroutine `no way out of its loop`
		for range t.C {
			handle(ctx, 0)
		}
	}()
	time.Sleep(3 * time.Millisecond)
	t.Stop()
}

// TickDone also watches ctx, which its caller cancels.
func TickDone(ctx context.Context) {
	t := time.NewTicker(time.Millisecond)
	go func() {
		for {
			select {
			case <-t.C:
				handle(ctx, 0)
			case <-ctx.Done():
				return
			}
		}
	}()
	time.Sleep(3 * time.Millisecond)
	t.Stop()
}

func deliver(ch chan<- int) {
	ch <- slow() // want abandoned-sender `Helper can return on .<-ctx.Done\(\).`
}

// Helper sends through a helper that gets the channel as a parameter.
func Helper(ctx context.Context) int {
	ch := make(chan int)
	go deliver(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// HelperBuffered gives it a buffer.
func HelperBuffered(ctx context.Context) int {
	ch := make(chan int, 1)
	go deliver(ch)
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Later sends in a closure that the goroutine calls.
func Later(ctx context.Context) int {
	ch := make(chan int)
	send := func() {
		ch <- slow() // missed abandoned-sender (a send in a closure the goroutine calls)
	}
	go func() {
		send()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

type sink interface{ Put(v int) }

type chanSink struct{ ch chan int }

func (s chanSink) Put(v int) {
	s.ch <- v
}

// Iface sends through an interface method.
func Iface(ctx context.Context) int {
	ch := make(chan int)
	var s sink = chanSink{ch: ch}
	go func() {
		s.Put(slow()) // missed abandoned-sender (a send in an interface method)
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// NonBlocking polls once and leaves.
func NonBlocking() int {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `NonBlocking can return on .default.`
	}()
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

// NonBlockingBuffered has a buffer.
func NonBlockingBuffered() int {
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

// Slots has one slot for three senders and receives once.
func Slots() int {
	ch := make(chan int, 1)
	for i := 0; i < 3; i++ {
		go func() {
			ch <- slow() // want abandoned-sender `ch <- slow\(\). blocks forever: this goroutine sends on ch, whose buffer of 1 the sends can fill, and Slots can return after receiving from ch once, fewer than the sends of the goroutines it starts in a loop` (one slot for three senders, one receive)
		}()
	}
	return <-ch
}

// SlotsEnough has a slot for each.
func SlotsEnough() int {
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			ch <- slow()
		}()
	}
	return <-ch
}

func mustPrepare(fail bool) {
	if err := prepare(fail); err != nil {
		panic(err)
	}
}

// Recovered panics before it receives, and recovers.
func Recovered(fail bool) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `.ch <- slow\(\). blocks forever: this goroutine sends on ch, which has no buffer, and Recovered can return before receiving from ch`
	}()
	mustPrepare(fail)
	return <-ch, nil
}

// RecoveredBuffered has a buffer.
func RecoveredBuffered(fail bool) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	mustPrepare(fail)
	return <-ch, nil
}

// Once sends inside sync.Once.Do.
func Once(ctx context.Context) int {
	var once sync.Once
	ch := make(chan int)
	go func() {
		once.Do(func() {
			ch <- slow() // want abandoned-sender `.ch <- slow\(\). blocks forever: this goroutine sends on ch, which has no buffer, and Once can leave on .<-ctx.Done\(\). without receiving from ch`
		})
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Locked sends while holding a mutex.
func Locked(ctx context.Context) int {
	var mu sync.Mutex
	ch := make(chan int)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		ch <- slow() // want abandoned-sender `Locked can return on .<-ctx.Done\(\).`
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// LockedBuffered has a buffer.
func LockedBuffered(ctx context.Context) int {
	var mu sync.Mutex
	ch := make(chan int, 1)
	go func() {
		mu.Lock()
		defer mu.Unlock()
		ch <- slow()
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

type job struct{ cancel context.CancelFunc }

// Detached waits on the Done of a ctx whose cancel nobody ever calls.
func Detached() *job {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done() // missed abandoned-sender (waits on a ctx whose cancel is dropped)
		slow()
	}()
	return &job{cancel: cancel}
}

// DetachedCancelled is cancelled by its caller.
func DetachedCancelled() *job {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-ctx.Done()
	}()
	return &job{cancel: cancel}
}
