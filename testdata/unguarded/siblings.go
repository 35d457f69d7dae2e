// Handshakes between sibling goroutines: the other half of a bare send or receive is done by a goroutine of the
// same parent that cannot end without doing it (a drain until closed, a receive before every way out, a send
// first thing); each sits beside a variant where the sibling can end (or wait elsewhere) first.
package unguarded

import (
	"context"
	"time"
)

type sibEvent struct{ id int }

func sibSource(ctx context.Context) <-chan sibEvent { return nil }

func sibHandle(e sibEvent) {}

type sibWatcher struct{}

func (w *sibWatcher) watch(ctx context.Context, c <-chan sibEvent) {
	for e := range c {
		sibHandle(e)
	}
}

// drained by a sibling method goroutine that ranges to the end
func SiblingDrains(ctx context.Context, w *sibWatcher) {
	events := make(chan sibEvent)
	go w.watch(ctx, events)
	go func() {
		defer close(events)
		in := sibSource(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-in:
				events <- e
			}
		}
	}()
}

type sibWatcherEarly struct{}

func (w *sibWatcherEarly) watch(ctx context.Context, c <-chan sibEvent) {
	for e := range c {
		if e.id == 0 {
			return
		}
		sibHandle(e)
	}
}

// the sibling stops early
func SiblingDrainsEarly(ctx context.Context, w *sibWatcherEarly) {
	events := make(chan sibEvent)
	go w.watch(ctx, events)
	go func() {
		defer close(events)
		in := sibSource(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-in:
				events <- e // want ctx-unguarded-block `.events <- e. can block forever`
			}
		}
	}()
}

// handshake: the ticker goroutine cannot end without receiving tickerDone
func SiblingTicker(ctx context.Context, in <-chan sibEvent) {
	ticker := time.NewTicker(time.Second)
	tickerDone := make(chan struct{})
	go func() {
		for {
			select {
			case <-tickerDone:
				return
			case <-ticker.C:
			}
		}
	}()
	go func() {
		for {
			select {
			case _, ok := <-in:
				if !ok {
					ticker.Stop()
					tickerDone <- struct{}{}
					return
				}
			case <-ctx.Done():
				ticker.Stop()
				tickerDone <- struct{}{}
				return
			}
		}
	}()
}

// the ticker goroutine can also end on its own
func SiblingTickerEarly(ctx context.Context, in <-chan sibEvent, stop chan struct{}) {
	ticker := time.NewTicker(time.Second)
	tickerDone := make(chan struct{})
	go func() {
		for {
			select {
			case <-tickerDone:
				return
			case <-stop:
				return
			case <-ticker.C:
			}
		}
	}()
	go func() {
		for {
			select {
			case _, ok := <-in:
				if !ok {
					ticker.Stop()
					tickerDone <- struct{}{} // want ctx-unguarded-block `.tickerDone <- struct\{\}\{\}. can block forever`
					return
				}
			case <-ctx.Done():
				ticker.Stop()
				tickerDone <- struct{}{}
				return
			}
		}
	}()
}

// a receive answered by a sibling whose first statement sends
func SiblingAnswers(ctx context.Context) {
	pauseCh := make(chan struct{})
	go func() {
		<-pauseCh
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
	go func() {
		pauseCh <- struct{}{}
	}()
}

// the sibling sends only on one branch
func SiblingAnswersMaybe(ctx context.Context, ok bool) {
	pauseCh := make(chan struct{})
	go func() {
		<-pauseCh // want ctx-unguarded-block `.<-pauseCh. can block forever`
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
	go func() {
		if ok {
			pauseCh <- struct{}{}
		}
	}()
}

// the sibling sends only after waiting on another channel, which may never deliver
func SiblingAnswersLate(ctx context.Context, a <-chan int) {
	pauseCh := make(chan struct{})
	go func() {
		<-pauseCh // want ctx-unguarded-block `.<-pauseCh. can block forever`
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}()
	go func() {
		<-a
		pauseCh <- struct{}{}
	}()
}

// the sender is a func literal held in a variable, started with the channel as its argument; the sibling drains
func SiblingDrainsValue(ctx context.Context, w *sibWatcher) {
	forward := func(c chan<- sibEvent) {
		defer close(c)
		in := sibSource(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-in:
				c <- e
			}
		}
	}
	events := make(chan sibEvent)
	go w.watch(ctx, events)
	go forward(events)
}

// the same, with a sibling that stops early
func SiblingDrainsValueEarly(ctx context.Context, w *sibWatcherEarly) {
	forward := func(c chan<- sibEvent) {
		defer close(c)
		in := sibSource(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-in:
				c <- e // want ctx-unguarded-block `.c <- e. can block forever`
			}
		}
	}
	events := make(chan sibEvent)
	go w.watch(ctx, events)
	go forward(events)
}

// the draining sibling is started on one branch only
func SiblingDrainsSometimes(ctx context.Context, w *sibWatcher, watch bool) {
	events := make(chan sibEvent)
	if watch {
		go w.watch(ctx, events)
	}
	go func() {
		defer close(events)
		in := sibSource(ctx)
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-in:
				events <- e // want abandoned-sender `SiblingDrainsSometimes can return before receiving from events`
			}
		}
	}()
}
