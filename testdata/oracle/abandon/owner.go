package abandon

import "errors"

var errDial = errors.New("dial failed")

// pipe forwards values until it is closed.
type pipe struct {
	stop chan struct{}
	in   chan int
}

func (p *pipe) run() {
	for {
		select { // want abandoned-sender `.select. blocks forever: this goroutine waits for p.in and p.stop, channels made for the object it runs on, and OpenPipe can return without p`
		case <-p.stop:
			return
		case v := <-p.in:
			_ = v
		}
	}
}

func (p *pipe) Close() { close(p.stop) }

// OpenPipe starts the pipe, then drops it when the dial fails.
func OpenPipe(dial func() error) (*pipe, error) {
	p := &pipe{stop: make(chan struct{}), in: make(chan int)}
	go p.run()
	if err := dial(); err != nil {
		return nil, err
	}
	return p, nil
}

// OpenPipeClosed, the twin: the failed dial closes the pipe.
func OpenPipeClosed(dial func() error) (*pipe, error) {
	p := &pipe{stop: make(chan struct{}), in: make(chan int)}
	go p.run()
	if err := dial(); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}
