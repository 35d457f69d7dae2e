// Package getterok: the twin of ../getter's Mailbox, whose Close closes the field its loop's way out waits on
// through the getter.
package getterok

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
	go m.deliver()
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

func (m *Mailbox) Close() { close(m.halt.ch) }
