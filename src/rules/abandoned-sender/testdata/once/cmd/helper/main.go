// Command helper runs its set-up once and exits with its status.
package main

import (
	"context"
	"os"
	"time"

	"example.com/servetest/once/internal/boot"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := boot.Handshake(ctx); err != nil {
		os.Exit(2)
	}
	os.Exit(boot.Serve(ctx))
}
