package abandoned

import (
	"errors"
	"time"
)

// A constructor starts a goroutine that only its object's owner can end (by closing or sending on a channel made
// for the object); a caller that keeps the object, uses it and returns without ever closing it leaves that
// goroutine waiting forever.

type ticker struct {
	timer *time.Timer
	quit  chan struct{}
	beats int
}

func newTicker() *ticker {
	t := &ticker{
		quit:  make(chan struct{}),
		timer: time.NewTimer(time.Hour),
	}
	t.timer.Stop()
	go t.loop()
	return t
}

func (t *ticker) loop() {
	for {
		select { // want abandoned-sender `.select. blocks forever: this goroutine waits for t.quit, channels made for the object newTicker returns, and CountBeats keeps it in tk but never hands it on or calls a method that could send on or close them`
		case <-t.timer.C:
			t.beats++
		case <-t.quit:
			return
		}
	}
}

func (t *ticker) poke() {
	t.timer.Reset(time.Millisecond)
}

func (t *ticker) stop() {
	close(t.quit)
}

// CountBeats uses the ticker and drops it.
func CountBeats() int {
	tk := newTicker()
	tk.poke()
	return tk.beats
}

// CountBeatsStopped, the twin: it stops the ticker on its way out.
func CountBeatsStopped() int {
	tk := newTicker()
	defer tk.stop()
	tk.poke()
	return tk.beats
}

// keep hands the ticker on: whoever gets it may stop it.
func keep(all *[]*ticker) {
	tk := newTicker()
	*all = append(*all, tk)
}

// OnCleanup, silent: a func literal that may run later closes it.
func OnCleanup(register func(func())) {
	tk := newTicker()
	register(func() { tk.stop() })
	tk.poke()
}

type feed struct {
	items chan int
	done  chan struct{}
	total int
}

var errNoSource = errors.New("no source")

func openFeed(src []int) (*feed, error) {
	if src == nil {
		return nil, errNoSource
	}
	f := &feed{items: make(chan int), done: make(chan struct{})}
	go func() {
		for {
			select { // want abandoned-sender `.select. blocks forever: this goroutine waits for f.done and f.items, channels made for the object openFeed returns, and SumFeed keeps it in f but never hands it on or calls a method that could send on or close them`
			case v := <-f.items:
				f.total += v
			case <-f.done:
				return
			}
		}
	}()
	return f, nil
}

func (f *feed) push(v int) { f.items <- v }

func (f *feed) close() { close(f.done) }

// SumFeed reads a data field of the feed and drops it.
func SumFeed(src []int) (int, error) {
	f, err := openFeed(src)
	if err != nil {
		return 0, err
	}
	return f.total, nil
}

// PushFeed, silent: push sends on the goroutine's channel (goleash does not tell a send that ends it from one that
// does not), and close ends it.
func PushFeed(src []int) error {
	f, err := openFeed(src)
	if err != nil {
		return err
	}
	defer f.close()
	for _, v := range src {
		f.push(v)
	}
	return nil
}

// OnPoke, silent: it hands a method value of the ticker on, and whoever holds it holds the ticker.
func OnPoke(register func(func())) {
	tk := newTicker()
	register(tk.poke)
}

// PokeForever, silent: it never returns, so it never drops the ticker.
func PokeForever(pause func()) {
	tk := newTicker()
	for {
		tk.poke()
		pause()
	}
}
