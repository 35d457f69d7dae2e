// Package fieldok: the twins of ../fieldleak, whose cancel functions kept in fields are called by a Close or
// Stop method (or are exported, or the context has a deadline): no finding here.
package fieldok

import (
	"context"
	"time"
)

func cleanup() {}

func setup() error { return nil }

// Twin: Close calls s.cancel.
type Sampler struct {
	ctx    context.Context
	cancel context.CancelFunc
	n      int
}

func NewSampler() *Sampler {
	s := &Sampler{}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	go s.loop()
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

func (s *Sampler) Close() { s.cancel() }

// Twin: close calls rs.stop (GoKer cockroach#13755 after its fix).
type Rows struct {
	stop context.CancelFunc
}

func (rs *Rows) initContextClose(ctx context.Context) {
	ctx, rs.stop = context.WithCancel(ctx)
	go rs.awaitDone(ctx)
}

func (rs *Rows) awaitDone(ctx context.Context) {
	<-ctx.Done()
	cleanup()
}

func (rs *Rows) Close() {
	if rs.stop != nil {
		rs.stop()
	}
}

// Twin: Stop calls w.quit.
type Watcher struct {
	ctx  context.Context
	quit context.CancelFunc
}

func (w *Watcher) Start(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	w.ctx, w.quit = ctx, cancel
	go func() {
		<-w.ctx.Done()
		cleanup()
	}()
	if err := setup(); err != nil {
		cancel()
		return err
	}
	return nil
}

func (w *Watcher) Stop() { w.quit() }

// Twin: the cancel function is handed on through a method value.
type Session struct {
	ctx   context.Context
	abort context.CancelFunc
}

func Open(parent context.Context) (*Session, func()) {
	ctx, cancel := context.WithCancel(parent)
	s := &Session{ctx: ctx, abort: cancel}
	go s.expire()
	return s, s.Abort
}

func (s *Session) Abort() { s.abort() }

func (s *Session) expire() {
	ctx := s.ctx
	<-ctx.Done()
	cleanup()
}

// Twin: an exported cancel field, which other packages may call.
type Pinger struct {
	ctx    context.Context
	Cancel context.CancelFunc
}

func (p *Pinger) Run() {
	p.ctx, p.Cancel = context.WithCancel(context.Background())
	go p.ping()
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

// Twin: a deadline cancels the field's ctx by itself.
type Timed struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (t *Timed) Run() {
	t.ctx, t.cancel = context.WithTimeout(context.Background(), time.Minute)
	go func() {
		<-t.ctx.Done()
		cleanup()
	}()
}
