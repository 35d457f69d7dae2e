package drained

import (
	"context"
	"errors"
	"time"
)

// Sends settled by count: the owner of the channel takes every value its goroutines can send, on every path it
// can return by, or a buffer holds what it leaves.

func lookup(ctx context.Context, key string) string {
	_ = ctx.Value("trace")
	return key
}

// LookupPair starts two lookups and receives both answers before it returns: neither send can block.
func LookupPair(ctx context.Context, a, b string) (string, string) {
	answers := make(chan string)
	go func() {
		answers <- lookup(ctx, a)
	}()
	go func() {
		answers <- lookup(ctx, b)
	}()
	x := <-answers
	y := <-answers
	return x, y
}

// LookupFirst looks up two keys in one goroutine but takes one answer: the second send has no receiver.
func LookupFirst(ctx context.Context, a, b string) string {
	answers := make(chan string)
	go func() { // want ctx-done-missing `it can block at .answers <- lookup\(ctx, a\).`
		answers <- lookup(ctx, a) // want abandoned-sender `LookupFirst can return after receiving from answers once`
		answers <- lookup(ctx, b)
	}()
	return <-answers
}

// LookupChecked validates its key after starting the lookup, and returns early on a bad key: the lookup's send
// is left without a receiver.
func LookupChecked(ctx context.Context, key string) (string, error) {
	answer := make(chan string)
	go func() { // want ctx-done-missing `it can block at .answer <- lookup\(ctx, key\).`
		answer <- lookup(ctx, key) // want abandoned-sender `LookupChecked`
	}()
	if key == "" {
		return "", errors.New("empty key")
	}
	return <-answer, nil
}

// LookupValidated validates its key before it starts the lookup, then always receives the answer.
func LookupValidated(ctx context.Context, key string) (string, error) {
	if key == "" {
		return "", errors.New("empty key")
	}
	answer := make(chan string)
	go func() {
		answer <- lookup(ctx, key)
	}()
	return <-answer, nil
}

// LookupClosed returns early on a bad key, but closes the channel on its way out: a send still waiting then
// panics instead of blocking forever.
func LookupClosed(ctx context.Context, key string) (string, error) {
	answer := make(chan string)
	defer close(answer)
	go func() {
		answer <- lookup(ctx, key)
	}()
	if key == "" {
		return "", errors.New("empty key")
	}
	return <-answer, nil
}

// LookupWithin gives up after a while; the answer's one send goes into a buffer sized for it.
func LookupWithin(ctx context.Context, key string, d time.Duration) (string, bool) {
	answer := make(chan string, 1)
	go func() {
		answer <- lookup(ctx, key)
	}()
	select {
	case v := <-answer:
		return v, true
	case <-time.After(d):
		return "", false
	}
}

// pause waits for d unless ctx ends first.
func pause(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// RetryOnce waits in its goroutine, watching ctx, then reports once; the owner receives on every path.
func RetryOnce(ctx context.Context, d time.Duration) error {
	done := make(chan error)
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
		done <- ctx.Err()
	}()
	err := <-done
	if err != nil {
		return err
	}
	return nil
}

// RetryUnlessQuiet returns before receiving when asked to be quiet: the goroutine's report has no receiver
// (abandoned-sender's finding, which ctx-unguarded-block leaves to it).
func RetryUnlessQuiet(ctx context.Context, d time.Duration, quiet bool) error {
	done := make(chan error)
	go func() {
		select {
		case <-ctx.Done():
		case <-time.After(d):
		}
		done <- ctx.Err() // want abandoned-sender `RetryUnlessQuiet`
	}()
	if quiet {
		return nil
	}
	return <-done
}

// prober owns its results channel; probe starts one check and always takes its result.
type prober struct {
	results chan bool
}

func newProber() *prober {
	return &prober{results: make(chan bool)}
}

func (p *prober) check(ctx context.Context, target string) {
	p.results <- lookup(ctx, target) != ""
}

func (p *prober) probe(ctx context.Context, target string) bool {
	go p.check(ctx, target)
	return <-p.results
}

// ProbeAll probes each target in turn.
func ProbeAll(ctx context.Context, targets []string) int {
	p := newProber()
	n := 0
	for _, t := range targets {
		if p.probe(ctx, t) {
			n++
		}
	}
	return n
}

// pinger owns its replies channel, but ping returns without a reply for an empty target: the goroutine's send
// on the field is left without a receiver.
type pinger struct {
	replies chan bool
}

func newPinger() *pinger {
	return &pinger{replies: make(chan bool)}
}

func (p *pinger) answer(ctx context.Context, target string) {
	p.replies <- lookup(ctx, target) != "" // want abandoned-sender `pinger.ping can return before receiving`
}

func (p *pinger) ping(ctx context.Context, target string) bool {
	go p.answer(ctx, target) // want ctx-done-missing `it can block at .p.replies <- lookup\(ctx, target\) != "".`
	if target == "" {
		return false
	}
	return <-p.replies
}

// PingAll pings each target in turn.
func PingAll(ctx context.Context, targets []string) int {
	p := newPinger()
	n := 0
	for _, t := range targets {
		if p.ping(ctx, t) {
			n++
		}
	}
	return n
}
