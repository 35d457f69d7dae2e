// Package relay: a link's writer shaped like conn's in fields.go (its range over the outbox ends only after a
// failed write), but the one link is opened by cmd/relayd's main for the life of the process: not reported.
package relay

import "errors"

type link struct {
	outbox chan []byte
	gone   chan struct{}
}

func newLink() *link {
	l := &link{outbox: make(chan []byte), gone: make(chan struct{})}
	go l.writer()
	return l
}

func (l *link) writer() {
	for msg := range l.outbox {
		if err := put(msg); err != nil {
			return
		}
	}
}

// Send hands msg to the writer, unless the link is gone.
func (l *link) Send(msg []byte) {
	select {
	case l.outbox <- msg:
	case <-l.gone:
	}
}

// Close gives up on the link.
func (l *link) Close() { close(l.gone) }

// Open opens the process's link.
func Open() *link { return newLink() }

func put(b []byte) error {
	if len(b) == 0 {
		return errors.New("empty")
	}
	return nil
}
