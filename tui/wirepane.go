package tui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"bluegreen/sim"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wireEvent is one lookup step as the wire inspector shows it: the query
// and answer when one was sent, or a note that nothing was.
type wireEvent struct {
	At        time.Time
	Trigger   sim.Trigger
	Exchanges []sim.Exchange
	Answers   []answerView
	Decision  sim.Decision
}

// wirePane is the lookup inspector: the latest query exactly as sent and
// Apple's answer; earlier ones can be scrolled to.
type wirePane struct {
	events   []wireEvent
	selected int // index into events; the newest unless the user scrolled
	pinned   bool
	line     int // first line shown of the selected event
}

func (p *wirePane) add(e wireEvent) {
	p.events = append(p.events, e)
	if !p.pinned {
		p.selected, p.line = len(p.events)-1, 0
	}
}

// step selects an older (-1) or newer (+1) event.
func (p *wirePane) step(delta int) {
	if len(p.events) == 0 {
		return
	}
	p.selected = min(max(p.selected+delta, 0), len(p.events)-1)
	p.pinned = p.selected < len(p.events)-1
	p.line = 0
}

func (p *wirePane) scrollLines(delta int) { p.line = max(p.line+delta, 0) }

func (p *wirePane) jump(newest bool) {
	if newest {
		p.selected, p.pinned = max(len(p.events)-1, 0), false
	} else {
		p.selected, p.pinned = 0, len(p.events) > 1
	}
	p.line = 0
}

func (p wirePane) view(s Styles, w, h int, focused bool) string {
	inner := w - 2
	if len(p.events) == 0 {
		intro := wrap("Nothing sent yet. Type a number in the To: field: when the phone asks Apple whether it is on iMessage (in this simulation: per the lookups setting on the phone's status line), this pane shows that query exactly as sent, and Apple's answer.", inner)
		return s.frame("Wire — the lookup", styleAll(s.Faint, intro), w, h, focused)
	}
	e := p.events[p.selected]
	lines := wrapStyled(p.eventLines(s, e, inner), inner)
	start := min(p.line, max(len(lines)-(h-2), 0))
	title := fmt.Sprintf("Wire — lookup %d of %d", p.selected+1, len(p.events))
	return s.frame(title, lines[start:], w, h, focused)
}

// wrapStyled wraps each line to width, carrying its style onto every piece:
// the query is shown exactly as sent, never cut off.
// A line indented under a heading (a header, the body) continues indented
// further, so a long value does not run back to the pane's edge.
func wrapStyled(lines []string, width int) []string {
	const more = "    "
	var out []string
	for _, l := range lines {
		pieces := strings.Split(lipgloss.Wrap(l, width, ""), "\n")
		if len(pieces) == 1 || !strings.HasPrefix(ansi.Strip(l), "  ") || width <= 2*len(more) {
			out = append(out, pieces...)
			continue
		}
		out = append(out, pieces[0])
		for _, p := range strings.Split(lipgloss.Wrap(strings.Join(pieces[1:], ""), width-len(more), ""), "\n") {
			out = append(out, more+p)
		}
	}
	return out
}

func styleAll(st interface{ Render(...string) string }, lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = st.Render(l)
	}
	return out
}

func (p wirePane) eventLines(s Styles, e wireEvent, inner int) []string {
	// The verdict comes first: in a short pane the headers below it are
	// what scrolls out of sight, not the answer.
	lines := []string{s.Faint.Render(fmt.Sprintf("%s UTC · %s", e.At.UTC().Format("2006-01-02 15:04:05"), e.Trigger))}
	for _, l := range wrap(whyLine(e), inner) {
		lines = append(lines, s.Bold.Render(l))
	}
	if len(e.Exchanges) == 0 {
		lines = append(lines, s.Accent.Render(nothingSentNote(e)))
	}
	for _, ex := range e.Exchanges {
		lines = append(lines, "")
		lines = append(lines, queryLines(s, ex)...)
		lines = append(lines, responseLines(s, ex)...)
	}
	return lines
}

func nothingSentNote(e wireEvent) string {
	switch {
	case len(e.Answers) == 0:
		return "Nothing sent to Apple."
	case e.Answers[0].Answer.Source == sim.FromCache:
		return "Served from the phone's cache — nothing sent to Apple, nothing logged."
	default:
		return "Nothing sent to Apple: " + e.Answers[0].Answer.Source.String() + "."
	}
}

func queryLines(s Styles, ex sim.Exchange) []string {
	q := ex.Query
	body, _ := json.Marshal(q.Body)
	lines := []string{
		s.Accent.Render("→ query sent from " + ex.ClientIP),
		"  POST " + q.URL,
		s.Faint.Render(fmt.Sprintf("  bag key %s · APNs command %d · topic %s", q.BagKey, q.Transport.APNsCommand, q.Transport.APNsTopic)),
	}
	for _, h := range q.Headers {
		lines = append(lines, "  "+s.Faint.Render(h.Name+":")+" "+h.Value)
	}
	return append(lines, "  body: "+string(body))
}

func responseLines(s Styles, ex sim.Exchange) []string {
	r := ex.Response
	status := fmt.Sprintf("← Apple answers: status %d", r.Status)
	if r.Status == sim.StatusRateLimit {
		status += " — rate limited: here the phone treats every handle as not on iMessage (assumption)"
	}
	lines := []string{s.Accent.Render(status)}
	for _, h := range ex.Query.Body.URIs {
		n := r.Devices(h)
		detail := "no identities: not on iMessage"
		if n > 0 {
			detail = plural(n, "device", "devices") + " (push-token, session-token, keys each)"
		}
		if r.Status == sim.StatusRateLimit {
			detail = "no answer"
		}
		lines = append(lines, fmt.Sprintf("  %s — %s", h, detail))
	}
	return lines
}

// whyLine says in one line why each recipient got its colour.
func whyLine(e wireEvent) string {
	if len(e.Answers) == 0 {
		return ""
	}
	d := e.Decision
	if e.Trigger == sim.TriggerSend && len(d.Reasons) > 0 {
		last := d.Reasons[len(d.Reasons)-1]
		return fmt.Sprintf("Why %s %s: %s → %s [%s].", Glyph(d.Colour(), d.Label), d.Label, last.Check, last.Answer, last.Source)
	}
	if len(e.Answers) > 1 {
		return fmt.Sprintf("Group of %d → %s %s.", len(e.Answers), Glyph(d.Colour(), d.Label), d.Label)
	}
	a := e.Answers[0]
	return fmt.Sprintf("Why %s %s: %s — %s.", Glyph(a.Colour, a.Label), a.Label, a.Answer.Handle.Address(), reasonFor(a))
}

func reasonFor(a answerView) string {
	switch {
	case a.Answer.Source == sim.NotAsked || a.Answer.Source == sim.Unreachable || a.Answer.Source == sim.RateLimited:
		return a.Answer.Source.String()
	case a.Answer.Devices > 0:
		return plural(a.Answer.Devices, "device", "devices") + " registered for iMessage [FACTS §4]"
	case a.Answer.Handle.IsEmail():
		return "not on iMessage, and an email cannot get a text [FACTS §5]"
	default:
		return "not on iMessage, so Messages uses SMS [FACTS §5]"
	}
}
