package methods

import (
	"context"
	"sync"
)

type Job struct{ ID int }

// Pool keeps no context of its own.
type Pool struct {
	jobs    chan Job
	results chan int
}

func NewPool() *Pool { return &Pool{jobs: make(chan Job), results: make(chan int)} }

// run never observes ctx and blocks on the results channel.
func (p *Pool) run(ctx context.Context) {
	for j := range p.jobs {
		p.results <- j.ID
	}
}

// serve observes ctx in every blocking select.
func (p *Pool) serve(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-p.jobs:
			select {
			case p.results <- j.ID:
			case <-ctx.Done():
				return
			}
		}
	}
}

// Other has a method with the same name as Pool.run, which does observe ctx: never confuse the two.
type Other struct{ in chan int }

func (o *Other) run(ctx context.Context) {
	select {
	case <-o.in:
	case <-ctx.Done():
	}
}

func StartMethods(ctx context.Context) {
	p := NewPool()
	go p.run(ctx) // want ctx-done-missing `goroutine running Pool.run receives ctx but never observes ctx.Done\(\); it can block at .for range p.jobs.` // want endless-goroutine `nothing in its package closes`
	go p.serve(ctx)
	o := &Other{in: make(chan int)}
	go o.run(ctx)
	var q Pool
	go q.run(ctx) // want ctx-done-missing `Pool.run` // want endless-goroutine `nothing in its package closes`
	r := new(Other)
	go r.run(ctx)
}

// Method values and func values.
func StartValues(ctx context.Context, p *Pool) {
	f := p.run
	go f(ctx) // want ctx-done-missing `Pool.run`
	g := p.serve
	go g(ctx)
	h := func(ctx context.Context) {
		p.results <- 1 // want abandoned-sender `nothing in the module receives from it`
	}
	go h(ctx) // want ctx-done-missing `func literal receives ctx`
	k := leakyFunc
	go k(ctx) // want ctx-done-missing `leakyFunc`
}

func leakyFunc(ctx context.Context) {
	select {}
}

// A package-level func variable holding a literal.
var background = func(ctx context.Context, ch chan int) {
	<-ch
}

func StartVar(ctx context.Context, ch chan int) {
	go background(ctx, ch) // want ctx-done-missing `background`
}

// Server keeps its context in a field; loop reads it through the receiver.
type Server struct {
	ctx    context.Context
	cancel context.CancelFunc
	events chan int
	wg     sync.WaitGroup
}

func (s *Server) loop() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case e := <-s.events:
			_ = e
		}
	}
}

func (s *Server) leakyLoop() {
	for e := range s.events {
		_ = e
		_ = s.ctx.Value("k")
	}
}

// helperObserves is called by viaHelper on the same receiver and observes the field.
func (s *Server) viaHelper() {
	s.waitDone()
	s.events <- 1
}

func (s *Server) waitDone() {
	<-s.ctx.Done()
}

func (s *Server) Start() {
	go s.loop()
	go s.leakyLoop() // want ctx-done-missing `goroutine running Server.leakyLoop receives s.ctx but never observes s.ctx.Done\(\)` // want endless-goroutine `nothing in its package closes`
	go s.viaHelper()
}

// Embedded struct: promoted methods resolve to the embedded type.
type Base struct{ out chan int }

func (b *Base) emit(ctx context.Context) { b.out <- 1 }

type Derived struct {
	Base
	name string
}

func StartEmbedded(ctx context.Context, d *Derived) {
	go d.emit(ctx) // want ctx-done-missing `Base.emit`
}

// Field chains: s.worker.run.
type Outer struct{ worker *Pool }

func StartChain(ctx context.Context, o *Outer) {
	go o.worker.run(ctx) // want ctx-done-missing `Pool.run`
	go o.worker.serve(ctx)
}

// An interface method: the body cannot be known, so it is not judged.
type Runner interface{ Run(ctx context.Context) }

func StartInterface(ctx context.Context, r Runner) {
	go r.Run(ctx)
}

// Deferred calls inside the goroutine run too.
func StartDeferred(ctx context.Context, p *Pool, out chan int) {
	go func() { // want ctx-done-missing `can block at .out <- 0. in Pool.flush`
		defer p.flush(out)
		_ = ctx.Value("k")
	}()
}

func (p *Pool) flush(out chan int) { out <- 0 }

// In a callee, a send on a struct field's channel is taken as drained by its owner (an actor loop).
func StartActor(ctx context.Context, p *Pool) {
	go func() {
		defer p.report()
		_ = ctx.Value("k")
	}()
}

func (p *Pool) report() { p.results <- 0 }
