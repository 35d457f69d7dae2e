// Package seed is the incident from the README: a parent that times out and moves on, and two children.
package seed

import (
	"context"
	"time"
)

// childSeed never looks at ctx: when the parent gives up, the send below waits forever.
func childSeed(ctx context.Context, rc chan<- bool) {
	time.Sleep(10 * time.Millisecond)
	rc <- true // want abandoned-sender `Parent can return on .<-ctx.Done\(\). without receiving from rc`
}

// childSelect sends or gives up when ctx is cancelled.
func childSelect(ctx context.Context, rc chan<- bool) {
	select {
	case rc <- true:
	case <-ctx.Done():
	}
}

// Parent starts both children, waits a little, and leaves.
func Parent(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
	defer cancel()
	rc := make(chan bool)
	go childSeed(ctx, rc) // want ctx-done-missing `goroutine running childSeed receives ctx but never observes ctx.Done\(\); it can block at .rc <- true.`
	go childSelect(ctx, rc)
	select {
	case v := <-rc:
		return v
	case <-ctx.Done():
		return false
	}
}
