package abandoned

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Interrupted leaves only when the process is interrupted (Ctrl-C): the sender goes with the process.
func Interrupted(work func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan error)
	go func() {
		done <- work()
	}()
	select {
	case err := <-done:
		return err
	case <-sigs:
		return nil
	}
}

// TimedOut, the twin: it also leaves on a timeout, while the process goes on.
func TimedOut(work func() error) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	done := make(chan error)
	go func() {
		done <- work() // want abandoned-sender `.done <- work\(\). blocks forever: this goroutine sends on done, which has no buffer, and TimedOut can return on .<-time.After\(time.Minute\). without receiving from done`
	}()
	select {
	case err := <-done:
		return err
	case <-sigs:
		return nil
	case <-time.After(time.Minute):
		return context.DeadlineExceeded
	}
}

// UntilSignalled waits on the context signal.NotifyContext makes, in a literal: cancelled only by a signal (or
// by stop, which runs as the function returns).
func UntilSignalled(work func() error) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	run := func() error {
		res := make(chan error)
		go func() {
			res <- work()
		}()
		select {
		case err := <-res:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return run()
}

// WithDeadline, the twin: a deadline derived from the signal context ends it on the timeout too.
func WithDeadline(work func() error) error {
	sctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(sctx, time.Minute)
	defer cancel()
	res := make(chan error)
	go func() {
		res <- work() // want abandoned-sender `.res <- work\(\). blocks forever: this goroutine sends on res, which has no buffer, and WithDeadline can return on .<-ctx.Done\(\). without receiving from res`
	}()
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WaitForSignal blocks on the signal alone once the server is started: it returns only as the process stops.
func WaitForSignal(serve func() error) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM)
	errs := make(chan error)
	go func() {
		errs <- serve()
	}()
	<-sigs
}
