package abandon

// A constructor's goroutine that only the object's owner can end, and callers that drop or close the object.

type pulse struct {
	beats chan int
	quit  chan struct{}
	n     int
}

func newPulse() *pulse {
	p := &pulse{beats: make(chan int), quit: make(chan struct{})}
	go p.run()
	return p
}

func (p *pulse) run() {
	for {
		select { // want abandoned-sender `PulseOnce keeps it in p but never hands it on or calls a method that could send on or close them`
		case v := <-p.beats:
			p.n += v
		case <-p.quit:
			return
		}
	}
}

func (p *pulse) halt() {
	close(p.quit)
}

// PulseOnce reads the count and drops the pulse.
func PulseOnce() int {
	p := newPulse()
	return p.n
}

// PulseHalted, the twin: it halts the pulse before it returns.
func PulseHalted() int {
	p := newPulse()
	defer p.halt()
	return p.n
}
