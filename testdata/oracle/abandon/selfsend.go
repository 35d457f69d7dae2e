package abandon

// Functions that send on a channel they made before anyone else can hold it: the send has no receiver, ever.

// waitErr reports an early error on the channel it is about to return: nobody has the channel yet.
func waitErr(fail bool) <-chan error {
	errC := make(chan error)
	if err := prepare(fail); err != nil {
		errC <- err // want abandoned-sender `before waitErr has handed it to anyone`
		return errC
	}
	return errC
}

// waitErrBuffered gives the early error a slot.
func waitErrBuffered(fail bool) <-chan error {
	errC := make(chan error, 1)
	if err := prepare(fail); err != nil {
		errC <- err
		return errC
	}
	return errC
}

// waitErrLater hands the channel to a goroutine, whose send the caller receives.
func waitErrLater(fail bool) <-chan error {
	errC := make(chan error)
	go func() {
		if err := prepare(fail); err != nil {
			errC <- err
		}
		close(errC)
	}()
	return errC
}
