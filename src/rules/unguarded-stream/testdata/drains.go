package stream

import "context"

// registry streams its rows in several ways; each stream below has callers that hand the channel on to helpers,
// filters and workers of this package, and the drain summaries decide whether they read it to the end.
type registry struct{ ids []int }

// ---- a stream handed to a helper ----

// pending's only caller hands the stream to sumRows, which ranges over it to the end: not reported.
func (l *registry) pending(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

// sumRows reads every row, then reports the sum.
func sumRows(in <-chan item, sums chan<- int) {
	n := 0
	for it := range in {
		n += it.n
	}
	sums <- n
}

func (l *registry) pendingTotal(ctx context.Context) int {
	sums := make(chan int, 1)
	go sumRows(l.pending(ctx), sums)
	return <-sums
}

// settled's only caller hands the stream to takeFirst, which returns after the first row: the rest wait forever.
func (l *registry) settled(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which registry.settled returns to its caller, with no way out if the reader stops \(registry.firstSettled hands it on\)`
			}
		}
	}()
	return out
}

// takeFirst passes on the first row and stops reading.
func takeFirst(in <-chan item, first chan<- item) {
	for it := range in {
		first <- it
		return
	}
	close(first)
}

func (l *registry) firstSettled(ctx context.Context) item {
	first := make(chan item, 1)
	go takeFirst(l.settled(ctx), first)
	return <-first
}

// ---- a chain of filters ----

// distinct forwards each row once; it reads its input only as fast as its own output is read. A caller that stops
// reading the end of a chain through it (registry.firstLarge) leaves it blocked on its send.
func distinct(in <-chan item) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		seen := map[int]bool{}
		for it := range in {
			if seen[it.n] {
				continue
			}
			seen[it.n] = true
			out <- it // want unguarded-stream `.out <- it. can block forever: this goroutine sends on out, which distinct returns to its caller, with no way out if the reader stops \(registry.firstLarge can stop reading early\)`
		}
	}()
	return out
}

// scaled forwards each row with its number scaled.
func scaled(in <-chan item) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for it := range in {
			out <- item{it.n * 2}
		}
	}()
	return out
}

// polished is the whole chain.
func polished(in <-chan item) <-chan item {
	return scaled(distinct(in))
}

// archived goes through the chain, whose end is read until it is closed: not reported.
func (l *registry) archived(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

func (l *registry) archivedTotal(ctx context.Context) int {
	sums := make(chan int)
	go func() {
		n := 0
		for it := range polished(l.archived(ctx)) {
			n += it.n
		}
		sums <- n
	}()
	return <-sums
}

// flagged goes through the chain, and only the first row of its end is taken: the filters stop reading, and so
// does everything upstream.
func (l *registry) flagged(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which registry.flagged returns to its caller, with no way out if the reader stops \(registry.firstFlagged hands it on\)`
			}
		}
	}()
	return out
}

func (l *registry) firstFlagged(ctx context.Context) (item, bool) {
	it, ok := <-polished(l.flagged(ctx))
	return it, ok
}

// ---- workers ----

// inspect reads rows until the stream is closed, then reports how many it saw.
func inspect(in <-chan item, done chan<- int) {
	n := 0
	for range in {
		n++
	}
	done <- n
}

// audited is read by four workers started in a counted loop, which runs at least once: not reported.
func (l *registry) audited(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

func (l *registry) auditAll(ctx context.Context) int {
	rows := distinct(l.audited(ctx))
	done := make(chan int)
	const workers = 4
	for w := 0; w < workers; w++ {
		go inspect(rows, done)
	}
	n := 0
	for w := 0; w < workers; w++ {
		n += <-done
	}
	return n
}

// merged is read by as many workers as the caller asks for, which may be none: then nothing reads it.
func (l *registry) merged(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range l.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which registry.merged returns to its caller, with no way out if the reader stops \(registry.mergeAll hands it on\)`
			}
		}
	}()
	return out
}

func (l *registry) mergeAll(ctx context.Context, workers int) int {
	rows := distinct(l.merged(ctx))
	done := make(chan int)
	for w := 0; w < workers; w++ {
		go inspect(rows, done)
	}
	n := 0
	for w := 0; w < workers; w++ {
		n += <-done
	}
	return n
}

// ---- a wrapper that returns a filtered stream ----

// journaled is filtered by a wrapper that returns the filter's output; every caller of the wrapper reads it to the
// end: not reported.
func (r *registry) journaled(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range r.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

func (r *registry) journal(ctx context.Context) <-chan item {
	return distinct(r.journaled(ctx))
}

func (r *registry) journalSize(ctx context.Context) int {
	n := 0
	for range r.journal(ctx) {
		n++
	}
	return n
}

// exported is filtered the same way, but a caller of the wrapper stops at the first large row.
func (r *registry) exported(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range r.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which registry.exported returns to its caller, with no way out if the reader stops \(registry.firstLarge can stop reading early\)`
			}
		}
	}()
	return out
}

func (r *registry) exports(ctx context.Context) <-chan item {
	return distinct(r.exported(ctx))
}

func (r *registry) firstLarge(ctx context.Context) (item, bool) {
	for it := range r.exports(ctx) {
		if it.n > 100 {
			return it, true
		}
	}
	return item{}, false
}
