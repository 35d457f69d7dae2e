// Package fix holds one case per shape of goleash's automatic fixes, and shapes it must not fix. fix.go.golden
// is what `goleash --fix` must make of this file (src/fix.test.ts); fix_test.go drives the parents down the path
// on which they leave, so that the runtime's goroutine leak profile shows the original leaking and the fixed
// copy not (npm run fixcheck).
package fix

import (
	"context"
	"sync"
)

func compute(n int) int { return n * 2 }

// Select, Done case returns: the send is the last thing the goroutine does, so returning on cancellation skips
// nothing (the deferred calls run either way).
func Tail(ctx context.Context, out chan int) {
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		defer func() {}()
		out <- compute(1)
	}(ctx)
}

// The same in a branch: nothing runs after the if.
func TailInBranch(ctx context.Context, out chan int, ok bool) {
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		if ok {
			out <- compute(2)
		}
	}(ctx)
}

// Select, Done case empty (falls through): a stream ends with a last value and closes the channel. Returning
// on cancellation would skip close(ch), and a consumer ranging over ch would wait for ever; falling through
// to close(ch) keeps it.
func Stream(ctx context.Context, lines []string) <-chan string {
	ch := make(chan string)
	go func() {
		for i, l := range lines {
			if i == len(lines)-1 {
				ch <- l // want ctx-unguarded-block `ch <- l. can block forever`
				close(ch)
				return
			}
			select {
			case ch <- l:
			case <-ctx.Done():
				close(ch)
				return
			}
		}
	}()
	return ch
}

// Falls through to wg.Done(), which must still run or wg.Wait() never returns.
func Counted(ctx context.Context, out chan int, wg *sync.WaitGroup) {
	wg.Add(1)
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		out <- compute(4)
		wg.Done()
	}(ctx)
}

// Buffer: one sender, and the parent can leave on Done without receiving.
func First(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- compute(5) // want abandoned-sender `no buffer`
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Buffer, one slot per element ranged over.
func All(ctx context.Context, items []int) (int, error) {
	ch := make(chan int)
	for _, it := range items {
		go func(it int) {
			ch <- compute(it) // want abandoned-sender `no buffer`
		}(it)
	}
	sum := 0
	for range items {
		select {
		case v := <-ch:
			sum += v
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return sum, nil
}

var sent int

// Not fixed: the goroutine does more after the send, which needs the send to have happened (or would run
// without it): no fix keeps that behaviour for certain.
func MoreAfter(ctx context.Context, out chan int) {
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		out <- compute(6)
		sent++
	}(ctx)
}

// Not fixed: a send in a loop; on cancellation the loop would go on (or be cut short).
func Loop(ctx context.Context, out chan int, items []int) {
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		for _, it := range items {
			out <- it
		}
		close(out)
	}(ctx)
}

// Not fixed: a receive that gates work after it.
func Gate(ctx context.Context, start chan struct{}) {
	go func(ctx context.Context) { // want ctx-done-missing `never observes ctx.Done\(\)`
		<-start
		sent++
	}(ctx)
}

// Not fixed: the buffer would let the goroutine run on before the parent has received.
func Handoff(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		ch <- compute(7) // want abandoned-sender `no buffer`
		sent++
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}
