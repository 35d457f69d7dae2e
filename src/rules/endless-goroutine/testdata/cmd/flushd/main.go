// Command flushd sets up one flusher, sampler and probe for the process, installs its reload handler, and serves
// its clients.
package main

import (
	"fmt"

	"example.com/rules/endlessgoroutine/internal/ping"
	"example.com/rules/endlessgoroutine/svc"
)

func setup() {
	svc.NewFlusher()
	svc.NewSampler()
	svc.NewProbe()
	ping.NewPinger().Launch()
	svc.NewBeacon().Run()
	svc.InstallReload(func() { fmt.Println("reload") })
}

func main() {
	setup()
	for i := 0; i < 3; i++ {
		svc.Serve(svc.Accept())
	}
}
