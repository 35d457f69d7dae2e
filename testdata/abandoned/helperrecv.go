package abandoned

import (
	"context"
	"errors"
	"time"
)

// Requests are read by one goroutine and handed to a helper that receives them: the helper's ways back are the
// parent's. A helper that returns when its ctx ends (or on a timeout) leaves the reader parked on its next send.

type request struct{ n int }

type source interface {
	Next() (*request, error)
}

type server struct{ ctx context.Context }

// process receives requests until its ctx ends, the stream is closed, or a request is bad.
func (s *server) process(reqs <-chan *request) error {
	for {
		select {
		case <-s.ctx.Done():
			return s.ctx.Err()
		case r, ok := <-reqs:
			if !ok {
				return nil
			}
			if r.n < 0 {
				return errors.New("bad request")
			}
		}
	}
}

// Serve hands the requests to process, which can return on its ctx with the reader still sending.
func (s *server) Serve(src source) error {
	reqs := make(chan *request)
	go func() {
		defer close(reqs)
		for {
			r, err := src.Next()
			if err != nil {
				return
			}
			reqs <- r // want abandoned-sender `.reqs <- r. blocks forever: this goroutine sends on reqs, which has no buffer, and server.Serve can leave through server.process, which returns on .<-s.ctx.Done\(\). without receiving from reqs`
		}
	}()
	return s.process(reqs)
}

// ServeGuarded, the twin: the reader gives up its send when the same ctx ends.
func (s *server) ServeGuarded(src source) error {
	reqs := make(chan *request)
	go func() {
		defer close(reqs)
		for {
			r, err := src.Next()
			if err != nil {
				return
			}
			select {
			case reqs <- r:
			case <-s.ctx.Done():
				return
			}
		}
	}()
	return s.process(reqs)
}

// waitErr waits for one result, or gives up after d.
func waitErr(errc <-chan error, d time.Duration) error {
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return errors.New("timed out")
	}
}

// RunTimed gives up through waitErr's timeout: the worker's one send is never received.
func RunTimed(work func() error) error {
	errc := make(chan error)
	go func() {
		errc <- work() // want abandoned-sender `.errc <- work\(\). blocks forever: this goroutine sends on errc, which has no buffer, and RunTimed can leave through waitErr, which returns on .<-time.After\(d\). without receiving from errc`
	}()
	return waitErr(errc, time.Second)
}

// waitAll receives one result.
func waitAll(errc <-chan error) error {
	return <-errc
}

// RunWaiting, the twin: its helper always receives the one send.
func RunWaiting(work func() error) error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	return waitAll(errc)
}

// collect ranges over the results until they are closed.
func collect(out <-chan int) int {
	n := 0
	for v := range out {
		n += v
	}
	return n
}

// relayWait hands the channel on to waitErr.
func relayWait(errc <-chan error) error {
	if err := waitErr(errc, time.Minute); err != nil {
		return err
	}
	return nil
}

// RunRelayed gives up two calls down: relayWait hands the channel to waitErr, which can time out.
func RunRelayed(work func() error) error {
	errc := make(chan error)
	go func() {
		errc <- work() // want abandoned-sender `.errc <- work\(\). blocks forever: this goroutine sends on errc, which has no buffer, and RunRelayed can leave through waitErr, which returns on .<-time.After\(d\). without receiving from errc`
	}()
	return relayWait(errc)
}

// Sum, a silent one: collect receives until the producer closes.
func Sum(xs []int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return collect(out)
}

// pump receives requests until an error arrives on a channel its caller supplies.
func pump(reqs <-chan *request, errs <-chan error) error {
	for {
		select {
		case err := <-errs:
			return err
		case r := <-reqs:
			_ = r
		}
	}
}

// ServeErrs, silent: the reader reports its error only after its last send, so pump's error return has received
// every request. A channel the parent makes and feeds is its own choreography: not judged through the helper.
func ServeErrs(src source) error {
	reqs := make(chan *request)
	errs := make(chan error, 1)
	go func() {
		for {
			r, err := src.Next()
			if err != nil {
				errs <- err
				return
			}
			reqs <- r
		}
	}()
	return pump(reqs, errs)
}

// startLoad runs a load and hands back its one result.
func startLoad(load func() error) <-chan error {
	res := make(chan error)
	go func() {
		res <- load() // want abandoned-sender `WaitLoad can leave through waitErr, which returns on .<-time.After\(d\). without receiving from what startLoad returns`
	}()
	return res
}

// WaitLoad hands the promise to waitErr, which can time out (its token channel is only there to count callers).
func WaitLoad(load func() error, tokens chan struct{}) error {
	res := startLoad(load)
	tokens <- struct{}{}
	defer func() { <-tokens }()
	return waitErr(res, time.Second)
}

// WaitLoadAll, silent: waitAll always receives.
func WaitLoadAll(load func() error, tokens chan struct{}) error {
	res := startLoad(load)
	tokens <- struct{}{}
	defer func() { <-tokens }()
	return waitAll(res)
}

// readOrCancel waits for one value, or for its ctx to end.
func readOrCancel(ctx context.Context, ch <-chan int) (int, error) {
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ReadForever, silent: its ctx is never cancelled, so readOrCancel always receives the one send.
func ReadForever(get func() int) int {
	ch := make(chan int)
	go func() {
		ch <- get()
	}()
	v, _ := readOrCancel(context.Background(), ch)
	return v
}

// ReadUntil, the twin: a caller's ctx can end first.
func ReadUntil(ctx context.Context, get func() int) int {
	ch := make(chan int)
	go func() {
		ch <- get() // want abandoned-sender `ReadUntil can leave through readOrCancel, which returns on .<-ctx.Done\(\). without receiving from ch`
	}()
	v, _ := readOrCancel(ctx, ch)
	return v
}
