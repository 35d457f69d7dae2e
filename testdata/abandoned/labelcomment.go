package abandoned

// upload stands for a transfer that reports progress and ends with an error or nil.
func upload(progress chan<- int) error { return nil }

// A comment between a label and its loop: `break loop` still leaves that loop, here only after the receive.
func UploadAll(progress chan int) {
	errCh := make(chan error)
	go func() {
		errCh <- upload(progress)
	}()
loop: // leave the for/select once the upload is done
	for {
		select {
		case p := <-progress:
			_ = p
		case err := <-errCh:
			if err != nil {
				break loop
			}
			break loop
		}
	}
}

// Twin: the progress case breaks out of the loop too, before anything receives from errCh.
func UploadFirst(progress chan int) {
	errCh := make(chan error)
	go func() {
		errCh <- upload(progress) // want abandoned-sender `.errCh <- upload\(progress\). blocks forever: this goroutine sends on errCh, which has no buffer, and UploadFirst can leave on .<-progress. without receiving from errCh`
	}()
loop: // leave the for/select at the first event
	for {
		select {
		case p := <-progress:
			_ = p
			break loop
		case err := <-errCh:
			_ = err
			break loop
		}
	}
}
