// Package lsp is the language server's multi-file case: the goroutine's function is in worker.go.
package lsp

import "context"

// Start runs work in a goroutine that nothing can stop once ctx is cancelled.
func Start(ctx context.Context) {
	ch := make(chan int)
	go work(ctx, ch) // want ctx-done-missing `goroutine running work receives ctx but never observes ctx.Done\(\); it can block at .ch <- 1.`
	_ = ch
}
