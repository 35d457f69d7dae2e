// Command oncecmd sets up its watchers: SetupWatch once, Watch once per channel.
package main

import (
	"context"

	"example.com/testdata/unguarded"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := make(chan int)
	unguarded.SetupWatch(ctx, events)
	for _, ch := range []chan int{make(chan int), make(chan int)} {
		unguarded.Watch(ctx, ch)
	}
	<-events
}
