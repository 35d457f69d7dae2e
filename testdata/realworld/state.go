package realworld

import (
	"context"
	"time"
)

// A component that keeps the context it was built with.
type Syncer struct {
	ctx   context.Context
	queue chan string
	out   chan string
}

func NewSyncer(ctx context.Context) *Syncer {
	return &Syncer{ctx: ctx, queue: make(chan string), out: make(chan string)}
}

func (s *Syncer) loop() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case item := <-s.queue:
			s.handle(item)
		}
	}
}

func (s *Syncer) handle(item string) {
	_ = item
}

func (s *Syncer) leakyLoop() {
	t := time.NewTicker(time.Second)
	for range t.C {
		_ = s.ctx.Value("k")
	}
}

func (s *Syncer) Start() {
	go s.loop()
	go s.leakyLoop() // want ctx-done-missing `goroutine running Syncer.leakyLoop receives s.ctx but never observes s.ctx.Done\(\); it loops forever` // want endless-goroutine `no way out of its loop`
}

// Constructed and started in one place.
func StartSyncer(ctx context.Context) *Syncer {
	s := NewSyncer(ctx)
	go s.loop()
	return s
}

// A context per job, received from a channel.
type request struct {
	ctx  context.Context
	resp chan string
}

func Dispatcher(reqs <-chan request) {
	go func() {
		for r := range reqs {
			go func(r request) {
				select {
				case r.resp <- "ok":
				case <-r.ctx.Done():
				}
			}(r)
		}
	}()
}

// A closure assigned to a variable and started per worker.
func Pool(ctx context.Context, jobs <-chan int, results chan<- int) {
	worker := func(id int) {
		for j := range jobs {
			_ = ctx.Value("k")
			results <- j * id
		}
	}
	for i := 0; i < 3; i++ {
		go worker(i) // want ctx-done-missing `goroutine running func literal captures ctx but never observes ctx.Done\(\); it can block at .for range jobs.`
	}
}

// The same pool, observing ctx.
func PoolCtx(ctx context.Context, jobs <-chan int, results chan<- int) {
	worker := func(id int) {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				select {
				case results <- j * id:
				case <-ctx.Done():
					return
				}
			}
		}
	}
	for i := 0; i < 3; i++ {
		go worker(i)
	}
}

// Several results collected with a select loop that can return early on Done.
func Collect(ctx context.Context, parts []string) ([]string, error) {
	ch := make(chan string)
	for _, p := range parts {
		go func(p string) {
			ch <- p + "!" // want abandoned-sender `Collect can return on .<-ctx.Done\(\).`
		}(p)
	}
	out := make([]string, 0, len(parts))
	for range parts {
		select {
		case s := <-ch:
			out = append(out, s)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return out, nil
}
