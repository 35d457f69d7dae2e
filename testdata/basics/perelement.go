// A batch handler starts one goroutine per request, each with the key of the loop as its slot in a slice of
// fresh channels, and then receives once from every slot in order: each goroutine's one send meets a receive.
// Beside it, a handler that stops collecting at the first failure, one whose goroutines all share slot 0, and
// one whose goroutine can answer twice.
package basics

import "context"

type peAnswer struct {
	ok  bool
	msg string
}

func peApply(ctx context.Context, item string) peAnswer {
	_, _ = ctx.Value(item).(string)
	return peAnswer{ok: item != "", msg: item}
}

func ApplyAll(ctx context.Context, items []string) []peAnswer {
	slots := make([]chan peAnswer, 0, len(items))
	for k, it := range items {
		slots = append(slots, make(chan peAnswer))
		go func(slot int, item string) {
			slots[slot] <- peApply(ctx, item)
		}(k, it)
	}
	var out []peAnswer
	for _, c := range slots {
		a := <-c
		out = append(out, a)
	}
	return out
}

// stops at the first failure: the goroutines of the later slots are never received from
func ApplyUntilFailure(ctx context.Context, items []string) []peAnswer {
	var slots []chan peAnswer
	for k, it := range items {
		slots = append(slots, make(chan peAnswer))
		go func(slot int, item string) { // want ctx-done-missing `can block at .slots\[slot\] <- peApply\(ctx, item\).`
			slots[slot] <- peApply(ctx, item)
		}(k, it)
	}
	var out []peAnswer
	for _, c := range slots {
		a := <-c
		if !a.ok {
			return out
		}
		out = append(out, a)
	}
	return out
}

// every goroutine answers in slot 0, which is received from once
func ApplyIntoFirst(ctx context.Context, items []string) []peAnswer {
	slots := []chan peAnswer{}
	for _, it := range items {
		slots = append(slots, make(chan peAnswer))
		go func(item string) { // want ctx-done-missing `can block at .slots\[0\] <- peApply\(ctx, item\).`
			slots[0] <- peApply(ctx, item)
		}(it)
	}
	var out []peAnswer
	for _, c := range slots {
		out = append(out, <-c)
	}
	return out
}

// a goroutine that answers once per word of its item: its slot is received from once
func ApplyPerWord(ctx context.Context, items []string) []peAnswer {
	slots := make([]chan peAnswer, 0)
	for k, it := range items {
		slots = append(slots, make(chan peAnswer))
		go func(slot int, item string) { // want ctx-done-missing `can block at .slots\[slot\] <- peApply\(ctx, w\).`
			for _, w := range []string{item, item + "!"} {
				slots[slot] <- peApply(ctx, w)
			}
		}(k, it)
	}
	var out []peAnswer
	for _, c := range slots {
		out = append(out, <-c)
	}
	return out
}
