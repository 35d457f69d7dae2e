package boot

import (
	"context"
	"testing"
)

func TestServe(t *testing.T) {
	for i := 0; i < 3; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if got := Serve(ctx); got == 0 {
			t.Fatalf("Serve = %d", got)
		}
	}
}
