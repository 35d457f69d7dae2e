package abandon

import (
	"context"
	"errors"
	"time"
)

// The receives are made by a helper the parent hands the channel to: the helper's ways back are the parent's.

// awaitResult waits for one result, or gives up once ctx ends.
func awaitResult(ctx context.Context, res <-chan int) (int, error) {
	select {
	case v := <-res:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// HelperTimeout leaves through awaitResult's ctx case and abandons the sender.
func HelperTimeout(ctx context.Context) (int, error) {
	res := make(chan int)
	go func() {
		res <- slow() // want abandoned-sender `HelperTimeout can leave through awaitResult, which returns on .<-ctx.Done\(\). without receiving from res`
	}()
	return awaitResult(ctx, res)
}

// HelperTimeoutBuffered, the twin: the one send fits the buffer.
func HelperTimeoutBuffered(ctx context.Context) (int, error) {
	res := make(chan int, 1)
	go func() {
		res <- slow()
	}()
	return awaitResult(ctx, res)
}

var errBadItem = errors.New("bad item")

// consumeItems receives items until the stream is closed or an item is bad.
func consumeItems(items <-chan int) error {
	for v := range items {
		if v < 0 {
			return errBadItem
		}
	}
	return nil
}

// HelperEarlyError leaves through consumeItems's error return with the producer still sending.
func HelperEarlyError(xs []int) error {
	items := make(chan int)
	go func() {
		defer close(items)
		for _, x := range xs {
			time.Sleep(time.Millisecond)
			items <- x // want abandoned-sender `HelperEarlyError can leave through consumeItems, which can return after receiving from items once, fewer than the many sends`
		}
	}()
	return consumeItems(items)
}

// HelperDrained, the twin: consumeItems's error return is followed by a drain of what is left.
func HelperDrained(xs []int) error {
	items := make(chan int)
	go func() {
		defer close(items)
		for _, x := range xs {
			items <- x
		}
	}()
	err := consumeItems(items)
	for range items {
	}
	return err
}

// putResult sends one result for its caller's goroutine.
func putResult(out chan<- int, v int) {
	out <- v // want abandoned-sender `HelperSendTimeout can leave on .<-ctx.Done\(\). without receiving from out`
}

// HelperSendTimeout leaves on ctx.Done() while the goroutine's helper still sends.
func HelperSendTimeout(ctx context.Context) (int, error) {
	out := make(chan int)
	go func() {
		putResult(out, slow())
	}()
	select {
	case v := <-out:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// HelperSendBuffered, the twin: the helper's one send fits the buffer.
func HelperSendBuffered(ctx context.Context) (int, error) {
	out := make(chan int, 1)
	go func() {
		putResult(out, slow())
	}()
	select {
	case v := <-out:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
