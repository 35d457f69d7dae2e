// Package svc: background loops that live as long as the process when only the process's set-up starts them, and
// leak when a test, a test helper, a loop or code outside the module can start them again and again.
package svc

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Flusher writes out what it is handed once a second.
type Flusher struct {
	pending chan string
}

// NewFlusher starts the flusher's loop. Its only caller is main of cmd/flushd: one flusher per process, which
// lives as long as the process by design: not reported.
func NewFlusher() *Flusher {
	f := &Flusher{pending: make(chan string, 16)}
	go f.loop()
	return f
}

func (f *Flusher) loop() {
	tick := time.NewTicker(time.Second)
	var batch []string
	for {
		select {
		case s := <-f.pending:
			batch = append(batch, s)
		case <-tick.C:
			fmt.Println(len(batch))
			batch = batch[:0]
		}
	}
}

// Sampler is the same loop, but a test makes a fresh one per case: each case leaves one goroutine behind.
type Sampler struct {
	samples chan float64
}

// NewSampler is called by main and by svc_test.go's loop.
func NewSampler() *Sampler {
	s := &Sampler{samples: make(chan float64, 16)}
	go func() { // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by NewSampler has no way out of its loop \(no case returns or breaks\)`
		tick := time.NewTicker(time.Second)
		var sum float64
		for {
			select {
			case v := <-s.samples:
				sum += v
			case <-tick.C:
				fmt.Println(sum)
			}
		}
	}()
	return s
}

// Probe is started by main, and by the test helper package svctest: reported.
type Probe struct {
	hits chan int
}

// NewProbe is reached from main and from svctest.Start.
func NewProbe() *Probe {
	p := &Probe{hits: make(chan int)}
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by NewProbe has no way out of its loop \(nothing in it returns or breaks\)`
		for {
			n := <-p.hits
			fmt.Println(n)
		}
	}()
	return p
}

// Conn stands for one client's connection.
type Conn struct {
	in chan []byte
}

// Accept waits for the next client.
func Accept() *Conn {
	return &Conn{in: make(chan []byte, 1)}
}

// Serve starts a reader per connection; main calls it in its accept loop, once per client: reported.
func Serve(c *Conn) {
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by Serve has no way out of its loop \(nothing in it returns or breaks\)`
		for {
			b := <-c.in
			fmt.Println(len(b))
		}
	}()
}

// newRecorder is unexported, but OpenRecorder hands what it makes to code outside the module, which nothing in
// the module calls: callers elsewhere may open one per request: reported.
func newRecorder() chan<- string {
	lines := make(chan string)
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by newRecorder has no way out of its loop \(nothing in it returns or breaks\)`
		for {
			fmt.Println(<-lines)
		}
	}()
	return lines
}

// OpenRecorder is the module's API: no caller in the module.
func OpenRecorder() chan<- string {
	return newRecorder()
}

// InstallReload runs reload on every SIGHUP: the goroutine waits only on the process's signal channel, and is the
// process's signal handler by design: not reported, whoever calls it.
func InstallReload(reload func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for {
			<-hup
			reload()
		}
	}()
}

// SignalTable maps signals to handlers; Start's goroutine first reads the map's keys (a range over a map field
// waits for nothing), then waits only on the process's signal channel: the signal handler, not reported.
type SignalTable struct {
	handlers map[os.Signal]func()
	relayed  chan os.Signal
}

// Start runs the table's handler loop.
func (t *SignalTable) Start() {
	go t.loop()
}

func (t *SignalTable) loop() {
	var sigs []os.Signal
	for sig := range t.handlers {
		sigs = append(sigs, sig)
	}
	c := make(chan os.Signal, len(sigs))
	signal.Notify(c, sigs...)
	for {
		sig := <-c
		t.handlers[sig]()
	}
}

// StartRelay is the twin that ranges over a channel field first, which nothing closes: reported.
func (t *SignalTable) StartRelay() {
	go t.relay() // want endless-goroutine `for range t.relayed. never ends: this goroutine started by SignalTable.StartRelay has no way out of its loop`
}

func (t *SignalTable) relay() {
	for sig := range t.relayed {
		t.handlers[sig]()
	}
}

// Jobs is a channel type of its own.
type Jobs chan int

// NamedQueue holds a channel of a named channel type.
type NamedQueue struct {
	jobs Jobs
}

// Start: after the signal, the goroutine ranges over the field, which nothing closes: not a signal handler (the
// field's named type is a channel type), reported.
func (q *NamedQueue) Start() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	go func() { // want endless-goroutine `for range q.jobs. never ends`
		<-sig
		for j := range q.jobs {
			_ = j
		}
	}()
}

// RelayHangups relays SIGHUP to the channel it returns, with a send that blocks until someone reads: a caller
// that drops the channel strands the relay at its send after the next signal. Nothing in the module calls it:
// reported.
func RelayHangups() <-chan struct{} {
	out := make(chan struct{})
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() { // want endless-goroutine `for \{ … \}. never ends: this goroutine started by RelayHangups has no way out of its loop \(nothing in it returns or breaks\)`
		for {
			<-hup
			out <- struct{}{}
		}
	}()
	return out
}

// Beacon has a pinger's loop (internal/ping), started by Run, which main calls; but Run is an exported method of a
// package other modules can import, and its callers cannot be told by name (internal/ping's test calls a method Run of another
// type, which may be this one for all the text says): reported.
type Beacon struct {
	acks chan bool
}

// Run starts the beacon's loop.
func (b *Beacon) Run() {
	go func() { // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by Beacon.Run has no way out of its loop \(its way out waits on b.acks, which nothing in its package closes or sends on\)`
		tick := time.NewTicker(time.Second)
		for {
			select {
			case <-tick.C:
				fmt.Println("beacon")
			case ok := <-b.acks:
				fmt.Println(ok)
			}
		}
	}()
}

// NewBeacon makes a beacon.
func NewBeacon() *Beacon { return &Beacon{acks: make(chan bool)} }

// Backend has the flusher's loop, but cmd/flushd's init only registers NewBackend as a factory (a func value):
// the program may call it once per configured remote, any number of times, so it is not set-up run once: reported.
type Backend struct {
	writes chan string
}

// NewBackend starts the backend's writer.
func NewBackend() *Backend {
	b := &Backend{writes: make(chan string, 4)}
	go b.write() // want endless-goroutine `for \{ select … \}. never ends: this goroutine started by NewBackend has no way out of its loop`
	return b
}

func (b *Backend) write() {
	tick := time.NewTicker(time.Second)
	for {
		select {
		case s := <-b.writes:
			fmt.Println(s)
		case <-tick.C:
		}
	}
}
