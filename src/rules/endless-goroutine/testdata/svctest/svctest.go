// Package svctest: a test helper package (it imports testing) that other packages' tests call.
package svctest

import (
	"testing"

	"example.com/rules/endlessgoroutine/svc"
)

// Start gives a test a probe of its own.
func Start(t testing.TB) *svc.Probe {
	t.Helper()
	return svc.NewProbe()
}
