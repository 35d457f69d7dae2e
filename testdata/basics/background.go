package basics

import (
	"context"
	"net"
)

func serveConn(ctx context.Context, c net.Conn, out chan<- int) {
	out <- 1
	_ = c.Close()
}

// A literal whose ctx parameter is bound to context.Background() where it is started: the goroutines it starts
// with that ctx have no cancellation to miss.
func AcceptAll(l net.Listener, out chan<- int) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func(ctx context.Context, conn net.Conn) {
			go serveConn(ctx, conn, out)
		}(context.Background(), c)
	}
}

// Twin: the literal is handed a ctx its caller can cancel, so the inner goroutine leaks once it is.
func AcceptAllCtx(ctx context.Context, l net.Listener, out chan<- int) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func(ctx context.Context, conn net.Conn) {
			go serveConn(ctx, conn, out) // want ctx-done-missing `goroutine running serveConn receives ctx but never observes ctx.Done\(\); it can block at .out <- 1.`
		}(ctx, c)
	}
}

// Done bound in an if statement's initializer is observed like ctx.Done() itself.
func DoneInIf(ctx context.Context, in <-chan int, out chan<- int) {
	go func() {
		for v := range in {
			if done := ctx.Done(); done != nil {
				select {
				case out <- v:
				case <-done:
					return
				}
			}
		}
	}()
}
