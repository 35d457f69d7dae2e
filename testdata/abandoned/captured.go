package abandoned

// startHook stands for a framework that runs a hook during set-up.
func startHook(hook func()) { hook() }

// The hook makes the channel into a variable of the function around it: the deferred func, which shares the
// variable, receives the result. The hook's own return is no way out for the sender.
func HookWithResult() error {
	var res chan error
	defer func() {
		if res != nil {
			<-res
		}
	}()
	startHook(func() {
		res = make(chan error)
		go func() {
			res <- dial()
		}()
	})
	return nil
}

// Twin: the hook's own channel, which nothing else can reach: the hook returns without receiving.
func HookOwnChannel() {
	startHook(func() {
		res := make(chan error)
		go func() {
			res <- dial() // want abandoned-sender `.res <- dial\(\). blocks forever: this goroutine sends on res, which has no buffer, and HookOwnChannel can return before receiving from res`
		}()
	})
}
