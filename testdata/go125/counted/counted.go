// Package counted: loops whose number of iterations is a constant, in Go 1.22's range over an integer.
package counted

// part stands for one piece of work.
func part(i int) int { return i * 2 }

// `for range N` runs its body N times: two sends, two receives, nothing left behind.
func RangeTwo() int {
	ch := make(chan int)
	go func() {
		for i := range 2 {
			ch <- part(i)
		}
	}()
	return <-ch + <-ch
}

// Twin: three sends against two receives leave the third sender blocked forever.
func RangeThree() int {
	ch := make(chan int)
	go func() {
		for i := range 3 {
			ch <- part(i) // want abandoned-sender `.ch <- part\(i\). blocks forever: this goroutine sends on ch, which has no buffer, and RangeThree can return after receiving from ch 2 times, fewer than the 3 sends of the goroutine it starts`
		}
	}()
	return <-ch + <-ch
}
