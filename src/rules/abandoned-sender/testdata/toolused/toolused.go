// Package toolused defines a command whose exported action another package also calls in a loop: its errors do
// not end the process there, so what it leaves blocked is a leak.
package toolused

import (
	"errors"
	"time"

	"github.com/urfave/cli/v2"
)

// Commands lists the command: Sync is its action.
var Commands = []*cli.Command{
	{Name: "sync", Usage: "sync once", Action: Sync},
}

// Sync returns sync's error to its caller: App.Run's, or the daemon's loop.
func Sync(c *cli.Context) error {
	if err := sync(); err != nil {
		return err
	}
	return nil
}

func sync() error {
	done := make(chan error)
	go func() {
		done <- pull() // want abandoned-sender `done <- pull\(\). blocks forever: this goroutine sends on done, which has no buffer, and sync can return on .<-time.After\(time.Second\). without receiving from done`
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("sync timed out")
	}
}

func pull() error {
	time.Sleep(2 * time.Second)
	return nil
}
