package unclosed

// poolTask is one unit of work for a queuePool worker.
type poolTask struct{ n int }

// queuePool keeps each worker's queue in a slice field; stop closes every queue through it.
type queuePool struct{ queues []chan poolTask }

func (p *queuePool) start(n int) {
	for i := 0; i < n; i++ {
		q := make(chan poolTask, 8)
		p.queues = append(p.queues, q)
		go p.work(q)
	}
}

func (p *queuePool) work(q <-chan poolTask) {
	for t := range q {
		_ = t
	}
}

func (p *queuePool) stop() {
	for i := range p.queues {
		close(p.queues[i])
	}
}

// startLocal keeps the queues in a local slice, and closes them through it.
func startLocal(n int, tasks []poolTask) {
	var queues []chan poolTask
	for i := 0; i < n; i++ {
		q := make(chan poolTask, 8)
		queues = append(queues, q)
		go drain(q)
	}
	for i, t := range tasks {
		queues[i%n] <- t
	}
	for _, q := range queues {
		close(q)
	}
}

func drain(q <-chan poolTask) {
	for t := range q {
		_ = t
	}
}

// Twin: a queue kept nowhere but here, and never closed.
func startLost(tasks []poolTask) {
	q := make(chan poolTask, 8)
	go func() {
		for t := range q { // want unclosed-range `.range q. never ends: this goroutine ranges over q, which nothing closes, so it waits forever once startLost stops sending`
			_ = t
		}
	}()
	for _, t := range tasks {
		q <- t
	}
}
