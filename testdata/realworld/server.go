// Package realworld holds goroutine shapes read in servers, clients and pipelines.
package realworld

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"
)

// ListenAndServe in a goroutine, Shutdown on cancel: after Shutdown the server goroutine's send has no receiver.
func Serve(ctx context.Context, srv *http.Server) error {
	errc := make(chan error)
	go func() {
		errc <- srv.ListenAndServe() // want abandoned-sender `Serve can return on .<-ctx.Done\(\).`
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	}
}

// The same with a buffer of one: the send completes after Shutdown.
func ServeFixed(ctx context.Context, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() {
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return srv.Shutdown(context.Background())
	}
}

// Shutdown watcher: waits for cancellation, then shuts down.
func ShutdownOnCancel(ctx context.Context, srv *http.Server) {
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
}

// Signal handling captures cancel, not ctx: not judged.
func Signals(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt)
	go func() {
		<-sigc
		cancel()
	}()
	return ctx
}

// A done channel closed by the worker: close never blocks.
func DoneChannel(ctx context.Context, work func()) error {
	done := make(chan struct{})
	go func() {
		work()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A timer instead of a context abandons the sender.
func WithTimer(call func() int, d time.Duration) (int, error) {
	resc := make(chan int)
	go func() {
		resc <- call() // want abandoned-sender `WithTimer can return on .<-timer.C.`
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case r := <-resc:
		return r, nil
	case <-timer.C:
		return 0, errors.New("timeout")
	}
}

// An HTTP handler hands the request context to a worker.
func handle(ctx context.Context, w http.ResponseWriter, out chan<- int) {
	out <- 1
}

func Handler(w http.ResponseWriter, r *http.Request, out chan int) {
	go handle(r.Context(), w, out) // want ctx-done-missing `goroutine running handle receives r.Context\(\) but never observes`
}

// A cancel timer: captures cancel only.
func CancelAfter(ctx context.Context, d time.Duration) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		<-time.After(d)
		cancel()
	}()
	return ctx
}

// WaitGroup-joined workers that observe ctx.
func Workers(ctx context.Context, jobs <-chan int, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-ctx.Done():
					return
				case j, ok := <-jobs:
					if !ok {
						return
					}
					_ = j
				}
			}
		}()
	}
	wg.Wait()
}
