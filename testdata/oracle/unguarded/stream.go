package unguarded

// Streams with no context in reach: a caller that stops reading early leaves the goroutine on its next send.

type shelf struct{ titles []string }

// stream streams the shelf through a helper that does the sends.
func (s *shelf) stream() chan string {
	ch := make(chan string, 1)
	go func() {
		defer close(ch)
		s.emit(ch)
	}()
	return ch
}

func (s *shelf) emit(ch chan string) {
	for _, t := range s.titles {
		ch <- t // want unguarded-stream `ch <- t. can block forever: this goroutine sends on ch, which shelf.stream returns to its caller, with no way out if the reader stops \(Has can stop reading early\)`
	}
}

// Has stops reading at the first match.
func Has(s *shelf, title string) bool {
	for t := range s.stream() {
		if t == title {
			return true
		}
	}
	return false
}

// listed streams the same titles; its only caller reads them all.
func (s *shelf) listed() chan string {
	ch := make(chan string, 1)
	go func() {
		defer close(ch)
		for _, t := range s.titles {
			ch <- t
		}
	}()
	return ch
}

// HasAll reads to the end before it answers.
func HasAll(s *shelf, title string) bool {
	found := false
	for t := range s.listed() {
		if t == title {
			found = true
		}
	}
	return found
}
