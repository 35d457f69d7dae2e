package unguarded

import (
	"context"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

// Each parent gives up after `patience`, long before its goroutine's slow work ends.
func TestTimeouts(t *testing.T) {
	ctx := context.Background()
	Future(ctx, false)
	Future(ctx, true)
	Sum(ctx, false)
	Sum(ctx, true)
	Double(ctx, 1)
	DoubleSelect(ctx, 1)
	Relay(ctx)
	ErrThenSend(ctx)
	ErrThenSelect(ctx)
	ErrFuture(ctx)
}

func TestStreams(t *testing.T) {
	s := &shelf{titles: []string{"a", "b", "c", "d"}}
	Has(s, "a")
	HasAll(s, "a")
}
