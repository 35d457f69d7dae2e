// Package suite is a stand-in for testify's suite: the few names the testdata uses.
package suite

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Suite is embedded by a test suite.
type Suite struct{ t *testing.T }

// T is the suite's current test.
func (s *Suite) T() *testing.T { return s.t }

// Require returns the checks that stop the current test.
func (s *Suite) Require() *require.Assertions { return require.New(s.t) }

// Run runs the suite's tests.
func Run(t *testing.T, _ interface{}) { _ = t }
