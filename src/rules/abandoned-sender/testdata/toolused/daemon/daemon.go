// Package daemon syncs every minute, for as long as the process runs.
package daemon

import (
	"time"

	"example.com/servetest/toolused"
)

// Loop calls the command's action again and again: each timeout of sync leaves one sender blocked.
func Loop(stop <-chan struct{}) {
	for {
		_ = toolused.Sync(nil)
		select {
		case <-stop:
			return
		case <-time.After(time.Minute):
		}
	}
}
