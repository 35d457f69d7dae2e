package signal

import "sync"

type shard struct{ id int }

type warmer struct {
	shards []*shard
	hits   int
}

func (w *warmer) warm(s *shard) { _ = s.id }

// warmAll counts every shard before the loop and waits inside it: the first Wait waits for Done calls of
// goroutines the loop has not started yet.
func (w *warmer) warmAll() {
	var pending sync.WaitGroup
	pending.Add(len(w.shards))
	for _, s := range w.shards {
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
		pending.Wait()
	}
}

func StartWarm(w *warmer) {
	go w.warmAll() // want unsent-signal `this goroutine waits on pending inside the loop that starts the goroutines marking it done, and .pending.Add\(len\(w.shards\)\). counted all of them before the loop: the first Wait waits for goroutines not started yet`
}

// pairs: a constant count of two, the group a pointer to a composite literal
func pairs(jobs [2]func()) {
	wg := &sync.WaitGroup{}
	wg.Add(2)
	for i := range jobs {
		job := jobs[i]
		go func() {
			job()
			wg.Done()
		}()
		wg.Wait()
	}
}

func StartPairs(jobs [2]func()) {
	go pairs(jobs) // want unsent-signal `this goroutine waits on wg inside the loop`
}

// warmAllThenWait, the twin: the Wait after the loop.
func (w *warmer) warmAllThenWait() {
	var pending sync.WaitGroup
	pending.Add(len(w.shards))
	for _, s := range w.shards {
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
	}
	pending.Wait()
}

func StartWarmThenWait(w *warmer) {
	go w.warmAllThenWait()
}

// warmOneByOne, the twin: one goroutine counted and waited for per iteration.
func (w *warmer) warmOneByOne() {
	var pending sync.WaitGroup
	for _, s := range w.shards {
		pending.Add(1)
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
		pending.Wait()
	}
}

func StartOneByOne(w *warmer) {
	go w.warmOneByOne()
}

// warmWaitLast, the twin: waits only in the last iteration, when every goroutine has been started.
func (w *warmer) warmWaitLast() {
	var pending sync.WaitGroup
	pending.Add(len(w.shards))
	for i, s := range w.shards {
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
		if i == len(w.shards)-1 {
			pending.Wait()
		}
	}
}

func StartWaitLast(w *warmer) {
	go w.warmWaitLast()
}

// warmHanded, the twin: the group is handed to a helper, which may mark it done as well.
func (w *warmer) warmHanded() {
	var pending sync.WaitGroup
	pending.Add(len(w.shards))
	for _, s := range w.shards {
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
		settle(&pending)
		pending.Wait()
	}
}

func settle(wg *sync.WaitGroup) { wg.Done() }

func StartHanded(w *warmer) {
	go w.warmHanded()
}

// warmBatchOfOne, the twin: a count of one, and the loop leaves after the first wait.
func (w *warmer) warmBatchOfOne() {
	var pending sync.WaitGroup
	pending.Add(1)
	for _, s := range w.shards {
		go func(s *shard) {
			defer pending.Done()
			w.warm(s)
		}(s)
		pending.Wait()
		break
	}
}

func StartBatchOfOne(w *warmer) {
	go w.warmBatchOfOne()
}
