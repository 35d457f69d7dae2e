// A second-signal handler: after a graceful shutdown starts, a goroutine waits for another SIGINT to force the
// exit. It logs with the ctx it captures but waits only on a channel signal.Notify feeds: it is the process's signal
// handler, meant to live as long as the process, not a goroutine the ctx should end.
package basics

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func logWith(ctx context.Context, msg string) { _ = ctx.Value(msg) }

// ForceOnSecondSignal: silent.
func ForceOnSecondSignal(ctx context.Context, stop func(context.Context) error) error {
	force := make(chan os.Signal, 1)
	signal.Notify(force, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-force
		logWith(ctx, "second signal: exiting")
		os.Exit(1)
	}()
	return stop(ctx)
}

// Twin: the same goroutine waiting on a channel nothing but the caller feeds is no signal handler.
func ForceOnRequest(ctx context.Context, force <-chan struct{}, stop func(context.Context) error) error {
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .<-force.`
		<-force
		logWith(ctx, "forced: exiting")
		os.Exit(1)
	}()
	return stop(ctx)
}

// Twin: the cleanup on interrupt, whose channel a deferred signal.Stop silences on every normal return: the
// goroutine then waits for a signal that never comes.
func CleanupOnInterrupt(ctx context.Context, run func(context.Context) error) error {
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer func() {
		signal.Stop(sigint)
		logWith(ctx, "cleaned up")
	}()
	go func() { // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .<-sigint.`
		<-sigint
		logWith(ctx, "interrupted: cleaning up")
		os.Exit(1)
	}()
	return run(ctx)
}
