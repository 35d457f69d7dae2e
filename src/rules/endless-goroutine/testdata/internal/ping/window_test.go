package ping

import "testing"

type window struct {
	Launch, End int
}

type span struct{ from, to int }

func (s *span) Launch(from, to int) { s.from, s.to = from, to }

type job struct{ done bool }

func (j *job) Run() { j.done = true }

func TestWindow(t *testing.T) {
	w := window{Launch: 1, End: 2}
	w.Launch = w.End + 1
	var s span
	s.Launch(1, w.End)
	j := &job{}
	j.Run()
	if !j.done || s.to != w.End || w.Launch > w.End {
		t.Fatal("not run")
	}
}
