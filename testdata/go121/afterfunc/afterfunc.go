// Package afterfunc: context.AfterFunc (Go 1.21) callbacks as the way a goroutine observes its context.
package afterfunc

import (
	"context"
	"net"
)

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
