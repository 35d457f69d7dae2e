package abandoned

import "sync"

// CollectErrors leaves once the closer says every worker has returned, and each worker marks the group done only
// after its send: every error was received before the loop ends.
func CollectErrors(items []string, get func(string) error) []error {
	var wg sync.WaitGroup
	var errs []error
	errCh := make(chan error)
	waitCh := make(chan struct{})
	for _, it := range items {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			if err := get(s); err != nil {
				errCh <- err
			}
		}(it)
	}
	go func() {
		wg.Wait()
		close(waitCh)
	}()
loop:
	for {
		select {
		case <-waitCh:
			break loop
		case err := <-errCh:
			errs = append(errs, err)
		}
	}
	return errs
}

// CollectFirst, the twin: it leaves on the first error, and the workers still sending are left behind.
func CollectFirst(items []string, get func(string) error) error {
	var wg sync.WaitGroup
	errCh := make(chan error)
	waitCh := make(chan struct{})
	for _, it := range items {
		wg.Add(1)
		go func(s string) {
			defer wg.Done()
			if err := get(s); err != nil {
				errCh <- err // want abandoned-sender `.errCh <- err. blocks forever: this goroutine sends on errCh, which has no buffer, and CollectFirst starts one sender per loop iteration but receives from errCh once`
			}
		}(it)
	}
	go func() {
		wg.Wait()
		close(waitCh)
	}()
	select {
	case <-waitCh:
		return nil
	case err := <-errCh:
		return err
	}
}
