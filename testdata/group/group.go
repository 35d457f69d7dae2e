package group

import (
	"context"
	"errors"

	"example.com/testdata/group/errgroup"
)

// fetchAll fans out with an errgroup and stops reading at the first bad result: the workers' sends, which
// never watch the group's context, are abandoned, and g.Wait() in the closer waits forever.
func fetchAll(ctx context.Context, urls []string, fetch func(string) int) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, u := range urls {
		u := u
		g.Go(func() error { // want ctx-done-missing `goroutine running func literal captures gctx but never observes gctx.Done\(\); it can block at .results <- fetch\(u\).`
			_ = gctx.Value("trace")
			results <- fetch(u) // want abandoned-sender `results <- fetch\(u\). blocks forever: this goroutine sends on results, which has no buffer, and fetchAll can return after receiving from results once`
			return nil
		})
	}
	go func() {
		_ = g.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		if r < 0 {
			return nil, errors.New("bad result")
		}
		out = append(out, r)
	}
	return out, nil
}

// fetchWatched sends in a select with the group's Done: no leak.
func fetchWatched(ctx context.Context, urls []string, fetch func(string) int) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, u := range urls {
		u := u
		g.Go(func() error {
			select {
			case results <- fetch(u):
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
	}
	go func() {
		_ = g.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		if r < 0 {
			return nil, errors.New("bad result")
		}
		out = append(out, r)
	}
	return out, g.Wait()
}

// checkAll runs pure work in the group: nothing can block.
func checkAll(ctx context.Context, names []string, check func(context.Context, string) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, n := range names {
		n := n
		g.Go(func() error {
			return check(gctx, n)
		})
	}
	return g.Wait()
}

// pollOnce checks Done once and then sends anyway.
func pollOnce(ctx context.Context, jobs []int, out chan<- int) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, j := range jobs {
		j := j
		g.Go(func() error {
			select {
			case <-gctx.Done():
				return gctx.Err()
			default:
			}
			out <- j * 2 // want ctx-unguarded-block `out <- j \* 2. can block forever: goroutine running func literal observes gctx.Done\(\) elsewhere`
			return nil
		})
	}
	return g.Wait()
}

// A worker method handed to the group by name.
type crawler struct{ pages chan string }

func (c *crawler) crawl(ctx context.Context, seeds []string) error {
	var g errgroup.Group
	for range seeds {
		g.Go(c.drain)
	}
	_ = ctx
	return g.Wait()
}

func (c *crawler) drain() error {
	for p := range c.pages {
		_ = p
	}
	return nil
}

// mentions fetches with workers that watch ctx while they wait for work, and send their results to a
// collector goroutine that ranges over the results until they are closed: every send is received.
func mentions(ctx context.Context, ids []int, fetch func(int) string) []string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	toFetch := make(chan int)
	fetched := make(chan string)
	g := new(errgroup.Group)
	for i := 0; i < 4; i++ {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done():
					return nil
				case id, ok := <-toFetch:
					if !ok {
						return nil
					}
					fetched <- fetch(id)
				}
			}
		})
	}
	var out []string
	done := make(chan struct{})
	go func() {
		for m := range fetched {
			out = append(out, m)
		}
		close(done)
	}()
	for _, id := range ids {
		toFetch <- id
	}
	close(toFetch)
	_ = g.Wait()
	close(fetched)
	<-done
	return out
}

// firstMention's collector stops at the first result: the other workers' sends are never received.
func firstMention(ctx context.Context, ids []int, fetch func(int) string) string {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	toFetch := make(chan int)
	fetched := make(chan string)
	g := new(errgroup.Group)
	for i := 0; i < 4; i++ {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done():
					return nil
				case id, ok := <-toFetch:
					if !ok {
						return nil
					}
					fetched <- fetch(id) // want ctx-unguarded-block `fetched <- fetch\(id\). can block forever`
				}
			}
		})
	}
	var first string
	done := make(chan struct{})
	go func() {
		for m := range fetched {
			first = m
			break
		}
		close(done)
	}()
	for _, id := range ids {
		toFetch <- id
	}
	close(toFetch)
	_ = g.Wait()
	<-done
	return first
}
