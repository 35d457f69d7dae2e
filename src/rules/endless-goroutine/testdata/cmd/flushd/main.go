// Command flushd sets up one flusher, sampler and probe for the process, installs its reload handler, and serves
// its clients.
package main

import (
	"fmt"

	"example.com/rules/endlessgoroutine/internal/ping"
	"example.com/rules/endlessgoroutine/svc"
)

// factories maps a remote's kind to what opens it; main opens one per configured remote.
var factories = map[string]func() *svc.Backend{}

func init() {
	factories["disk"] = svc.NewBackend
}

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
