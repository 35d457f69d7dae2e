package locks

import "sync"

// A status manager sends each update with its lock held; its worker receives an update and then takes the same
// lock to apply it. A second update sent while the worker applies the first holds the lock the worker waits for,
// and waits for a receive the worker never gets back to.
type statusManager struct {
	mu      sync.Mutex
	updates chan int
	applied int
}

func (s *statusManager) set(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates <- v // want held-lock-wait `.s.updates <- v. blocks forever: this goroutine sends on s.updates, which has no buffer, while it holds s.mu, and every operation that could receive from or close it \(in statusManager.apply\) takes that mutex first`
}

func (s *statusManager) apply() {
	v := <-s.updates
	s.record(v)
}

func (s *statusManager) record(v int) {
	s.mu.Lock()
	s.applied = v
	s.mu.Unlock()
}

// StartStatus runs the worker and two updates.
func StartStatus() {
	s := &statusManager{updates: make(chan int)}
	go func() {
		for {
			s.apply()
		}
	}()
	go s.set(1)
	go s.set(2)
}

// The twin sends after letting go of the lock.
type calmStatus struct {
	mu      sync.Mutex
	updates chan int
	pending int
	applied int
}

func (s *calmStatus) set(v int) {
	s.mu.Lock()
	s.pending++
	s.mu.Unlock()
	s.updates <- v
}

func (s *calmStatus) apply() {
	v := <-s.updates
	s.mu.Lock()
	s.applied = v
	s.mu.Unlock()
}

// StartCalmStatus runs the twin.
func StartCalmStatus() {
	s := &calmStatus{updates: make(chan int)}
	go func() {
		for {
			s.apply()
		}
	}()
	go s.set(1)
	go s.set(2)
}

// A broadcaster's stop closes the updates and waits for its worker to finish with the lock held; the worker ranges
// over the updates and takes the lock for each, before it gets to its deferred close of done.
type broadcaster struct {
	mu      sync.Mutex
	updates chan int
	done    chan struct{}
	last    int
}

func newBroadcaster() *broadcaster {
	b := &broadcaster{updates: make(chan int, 1), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		for v := range b.updates {
			b.merge(v)
		}
	}()
	return b
}

func (b *broadcaster) merge(v int) {
	b.mu.Lock()
	b.last = v
	b.mu.Unlock()
}

func (b *broadcaster) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.updates)
	<-b.done // want held-lock-wait `.<-b.done. blocks forever: this goroutine receives from b.done, which has no buffer, while it holds b.mu, and every operation that could send on it or close it \(in newBroadcaster\) takes that mutex first`
}

// StopBroadcaster stops one in a goroutine of its own.
func StopBroadcaster() {
	b := newBroadcaster()
	b.updates <- 1
	go b.stop()
}

// The twin waits for the worker after letting go of the lock.
type calmBroadcaster struct {
	mu      sync.Mutex
	updates chan int
	done    chan struct{}
	last    int
}

func newCalmBroadcaster() *calmBroadcaster {
	b := &calmBroadcaster{updates: make(chan int, 1), done: make(chan struct{})}
	go func() {
		defer close(b.done)
		for v := range b.updates {
			b.merge(v)
		}
	}()
	return b
}

func (b *calmBroadcaster) merge(v int) {
	b.mu.Lock()
	b.last = v
	b.mu.Unlock()
}

func (b *calmBroadcaster) stop() {
	b.mu.Lock()
	close(b.updates)
	b.mu.Unlock()
	<-b.done
}

// StopCalmBroadcaster stops the twin in a goroutine of its own.
func StopCalmBroadcaster() {
	b := newCalmBroadcaster()
	b.updates <- 1
	go b.stop()
}
