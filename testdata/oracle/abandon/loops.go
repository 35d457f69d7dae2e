package abandon

import (
	"context"
	"time"
)

// MovesOn gives up waiting on a timer and goes on with other work, never receiving again.
func MovesOn() int {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `MovesOn can move on after .<-time.After\(time.Millisecond\). without receiving from ch`
	}()
	n := 0
	select {
	case v := <-ch:
		n = v
	case <-time.After(time.Millisecond):
	}
	return n + 1
}

// MovesOnDrained goes on but receives later.
func MovesOnDrained() int {
	ch := make(chan int)
	go func() {
		ch <- slow()
	}()
	n := 0
	select {
	case v := <-ch:
		n = v
	case <-time.After(time.Millisecond):
		n = <-ch
	}
	return n + 1
}

// Collect breaks out of its receiving loop when ctx is done.
func Collect(ctx context.Context, n int) []int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- slow() // want abandoned-sender `Collect can move on after .<-ctx.Done\(\).`
		}
		close(ch)
	}()
	var out []int
loop:
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				break loop
			}
			out = append(out, v)
		case <-ctx.Done():
			break loop
		}
	}
	return out
}

// CollectRange ranges until the sender closes.
func CollectRange(n int) []int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- slow()
		}
		close(ch)
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}

type keyT struct{}

func derivedChild(ctx context.Context, out chan<- int) {
	out <- slow() // want abandoned-sender `Derived can return on .<-ctx.Done\(\).`
}

// Derived hands its goroutine a ctx derived with WithValue, which it never watches.
func Derived(ctx context.Context) int {
	out := make(chan int)
	go derivedChild(context.WithValue(ctx, keyT{}, 1), out) // want ctx-done-missing `goroutine running derivedChild receives ctx but never observes ctx.Done\(\)`
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// fanIn waits only for the goroutines it starts itself (a fan-in): they are judged where they start, and finish.
func fanIn(ctx context.Context, n int) int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			ch <- slow()
		}()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	return sum
}

// FanIn runs fanIn in a goroutine of its own and gives up on ctx.Done().
func FanIn(ctx context.Context) int {
	res := make(chan int)
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .res <- fanIn\(ctx, 2\).`
		res <- fanIn(ctx, 2) // want abandoned-sender `FanIn can return on .<-ctx.Done\(\).`
	}()
	select {
	case v := <-res:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Semaphore bounds its workers with a buffered channel and waits for every result.
func Semaphore(items []int) int {
	sem := make(chan struct{}, 2)
	results := make(chan int, len(items))
	for _, it := range items {
		sem <- struct{}{}
		go func(it int) {
			defer func() { <-sem }()
			results <- it * 2
		}(it)
	}
	sum := 0
	for range items {
		sum += <-results
	}
	return sum
}
