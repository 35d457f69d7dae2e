// Package fieldleak: contexts and cancel functions kept in struct fields that no code of the package reads
// again, so nothing can cancel the context a goroutine waits on. Each case has a twin in ../fieldok, whose
// Close or Stop method calls the cancel function (a field is one field for the whole package: the twins live
// in a package of their own).
package fieldleak

import (
	"context"
	"time"
)

func cleanup() {}

func setup() error { return nil }

// The ctx and its cancel go straight into fields; the loop waits on s.ctx.Done(), and nothing ever calls s.cancel.
type Sampler struct {
	ctx    context.Context
	cancel context.CancelFunc
	n      int
}

func NewSampler() *Sampler {
	s := &Sampler{}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.loop() // want ctx-never-cancelled `ends only when s.ctx is cancelled, and the cancel function of s.ctx is kept in field cancel, which no code of the package calls`
	return s
}

func (s *Sampler) loop() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
			s.n++
		}
	}
}

// The ctx stays a local, the cancel function goes into a field nothing reads (GoKer cockroach#13755).
type Rows struct {
	stop context.CancelFunc
}

func (rs *Rows) initContextClose(ctx context.Context) {
	ctx, rs.stop = context.WithCancel(ctx)
	go rs.awaitDone(ctx) // want ctx-never-cancelled `ends only when ctx is cancelled, and the cancel function of ctx is kept in field stop, which no code of the package calls`
}

func (rs *Rows) awaitDone(ctx context.Context) {
	<-ctx.Done()
	cleanup()
}

// A watcher literal that captures the struct; the cancel function is stored from a local that is called only on
// the error path.
type Watcher struct {
	ctx  context.Context
	quit context.CancelFunc
}

func (w *Watcher) Start(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	w.ctx, w.quit = ctx, cancel
	go func() { // want ctx-never-cancelled `ends only when ctx is cancelled, and Watcher.Start can return without calling cancel`
		<-w.ctx.Done()
		cleanup()
	}()
	if err := setup(); err != nil {
		cancel()
		return err
	}
	return nil
}

// The ctx and cancel are kept through a composite literal; the cancel field is never read.
type Session struct {
	ctx   context.Context
	abort context.CancelFunc
}

func Open(parent context.Context) *Session {
	ctx, cancel := context.WithCancel(parent)
	s := &Session{ctx: ctx, abort: cancel}
	go s.expire() // want ctx-never-cancelled `ends only when ctx is cancelled, and Open can return without calling cancel`
	return s
}

func (s *Session) expire() {
	ctx := s.ctx
	<-ctx.Done()
	cleanup()
}

// The cancel function of a field's ctx is thrown away.
type Pinger struct {
	ctx context.Context
}

func (p *Pinger) Run() {
	p.ctx, _ = context.WithCancel(context.Background())
	go p.ping() // want ctx-never-cancelled `the cancel function of p.ctx is discarded`
}

func (p *Pinger) ping() {
	for {
		select {
		case <-p.ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}
