package stream

import (
	"context"
	"net/http"
)

// logbook streams its entries from a method named Name; its one caller, readAll, drains it: not reported. cookieNames
// reads the field Name of values whose type goleash does not know (a library's struct, out of a call's result): that
// selector calls nothing, and is no call site of the method.
type logbook struct{ ids []int }

func (l *logbook) Name(ctx context.Context) <-chan item {
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

func readAll(ctx context.Context, l *logbook) int {
	n := 0
	for range l.Name(ctx) {
		n++
	}
	return n
}

func cookieNames(r *http.Request) []string {
	var names []string
	for _, c := range r.Cookies() {
		names = append(names, c.Name)
	}
	return names
}

// diary's Name streams too, and its caller takes the method value of a diary (a value of a known type): a call site
// that hands the stream on where goleash does not follow it: reported.
type diary struct{ ids []int }

func (d *diary) Name(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range d.ids {
			if check(ctx, id) {
				out <- item{id} // want unguarded-stream `.out <- item\{id\}. can block forever: this goroutine sends on out, which diary.Name returns to its caller, with no way out if the reader stops \(later hands it on\)`
			}
		}
	}()
	return out
}

func later(d *diary) func(context.Context) <-chan item {
	return d.Name
}
