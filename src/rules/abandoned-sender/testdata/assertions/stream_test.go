// Tests that read a stream with a timeout: the timeout stops the test through testify's require object (an
// Assertions made by require.New), so the sender left behind is behind a failing test, not a leak of a passing one.
package assertions

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func recv(i int) (int, error) { return i, nil }

func TestStreamRequireObject(t *testing.T) {
	require := require.New(t)
	out := make(chan int, 1)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			v, err := recv(i)
			if err != nil {
				return
			}
			out <- v
		}
	}()
	var got []int
	for len(got) < 3 {
		select {
		case v := <-out:
			got = append(got, v)
		case <-time.After(time.Second):
			require.FailNow("timed out")
			return
		}
	}
}

// Twin: the timeout only logs and returns: the test passes and the sender blocks forever.
func TestStreamLogsTimeout(t *testing.T) {
	out := make(chan int, 1)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			v, err := recv(i)
			if err != nil {
				return
			}
			out <- v // want abandoned-sender `out <- v. blocks forever: this goroutine sends on out, whose buffer of 1 this goroutine's sends can fill, and TestStreamLogsTimeout can return on .<-time.After\(time.Second\). without receiving from out`
		}
	}()
	var got []int
	for len(got) < 3 {
		select {
		case v := <-out:
			got = append(got, v)
		case <-time.After(time.Second):
			t.Log("timed out")
			return
		}
	}
}
