package abandoned

import "context"

type flushBatch []int

// flushFetch sends full batches from its loop and the rest once at the end: the loop's sends can fill the
// 2-slot buffer, so the last send can block as well as the loop's (one finding for the goroutine and the channel,
// at the first of its sends).
func flushFetch(items []int, out chan<- flushBatch) {
	var cur flushBatch
	for _, it := range items {
		cur = append(cur, it)
		if len(cur) == 4 {
			out <- cur // want abandoned-sender `whose buffer of 2 this goroutine's sends can fill, and FlushRun can return on .<-ctx.Done\(\). without receiving from out`
			cur = nil
		}
	}
	if len(cur) > 0 {
		out <- cur
	}
}

// FlushRun stops reading when ctx is done.
func FlushRun(ctx context.Context, items []int) int {
	out := make(chan flushBatch, 2)
	go flushFetch(items, out)
	n := 0
	for {
		select {
		case b := <-out:
			n += len(b)
		case <-ctx.Done():
			return n
		}
	}
}

// flushFetchClosing closes its channel when done.
func flushFetchClosing(items []int, out chan<- flushBatch) {
	defer close(out)
	var cur flushBatch
	for _, it := range items {
		cur = append(cur, it)
		if len(cur) == 4 {
			out <- cur
			cur = nil
		}
	}
	if len(cur) > 0 {
		out <- cur
	}
}

// FlushRunAll is the twin: it reads every batch until the channel is closed.
func FlushRunAll(items []int) int {
	out := make(chan flushBatch, 2)
	go flushFetchClosing(items, out)
	n := 0
	for b := range out {
		n += len(b)
	}
	return n
}
