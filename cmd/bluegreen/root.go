package main

import (
	"github.com/spf13/cobra"
)

// globalFlags are the flags every command takes.
type globalFlags struct {
	scenario string
}

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "bluegreen",
		Short: "See what choosing a blue or green bubble tells Apple — and the police",
		Long: "bluegreen simulates how Messages decides between a blue bubble (iMessage) and a green one (SMS),\n" +
			"and the row that decision leaves in Apple's server-side log — a log police can obtain with a\n" +
			"pen-register order, even for numbers you typed and never messaged.",
		Example: "  bluegreen lookup \"(415) 555-0132\"\n  bluegreen lookup --json 415-555-0147\n  bluegreen scenarios",
		Args:    cobra.NoArgs,
	}
	root.PersistentFlags().StringVar(&g.scenario, "scenario", "classroom", "built-in scenario name or YAML file")
	root.AddCommand(newLookupCmd(g), newScenariosCmd())
	return root
}
