package main

import (
	"github.com/spf13/cobra"
)

// globalFlags are the flags every command takes.
type globalFlags struct {
	scenario string
	db       string // Apple's log in this SQLite file; empty: in memory
	theme    string
	export   string
	trigger  string
	design   string
}

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "bluegreen",
		Short: "See what choosing a blue or green bubble tells Apple — and the police",
		Long: "bluegreen simulates how Messages decides between a blue bubble (iMessage) and a green one (SMS),\n" +
			"and the row that decision leaves in Apple's server-side log — a log police can obtain with a\n" +
			"pen-register order, even for numbers you typed and never messaged.",
		Example: "  bluegreen                               # the interactive screen (classroom scenario)\n" +
			"  bluegreen lookup \"(415) 555-0132\"        # one lookup, as plain text\n" +
			"  bluegreen lookup --json 415-555-0147\n" +
			"  bluegreen play talk                     # the scripted demo for a class or a talk",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd, g)
		},
	}
	root.PersistentFlags().StringVar(&g.scenario, "scenario", "classroom", "scenario: a built-in name (see bluegreen scenarios) or a YAML file")
	root.PersistentFlags().StringVar(&g.db, "db", "", "keep Apple's server log in this SQLite file (created when missing; default: in memory, except for serve: class.db in bluegreen's data folder)")
	root.PersistentFlags().StringVar(&g.trigger, "trigger", "", "when the phone asks Apple: as-you-type, on-commit or on-send (default: the scenario's)")
	root.Flags().StringVar(&g.export, "export-dir", ".", "where the screen's export key writes returns (never overwriting a file)")
	root.Flags().StringVar(&g.theme, "theme", "auto", "colours: auto, dark, light, high-contrast, colour-blind or none (NO_COLOR also means none)")
	root.PersistentFlags().StringVar(&g.design, "design", "", "how the phone asks Apple: apple (as reported), or a comparison: hashed, private, private+relay, no-log (default: the scenario's)")
	root.AddCommand(newCompareCmd(g), newReverseCmd(g), newLookupCmd(g), newScenariosCmd(), newLogCmd(g), newReturnCmd(g), newPlayCmd(g), newSourcesCmd())
	root.AddCommand(newServeCmd(g)) // the classroom over SSH
	registerCompletions(root)
	return root
}
