// Package cli is a stand-in for github.com/urfave/cli/v2: the few names the testdata uses.
package cli

// Context is what an action receives.
type Context struct{ Args []string }

// Command is one command of an App.
type Command struct {
	Name   string
	Usage  string
	Action func(*Context) error
}

// App runs one of its commands once per process.
type App struct {
	Name     string
	Commands []*Command
}

// Run runs the action of the command os.Args names, and returns its error.
func (a *App) Run(args []string) error {
	for _, c := range a.Commands {
		if len(args) > 1 && c.Name == args[1] {
			return c.Action(&Context{Args: args[2:]})
		}
	}
	return nil
}
