package abandoned

import "context"

// A receiver stops for good on a stop signal, a ctx or an error: not on a flag the sender sets itself.

type lockstep struct {
	input  chan int
	closed bool
	stop   chan struct{}
}

func newLockstep() *lockstep {
	return &lockstep{input: make(chan int), stop: make(chan struct{})}
}

// feed hands values over one by one; it sets the flag only once it stops sending.
func (l *lockstep) feed(vals []int) {
	for _, v := range vals {
		l.input <- v
	}
	l.closed = true
}

// work leaves only when the flag is set, which happens after the last send: feed's sends all find it (silent; work
// itself may then wait for a value that never comes, another matter).
func (l *lockstep) work() int {
	sum := 0
	for {
		if l.closed {
			return sum
		}
		sum += <-l.input
	}
}

// Run starts both.
func (l *lockstep) Run(vals []int) {
	go l.feed(vals)
	go l.work()
}

type stoppable struct {
	input chan int
	stop  chan struct{}
}

func newStoppable() *stoppable {
	return &stoppable{input: make(chan int), stop: make(chan struct{})}
}

func (s *stoppable) feed(vals []int) {
	for _, v := range vals {
		s.input <- v // want abandoned-sender `.s.input <- v. blocks forever: this goroutine sends on s.input, a struct field's channel made without a buffer, and its receiver stoppable.work can stop receiving for good`
	}
}

// work leaves on the stop channel: the twin, reported.
func (s *stoppable) work() int {
	sum := 0
	for {
		select {
		case v := <-s.input:
			sum += v
		case <-s.stop:
			return sum
		}
	}
}

// Run starts both.
func (s *stoppable) Run(vals []int) {
	go s.feed(vals)
	go s.work()
}

// Stop ends work.
func (s *stoppable) Stop() { close(s.stop) }

type ctxStop struct {
	input chan int
	ctx   context.Context
}

func newCtxStop(ctx context.Context) *ctxStop {
	return &ctxStop{input: make(chan int), ctx: ctx}
}

func (s *ctxStop) feed(vals []int) {
	for _, v := range vals {
		s.input <- v // want abandoned-sender `.s.input <- v. blocks forever: this goroutine sends on s.input, a struct field's channel made without a buffer, and its receiver ctxStop.work can stop receiving for good`
	}
}

// work stops for good once its ctx is cancelled, checked with Err(): a decision, not a flag the sender sets.
func (s *ctxStop) work() int {
	sum := 0
	for {
		if s.ctx.Err() != nil {
			return sum
		}
		sum += <-s.input
	}
}

// Run starts both.
func (s *ctxStop) Run(vals []int) {
	go s.feed(vals)
	go s.work()
}
