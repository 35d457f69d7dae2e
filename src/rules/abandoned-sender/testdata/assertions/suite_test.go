package assertions

import (
	"testing"
	"time"

	"github.com/stretchr/testify/suite"
)

type streamSuite struct {
	suite.Suite
}

func TestStreamSuite(t *testing.T) { suite.Run(t, new(streamSuite)) }

// The timeout stops the test through the suite's Require(): a failing test, not a leave.
func (s *streamSuite) TestRequireStops() {
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
			s.Require().FailNow("timed out")
			return
		}
	}
}

// Twin: the timeout only logs: the test passes and the sender blocks forever.
func (s *streamSuite) TestLogOnly() {
	out := make(chan int, 1)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			v, err := recv(i)
			if err != nil {
				return
			}
			out <- v // want abandoned-sender `out <- v. blocks forever: this goroutine sends on out, whose buffer of 1 this goroutine's sends can fill, and streamSuite.TestLogOnly can return on .<-time.After\(time.Second\). without receiving from out`
		}
	}()
	var got []int
	for len(got) < 3 {
		select {
		case v := <-out:
			got = append(got, v)
		case <-time.After(time.Second):
			s.T().Log("timed out")
			return
		}
	}
}
