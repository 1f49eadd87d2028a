package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	"github.com/spf13/cobra"
)

type returnFlags struct {
	target     string
	kind       string
	from       string
	to         string
	produced   []string
	caseNo     string
	retention  string
	extensions int
	format     string
}

func newReturnCmd(g *globalFlags) *cobra.Command {
	f := &returnFlags{}
	cmd := &cobra.Command{
		Use:   "return --db FILE --target HANDLE [flags]",
		Short: "Print what Apple hands police under a pen-register or trap-and-trace order",
		Long: "return builds the production Apple makes under a court order: the target's rows whose time is\n" +
			"inside the order's period and that were still retained on the production date, oldest first.\n" +
			"A pen register asks whom the target looked up; a trap and trace asks who looked the target up.\n" +
			"Give --produced more than once to see successive productions string together, and what expired\n" +
			"before anyone asked for it. Dates are YYYY-MM-DD (UTC) or RFC 3339 times; a --to date includes\n" +
			"that whole day.",
		Example: "  bluegreen return --db log.db --target \"+1 415 555 0100\" --from 2016-07-01 --to 2016-09-30 --produced 2016-09-28\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --kind trap-and-trace --format csv\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --produced 2016-09-01 --produced 2016-10-01 --retention today",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReturn(cmd.Context(), cmd.OutOrStdout(), g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", "", "the handle the order names, as you would type it (required)")
	fl.StringVar(&f.kind, "kind", string(logview.PenRegister), "order kind: pen-register (whom the target looked up) or trap-and-trace (who looked the target up)")
	fl.StringVar(&f.from, "from", "", "start of the order's period (default: as far back as Apple keeps rows on the first production date)")
	fl.StringVar(&f.to, "to", "", fmt.Sprintf("end of the order's period (default: --from + %d days, the statute's limit)", logview.StatuteDays))
	fl.StringArrayVar(&f.produced, "produced", nil, "date Apple produces records; repeat for successive productions (default: the server's clock)")
	fl.StringVar(&f.caseNo, "case", "", "case number printed on the production")
	fl.StringVar(&f.retention, "retention", "", "how long Apple keeps rows: 2016 (30 days) or today (25 days) (default: the scenario's)")
	fl.IntVar(&f.extensions, "extensions", 0, fmt.Sprintf("extensions the court granted, %d days each", logview.StatuteDays))
	fl.StringVar(&f.format, "format", "text", "text, csv or json")
	return cmd
}

func runReturn(ctx context.Context, out io.Writer, g *globalFlags, f *returnFlags) (err error) {
	format, kind, err := f.parseChoices()
	if err != nil {
		return err
	}
	if err := needExistingDB("return", g.db); err != nil {
		return err
	}
	w, err := buildWorld(ctx, g, "")
	if err != nil {
		return err
	}
	defer closeWorld(w, &err)
	req, err := f.request(ctx, w, kind)
	if err != nil {
		return err
	}
	report, err := logview.BuildReport(ctx, w.Server.Log(), req)
	if err != nil {
		return internal(err)
	}
	return report.Write(out, format)
}

// parseChoices checks the flags that need no database, before one is opened.
func (f *returnFlags) parseChoices() (logview.Format, logview.OrderKind, error) {
	format, err := logview.ParseFormat(f.format)
	if err != nil {
		return "", "", fmt.Errorf("--format: %w", err)
	}
	kind, err := logview.ParseOrderKind(f.kind)
	if err != nil {
		return "", "", fmt.Errorf("--kind: %w", err)
	}
	if f.target == "" {
		return "", "", fmt.Errorf("--target is required: the handle the order names, e.g. --target \"+1 415 555 0100\"")
	}
	if f.extensions < 0 {
		return "", "", fmt.Errorf("--extensions cannot be negative")
	}
	return format, kind, nil
}

// request turns the flags into a logview.Request, filling in the defaults
// from the world: its region for --target, its clock for --produced, its
// retention for --retention.
func (f *returnFlags) request(ctx context.Context, w *sim.World, kind logview.OrderKind) (logview.Request, error) {
	target, err := sim.ParseHandle(f.target, w.Phone.Region)
	if err != nil {
		return logview.Request{}, fmt.Errorf("--target %q: %w", f.target, err)
	}
	retention := w.Server.Retention()
	if f.retention != "" {
		if retention, err = sim.ParseRetention(f.retention); err != nil {
			return logview.Request{}, fmt.Errorf("--retention: %w", err)
		}
	}
	produced, err := f.productionDates(w.Now())
	if err != nil {
		return logview.Request{}, err
	}
	period, err := f.period(produced[0].Add(-retention.Keep))
	if err != nil {
		return logview.Request{}, err
	}
	held, err := heldFrom(ctx, w)
	if err != nil {
		return logview.Request{}, err
	}
	o := logview.Order{Kind: kind, Case: f.caseNo, Target: target, Period: period, Extensions: f.extensions}
	if err := o.Check(); err != nil {
		return logview.Request{}, err
	}
	return logview.Request{Order: o, Retention: retention, Produced: produced, HeldFrom: held}, nil
}

func (f *returnFlags) productionDates(now time.Time) ([]time.Time, error) {
	if len(f.produced) == 0 {
		return []time.Time{now}, nil
	}
	dates := make([]time.Time, len(f.produced))
	for i, v := range f.produced {
		t, _, err := parseDate("--produced", v)
		if err != nil {
			return nil, err
		}
		dates[i] = t
	}
	return dates, nil
}

// period reads --from and --to; defaultFrom is used when neither is given.
func (f *returnFlags) period(defaultFrom time.Time) (logview.Window, error) {
	var p logview.Window
	if f.to != "" {
		to, dateOnly, err := parseDate("--to", f.to)
		if err != nil {
			return p, err
		}
		if dateOnly {
			to = to.AddDate(0, 0, 1) // the whole day
		}
		p.To = to
	}
	switch {
	case f.from != "":
		from, _, err := parseDate("--from", f.from)
		if err != nil {
			return p, err
		}
		p.From = from
	case !p.To.IsZero():
		p.From = p.To.AddDate(0, 0, -logview.StatuteDays)
	default:
		p.From = defaultFrom.UTC()
	}
	if p.To.IsZero() {
		p.To = logview.DefaultPeriod(p.From).To
	}
	if !p.To.After(p.From) {
		return p, fmt.Errorf("--to (%s) must be after --from (%s)", logview.FormatTime(p.To), logview.FormatTime(p.From))
	}
	return p, nil
}

// parseDate reads YYYY-MM-DD (midnight UTC) or an RFC 3339 time.
func parseDate(flag, v string) (t time.Time, dateOnly bool, err error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, true, nil
	}
	t, err = time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%s %q: want a date such as 2016-09-28 or an RFC 3339 time such as 2016-09-28T16:00:00Z", flag, v)
	}
	return t.UTC(), false, nil
}

// heldFrom is the oldest time the database still holds: its server has
// purged rows before its retention cutoff on its own clock.
func heldFrom(ctx context.Context, w *sim.World) (time.Time, error) {
	clock, err := serverTime(ctx, w.Server.Log())
	if err != nil || clock.IsZero() {
		return time.Time{}, err
	}
	return w.Server.Retention().Cutoff(clock), nil
}

// needExistingDB: commands that only read the log need a database that
// exists — a mistyped name should not quietly create an empty one.
func needExistingDB(command, path string) error {
	if path == "" {
		return fmt.Errorf("%s reads Apple's log from a database: give --db FILE (fill one with bluegreen lookup --db FILE ...)", command)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("--db %s: no such database; fill one first with bluegreen lookup --db %s --at TIME NUMBER", path, path)
	}
	return nil
}
