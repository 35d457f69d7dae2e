package signal

import (
	"errors"
	"sync"
)

var errBad = errors.New("bad")

func check(n int) error {
	if n < 0 {
		return errBad
	}
	return nil
}

// SumAll's workers skip wg.Done() on the error path: once one fails, Wait never returns.
func SumAll(items []int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, n := range items {
		wg.Add(1)
		go func(n int) { // want unsent-signal `this goroutine can return without calling wg.Done\(\), and SumAll waits on wg: the wait never ends`
			if err := check(n); err != nil {
				return
			}
			mu.Lock()
			total += n
			mu.Unlock()
			wg.Done()
		}(n)
	}
	wg.Wait()
	return total
}

// SumAllDeferred, the twin: a deferred Done runs on every way out.
func SumAllDeferred(items []int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, n := range items {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			if err := check(n); err != nil {
				return
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}(n)
	}
	wg.Wait()
	return total
}

// SumAllEachPath, the twin: every way out calls Done.
func SumAllEachPath(items []int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, n := range items {
		wg.Add(1)
		go func(n int) {
			if err := check(n); err != nil {
				wg.Done()
				return
			}
			mu.Lock()
			total += n
			mu.Unlock()
			wg.Done()
		}(n)
	}
	wg.Wait()
	return total
}

// SumAllPanics, the twin: the path without Done panics, which ends the program rather than the wait.
func SumAllPanics(items []int) int {
	var wg sync.WaitGroup
	for _, n := range items {
		wg.Add(1)
		go func(n int) {
			if n < 0 {
				panic(errBad)
			}
			wg.Done()
		}(n)
	}
	wg.Wait()
	return len(items)
}

// SumAllHanded, the twin: the group is handed to a helper, whose Done calls goleash does not count.
func SumAllHanded(items []int, finish func(*sync.WaitGroup)) int {
	var wg sync.WaitGroup
	for _, n := range items {
		wg.Add(1)
		go func(n int) {
			if n < 0 {
				finish(&wg)
				return
			}
			wg.Done()
		}(n)
	}
	wg.Wait()
	return len(items)
}
