package drained

import (
	"context"
	"errors"
)

// A restore task reports its outcome on one unbuffered field, either directly or through a helper method it calls
// on itself; the caller makes its own task, starts one method of it and receives once. The sends of the helper
// count with the method's: one on every path. Beside it, a method that reports through the helper and then again
// itself, and a caller that also runs the helper itself.
type restoreTask struct {
	name string
	done chan error
}

func (r *restoreTask) reportFailure(msg string, err error) {
	r.done <- errors.Join(errors.New(msg), err)
}

func (r *restoreTask) finish(ctx context.Context, err error) {
	_ = ctx.Value("trace")
	if err != nil {
		r.reportFailure(r.name, err)
	} else {
		r.done <- nil
	}
}

func RunRestore(ctx context.Context, name string, err error) error {
	r := &restoreTask{name: name, done: make(chan error)}
	go r.finish(ctx, err)
	return <-r.done
}

// reports the failure twice: once through the helper, once itself
func (r *restoreTask) finishLoud(ctx context.Context, err error) {
	_ = ctx.Value("trace")
	if err != nil {
		r.reportFailure(r.name, err)
	}
	r.done <- err
}

func RunRestoreLoud(ctx context.Context, name string, err error) error {
	r := &restoreTask{name: name, done: make(chan error)}
	go r.finishLoud(ctx, err) // want ctx-done-missing `can block at .r.done <- err.`
	return <-r.done
}

// the parent itself may report through the helper too, before it receives: it then waits on its own send while
// the goroutine waits on its send, and neither receives
func RunRestoreChecked(ctx context.Context, name string, err error) error {
	r := &restoreTask{name: name, done: make(chan error)}
	go r.finish(ctx, err) // want ctx-done-missing `can block at .r.done <- nil.`
	if name == "" {
		r.reportFailure("no name", err)
	}
	return <-r.done
}
