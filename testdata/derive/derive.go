// Package derive: contexts derived inside the goroutine, and AfterFunc callbacks.
package derive

import (
	"context"
	"net"
	"time"
)

// Deriving a child ctx (shadowing the parent) observes nothing by itself.
func ShadowedChild(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .ch <- 1.`
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_ = ctx
		ch <- 1
	}()
}

// A child under a new name, with a timeout, that is never watched either.
func RenamedChild(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing `captures ctx but never observes ctx.Done\(\); it can block at .<-ch.`
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = tctx.Value("k")
		<-ch
	}()
}

// Watching the derived child observes the parent too.
func WatchedChild(ctx context.Context, ch chan int) {
	go func() {
		tctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		select {
		case <-tctx.Done():
		case ch <- 1:
		}
	}()
}

// The AfterFunc callback closes the connection the goroutine reads from: cancellation unblocks the read,
// but not the send of what it read.
func AfterFuncCloses(ctx context.Context, conn net.Conn, lines chan<- string) {
	go func() {
		stop := context.AfterFunc(ctx, func() { conn.Close() })
		defer stop()
		buf := make([]byte, 512)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				return
			}
			lines <- string(buf[:n]) // want ctx-unguarded-block `.lines <- string\(buf\[:n\]\). can block forever`
		}
	}()
}

// The callback closes the channel the goroutine receives from: cancellation ends the receive.
func AfterFuncClosesChan(ctx context.Context, jobs chan int, done chan<- int) {
	go func() {
		stop := context.AfterFunc(ctx, func() { close(jobs) })
		defer stop()
		total := 0
		for j := range jobs {
			total += j
		}
		<-jobs
		_ = total
	}()
}

// The callback calls a function goleash does not follow: what it unblocks is unknown, nothing is judged.
func AfterFuncOpaque(ctx context.Context, s interface{ Stop() }, out chan int) {
	go func() {
		stop := context.AfterFunc(ctx, s.Stop)
		defer stop()
		out <- 1
	}()
}
