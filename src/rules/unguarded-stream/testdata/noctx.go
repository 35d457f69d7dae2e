package stream

// Streams with no context anywhere in reach: a caller of the module that stops reading early is what makes the
// leak certain, so only such a stream is judged.

type tree struct {
	names []string
	subs  []*tree
}

// files streams every name of the tree, a helper doing the sends; find leaves on the first match.
func (t *tree) files() chan string {
	ch := make(chan string, 1)
	go func() {
		defer close(ch)
		t.walk("", ch)
	}()
	return ch
}

func (t *tree) walk(base string, ch chan string) {
	for _, s := range t.subs {
		s.walk(base+"/", ch)
	}
	for _, n := range t.names {
		ch <- base + n // want unguarded-stream `.ch <- base \+ n. can block forever: this goroutine sends on ch, which tree.files returns to its caller, with no way out if the reader stops \(find can stop reading early\)`
	}
}

func find(t *tree, name string) bool {
	for n := range t.files() {
		if n == name {
			return true
		}
	}
	return false
}

// all streams the top names; its only caller reads to the end: not reported.
func (t *tree) all() chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, n := range t.names {
			ch <- n
		}
	}()
	return ch
}

func count(t *tree) int {
	n := 0
	for range t.all() {
		n++
	}
	return n
}

// Names streams the top names to callers outside the module too: with no context in reach and no caller seen to
// stop, not judged.
func (t *tree) Names() chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, n := range t.names {
			ch <- n
		}
	}()
	return ch
}

// lister is how callers see streams of names; calls through it may reach any implementation.
type lister interface {
	list() chan string
}

type dir struct{ names []string }

// list streams the names; its only callers go through the interface, so none surely calls it: not judged.
func (d *dir) list() chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, n := range d.names {
			ch <- n
		}
	}()
	return ch
}

func firstOf(l lister) string {
	for n := range l.list() {
		return n
	}
	return ""
}
