package logview

import (
	"context"
	"fmt"
	"io"
	"time"

	"bluegreen/sim"
)

// Format is how a return or the log is written.
type Format string

// The output formats.
const (
	FormatText Format = "text" // printable, as an officer would receive it
	FormatCSV  Format = "csv"  // RFC 4180, header row, ISO-8601 UTC times
	FormatJSON Format = "json"
)

// ParseFormat reads "text", "csv" or "json".
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatText, FormatCSV, FormatJSON:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use text, csv or json", s)
}

// Report is a return, what police can infer from it, and — beside it, for
// educators — the simulator's ground truth about the same rows.
type Report struct {
	Return    *Return
	Inference Inference
	Truth     GroundTruth
}

// BuildReport produces the return for req from store and reads it.
func BuildReport(ctx context.Context, store sim.LogStore, req Request) (*Report, error) {
	ret, err := Produce(ctx, store, req)
	if err != nil {
		return nil, err
	}
	places, err := LoadPlaces()
	if err != nil {
		return nil, err
	}
	rows := ret.Rows()
	truth, err := Truth(ctx, store, rows)
	if err != nil {
		return nil, err
	}
	return &Report{Return: ret, Inference: Infer(req.Order, rows, places), Truth: truth}, nil
}

// Write prints the report in format f. CSV holds only the rows police
// received: no inference, no ground truth.
func (r *Report) Write(w io.Writer, f Format) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, r.Return.Rows())
	case FormatJSON:
		return writeJSON(w, r.document())
	}
	return r.writeText(w)
}

// RetentionRule is Apple's retention as its source states it, with the
// source: "30 days (2016 preset; Apple to The Intercept, 2016-09-28)".
func RetentionRule(r sim.Retention) string {
	return fmt.Sprintf("Apple keeps these logs %s (%s preset; %s)", r.Phrase(), r.Name, sim.RetentionSource(r))
}

// Notes say, in words, what a production could not include and why.
func (p Production) Notes(ret *Return) []string {
	o := ret.Order
	rule := RetentionRule(ret.Retention)
	var notes []string
	switch {
	case p.Covered.Empty() && o.Kind.Forward() && p.Produced.Equal(o.EnteredAt()):
		notes = append(notes, "Produced the moment the order was entered: it looks forward, so there was nothing to produce yet.")
	case p.Covered.Empty():
		notes = append(notes, fmt.Sprintf("Nothing in the order's reach was still kept: %s, so on %s everything before %s had expired.",
			rule, FormatTime(p.Produced), FormatTime(p.Cutoff)))
	case !p.Expired.Empty():
		notes = append(notes, fmt.Sprintf("No longer included — expired before this production: %s. %s.", p.Expired, rule))
	case !o.Kind.Forward():
		notes = append(notes, fmt.Sprintf("Reaches back to %s: %s, so older rows had expired.", FormatTime(p.Cutoff), rule))
	}
	if end := o.Authorised().To; o.Kind.Forward() && !p.Produced.Before(end) {
		notes = append(notes, fmt.Sprintf("Produced after the order's period ended (%s): it holds only rows from within the period; to keep collecting, the order must be renewed before it lapses (up to %d days each, 18 U.S.C. §3123(c)(2)).",
			FormatTime(end), StatuteDays))
	}
	if n := p.ExpiredSinceEarlier(ret); n > 0 {
		notes = append(notes, fmt.Sprintf("%s produced earlier for this order had expired by now and %s missing here. Police keep the earlier production.",
			sim.Plural(n, "row", "rows"), map[bool]string{true: "is", false: "are"}[n == 1]))
	}
	if !p.Pending.Empty() {
		notes = append(notes, fmt.Sprintf("Not yet included — after this production: %s; a later production must ask for it.", p.Pending))
	}
	if p.Incomplete {
		notes = append(notes, fmt.Sprintf("Simulation note: Apple's simulated server had already purged rows before %s on its own clock, "+
			"so rows this production would have held may be missing.", FormatTime(ret.HeldFrom)))
	}
	return notes
}

// ExpiredSinceEarlier counts rows that earlier productions of ret held
// and that had expired by p's date: what waiting cost the police.
func (p Production) ExpiredSinceEarlier(ret *Return) int {
	seen := map[int64]bool{}
	for _, earlier := range ret.Productions {
		if !earlier.Produced.Before(p.Produced) {
			break
		}
		for _, r := range earlier.Rows {
			if r.Time.Before(p.Cutoff) {
				seen[r.ID] = true
			}
		}
	}
	return len(seen)
}

// LogSnapshot is Apple's whole server-side view of the log at its clock.
type LogSnapshot struct {
	Clock     time.Time
	Retention sim.Retention
	Rows      []sim.LogEntry // the rows kept at Clock, oldest first
}

// KeptFrom is the oldest time the server still keeps at its clock.
func (s LogSnapshot) KeptFrom() time.Time { return s.Retention.Cutoff(s.Clock).UTC() }

// Snapshot reads the rows store keeps at clock under retention.
func Snapshot(ctx context.Context, store sim.LogStore, clock time.Time, retention sim.Retention) (LogSnapshot, error) {
	s := LogSnapshot{Clock: clock.UTC(), Retention: retention}
	rows, err := store.Entries(ctx, sim.LogFilter{From: s.KeptFrom()})
	if err != nil {
		return s, fmt.Errorf("reading Apple's log: %w", err)
	}
	s.Rows = rows
	return s, nil
}

// Write prints the snapshot in format f.
func (s LogSnapshot) Write(w io.Writer, f Format) error {
	switch f {
	case FormatCSV:
		return WriteCSV(w, s.Rows)
	case FormatJSON:
		return writeJSON(w, s.document())
	}
	return s.writeText(w)
}
