package signal

import "context"

type relay struct {
	peers []string
	sent  int
}

// announce takes an ack channel and never touches it.
func (r *relay) announce(ack chan struct{}) {
	for range r.peers {
		r.sent++
	}
}

// join waits for an ack that nothing can send.
func (r *relay) join() {
	ack := make(chan struct{})
	go r.announce(ack)
	<-ack
}

func StartJoin(r *relay) {
	go r.join() // want unsent-signal `this goroutine waits on ack, and nothing sends on or closes ack: not this goroutine, nor any goroutine or call it hands the channel to, so the wait never ends`
}

// announceAcked, the twin: closes the ack when it is done.
func (r *relay) announceAcked(ack chan struct{}) {
	defer close(ack)
	for range r.peers {
		r.sent++
	}
}

func (r *relay) joinAcked() {
	ack := make(chan struct{})
	go r.announceAcked(ack)
	<-ack
}

func StartJoinAcked(r *relay) {
	go r.joinAcked()
}

// joinHanded, the twin: the ack is handed to code goleash cannot see, which may close it.
func (r *relay) joinHanded(notify func(chan struct{})) {
	ack := make(chan struct{})
	go r.announce(ack)
	notify(ack)
	<-ack
}

func StartJoinHanded(r *relay, notify func(chan struct{})) {
	go r.joinHanded(notify)
}

// joinOrQuit, the twin: the wait also ends with the context.
func (r *relay) joinOrQuit(ctx context.Context) {
	ack := make(chan struct{})
	go r.announce(ack)
	select {
	case <-ack:
	case <-ctx.Done():
	}
}

func StartJoinOrQuit(ctx context.Context, r *relay) {
	go r.joinOrQuit(ctx)
}
