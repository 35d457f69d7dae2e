// Who calls a function, transitively: onlyFromProcessRoots over a module without a go.mod (import paths are
// matched by the directory they end with).
import { describe, expect, it } from 'vitest';
import { Program } from '../index/program.js';
import { extractFacts } from '../parse/facts.js';
import { getParser } from '../parse/parser.js';
import type { FileFacts } from '../parse/types.js';
import { errorEndsProcess, onlyFromProcessRoots, processEntryHandler, returnEndsProcess } from './callers.js';

/** The facts of an in-memory module's files (in the map's order) and the program over them. */
async function programOf(sources: Record<string, string>): Promise<{ files: FileFacts[]; program: Program }> {
  const parser = await getParser();
  const files: FileFacts[] = [];
  for (const [path, src] of Object.entries(sources)) {
    const tree = parser.parse(src)!;
    files.push(extractFacts(tree, src, { path, validUtf8: true, generated: false }));
    tree.delete();
  }
  return { files, program: new Program('/x', files, undefined, undefined, (f) => sources[f.path] ?? null) };
}

const FILES: Record<string, string> = {
  'lib/lib.go': `package lib

func Daemon() {}

func Shared() {}

func Orphan() {}

func PerItem() {}

func fromInit() {}

func init() {
	fromInit()
}

// Wrapped is called only by wrapper, which only main calls
func Wrapped() {}

func wrapper() {
	Wrapped()
}

// Wire is the set-up function main calls
func Wire() {
	wrapper()
}
`,
  'lib/lib_test.go': `package lib

import "testing"

func TestShared(t *testing.T) {
	Shared()
}
`,
  'other/other.go': `package other

// Daemon here is another package's function of the same name: main's l.Daemon() is not a call of it
func Daemon() {}

func Call() {}
`,
  'cmd/d/main.go': `package main

import (
	l "example.com/m/lib"
	"example.com/m/other"
)

type api struct{}

// Serve is a handler a server registered through an interface calls per request: nothing in the module names it
func (a *api) Serve() {}

func setup() {}

func main() {
	setup()
	l.Daemon()
	l.Shared()
	l.Wire()
	for i := 0; i < 3; i++ {
		l.PerItem()
	}
	other.Call()
}
`,
};

describe('onlyFromProcessRoots', () => {
  it('follows callers to main and init, and stops at tests, loops and functions nothing calls', async () => {
    const { files, program } = await programOf(FILES);
    const lib = files[0]!;
    const other = files[2]!;
    const verdict = (f: FileFacts, id: string) => onlyFromProcessRoots(program, f, id);
    expect(verdict(lib, 'F:Daemon')).toBe(true); // main calls it through the import's alias
    expect(verdict(lib, 'F:Wrapped')).toBe(true); // wrapper <- Wire <- main
    expect(verdict(lib, 'F:fromInit')).toBe(true); // init
    expect(verdict(lib, 'F:Shared')).toBe(false); // a test calls it too
    expect(verdict(lib, 'F:Orphan')).toBe(false); // nothing in the module calls it
    expect(verdict(lib, 'F:PerItem')).toBe(false); // called in a loop
    expect(verdict(other, 'F:Daemon')).toBe(false); // nothing names other.Daemon: l.Daemon is lib's
    expect(verdict(other, 'F:Call')).toBe(true); // main calls other.Call
    // strict: only main and init are roots; package main's other functions are followed to their callers
    const cmd = files[3]!;
    expect(onlyFromProcessRoots(program, cmd, 'M:api.Serve')).toBe(true);
    expect(onlyFromProcessRoots(program, cmd, 'M:api.Serve', true)).toBe(false);
    expect(onlyFromProcessRoots(program, cmd, 'F:setup', true)).toBe(true);
  });
});

describe('onlyFromProcessRoots, arguments', () => {
  it('counts an empty string as an argument: a call with blanked strings last is still a call of the right arity', async () => {
    const { files, program } = await programOf({
      'lib/lib.go': `package lib

func StartWith(name, path string) {}

func Start(name string) { StartWith(name, "") }
`,
      'cmd/main.go': `package main

import "example.com/m/lib"

func main() { lib.Start("a") }
`,
    });
    expect(onlyFromProcessRoots(program, files[0]!, 'F:StartWith')).toBe(true); // Start <- main
  });
});

// Methods: a selector names a method of the operand's type; when that type is known (a receiver, a parameter, a
// variable declared with a composite literal or a module function's result, a field of one of those), a method of
// another type of the same name is not a call of it, unless the type may hold it (an interface).
const METHODS: Record<string, string> = {
  'internal/svc/svc.go': `package svc

type Log struct{}

// Start: main calls it on a *Log; tests call Start on a *Server only
func (l *Log) Start() {}

// Stop: main calls it; a test reads a data field named Stop
func (l *Log) Stop() {}

type Server struct{}

func (s *Server) Start() {}

func NewServer() *Server { return &Server{} }

type Pool struct{}

// Run: a test calls Run through an interface, which may hold a *Pool
func (p *Pool) Run() {}

type Runner interface{ Run() }

type Box struct{ inner *Server }

type Conf struct{ Stop int }
`,
  'internal/svc/svc_test.go': `package svc

import "testing"

func TestServer(t *testing.T) {
	s := &Server{}
	s.Start()
	n := NewServer()
	n.Start()
	b := Box{}
	b.inner.Start()
}

func TestConf(t *testing.T) {
	for _, c := range []Conf{{Stop: 1}} {
		t.Log(c.Stop)
	}
}

func run(r Runner) { r.Run() }

func TestRun(t *testing.T) { run(&Pool{}) }

var pending []interface{ Launch() }

func TestPending(t *testing.T) {
	for _, j := range pending {
		j.Launch()
	}
}
`,
  'cmd/d/main.go': `package main

import "example.com/m/internal/svc"

// app is package main's: no other package can name it, so the j.Launch() of svc's test (an operand of a type not
// known there, declared in no parameter) is not a call of app.Launch
type app struct{}

func (a *app) Launch() {}

func main() {
	a := &app{}
	a.Launch()
	l := &svc.Log{}
	l.Start()
	defer l.Stop()
	p := &svc.Pool{}
	p.Run()
}
`,
};

describe('onlyFromProcessRoots, methods', () => {
  it('tells methods of the same name apart by the operand\'s declared type', async () => {
    const { files, program } = await programOf(METHODS);
    const svc = files[0]!;
    const verdict = (id: string) => onlyFromProcessRoots(program, svc, id);
    expect(verdict('M:Log.Start')).toBe(true); // the tests' s.Start(), n.Start(), b.inner.Start() are *Server's
    expect(verdict('M:Log.Stop')).toBe(true); // c.Stop in the test reads Conf's field
    expect(verdict('M:Server.Start')).toBe(false); // tests call it
    expect(verdict('M:Pool.Run')).toBe(false); // a test calls Run on a Runner, which may hold a *Pool
    // an exported method of package main (no module can import it), called by main only
    expect(onlyFromProcessRoots(program, files[2]!, 'M:app.Launch', true)).toBe(true);
  });
});


// A command-line framework's handlers (the API table's PROCESS_ENTRIES) run once, for the command the process runs.
const CLI: Record<string, string> = {
  'internal/cli/cli.go': `package cli

import (
	"github.com/spf13/cobra"
)

type opts struct{}

// Run: called in the RunE literal of a cobra.Command
func (o *opts) Run() error { return nil }

// check: a method value assigned to PreRunE
func (o *opts) check(cmd *cobra.Command, args []string) error { return nil }

// serve: called in the Run literal of a cobra.Command
func serve() {}

// each: a method value assigned to x.Run, a field name too common to tell without the type
func (o *opts) each() {}

// later: a method value under a RunE key of the module's own struct, not cobra's
func (o *opts) later() error { return nil }

type hook struct {
	Run  func()
	RunE func() error
}

func NewCmd() *cobra.Command {
	o := &opts{}
	c := &cobra.Command{
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.Run()
		},
		Run: func(cmd *cobra.Command, args []string) { serve() },
	}
	c.PreRunE = o.check
	var h hook
	h.Run = o.each
	_ = hook{RunE: o.later}
	return c
}

// build: the handler of a command declared at package level, after a long example text
func build(cmd *cobra.Command, args []string) error { return nil }

var buildCmd = &cobra.Command{
	Use: "build",
	Example: \`  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name
  tool build --path ./some/long/path/to/manifests --recursive --with-a-long-flag-name\`,
	RunE: build,
}

// notHandler: a package-level struct of the module's own type, not cobra's
func notHandler() error { return nil }

var ownHook = hook{RunE: notHandler}
`,
  'cmd/tool/main.go': `package main

import "example.com/m/internal/cli"

func main() {
	_ = cli.NewCmd().Execute()
}
`,
};

describe('onlyFromProcessRoots, command handlers', () => {
  it('takes the handlers of a cobra.Command as roots, and nothing else with the same field names', async () => {
    const { files, program } = await programOf(CLI);
    const cli = files[0]!;
    const verdict = (id: string) => onlyFromProcessRoots(program, cli, id, true);
    expect(verdict('M:opts.Run')).toBe(true);
    expect(verdict('M:opts.check')).toBe(true);
    expect(verdict('F:serve')).toBe(true);
    expect(verdict('M:opts.each')).toBe(false);
    expect(verdict('M:opts.later')).toBe(false);
    // a handler named at package level is no root of the walk (its command's literal holds it); it is a handler itself
    expect(verdict('F:build')).toBe(false);
    expect(verdict('F:notHandler')).toBe(false);
    expect(processEntryHandler(program, cli, 'F:build')).toBe(true);
    expect(processEntryHandler(program, cli, 'F:notHandler')).toBe(false);
    expect(processEntryHandler(program, cli, 'F:serve')).toBe(false); // called in a handler, not one itself
  });
});

// A package that defines cobra commands is the program's command code: an exported method of it, outside an
// `internal/` directory, is followed to its callers like an unexported one; in a library package it is not.
const COMMANDS: Record<string, string> = {
  'pkg/cmd/del/del.go': `package del

import "github.com/spf13/cobra"

type Options struct{}

// Run: called in the RunE literal of the command this package defines
func (o *Options) Run() error { return nil }

func NewCmd() *cobra.Command {
	o := &Options{}
	return &cobra.Command{
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.Run()
		},
	}
}
`,
  'pkg/lib/lib.go': `package lib

type Client struct{}

// Run: exported, in a package other modules may import; main calls it, and so may they
func (c *Client) Run() error { return nil }
`,
  'cmd/tool/main.go': `package main

import (
	"example.com/m/pkg/cmd/del"
	"example.com/m/pkg/lib"
)

func main() {
	_ = del.NewCmd().Execute()
	c := &lib.Client{}
	_ = c.Run()
}
`,
};

describe('onlyFromProcessRoots, command packages', () => {
  it('follows an exported method of a package that defines commands to its callers, not one of a library', async () => {
    const { files, program } = await programOf(COMMANDS);
    expect(onlyFromProcessRoots(program, files[0]!, 'M:Options.Run', true)).toBe(true);
    expect(onlyFromProcessRoots(program, files[1]!, 'M:Client.Run', true)).toBe(false);
  });
});

// Whose errors end the process: main's calls, and the chains of `return f(…)` / `if err := f(…); err != nil` above them.
const EXITS: Record<string, string> = {
  'app/app.go': `package app

import "errors"

// Start's error goes to main's log.Fatal, through Run's return.
func Start(addr string) error {
	if addr == "" {
		return errors.New("no address")
	}
	return nil
}

// Run returns Start's error straight.
func Run(addr string) error {
	return Start(addr)
}

// Check's error is checked and returned by Serve, whose error main only logs.
func Check() error { return nil }

func Serve() error {
	if err := Check(); err != nil {
		return err
	}
	return nil
}

// Retry is called in a loop: its error does not end anything.
func Retry() error { return nil }

func Loop() {
	for i := 0; i < 3; i++ {
		_ = Retry()
	}
}

type Agent struct{}

func New() *Agent { return &Agent{} }

// Work returns to a command's handler literal, whose return ends the process.
func (a *Agent) Work() error { return nil }
`,
  'cmd/agent/cmd.go': `package agent

import (
	"github.com/spf13/cobra"

	"example.com/m/app"
)

func NewCommand() *cobra.Command {
	return &cobra.Command{
		Use: "agent",
		RunE: func(cmd *cobra.Command, args []string) error {
			return app.New().Work()
		},
	}
}
`,
  'cmd/tool/main.go': `package main

import (
	"log"

	"example.com/m/app"
)

func main() {
	if err := app.Run(":80"); err != nil {
		log.Fatal(err)
	}
	err := app.Serve()
	if err != nil {
		log.Printf("serve: %v", err)
	}
	app.Loop()
}
`,
};

describe('errorEndsProcess', () => {
  it('follows an error through returns to main and its fatal exit, and stops at anything else', async () => {
    const { files, program } = await programOf(EXITS);
    const app = files[0]!;
    expect(errorEndsProcess(program, app, 'F:Start')).toBe(true);
    expect(errorEndsProcess(program, app, 'F:Run')).toBe(true);
    expect(errorEndsProcess(program, app, 'F:Serve')).toBe(false); // main logs it and goes on
    expect(errorEndsProcess(program, app, 'F:Check')).toBe(false);
    expect(errorEndsProcess(program, app, 'F:Retry')).toBe(false);
    expect(returnEndsProcess(program, app, 'M:Agent.Work')).toBe(true); // `return app.New().Work()` in RunE's literal
    expect(returnEndsProcess(program, app, 'F:Start')).toBe(false); // main goes on when Run returns nil
    expect(returnEndsProcess(program, app, 'F:Check')).toBe(false); // only its error is checked
  });
});
