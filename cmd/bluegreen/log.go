package main

import (
	"context"
	"fmt"
	"io"

	"bluegreen/logview"

	"github.com/spf13/cobra"
)

type logFlags struct {
	format string
}

func newLogCmd(g *globalFlags) *cobra.Command {
	f := &logFlags{}
	cmd := &cobra.Command{
		Use:   "log --db FILE [--format text|csv|json]",
		Short: "Print Apple's whole server-side log, as its simulated server holds it now",
		Long: "log prints every row Apple's simulated server still keeps on its own clock (the latest time it has\n" +
			"seen): rows older than the retention period have been purged. This is Apple's view of the log —\n" +
			"everyone's lookups; a court order gets only a target's rows (see bluegreen return).",
		Example: "  bluegreen lookup --db log.db --at 2016-09-01T10:00:00Z 415-555-0147\n" +
			"  bluegreen log --db log.db\n  bluegreen log --db log.db --format csv > log.csv",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLog(cmd.Context(), cmd.OutOrStdout(), g, f)
		},
	}
	cmd.Flags().StringVar(&f.format, "format", "text", "text, csv or json")
	return cmd
}

func runLog(ctx context.Context, out io.Writer, g *globalFlags, f *logFlags) (err error) {
	format, err := logview.ParseFormat(f.format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	if err := needExistingDB("log", g.db); err != nil {
		return err
	}
	w, err := buildWorld(ctx, g, "")
	if err != nil {
		return err
	}
	defer closeWorld(w, &err)
	snap, err := logview.Snapshot(ctx, w.Server.Log(), w.Now(), w.Server.Retention())
	if err != nil {
		return internal(err)
	}
	return snap.Write(out, format)
}
