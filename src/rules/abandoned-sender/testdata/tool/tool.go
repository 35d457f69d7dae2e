// Package tool holds a command-line tool's commands: each runs once per process, and an error it returns ends it.
package tool

import (
	"errors"
	"time"

	"github.com/urfave/cli/v2"
)

// Commands lists the commands with their element type elided: Install is an action, called once by App.Run.
var Commands = []*cli.Command{
	{Name: "install", Usage: "install the helper", Action: Install},
}

// Install returns install's error to App.Run, and main exits on it.
func Install(c *cli.Context) error {
	if err := install(); err != nil {
		return err
	}
	return nil
}

// install leaves its sender blocked when it times out, but only on the way to the process's exit.
func install() error {
	done := make(chan error)
	go func() {
		done <- fetch()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("install timed out")
	}
}

// Retry tries again after an error and goes on: each timeout of installOnce leaves one sender blocked.
func Retry() {
	for i := 0; i < 3; i++ {
		if installOnce() == nil {
			return
		}
	}
}

func installOnce() error {
	done := make(chan error)
	go func() {
		done <- fetch() // want abandoned-sender `done <- fetch\(\). blocks forever: this goroutine sends on done, which has no buffer, and installOnce can return on .<-time.After\(time.Second\). without receiving from done`
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("install timed out")
	}
}

func fetch() error {
	time.Sleep(2 * time.Second)
	return nil
}
