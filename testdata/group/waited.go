package group

import (
	"errors"
	"sync"

	"example.com/testdata/group/errgroup"
)

var errBlamed = errors.New("blamed")

// blameOne: every worker may report once on a one-slot channel, and the parent reads it only after g.Wait(). The
// parent cannot return while a worker is blocked (Wait holds it), so no worker is left behind: a second report would
// hang the parent in Wait (a deadlock a test shows), not leak.
func blameOne(peers []int, mix func(int) error) (error, error) {
	blamed := make(chan error, 1)
	var g errgroup.Group
	for _, p := range peers {
		p := p
		g.Go(func() error {
			if err := mix(p); errors.Is(err, errBlamed) {
				blamed <- err
				return nil
			}
			return nil
		})
	}
	err := g.Wait()
	return <-blamed, err
}

// blameOneEarly: the twin returns before it waits on one way: the workers can be left on their sends.
func blameOneEarly(peers []int, mix func(int) error, quick bool) error {
	blamed := make(chan error, 1)
	var g errgroup.Group
	for _, p := range peers {
		p := p
		g.Go(func() error {
			if err := mix(p); errors.Is(err, errBlamed) {
				blamed <- err // want abandoned-sender `blamed <- err. blocks forever: this goroutine sends on blamed, whose buffer of 1 the sends can fill, and blameOneEarly can return`
				return nil
			}
			return nil
		})
	}
	if quick {
		return <-blamed
	}
	_ = g.Wait()
	return <-blamed
}

// collectWG: goroutines marked done by a deferred wg.Done(), waited for on every way before the one receive.
func collectWG(items []int, work func(int) int) int {
	out := make(chan int, 1)
	var wg sync.WaitGroup
	for _, it := range items {
		it := it
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- work(it)
		}()
	}
	wg.Wait()
	return <-out
}
