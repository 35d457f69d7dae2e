// Command ticker: the functions of package main set up the one program it builds, so the endless loops they
// start live as long as that program and are not reported.
package main

import (
	"fmt"
	"time"
)

// every returns a channel that is fed once per tick for the life of the program: not reported.
func every(d time.Duration) <-chan time.Time {
	out := make(chan time.Time, 1)
	go func() {
		for now := range time.Tick(d) {
			out <- now
		}
	}()
	return out
}

func main() {
	ticks := every(time.Second)
	for i := 0; i < 3; i++ {
		fmt.Println(<-ticks)
	}
}
