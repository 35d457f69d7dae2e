package kernels

import (
	"testing"
	"time"

	"example.com/testdata/kernels/require"
)

func setup() error { return nil }

func read() (int, error) { return 1, nil }

// A require check stops the test only when it fails: the test goes on past it. Its reader reports errors on an
// unbuffered channel that the test stops watching once it has its three messages, so a later read error blocks
// the reader forever.
func TestReaderAfterRequire(t *testing.T) {
	require.NoError(t, setup())
	errc := make(chan error)
	msgs := make(chan int, 1)
	go func() {
		for {
			v, err := read()
			if err != nil {
				errc <- err // want abandoned-sender `TestReaderAfterRequire can leave on .<-msgs. without receiving from errc`
				return
			}
			msgs <- v
		}
	}()
	for i := 0; i < 3; i++ {
		select {
		case <-msgs:
		case err := <-errc:
			t.Fatalf("read: %v", err)
		}
	}
}

// The reader gives up on its sends once the test is done with it.
func TestReaderDone(t *testing.T) {
	require.NoError(t, setup())
	errc := make(chan error)
	msgs := make(chan int, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			v, err := read()
			if err != nil {
				select {
				case errc <- err:
				case <-done:
				}
				return
			}
			select {
			case msgs <- v:
			case <-done:
				return
			}
		}
	}()
	for i := 0; i < 3; i++ {
		select {
		case <-msgs:
		case err := <-errc:
			t.Fatalf("read: %v", err)
		}
	}
}

type harness struct{ t *testing.T }

// The harness's *testing.T (a field) fails the test on the timeout: a sender left behind then is not reported.
func (h *harness) waitOne() {
	ch := make(chan int)
	go func() { ch <- one() }()
	require.NoError(h.t, setup())
	select {
	case <-ch:
	case <-time.After(time.Second):
		h.t.Fatalf("timed out")
	}
}

func TestHarness(t *testing.T) {
	h := &harness{t: t}
	h.waitOne()
}
