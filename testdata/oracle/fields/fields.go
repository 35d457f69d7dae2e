// Package fields: contexts and cancel functions kept in struct fields, driven by the runtime's leak profile.
// A field is one field for the whole package, so the leaking type's cancel field and the correct twin's have
// different names.
package fields

import "context"

func cleanup() {}

// The cancel function goes into a field that no code of the package reads: the watcher waits forever.
type Sampler struct {
	ctx      context.Context
	stopLoop context.CancelFunc
}

func NewSampler() *Sampler {
	s := &Sampler{}
	s.ctx, s.stopLoop = context.WithCancel(context.Background())
	go s.watch() // want ctx-never-cancelled `ends only when s.ctx is cancelled, and the cancel function of s.ctx is kept in field stopLoop, which no code of the package calls`
	return s
}

func (s *Sampler) watch() {
	<-s.ctx.Done()
	cleanup()
}

// Twin: Close calls the cancel function kept in the field.
type Closer struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func NewCloser() *Closer {
	c := &Closer{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	go c.watch()
	return c
}

func (c *Closer) watch() {
	<-c.ctx.Done()
	cleanup()
}

func (c *Closer) Close() { c.cancel() }

// The ctx stays a local and the cancel function goes into a field nothing reads (GoKer cockroach#13755).
type Rows struct {
	release context.CancelFunc
}

func (rs *Rows) initContextClose(ctx context.Context) {
	ctx, rs.release = context.WithCancel(ctx)
	go rs.awaitDone(ctx) // want ctx-never-cancelled `ends only when ctx is cancelled, and the cancel function of ctx is kept in field release, which no code of the package calls`
}

func (rs *Rows) awaitDone(ctx context.Context) {
	<-ctx.Done()
	cleanup()
}
