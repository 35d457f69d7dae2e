// Package endless: goroutines whose loop waits on channels and has no way out, started by functions that
// return, each next to a twin that can end.
package endless

import (
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"
)

// Watermark tracks the last mark it was sent.
type Watermark struct {
	markCh chan int
	closer chan struct{}
	last   int
}

// NewWatermark starts a loop that no case leaves: it outlives the watermark.
func NewWatermark() *Watermark {
	w := &Watermark{markCh: make(chan int)}
	go w.process() // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by NewWatermark has no way out of its loop \(no case returns or breaks\), so it outlives NewWatermark and everything it holds`
	return w
}

func (w *Watermark) process() {
	for {
		select {
		case m := <-w.markCh:
			w.last = m
		}
	}
}

// NewClosableWatermark: twin, a case returns once the watermark is closed.
func NewClosableWatermark() *Watermark {
	w := &Watermark{markCh: make(chan int), closer: make(chan struct{})}
	go w.processUntilClosed()
	return w
}

func (w *Watermark) processUntilClosed() {
	for {
		select {
		case m := <-w.markCh:
			w.last = m
		case <-w.closer:
			return
		}
	}
}

// StartRenewal renews on every expiry, forever.
func StartRenewal(expiry <-chan time.Time, renew func()) {
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by StartRenewal has no way out of its loop \(nothing in it returns or breaks\)`
		for {
			<-expiry
			renew()
		}
	}()
}

// StartRenewalUntilClosed: twin, the receive checks for a closed channel and returns.
func StartRenewalUntilClosed(expiry <-chan time.Time, renew func()) {
	go func() {
		for {
			if _, ok := <-expiry; !ok {
				return
			}
			renew()
		}
	}()
}

// Client refreshes itself on a ticker.
type Client struct {
	done chan struct{}
	n    int
}

func (c *Client) refresh() { c.n++ }

// NewClient ranges over a ticker's channel, which is never closed.
func NewClient() *Client {
	c := &Client{}
	ticker := time.NewTicker(time.Second)
	go func() { // want endless-goroutine `for range ticker.C. never ends: this goroutine started by NewClient has no way out of its loop \(a ticker's channel is never closed\)`
		for range ticker.C {
			c.refresh()
		}
	}()
	return c
}

// NewStoppableClient: twin, the ticker loop selects on done and returns.
func NewStoppableClient() *Client {
	c := &Client{done: make(chan struct{})}
	ticker := time.NewTicker(time.Second)
	go func() {
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				c.refresh()
			case <-c.done:
				return
			}
		}
	}()
	return c
}

// NewTickClient ranges over time.Tick, which is never closed either.
func NewTickClient() *Client {
	c := &Client{}
	go func() { // want endless-goroutine `for range time.Tick\(time.Second\). never ends: this goroutine started by NewTickClient`
		for range time.Tick(time.Second) {
			c.refresh()
		}
	}()
	return c
}

// Server handles signals.
type Server struct {
	signals chan os.Signal
	n       int
}

func (s *Server) handle(os.Signal) { s.n++ }

// Start listens for signals forever.
func (s *Server) Start() {
	s.signals = make(chan os.Signal, 1)
	signal.Notify(s.signals, os.Interrupt)
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by Server.Start has no way out of its loop`
		for {
			sig := <-s.signals
			s.handle(sig)
		}
	}()
}

// StartStoppable: twin, Stop closes the channel and the listener returns.
func (s *Server) StartStoppable() {
	s.signals = make(chan os.Signal, 1)
	signal.Notify(s.signals, os.Interrupt)
	go func() {
		for {
			sig, ok := <-s.signals
			if !ok {
				return
			}
			s.handle(sig)
		}
	}()
}

// StartThroughHelper: the literal calls a method whose loop never ends, so the literal never ends either.
func StartThroughHelper(wg *sync.WaitGroup) *Watermark {
	w := &Watermark{markCh: make(chan int)}
	wg.Add(1)
	go func() { // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by StartThroughHelper has no way out of its loop`
		defer wg.Done()
		w.process()
	}()
	return w
}

// StartThroughHelperClosable: twin, the helper returns when the watermark is closed.
func StartThroughHelperClosable(wg *sync.WaitGroup) *Watermark {
	w := &Watermark{markCh: make(chan int), closer: make(chan struct{})}
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.processUntilClosed()
	}()
	return w
}

// StartPanicking: a panic is the loop's only way out, and it ends the program, not the goroutine: reported.
func StartPanicking(in chan int) {
	go func() { // want endless-goroutine `has no way out of its loop`
		for {
			select {
			case v := <-in:
				if v < 0 {
					panic("negative")
				}
			}
		}
	}()
}

// StartGoexit: twin, runtime.Goexit ends the goroutine.
func StartGoexit(in chan int) {
	go func() {
		for {
			select {
			case v := <-in:
				if v < 0 {
					runtime.Goexit()
				}
			}
		}
	}()
}

// StartBreaksOut: twin, a labelled break leaves the loop from a case.
func StartBreaksOut(in chan int) {
	go func() {
	loop:
		for {
			select {
			case v := <-in:
				if v < 0 {
					break loop
				}
			}
		}
	}()
}

// StartGenerator sends forever: once the reader stops, it waits forever.
func StartGenerator() <-chan int {
	out := make(chan int, 1)
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by StartGenerator`
		for n := 0; ; n++ {
			out <- n
		}
	}()
	return out
}

// StartSleeper: a loop without a channel operation (polling with sleep) is not judged yet.
func StartSleeper(c *Client) {
	go func() {
		for {
			time.Sleep(time.Second)
			c.refresh()
		}
	}()
}

// StartRecovering: twin, a deferred recover ends the goroutine when a send panics on the channel Close closed.
func (w *Watermark) StartRecovering() {
	go func() {
		defer func() { _ = recover() }()
		for {
			w.markCh <- w.last
		}
	}()
}

// StartForcedExit: twin, the loop ends after two signals and the program exits: no endless loop.
func StartForcedExit(sigs chan os.Signal) {
	go func() {
		for i := 0; i < 2; i++ {
			<-sigs
		}
		os.Exit(1)
	}()
}

// Lazy makes its watermark once.
type Lazy struct {
	once sync.Once
	w    *Watermark
}

// Get: twin, the goroutine is started inside once.Do, so once per Lazy, not once per call.
func (l *Lazy) Get() *Watermark {
	l.once.Do(func() {
		l.w = &Watermark{markCh: make(chan int)}
		go l.w.process()
	})
	return l.w
}

var pushed int

// Registry pushes metrics.
type Registry struct{ interval time.Duration }

// StartPush: a method's goroutine belongs to the life of its receiver, even when it uses only the method's locals.
func (r *Registry) StartPush() {
	ticker := time.NewTicker(time.Second)
	go func() { // want endless-goroutine `for range ticker.C. never ends: this goroutine started by Registry.StartPush`
		for range ticker.C {
			pushed++
		}
	}()
}

var reloads int

// installReloader: twin, wiring for the life of the program: the goroutine uses only the function's own locals
// and package state, nothing its caller holds.
func installReloader() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	go func() {
		for {
			<-sigs
			reloads++
		}
	}()
}

// Queue sums what it is sent.
type Queue struct {
	items chan int
	n     int
}

// NewQueue ranges over an unexported channel field that nothing in the package closes.
func NewQueue() *Queue {
	q := &Queue{items: make(chan int)}
	go q.drain() // want endless-goroutine `for range q.items. never ends: this goroutine started by NewQueue has no way out of its loop \(nothing in its package closes q.items\)`
	return q
}

func (q *Queue) drain() {
	for it := range q.items {
		q.n += it
	}
}

// ClosableQueue sums what it is sent until it is closed.
type ClosableQueue struct {
	jobs chan int
	n    int
}

// NewClosableQueue: twin, Close closes the field, which ends the range.
func NewClosableQueue() *ClosableQueue {
	q := &ClosableQueue{jobs: make(chan int)}
	go q.drain()
	return q
}

func (q *ClosableQueue) drain() {
	for it := range q.jobs {
		q.n += it
	}
}

// Close ends the drain.
func (q *ClosableQueue) Close() { close(q.jobs) }

// Run never returns: what it starts lives as long as it does.
func Run(w *Watermark) {
	go w.process()
	select {}
}

// init runs once per process: its goroutines are meant to live as long as the program.
func init() {
	w := &Watermark{markCh: make(chan int)}
	go w.process()
}

// PollQueue sums what it is sent, taking each item with a comma-ok receive.
type PollQueue struct {
	pending chan int
	n       int
}

// NewPollQueue: the comma-ok loop is a range over a field nothing in the package closes, so its `if !ok` never
// runs.
func NewPollQueue() *PollQueue {
	q := &PollQueue{pending: make(chan int)}
	go q.poll() // want endless-goroutine `for \{ …, ok := <-q.pending \}. never ends: this goroutine started by NewPollQueue has no way out of its loop \(nothing in its package closes q.pending\)`
	return q
}

func (q *PollQueue) poll() {
	for {
		it, ok := <-q.pending
		if !ok {
			return
		}
		q.n += it
	}
}

// ClosablePollQueue sums what it is sent until it is closed.
type ClosablePollQueue struct {
	queued chan int
	n      int
}

// NewClosablePollQueue: twin, Close closes the field, so the comma-ok loop's `if !ok` ends it.
func NewClosablePollQueue() *ClosablePollQueue {
	q := &ClosablePollQueue{queued: make(chan int)}
	go q.poll()
	return q
}

func (q *ClosablePollQueue) poll() {
	for {
		it, ok := <-q.queued
		if !ok {
			return
		}
		q.n += it
	}
}

// Close ends the poll.
func (q *ClosablePollQueue) Close() { close(q.queued) }

// Close ends processUntilClosed.
func (w *Watermark) Close() { close(w.closer) }

// Stop ends the loop of NewStoppableClient.
func (c *Client) Stop() { close(c.done) }

// pump's loop returns on stop, but nothing in the package closes or sends on stop: the case never fires.
type pump struct {
	in   chan int
	stop chan struct{}
}

func NewPump() *pump {
	p := &pump{in: make(chan int), stop: make(chan struct{})}
	go p.run() // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by NewPump has no way out of its loop \(its way out waits on p.stop, which nothing in its package closes or sends on\)`
	return p
}

func (p *pump) run() {
	for {
		select {
		case v := <-p.in:
			_ = v
		case <-p.stop:
			return
		}
	}
}

func (p *pump) Put(v int) { p.in <- v }

// Twin: Close closes stop.
type stoppablePump struct {
	in   chan int
	stop chan struct{}
}

func NewStoppablePump() *stoppablePump {
	p := &stoppablePump{in: make(chan int), stop: make(chan struct{})}
	go p.run()
	return p
}

func (p *stoppablePump) run() {
	for {
		select {
		case v := <-p.in:
			_ = v
		case <-p.stop:
			return
		}
	}
}

func (p *stoppablePump) Close() { close(p.stop) }

// Twin: the stop channel is handed to another package, which sends on it.
type signalPump struct {
	in  chan int
	sig chan os.Signal
}

func NewSignalPump() *signalPump {
	p := &signalPump{in: make(chan int), sig: make(chan os.Signal, 1)}
	signal.Notify(p.sig, os.Interrupt)
	go p.run()
	return p
}

func (p *signalPump) run() {
	for {
		select {
		case v := <-p.in:
			_ = v
		case <-p.sig:
			return
		}
	}
}

// Twin: the stop field is set from a channel a notifier gives (closed by its owner), in a constructor whose body
// mentions no channel (left out of the parse: its field writes are still read).
type notifier interface{ CloseNotify() <-chan struct{} }

type notifiedPump struct {
	in   chan int
	stop <-chan struct{}
}

func newNotifiedPump(n notifier) *notifiedPump {
	return &notifiedPump{stop: n.CloseNotify()}
}

func (p *notifiedPump) Start() {
	p.in = make(chan int)
	go p.run()
}

func (p *notifiedPump) run() {
	for {
		select {
		case v := <-p.in:
			_ = v
		case <-p.stop:
			return
		}
	}
}

// Meter keeps its ticker in a field and redraws on every tick.
type Meter struct {
	mu     sync.Mutex
	ticker *time.Ticker
	frames int
}

// NewMeter starts the redraw loop, which ranges over the field's ticker channel: Stop stops the ticker, which
// never closes its channel.
func NewMeter() *Meter {
	m := &Meter{}
	go m.draw() // want endless-goroutine `for range m.ticker.C. never ends: this goroutine started by NewMeter has no way out of its loop \(a ticker's channel is never closed\)`
	return m
}

func (m *Meter) draw() {
	m.ticker = time.NewTicker(time.Second)
	for range m.ticker.C {
		m.mu.Lock()
		m.frames++
		m.mu.Unlock()
	}
}

// Stop stops the meter's ticker.
func (m *Meter) Stop() { m.ticker.Stop() }

// QuietMeter, the twin: its loop selects on the ticker and a done channel Stop closes.
type QuietMeter struct {
	ticker *time.Ticker
	done   chan struct{}
	frames int
}

func NewQuietMeter() *QuietMeter {
	m := &QuietMeter{done: make(chan struct{})}
	go m.draw()
	return m
}

func (m *QuietMeter) draw() {
	m.ticker = time.NewTicker(time.Second)
	defer m.ticker.Stop()
	for {
		select {
		case <-m.ticker.C:
			m.frames++
		case <-m.done:
			return
		}
	}
}

// Stop ends the loop.
func (m *QuietMeter) Stop() { close(m.done) }
