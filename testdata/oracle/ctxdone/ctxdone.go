// Package ctxdone holds goroutines handed a context they never watch, each next to a twin that watches it.
// The driver tests in ctxdone_test.go cancel the context (or fail early) and return without waiting.
package ctxdone

import (
	"context"
	"sync"
	"time"
)

type key struct{}

func slow() int {
	time.Sleep(20 * time.Millisecond)
	return 1
}

// child never looks at ctx: when Parent leaves, its send waits forever.
func child(ctx context.Context, rc chan<- int) {
	rc <- slow() // want abandoned-sender `Parent can return on .<-ctx.Done\(\). without receiving from rc`
}

// childSelect sends or gives up.
func childSelect(ctx context.Context, rc chan<- int) {
	select {
	case rc <- slow():
	case <-ctx.Done():
	}
}

// Parent starts both children and leaves when ctx is done.
func Parent(ctx context.Context) int {
	rc := make(chan int)
	go child(ctx, rc) // want ctx-done-missing `goroutine running child receives ctx but never observes ctx.Done\(\); it can block at .rc <- slow\(\).`
	go childSelect(ctx, rc)
	select {
	case v := <-rc:
		return v
	case <-ctx.Done():
		return 0
	}
}

func consume(ctx context.Context, in <-chan int) {
	for v := range in { // want unclosed-range `range in. never ends: this goroutine ranges over in, which Feed can return without closing`
		_ = v
	}
}

func consumeSelect(ctx context.Context, in <-chan int) {
	for {
		select {
		case _, ok := <-in:
			if !ok {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// Feed stops feeding on a cancelled ctx and never closes in: the consumer ranges forever.
func Feed(ctx context.Context, items []int) error {
	in := make(chan int)
	go consume(ctx, in) // want ctx-done-missing `consume`
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		in <- it
	}
	close(in)
	return nil
}

// FeedClosed closes in on every path.
func FeedClosed(ctx context.Context, items []int) error {
	in := make(chan int)
	defer close(in)
	go consume(ctx, in)
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		in <- it
	}
	return nil
}

// FeedSelect has a consumer that watches ctx.
func FeedSelect(ctx context.Context, items []int) error {
	in := make(chan int)
	go consumeSelect(ctx, in)
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return err
		}
		in <- it
	}
	close(in)
	return nil
}

// Await: a goroutine waits for a reply nobody sends once the parent gives up.
func Await(ctx context.Context) error {
	reply := make(chan int)
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .<-reply.`
		v := <-reply // want abandoned-sender `reply`
		_ = ctx.Value(key{})
		_ = v
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	reply <- 1
	return nil
}

// AwaitSelect waits for the reply or ctx.
func AwaitSelect(ctx context.Context) error {
	reply := make(chan int)
	go func() {
		select {
		case <-reply:
		case <-ctx.Done():
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	reply <- 1
	return nil
}

// CondWait waits on a condition the parent never signals when ctx is already done.
func CondWait(ctx context.Context) error {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() { // missed ctx-done-missing (sync.Cond.Wait in the goroutine itself)
		mu.Lock()
		for !ready {
			cond.Wait()
		}
		mu.Unlock()
		_ = ctx.Value(key{})
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	return nil
}

// GroupWait waits for a WaitGroup the parent stops counting down when ctx is done.
func GroupWait(ctx context.Context, n int) error {
	var wg sync.WaitGroup
	wg.Add(n)
	go func() { // want ctx-done-missing `it can block at .wg.Wait\(\).`
		wg.Wait()
		_ = ctx.Value(key{})
	}()
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		wg.Done()
	}
	return nil
}

// Either waits on two channels that nobody feeds once the parent leaves.
func Either(ctx context.Context) error {
	a, b := make(chan int), make(chan int)
	go func() { // want ctx-done-missing `it can block at .select.`
		select {
		case <-a:
		case <-b:
		}
		_ = ctx.Value(key{})
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	close(a)
	close(b)
	return nil
}

// EitherDone adds ctx.Done() to the select.
func EitherDone(ctx context.Context) error {
	a, b := make(chan int), make(chan int)
	go func() {
		select {
		case <-a:
		case <-b:
		case <-ctx.Done():
		}
	}()
	if err := ctx.Err(); err != nil {
		return err
	}
	close(a)
	close(b)
	return nil
}

// Forever parks a goroutine that holds ctx in an empty select.
func Forever(ctx context.Context) {
	go func() { // want ctx-done-missing `blocks forever at .select \{\}.`
		_ = ctx.Value(key{})
		select {}
	}()
}

// ForeverDone parks it on ctx.Done() instead.
func ForeverDone(ctx context.Context) {
	go func() {
		<-ctx.Done()
	}()
}

// Poll checks ctx.Err() between sleeps and ends once ctx is cancelled.
func Poll(ctx context.Context) {
	go func() {
		for ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
	}()
}

// worker keeps its ctx in a field.
type worker struct {
	ctx context.Context
	out chan int
}

func (w *worker) run() {
	w.out <- slow()
}

func (w *worker) runSelect() {
	select {
	case w.out <- slow():
	case <-w.ctx.Done():
	}
}

// Method leaves on ctx.Done() while a method that never watches the ctx in its receiver sends.
func Method(ctx context.Context) int {
	w := &worker{ctx: ctx, out: make(chan int)}
	go w.run() // missed ctx-done-missing (the ctx is a field of the receiver, which run never reads)
	select {
	case v := <-w.out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// MethodSelect runs the method that watches it.
func MethodSelect(ctx context.Context) int {
	w := &worker{ctx: ctx, out: make(chan int)}
	go w.runSelect()
	select {
	case v := <-w.out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// MethodValue starts the method through a method value.
func MethodValue(ctx context.Context) int {
	w := &worker{ctx: ctx, out: make(chan int)}
	run := w.run
	go run() // missed ctx-done-missing (the same, through a method value)
	select {
	case v := <-w.out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func produce[T any](ctx context.Context, out chan<- T, v T) {
	time.Sleep(20 * time.Millisecond)
	out <- v // want abandoned-sender `Generic can return on .<-ctx.Done\(\).`
}

func produceSelect[T any](ctx context.Context, out chan<- T, v T) {
	time.Sleep(20 * time.Millisecond)
	select {
	case out <- v:
	case <-ctx.Done():
	}
}

// Generic leaves on ctx.Done() while a generic producer sends.
func Generic(ctx context.Context) string {
	out := make(chan string)
	go produce(ctx, out, "x") // want ctx-done-missing `goroutine running produce receives ctx`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return ""
	}
}

// GenericSelect runs the producer that watches ctx.
func GenericSelect(ctx context.Context) string {
	out := make(chan string)
	go produceSelect(ctx, out, "x")
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return ""
	}
}

// Handed passes ctx to a helper that selects on it.
func Handed(ctx context.Context) int {
	out := make(chan int)
	go func() {
		send(ctx, out, slow())
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

func send(ctx context.Context, out chan<- int, v int) {
	select {
	case out <- v:
	case <-ctx.Done():
	}
}
