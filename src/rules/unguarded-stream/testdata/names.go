package stream

import "context"

// ledger and journal both stream entries from a method named lines, and roster has a method lines of its own that
// returns a slice: a call is a call of the method of its receiver's type, not of every method with that name.
type ledger struct{ ids []int }

type journal struct{ ids []int }

type roster struct{ names []string }

// pager's lines takes a page too: a call of it passes two arguments, and no lines of a stream takes two.
type pager interface {
	lines(ctx context.Context, page int) []string
}

// lines streams the ledger's entries; its one caller, tally, drains it. firstName (roster.lines) and firstOnPage
// (pager.lines, two arguments) stop early, but they call other functions named lines: not reported.
func (l *ledger) lines(ctx context.Context) <-chan item {
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

// lines streams the journal's entries; its one caller, skim, stops at the first one: reported.
func (j *journal) lines(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range j.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which journal.lines returns to its caller, with no way out if the reader stops \(skim can stop reading early\)`
			}
		}
	}()
	return out
}

func (r *roster) lines(ctx context.Context) []string {
	if ctx.Err() != nil {
		return nil
	}
	return r.names
}

func tally(ctx context.Context, l *ledger) int {
	n := 0
	for range l.lines(ctx) {
		n++
	}
	return n
}

func skim(ctx context.Context, j *journal) int {
	for it := range j.lines(ctx) {
		return it.n
	}
	return 0
}

func firstName(ctx context.Context, r *roster) string {
	for _, s := range r.lines(ctx) {
		return s
	}
	return ""
}

func firstOnPage(ctx context.Context, p pager) string {
	for _, s := range p.lines(ctx, 1) {
		return s
	}
	return ""
}

// digits is a function: `x.digits(…)` calls a method of x, never it. Its one caller drains it: not reported.
func digits(ctx context.Context, ids []int) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range ids {
			if check(ctx, id) {
				out <- item{id % 10}
			}
		}
	}()
	return out
}

func (r *roster) digits(ctx context.Context, ids []int) []int { return ids }

func digitSum(ctx context.Context, ids []int) int {
	n := 0
	for it := range digits(ctx, ids) {
		n += it.n
	}
	return n
}

func firstDigit(ctx context.Context, r *roster, ids []int) int {
	for _, d := range r.digits(ctx, ids) {
		return d
	}
	return 0
}
