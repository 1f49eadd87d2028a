package logview

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
)

// What a column of a log holds under a design.
const (
	Holds      = "✓"
	Lacks      = "✗"
	Reversible = "reversible"
)

// maxCompareInputs bounds one comparison: each input is replayed twice
// under every design.
const maxCompareInputs = 200

// CompareRow is what one holder's log keeps under one design, and what two
// kinds of order get from it.
type CompareRow struct {
	Design sim.Design `json:"design"`
	Holder string     `json:"holder"` // "Apple" or "relay"
	Label  string     `json:"label"`  // "as reported" or "comparison"
	// What the holder's log holds: ✓, ✗ or "reversible".
	Time   string `json:"time"`
	Source string `json:"source"`
	Lookup string `json:"lookup"`
	IP     string `json:"ip"`
	// A pen register entered before the session's lookups, and a
	// stored-records (§2703(d)) order served after them.
	PenRegister       string `json:"pen_register"`
	PenRegisterRows   int    `json:"pen_register_rows"`
	StoredRecords     string `json:"stored_records"`
	StoredRecordsRows int    `json:"stored_records_rows"`
	// The lookup's cost: bytes of query and answer per handle as the
	// simulator encodes them (JSON), and the median wall time of one lookup.
	BytesPerLookup int     `json:"bytes_per_lookup"`
	LatencyMicros  float64 `json:"latency_us"`
	// Rows is what a stored-records order gets (relay rows as LogEntry:
	// time and IP only).
	Rows []sim.LogEntry `json:"rows"`
}

// Comparison is the session's lookups replayed under every design.
type Comparison struct {
	Scenario string       `json:"scenario"`
	Target   sim.Handle   `json:"target"` // the phone whose lookups these are
	Lookups  []sim.Handle `json:"lookups"`
	Rows     []CompareRow `json:"designs"`
	Notes    []string     `json:"notes"`
}

// CompareNotes are the caveats every comparison carries.
func CompareNotes() []string {
	return []string{
		"Every design but apple is a comparison, not what Apple does.",
		"Pen register: entered before the lookups; it records from its entry on (18 U.S.C. §3123(c)). " +
			"Stored records: served after them, reaching what the log still holds (18 U.S.C. §2703(d)). " +
			"How Apple answers either for these logs is not public: the rule here is an assumption.",
		"reversible: a hash is reversed by trying every number (Hagen et al., NDSS 2021); an OPRF output only by " +
			"Apple, which holds the key and can evaluate every number itself.",
		"Bytes are the simulator's JSON encoding (the real body is a gzipped property list); latency is measured on this machine.",
	}
}

// Compare replays lookups of handles (from the scenario's phone) under every
// design, twice each: once with a pen register in force from the start,
// once with a stored-records order served at the end.
func Compare(ctx context.Context, s *sim.Scenario, handles []sim.Handle) (*Comparison, error) {
	if len(handles) == 0 {
		return nil, fmt.Errorf("compare needs at least one lookup")
	}
	if len(handles) > maxCompareInputs {
		return nil, fmt.Errorf("compare takes at most %d lookups (got %d)", maxCompareInputs, len(handles))
	}
	c := &Comparison{Scenario: s.Name, Lookups: slices.Clone(handles), Notes: CompareNotes()}
	for _, d := range sim.Designs() {
		rows, self, err := compareDesign(ctx, s, d, handles)
		if err != nil {
			return nil, fmt.Errorf("design %s: %w", d, err)
		}
		c.Target = self
		c.Rows = append(c.Rows, rows...)
	}
	return c, nil
}

// replay is one run of the handles under d.
type replay struct {
	world   *sim.World
	entered time.Time
	bytes   int
	asked   int
	took    []time.Duration
}

func runReplay(ctx context.Context, s *sim.Scenario, d sim.Design, handles []sim.Handle, penRegister bool) (*replay, error) {
	w, err := discovery.Build(ctx, s, sim.NewMemoryLog(), string(d))
	if err != nil {
		return nil, err
	}
	r := &replay{world: w, entered: w.Now()}
	if penRegister {
		w.Server.Intercept(sim.Intercept{Kind: string(PenRegister), Target: w.Phone.Self, From: r.entered})
	}
	for _, h := range handles {
		start := time.Now()
		res, err := w.Lookup(ctx, []sim.Handle{h}, sim.TriggerCommitted)
		r.took = append(r.took, time.Since(start))
		if err != nil {
			return nil, err
		}
		for _, ex := range res.Exchanges {
			r.bytes += ex.Query.Size() + ex.Response.Size()
			for _, k := range ex.KeyFetch {
				r.bytes += len(k)
			}
			r.asked += len(ex.Handles())
		}
		if _, err := w.Advance(ctx, time.Minute); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// compareDesign is the rows of one design (two under the relay: Apple's
// and the relay's) and the phone that looked up.
func compareDesign(ctx context.Context, s *sim.Scenario, d sim.Design, handles []sim.Handle) ([]CompareRow, sim.Handle, error) {
	pr, err := runReplay(ctx, s, d, handles, true)
	if err != nil {
		return nil, "", err
	}
	stored, err := runReplay(ctx, s, d, handles, false)
	if err != nil {
		return nil, "", err
	}
	self := stored.world.Phone.Self
	prRows, err := pr.world.Server.Log().Entries(ctx, sim.LogFilter{Source: self, From: pr.entered})
	if err != nil {
		return nil, "", err
	}
	heldRows, err := stored.world.Server.Log().Entries(ctx, sim.LogFilter{Source: self})
	if err != nil {
		return nil, "", err
	}
	apple := CompareRow{Design: d, Holder: "Apple", Label: designLabel(d), Rows: nonNil(heldRows),
		PenRegister: describeRows(prRows), PenRegisterRows: len(prRows),
		StoredRecords: describeRows(heldRows), StoredRecordsRows: len(heldRows),
		BytesPerLookup: perLookup(stored.bytes, stored.asked), LatencyMicros: median(stored.took)}
	apple.Time, apple.Source, apple.Lookup, apple.IP = columns(heldRows, self)
	rows := []CompareRow{apple}
	if d.Relayed() {
		rows = append(rows, relayRow(d, stored.world, apple))
	}
	return rows, self, nil
}

// relayRow is the relay's own log under the relayed design.
func relayRow(d sim.Design, stored *sim.World, apple CompareRow) CompareRow {
	held := relayEntries(stored.Relay)
	return CompareRow{Design: d, Holder: "relay", Label: designLabel(d),
		Time: Holds, Source: Lacks, Lookup: Lacks, IP: Holds, Rows: held,
		PenRegister:     "none by account (the relay never sees it)",
		PenRegisterRows: 0, StoredRecords: fmt.Sprintf("%s: time and IP, no handle, no account", rowsWord(len(held))),
		StoredRecordsRows: len(held), BytesPerLookup: apple.BytesPerLookup, LatencyMicros: apple.LatencyMicros}
}

func relayEntries(r *sim.Relay) []sim.LogEntry {
	out := []sim.LogEntry{}
	if r == nil {
		return out
	}
	for _, e := range r.Entries() {
		out = append(out, sim.LogEntry{Time: e.Time, ClientIP: e.ClientIP, Design: e.Design})
	}
	return out
}

func designLabel(d sim.Design) string {
	if d == sim.DesignApple {
		return "as reported"
	}
	return "comparison"
}

// columns says what the rows hold of each of the four columns.
func columns(rows []sim.LogEntry, self sim.Handle) (timeCol, source, lookup, ip string) {
	if len(rows) == 0 {
		return Lacks, Lacks, Lacks, Lacks
	}
	timeCol, source, lookup, ip = Holds, Lacks, Lacks, Lacks
	for _, e := range rows {
		if e.SourceHandle == self {
			source = Holds
		}
		switch k := lookupKind(e.LookupHandle); {
		case k == Holds:
			lookup = Holds
		case k == Reversible && lookup != Holds:
			lookup = Reversible
		}
		if e.ClientIP != "" && e.ClientIP != sim.ViaRelay {
			ip = Holds
		}
	}
	return timeCol, source, lookup, ip
}

// lookupKind is what a lookup cell gives away: the handle, something
// reversible (a hash, an OPRF output), or nothing.
func lookupKind(h sim.Handle) string {
	switch {
	case h.IsPhone() || h.IsEmail():
		return Holds
	case h == sim.NotLearnt || h == "":
		return Lacks
	}
	return Reversible
}

// describeRows says in a few words what a set of rows gives police.
func describeRows(rows []sim.LogEntry) string {
	if len(rows) == 0 {
		return "nothing"
	}
	var clear, hashes, outputs, hidden int
	for _, e := range rows {
		switch lookupKind(e.LookupHandle) {
		case Holds:
			clear++
		case Lacks:
			hidden++
		default:
			if strings.HasPrefix(string(e.LookupHandle), "oprf:") {
				outputs++
			} else {
				hashes++
			}
		}
	}
	var parts []string
	for _, p := range []struct {
		n         int
		one, many string
	}{
		{clear, "number", "numbers"}, {hashes, "hash (reversible)", "hashes (reversible)"},
		{outputs, "OPRF output (Apple can reverse)", "OPRF outputs (Apple can reverse)"}, {hidden, "without the number", "without the number"},
	} {
		if p.n > 0 {
			parts = append(parts, sim.Plural(p.n, p.one, p.many))
		}
	}
	_, _, _, ip := columns(rows, "")
	where := "with IP"
	if ip == Lacks {
		where = "no IP"
	}
	return fmt.Sprintf("%s: %s, %s", rowsWord(len(rows)), strings.Join(parts, ", "), where)
}

func rowsWord(n int) string { return sim.Plural(n, "row", "rows") }

func perLookup(bytes, asked int) int {
	if asked == 0 {
		return 0
	}
	return bytes / asked
}

func median(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[(len(s)-1)/2].Nanoseconds()) / 1e3
}

// CompareHeader is the text table's header.
func CompareHeader() []string {
	return []string{"Design", "Holder", "Time", "Source", "Lookup", "IP", "Pen register (from its entry)", "Stored records (after)", "Bytes/lookup", "Latency"}
}

// CompareCells is one row of the text table.
func CompareCells(r CompareRow) []string {
	return []string{string(r.Design), r.Holder, r.Time, r.Source, r.Lookup, r.IP, r.PenRegister, r.StoredRecords,
		fmt.Sprint(r.BytesPerLookup), fmt.Sprintf("%.0f µs", r.LatencyMicros)}
}

// WriteCompareText prints the comparison as an aligned table with its notes.
func WriteCompareText(w io.Writer, c *Comparison) error {
	fmt.Fprintf(w, "%s looked up %s under each design (scenario %s).\n\n", c.Target, sim.Plural(len(c.Lookups), "handle", "handles"), sim.Printable(c.Scenario))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	writeRow(tw, "", CompareHeader())
	for _, r := range c.Rows {
		writeRow(tw, "", CompareCells(r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, n := range c.Notes {
		if _, err := fmt.Fprintln(w, "· "+n); err != nil {
			return err
		}
	}
	return nil
}

// WriteCompareJSON prints the comparison as one JSON document.
func WriteCompareJSON(w io.Writer, c *Comparison) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}
