// Package phonepane is the mock Messages app: a new-message screen with a
// To: field of lozenges, a message field and the thread. It never touches
// the world: it asks its parent to look text up or send it (LookupTypedMsg,
// ConfirmMsg, SendMsg) and is told the answers (ApplyTyped, ApplyConfirmed,
// ApplySent).
package phonepane

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// field is the field of the new-message screen that has focus.
type field int

const (
	fieldTo field = iota
	fieldBody
)

// Recipient is a confirmed recipient: a lozenge in the To: field.
type Recipient struct {
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
	answer  *common.AnswerView
}

// Bubble is a sent message in the thread.
type Bubble struct {
	Index    int // position in the world's thread
	Text     string
	To       []sim.Handle
	Decision sim.Decision
	Pending  bool
}

// KeyMap is what the phone's own keys do; printable keys type.
type KeyMap struct {
	Confirm       key.Binding
	Send          key.Binding
	Cancel        key.Binding
	RemoveLastRcp key.Binding
	Up            key.Binding
}

// NewKeyMap takes the phone's bindings from the app's key map, so help
// and dispatch share one table.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{Confirm: k.Confirm, Send: k.Send, Cancel: k.Cancel, RemoveLastRcp: k.RemoveLastRcp, Up: k.Up}
}

// ShortHelp is the phone's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Confirm, k.Send, k.Cancel, k.RemoveLastRcp}
}

// FullHelp lists every phone key.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp(), {k.Up}} }

// Model is the phone pane.
type Model struct {
	com        *common.Common
	Keys       KeyMap
	to         textinput.Model
	last       *edit // the latest change of the To: text; lookups in flight hold theirs
	body       textinput.Model
	field      field
	focused    bool
	width      int
	height     int
	recipients []Recipient
	typed      typedState
	thread     []Bubble
	suggestion *sim.Contact
	seq        uint64
	status     *statusMemo // shared by the model's copies: it holds only what its key says
}

// New is an empty new-message screen with focus in the To: field.
func New(com *common.Common) Model {
	p := Model{com: com, Keys: NewKeyMap(com.Keys),
		to: common.NewInput("", "number, email, name"), body: common.NewInput("", "iMessage / Text Message"), status: &statusMemo{}}
	p.SetStyles()
	p.focused = true
	p.to.Focus()
	return p
}

// SetStyles applies the shared styles' theme to the text fields.
func (p *Model) SetStyles() {
	if p.com == nil {
		return
	}
	st := common.InputStyles(p.com.Styles)
	p.to.SetStyles(st)
	p.body.SetStyles(st)
}

// SetSize sets the pane's size.
func (p *Model) SetSize(w, h int) { p.width, p.height = w, h }

func (p *Model) focusField(f field) {
	p.field = f
	p.to.Blur()
	p.body.Blur()
	if f == fieldTo {
		p.to.Focus()
	} else {
		p.body.Focus()
	}
}

// Blur takes typing focus away (another pane or an overlay has it).
func (p *Model) Blur() {
	p.focused = false
	p.to.Blur()
	p.body.Blur()
}

// Focus gives typing focus back to the field that had it.
func (p *Model) Focus() {
	p.focused = true
	p.focusField(p.field)
}

// Focused reports whether the phone has focus.
func (p Model) Focused() bool { return p.focused }

// ToText is the To: field's text.
func (p Model) ToText() string { return p.to.Value() }

func (p *Model) nextSeq() uint64 {
	p.seq++
	return p.seq
}

// Recipients are the confirmed recipients' handles.
func (p Model) Recipients() []sim.Handle {
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

// Update handles keys and pastes while the phone has focus.
func (p Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !p.focused {
		return p, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.PasteMsg:
		return p, p.typeInto(msg)
	}
	return p, nil
}

func (p *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.Keys
	switch {
	case p.field == fieldTo && key.Matches(msg, k.Confirm):
		return p.confirmRecipient()
	case p.field == fieldBody && key.Matches(msg, k.Send):
		return p.send()
	case key.Matches(msg, k.Cancel):
		p.cancel()
		return nil
	case p.field == fieldTo && p.to.Value() == "" && key.Matches(msg, k.RemoveLastRcp) && len(p.recipients) > 0:
		p.recipients = p.recipients[:len(p.recipients)-1]
		return nil
	case p.field == fieldBody && key.Matches(msg, k.Up):
		p.focusField(fieldTo)
		return nil
	}
	return p.typeInto(msg)
}

// keepPrintable applies the one sanitising rule to what was typed or
// pasted: a control or bidi character shows as its escape, and a pile of
// combining marks is cut to a few, so the field cannot break the borders.
func keepPrintable(in *textinput.Model) {
	if v := in.Value(); sim.Printable(v) != v {
		in.SetValue(sim.Printable(v))
		in.CursorEnd()
	}
}

func ask(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// typeInto passes a key or paste to the focused field and, when the To:
// text changed, reads it again — which may ask for an as-you-type lookup.
func (p *Model) typeInto(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	if p.field == fieldBody {
		p.body, cmd = p.body.Update(msg)
		keepPrintable(&p.body)
		return cmd
	}
	before := p.to.Value()
	p.to, cmd = p.to.Update(msg)
	keepPrintable(&p.to)
	if p.to.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, p.toTextChanged())
}

func (p *Model) toTextChanged() tea.Cmd {
	before := p.typed
	parsed := sim.ParseInput(p.to.Value(), p.com.Snap.Region)
	p.reformat(parsed)
	p.typed = typedState{parsed: parsed}
	p.suggestion = suggest(p.to.Value(), p.com.Snap.Contacts)
	var cmds []tea.Cmd
	if before.parsed.Status == sim.Complete && before.parsed.Handle != parsed.Handle && before.answer != nil && before.answer.Answer.Source == sim.FromApple {
		cmds = append(cmds, ask(abandonedNotice(before.parsed.Handle, p.com.Snap.Retention)))
	}
	now := time.Now().UnixNano()
	if p.last != nil {
		p.last.replaced.Store(now)
	}
	e := &edit{at: now}
	p.last = e
	if parsed.Status == sim.Complete && p.com.Snap.Policy == sim.AsYouType {
		seq := p.nextSeq()
		p.typed.seq, p.typed.pending = seq, true
		cmds = append(cmds, ask(LookupTypedMsg{Seq: seq, Text: parsed.Handle.Address(), Superseded: e.overtyped}))
	}
	return tea.Batch(cmds...)
}

func abandonedNotice(h sim.Handle, retention sim.Retention) NoticeMsg {
	return NoticeMsg{Text: fmt.Sprintf("You never messaged %s, but in this simulation (lookups as you type) its row is already in Apple's log, kept %s — and the log does not show whether anything was sent.", h.Address(), retention.Phrase()), Source: sim.SrcIntercept + "; " + sim.RetentionSource(retention), Abandoned: true}
}

// reformat shows a phone number the way the phone formats it as you type,
// when the cursor is at the end (formatting mid-edit would move it). Text
// that is no longer a number in the making — a digit typed past a complete
// number, a long run of digits pasted a key at a time — loses the phone's
// formatting, as a phone's as-you-type formatter falls back to the bare
// digits: "(415) 555-0132" and one more 9 show "41555501329", never the
// formatted number with the extra digits stuck to its end.
func (p *Model) reformat(parsed sim.Parsed) {
	v := p.to.Value()
	if p.to.Position() != len([]rune(v)) || parsed.Handle.IsEmail() || strings.ContainsAny(v, "@") {
		return
	}
	show := v
	switch parsed.Status {
	case sim.Incomplete, sim.Complete:
		if parsed.Display != "" {
			show = parsed.Display
		}
	default:
		show = unformatted(v)
	}
	if show != v {
		p.to.SetValue(show)
		p.to.CursorEnd()
	}
}

// unformatted is v without the marks a phone formats a number with
// (spaces, brackets, dashes, dots), when those, digits and a leading plus
// are all it holds; any other text is left as it was typed.
func unformatted(v string) string {
	var b strings.Builder
	for i, r := range v {
		switch {
		case r >= '0' && r <= '9', r == '+' && i == 0:
			b.WriteRune(r)
		case strings.ContainsRune(" ()-.", r):
		default:
			return v
		}
	}
	return b.String()
}

// confirmRecipient turns the To: text (or the suggested contact) into a
// lozenge and asks the parent to confirm it.
func (p *Model) confirmRecipient() tea.Cmd {
	text, name := p.to.Value(), ""
	if p.typed.parsed.Status != sim.Complete && p.suggestion != nil {
		text, name = string(p.suggestion.Handles[0]), p.suggestion.Name
	}
	if strings.TrimSpace(text) == "" {
		if len(p.recipients) > 0 {
			p.focusField(fieldBody)
		}
		return nil
	}
	parsed := sim.ParseInput(text, p.com.Snap.Region)
	if parsed.Status != sim.Complete {
		return ask(NoticeMsg{Text: "Cannot add that recipient: " + Detail(parsed) + "."})
	}
	if name == "" {
		name = ContactNamed(p.com.Snap.Contacts, parsed.Handle)
	}
	for _, r := range p.recipients {
		if r.Handle == parsed.Handle {
			p.resetDraft()
			return nil
		}
	}
	seq := p.nextSeq()
	p.recipients = append(p.recipients, Recipient{Handle: parsed.Handle, Display: parsed.Display, Name: name, Colour: sim.Grey, Pending: true, seq: seq})
	p.resetDraft()
	p.focusField(fieldBody) // as in Messages: the next thing to write is the message (↑ adds another recipient)
	return ask(ConfirmMsg{Seq: seq, Handle: parsed.Handle})
}

func (p *Model) send() tea.Cmd {
	text := strings.TrimSpace(p.body.Value())
	switch {
	case len(p.recipients) == 0:
		p.focusField(fieldTo)
		return ask(NoticeMsg{Text: "Add a recipient first: type a number in the To: field and press enter."})
	case text == "":
		return nil
	}
	p.body.SetValue("")
	return ask(SendMsg{To: p.Recipients(), Text: text})
}

func (p *Model) cancel() {
	if p.field == fieldBody {
		if p.body.Value() != "" {
			p.body.SetValue("")
		} else {
			p.focusField(fieldTo)
		}
		return
	}
	p.resetDraft()
}

func (p *Model) resetDraft() {
	p.to.SetValue("")
	p.typed = typedState{}
	p.suggestion = nil
}

// NewConversation clears everything for a fresh message.
func (p *Model) NewConversation() {
	p.resetDraft()
	p.body.SetValue("")
	p.recipients = nil
	p.thread = nil
	p.focusField(fieldTo)
}
