package abandoned

import (
	"context"
	"errors"
	"time"
)

var errSlow = errors.New("slow")

// startJob runs job on its own goroutine and returns the channel its outcome arrives on: a promise. The channel
// has no buffer, so the goroutine's send waits for a caller that receives.
func startJob(job func() error) <-chan error {
	done := make(chan error)
	go func() {
		done <- job() // want abandoned-sender `.done <- job\(\). blocks forever: this goroutine sends on done, which has no buffer and which startJob only returns, and WaitJob can leave on .<-ctx.Done\(\). without receiving from what startJob returns`
	}()
	return done
}

// WaitJob gives up on its context and leaves the promise's sender behind.
func WaitJob(ctx context.Context, job func() error) error {
	res := startJob(job)
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// WaitJobAlways, the twin: a caller of the same promise that always receives.
func WaitJobAlways(job func() error) error {
	res := startJob(job)
	return <-res
}

func lookup(key string) <-chan string {
	out := make(chan string)
	go func() {
		out <- key + "!" // want abandoned-sender `Resolve can leave on .<-time.After\(time.Second\). without receiving from what lookup returns`
	}()
	return out
}

// Resolve selects on the promise straight and leaves on a timeout.
func Resolve(key string) (string, error) {
	select {
	case v := <-lookup(key):
		return v, nil
	case <-time.After(time.Second):
		return "", errSlow
	}
}

type fetcher struct{ base string }

func (f *fetcher) fetch(path string) chan []byte {
	body := make(chan []byte)
	go func() {
		body <- []byte(f.base + path) // want abandoned-sender `fetcher.Page can return without receiving from what fetcher.fetch returns`
	}()
	return body
}

// Page returns on a bad argument after it started the fetch: the promise's sender is left behind.
func (f *fetcher) Page(path string, limit int) ([]byte, error) {
	body := f.fetch(path)
	if limit <= 0 {
		return nil, errSlow
	}
	return <-body, nil
}

// fetchChecked, the twin: the argument is checked before the fetch starts.
func (f *fetcher) fetchChecked(path string) chan []byte {
	body := make(chan []byte)
	go func() {
		body <- []byte(f.base + path)
	}()
	return body
}

func (f *fetcher) PageChecked(path string, limit int) ([]byte, error) {
	if limit <= 0 {
		return nil, errSlow
	}
	return <-f.fetchChecked(path), nil
}

// startJobSlot, the twin: a buffer of one keeps the outcome when the caller has gone.
func startJobSlot(job func() error) <-chan error {
	done := make(chan error, 1)
	go func() {
		done <- job()
	}()
	return done
}

func WaitJobSlot(ctx context.Context, job func() error) error {
	select {
	case err := <-startJobSlot(job):
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startJobGuarded, the twin: the goroutine gives up on the same context.
func startJobGuarded(ctx context.Context, job func() error) <-chan error {
	done := make(chan error)
	go func() {
		select {
		case done <- job():
		case <-ctx.Done():
		}
	}()
	return done
}

func WaitJobGuarded(ctx context.Context, job func() error) error {
	select {
	case err := <-startJobGuarded(ctx, job):
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// startJobDrained, the twin: the caller that gives up hands the promise to a goroutine that drains it.
func startJobDrained(job func() error) <-chan error {
	done := make(chan error)
	go func() {
		done <- job()
	}()
	return done
}

func WaitJobDrained(ctx context.Context, job func() error) error {
	res := startJobDrained(job)
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		go func() { <-res }()
		return ctx.Err()
	}
}

// startJobPassed, the twin: the caller hands the promise on to whoever waits for it.
func startJobPassed(job func() error) <-chan error {
	done := make(chan error)
	go func() {
		done <- job()
	}()
	return done
}

func WaitJobPassed(ctx context.Context, job func() error, sink func(<-chan error)) error {
	res := startJobPassed(job)
	if ctx.Err() != nil {
		sink(res)
		return ctx.Err()
	}
	return <-res
}

// startJobCollected, the twin: the caller collects every promise in a slice and receives from each before it
// returns.
func startJobCollected(job func() error) <-chan error {
	done := make(chan error)
	go func() {
		done <- job()
	}()
	return done
}

func WaitJobsCollected(jobs []func() error) error {
	pending := make([]<-chan error, 0, len(jobs))
	if len(jobs) == 0 {
		return errSlow
	}
	for _, job := range jobs {
		res := startJobCollected(job)
		pending = append(pending, res)
	}
	var first error
	for _, res := range pending {
		if err := <-res; err != nil && first == nil {
			first = err
		}
	}
	return first
}
