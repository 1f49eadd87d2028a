package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/sim/discovery"
	"bluegreen/tui/common"
	"bluegreen/tui/lessons"
	"bluegreen/tui/overlay"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// maxSessionLookups bounds what a comparison replays.
const maxSessionLookups = 200

// designState is what the app keeps for the comparison designs.
type designState struct {
	session     []sim.Handle        // handles the phone asked Apple about, first time each
	comparison  *logview.Comparison // the last comparison, to redraw on resize
	reverse     *reverseView        // the reversal on screen
	enumeration *enumerateMsg       // the last walk through the OPRF
	runs        int                 // reversals started, so stale progress is dropped
	// spaces is what a reversal tries for an area code (nil: the 555-01xx
	// block, then the whole area code); tests shrink it.
	spaces func(area string) []discovery.Space
}

// remember adds the handles an exchange asked about to the session.
func (d *designState) remember(exs []sim.Exchange) {
	for _, ex := range exs {
		for _, h := range ex.Handles() {
			if len(d.session) < maxSessionLookups && !slices.Contains(d.session, h) {
				d.session = append(d.session, h)
			}
		}
	}
}

// nextDesign switches the world to the design after the one in force,
// attaching the designs' cryptography the first time one needs it.
func nextDesign(w *sim.World) error {
	ds := sim.Designs()
	next := ds[(slices.Index(ds, w.Design())+1)%len(ds)]
	if err := w.SetDesign(next); err == nil {
		return nil
	}
	if err := discovery.Attach(w); err != nil {
		return err
	}
	return w.SetDesign(next)
}

// designCaption says which design is now in force, and that it is a
// comparison unless it is Apple's.
func designCaption(msg stateMsg) caption {
	if msg.Err != nil {
		return caption{Text: "Cannot switch design: " + sim.Printable(msg.Err.Error())}
	}
	d := msg.Snap.Design
	text := fmt.Sprintf("Design: %s — %s. Type a number to see its wire and log; alt+m compares every design.", d, d.Summary())
	switch d {
	case sim.DesignApple:
		text = "Design: apple — as reported, the handle in the clear. Rows already logged keep the design they were written under."
	case sim.DesignHashed:
		text += " alt+b reverses the log's hashes."
	case sim.DesignNoLog:
		text += " Serve a pen register (alt+o) and Apple records again, from the order on."
	}
	return caption{Text: text, Source: sim.SrcAssumption}
}

// opIntercept puts a forward-looking order in force at Apple, so even a
// design that keeps no log records the target from the order's entry.
func opIntercept(i sim.Intercept) worldOp {
	return func(_ context.Context, w *sim.World, _ time.Duration) tea.Msg {
		w.Server.Intercept(i)
		return stateMsg{Snap: common.TakeSnapshot(w), What: changedNothing}
	}
}

// interceptFor is the intercept a served order puts in force (ok false for
// a stored-records order, which looks back).
func interceptFor(o logview.Order, at time.Time) (sim.Intercept, bool) {
	if !o.Kind.Forward() {
		return sim.Intercept{}, false
	}
	from := o.Entered
	if from.IsZero() {
		from = o.Period.From
	}
	if from.IsZero() {
		from = at
	}
	return sim.Intercept{Kind: string(o.Kind), Target: o.Target, From: from, To: o.Period.To}, true
}

// compareMsg brings a comparison back from the engine.
type compareMsg struct {
	Comparison *logview.Comparison
	Err        error
}

// opCompare replays the session's lookups under every design.
func opCompare(handles []sim.Handle) worldOp {
	handles = slices.Clone(handles)
	return func(ctx context.Context, w *sim.World, _ time.Duration) tea.Msg {
		if w.Scenario == nil {
			return compareMsg{Err: fmt.Errorf("this world was not built from a scenario")}
		}
		c, err := logview.Compare(ctx, w.Scenario, handles)
		return compareMsg{Comparison: c, Err: err}
	}
}

func (m *Model) openCompare() tea.Cmd {
	if len(m.designs.session) == 0 {
		m.below.caption = caption{Text: "Nothing to compare yet: type a number first, then alt+m replays this session's lookups under every design."}
		return nil
	}
	m.openOverlay(overlay.Open(m.com, overlay.Compare, "Compare designs — comparisons, not what Apple does", []string{m.com.Styles.Faint.Render("Replaying this session's lookups under every design…")}))
	return m.engine.run(opCompare(m.designs.session))
}

func (m *Model) compareArrived(msg compareMsg) {
	if m.overlay.Kind() != overlay.Compare {
		return
	}
	if msg.Err != nil {
		m.overlay.SetLines([]string{m.com.Styles.Warning.Render("Cannot compare: " + sim.Printable(msg.Err.Error()))})
		return
	}
	m.designs.comparison = msg.Comparison
	m.overlay.SetLines(compareLines(m.com.Styles, msg.Comparison, m.overlayWidth()))
}

// compareLines draws the comparison as one block per design and holder, so
// it reads at 80 columns as well as 200.
func compareLines(s common.Styles, c *logview.Comparison, width int) []string {
	var lines []string
	add := func(style func(...string) string, text string) {
		for _, l := range common.Wrap(text, width) {
			lines = append(lines, style(l))
		}
	}
	add(s.Text.Render, fmt.Sprintf("%s's %s, replayed from a fresh world under each design: once with a pen register entered first, once with a stored-records order served after.",
		c.Target.Address(), sim.Plural(len(c.Lookups), "lookup", "lookups")))
	for _, r := range c.Rows {
		lines = append(lines, "")
		add(s.Bold.Render, fmt.Sprintf("%s — %s's log (%s)", r.Design, r.Holder, r.Label))
		add(s.Text.Render, fmt.Sprintf("  holds: time %s · source %s · lookup %s · IP %s", r.Time, r.Source, r.Lookup, r.IP))
		add(s.Text.Render, "  pen register (from its entry): "+r.PenRegister)
		add(s.Text.Render, "  stored records (after): "+r.StoredRecords)
		add(s.Faint.Render, fmt.Sprintf("  %d bytes on the wire per lookup · %.0f µs per lookup, measured", r.BytesPerLookup, r.LatencyMicros))
	}
	lines = append(lines, "")
	lines = append(lines, relayBesideApple(s, c, width)...)
	lines = append(lines, "")
	for _, n := range c.Notes {
		add(s.Faint.Render, "· "+n)
	}
	return lines
}

// relayBesideApple shows the relayed design's two logs side by side (one
// above the other when the screen is narrow): what each holder could hand
// over for the same lookups.
func relayBesideApple(s common.Styles, c *logview.Comparison, width int) []string {
	var apple, relay []string
	for _, r := range c.Rows {
		if r.Design != sim.DesignPrivateRelay {
			continue
		}
		for _, e := range r.Rows {
			t := e.Time.UTC().Format("15:04:05")
			if r.Holder == "relay" {
				relay = append(relay, fmt.Sprintf("%s  %s", t, sim.Printable(e.ClientIP)))
			} else {
				apple = append(apple, fmt.Sprintf("%s  %s  %s  %s", t, e.SourceHandle.Address(), sim.Printable(string(e.LookupHandle)), e.ClientIP))
			}
		}
	}
	if len(apple)+len(relay) == 0 {
		return nil
	}
	left := append([]string{s.Bold.Render("Apple's log (private+relay)"), s.Faint.Render("time      source  lookup  IP")}, apple...)
	right := append([]string{s.Bold.Render("The relay's log"), s.Faint.Render("time      client IP")}, relay...)
	colW := 0
	for _, l := range left {
		colW = max(colW, ansi.StringWidth(l))
	}
	if colW+3+30 > width {
		return append(append(left, ""), right...)
	}
	out := make([]string, max(len(left), len(right)))
	for i := range out {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = common.Fit(l, colW) + " │ " + r
	}
	return out
}

// designTopic is the card for the design in force, when it is a comparison.
func (m Model) designTopic() (lessons.Topic, bool) {
	return lessons.DesignTopic(m.com.Snap.Design)
}

// reverseHint points to the app's reversal key; a student's screen, which
// has no such key, leaves it out.
const reverseHint = " alt+b shows how fast a hash is reversed."

// designLookupCaption says what a lookup left behind under a comparison
// design — which is never the same as under Apple's.
func designLookupCaption(msg lookupMsg, a common.AnswerView) caption {
	ex := msg.Result.Exchanges[0]
	self, them, at := msg.Snap.Self.Address(), a.Answer.Handle.Address(), ex.At.UTC().Format("15:04")
	var text string
	switch ex.Design {
	case sim.DesignHashed:
		text = fmt.Sprintf("Apple logged a hash of %s, not the number — with %s, %s and %s UTC."+reverseHint, them, self, ex.ClientIP, at)
	case sim.DesignPrivate:
		text = fmt.Sprintf("Apple evaluated a blinded element and logged — (not learnt) for the number; it still logged %s, %s and %s UTC. The phone alone learnt that %s is %s.", self, ex.ClientIP, at, them, a.Label)
	case sim.DesignPrivateRelay:
		text = fmt.Sprintf("The relay logged %s at %s UTC but no number and no account; Apple logged %s but no IP.", ex.ClientIP, at, self)
	case sim.DesignNoLog:
		text = fmt.Sprintf("Apple answered (%s is %s) and logged nothing — unless a pen register or trap and trace is in force.", them, a.Label)
	default:
		return caption{}
	}
	return caption{Text: text + " (A comparison design, not what Apple does.)", Source: sim.SrcAssumption}
}

// enumerateMsg brings back a walk of the 555-01xx block through the OPRF:
// Held on the live world under its rate limit, Open on a copy without one.
type enumerateMsg struct {
	Held, Open sim.EnumerationResult
	Limit      sim.RateLimit
	Snap       common.Snapshot
	Err        error
}

// opEnumerate walks the block through the phone's own account, then the
// same walk on a fresh copy of the world with no rate limit.
func opEnumerate(area string) worldOp {
	return func(ctx context.Context, w *sim.World, _ time.Duration) tea.Msg {
		block := discovery.BlockSpace(area).Handles()
		msg := enumerateMsg{Limit: w.Server.RateLimit()}
		msg.Held, msg.Err = w.Enumerate(ctx, block)
		msg.Snap = common.TakeSnapshot(w)
		if msg.Err != nil || w.Scenario == nil {
			return msg
		}
		open, err := discovery.Build(ctx, w.Scenario, sim.NewMemoryLog(), string(w.Design()))
		if err != nil {
			msg.Err = err
			return msg
		}
		open.Server.SetRateLimit(sim.RateLimit{})
		msg.Open, msg.Err = open.Enumerate(ctx, block)
		return msg
	}
}

// attack is alt+b: reverse the hashes under the hashed design, walk the
// numbers through the OPRF under the private ones.
func (m *Model) attack() tea.Cmd {
	if !m.com.Snap.Design.Oblivious() {
		return m.startReverse()
	}
	area := discovery.AreaCode(m.com.Snap.Self)
	if area == "" {
		area = "415"
	}
	m.openOverlay(overlay.Open(m.com, overlay.Reverse, "Enumerate through the OPRF — rate limit", []string{m.com.Styles.Faint.Render("Walking 555-0100…555-0199 through your account…")}))
	m.designs.enumeration = nil
	return m.engine.run(opEnumerate(area))
}

func (m *Model) enumerated(msg enumerateMsg) tea.Cmd {
	m.setSnap(msg.Snap)
	m.designs.enumeration = &msg
	m.designs.reverse = nil
	m.refreshReverse()
	m.log.MarkLanded()
	return m.log.Fetch()
}

// enumerationLines says what the walk learnt, held by the limit and not.
func (m Model) enumerationLines() []string {
	s, width, e := m.com.Styles, m.overlayWidth(), m.designs.enumeration
	var lines []string
	add := func(style func(...string) string, text string) {
		for _, l := range common.Wrap(text, width) {
			lines = append(lines, style(l))
		}
	}
	if e == nil {
		return []string{s.Faint.Render("Walking 555-0100…555-0199 through your account…")}
	}
	if e.Err != nil {
		add(s.Warning.Render, "Stopped: "+sim.Printable(e.Err.Error()))
		return lines
	}
	add(s.Text.Render, fmt.Sprintf("A script walked the %d numbers 555-0100…555-0199 through your account's private lookups (design %s, a comparison). Apple never learnt one of them — but the script learns the answer to each.", e.Held.Tried, e.Held.Design))
	lines = append(lines, "")
	add(s.Bold.Render, "Holding — with the rate limit:")
	if e.Held.Limited {
		add(s.Text.Render, fmt.Sprintf("  the limit (%d lookups per %s per account — a simulator assumption) stopped it at %s UTC after it had learnt %s, %d of them on iMessage.",
			e.Limit.Max, per(e.Limit.Per), e.Held.LimitedAt.UTC().Format("15:04"), sim.Plural(e.Held.Learnt, "number", "numbers"), len(e.Held.Registered)))
	} else {
		add(s.Text.Render, fmt.Sprintf("  no limit stopped it: it learnt all %d numbers, %d on iMessage.", e.Held.Learnt, len(e.Held.Registered)))
	}
	if e.Limit.Max > 0 {
		years := float64(discovery.AreaCodeSpace("415").Size()) / float64(e.Limit.Max) * e.Limit.Per.Hours() / (24 * 365)
		add(s.Text.Render, fmt.Sprintf("  At that rate one account needs %.1f years for one area code's 10^7 numbers.", years))
	}
	lines = append(lines, "")
	add(s.Bold.Render, "Failing — the same walk with no limit (a fresh copy of this world):")
	add(s.Text.Render, fmt.Sprintf("  it learnt %s of %d, %d on iMessage: %s.", sim.Plural(e.Open.Learnt, "number", "numbers"), e.Open.Tried, len(e.Open.Registered), handleList(e.Open.Registered, 6)))
	lines = append(lines, "")
	add(s.Faint.Render, "The rate limit is the only defence an OPRF lookup has against enumeration (Kales et al., USENIX Security 2019); many accounts, or one without a limit, walk the whole space.")
	return lines
}

// per is a rate limit's window in words.
func per(d time.Duration) string {
	switch d {
	case time.Hour:
		return "hour"
	case 24 * time.Hour:
		return "day"
	}
	return d.String()
}

func handleList(hs []sim.Handle, n int) string {
	var out []string
	for i, h := range hs {
		if i == n {
			out = append(out, fmt.Sprintf("and %d more", len(hs)-n))
			break
		}
		out = append(out, h.Address())
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
