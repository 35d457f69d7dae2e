package abandoned

// A value made by a constructor of the package: its fields are the fields of the type the constructor declares.

type asyncResp struct {
	resp chan int
	stop chan struct{}
}

func newAsyncResp() *asyncResp {
	return &asyncResp{resp: make(chan int), stop: make(chan struct{})}
}

// next reads responses until the stop channel closes: then nobody reads resp again.
func (a *asyncResp) next() int {
	for {
		select {
		case <-a.stop:
			return -1
		case r := <-a.resp:
			if r > 0 {
				return r
			}
		}
	}
}

func (a *asyncResp) shut() { close(a.stop) }

// Respond: the goroutine's send waits for a reader that can have stopped for good.
func Respond() *asyncResp {
	a := newAsyncResp()
	go func() {
		a.resp <- 1 // want abandoned-sender `.a.resp <- 1. blocks forever: this goroutine sends on a.resp, a struct field's channel made without a buffer, and its receiver asyncResp.next can stop receiving for good`
	}()
	return a
}

type bufferedResp struct {
	resp chan int
	stop chan struct{}
}

func newBufferedResp() *bufferedResp {
	return &bufferedResp{resp: make(chan int, 1), stop: make(chan struct{})}
}

func (a *bufferedResp) next() int {
	for {
		select {
		case <-a.stop:
			return -1
		case r := <-a.resp:
			if r > 0 {
				return r
			}
		}
	}
}

func (a *bufferedResp) shut() { close(a.stop) }

// RespondBuffered: the twin's constructor gives resp a slot for the one response.
func RespondBuffered() *bufferedResp {
	a := newBufferedResp()
	go func() {
		a.resp <- 1
	}()
	return a
}
