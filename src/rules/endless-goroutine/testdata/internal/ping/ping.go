// Package ping: a pinger only the module can import (an internal package), started only by main's setup.
package ping

import (
	"fmt"
	"time"
)

// Pinger pings once a second; Launch is called only by main's setup. ping's test file names other things Launch (a
// field, a method of another type that takes two arguments), which cannot be calls of this method: not reported.
type Pinger struct {
	acks chan bool
}

// Launch starts the pinger's loop.
func (p *Pinger) Launch() {
	go func() {
		tick := time.NewTicker(time.Second)
		for {
			select {
			case <-tick.C:
				fmt.Println("ping")
			case ok := <-p.acks:
				fmt.Println(ok)
			}
		}
	}()
}

// NewPinger makes a pinger for main.
func NewPinger() *Pinger { return &Pinger{acks: make(chan bool)} }
