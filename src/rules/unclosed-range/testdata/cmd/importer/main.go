// Command importer reads records and hands them to workers; a read error ends the command, and the process.
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

// analyzeCmd's action is the command the process runs: its return goes back through App.Run to main, which exits.
// The workers its read error leaves waiting on the open channel end with the process.
var analyzeCmd = &cli.Command{
	Name:  "analyze",
	Usage: "analyze records",
	Action: func(cctx *cli.Context) error {
		in := make(chan []byte)
		done := make(chan int, 4)
		for i := 0; i < 4; i++ {
			go func() {
				n := 0
				for b := range in {
					n += len(b)
				}
				done <- n
			}()
		}
		r := bufio.NewReader(os.Stdin)
		for {
			b, err := r.ReadBytes('\n')
			if err != nil {
				if len(b) == 0 {
					break
				}
				return err
			}
			in <- b
		}
		close(in)
		total := 0
		for i := 0; i < 4; i++ {
			total += <-done
		}
		fmt.Println(total)
		return nil
	},
}

// step is the module's own type with a field of the same name: its Action is no command's.
type step struct {
	Action func(*cli.Context) error
}

// steps run one after another in a process that goes on: a read error in one leaves its worker behind.
var steps = []step{{
	Action: func(cctx *cli.Context) error {
		in := make(chan []byte)
		go func() {
			for b := range in { // want unclosed-range `range in. never ends: this goroutine ranges over in, which steps.Action can return without closing`
				fmt.Println(len(b))
			}
		}()
		r := bufio.NewReader(os.Stdin)
		for {
			b, err := r.ReadBytes('\n')
			if err != nil {
				if len(b) == 0 {
					break
				}
				return err
			}
			in <- b
		}
		close(in)
		return nil
	},
}}

func main() {
	for _, s := range steps {
		if err := s.Action(&cli.Context{}); err != nil {
			fmt.Println(err)
		}
	}
	app := &cli.App{Name: "importer", Commands: []*cli.Command{analyzeCmd}}
	if err := app.Run(os.Args); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
