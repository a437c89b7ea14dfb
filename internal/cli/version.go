package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/kgraph/kg"
)

func init() { register(newVersionCmd) }

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print kg's version",
		Example: "  kg version",
		Args:    exactArgs(0, "no arguments"),
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(e.stdout, "kg %s (%s, %s/%s)\n", kg.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
