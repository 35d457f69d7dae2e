package a

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync"
	"time"

	"example.com/module/lib"
)

type result struct{ v int }

func compute(n int) int { return n * 2 }

func fetch(ctx context.Context) (result, error) { return result{}, nil }

// 1 worker with ctx param, blocks on send, no Done
func worker(ctx context.Context, out chan<- result) {
	r, _ := fetch(context.Background())
	out <- r // want abandoned-sender `Case1 can move on after .<-ctx.Done\(\). without receiving from out`
}

func Case1(ctx context.Context) {
	out := make(chan result)
	go worker(ctx, out) // want ctx-done-missing
	select {
	case <-out:
	case <-ctx.Done():
	}
}

// 2 cross-package: lib.Spin blocks without ctx
func Case2(ctx context.Context, ch chan int) {
	go lib.Spin(ctx, ch) // want ctx-done-missing
	go lib.Wait(ctx)
	go lib.Poll(ctx, ch)
}

// 3 method via constructor
func Case3(ctx context.Context) {
	r := lib.NewRunner(ctx)
	go r.Loop()
	go r.Push() // Push never reads its ctx field: the goroutine takes no context
}

// 4 method value
func Case4(ctx context.Context) {
	r := lib.NewRunner(ctx)
	f := r.Push
	go f() // the method value Push takes no context either
	g := r.Loop
	go g()
}

// 5 func value from literal
func Case5(ctx context.Context, ch chan int) {
	send := func(c context.Context) { ch <- 1 }
	go send(ctx) // want ctx-done-missing
	watch := func(c context.Context) {
		select {
		case <-c.Done():
		case ch <- 1:
		}
	}
	go watch(ctx)
}

// 6 generics
func Produce[T any](ctx context.Context, v T, out chan<- T) {
	out <- v // want abandoned-sender `Case6 can return after receiving from out once`
}

func ProduceSafe[T any](ctx context.Context, v T, out chan<- T) {
	select {
	case out <- v:
	case <-ctx.Done():
	}
}

func Case6(ctx context.Context) {
	out := make(chan int)
	go Produce(ctx, 1, out)      // want ctx-done-missing
	go Produce[int](ctx, 1, out) // want ctx-done-missing
	go ProduceSafe(ctx, 1, out)
	<-out
}

// 8 signal.NotifyContext
func Case8(ch chan int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		close(ch)
	}()
	go func() { // want ctx-done-missing
		_ = ctx
		for {
			time.Sleep(time.Second)
		}
	}()
}

// 9 a helper that receives from the Done channel it is handed
func waitOn(done <-chan struct{}, ch chan int) {
	select {
	case <-done:
	case ch <- 1:
	}
}

func Case9(ctx context.Context, ch chan int) {
	go waitOn(ctx.Done(), ch)
}

// 10 WaitGroup / Cond
func Case10(ctx context.Context, wg *sync.WaitGroup, c *sync.Cond) {
	go func() { // want ctx-done-missing
		_ = ctx.Value("k")
		wg.Wait()
	}()
	go func(ctx context.Context) { // want ctx-done-missing
		c.L.Lock()
		c.Wait()
		c.L.Unlock()
	}(ctx)
}

// 11 buffered fan-out
func Case11(ctx context.Context, items []int) []int {
	res := make(chan int, len(items))
	for _, it := range items {
		go func(ctx context.Context, n int) {
			res <- compute(n)
		}(ctx, it)
	}
	out := []int{}
	for range items {
		select {
		case v := <-res:
			out = append(out, v)
		case <-ctx.Done():
			return out
		}
	}
	return out
}

// 12 buffered 1
func Case12(ctx context.Context) (int, error) {
	ch := make(chan int, 1)
	go func() {
		_ = ctx
		ch <- compute(3)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// 13 select default / timer
func Case13(ctx context.Context, ch chan int) {
	go func() {
		_ = ctx
		select {
		case ch <- 1:
		default:
		}
	}()
	go func() {
		_ = ctx
		select {
		case ch <- 1:
		case <-time.After(time.Second):
			return
		}
	}()
	go func() { // want ctx-done-missing // want endless-goroutine `no way out of its loop`
		_ = ctx.Value("x")
		t := time.NewTicker(time.Second)
		for range t.C {
			ch <- 1
		}
	}()
}

// 14 nested go
func Case14(ctx context.Context, ch chan int) {
	go func() {
		<-ctx.Done()
		go func() { // want ctx-done-missing
			_ = ctx
			ch <- 1
		}()
	}()
}

// 15 no context
func Case15(ch chan int) {
	go func() {
		ch <- 1
	}()
}

// 16 own background context
func Case16(ch chan int) {
	go func() {
		ctx := context.Background()
		_ = ctx
		ch <- 1
	}()
}

// 17 error path abandoned
func Case17(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- compute(1) // want abandoned-sender
	}()
	if err := ctx.Err(); err != nil {
		return 0, errors.New("early")
	}
	return <-ch, nil
}

// 18 timeout abandons
func Case18() int {
	ch := make(chan int)
	go func() { ch <- compute(2) }() // want abandoned-sender
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Second):
		return -1
	}
}

// 19 first result wins
func Case19(urls []string) int {
	ch := make(chan int)
	for i := range urls {
		go func(i int) {
			ch <- i // want abandoned-sender
		}(i)
	}
	return <-ch
}

// 20 unguarded after done check
func Case20(ctx context.Context, rc chan bool) {
	go func() {
		select {
		case <-ctx.Done():
			return
		default:
			rc <- true // want ctx-unguarded-block
		}
	}()
}

// 21 worker loop with bare result send
func Case21(ctx context.Context, jobs <-chan int, out chan<- int) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case j := <-jobs:
				out <- compute(j) // want ctx-unguarded-block
			}
		}
	}()
}

// 22 select {} and for {}
func Case22(ctx context.Context) {
	go func() { // want ctx-done-missing
		_ = ctx
		select {}
	}()
	go func(ctx context.Context) { // want ctx-done-missing
		for {
			compute(1)
		}
	}(ctx)
}

// 23 ctx.Done then cleanup
func Case23(ctx context.Context, f *os.File) {
	go func() {
		<-ctx.Done()
		f.Close()
	}()
}

// 24 struct embedding: a ctx field that the goroutine's method never reads
type base struct{ ctx context.Context }

func (b *base) run(ch chan int) {
	ch <- 1
}

type svc struct {
	base
	ch chan int
}

func (s *svc) start() {
	go s.run(s.ch) // run never reads the embedded ctx: no context
}

// 25 stop channel
func Case25(ctx context.Context, stopc chan struct{}, in chan int) {
	go func() {
		_ = ctx
		for {
			select {
			case <-stopc:
				return
			case v := <-in:
				_ = v
			}
		}
	}()
}

// 26 ctx from method
type server struct{ c context.Context }

func (s *server) Ctx() context.Context { return s.c }

func (s *server) Case26(ch chan int) {
	ctx := s.Ctx()
	go func() { // want ctx-done-missing
		_ = ctx
		<-ch
	}()
}

// 27 a ctx derived inside the goroutine and a deferred cancel observe nothing
func Case27(ctx context.Context, ch chan int) {
	go func() { // want ctx-done-missing
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_ = ctx
		ch <- 1
	}()
}

// 28 cap 2 two sends
func Case28(ctx context.Context) {
	ch := make(chan int, 2)
	go func() {
		_ = ctx
		ch <- 1
		ch <- 2
	}()
}

// 29 cap 1 two sends
func Case29(ctx context.Context) {
	ch := make(chan int, 1)
	go func() { // want ctx-done-missing
		_ = ctx
		ch <- 1
		ch <- 2
	}()
}

// 30 close only
func Case30(ctx context.Context, ch chan int) {
	go func() {
		_ = ctx
		close(ch)
	}()
}
