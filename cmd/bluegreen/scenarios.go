package main

import (
	"fmt"
	"text/tabwriter"

	"bluegreen/sim"

	"github.com/spf13/cobra"
)

func newScenariosCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios",
		Short: "List the built-in scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			list, err := sim.BuiltinScenarios()
			if err != nil {
				return internal(err)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			for _, s := range list {
				def := ""
				if s.Name == sim.DefaultScenario {
					def = " (default)"
				}
				fmt.Fprintf(tw, "%s%s\t%s\n", s.Name, def, s.Description)
			}
			return tw.Flush()
		},
	}
}
