// Package rules holds driven cases for the rules judged on the IR: unclosed-range, ctx-never-cancelled,
// unguarded-stream and endless-goroutine, each with its correct twin. rules_test.go runs every parent down the
// path that leaves its goroutine behind (or not), and npm run oracle checks the labels against the runtime.
package rules

import (
	"context"
	"errors"
)

// Consume feeds its items to a consumer goroutine and returns without closing the channel.
func Consume(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs { // want unclosed-range `range jobs. never ends: this goroutine ranges over jobs, which nothing closes`
			_ = j
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// ConsumeClosed closes the channel when it has sent everything: the range ends.
func ConsumeClosed(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			_ = j
		}
	}()
	defer close(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// Watch starts a goroutine that ends only with ctx, and returns on an error before cancelling it (looking at
// cancel is not calling it).
func Watch(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx)
	go func() { // want ctx-never-cancelled `this goroutine ends only when ctx is cancelled, and Watch can return without calling cancel`
		<-ctx.Done()
	}()
	if fail && cancel != nil {
		return errors.New("failed")
	}
	cancel()
	return nil
}

// WatchDeferred cancels on every way out.
func WatchDeferred(ctx context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		<-ctx.Done()
	}()
	if fail {
		return errors.New("failed")
	}
	return nil
}

// value reads from ctx; it does not watch it.
func value(ctx context.Context, i int) int {
	if v, ok := ctx.Value("offset").(int); ok {
		return i + v
	}
	return i
}

// Stream fills the channel it returns with bare sends: a caller that stops reading leaves it blocked.
func Stream(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .out <- value\(ctx, i\).`
		defer close(out)
		for i := 0; i < n; i++ {
			out <- value(ctx, i) // want unguarded-stream `out <- value\(ctx, i\). can block forever: this goroutine sends on out, which Stream returns to its caller`
		}
	}()
	return out
}

// StreamGuarded selects on ctx.Done() with each send.
func StreamGuarded(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case out <- value(ctx, i):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// Pump runs a loop that nothing can stop.
type Pump struct {
	in   chan int
	stop chan struct{}
}

// NewPump starts the loop and returns; the loop outlives the pump.
func NewPump() *Pump {
	p := &Pump{in: make(chan int)}
	go func() { // want endless-goroutine `never ends: this goroutine started by NewPump has no way out of its loop`
		for {
			v := <-p.in
			_ = v
		}
	}()
	return p
}

// NewStoppablePump's loop returns once Close closes stop.
func NewStoppablePump() *Pump {
	p := &Pump{in: make(chan int), stop: make(chan struct{})}
	go func() {
		for {
			select {
			case v := <-p.in:
				_ = v
			case <-p.stop:
				return
			}
		}
	}()
	return p
}

// Close stops a stoppable pump.
func (p *Pump) Close() { close(p.stop) }

// ConsumeOk takes its items with a comma-ok receive loop, the range written out; nothing closes the channel.
func ConsumeOk(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs // want unclosed-range `for \{ …, ok := <-jobs \}. never ends: this goroutine receives from jobs until it is closed, which nothing closes`
			if !ok {
				return
			}
			_ = j
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// ConsumeOkClosed closes the channel when it has sent everything: the loop's `if !ok` returns.
func ConsumeOkClosed(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			_ = j
		}
	}()
	defer close(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// BatchOk selects between a comma-ok receive and a flush signal; only the closed jobs channel ends the loop,
// and nothing closes it.
func BatchOk(items []int) {
	jobs := make(chan int)
	flush := make(chan struct{})
	go func() {
		for {
			select { // want unclosed-range `for \{ …, ok := <-jobs \}. never ends: this goroutine receives from jobs until it is closed, which nothing closes`
			case j, ok := <-jobs:
				if !ok {
					return
				}
				_ = j
			case <-flush:
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	flush <- struct{}{}
}

// BatchOkClosed closes jobs once it is done.
func BatchOkClosed(items []int) {
	jobs := make(chan int)
	flush := make(chan struct{})
	go func() {
		for {
			select {
			case j, ok := <-jobs:
				if !ok {
					return
				}
				_ = j
			case <-flush:
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	flush <- struct{}{}
	close(jobs)
}

// StreamVia's goroutine streams through a func literal of its parent; the buffer of 2 fills once the reader stops.
func StreamVia(ctx context.Context, n int) <-chan int {
	out := make(chan int, 2)
	put := func(i int) {
		out <- value(ctx, i) // want unguarded-stream `out <- value\(ctx, i\). can block forever: this goroutine sends on out, which StreamVia returns to its caller`
	}
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			put(i)
		}
	}()
	return out
}

// StreamViaGuarded's literal selects on ctx.Done() with each send.
func StreamViaGuarded(ctx context.Context, n int) <-chan int {
	out := make(chan int, 2)
	put := func(i int) bool {
		select {
		case out <- value(ctx, i):
			return true
		case <-ctx.Done():
			return false
		}
	}
	go func() {
		defer close(out)
		for i := 0; i < n && put(i); i++ {
		}
	}()
	return out
}

// Ticker's loop returns on stop, but nothing in the package closes or sends on stop: that case never fires.
type Ticker struct {
	in   chan int
	stop chan struct{}
}

// NewTicker starts the loop and returns; the loop outlives the ticker.
func NewTicker() *Ticker {
	t := &Ticker{in: make(chan int), stop: make(chan struct{})}
	go t.run() // want endless-goroutine `its way out waits on t.stop, which nothing in its package closes or sends on`
	return t
}

func (t *Ticker) run() {
	for {
		select {
		case v := <-t.in:
			_ = v
		case <-t.stop:
			return
		}
	}
}

// Conn's writer ranges over its outbox, which nothing closes; Send gives up once closed is closed.
type Conn struct {
	outbox chan int
	closed chan struct{}
}

// NewConn starts the writer and returns.
func NewConn() *Conn {
	c := &Conn{outbox: make(chan int), closed: make(chan struct{})}
	go c.writer()
	return c
}

func (c *Conn) writer() {
	for v := range c.outbox { // want unclosed-range `range c.outbox. never ends: this goroutine ranges over c.outbox, which nothing in its package closes: its senders give up once Conn.closed is closed`
		if v < 0 {
			return
		}
	}
}

// Send hands v to the writer, unless the connection is closed.
func (c *Conn) Send(v int) {
	select {
	case c.outbox <- v:
	case <-c.closed:
	}
}

// Close stops the senders, not the writer.
func (c *Conn) Close() { close(c.closed) }

// ClosingConn's Close closes the outbox, which ends the writer's range.
type ClosingConn struct {
	outbox chan int
	closed chan struct{}
}

// NewClosingConn starts the writer and returns.
func NewClosingConn() *ClosingConn {
	c := &ClosingConn{outbox: make(chan int), closed: make(chan struct{})}
	go c.writer()
	return c
}

func (c *ClosingConn) writer() {
	for v := range c.outbox {
		if v < 0 {
			return
		}
	}
}

// Send hands v to the writer, unless the connection is closed.
func (c *ClosingConn) Send(v int) {
	select {
	case c.outbox <- v:
	case <-c.closed:
	}
}

// Close stops the senders and the writer.
func (c *ClosingConn) Close() {
	close(c.closed)
	close(c.outbox)
}
