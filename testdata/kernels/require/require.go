// Package require stands in for testify's require (the API table knows it by its last path element): each
// check stops the test only when it fails.
package require

import "testing"

// NoError stops the test when err is not nil.
func NoError(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}
