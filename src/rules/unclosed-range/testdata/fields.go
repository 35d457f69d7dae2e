package unclosed

import "errors"

// Struct-field channels: one identity per T.f across the package. Put fragile cases first.

// conn's writer ranges over its outbox, which nothing in the package closes: once the connection is dropped and
// the sends stop, the writer waits forever (it leaves only after a failed write).
type conn struct {
	outbox chan []byte
	closed chan struct{}
}

func NewConn() *conn {
	c := &conn{outbox: make(chan []byte), closed: make(chan struct{})}
	go c.writer()
	return c
}

func (c *conn) writer() {
	for msg := range c.outbox { // want unclosed-range `range c.outbox. never ends: this goroutine ranges over c.outbox, which nothing in its package closes: its senders give up once conn.closed is closed, and it waits forever, outliving NewConn`
		if err := write(msg); err != nil {
			return
		}
	}
}

func (c *conn) Send(msg []byte) {
	select {
	case c.outbox <- msg:
	case <-c.closed:
	}
}

func (c *conn) Close() { close(c.closed) }

func write(b []byte) error {
	if len(b) == 0 {
		return errors.New("empty")
	}
	return nil
}

// Twin: Close closes the outbox, which ends the writer's range.
type closingConn struct {
	outbox chan []byte
}

func NewClosingConn() *closingConn {
	c := &closingConn{outbox: make(chan []byte)}
	go c.writer()
	return c
}

func (c *closingConn) writer() {
	for msg := range c.outbox {
		if err := write(msg); err != nil {
			return
		}
	}
}

func (c *closingConn) Send(msg []byte) { c.outbox <- msg }

func (c *closingConn) Close() { close(c.outbox) }

// Twin: the outbox is handed to code outside the package, which may close it.
type relayConn struct {
	outbox chan []byte
}

func NewRelayConn(register func(chan []byte)) *relayConn {
	c := &relayConn{outbox: make(chan []byte)}
	register(c.outbox)
	go c.writer()
	return c
}

func (c *relayConn) writer() {
	for msg := range c.outbox {
		if err := write(msg); err != nil {
			return
		}
	}
}

// Twin: the channel comes from the caller, who may close it.
type adoptedConn struct {
	outbox chan []byte
}

func NewAdoptedConn(outbox chan []byte) *adoptedConn {
	c := &adoptedConn{outbox: outbox}
	go c.writer()
	return c
}

func (c *adoptedConn) writer() {
	for msg := range c.outbox {
		if err := write(msg); err != nil {
			return
		}
	}
}

// Twin: a helper of the package closes the field it is handed (in a body goleash does not parse: any field of
// that name counts as handed on).
type helperConn struct {
	pending chan []byte
}

func NewHelperConn() *helperConn {
	c := &helperConn{pending: make(chan []byte)}
	go c.writer()
	return c
}

func (c *helperConn) writer() {
	for msg := range c.pending {
		if err := write(msg); err != nil {
			return
		}
	}
}

func (c *helperConn) Close() { shut(c.pending) }

func shut(ch chan []byte) { close(ch) }

// Twin: the writer selects on the outbox and on a stop channel Close closes, instead of ranging.
type selectConn struct {
	queue chan []byte
	done  chan struct{}
}

func NewSelectConn() *selectConn {
	c := &selectConn{queue: make(chan []byte), done: make(chan struct{})}
	go c.writer()
	return c
}

func (c *selectConn) writer() {
	for {
		select {
		case msg := <-c.queue:
			if err := write(msg); err != nil {
				return
			}
		case <-c.done:
			return
		}
	}
}

func (c *selectConn) Send(msg []byte) {
	select {
	case c.queue <- msg:
	case <-c.done:
	}
}

func (c *selectConn) Close() { close(c.done) }

// Twin: Close sends a nil sentinel that ends the range; the senders give up once stop is closed.
type sentinelConn struct {
	jobs chan *[]byte
	stop chan struct{}
}

func NewSentinelConn() *sentinelConn {
	c := &sentinelConn{jobs: make(chan *[]byte), stop: make(chan struct{})}
	go c.worker()
	return c
}

func (c *sentinelConn) worker() {
	for j := range c.jobs {
		if j == nil {
			return
		}
		_ = write(*j)
	}
}

func (c *sentinelConn) Submit(j *[]byte) {
	select {
	case c.jobs <- j:
	case <-c.stop:
	}
}

func (c *sentinelConn) Close() {
	close(c.stop)
	c.jobs <- nil
}

// Twin: the only stop channel the senders watch is closed by the ranging goroutine itself, when it leaves.
type selfDoneConn struct {
	reqs chan []byte
	done chan struct{}
}

func NewSelfDoneConn() *selfDoneConn {
	c := &selfDoneConn{reqs: make(chan []byte), done: make(chan struct{})}
	go c.loop()
	return c
}

func (c *selfDoneConn) loop() {
	defer close(c.done)
	for r := range c.reqs {
		if err := write(r); err != nil {
			return
		}
	}
}

func (c *selfDoneConn) Do(r []byte) bool {
	select {
	case c.reqs <- r:
		return true
	case <-c.done:
		return false
	}
}
