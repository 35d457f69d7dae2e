package abandon

// Struct fields' channels: one channel per field of a type, across its methods. A goroutine that sends on one is
// abandoned when every receiver of the field can stop receiving for good, or when nothing receives from it.

// node answers status requests in its loop until it is stopped.
type node struct {
	status chan chan int
	stop   chan struct{}
}

func newNode() *node {
	return &node{status: make(chan chan int), stop: make(chan struct{})}
}

func (n *node) run() {
	for {
		select {
		case c := <-n.status:
			c <- 1
		case <-n.stop:
			return
		}
	}
}

// Status asks the loop for the status; once the loop has stopped, nothing receives the request.
func (n *node) Status() int {
	c := make(chan int)
	n.status <- c // want abandoned-sender `its receiver node.run can stop receiving for good`
	return <-c
}

// quietNode is node whose Status gives up once the loop is stopped.
type quietNode struct {
	status chan chan int
	stop   chan struct{}
}

func newQuietNode() *quietNode {
	return &quietNode{status: make(chan chan int), stop: make(chan struct{})}
}

func (n *quietNode) run() {
	for {
		select {
		case c := <-n.status:
			c <- 1
		case <-n.stop:
			return
		}
	}
}

func (n *quietNode) Status() int {
	c := make(chan int)
	select {
	case n.status <- c:
	case <-n.stop:
		return 0
	}
	return <-c
}

// reporter sends its result on a field nothing receives from.
type reporter struct {
	results chan int
}

func newReporter() *reporter {
	return &reporter{results: make(chan int)}
}

func (r *reporter) report() {
	r.results <- slow() // want abandoned-sender `nothing in the module receives from it`
}

// readReporter has a reader for its results: when it is called is up to its callers.
type readReporter struct {
	results chan int
}

func newReadReporter() *readReporter {
	return &readReporter{results: make(chan int)}
}

func (r *readReporter) report() {
	r.results <- slow()
}

func (r *readReporter) Next() int {
	return <-r.results
}

// pool runs tasks; each task reports its end to the manager loop through a method of the pool.
type pool struct {
	done chan int
	stop chan struct{}
	left int
}

func newPool() *pool {
	return &pool{done: make(chan int), stop: make(chan struct{})}
}

func (p *pool) manage() {
	for {
		select {
		case <-p.done:
			p.left--
		case <-p.stop:
			return
		}
	}
}

// finished reports a task's end; once the manager has stopped, nothing receives it.
func (p *pool) finished(id int) {
	p.done <- id // want abandoned-sender `its receiver pool.manage can stop receiving for good`
}

// Run starts a task that reports through finished.
func (p *pool) Run(id int, work func()) {
	go func() {
		work()
		p.finished(id)
	}()
}

// quietPool is pool whose report gives up once the manager is stopped.
type quietPool struct {
	done chan int
	stop chan struct{}
	left int
}

func newQuietPool() *quietPool {
	return &quietPool{done: make(chan int), stop: make(chan struct{})}
}

func (p *quietPool) manage() {
	for {
		select {
		case <-p.done:
			p.left--
		case <-p.stop:
			return
		}
	}
}

func (p *quietPool) finished(id int) {
	select {
	case p.done <- id:
	case <-p.stop:
	}
}

// Run starts a task that reports through finished.
func (p *quietPool) Run(id int, work func()) {
	go func() {
		work()
		p.finished(id)
	}()
}
