package main

import (
	"fmt"
	"io"

	"bluegreen/logview"
	"bluegreen/sim"

	"github.com/spf13/cobra"
)

func newSourcesCmd() *cobra.Command {
	var markdown bool
	cmd := &cobra.Command{
		Use:   "sources [--markdown]",
		Short: "List every fact bluegreen states, with its source and how sure it is",
		Long: "sources prints the facts registry the Sources screen (F11) shows: every claim the app makes,\n" +
			"grouped as confirmed, reported (unconfirmed) or a simulator assumption, each with its source.\n" +
			"--markdown prints docs/SOURCES.md exactly.",
		Example: "  bluegreen sources\n  bluegreen sources --markdown > docs/SOURCES.md",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if markdown {
				_, err := io.WriteString(cmd.OutOrStdout(), sim.SourcesMarkdown())
				return err
			}
			return writeSourcesText(cmd.OutOrStdout())
		},
	}
	cmd.Flags().BoolVar(&markdown, "markdown", false, "print docs/SOURCES.md (Markdown tables)")
	return cmd
}

func writeSourcesText(out io.Writer) error {
	t := logview.NewPrinter(out)
	for i, g := range sim.StatusGroups() {
		facts := sim.FactsWithStatus(g.Status)
		if i > 0 {
			t.Line("")
		}
		t.Line("%s (%d) — %s", g.Heading, len(facts), g.Meaning)
		for _, f := range facts {
			t.Line("• %s", f.Claim)
			t.Line("  source: %s", f.Source)
		}
	}
	if err := t.Err(); err != nil {
		return fmt.Errorf("writing the sources: %w", err)
	}
	return nil
}
