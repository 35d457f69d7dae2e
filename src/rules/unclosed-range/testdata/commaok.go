package unclosed

import (
	"errors"
	"sync"
)

// A comma-ok receive loop that leaves when the channel is closed is a range: nothing closes jobs, so it waits
// forever.
func CommaOkLoop(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs // want unclosed-range `for \{ …, ok := <-jobs \}. never ends: this goroutine receives from jobs until it is closed, which nothing closes`
			if !ok {
				return
			}
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Twin: the producer closes the channel, so the loop's `if !ok` leaves.
func CommaOkLoopClosed(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
}

// Twin: the loop also leaves by itself (a zero value ends it), so it does not wait for the close only.
func CommaOkLoopLeaves(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			if j == 0 {
				return
			}
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	jobs <- 0
}

type uploader struct {
	wg  sync.WaitGroup
	err error
}

// readChunk runs in the worker goroutines: it takes chunks until the channel is closed.
func (u *uploader) readChunk(ch chan int) {
	defer u.wg.Done()
	for {
		c, ok := <-ch // want unclosed-range `for \{ …, ok := <-ch \}. never ends: this goroutine receives from ch until it is closed, which uploader.upload can return without closing`
		if !ok {
			break
		}
		if u.err == nil {
			handle(c)
		}
	}
}

func (u *uploader) next(i int) (int, error) {
	if i > 100 {
		return 0, errors.New("too many")
	}
	return i, nil
}

// The producer's error return skips close(ch) and the wait: every worker waits forever.
func (u *uploader) upload(n int) error {
	ch := make(chan int, 4)
	for i := 0; i < 4; i++ {
		u.wg.Add(1)
		go u.readChunk(ch)
	}
	for i := 0; i < n; i++ {
		c, err := u.next(i)
		if err != nil {
			return err
		}
		ch <- c
	}
	close(ch)
	u.wg.Wait()
	return nil
}

// Twin: the error ends the loop, and the close and the wait run on every path.
func (u *uploader) uploadClosed(n int) error {
	ch := make(chan int, 4)
	for i := 0; i < 4; i++ {
		u.wg.Add(1)
		go u.readChunk(ch)
	}
	var err error
	for i := 0; i < n; i++ {
		var c int
		c, err = u.next(i)
		if err != nil {
			break
		}
		ch <- c
	}
	close(ch)
	u.wg.Wait()
	return err
}

// The select equivalent: the loop's one way out is the comma-ok case's `if !ok`; a flush case stays in the loop.
// Nothing closes jobs, so the goroutine waits forever.
func Batcher(items []int) {
	jobs := make(chan int)
	flush := make(chan struct{})
	go func() {
		for {
			select { // want unclosed-range `for \{ …, ok := <-jobs \}. never ends: this goroutine receives from jobs until it is closed, which nothing closes`
			case j, ok := <-jobs:
				if !ok {
					return
				}
				handle(j)
			case <-flush:
				handle(0)
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	flush <- struct{}{}
}

// Twin: the producer closes jobs when it is done.
func BatcherClosed(items []int) {
	jobs := make(chan int)
	flush := make(chan struct{})
	go func() {
		for {
			select {
			case j, ok := <-jobs:
				if !ok {
					return
				}
				handle(j)
			case <-flush:
				handle(0)
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	flush <- struct{}{}
	close(jobs)
}

// Twin: a second case leaves the loop by itself (a stop signal), so the loop does not wait for the close only.
func BatcherStops(items []int) {
	jobs := make(chan int)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case j, ok := <-jobs:
				if !ok {
					return
				}
				handle(j)
			case <-stop:
				return
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	close(stop)
}
