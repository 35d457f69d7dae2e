package abandoned

import (
	"context"
	"errors"
	"sync"
)

var errDial = errors.New("dial failed")

// relay forwards requests until it is closed.
type relay struct {
	stop chan struct{}
	reqs chan int
}

func (r *relay) run() {
	for {
		select { // want abandoned-sender `.select. blocks forever: this goroutine waits for rl.reqs and rl.stop, channels made for the object it runs on, and NewRelay can return without rl \(it neither returns rl nor uses it again\): nothing else can ever send on or close them`
		case <-r.stop:
			return
		case v := <-r.reqs:
			_ = v
		}
	}
}

func (r *relay) Close() { close(r.stop) }

// NewRelay starts the relay before it dials, and drops it when the dial fails.
func NewRelay(dial func() error) (*relay, error) {
	rl := &relay{stop: make(chan struct{}), reqs: make(chan int)}
	go rl.run()
	if err := dial(); err != nil {
		return nil, err
	}
	return rl, nil
}

// NewRelayClosed, the twin: the failed dial closes the relay first.
func NewRelayClosed(dial func() error) (*relay, error) {
	rl := &relay{stop: make(chan struct{}), reqs: make(chan int)}
	go rl.run()
	if err := dial(); err != nil {
		rl.Close()
		return nil, err
	}
	return rl, nil
}

// NewRelayLate, the twin: the relay starts once nothing can fail.
func NewRelayLate(dial func() error) (*relay, error) {
	if err := dial(); err != nil {
		return nil, err
	}
	rl := &relay{stop: make(chan struct{}), reqs: make(chan int)}
	go rl.run()
	return rl, nil
}

// NewRelayDeferred, the twin: a deferred cleanup closes it on the error path.
func NewRelayDeferred(dial func() error) (_ *relay, err error) {
	rl := &relay{stop: make(chan struct{}), reqs: make(chan int)}
	go rl.run()
	defer func() {
		if err != nil {
			rl.Close()
		}
	}()
	if err = dial(); err != nil {
		return nil, err
	}
	return rl, nil
}

// batcher drains its jobs until they are closed.
type batcher struct {
	jobs chan string
	done chan struct{}
}

func (b *batcher) loop() {
	for j := range b.jobs { // want abandoned-sender `.range b.jobs. blocks forever: this goroutine waits for bt.jobs, channels made for the object it runs on, and NewBatcher can return without bt \(it neither returns bt nor uses it again\): nothing else can ever send on or close them`
		_ = j
	}
	close(b.done)
}

// Close ends the loop and waits for it.
func (b *batcher) Close() {
	close(b.jobs)
	<-b.done
}

// NewBatcher starts the loop and returns early when the configuration is bad.
func NewBatcher(size int) (*batcher, error) {
	bt := &batcher{jobs: make(chan string), done: make(chan struct{})}
	go bt.loop()
	if size <= 0 {
		return nil, errDial
	}
	return bt, nil
}

// watcher stops with its context as well.
type watcher struct {
	events chan int
}

func (w *watcher) watch(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-w.events:
			_ = e
		}
	}
}

// NewWatcher, the twin: the goroutine also ends with the caller's context.
func NewWatcher(ctx context.Context, ok bool) (*watcher, error) {
	w := &watcher{events: make(chan int)}
	go w.watch(ctx)
	if !ok {
		return nil, errDial
	}
	return w, nil
}

// feeder reads a channel its caller owns.
type feeder struct {
	in   <-chan int
	stop chan struct{}
}

func (f *feeder) pump() {
	for {
		select {
		case <-f.stop:
			return
		case v, ok := <-f.in:
			if !ok {
				return
			}
			_ = v
		}
	}
}

// NewFeeder, the twin: the input is the caller's, who can close it.
func NewFeeder(in <-chan int, ok bool) (*feeder, error) {
	f := &feeder{in: in, stop: make(chan struct{})}
	go f.pump()
	if !ok {
		return nil, errDial
	}
	return f, nil
}

// counter hands out numbers until it is stopped.
type counter struct {
	stop chan struct{}
	out  chan int
}

// Stop ends the counting goroutine.
func (c *counter) Stop() { close(c.stop) }

// NewCounter starts counting in a literal, then drops the counter when the start is bad.
func NewCounter(start int) (*counter, error) {
	ct := &counter{stop: make(chan struct{}), out: make(chan int)}
	go func() {
		for i := start; ; i++ {
			select { // want abandoned-sender `.select. blocks forever: this goroutine waits for ct.out and ct.stop, channels made for the object it runs on, and NewCounter can return without ct \(it neither returns ct nor uses it again\): nothing else can ever send on or close them`
			case <-ct.stop:
				return
			case ct.out <- i:
			}
		}
	}()
	if start < 0 {
		return nil, errDial
	}
	return ct, nil
}

// NewCounterStopped, the twin: the bad start stops the counter.
func NewCounterStopped(start int) (*counter, error) {
	ct := &counter{stop: make(chan struct{}), out: make(chan int)}
	go func() {
		for i := start; ; i++ {
			select {
			case <-ct.stop:
				return
			case ct.out <- i:
			}
		}
	}()
	if start < 0 {
		ct.Stop()
		return nil, errDial
	}
	return ct, nil
}

// NewRelayWatched, the twin: a second goroutine holds the relay too, and closes it once the watch ends.
func NewRelayWatched(dial, watch func() error) (*relay, error) {
	rl := &relay{stop: make(chan struct{}), reqs: make(chan int)}
	go rl.run()
	go func() {
		_ = watch()
		rl.Close()
	}()
	if err := dial(); err != nil {
		return nil, err
	}
	return rl, nil
}

// registry holds every tracker that registered.
var registry = map[int]*tracker{}

// tracker follows events until it is closed.
type tracker struct {
	id     int
	name   string
	events chan int
	stop   chan struct{}
}

func (t *tracker) follow() {
	for {
		select { // want abandoned-sender `.select. blocks forever: this goroutine waits for tr.events and tr.stop, channels made for the object it runs on, and NewTracker can return without tr \(it neither returns tr nor uses it again\): nothing else can ever send on or close them`
		case <-t.stop:
			return
		case e := <-t.events:
			_ = e
		}
	}
}

func (t *tracker) label(n string) { t.name = n }

// Emit hands the tracker an event.
func (t *tracker) Emit(e int) { t.events <- e }

// Close stops following.
func (t *tracker) Close() { close(t.stop) }

func (t *tracker) register() { registry[t.id] = t }

// NewTracker names the tracker before and after starting it, and drops it on a bad id: naming it gives no one
// a hold on it.
func NewTracker(id int, name string) (*tracker, error) {
	tr := &tracker{id: id, events: make(chan int), stop: make(chan struct{})}
	tr.label(name)
	go tr.follow()
	if id < 0 {
		tr.label("")
		return nil, errDial
	}
	return tr, nil
}

// NewRegisteredTracker, the twin: registering it puts it where others can close it.
func NewRegisteredTracker(id int) (*tracker, error) {
	tr := &tracker{id: id, events: make(chan int), stop: make(chan struct{})}
	tr.register()
	go tr.follow()
	if id < 0 {
		return nil, errDial
	}
	return tr, nil
}

// handler receives what the tracker's events carry.
type handler struct{ events chan int }

var handlers []handler

func (t *tracker) publish() { handlers = append(handlers, handler{events: t.events}) }

// NewPublishedTracker, the twin: publishing hands the events channel to handlers that outlive the call.
func NewPublishedTracker(id int) (*tracker, error) {
	tr := &tracker{id: id, events: make(chan int), stop: make(chan struct{})}
	go tr.follow()
	if id < 0 {
		tr.publish()
		return nil, errDial
	}
	return tr, nil
}

// dispatcher runs callbacks queued on its channel, read through a snapshot taken under its lock.
type dispatcher struct {
	mu    sync.Mutex
	queue chan func()
	addr  string
}

func (d *dispatcher) run() {
	d.mu.Lock()
	q := d.queue
	d.mu.Unlock()
	for {
		f, ok := <-q // want abandoned-sender `.range q. blocks forever: this goroutine waits for d.queue, channels made for the object it runs on, and Dial can return without d`
		if !ok {
			return
		}
		f()
	}
}

func (d *dispatcher) stop() { close(d.queue) }

var errNoAddr = errors.New("no address")

// Dial starts the dispatcher and drops it when the address is missing.
func Dial(addr string) (*dispatcher, error) {
	d := &dispatcher{addr: addr, queue: make(chan func(), 8)}
	go d.run()
	if addr == "" {
		return nil, errNoAddr
	}
	return d, nil
}

// DialChecked, the twin: it stops the dispatcher before it gives up.
func DialChecked(addr string) (*dispatcher, error) {
	d := &dispatcher{addr: addr, queue: make(chan func(), 8)}
	go d.run()
	if addr == "" {
		d.stop()
		return nil, errNoAddr
	}
	return d, nil
}
