package locks

import "sync"

// A throttle's poke sends with the mutex held until it returns; stop copies the channel, then closes the copy
// and clears the field under the mutex. Nothing receives, and the close waits for the mutex.
type throttle struct {
	mu    sync.Mutex
	reset chan bool
}

func (t *throttle) poke() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.reset == nil {
		return
	}
	t.reset <- true // want held-lock-wait `t.reset <- true. blocks forever: this goroutine sends on t.reset, which has no buffer, while it holds t.mu, and every operation that could receive from or close it \(in throttle.stop\) takes that mutex first`
}

func (t *throttle) stop() {
	reset := t.reset
	t.mu.Lock()
	close(reset)
	t.reset = nil
	t.mu.Unlock()
}

// StartThrottle pokes and stops a throttle.
func StartThrottle() {
	t := &throttle{reset: make(chan bool)}
	go t.poke()
	go t.stop()
}

// A board waits on either of two channels with the mutex held, and its raise and lower send on them under the
// mutex: all three wait forever.
type board struct {
	mu   sync.Mutex
	up   chan int
	down chan int
}

func (b *board) wait() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	select { // want held-lock-wait `select. blocks forever: this goroutine waits on b.up and b.down, which have no buffer, while it holds b.mu, and every operation that could complete one of its cases \(in board.raise, board.lower\) takes that mutex first`
	case v := <-b.up:
		return v
	case v := <-b.down:
		return -v
	}
}

func (b *board) raise() {
	b.mu.Lock()
	b.up <- 1 // want held-lock-wait `b.up <- 1. blocks forever`
	b.mu.Unlock()
}

func (b *board) lower() {
	b.mu.Lock()
	b.down <- 1 // want held-lock-wait `b.down <- 1. blocks forever`
	b.mu.Unlock()
}

// StartBoard runs a waiter, a raiser and a lowerer.
func StartBoard() {
	b := &board{up: make(chan int), down: make(chan int)}
	go b.wait()
	go b.raise()
	go b.lower()
}

// The twin's waiter also watches a stop channel that is not a field of the board: it can leave.
type stoppableBoard struct {
	mu   sync.Mutex
	up   chan int
	down chan int
}

func (b *stoppableBoard) wait(stop <-chan struct{}) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case v := <-b.up:
		return v
	case v := <-b.down:
		return -v
	case <-stop:
		return 0
	}
}

// StartStoppableBoard runs a waiter and stops it.
func StartStoppableBoard() {
	b := &stoppableBoard{up: make(chan int), down: make(chan int)}
	stop := make(chan struct{})
	go b.wait(stop)
	close(stop)
}

// A tally ranges over its votes with the mutex held, and vote sends under the mutex.
type tally struct {
	mu    sync.Mutex
	votes chan int
	sum   int
}

func (t *tally) count() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for v := range t.votes { // want held-lock-wait `range t.votes. blocks forever: this goroutine receives from t.votes`
		t.sum += v
	}
}

func (t *tally) vote(v int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.votes <- v // want held-lock-wait `t.votes <- v. blocks forever`
}

// StartTally counts and votes.
func StartTally() {
	t := &tally{votes: make(chan int)}
	go t.count()
	go t.vote(1)
}

// The twin's counter lets go of the mutex in a helper before it ranges, and its voter calls a hook first, code
// goleash cannot see, which may let go of it too.
type looseTally struct {
	mu    sync.Mutex
	votes chan int
	sum   int
	hook  func()
}

func (t *looseTally) count() {
	t.mu.Lock()
	t.release()
	for v := range t.votes {
		t.sum += v
	}
}

func (t *looseTally) release() {
	t.mu.Unlock()
}

func (t *looseTally) vote(v int) {
	t.mu.Lock()
	t.hook()
	t.votes <- v
}

// StartLooseTally counts and votes.
func StartLooseTally() {
	t := &looseTally{votes: make(chan int)}
	t.hook = t.mu.Unlock
	go t.count()
	go t.vote(1)
}
