package abandoned

import (
	"time"

	"example.com/testdata/abandoned/lifecycle"
)

// UntilShutdown leaves only when the process shuts down (a package's Done, global state): the sender goes with the
// process, not one more per call.
func UntilShutdown(work func() error) error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	select {
	case err := <-errc:
		return err
	case <-lifecycle.Done():
		return nil
	}
}

// UntilShutdownOrTimeout, the twin: a timeout is a way out of every call.
func UntilShutdownOrTimeout(work func() error) error {
	errc := make(chan error)
	go func() {
		errc <- work() // want abandoned-sender `UntilShutdownOrTimeout can leave on .<-time.After\(time.Second\). without receiving from errc`
	}()
	select {
	case err := <-errc:
		return err
	case <-lifecycle.Done():
		return nil
	case <-time.After(time.Second):
		return nil
	}
}
