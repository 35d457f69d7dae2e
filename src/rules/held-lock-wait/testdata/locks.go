// Package locks: goroutines that wait on a struct field's channel while holding a mutex that every other side of
// the channel takes first, and their twins that let go of the mutex, buffer the channel or reach it without it.
package locks

import "sync"

// A pump sleeps on wake while it has nothing pending, and push wakes it. The sleeper keeps the mutex while it
// waits, and push needs the mutex before it can signal: neither ever gets further.
type pump struct {
	mu      sync.Mutex
	wake    chan struct{}
	pending []int
}

func (p *pump) sleep() {
	p.mu.Lock()
	if len(p.pending) == 0 {
		<-p.wake // want held-lock-wait `<-p.wake. blocks forever: this goroutine receives from p.wake, which has no buffer, while it holds p.mu, and every operation that could send on it \(in pump.push\) takes that mutex first`
	}
	p.mu.Unlock()
}

func (p *pump) push(v int) {
	p.mu.Lock()
	p.pending = append(p.pending, v)
	select {
	case p.wake <- struct{}{}:
	default:
	}
	p.mu.Unlock()
}

// StartPump runs a sleeper and a pusher.
func StartPump() {
	p := &pump{wake: make(chan struct{})}
	go p.sleep()
	go p.push(1)
}

// The twin reads the queue under the mutex and sleeps without it.
type calmPump struct {
	mu      sync.Mutex
	wake    chan struct{}
	pending []int
}

func (p *calmPump) sleep() {
	p.mu.Lock()
	empty := len(p.pending) == 0
	p.mu.Unlock()
	if empty {
		<-p.wake
	}
}

func (p *calmPump) push(v int) {
	p.mu.Lock()
	p.pending = append(p.pending, v)
	select {
	case p.wake <- struct{}{}:
	default:
	}
	p.mu.Unlock()
}

// StartCalmPump runs a sleeper and a pusher.
func StartCalmPump() {
	p := &calmPump{wake: make(chan struct{})}
	go p.sleep()
	go p.push(1)
}

// A feed publishes with the mutex held until it returns; its reader and its shutdown need the mutex first.
type feed struct {
	lock   sync.Mutex
	events chan string
}

func (f *feed) publish(s string) {
	f.lock.Lock()
	defer f.lock.Unlock()
	f.events <- s // want held-lock-wait `every operation that could receive from or close it \(in feed.next, feed.shutdown\) takes that mutex first`
}

func (f *feed) next() (string, bool) {
	f.lock.Lock()
	defer f.lock.Unlock()
	select {
	case s, ok := <-f.events:
		return s, ok
	default:
		return "", false
	}
}

func (f *feed) shutdown() {
	f.lock.Lock()
	close(f.events)
	f.lock.Unlock()
}

// StartFeed publishes one event and shuts the feed down.
func StartFeed() {
	f := &feed{events: make(chan string)}
	go f.publish("up")
	f.next()
	go f.shutdown()
}

// The twin has a reader that receives without the mutex.
type openFeed struct {
	lock   sync.Mutex
	events chan string
}

func (f *openFeed) publish(s string) {
	f.lock.Lock()
	defer f.lock.Unlock()
	f.events <- s
}

func (f *openFeed) read() string {
	return <-f.events
}

func (f *openFeed) shutdown() {
	f.lock.Lock()
	close(f.events)
	f.lock.Unlock()
}

// StartOpenFeed publishes one event, reads it and shuts the feed down.
func StartOpenFeed() string {
	f := &openFeed{events: make(chan string)}
	go f.publish("up")
	s := f.read()
	f.shutdown()
	return s
}

// A ledger's recorder takes the mutex and sends in a helper method of the same object; its consumer receives
// only with the mutex held.
type ledger struct {
	mu    sync.Mutex
	notes chan int
	total int
}

func (l *ledger) post(n int) {
	l.notes <- n // want held-lock-wait `while it holds l.mu, and every operation that could receive from or close it \(in ledger.consume\)`
}

func (l *ledger) consume() {
	for i := 0; i < 3; i++ {
		l.mu.Lock()
		l.total += <-l.notes
		l.mu.Unlock()
	}
}

// StartLedger records one note and consumes.
func StartLedger() {
	l := &ledger{notes: make(chan int)}
	go func() {
		l.mu.Lock()
		l.post(1)
		l.mu.Unlock()
	}()
	go l.consume()
}

// The twin gives the channel a buffer: the send completes with nobody receiving.
type roomyLedger struct {
	mu    sync.Mutex
	notes chan int
	total int
}

func (l *roomyLedger) record(n int) {
	l.mu.Lock()
	l.notes <- n
	l.mu.Unlock()
}

func (l *roomyLedger) consume() {
	l.mu.Lock()
	l.total += <-l.notes
	l.mu.Unlock()
}

// StartRoomyLedger records one note and consumes it.
func StartRoomyLedger() {
	l := &roomyLedger{notes: make(chan int, 1)}
	go l.record(1)
	go l.consume()
}

// A gauge with a read-write mutex: a reader that waits under a read lock is stuck when the sender needs the
// write lock, but two read locks let both sides through.
type gauge struct {
	mu     sync.RWMutex
	ticks  chan int
	pulses chan int
}

func (g *gauge) watch() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return <-g.ticks // want held-lock-wait `holds g.mu`
}

func (g *gauge) tick() {
	g.mu.Lock()
	g.ticks <- 1 // want held-lock-wait `g.ticks <- 1. blocks forever: this goroutine sends on g.ticks, which has no buffer, while it holds g.mu, and every operation that could receive from or close it \(in gauge.watch\)`
	g.mu.Unlock()
}

func (g *gauge) listen() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return <-g.pulses
}

func (g *gauge) pulse() {
	g.mu.RLock()
	g.pulses <- 1
	g.mu.RUnlock()
}

// StartGauge runs a watcher, a ticker, a listener and a pulser.
func StartGauge() {
	g := &gauge{ticks: make(chan int), pulses: make(chan int)}
	go g.watch()
	go g.tick()
	go g.listen()
	go g.pulse()
}

// A relay forwards into the next relay's inbox while holding its own mutex: the receiver holds the mutex of the
// relay it belongs to, another object, so the two can meet.
type relay struct {
	mu    sync.Mutex
	inbox chan int
	seen  int
}

func (r *relay) forward(next *relay, v int) {
	r.mu.Lock()
	next.inbox <- v
	r.mu.Unlock()
}

func (r *relay) take() {
	r.mu.Lock()
	r.seen += <-r.inbox
	r.mu.Unlock()
}

// StartRelays forwards from one relay to another.
func StartRelays() {
	a := &relay{inbox: make(chan int)}
	b := &relay{inbox: make(chan int)}
	go a.forward(b, 1)
	go b.take()
}

// A mailbox hands its channel to a drain function, which receives without the mutex: the sender is not judged.
type mailbox struct {
	mu    sync.Mutex
	slots chan int
}

func (m *mailbox) put(v int) {
	m.mu.Lock()
	m.slots <- v
	m.mu.Unlock()
}

func (m *mailbox) get() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return <-m.slots
}

func drain(ch chan int) int {
	return <-ch
}

// StartMailbox puts one value and drains it.
func StartMailbox() int {
	m := &mailbox{slots: make(chan int)}
	go m.put(1)
	go m.get()
	return drain(m.slots)
}
