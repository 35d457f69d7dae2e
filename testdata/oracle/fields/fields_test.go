package fields

import (
	"context"
	"testing"

	"example.com/testdata/oracle/leakprof"
)

func TestMain(m *testing.M) { leakprof.Main(m) }

func TestSampler(t *testing.T) {
	NewSampler()
	NewCloser().Close()
}

func TestRows(t *testing.T) {
	rs := &Rows{}
	rs.initContextClose(context.Background())
}
