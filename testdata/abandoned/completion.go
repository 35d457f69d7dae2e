package abandoned

import "context"

// The goroutine cancels a ctx of its parent's once its sends are over: the parent's way out on that ctx's Done is the
// goroutine's completion, not a stop.

func feedLines(lines []string, out chan<- string) {
	for _, l := range lines {
		out <- l // want abandoned-sender `.out <- l. blocks forever: this goroutine sends on out, which has no buffer, and CollectEarly can leave on .<-ctx.Done\(\). without receiving from out`
	}
}

// Collect, silent: the feeder cancels ctx after its last send.
func Collect(lines []string) []string {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan string)
	go func() {
		feedLines(lines, out)
		cancel()
	}()
	var got []string
	for {
		select {
		case l := <-out:
			got = append(got, l)
		case <-ctx.Done():
			return got
		}
	}
}

// CollectEarly, the twin: the feeder cancels first, so the parent can leave with the feeder still sending.
func CollectEarly(lines []string) []string {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := make(chan string)
	go func() {
		cancel()
		feedLines(lines, out)
	}()
	var got []string
	for {
		select {
		case l := <-out:
			got = append(got, l)
		case <-ctx.Done():
			return got
		}
	}
}
