package drained

import "context"

func collect(ctx context.Context, paths <-chan string) int {
	_ = ctx.Value("trace")
	n := 0
	for p := range paths {
		n += len(p)
	}
	return n
}

func feed(paths chan<- string, items []string) {
	for _, it := range items {
		paths <- it
	}
}

// The parent closes the channel in a deferred func literal: the range ends when the parent returns, even
// though the channel is handed to another function meanwhile.
func PullDeferLiteral(ctx context.Context, items []string) {
	paths := make(chan string)
	go collect(ctx, paths)
	defer func() {
		close(paths)
	}()
	feed(paths, items)
}

// The deferred literal closes only on one path: the range can wait forever.
func PullDeferLiteralMaybe(ctx context.Context, items []string, done bool) {
	paths := make(chan string)
	go collect(ctx, paths) // want ctx-done-missing `it can block at .for range paths.`
	defer func() {
		if done {
			close(paths)
		}
	}()
	for _, it := range items {
		paths <- it
	}
}
