// Package feed is internal to the module: only the module can import it, and nothing here calls its streams.
package feed

import "context"

// Entry is one entry of a feed.
type Entry struct{ N int }

// Feed streams entries.
type Feed struct{ ns []int }

func keep(ctx context.Context, n int) bool { return ctx.Err() == nil && n >= 0 }

// Entries has no caller in the module, and no code outside it can call it: the package is internal and its result
// names a type of the package, so no interface declared elsewhere can hold the method. It never runs: not reported.
func (f *Feed) Entries(ctx context.Context) <-chan Entry {
	out := make(chan Entry)
	go func() {
		defer close(out)
		for _, n := range f.ns {
			if keep(ctx, n) {
				out <- Entry{n}
			}
		}
	}()
	return out
}

// Numbers has no caller in the module either, but its signature names no type of the module: an interface of
// another module (`Numbers(context.Context) <-chan int`) can hold a *Feed handed to it, and call it. Reported.
func (f *Feed) Numbers(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range f.ns {
			if keep(ctx, n) {
				out <- n // want unguarded-stream `.out <- n. can block forever: this goroutine sends on out, which Feed.Numbers returns to its caller, with no way out if the reader stops$`
			}
		}
	}()
	return out
}

// count has no caller: an unexported function of the package that nothing calls never runs. Not reported.
func count(ctx context.Context, ns []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range ns {
			if keep(ctx, n) {
				out <- n
			}
		}
	}()
	return out
}
