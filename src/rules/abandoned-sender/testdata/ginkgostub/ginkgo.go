// Package ginkgo is a stand-in for github.com/onsi/ginkgo/v2's Fail, so the testdata vets offline: the same name
// and signature, and what matters here of the behaviour (it panics, which stops the spec).
package ginkgo

// Fail mirrors ginkgo.Fail: it records the failure and panics to stop the running spec.
func Fail(message string, callerSkip ...int) {
	panic(message)
}
