package unguarded

import (
	"context"
	"time"
)

// controller runs workers until its stop channel, which its starter hands ctx.Done(), is closed.
type controller struct {
	ready chan struct{}
}

func (c *controller) work(stopCh <-chan struct{}) {
	for {
		select {
		case <-stopCh:
			return
		case <-time.After(time.Second):
		}
	}
}

// Run waits for the stop channel at its end: that receive is how it watches its context, not a block beside it.
func (c *controller) Run(workers int, stopCh <-chan struct{}) {
	select {
	case <-stopCh:
		return
	case <-c.ready:
	}
	for i := 0; i < workers; i++ {
		go c.work(stopCh)
	}
	<-stopCh
}

func StartController(ctx context.Context, c *controller) {
	go c.Run(2, ctx.Done())
}

// RunReport, the leak beside it: after its stop channel fires it reports on a channel with no Done case.
func (c *controller) RunReport(stopCh <-chan struct{}, report chan<- string) {
	select {
	case <-stopCh:
		return
	case <-c.ready:
	}
	report <- "ready" // want ctx-unguarded-block `.report <- "ready". can block forever: goroutine running controller.RunReport observes stopCh \(the Done channel it was handed\) elsewhere, but this operation is not in a select with it`
}

func StartControllerReport(ctx context.Context, c *controller, report chan<- string) {
	go c.RunReport(ctx.Done(), report)
}
