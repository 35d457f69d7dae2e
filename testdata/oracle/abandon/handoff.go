package abandon

import "time"

// Parents that hand the channel on (return it, or give it to a consumer) on one path but can leave without it on
// another, next to twins that hand it on on every path; and senders that close their channel after sending.

// consume receives every value until the channel is closed.
func consume(ch <-chan int) int {
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// Handoff returns the channel to its caller, except on an error: then nobody will ever receive.
func Handoff(fail bool) (<-chan int, error) {
	ch := make(chan int)
	go func() {
		ch <- slow() // want abandoned-sender `Handoff can return before receiving from ch`
	}()
	if err := prepare(fail); err != nil {
		return nil, err
	}
	return ch, nil
}

// HandoffBuffered is Handoff with a buffer: the sender finishes either way.
func HandoffBuffered(fail bool) (<-chan int, error) {
	ch := make(chan int, 1)
	go func() {
		ch <- slow()
	}()
	if err := prepare(fail); err != nil {
		return nil, err
	}
	return ch, nil
}

// HandoffAlways gives the channel to its consumer on every path.
func HandoffAlways(fail bool) int {
	ch := make(chan int)
	go func() {
		ch <- slow()
		close(ch)
	}()
	if err := prepare(fail); err != nil {
		return consume(ch)
	}
	return consume(ch) + 1
}

// Probe waits for one result from a sender that closes its channel after sending, or gives up when stopped.
func Probe(stop <-chan struct{}) bool {
	results := make(chan bool)
	go func() {
		results <- slow() > 0 // want abandoned-sender `Probe can return on .<-stop. without receiving from results`
		close(results)
	}()
	select {
	case <-stop:
		return false
	case r := <-results:
		return r
	}
}

// ProbeDrained drains the result on the way out.
func ProbeDrained(stop <-chan struct{}) bool {
	results := make(chan bool)
	go func() {
		results <- slow() > 0
		close(results)
	}()
	select {
	case <-stop:
		<-results
		return false
	case r := <-results:
		return r
	}
}

// Monitor probes once per tick; a stop while a probe runs abandons the prober, which closes its channel after
// sending.
func Monitor(stop <-chan struct{}, ticks int) {
	for i := 0; i < ticks; i++ {
		results := make(chan bool)
		go func() {
			results <- slow() > 0 // want abandoned-sender `Monitor can return on .<-stop. without receiving from results`
			close(results)
		}()
		select {
		case <-stop:
			return
		case <-results:
		}
	}
}

// MonitorDrained drains the probe before it leaves.
func MonitorDrained(stop <-chan struct{}, ticks int) {
	for i := 0; i < ticks; i++ {
		results := make(chan bool)
		go func() {
			results <- slow() > 0
			close(results)
		}()
		select {
		case <-stop:
			<-results
			return
		case <-results:
		}
	}
}

// MonitorTick probes on every tick until stopped; a stop while a probe runs abandons the prober.
func MonitorTick(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Millisecond):
			results := make(chan bool)
			go func() {
				results <- slow() > 0 // want abandoned-sender `MonitorTick can (leave|return) on .<-stop. without receiving from results`
				close(results)
			}()
			select {
			case <-stop:
				return
			case <-results:
			case <-time.After(time.Second):
				<-results // a slow probe is waited for
			}
		}
	}
}

// MonitorTickDrained waits for the probe before it leaves.
func MonitorTickDrained(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Millisecond):
			results := make(chan bool)
			go func() {
				results <- slow() > 0
				close(results)
			}()
			select {
			case <-stop:
				<-results
				return
			case <-results:
			case <-time.After(time.Second):
				<-results
			}
		}
	}
}
