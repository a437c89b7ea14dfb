// Package cli is the kg command line. Run executes one invocation with the
// given arguments and streams, so tests drive the CLI with buffers; main
// only wires signals and exit codes.
//
// Each subcommand lives in a file of its own and is registered in root.go.
package cli
