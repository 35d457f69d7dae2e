// Package bloom stands for another module's request multiplexer: it sends each request as a reply channel, sends
// the task on it, and waits on the same channel for the answer.
package bloom

// Task is one retrieval.
type Task struct{ Bits []byte }

// Session hands out tasks.
type Session struct{ tasks []*Task }

// Multiplex sends a reply channel per task on requests and talks on it.
func (s *Session) Multiplex(batch int, requests chan chan *Task) {
	for _, t := range s.tasks {
		request := make(chan *Task)
		requests <- request
		request <- t
		<-request
	}
}
