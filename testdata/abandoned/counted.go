package abandoned

import "context"

// part stands for one piece of work.
func part(i int) int { return i * 2 }

// A loop with constant bounds that nothing in its body changes sends exactly twice, and the parent receives twice:
// no send is left behind.
func BothHalves() (int, int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < 2; i++ {
			ch <- part(i)
		}
	}()
	a := <-ch
	b := <-ch
	return a, b
}

// Twin: three sends against two receives leave the third sender blocked forever.
func TwoOfThree() (int, int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- part(i) // want abandoned-sender `.ch <- part\(i\). blocks forever: this goroutine sends on ch, which has no buffer, and TwoOfThree can return after receiving from ch 2 times, fewer than the 3 sends of the goroutine it starts`
		}
	}()
	a := <-ch
	b := <-ch
	return a, b
}

// Twin: a body that moves the loop variable back can run any number of times.
func Rewinds(ctx context.Context) (int, int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < 2; i++ {
			ch <- part(i) // want abandoned-sender `.ch <- part\(i\). blocks forever: this goroutine sends on ch, which has no buffer, and Rewinds can return after receiving from ch 2 times, fewer than the many sends of the goroutine it starts`
			if ctx.Err() != nil {
				i--
			}
		}
	}()
	a := <-ch
	b := <-ch
	return a, b
}
