package abandoned

import "errors"

// refreshAsync starts a refresh and returns the channel its outcome arrives on; primeIndex drops that channel.
func refreshAsync(load func() (int, error)) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		outcome <- err // want abandoned-sender `.outcome <- err. blocks forever: this goroutine sends on outcome, which has no buffer and which refreshAsync only returns, and primeIndex drops what refreshAsync returns: nothing else holds the channel, so nothing can receive`
	}()
	return outcome
}

func primeIndex(load func() (int, error)) {
	refreshAsync(load)
}

type gauge struct{ level int }

// poll returns a channel only its goroutine sends on; reset drops it.
func (g *gauge) poll() <-chan bool {
	high := make(chan bool)
	go func() {
		high <- g.level > 3 // want abandoned-sender `gauge.reset drops what gauge.poll returns`
	}()
	return high
}

func (g *gauge) reset(done chan<- struct{}) {
	g.poll()
	g.level = 0
	close(done)
}

// refreshAsyncSlot, the twin: a buffer of one keeps the outcome when nobody reads it.
func refreshAsyncSlot(load func() (int, error)) chan error {
	outcome := make(chan error, 1)
	go func() {
		_, err := load()
		outcome <- err
	}()
	return outcome
}

func primeIndexSlot(load func() (int, error)) {
	refreshAsyncSlot(load)
}

// refreshAsyncRead, the twin: its only caller receives the outcome.
func refreshAsyncRead(load func() (int, error)) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		outcome <- err
	}()
	return outcome
}

func primeIndexRead(load func() (int, error)) error {
	return <-refreshAsyncRead(load)
}

// refreshAsyncKept, the twin: the caller keeps the channel and hands it to whoever reads it.
func refreshAsyncKept(load func() (int, error)) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		outcome <- err
	}()
	return outcome
}

func primeIndexKept(load func() (int, error), sink func(chan error)) {
	sink(refreshAsyncKept(load))
}

// refreshAsyncGuarded, the twin: the goroutine also gives up on a stop channel.
func refreshAsyncGuarded(load func() (int, error), stop <-chan struct{}) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		select {
		case outcome <- err:
		case <-stop:
		}
	}()
	return outcome
}

func primeIndexGuarded(load func() (int, error), stop <-chan struct{}) {
	refreshAsyncGuarded(load, stop)
}

// refreshAsyncEach, the twin: a method of another type with the same name is called and dropped, not this one.
func refreshAsyncEach(load func() (int, error)) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		outcome <- err
	}()
	return outcome
}

type replayer struct{}

func (replayer) refreshAsyncEach(load func() (int, error)) chan error { return nil }

func primeIndexEach(load func() (int, error)) error {
	var r replayer
	r.refreshAsyncEach(load)
	if err := <-refreshAsyncEach(load); err != nil {
		return errors.Join(err)
	}
	return nil
}

// refreshAsyncLater, the twin: the caller assigns the channel in a branch and reads it after the branch.
func refreshAsyncLater(load func() (int, error)) chan error {
	outcome := make(chan error)
	go func() {
		_, err := load()
		outcome <- err
	}()
	return outcome
}

func primeIndexLater(load func() (int, error), enabled bool) error {
	var outcome chan error
	if enabled {
		outcome = refreshAsyncLater(load)
	}
	if outcome == nil {
		return nil
	}
	return <-outcome
}
