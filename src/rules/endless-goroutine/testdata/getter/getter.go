// Package getter: a loop's way out waits on a channel field read through a getter method (`<-m.halt.wait()`),
// and nothing in the package closes or sends on that field. The twin in ../getterok closes it; Relay below hands
// the getter's channel on, so code goleash does not follow may use it, and stays silent.
package getter

type halt struct {
	ch chan struct{}
}

func (h *halt) wait() <-chan struct{} {
	if h == nil {
		return nil
	}
	return h.ch
}

type Mailbox struct {
	halt  *halt
	inbox chan string
	seen  []string
}

func NewMailbox() *Mailbox {
	m := &Mailbox{halt: &halt{ch: make(chan struct{})}, inbox: make(chan string)}
	go m.deliver() // want endless-goroutine `its way out waits on m.halt.wait.., which nothing in its package closes or sends on`
	return m
}

func (m *Mailbox) deliver() {
	for {
		select {
		case s := <-m.inbox:
			m.seen = append(m.seen, s)
		case <-m.halt.wait():
			return
		}
	}
}

func (m *Mailbox) Post(s string) { m.inbox <- s }

type gate struct {
	open chan struct{}
}

func (g *gate) opened() <-chan struct{} { return g.open }

type Relay struct {
	gate *gate
	in   chan int
	sum  int
}

func NewRelay() *Relay {
	r := &Relay{gate: &gate{open: make(chan struct{})}, in: make(chan int)}
	go r.pump()
	return r
}

func (r *Relay) pump() {
	for {
		select {
		case n := <-r.in:
			r.sum += n
		case <-r.gate.opened():
			return
		}
	}
}

// Gate hands the channel to the caller.
func (r *Relay) Gate() <-chan struct{} { return r.gate.opened() }
