package main

import (
	"context"
	"time"

	. "example.com/crosspkg/internal/util"
	w "example.com/crosspkg/internal/worker"
)

// main's own goroutines live as long as the program (its return ends the process): not judged, even where the
// same goroutine started by run is.
func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out := make(chan w.Result)
	go w.Leaky(ctx, out)
	run()
}

// run is called by main; it could be called again, so what it starts is judged.
func run() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out := make(chan w.Result)
	go w.Leaky(ctx, out) // want ctx-done-missing `goroutine running Leaky receives ctx but never observes ctx.Done\(\); it can block at .out <- Result\{N: 1\}.`
	go w.Careful(ctx, out)
	go w.Forward(ctx, out)
	p := w.New()
	go p.Run(ctx) // want ctx-done-missing `goroutine running Pump.Run receives ctx .* at .for range p.in.`
	go p.RunCtx(ctx)
	ch := make(chan int)
	go Block(ctx, ch) // want ctx-done-missing `goroutine running Block receives ctx`
	go func() {
		// a call into the module that hands on ctx to code that observes it
		w.Forward(ctx, out)
	}()
	go func() { // want ctx-done-missing `captures ctx .* in Leaky`
		w.Leaky(ctx, out)
	}()
	<-out
}
