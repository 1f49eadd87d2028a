package logpane

import (
	"strings"

	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Scope is whose lookups the filter keeps.
type Scope int

// The scopes, in the order ↑ ↓ cycle through them.
const (
	ScopeAll    Scope = iota // every account's rows
	ScopeMine                // rows your phone made
	ScopeOthers              // rows other accounts made
	scopeCount
)

func (s Scope) String() string { return [...]string{"all", "mine", "others"}[s] }

// Filter is what `/` narrows the log to: rows about one handle (as source
// or lookup), and whose lookups they are. The store answers it (SQL for a
// database), so a million-row log filters as fast as a small one.
type Filter struct {
	Handle sim.Handle // "" = any
	Name   string     // the contact or "you" the handle was typed as, if any
	Scope  Scope
}

// Active reports whether the filter narrows anything.
func (f Filter) Active() bool { return f.Handle != "" || f.Scope != ScopeAll }

// LogFilter is the store's filter for f, self being the phone's own handle.
func (f Filter) LogFilter(self sim.Handle) sim.LogFilter {
	lf := sim.LogFilter{Either: f.Handle}
	switch f.Scope {
	case ScopeMine:
		lf.Source = self
	case ScopeOthers:
		lf.NotSource = self
	}
	return lf
}

// String says what the filter keeps, for the pane's header.
func (f Filter) String() string {
	var parts []string
	if f.Handle != "" {
		h := sim.Printable(f.Handle.Address())
		if f.Name != "" {
			h = sim.Printable(f.Name) + " " + h
		}
		parts = append(parts, h)
	}
	if f.Scope != ScopeAll {
		parts = append(parts, f.Scope.String())
	}
	return strings.Join(parts, " · ")
}

// filterEdit is the filter being typed: its field and what the text means so far.
type filterEdit struct {
	on     bool
	input  textinput.Model
	scope  Scope // chosen with ↑ ↓ (a typed "mine" or "others" wins)
	draft  Filter
	note   string // why the text is not a handle yet ("" when it is, or empty)
	usable bool   // enter would apply draft
}

// startFilter opens the filter field, holding the filter in force.
func (p *Model) startFilter() {
	in := common.NewInput("/ ", "number, email, contact name, mine or others")
	in.SetStyles(common.InputStyles(p.com.Styles))
	in.SetValue(p.filterText())
	in.CursorEnd()
	in.Focus()
	p.edit = filterEdit{on: true, input: in, scope: p.filter.Scope}
	p.readFilter()
	p.layout()
}

// filterText is the filter in force as it would be typed again.
func (p Model) filterText() string {
	switch {
	case p.filter.Name != "":
		return p.filter.Name
	case p.filter.Handle != "":
		return p.filter.Handle.Address()
	}
	return ""
}

// Editing reports whether the filter field has the keyboard (printable
// keys type into it).
func (p Model) Editing() bool { return p.edit.on }

// CurrentFilter is the filter in force.
func (p Model) CurrentFilter() Filter { return p.filter }

// SetFilter puts f in force and reads the log through it from its newest row.
func (p *Model) SetFilter(f Filter) tea.Cmd {
	p.filter, p.edit.on, p.follow, p.offset = f, false, true, 0
	p.counting = true
	p.layout()
	return p.Fetch()
}

// filterKey handles a key while the filter field has the keyboard.
func (p *Model) filterKey(msg tea.Msg) tea.Cmd {
	if press, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(press, p.Keys.Cancel):
			p.edit.on = false
			p.layout()
			return nil
		case key.Matches(press, p.Keys.Apply):
			if !p.edit.usable {
				return nil
			}
			return p.SetFilter(p.edit.draft)
		case key.Matches(press, p.Keys.Down, p.Keys.Up):
			step := Scope(1)
			if key.Matches(press, p.Keys.Up) {
				step = scopeCount - 1
			}
			p.edit.scope = (p.edit.draft.Scope + step) % scopeCount
			p.readFilter()
			p.layout()
			return nil
		}
	}
	var cmd tea.Cmd
	p.edit.input, cmd = p.edit.input.Update(msg)
	p.readFilter()
	p.layout()
	return cmd
}

// readFilter reads the field as the To: field reads its text: a number or
// email (parsed the same way), a contact's name, "you", or the words
// "mine" / "others" / "all" for the scope.
func (p *Model) readFilter() {
	e := &p.edit
	text := strings.TrimSpace(e.input.Value())
	e.draft, e.note, e.usable = Filter{Scope: e.scope}, "", true
	words := strings.Fields(strings.ToLower(text))
	rest := words[:0]
	for _, w := range words {
		switch w {
		case "mine":
			e.draft.Scope = ScopeMine
		case "others":
			e.draft.Scope = ScopeOthers
		case "all":
			e.draft.Scope = ScopeAll
		default:
			rest = append(rest, w)
		}
	}
	if len(rest) == 0 {
		return
	}
	who := strings.Join(rest, " ")
	snap := p.com.Snap
	if who == "you" || who == "me" {
		e.draft.Handle, e.draft.Name = snap.Self, "you"
		return
	}
	parsed := sim.ParseInput(who, snap.Region)
	if parsed.Status == sim.Complete {
		e.draft.Handle = parsed.Handle
		e.draft.Name = common.WhoOf(snap).Name(parsed.Handle)
		return
	}
	for _, c := range snap.Contacts {
		if len(c.Handles) > 0 && strings.HasPrefix(strings.ToLower(c.Name), who) {
			e.draft.Handle, e.draft.Name = c.Handles[0], c.Name
			return
		}
	}
	e.usable = false
	e.note = "no contact by that name, and not a handle"
	switch {
	case parsed.Status == sim.Incomplete && parsed.Err != nil:
		e.note = "incomplete: " + parsed.Err.Reason.Error()
	case parsed.Err != nil && parsed.Status == sim.Invalid:
		e.note = "not a handle: " + parsed.Err.Reason.Error()
	}
}

// filterLines are the filter field and what it will do, while it is open.
func (p Model) filterLines(width int) []string {
	s, e := p.com.Styles, p.edit
	in := e.input
	in.SetWidth(max(width-4, 8))
	lines := []string{in.View()}
	what := "shows every row"
	switch {
	case !e.usable:
		what = e.note
	case e.draft.Active():
		what = "shows " + e.draft.String()
	}
	scopes := make([]string, scopeCount)
	for sc := range scopeCount {
		scopes[sc] = sc.String()
		if sc == e.draft.Scope {
			scopes[sc] = "[" + sc.String() + "]"
		}
	}
	help := what + " · " + strings.Join(scopes, " ") + " (↑↓) · enter applies · esc closes"
	return append(lines, common.StyleAll(s.Faint, common.Wrap(help, width))...)
}
