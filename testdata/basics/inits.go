package basics

import (
	"context"
	"os/exec"
	"time"
)

// Two init functions share the name (goleash tells them apart by line); each body is left out of the first parse (it only mentions a
// context), and a go statement in each follows a call into a helper that is also left out.

var initCtx, initCancel = context.WithTimeout(context.Background(), time.Second)

func init() {
	ready := make(chan int)
	go waitInit(initCtx, ready) // want ctx-done-missing `goroutine running waitInit receives initCtx but never observes initCtx.Done\(\); it can block at .<-ready.`
	go watchInit(initCtx, ready)
	initCancel()
}

func init() {
	_ = exec.CommandContext(initCtx, "true")
}

func waitInit(ctx context.Context, ready chan int) {
	logInit(ctx)
	<-ready
}

func watchInit(ctx context.Context, ready chan int) {
	passInit(ctx)
	<-ready
}

// logInit only reads a value from ctx: it does not observe cancellation.
func logInit(ctx context.Context) {
	_ = ctx.Value("k")
}

// passInit hands ctx to a call outside the module that takes it: taken to observe.
func passInit(ctx context.Context) {
	_ = exec.CommandContext(ctx, "true")
}
