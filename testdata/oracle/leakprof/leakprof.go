// Package leakprof lets a test binary write the Go runtime's goroutine leak profile when its tests are done.
// A driven package calls it from TestMain:
//
//	func TestMain(m *testing.M) { leakprof.Main(m) }
//
// With GOLEASH_LEAKPROF=FILE in the environment and a toolchain built with GOEXPERIMENT=goroutineleakprofile
// (Go 1.26; on by default from Go 1.27), the profile's debug=2 text (every goroutine, the leaked ones tagged
// "(leaked)") goes to FILE. Without the variable it only runs the tests. `npm run oracle` reads the file.
package leakprof

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// Main runs the tests, then writes the leak profile if asked to, and exits with the tests' code.
func Main(m *testing.M) {
	code := m.Run()
	if out := os.Getenv("GOLEASH_LEAKPROF"); out != "" {
		// let every goroutine the tests started reach the point where it blocks
		for i := 0; i < 20; i++ {
			runtime.Gosched()
			time.Sleep(5 * time.Millisecond)
		}
		if err := write(out); err != nil {
			os.Stderr.WriteString("leakprof: " + err.Error() + "\n")
			os.Exit(3)
		}
	}
	os.Exit(code)
}

func write(out string) error {
	p := pprof.Lookup("goroutineleak")
	if p == nil {
		return os.WriteFile(out, []byte("unsupported: this toolchain has no goroutineleak profile\n"), 0o644)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := p.WriteTo(f, 2); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
