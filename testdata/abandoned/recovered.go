package abandoned

import "errors"

var errPanicked = errors.New("panicked")

// Guarded recovers from a panic of its own: the panic then returns to its caller, and the sender is left behind.
func Guarded(f func() int, check func() bool) (out int, err error) {
	res := make(chan int)
	go func() {
		res <- f() // want abandoned-sender `.res <- f\(\). blocks forever: this goroutine sends on res, which has no buffer, and Guarded can return before receiving from res`
	}()
	defer func() {
		if r := recover(); r != nil {
			err = errPanicked
		}
	}()
	if !check() {
		panic("check failed")
	}
	return <-res, nil
}

// Unguarded, the twin: without a recover the panic ends the program, not just the function.
func Unguarded(f func() int, check func() bool) int {
	res := make(chan int)
	go func() {
		res <- f()
	}()
	if !check() {
		panic("check failed")
	}
	return <-res
}

// GuardedDrain, the twin: the recovering func receives the result itself.
func GuardedDrain(f func() int, check func() bool) (out int, err error) {
	res := make(chan int)
	go func() {
		res <- f()
	}()
	defer func() {
		if r := recover(); r != nil {
			<-res
			err = errPanicked
		}
	}()
	if !check() {
		panic("check failed")
	}
	return <-res, nil
}

func mustCheck(check func() bool) {
	if !check() {
		panic("check failed")
	}
}

// GuardedCall recovers from a panic of a function it calls: that call returns from it too.
func GuardedCall(f func() int, check func() bool) (out int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanicked
		}
	}()
	res := make(chan int)
	go func() {
		res <- f() // want abandoned-sender `.res <- f\(\). blocks forever: this goroutine sends on res, which has no buffer, and GuardedCall can return before receiving from res`
	}()
	mustCheck(check)
	return <-res, nil
}

func quietCheck(check func() bool) bool { return check() }

// GuardedQuietCall, the twin: the function it calls cannot panic (not by a panic of its own).
func GuardedQuietCall(f func() int, check func() bool) (out int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errPanicked
		}
	}()
	res := make(chan int)
	go func() {
		res <- f()
	}()
	ok := quietCheck(check)
	v := <-res
	if !ok {
		return 0, errPanicked
	}
	return v, nil
}
