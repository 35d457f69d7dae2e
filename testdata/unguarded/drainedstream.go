// A watcher returns a stream of events and sends on it without its context. Where every caller of the watcher
// ranges over the stream to its close, the send always finds a reader; where a caller stops at the first match,
// the send can block forever once that caller is gone.
package unguarded

import "context"

type dsEvent struct{ key string }

func dsPoll(ctx context.Context) ([]dsEvent, error) { return nil, ctx.Err() }

func dsWatch(ctx context.Context) <-chan dsEvent {
	ch := make(chan dsEvent)
	go func() {
		defer close(ch)
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			evs, err := dsPoll(ctx)
			if err != nil {
				return
			}
			for _, ev := range evs {
				ch <- ev // silent: dsApplyAll, the only caller, reads ch to its close
			}
		}
	}()
	return ch
}

func dsApplyAll(ctx context.Context, apply func(dsEvent)) {
	for ev := range dsWatch(ctx) {
		apply(ev)
	}
}

func dsFollow(ctx context.Context) <-chan dsEvent {
	ch := make(chan dsEvent)
	go func() {
		defer close(ch)
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			evs, err := dsPoll(ctx)
			if err != nil {
				return
			}
			for _, ev := range evs {
				ch <- ev // want ctx-unguarded-block
			}
		}
	}()
	return ch
}

func dsFirst(ctx context.Context, key string) (dsEvent, bool) {
	for ev := range dsFollow(ctx) {
		if ev.key == key {
			return ev, true
		}
	}
	return dsEvent{}, false
}
