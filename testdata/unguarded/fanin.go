// A loader that starts one worker per shard, each handed the results channel, and then collects exactly as many
// results as it started: the receive waits only for its own workers, which are judged where they start. Beside
// it, a loader that waits for results on a channel its caller hands it, which nothing it starts sends on.
package unguarded

import "context"

type fiShard struct{ keys []string }

type fiResult struct{ n int }

type fiLoader struct{ shards []fiShard }

func (l *fiLoader) loadShard(ctx context.Context, s fiShard, out chan<- fiResult) {
	n := 0
	for i := 0; i < len(s.keys); i++ {
		if ctx.Err() != nil {
			break
		}
		n++
	}
	out <- fiResult{n: n}
}

func (l *fiLoader) loadAll(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	default:
	}
	results := make(chan fiResult, len(l.shards))
	started := 0
	for _, s := range l.shards {
		if len(s.keys) == 0 {
			continue
		}
		started++
		go l.loadShard(ctx, s, results)
	}
	total := 0
	for got := 0; got != started; got++ {
		r := <-results
		total += r.n
	}
	_ = total
}

func (l *fiLoader) Start(ctx context.Context) {
	go l.loadAll(ctx)
}

func (l *fiLoader) awaitOutside(ctx context.Context, results chan fiResult) {
	select {
	case <-ctx.Done():
		return
	default:
	}
	for range l.shards {
		r := <-results // want ctx-unguarded-block `.<-results. can block forever`
		_ = r
	}
}

func (l *fiLoader) StartOutside(ctx context.Context, results chan fiResult) {
	go l.awaitOutside(ctx, results)
}

// a worker that returns without a result for an empty shard: the collector can wait for a result never sent
func (l *fiLoader) loadShardOrSkip(ctx context.Context, s fiShard, out chan<- fiResult) {
	if len(s.keys) == 0 {
		return
	}
	out <- fiResult{n: len(s.keys)}
}

func (l *fiLoader) loadAllSkipping(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	default:
	}
	results := make(chan fiResult, len(l.shards))
	for _, s := range l.shards {
		go l.loadShardOrSkip(ctx, s, results)
	}
	for got := 0; got != len(l.shards); got++ {
		r := <-results // want ctx-unguarded-block `.<-results. can block forever`
		_ = r
	}
}

func (l *fiLoader) StartSkipping(ctx context.Context) {
	go l.loadAllSkipping(ctx)
}
