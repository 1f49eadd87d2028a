package tui

import (
	"strings"

	"bluegreen/sim"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// phoneField is the field of the new-message screen that has focus.
type phoneField int

const (
	fieldTo phoneField = iota
	fieldBody
)

// recipient is a confirmed recipient: a lozenge in the To: field.
type recipient struct {
	Handle  sim.Handle
	Display string
	Name    string
	Colour  sim.Colour
	Label   string
	Pending bool
	seq     uint64
}

// typedState is what the phone knows about the To: field's current text.
type typedState struct {
	parsed  sim.Parsed
	seq     uint64 // request that will answer for this text (0 = none)
	pending bool
	answer  *answerView
}

// bubble is a sent message in the thread.
type bubble struct {
	Index    int // position in the world's thread
	Text     string
	To       []sim.Handle
	Decision sim.Decision
	Pending  bool
}

// phonePane is the mock Messages app: a new-message screen with a To:
// field of lozenges, a message field and the thread.
type phonePane struct {
	to         textinput.Model
	body       textinput.Model
	field      phoneField
	recipients []recipient
	typed      typedState
	thread     []bubble
	suggestion *sim.Contact
	seq        uint64
}

func newPhonePane(s Styles) phonePane {
	p := phonePane{to: newInput("", "number, email, name"), body: newInput("", "iMessage / Text Message")}
	p.setStyles(s)
	p.to.Focus()
	return p
}

// newInput is a text field whose keys never collide with the app's:
// suggestions, clipboard and alt-word keys are left to the app.
func newInput(prompt, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = 320
	km := textinput.DefaultKeyMap()
	for _, b := range []*key.Binding{&km.AcceptSuggestion, &km.NextSuggestion, &km.PrevSuggestion, &km.Paste,
		&km.WordForward, &km.WordBackward, &km.DeleteWordForward} {
		b.SetEnabled(false)
	}
	km.DeleteWordBackward = key.NewBinding(key.WithKeys("alt+backspace", "ctrl+w"))
	in.KeyMap = km
	return in
}

func (p *phonePane) setStyles(s Styles) {
	st := textinput.Styles{
		Focused: textinput.StyleState{Text: s.Text, Placeholder: s.Faint, Prompt: s.Bold},
		Blurred: textinput.StyleState{Text: s.Faint, Placeholder: s.Faint, Prompt: s.Faint},
		Cursor:  textinput.CursorStyle{Color: s.Theme.Focus, Blink: false},
	}
	p.to.SetStyles(st)
	p.body.SetStyles(st)
}

// focusField moves typing focus between To: and the message field.
func (p *phonePane) focusField(f phoneField) {
	p.field = f
	p.to.Blur()
	p.body.Blur()
	if f == fieldTo {
		p.to.Focus()
	} else {
		p.body.Focus()
	}
}

// blur takes typing focus away (another pane has focus).
func (p *phonePane) blur() {
	p.to.Blur()
	p.body.Blur()
}

func (p *phonePane) refocus() { p.focusField(p.field) }

// nextSeq numbers requests so late answers can be matched or dropped.
func (p *phonePane) nextSeq() uint64 {
	p.seq++
	return p.seq
}

// handles are the confirmed recipients.
func (p phonePane) handles() []sim.Handle {
	out := make([]sim.Handle, len(p.recipients))
	for i, r := range p.recipients {
		out[i] = r.Handle
	}
	return out
}

// suggest finds a contact whose name starts with the typed letters.
func suggest(text string, contacts []sim.Contact) *sim.Contact {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" || strings.ContainsAny(text, "0123456789+@") {
		return nil
	}
	for i, c := range contacts {
		if strings.HasPrefix(strings.ToLower(c.Name), text) {
			return &contacts[i]
		}
	}
	return nil
}

// updateInput passes a key or paste to the focused field and reports
// whether the To: text changed.
func (p *phonePane) updateInput(msg tea.Msg) (tea.Cmd, bool) {
	var cmd tea.Cmd
	if p.field == fieldBody {
		p.body, cmd = p.body.Update(msg)
		return cmd, false
	}
	before := p.to.Value()
	p.to, cmd = p.to.Update(msg)
	return cmd, p.to.Value() != before
}

// reformat shows a phone number the way the phone formats it as you type,
// when the cursor is at the end (formatting mid-edit would move it).
func (p *phonePane) reformat(parsed sim.Parsed) {
	v := p.to.Value()
	if p.to.Position() != len([]rune(v)) || parsed.Display == v || parsed.Handle.IsEmail() || strings.ContainsAny(v, "@") {
		return
	}
	if parsed.Status == sim.Incomplete || parsed.Status == sim.Complete {
		p.to.SetValue(parsed.Display)
		p.to.CursorEnd()
	}
}

// resetDraft empties the To: text state.
func (p *phonePane) resetDraft() {
	p.to.SetValue("")
	p.typed = typedState{}
	p.suggestion = nil
}

// newConversation clears everything for a fresh message.
func (p *phonePane) newConversation() {
	p.resetDraft()
	p.body.SetValue("")
	p.recipients = nil
	p.thread = nil
	p.focusField(fieldTo)
}

func (p *phonePane) applyTyped(msg lookupMsg) {
	if msg.Seq != p.typed.seq {
		return // the text has changed since
	}
	p.typed.pending = false
	if len(msg.Answers) > 0 {
		a := msg.Answers[0]
		p.typed.answer = &a
	}
}

func (p *phonePane) applyConfirmed(msg lookupMsg) {
	for i := range p.recipients {
		r := &p.recipients[i]
		if r.seq != msg.Seq {
			continue
		}
		if msg.Err != nil {
			p.recipients = append(p.recipients[:i], p.recipients[i+1:]...)
			return
		}
		r.Pending = false
		if len(msg.Answers) > 0 {
			r.Colour, r.Label = msg.Answers[0].Colour, msg.Answers[0].Label
		}
		return
	}
}

func (p *phonePane) applySent(msg sentMsg) {
	b := bubble{Index: msg.Index, Text: msg.Result.Message.Text, To: msg.Result.Message.To, Decision: msg.Result.Message.Decision}
	for i := range p.thread {
		if p.thread[i].Index == msg.Index {
			p.thread[i] = b
			return
		}
	}
	p.thread = append(p.thread, b)
	for i := range p.recipients {
		for _, a := range msg.Answers {
			if a.Answer.Handle == p.recipients[i].Handle {
				p.recipients[i].Colour, p.recipients[i].Label, p.recipients[i].Pending = a.Colour, a.Label, false
			}
		}
	}
}

// lastBubble is the newest message in the thread.
func (p phonePane) lastBubble() (bubble, bool) {
	if len(p.thread) == 0 {
		return bubble{}, false
	}
	return p.thread[len(p.thread)-1], true
}

// lastRed is the newest red bubble, which Try Again / Send as Text act on.
func (p phonePane) lastRed() (bubble, bool) {
	for i := len(p.thread) - 1; i >= 0; i-- {
		if p.thread[i].Decision.Route == sim.RouteNotDelivered {
			return p.thread[i], true
		}
	}
	return bubble{}, false
}

func (p phonePane) view(s Styles, snap snapshot, w, h int, focused bool) string {
	inner := w - 2
	rule := s.Faint.Render(strings.Repeat("─", max(inner, 0)))
	top := append(statusLines(s, snap, inner), rule)
	top = append(top, p.toLines(s, inner)...)
	top = append(top, p.hintLine(s, snap, inner), rule)
	bottom := []string{rule, p.bodyLine(inner)}
	threadH := h - 2 - len(top) - len(bottom)
	lines := append(top, p.threadLines(s, inner, threadH)...)
	lines = append(lines, bottom...)
	return s.frame("Phone — Messages", lines, w, h, focused)
}

func statusLines(s Styles, snap snapshot, inner int) []string {
	net := snap.Network.String()
	if snap.IP != "" {
		net += " " + snap.IP
	}
	first := flow([]string{sim.Printable(snap.Owner), net, snap.Now.UTC().Format("2006-01-02 15:04 UTC")}, inner)
	second := flow([]string{"iMessage " + onOff(snap.Settings.IMessage), "Send as SMS " + onOff(snap.Settings.SendAsSMS), "lookups " + snap.Policy.String()}, inner)
	return append(styleAll(s.Text, first), styleAll(s.Faint, second)...)
}

// flow joins items with " · ", breaking lines between items, never inside one.
func flow(items []string, width int) []string {
	var lines []string
	line := ""
	for _, it := range items {
		switch {
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

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// toLines draws "To:" with the lozenges and the input, wrapping lozenges;
// the input takes the rest of the last line (or a line of its own).
func (p phonePane) toLines(s Styles, inner int) []string {
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
	if room < 14 {
		lines = append(lines, line)
		line, room = "   ", inner-5
	}
	input := p.to
	input.SetWidth(room)
	return append(lines, line+" "+input.View())
}

func lozenge(s Styles, r recipient) string {
	name := r.Display
	if r.Name != "" {
		name = r.Name
	}
	label := r.Label
	colour := r.Colour
	if r.Pending {
		label, colour = "asking Apple…", sim.Grey
	}
	return s.Bubble(colour, label).Render(Glyph(colour, label) + " " + sim.Printable(name) + " · " + label)
}

// hintLine explains the To: text: incomplete, asking, answered, or a
// contact suggestion.
func (p phonePane) hintLine(s Styles, snap snapshot, inner int) string {
	t := p.typed
	var hint string
	switch {
	case p.suggestion != nil && t.parsed.Status != sim.Complete:
		hint = s.Accent.Render("↵ " + sim.Printable(p.suggestion.Name) + " " + handleList(p.suggestion.Handles))
	case t.parsed.Status == sim.Empty && len(p.recipients) > 0:
		hint = s.Faint.Render("↵ write the message · ctrl+n new message")
	case t.parsed.Status == sim.Empty:
		hint = s.Faint.Render("type a number (e.g. 415 555 0132), an email, or a name")
	case t.parsed.Status == sim.Incomplete:
		hint = s.Faint.Render("incomplete: " + detail(t.parsed))
	case t.parsed.Status == sim.Invalid:
		hint = s.Warning.Render("! " + detail(t.parsed))
	case t.pending:
		hint = s.Tint(sim.Grey, "").Render("… asking Apple about " + string(t.parsed.Handle))
	case t.answer != nil:
		a := *t.answer
		tentative := recipient{Handle: a.Answer.Handle, Display: t.parsed.Display, Name: contactNamed(snap.Contacts, a.Answer.Handle), Colour: a.Colour, Label: a.Label}
		hint = lozenge(s, tentative) + s.Faint.Render(" "+answerNote(a.Answer)+" · ↵ add")
	default:
		hint = s.Faint.Render(string(t.parsed.Handle) + " · ↵ to add (the phone asks Apple then)")
	}
	return fit(hint, inner)
}

// contactNamed is the name of the contact that owns h ("" for a stranger).
func contactNamed(contacts []sim.Contact, h sim.Handle) string {
	for _, c := range contacts {
		for _, ch := range c.Handles {
			if ch == h {
				return c.Name
			}
		}
	}
	return ""
}

func detail(p sim.Parsed) string {
	if p.Err == nil {
		return p.Status.String()
	}
	d := p.Err.Reason.Error()
	if p.Err.Detail != "" {
		d += " (" + p.Err.Detail + ")"
	}
	return d
}

func answerNote(a sim.Answer) string {
	switch a.Source {
	case sim.FromApple, sim.FromCache:
		n := "not on iMessage"
		if a.Devices > 0 {
			n = plural(a.Devices, "device", "devices")
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

func (p phonePane) bodyLine(inner int) string {
	body := p.body
	body.Placeholder = p.routeHint()
	body.SetWidth(max(inner-10, 8))
	return "Message: " + body.View()
}

// routeHint is the message field's placeholder, as in Messages: the route
// the recipients' colours point to.
func (p phonePane) routeHint() string {
	if len(p.recipients) == 0 {
		return "iMessage / Text Message"
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
func (p phonePane) threadLines(s Styles, inner, h int) []string {
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
func bubbleLines(s Styles, b bubble, inner int) []string {
	d := b.Decision
	maxW := max(inner*3/4, 10)
	text := wrap(sim.Printable(b.Text), maxW-2)
	st := s.Bubble(d.Colour(), d.Label)
	var out []string
	for _, l := range text {
		out = append(out, lipgloss.PlaceHorizontal(inner, lipgloss.Right, st.Render(l)))
	}
	label := []string{Glyph(d.Colour(), d.Label) + " " + d.Label}
	if len(d.NeverArrives) > 0 {
		label = append(label, "never arrives (stale registration)")
	}
	label = append(label, offerKeys(d.Offers)...)
	// flow breaks between items, so an offer and its key are never cut off.
	for _, l := range flow(label, inner) {
		out = append(out, lipgloss.PlaceHorizontal(inner, lipgloss.Right, s.Tint(d.Colour(), d.Label).Render(fit(l, min(ansi.StringWidth(l), inner)))))
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
