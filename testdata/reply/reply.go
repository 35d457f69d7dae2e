// Package reply holds request loops that answer each request on the reply channel it carries. A requester that
// can give up before the answer (its ctx is done, a timeout) leaves the loop blocked on a bare answer (reported);
// one that always waits for it cannot (silent).
package reply

import (
	"context"
	"errors"
	"time"
)

var errClosed = errors.New("closed")

type writeReq struct {
	data  int
	reply chan error
}

type writer struct {
	ctx  context.Context
	reqs chan *writeReq
}

func persist(batch []*writeReq) error {
	if len(batch) == 0 {
		return errors.New("empty")
	}
	return nil
}

func (w *writer) Start() {
	go w.loop()
}

// loop answers every request of a batch with a bare send.
func (w *writer) loop() {
	for {
		select {
		case r := <-w.reqs:
			batch := []*writeReq{r}
			err := persist(batch)
			for _, b := range batch {
				b.reply <- err // want ctx-unguarded-block `.b.reply <- err. can block forever`
			}
		case <-w.ctx.Done():
			return
		}
	}
}

// Append hands a request to the loop and waits for its answer, or gives up when the writer's ctx is done.
func (w *writer) Append(d int) error {
	ch := make(chan error)
	select {
	case w.reqs <- &writeReq{data: d, reply: ch}:
	case <-w.ctx.Done():
		return errClosed
	}
	select {
	case err := <-ch:
		return err
	case <-w.ctx.Done():
		return errClosed
	}
}

type lookupReq struct {
	key   string
	reply chan int
}

type table struct {
	ctx  context.Context
	reqs chan lookupReq
}

func (t *table) Start() {
	go t.serve()
}

// serve answers each lookup with a bare send; every requester waits for its answer.
func (t *table) serve() {
	for {
		select {
		case r := <-t.reqs:
			r.reply <- len(r.key)
		case <-t.ctx.Done():
			return
		}
	}
}

// Lookup waits for the answer once its request is taken, whatever happens.
func (t *table) Lookup(key string) int {
	ch := make(chan int)
	select {
	case t.reqs <- lookupReq{key: key, reply: ch}:
	case <-t.ctx.Done():
		return -1
	}
	return <-ch
}

type pingReq struct {
	reply chan time.Duration
}

// manager owns the ctx of the pingers it makes: a pinger reaches it through a field of a field.
type manager struct {
	ctx context.Context
}

type pinger struct {
	mgr  *manager
	reqs chan pingReq
}

func (p *pinger) Start() {
	go p.serve()
}

func (p *pinger) serve() {
	for {
		select {
		case r := <-p.reqs:
			r.reply <- time.Millisecond // want ctx-unguarded-block `.r.reply <- time.Millisecond. can block forever`
		case <-p.mgr.ctx.Done():
			return
		}
	}
}

// Ping gives up after a second: the answer can come to nobody.
func (p *pinger) Ping() (time.Duration, error) {
	ch := make(chan time.Duration)
	p.reqs <- pingReq{reply: ch}
	select {
	case d := <-ch:
		return d, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

type countReq struct {
	n     int
	reply chan int
}

type counter struct {
	ctx  context.Context
	reqs chan countReq
}

func (c *counter) Start() {
	go c.serve()
}

// serve answers with a bare send, but every reply channel has a slot for its one answer: silent.
func (c *counter) serve() {
	total := 0
	for {
		select {
		case r := <-c.reqs:
			total += r.n
			r.reply <- total
		case <-c.ctx.Done():
			return
		}
	}
}

// Add gives up when the counter's ctx is done; the answer then waits in its buffer.
func (c *counter) Add(n int) (int, error) {
	ch := make(chan int, 1)
	c.reqs <- countReq{n: n, reply: ch}
	select {
	case v := <-ch:
		return v, nil
	case <-c.ctx.Done():
		return 0, errClosed
	}
}
