// Package lifecycle holds the process's own lifetime: one context for the whole program, cancelled at shutdown.
package lifecycle

import "context"

var root, stop = context.WithCancel(context.Background())

// Done is closed when the process shuts down.
func Done() <-chan struct{} { return root.Done() }

// Shutdown ends the process's lifetime.
func Shutdown() { stop() }
