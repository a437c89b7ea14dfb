package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

// Exit codes.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the command failed
	ExitUsage   = 2 // the command line was wrong
)

// UsageError is a mistake in the command line: an unknown command or
// flag, or wrong arguments.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// ExitCode maps an error returned by Run to the process exit status.
func ExitCode(err error) int {
	var ue *UsageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		return ExitUsage
	default:
		return ExitFailure
	}
}

// env is what every subcommand gets: streams and global flags.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	db     string // --db
}

// open opens the database named by --db.
func (e *env) open() (*kg.DB, error) {
	return kg.Open(kg.DefaultOptions(e.db))
}

// openKG opens the database named by --db.
func (e *env) openKG() (*kg.DB, error) { return e.open() }

// Run executes the kg command line args (without the program name).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err != nil && isCobraUsage(err) {
		err = &UsageError{Err: err}
	}
	return err
}

// isCobraUsage recognises the errors cobra makes for a bad command line.
func isCobraUsage(err error) bool {
	var ue *UsageError
	if errors.As(err, &ue) {
		return false
	}
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument"} {
		if strings.HasPrefix(msg, p) || strings.Contains(msg, " "+p) {
			return true
		}
	}
	return false
}

func defaultDB() string {
	if d := os.Getenv("KG_DB"); d != "" {
		return d
	}
	return "kg.db"
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "kg",
		Short: "kg builds a knowledge graph of who did what to whom from English text",
		Long: `kg builds a knowledge graph of who did what to whom from English text.

It keeps facts as quads with their evidence in an embedded database
(--db, default $KG_DB or ./kg.db), answers questions over them and
exports graphs.

Exit status: 0 ok, 1 failure, 2 usage error.`,
		Example: `  kg import facts.nq.gz
  kg stats --json
  kg export --format nquads -o all.nq.gz`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       kg.Version,
	}
	root.PersistentFlags().StringVar(&e.db, "db", defaultDB(), "database directory (from $KG_DB when it is set)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &UsageError{Err: fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(newParseCmd(e), newEvalCmd(e))
	for _, mk := range commands {
		root.AddCommand(mk(e))
	}
	if ev, _, err := root.Find([]string{"eval"}); err == nil && ev != root {
		for _, mk := range evalCommands {
			ev.AddCommand(mk(e))
		}
	}
	return root
}

// commands are top-level subcommands and evalCommands "kg eval"
// subcommands. A subcommand's file registers its constructor in an init
// function, so adding a command touches no other file.
var commands, evalCommands []func(*env) *cobra.Command

// register adds top-level subcommands; call it from init.
func register(mk ...func(*env) *cobra.Command) { commands = append(commands, mk...) }

// registerEval adds "kg eval" subcommands (they inherit its --data flag);
// call it from init.
func registerEval(mk ...func(*env) *cobra.Command) { evalCommands = append(evalCommands, mk...) }

// exactArgs is cobra.ExactArgs with a usage error that says what is wanted.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %s (see '%s --help')", c.CommandPath(), what, c.CommandPath())
		}
		return nil
	}
}

func minArgs(n int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s takes %s (see '%s --help')", c.CommandPath(), what, c.CommandPath())
		}
		return nil
	}
}
