package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	"github.com/spf13/cobra"
)

type returnFlags struct {
	target        string
	kind          string
	direction     string
	entered       string
	days          int
	produced      []string
	caseNo        string
	retention     string
	extensions    int
	extensionDays int
	format        string
	// from and to were the period's ends before orders looked forward;
	// they are kept only to explain what replaced them.
	from, to string
}

func newReturnCmd(g *globalFlags) *cobra.Command {
	f := &returnFlags{}
	cmd := &cobra.Command{
		Use:   "return --db FILE --target HANDLE [--kind KIND] [--entered DATE] [--produced DATE]... [flags]",
		Short: "Print what Apple hands police under a pen register, a trap and trace or a stored-records order",
		Long: "return builds what Apple produces under a court order, from the database's log.\n\n" +
			"A pen register (whom the target looked up) and a trap and trace (who looked the target up) look\n" +
			"forward: they collect from the day the order is entered (--entered), for up to 60 days, renewed\n" +
			"60 days at a time (--extensions); rows from before the order are never in them (18 U.S.C. §3123(c)).\n" +
			"The government only certifies relevance (§3123(a)).\n\n" +
			"A stored-records order (--kind stored-records, 18 U.S.C. §2703(d)) reaches back over what Apple still\n" +
			"retains on each production date — 30 days in 2016, up to 25 days today — with the target as the\n" +
			"source handle (--direction source) or the lookup handle (--direction lookup). It needs specific and\n" +
			"articulable facts: more than a certification, less than a warrant's probable cause.\n\n" +
			"Give --produced more than once to see productions string together, and the gaps where rows expired\n" +
			"between two productions. Dates are YYYY-MM-DD (midnight UTC) or RFC 3339 times. How Apple really\n" +
			"answers these orders is not public: the simulator's rule is an assumption, and the return says so.",
		Example: "  bluegreen return --db log.db --target \"+1 415 555 0100\" --entered 2016-09-10 --produced 2016-09-20 --produced 2016-10-10\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --kind trap-and-trace --entered 2016-09-01 --format csv\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --kind stored-records --produced 2016-09-28\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --kind stored-records --direction lookup --retention today\n" +
			"  bluegreen return --db log.db --target \"415 555 0100\" --entered 2016-09-01 --extensions 1 --produced 2016-11-15",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReturn(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), g, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", "", "the handle the order names, as you would type it (required)")
	fl.StringVar(&f.kind, "kind", string(logview.PenRegister), "which order: pen-register (whom the target looked up), trap-and-trace (who looked the target up) or stored-records (§2703(d): what Apple still retains)")
	fl.StringVar(&f.direction, "direction", "", "with --kind stored-records: source (the target's own lookups, the default) or lookup (who looked the target up)")
	fl.StringVar(&f.entered, "entered", "", "when the court entered the order (default: the first --produced date, else the server's clock)")
	fl.IntVar(&f.days, "days", logview.StatuteDays, fmt.Sprintf("pen register / trap and trace: the first period, in days from entry (at most %d)", logview.StatuteDays))
	fl.StringArrayVar(&f.produced, "produced", nil, "date Apple produces records; repeat for successive productions (default: the later of --entered and the server's clock)")
	fl.StringVar(&f.caseNo, "case", "", "case number printed on the production")
	fl.StringVar(&f.retention, "retention", "", "how long Apple keeps rows: 2016 (30 days) or today (up to 25 days) (default: the scenario's)")
	fl.IntVar(&f.extensions, "extensions", 0, fmt.Sprintf("pen register / trap and trace: extensions the court granted, each as the previous period ends (§3123(c)(2), up to %d days each)", logview.StatuteDays))
	fl.IntVar(&f.extensionDays, "extension-days", logview.StatuteDays, fmt.Sprintf("length of each extension, in days (at most %d)", logview.StatuteDays))
	fl.StringVar(&f.format, "format", "text", "text, csv or json")
	fl.StringVar(&f.from, "from", "", "replaced by --entered: a pen register looks forward from its entry")
	fl.StringVar(&f.to, "to", "", "replaced by --days and --extensions")
	_ = fl.MarkHidden("from")
	_ = fl.MarkHidden("to")
	return cmd
}

func runReturn(ctx context.Context, out, errOut io.Writer, g *globalFlags, f *returnFlags) (err error) {
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
	for _, warning := range warnings(req) {
		fmt.Fprintln(errOut, "warning: "+warning)
	}
	report, err := logview.BuildReport(ctx, w.Server.Log(), req)
	if err != nil {
		return err
	}
	return report.Write(out, format)
}

// warnings are dates the kind allows but that will not give what a user
// probably expects; they go to stderr, the return to stdout.
func warnings(req logview.Request) []string {
	o := req.Order
	var out []string
	if !o.Kind.Forward() {
		return nil
	}
	end := o.Authorised().To
	for _, at := range req.Produced {
		if !at.Before(end) {
			out = append(out, fmt.Sprintf("--produced %s is after the order's period ended (%s): the production holds only rows from within the period; add --extensions to keep collecting",
				logview.FormatTime(at), logview.FormatTime(end)))
		}
		if at.Equal(o.EnteredAt()) {
			out = append(out, fmt.Sprintf("--produced %s is the moment the order was entered: a %s looks forward, so this production is empty; give a later --produced, or --kind stored-records for what Apple already holds",
				logview.FormatTime(at), o.Kind.Title()))
		}
	}
	return out
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
	switch {
	case f.target == "":
		return "", "", fmt.Errorf("--target is required: the handle the order names, e.g. --target \"+1 415 555 0100\"")
	case f.from != "":
		return "", "", fmt.Errorf("--from: an order has no start of its own: a pen register or trap and trace looks forward from when it is entered (--entered DATE); for records from before the order use --kind stored-records")
	case f.to != "":
		return "", "", fmt.Errorf("--to: the period is %d days from entry at most (--days N), extended with --extensions N", logview.StatuteDays)
	case f.extensions < 0:
		return "", "", fmt.Errorf("--extensions cannot be negative")
	case f.days < 1 || f.days > logview.StatuteDays:
		return "", "", fmt.Errorf("--days %d: a pen-register or trap-and-trace order lasts 1 to %d days (18 U.S.C. §3123(c)(1)); renew it with --extensions", f.days, logview.StatuteDays)
	case f.extensionDays < 1 || f.extensionDays > logview.StatuteDays:
		return "", "", fmt.Errorf("--extension-days %d: each extension lasts 1 to %d days (18 U.S.C. §3123(c)(2))", f.extensionDays, logview.StatuteDays)
	case kind == logview.StoredRecords && (f.extensions > 0 || f.days != logview.StatuteDays):
		return "", "", fmt.Errorf("--days and --extensions belong to a pen register or trap and trace: a stored-records order has no period, it reaches what Apple retains on each production date")
	case kind != logview.StoredRecords && f.direction != "":
		return "", "", fmt.Errorf("--direction is for --kind stored-records: a pen register is always the target's own lookups, a trap and trace always who looked the target up")
	}
	if f.direction != "" {
		if _, err := logview.ParseSide(f.direction); err != nil {
			return "", "", fmt.Errorf("--direction: %w", err)
		}
	}
	return format, kind, nil
}

// request turns the flags into a logview.Request, filling in the defaults
// from the world: its region for --target, its clock for the dates, its
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
	given, err := f.productionDates()
	if err != nil {
		return logview.Request{}, err
	}
	entered, err := f.enteredAt(given, w.Now())
	if err != nil {
		return logview.Request{}, err
	}
	produced := given
	if len(produced) == 0 {
		produced = []time.Time{maxTime(entered, w.Now())}
	}
	for _, at := range produced {
		if at.Before(entered) {
			return logview.Request{}, fmt.Errorf("--produced %s is before the order was entered (%s): Apple produces under an order only once it exists; for records from before the order use --kind stored-records produced after them",
				logview.FormatTime(at), logview.FormatTime(entered))
		}
	}
	o, err := f.order(kind, target, entered)
	if err != nil {
		return logview.Request{}, err
	}
	held, err := heldFrom(ctx, w)
	if err != nil {
		return logview.Request{}, err
	}
	return logview.Request{Order: o, Retention: retention, Produced: produced, HeldFrom: held}, nil
}

// order builds the order the flags describe, extensions included.
func (f *returnFlags) order(kind logview.OrderKind, target sim.Handle, entered time.Time) (logview.Order, error) {
	o := logview.NewOrder(kind, target, entered)
	o.Case = f.caseNo
	o.Direction = logview.Side(f.direction)
	if kind.Forward() {
		o.Period.To = o.Period.From.Add(time.Duration(f.days) * 24 * time.Hour)
	}
	for range f.extensions {
		var err error
		if o, err = o.Renew(o.Authorised().To, f.extensionDays); err != nil {
			return o, fmt.Errorf("--extensions: %w", err)
		}
	}
	if err := o.Check(); err != nil {
		return o, err
	}
	return o, nil
}

// enteredAt reads --entered; without it the order is entered on the first
// production date, or at the server's clock when none is given.
func (f *returnFlags) enteredAt(produced []time.Time, now time.Time) (time.Time, error) {
	if f.entered != "" {
		t, _, err := parseDate("--entered", f.entered)
		return t, err
	}
	if len(produced) > 0 {
		return slices.MinFunc(produced, time.Time.Compare), nil
	}
	return now.UTC(), nil
}

func (f *returnFlags) productionDates() ([]time.Time, error) {
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

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b.UTC()
}

// parseDate reads YYYY-MM-DD (midnight UTC) or an RFC 3339 time.
// Either lies in the supported dates (sim.CheckTime).
func parseDate(flag, v string) (t time.Time, dateOnly bool, err error) {
	t, err = time.Parse(time.DateOnly, v)
	dateOnly = err == nil
	if !dateOnly {
		if t, err = time.Parse(time.RFC3339, v); err != nil {
			return time.Time{}, false, fmt.Errorf("%s %q: want a date such as 2016-09-28 or an RFC 3339 time such as 2016-09-28T16:00:00Z", flag, v)
		}
	}
	if err := sim.CheckTime(t); err != nil {
		return time.Time{}, false, fmt.Errorf("%s: %w", flag, err)
	}
	return t.UTC(), dateOnly, nil
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
