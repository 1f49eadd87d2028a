package main

import (
	"context"
	"fmt"
	"io"

	"bluegreen/logview"
	"bluegreen/sim"

	"github.com/spf13/cobra"
)

func newCompareCmd(g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "compare [flags] INPUT...",
		Short: "Replay lookups under every design and compare what each log keeps and what orders return",
		Long: "compare looks INPUT... up from the scenario's phone under each design — apple (as reported) and the\n" +
			"comparisons hashed, private, private+relay and no-log — and prints one row per design: what the log\n" +
			"holds (time, source, lookup handle, IP: ✓, ✗ or reversible), what a pen register entered before the\n" +
			"lookups and a stored-records order served after them return, the bytes on the wire per lookup and\n" +
			"the lookup's measured latency. The relayed design has a second row for the relay's own log.",
		Example: "  bluegreen compare 4155550132 4155550199\n  bluegreen compare --json --scenario today \"(415) 555-0147\"",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("compare needs at least one phone number or email address to look up")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCompare(cmd.Context(), cmd.OutOrStdout(), g, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON document instead of text")
	return cmd
}

func runCompare(ctx context.Context, out io.Writer, g *globalFlags, inputs []string, asJSON bool) error {
	s, err := sim.LoadScenario(g.scenario)
	if err != nil {
		return err
	}
	handles := make([]sim.Handle, 0, len(inputs))
	for _, in := range inputs {
		p := sim.ParseInput(in, s.Phone.Region)
		if p.Status != sim.Complete {
			return p.Err
		}
		handles = append(handles, p.Handle)
	}
	c, err := logview.Compare(ctx, s, handles)
	if err != nil {
		return internal(err)
	}
	if asJSON {
		return logview.WriteCompareJSON(out, c)
	}
	return logview.WriteCompareText(out, c)
}
