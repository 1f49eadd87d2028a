// Package wirepane is the lookup inspector: the latest query exactly as
// sent and Apple's answer; earlier ones can be scrolled to.
package wirepane

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

import ()

// Event is one lookup step as the wire inspector shows it: the query and
// answer when one was sent, or a note that nothing was.
type Event struct {
	At        time.Time
	Trigger   sim.Trigger
	Exchanges []sim.Exchange
	Answers   []common.AnswerView
	Decision  sim.Decision
}

// KeyMap is what the wire pane's keys do: ↑ ↓ pick an older or newer
// lookup, the page keys scroll it, home and end jump to the oldest and
// the newest.
type KeyMap = common.ScrollKeys

// NewKeyMap takes the wire pane's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap { return common.NewScrollKeys(k) }

// Model is the wire pane. The selected lookup's lines are laid out when
// it, the width or the theme changes — never in View — and a viewport
// keeps the scroll within them.
type Model struct {
	com      *common.Common
	Keys     KeyMap
	events   []Event         // the newest MaxEvents lookups
	dropped  int             // lookups older than events, forgotten
	asked    int             // handles every lookup asked Apple about, forgotten ones too
	selected int             // index into events; the newest unless the user scrolled
	pinned   bool            // the user is reading an older lookup: new ones do not take over
	body     common.Scroller // the selected lookup laid out at the pane's width
	width    int
	height   int
	focused  bool
}

// New is an empty wire pane.
func New(com *common.Common) Model {
	return Model{com: com, Keys: NewKeyMap(com.Keys), body: common.NewScroller()}
}

// SetSize sets the pane's size and lays the lookup out for it.
func (p *Model) SetSize(w, h int) {
	resized := w != p.width
	p.width, p.height = w, h
	p.body.SetSize(w, h)
	if resized {
		p.layOut()
	}
}

// SetStyles lays the lookup out again in the current theme.
func (p *Model) SetStyles() { p.layOut() }

// Focus marks the pane focused.
func (p *Model) Focus() { p.focused = true }

// Blur marks the pane unfocused.
func (p *Model) Blur() { p.focused = false }

// MaxEvents is how many lookups the wire keeps to page back through. A
// class runs for hours and its server holds every student's wire, so the
// oldest are forgotten; every row they left is still in Apple's log.
const MaxEvents = 500

// Add shows a new lookup, unless the user is reading an older one.
func (p *Model) Add(e Event) {
	for _, ex := range e.Exchanges {
		p.asked += ex.Query.Body.Items()
	}
	p.events = append(p.events, e)
	if len(p.events) > MaxEvents {
		p.events = slices.Delete(p.events, 0, 1)
		p.dropped++
		p.selected = max(p.selected-1, 0)
	}
	if !p.pinned {
		p.show(len(p.events) - 1)
	} else if p.selected == 0 {
		p.layOut() // the lookup being read was forgotten: the oldest kept is shown
	}
}

// Asked is how many handles the lookups on the wire asked Apple about:
// one row each in Apple's log (a cache hit asks nothing).
func (p Model) Asked() int { return p.asked }

// ShowsCacheHit reports whether the lookup on screen sent nothing.
func (p Model) ShowsCacheHit() bool {
	return len(p.events) > 0 && len(p.events[p.selected].Exchanges) == 0
}

// Offset is the first line shown of the selected lookup.
func (p Model) Offset() int { return p.body.Offset() }

// Update handles the pane's keys when it has focus.
func (p Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	press, ok := msg.(tea.KeyPressMsg)
	if !ok || !p.focused {
		return p, nil
	}
	k := p.Keys
	switch {
	case key.Matches(press, k.Up):
		p.step(-1)
	case key.Matches(press, k.Down):
		p.step(1)
	case key.Matches(press, k.PageUp):
		p.ScrollLines(-p.height / 2)
	case key.Matches(press, k.PageDown):
		p.ScrollLines(p.height / 2)
	case key.Matches(press, k.Top):
		p.jump(false)
	case key.Matches(press, k.Bottom):
		p.jump(true)
	}
	return p, nil
}

// step selects an older (-1) or newer (+1) event.
func (p *Model) step(delta int) {
	if len(p.events) == 0 {
		return
	}
	p.show(min(max(p.selected+delta, 0), len(p.events)-1))
	p.pinned = p.selected < len(p.events)-1
}

// ScrollLines scrolls the lookup on screen by delta lines (the mouse
// wheel), never past its first or last screenful.
func (p *Model) ScrollLines(delta int) {
	p.body.Scroll(delta)
}

func (p *Model) jump(newest bool) {
	if newest {
		p.show(max(len(p.events)-1, 0))
		p.pinned = false
	} else {
		p.show(0)
		p.pinned = len(p.events) > 1
	}
}

// show selects event i from its top.
func (p *Model) show(i int) {
	p.selected = i
	p.layOut()
	p.body.Top()
}

// layOut wraps the selected lookup (or the introduction) to the width.
func (p *Model) layOut() {
	if p.com == nil {
		return
	}
	s, inner := p.com.Styles, p.width-2
	switch {
	case inner <= 0:
		p.body.SetLines(nil) // hidden
	case len(p.events) == 0:
		intro := common.Wrap("Nothing sent yet. Type a number in the To: field: when the phone asks Apple whether it is on iMessage (in this simulation: per the lookups setting on the phone's status line), this pane shows that query and Apple's answer — decoded for reading: it travels inside the phone's APNs push connection as a gzipped property list, shown here as a POST line and JSON.", inner)
		p.body.SetLines(common.StyleAll(s.Faint, intro))
	default:
		p.body.SetLines(wrapStyled(eventLines(s, p.events[p.selected], inner), inner))
	}
}

// View draws the pane at its size. The frame helper draws the viewport's
// lines rather than viewport.View: every pane is framed the same way, and
// the frame is what the keystroke benchmarks measured (docs/PERFORMANCE.md).
func (p Model) View() string {
	s := p.com.Styles
	title := "Wire — the lookup"
	if len(p.events) > 0 {
		title = fmt.Sprintf("Wire — lookup %d of %d", p.dropped+p.selected+1, p.dropped+len(p.events))
		if newer := len(p.events) - 1 - p.selected; p.pinned && newer > 0 {
			// reading an older lookup: new ones wait below instead of taking over
			title += fmt.Sprintf(" · %d newer ↓", newer)
		}
	}
	return s.Frame(title, p.body.Visible(), p.width, p.height, p.focused)
}

// wrapStyled wraps each line to width, carrying its style onto every piece:
// the query is shown whole, never cut off.
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

func eventLines(s common.Styles, e Event, inner int) []string {
	// The verdict comes first: in a short pane the headers below it are
	// what scrolls out of sight, not the answer.
	lines := []string{s.Faint.Render(fmt.Sprintf("%s UTC · %s", e.At.UTC().Format("2006-01-02 15:04:05"), e.Trigger))}
	for _, l := range common.Wrap(whyLine(e), inner) {
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

func nothingSentNote(e Event) string {
	switch {
	case len(e.Answers) == 0:
		return "Nothing sent to Apple."
	case e.Answers[0].Answer.Source == sim.FromCache:
		return "Served from the phone's cache — nothing sent to Apple, nothing logged."
	default:
		return "Nothing sent to Apple: " + e.Answers[0].Answer.Source.String() + "."
	}
}

func queryLines(s common.Styles, ex sim.Exchange) []string {
	q := ex.Query
	body, _ := json.Marshal(q.Body)
	from := "→ query sent from " + ex.ClientIP
	if ex.Design.Relayed() {
		from += " to the relay, which forwards it to Apple without the IP"
	}
	lines := []string{s.Accent.Render(from)}
	if d := ex.Design; d.Conceals() {
		// What replaced the handle comes first: in a short pane the headers
		// are what scrolls out of sight.
		lines = append(lines, s.Bold.Render("  design "+string(d)+" — "+d.Summary()), "  body: "+string(body))
	} else if d == sim.DesignNoLog {
		lines = append(lines, s.Bold.Render("  design "+string(d)+" — "+d.Summary()))
	}
	lines = append(lines,
		s.Faint.Render(fmt.Sprintf("  inside the APNs push connection (command %d, topic %s), shown decoded:", q.Transport.APNsCommand, q.Transport.APNsTopic)),
		"  POST "+q.URL,
		s.Faint.Render("  bag key "+q.BagKey),
	)
	for _, h := range q.Headers {
		v := h.Value
		if h.Name == "x-protocol-version" {
			v += s.Faint.Render(" (today's clients' value; assumption)")
		}
		lines = append(lines, "  "+s.Faint.Render(h.Name+":")+" "+v)
	}
	if ex.Design.Conceals() {
		return lines
	}
	return append(lines, "  body (gzipped plist, as JSON): "+string(body))
}

func responseLines(s common.Styles, ex sim.Exchange) []string {
	r := ex.Response
	status := fmt.Sprintf("← Apple answers: status %d", r.Status)
	if r.Status == sim.StatusRateLimit {
		status += " — rate limited: here the phone treats every handle as not on iMessage (assumption)"
	}
	lines := []string{s.Accent.Render(status)}
	if ex.Design.Oblivious() && r.Status == sim.StatusOK {
		return append(lines, obliviousLines(ex)...)
	}
	for _, h := range ex.Handles() {
		n := ex.Devices(h)
		detail := "no identities: not on iMessage"
		if n > 0 {
			detail = sim.Plural(n, "device", "devices") + " (push-token, session-token, keys each)"
		}
		if r.Status == sim.StatusRateLimit {
			detail = "no answer"
		}
		lines = append(lines, fmt.Sprintf("  %s — %s", h, detail))
	}
	return lines
}

// obliviousLines is an OPRF answer: Apple's evaluated elements, then what
// the phone alone works out from them.
func obliviousLines(ex sim.Exchange) []string {
	var lines []string
	for i, h := range ex.Handles() {
		o := ex.Opened[h]
		found := "not in the published set: not on iMessage"
		if o.Devices > 0 {
			found = "in the published set: " + sim.Plural(o.Devices, "device", "devices")
		}
		if i < len(ex.Response.Evaluated) {
			lines = append(lines, "  evaluated element: "+ex.Response.Evaluated[i])
		}
		lines = append(lines, fmt.Sprintf("  on the phone only: unblinded → %s → %s is %s", o.Tag, h.Address(), found))
	}
	if len(ex.KeyFetch) > 0 {
		lines = append(lines, "→ key fetch through the relay by OPRF output: "+strings.Join(ex.KeyFetch, ", "))
	}
	return lines
}

// whyLine says in one line why each recipient got its colour.
func whyLine(e Event) string {
	if len(e.Answers) == 0 {
		return ""
	}
	d := e.Decision
	if e.Trigger == sim.TriggerSend && len(d.Reasons) > 0 {
		last := d.Reasons[len(d.Reasons)-1]
		return fmt.Sprintf("Why %s %s: %s → %s [%s].", common.Glyph(d.Colour(), d.Label), d.Label, last.Check, last.Answer, last.Source)
	}
	if len(e.Answers) > 1 {
		return fmt.Sprintf("Group of %d → %s %s.", len(e.Answers), common.Glyph(d.Colour(), d.Label), d.Label)
	}
	a := e.Answers[0]
	return fmt.Sprintf("Why %s %s: %s — %s.", common.Glyph(a.Colour, a.Label), a.Label, a.Answer.Handle.Address(), reasonFor(a))
}

func reasonFor(a common.AnswerView) string {
	switch {
	case a.Answer.Source == sim.NotAsked || a.Answer.Source == sim.Unreachable || a.Answer.Source == sim.RateLimited:
		return a.Answer.Source.String()
	case a.Answer.Devices > 0:
		return sim.Plural(a.Answer.Devices, "device", "devices") + " registered for iMessage [" + sim.SrcWire + "]"
	case a.Answer.Handle.IsEmail():
		return "not on iMessage, and an email cannot get a text [" + sim.SrcEmailRed + "]"
	case a.Label == "RCS":
		return "not on iMessage; both carriers support RCS, so Messages uses RCS — green, not end-to-end encrypted [" + sim.SrcRCS + "]"
	default:
		return "not on iMessage, so Messages uses SMS [" + sim.SrcColours + "]"
	}
}
