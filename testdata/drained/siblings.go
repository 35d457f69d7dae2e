package drained

import "context"

func merge(ctx context.Context, out chan<- int) error {
	defer close(out)
	for i := 0; i < 3; i++ {
		select {
		case out <- i:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// A consumer waits for the error a sibling goroutine reports: the sibling closes errCh when it ends, and it
// ends with ctx (merge observes it), so the wait is not a leak.
func ListMerged(ctx context.Context, results chan<- int) {
	merged := make(chan int, 8)
	errCh := make(chan error, 1)
	go func() {
		defer close(results)
		for v := range merged {
			select {
			case results <- v:
			case <-ctx.Done():
				return
			}
		}
		if err := <-errCh; err != nil {
			return
		}
	}()
	go func() {
		defer close(errCh)
		errCh <- merge(ctx, merged)
	}()
}

// The sibling closes errCh only on one path: the consumer can still wait forever.
func ListMergedMaybe(ctx context.Context, results chan<- int, fail bool) {
	merged := make(chan int, 8)
	errCh := make(chan error, 1)
	go func() {
		defer close(results)
		for v := range merged {
			select {
			case results <- v:
			case <-ctx.Done():
				return
			}
		}
		if err := <-errCh; err != nil { // want ctx-unguarded-block `<-errCh. can block forever`
			return
		}
	}()
	go func() {
		err := merge(ctx, merged)
		if fail {
			errCh <- err
			close(errCh)
		}
	}()
}
