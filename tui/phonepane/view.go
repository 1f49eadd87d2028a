package phonepane

import (
	"fmt"
	"slices"
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// View draws the pane at its size.
func (p Model) View() string {
	s, snap, w, h, focused := p.com.Styles, p.com.Snap, p.width, p.height, p.focused
	inner := w - 2
	rule := s.Faint.Render(strings.Repeat("─", max(inner, 0)))
	top := append(p.status.lines(s, snap, inner), rule)
	top = append(top, p.toLines(s, inner)...)
	top = append(top, p.hintLines(s, snap, inner)...)
	top = append(top, rule)
	bottom := []string{rule, p.bodyLine(inner)}
	threadH := h - 2 - len(top) - len(bottom)
	lines := append(top, p.threadLines(s, inner, threadH)...)
	lines = append(lines, bottom...)
	return s.Frame("Phone — Messages", lines, w, h, focused)
}

// statusMemo keeps the status lines last drawn. They change with the
// phone's settings, network and clock, not with each key, and styling them
// afresh was a sixth of a keystroke's cost on a class student's screen.
type statusMemo struct {
	key   string
	drawn []string
}

// lines are the status lines for snap at width inner, drawn again only
// when their words, the width or the theme changed. The caller may append
// to what it gets.
func (m *statusMemo) lines(s common.Styles, snap common.Snapshot, inner int) []string {
	first, second := statusItems(snap)
	key := fmt.Sprint(inner, s.Theme.Name, first, second)
	if m == nil || m.key != key {
		drawn := append(common.StyleAll(s.Text, flow(first, inner)), common.StyleAll(s.Faint, flow(second, inner))...)
		if m == nil {
			return drawn
		}
		m.key, m.drawn = key, drawn
	}
	return slices.Clip(m.drawn)
}

// statusItems are the words of the status lines: who and where, then the
// phone's settings.
func statusItems(snap common.Snapshot) (first, second []string) {
	net := snap.Network.String()
	if snap.IP != "" {
		net += " " + snap.IP
	}
	first = []string{sim.Printable(snap.Owner), net, snap.Now.UTC().Format("2006-01-02 15:04 UTC")}
	second = []string{"iMessage " + OnOff(snap.Settings.IMessage), "Send as SMS " + OnOff(snap.Settings.SendAsSMS), "lookups " + snap.Policy.String(), designNote(snap.Design)}
	return first, second
}

// flow joins items with " · ", breaking lines between items, never inside one.
func flow(items []string, width int) []string {
	var lines []string
	line := ""
	for _, it := range items {
		switch {
		case it == "":
		case line == "":
			line = it
		case ansi.StringWidth(line)+3+ansi.StringWidth(it) <= width:
			line += " · " + it
		default:
			lines = append(lines, line)
			line = it
		}
	}
	return append(lines, line)
}

// OnOff spells a setting.
func OnOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// toLines draws "To:" with the lozenges and the input, wrapping lozenges;
// the input takes the rest of the last line (or a line of its own).
func (p Model) toLines(s common.Styles, inner int) []string {
	var lines []string
	line := s.Bold.Render("To:")
	for _, r := range p.recipients {
		part := lozenge(s, r)
		if ansi.StringWidth(line)+1+ansi.StringWidth(part) > inner {
			lines = append(lines, line)
			line = "   "
		}
		line += " " + part
	}
	room := inner - ansi.StringWidth(line) - 2
	if room < ansi.StringWidth(p.to.Placeholder)+2 && room < inner-5 {
		lines = append(lines, line)
		line, room = "   ", inner-5
	}
	input := p.to
	input.SetWidth(room)
	return append(lines, line+" "+input.View())
}

func lozenge(s common.Styles, r Recipient) string {
	name := r.Display
	if r.Name != "" {
		name = r.Name
	}
	label := r.Label
	colour := r.Colour
	if r.Pending {
		label, colour = "asking Apple…", sim.Grey
	}
	return s.Bubble(colour, label).Render(common.Glyph(colour, label) + " " + sim.Printable(name) + " · " + label)
}

// hintLines explain the To: text: incomplete, asking, answered, or a
// contact suggestion — wrapped, never cut.
func (p Model) hintLines(s common.Styles, snap common.Snapshot, inner int) []string {
	t := p.typed
	var hint string
	switch {
	case p.suggestion != nil && t.parsed.Status != sim.Complete:
		hint = s.Accent.Render("↵ " + sim.Printable(p.suggestion.Name) + " " + handleList(p.suggestion.Handles))
	case t.parsed.Status == sim.Empty && len(p.recipients) > 0 && p.field == fieldBody:
		hint = s.Faint.Render("↑ add another recipient · ctrl+n new message")
	case t.parsed.Status == sim.Empty && len(p.recipients) > 0:
		hint = s.Faint.Render("↵ write the message · ctrl+n new message")
	case t.parsed.Status == sim.Empty:
		hint = s.Faint.Render("type a number (e.g. 415 555 0132), an email, or a name")
	case t.parsed.Status == sim.Incomplete:
		hint = s.Faint.Render("incomplete: " + Detail(t.parsed))
	case t.parsed.Status == sim.Invalid:
		hint = s.Warning.Render("! " + Detail(t.parsed))
	case t.pending:
		hint = s.Tint(sim.Grey, "").Render("… asking Apple about " + string(t.parsed.Handle))
	case t.answer != nil:
		a := *t.answer
		tentative := Recipient{Handle: a.Answer.Handle, Display: t.parsed.Display, Name: ContactNamed(snap.Contacts, a.Answer.Handle), Colour: a.Colour, Label: a.Label}
		hint = lozenge(s, tentative) + s.Faint.Render(" "+AnswerNote(a.Answer)+" · ↵ add")
	default:
		hint = s.Faint.Render(string(t.parsed.Handle) + " · ↵ to add (the phone asks Apple then)")
	}
	return common.Wrap(hint, inner)
}

// ContactNamed is the name of the contact that owns h ("" for a stranger).
func ContactNamed(contacts []sim.Contact, h sim.Handle) string {
	for _, c := range contacts {
		for _, ch := range c.Handles {
			if ch == h {
				return c.Name
			}
		}
	}
	return ""
}

// Detail says why typed text is not a handle yet.
func Detail(p sim.Parsed) string {
	if p.Err == nil {
		return p.Status.String()
	}
	d := p.Err.Reason.Error()
	if p.Err.Detail != "" {
		d += " (" + p.Err.Detail + ")"
	}
	return d
}

// AnswerNote says what an answer means: devices, not on iMessage, cached.
func AnswerNote(a sim.Answer) string {
	switch a.Source {
	case sim.FromApple, sim.FromCache:
		n := "not on iMessage"
		if a.Devices > 0 {
			n = sim.Plural(a.Devices, "device", "devices")
		}
		if a.Source == sim.FromCache {
			n += " (cached)"
		}
		return n
	default:
		return a.Source.String()
	}
}

func handleList(hs []sim.Handle) string {
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = h.Address()
	}
	return strings.Join(parts, ", ")
}

func (p Model) bodyLine(inner int) string {
	body := p.body
	body.Placeholder = p.routeHint()
	body.SetWidth(max(inner-10, 8))
	return "Message: " + body.View()
}

// emailWithGreen reports a conversation that holds an email address and a
// member not on iMessage: RCS and SMS carry phone numbers only, so it has
// no route (sim.Decide says the same when it is sent).
func (p Model) emailWithGreen() bool {
	email, green := false, false
	for _, r := range p.recipients {
		email = email || r.Handle.IsEmail()
		green = green || (r.Colour == sim.Green)
	}
	return email && green
}

// routeHint is the message field's placeholder, as in Messages: the route
// the recipients' colours point to.
func (p Model) routeHint() string {
	if len(p.recipients) == 0 {
		return "iMessage / Text Message"
	}
	if p.emailWithGreen() {
		return "iMessage can't be used (an email needs iMessage)"
	}
	for _, r := range p.recipients {
		switch {
		case r.Pending || r.Colour == sim.Grey:
			return "…"
		case r.Colour == sim.Red:
			return "iMessage can't be used"
		case r.Label == "RCS" && len(p.recipients) == 1:
			return "Text Message · RCS"
		case r.Colour != sim.Blue:
			return "Text Message"
		}
	}
	return "iMessage"
}

// threadLines draws the newest bubbles that fit in h lines, bottom-aligned.
func (p Model) threadLines(s common.Styles, inner, h int) []string {
	if h <= 0 {
		return nil
	}
	var lines []string
	for _, b := range p.thread {
		lines = append(lines, bubbleLines(s, b, inner)...)
	}
	if len(lines) > h {
		lines = lines[len(lines)-h:]
	}
	pad := make([]string, h-len(lines))
	return append(pad, lines...)
}

// bubbleLines draws a sent message: right-aligned, coloured and labelled.
func bubbleLines(s common.Styles, b Bubble, inner int) []string {
	d := b.Decision
	maxW := max(inner*3/4, 10)
	text := common.Wrap(sim.Printable(b.Text), maxW-2)
	st := s.Bubble(d.Colour(), d.Label)
	var out []string
	for _, l := range text {
		out = append(out, lipgloss.PlaceHorizontal(inner, lipgloss.Right, st.Render(l)))
	}
	label := []string{common.Glyph(d.Colour(), d.Label) + " " + d.Label}
	if len(d.NeverArrives) > 0 {
		label = append(label, "never arrives (stale registration)")
	}
	label = append(label, offerKeys(d.Offers)...)
	// flow breaks between items, so an offer and its key are never cut off.
	for _, l := range flow(label, inner) {
		out = append(out, lipgloss.PlaceHorizontal(inner, lipgloss.Right, s.Tint(d.Colour(), d.Label).Render(common.Fit(l, min(ansi.StringWidth(l), inner)))))
	}
	return append(out, "")
}

func offerKeys(offers []string) []string {
	keys := map[string]string{"Try Again": "alt+r", "Send as Text Message": "alt+x"}
	parts := make([]string, len(offers))
	for i, o := range offers {
		parts[i] = o + " (" + keys[o] + ")"
	}
	return parts
}

// designNote names the design on the status line when it is a comparison.
func designNote(d sim.Design) string {
	if d == "" || d == sim.DesignApple {
		return ""
	}
	return "design " + string(d) + " (comparison)"
}
