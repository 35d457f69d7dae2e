// Package handle: the cancel function goes into a field of a value the function makes, and that value is lost:
// the function keeps it to itself, or returns it to a caller that drops it. Nothing is left to call the cancel
// function, and the goroutine waiting on the context waits forever. Each leak has a twin beside it that keeps
// the value and ends it.
package handle

import "context"

type lease struct {
	ctx     context.Context
	release context.CancelFunc
	owner   string
}

func (l *lease) hold() {
	<-l.ctx.Done()
}

func (l *lease) Release() { l.release() }

type Pool struct{}

// acquire hands the lease back; only its Release ends the goroutine.
func (p *Pool) acquire(parent context.Context, owner string) *lease {
	ctx, release := context.WithCancel(parent)
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold() // want ctx-never-cancelled `Pool.acquire keeps release only in l, which it returns and Pool.Ping drops`
	return l
}

// Ping throws the lease away: nothing can release it.
func (p *Pool) Ping(parent context.Context) {
	p.acquire(parent, "ping")
}

// grab is acquire's twin, and every caller keeps what it returns and releases it.
func (p *Pool) grab(parent context.Context, owner string) *lease {
	ctx, release := context.WithCancel(parent)
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold()
	return l
}

func (p *Pool) Use(parent context.Context) string {
	l := p.grab(parent, "use")
	defer l.Release()
	return l.owner
}

// Borrow keeps the lease to itself and returns without releasing it.
func Borrow(owner string) string {
	ctx, release := context.WithCancel(context.Background())
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold() // want ctx-never-cancelled `Borrow keeps release only in l, which no code can reach once it returns`
	return l.owner
}

// BorrowAndGive is Borrow's twin: it releases the lease before it returns.
func BorrowAndGive(owner string) string {
	ctx, release := context.WithCancel(context.Background())
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold()
	defer l.Release()
	return l.owner
}

type ticket struct {
	ctx  context.Context
	done context.CancelFunc
}

// punch ends its own ticket: the goroutine calls the cancel function it waits on.
func (t *ticket) punch() {
	t.done()
	<-t.ctx.Done()
}

// Stamp's goroutine cancels the context itself, so losing the ticket strands nothing.
func Stamp() {
	ctx, done := context.WithCancel(context.Background())
	t := &ticket{ctx: ctx, done: done}
	go t.punch()
}

// openLease is acquire as a function of the package; Sweep drops what it returns.
func openLease(owner string) *lease {
	ctx, release := context.WithCancel(context.Background())
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold() // want ctx-never-cancelled `openLease keeps release only in l, which it returns and Sweep drops`
	return l
}

func Sweep() {
	openLease("sweep")
}

// newLease is openLease's twin: its one caller keeps the lease and releases it.
func newLease(owner string) *lease {
	ctx, release := context.WithCancel(context.Background())
	l := &lease{ctx: ctx, release: release, owner: owner}
	go l.hold()
	return l
}

func Lend() string {
	l := newLease("lend")
	defer l.Release()
	return l.owner
}
