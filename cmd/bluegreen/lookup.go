package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"

	"github.com/spf13/cobra"
)

type lookupFlags struct {
	from string
	at   string
	json bool
}

func newLookupCmd(g *globalFlags) *cobra.Command {
	f := &lookupFlags{}
	cmd := &cobra.Command{
		Use:   "lookup [flags] INPUT...",
		Short: "Enter recipients and see the query, Apple's answer, the colour and the log row",
		Long: "lookup enters INPUT... as the recipients of one new conversation (several make a group), as if\n" +
			"typed into the To: field, and shows the identity query the phone sends to Apple, Apple's answer,\n" +
			"each recipient's colour, the conversation's route and why, and the rows Apple's log now holds.",
		Example: "  bluegreen lookup \"(415) 555-0132\"\n  bluegreen lookup --json dev@example.com\n  bluegreen lookup \"415 555 0147\" \"415 555 0132\"",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("lookup needs at least one recipient: a phone number or an email address")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLookup(cmd.Context(), cmd.OutOrStdout(), g, f, args)
		},
	}
	cmd.Flags().StringVar(&f.from, "from", "", "the looking-up account's handle (default: the scenario's phone)")
	cmd.Flags().StringVar(&f.at, "at", "", "simulated time of the lookup, RFC 3339 (default: the --db database's clock, else the scenario's start)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print one JSON document instead of text")
	return cmd
}

// lookupRun is everything one lookup produced, for both output formats.
type lookupRun struct {
	world  *sim.World
	inputs []string
	parsed []sim.Parsed
	result sim.LookupResult
	route  sim.Decision
	log    []sim.LogEntry
}

func runLookup(ctx context.Context, out io.Writer, g *globalFlags, f *lookupFlags, inputs []string) (err error) {
	w, err := buildWorld(ctx, g, f.at)
	if err != nil {
		return err
	}
	defer closeWorld(w, &err)
	if err := applyFrom(w, f.from); err != nil {
		return err
	}
	run := &lookupRun{world: w, inputs: inputs}
	handles, err := run.parseInputs()
	if err != nil {
		return err
	}
	if run.result, err = w.Lookup(ctx, handles, sim.TriggerCommitted); err != nil {
		return internal(err)
	}
	run.route = w.Decide(run.result.Answers)
	if run.log, err = w.Server.Log().Entries(ctx, sim.LogFilter{}); err != nil {
		return internal(err)
	}
	if f.json {
		return writeLookupJSON(out, run)
	}
	return writeLookupText(out, run)
}

// buildWorld loads the scenario with Apple's log from --db (memory without
// it) and sets the clock: at (RFC 3339) when given, which may not be before
// the database's clock; otherwise the database's clock, so a command
// continues where the last one stopped; for a new log, the scenario's start.
func buildWorld(ctx context.Context, g *globalFlags, at string) (*sim.World, error) {
	s, err := sim.LoadScenario(g.scenario)
	if err != nil {
		return nil, err
	}
	start, err := parseAt(at)
	if err != nil {
		return nil, err
	}
	store, err := openLog(ctx, g.db)
	if err != nil {
		return nil, err
	}
	if err := startClock(ctx, s, store, start, g.db); err != nil {
		store.Close()
		return nil, err
	}
	w, err := s.Build(ctx, store)
	if err != nil {
		store.Close()
		if errors.Is(err, sim.ErrTimeRange) {
			return nil, fmt.Errorf("--db %s: %w", g.db, err)
		}
		return nil, internal(err)
	}
	if err := applyDesign(w, g.design); err != nil {
		store.Close()
		return nil, err
	}
	return w, nil
}

// applyDesign attaches the comparison designs' cryptography and switches to
// --design when given.
func applyDesign(w *sim.World, name string) error {
	if err := discovery.Attach(w); err != nil {
		return internal(err)
	}
	if name == "" {
		return nil
	}
	d, err := sim.ParseDesign(name)
	if err != nil {
		return fmt.Errorf("--design: %w", err)
	}
	return w.SetDesign(d)
}

func parseAt(at string) (time.Time, error) {
	if at == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at %q: want an RFC 3339 time such as 2016-09-26T16:00:00Z", at)
	}
	if err := sim.CheckTime(t); err != nil {
		return time.Time{}, fmt.Errorf("--at: %w", err)
	}
	return t.UTC(), nil
}

// startClock decides where the world's clock starts. Apple's server never
// runs backwards, so an --at before the database's clock is refused.
func startClock(ctx context.Context, s *sim.Scenario, store sim.LogStore, at time.Time, path string) error {
	clock, err := serverTime(ctx, store)
	if err != nil {
		return err
	}
	switch {
	case !at.IsZero() && at.Before(clock):
		return fmt.Errorf("--at %s is before the clock of Apple's server in %s (%s): its log never runs backwards; "+
			"give a later --at, or none to continue from %s", at.Format(time.RFC3339), path, clock.Format(time.RFC3339), clock.Format(time.RFC3339))
	case !at.IsZero():
		s.Start = at
	case !clock.IsZero():
		s.Start = clock
	}
	return nil
}

// applyFrom makes another account do the looking up.
func applyFrom(w *sim.World, from string) error {
	if from == "" {
		return nil
	}
	h, err := sim.ParseHandle(from, w.Phone.Region)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	w.Phone.Self = h
	return nil
}

func (r *lookupRun) parseInputs() ([]sim.Handle, error) {
	handles := make([]sim.Handle, 0, len(r.inputs))
	for _, in := range r.inputs {
		p := r.world.Parse(in)
		if p.Status != sim.Complete {
			return nil, p.Err
		}
		r.parsed = append(r.parsed, p)
		handles = append(handles, p.Handle)
	}
	return handles, nil
}

// recipientJSON is one recipient in the JSON document.
type recipientJSON struct {
	Input   string `json:"input"`
	Handle  string `json:"handle"`
	Contact string `json:"contact,omitempty"`
	Devices int    `json:"devices"`
	Answer  string `json:"answer"`
	Colour  string `json:"colour"`
	Label   string `json:"label"`
}

// routeJSON is the conversation's route in the JSON document.
type routeJSON struct {
	Route        string       `json:"route"`
	Label        string       `json:"label"`
	Colour       string       `json:"colour"`
	Reasons      []sim.Reason `json:"reasons"`
	Offers       []string     `json:"offers"`
	NeverArrives []sim.Handle `json:"never_arrives"`
}

// batchJSON is a further query when more than 20 handles were looked up.
type batchJSON struct {
	Query    sim.Query    `json:"query"`
	Response sim.Response `json:"response"`
}

// lookupJSON is the stable document `lookup --json` prints.
type lookupJSON struct {
	Query          *sim.Query      `json:"query"`
	Response       *sim.Response   `json:"response"`
	FurtherBatches []batchJSON     `json:"further_batches,omitempty"`
	Recipients     []recipientJSON `json:"recipients"`
	Route          routeJSON       `json:"route"`
	Log            []sim.LogEntry  `json:"log"`
	Design         sim.Design      `json:"design"`
	// RelayLog is the relay's own log under the private+relay design.
	RelayLog []sim.RelayEntry `json:"relay_log,omitempty"`
}

func writeLookupJSON(out io.Writer, r *lookupRun) error {
	doc := lookupJSON{Recipients: r.recipients(), Route: routeDoc(r.route), Log: r.log, Design: r.world.Design()}
	if r.world.Relay != nil {
		doc.RelayLog = r.world.Relay.Entries()
	}
	if doc.Log == nil {
		doc.Log = []sim.LogEntry{}
	}
	for i, ex := range r.result.Exchanges {
		if i == 0 {
			doc.Query, doc.Response = &ex.Query, &ex.Response
			continue
		}
		doc.FurtherBatches = append(doc.FurtherBatches, batchJSON{Query: ex.Query, Response: ex.Response})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func (r *lookupRun) recipients() []recipientJSON {
	out := make([]recipientJSON, 0, len(r.result.Answers))
	for i, a := range r.result.Answers {
		colour, label := r.world.Colour(a)
		c, _ := r.world.ContactFor(a.Handle)
		out = append(out, recipientJSON{
			Input: r.inputFor(a.Handle, i), Handle: string(a.Handle), Contact: c.Name, Devices: a.Devices,
			Answer: a.Source.String(), Colour: colour.String(), Label: label,
		})
	}
	return out
}

// inputFor finds what the person typed for h (inputs may repeat a handle).
func (r *lookupRun) inputFor(h sim.Handle, fallback int) string {
	for _, p := range r.parsed {
		if p.Handle == h {
			return p.Input
		}
	}
	return r.inputs[fallback]
}

func routeDoc(d sim.Decision) routeJSON {
	doc := routeJSON{Route: d.Route.String(), Label: d.Label, Colour: d.Colour().String(), Reasons: d.Reasons, Offers: d.Offers, NeverArrives: d.NeverArrives}
	if doc.Offers == nil {
		doc.Offers = []string{}
	}
	if doc.NeverArrives == nil {
		doc.NeverArrives = []sim.Handle{}
	}
	return doc
}
