// Package waitgroup: sync.WaitGroup.Go (Go 1.25) runs its function in a goroutine of its own, judged like a go
// statement.
package waitgroup

import "sync"

func serve(ready chan<- struct{}) error {
	close(ready)
	return nil
}

func publish() error { return nil }

// Serve starts a server, waits until it is ready, and hands its error channel to the caller; but a publish error
// returns without it, and the server's exit error then has nobody to receive it.
func Serve() (<-chan error, error) {
	errc := make(chan error)
	var wg sync.WaitGroup
	ready := make(chan struct{})
	wg.Go(func() {
		errc <- serve(ready) // want abandoned-sender `Serve can leave on .<-ready. without receiving from errc`
	})
	select {
	case <-ready:
	case err := <-errc:
		return nil, err
	}
	if err := publish(); err != nil {
		return nil, err
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	return errc, nil
}

// ServeBuffered gives the exit error a slot: the server finishes whoever listens.
func ServeBuffered() (<-chan error, error) {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	ready := make(chan struct{})
	wg.Go(func() {
		errc <- serve(ready)
	})
	select {
	case <-ready:
	case err := <-errc:
		return nil, err
	}
	if err := publish(); err != nil {
		return nil, err
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	return errc, nil
}

// ServeAfterPublish publishes first: every path that starts the server hands its channel on.
func ServeAfterPublish() (<-chan error, error) {
	if err := publish(); err != nil {
		return nil, err
	}
	errc := make(chan error)
	var wg sync.WaitGroup
	wg.Go(func() {
		errc <- serve(make(chan struct{}))
	})
	go func() {
		wg.Wait()
		close(errc)
	}()
	return errc, nil
}
