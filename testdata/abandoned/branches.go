package abandoned

type entry struct {
	err error
	dir bool
}

func statEntry() (entry, error) { return entry{}, nil }
func listEntries() []entry      { return nil }

// One sender or the other, on the two arms of an if: the error return on the second arm comes before its own go
// statement, so no goroutine exists yet, and the range takes the single send of the first arm before its return.
func ExclusiveSenders(dir bool) error {
	ch := make(chan entry)
	e, err := statEntry()
	if err != nil {
		return err
	}
	if !e.dir {
		go func() {
			defer close(ch)
			ch <- e
		}()
	} else {
		if _, err := statEntry(); err != nil {
			return err
		}
		go func() {
			defer close(ch)
			for _, x := range listEntries() {
				ch <- x // want abandoned-sender `ExclusiveSenders can return after receiving from ch once, fewer than the many sends`
			}
		}()
	}
	for x := range ch {
		if x.err != nil {
			return x.err
		}
	}
	return nil
}

// The same single sender, but the error return follows its go statement on the same path: the send is left behind.
func SenderThenReturn() error {
	ch := make(chan entry)
	e, err := statEntry()
	if err != nil {
		return err
	}
	go func() {
		defer close(ch)
		ch <- e // want abandoned-sender `SenderThenReturn can return before receiving from ch`
	}()
	if _, err := statEntry(); err != nil {
		return err
	}
	for x := range ch {
		if x.err != nil {
			return x.err
		}
	}
	return nil
}
