// Package util is dot-imported by the app.
package util

import "context"

func Block(ctx context.Context, ch chan int) {
	<-ch
}
