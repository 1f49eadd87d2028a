// Package orderform is the court order an officer serves on Apple: kind
// (pen register, trap and trace, stored records) with the standard each
// needs, target, direction, case number, entry and production dates. The
// fields, their focus and their checks are a charm.land/huh form embedded
// as a component; serving and cancelling are messages to the parent.
package orderform

import (
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Model is the order form. Its huh form and the values it binds are held
// by pointer (huh's fields are pointers), so copies of a Model share one
// form: the parent keeps one and replaces it with New to start afresh.
type Model struct {
	com     *common.Common
	Keys    KeyMap
	form    *huh.Form
	group   *huh.Group
	fields  fields
	v       *values
	rules   rules
	err     string         // why the last serve was refused
	vp      viewport.Model // the fields, scrolled to the focused one
	need    int            // the fields' full height, as huh was last told
	top     []string       // the intro, laid out by fit
	foot    []string       // the notes and keys, laid out by fit
	width   int
	height  int
	focused bool
}

// New is the form filled with defaults: a pen register on you, entered
// now on the simulated clock, produced now, with the target in focus.
func New(com *common.Common) Model {
	snap := com.Snap
	f := Model{com: com, Keys: NewKeyMap(com.Keys), focused: true, vp: viewport.New(),
		rules: rules{now: snap.Now, region: snap.Region},
		v: &values{kind: logview.PenRegister, side: logview.AsSource, target: snap.Self.Address(),
			caseNo: "SIM-" + snap.Now.UTC().Format("2006") + "-0042", entered: "now", produced: "now"}}
	f.fields = newFields(f.v, f.rules)
	f.fields.follow(f.v)
	f.group = huh.NewGroup(f.fields.list[:]...).WithShowHelp(false).WithShowErrors(false)
	f.form = huh.NewForm(f.group).WithShowHelp(false).WithShowErrors(false).WithKeyMap(huhKeys(f.Keys))
	f.SetStyles()
	// huh's commands are dropped here and below: they carry only the
	// cursor's blinking (the form's cursor is steady, as the phone's is)
	// and moves between fields, which the form makes itself.
	_ = f.form.Init()
	f.form.NextField() // from the kind to the target
	f.SetSize(max(com.Width-4, 20), max(com.Height, 24))
	return f
}

// KeyMap is what the form's keys do; printable keys type into a field.
type KeyMap struct {
	Serve, Cancel, Next, Prev, Choose key.Binding
}

// NewKeyMap takes the form's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{
		Serve:  key.NewBinding(key.WithKeys(k.Confirm.Keys()...), key.WithHelp("enter", "serve")),
		Cancel: key.NewBinding(key.WithKeys(k.Cancel.Keys()...), key.WithHelp("esc", "cancel")),
		Next:   key.NewBinding(key.WithKeys(append(k.Down.Keys(), k.NextPane.Keys()...)...), key.WithHelp("tab/↓", "next")),
		Prev:   key.NewBinding(key.WithKeys(append(k.Up.Keys(), k.PrevPane.Keys()...)...), key.WithHelp("shift+tab/↑", "back")),
		Choose: key.NewBinding(key.WithKeys(append(append(k.ColumnLeft.Keys(), k.ColumnRight.Keys()...), "space")...), key.WithHelp("←→/space", "choose")),
	}
}

// ShortHelp is the form's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Serve, k.Cancel, k.Next, k.Prev, k.Choose}
}

// FullHelp lists every form key.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ServeMsg asks the parent to serve the order the form holds.
type ServeMsg struct {
	Order logview.Order
	At    time.Time // when Apple produces
}

// CancelMsg asks the parent to close the form.
type CancelMsg struct{}

// Update handles one key: moving between fields, serving or cancelling
// here; typing and choosing in huh.
func (f Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	press, isKey := msg.(tea.KeyPressMsg)
	if !isKey || !f.focused {
		return f, nil
	}
	k := f.Keys
	switch {
	case key.Matches(press, k.Cancel):
		return f, func() tea.Msg { return CancelMsg{} }
	case key.Matches(press, k.Serve):
		return f, f.Submit()
	case key.Matches(press, k.Next):
		if f.Focused() < Fields-1 {
			f.form.NextField()
		}
	case key.Matches(press, k.Prev):
		if f.Focused() > 0 {
			f.form.PrevField()
		}
	default:
		f.err = ""
		before := f.v.kind
		_, _ = f.form.Update(msg) // huh lays its fields out again itself
		changed := f.keepPrintable()
		switch {
		case f.v.kind != before:
			f.fields.follow(f.v)
			changed = true
		case f.v.kind == logview.StoredRecords:
			f.v.side = f.v.dir // the officer's choice, kept across kinds
		}
		f.layOut(changed)
		return f, nil
	}
	f.fit()
	return f, nil
}

// keepPrintable applies the one sanitising rule to what was typed, and
// reports whether it changed the text.
func (f *Model) keepPrintable() bool {
	i := f.Focused()
	in := f.fields.inputs[i]
	if in == nil {
		return false
	}
	p := f.valuePtr(i)
	if clean := sim.Printable(*p); clean != *p {
		*p = clean
		in.Value(p)
		return true
	}
	return false
}

// valuePtr is where text field i keeps its text.
func (f Model) valuePtr(i int) *string {
	switch i {
	case FieldTarget:
		return &f.v.target
	case FieldCase:
		return &f.v.caseNo
	case FieldEntered:
		return &f.v.entered
	}
	return &f.v.produced
}

// Submit checks the form: when it holds a valid order it asks the parent
// to serve it; otherwise it shows why not.
func (f *Model) Submit() tea.Cmd {
	order, at, err := f.rules.order(*f.v)
	if err != nil {
		f.err = err.Error()
		f.fit()
		return nil
	}
	return func() tea.Msg { return ServeMsg{Order: order, At: at} }
}

// Filled is what a demo script sets on the form; empty values keep the
// defaults.
type Filled struct {
	Kind, Target, Case, Entered, Produced, Direction string
}

// Fill sets the fields a demo script names.
func (f *Model) Fill(v Filled) {
	if v.Kind != "" {
		f.v.kind = logview.OrderKind(v.Kind)
	}
	if v.Direction != "" {
		f.v.side = logview.Side(v.Direction)
	}
	f.fields.follow(f.v)
	f.fields.kind.Value(&f.v.kind)
	for field, s := range map[int]string{FieldTarget: v.Target, FieldCase: v.Case, FieldEntered: v.Entered, FieldProduced: v.Produced} {
		if s != "" {
			p := f.valuePtr(field)
			*p = s
			f.fields.inputs[field].Value(p)
		}
	}
	f.fit()
}

// Focused is the field with focus.
func (f Model) Focused() int { return f.fields.focused(f.form) }

// Value is field i's text ("" for the two choices).
func (f Model) Value(i int) string {
	if f.fields.inputs[i] == nil {
		return ""
	}
	return *f.valuePtr(i)
}

// Err is why the form was refused or a field is wrong ("" when neither).
func (f Model) Err() string {
	if f.err != "" {
		return f.err
	}
	for _, e := range f.form.Errors() {
		return e.Error()
	}
	return ""
}

// SetStyles applies the shared styles' theme to huh's fields.
func (f *Model) SetStyles() {
	if f.com == nil || f.form == nil {
		return // no form opened yet
	}
	f.form.WithTheme(huhTheme(f.com.Styles))
	f.fit()
}

// SetSize sets the form's size: View fills w × h at most, the fields
// scrolled (by huh) to keep the focused one in sight when they do not fit.
func (f *Model) SetSize(w, h int) {
	w, h = max(w, 10), max(h, 1)
	if w == f.width && h == f.height {
		return
	}
	f.width, f.height = w, h
	f.form.WithWidth(f.width)
	f.fit()
}

// Focus lets the form take keys.
func (f *Model) Focus() { f.focused = true }

// Blur stops the form taking keys.
func (f *Model) Blur() { f.focused = false }

// fit lays the form out again after a change huh did not make itself
// (a size, the theme, a filled value, a field's options).
func (f *Model) fit() { f.layOut(true) }

// layOut has huh hold every field at its full height (telling it, and
// having it build its view again, only when that or the content changed
// behind its back), lays out the notes, and scrolls the fields to show
// the focused one in the height the notes leave.
func (f *Model) layOut(rebuild bool) {
	if f.form == nil || f.height <= 0 {
		return // not sized yet: huh would shrink its choices to nothing
	}
	first, last, need := f.focusedLines()
	if need != f.need {
		f.need, rebuild = need, true
		f.form.WithHeight(need)
	}
	if rebuild {
		_, _ = f.form.Update(relayout{})
	}
	f.top, f.foot = f.intro(), f.footer()
	body := strings.Split(f.form.View(), "\n")
	f.vp.SetWidth(f.width)
	f.vp.SetHeight(max(min(len(body), f.height-len(f.top)-len(f.foot)), 1))
	f.vp.SetContentLines(body)
	if last >= f.vp.YOffset()+f.vp.Height() {
		f.vp.SetYOffset(last - f.vp.Height() + 1)
	}
	f.vp.EnsureVisible(first, 0, 0) // the title, if the field is taller than the view
}

// focusedLines are the first and last lines of the focused field in huh's
// view, where fields stand one after another (the theme's separator is a
// line break), and the height of them all.
func (f Model) focusedLines() (first, last, total int) {
	at := f.Focused()
	for i, field := range f.fields.list {
		h := lipgloss.Height(field.View())
		if i == at {
			first, last = total, total+h-1
		}
		total += h
	}
	return first, last, total
}

// relayout makes huh build its view again (any message does).
type relayout struct{}

// intro is the line above the fields.
func (f Model) intro() []string {
	return common.StyleAll(f.com.Styles.Faint, common.WrapWords("Assumption: what each order returns (Apple's practice is not public).", f.width))
}

// footer is what stands below the fields: how far the order reaches, why
// it was refused, and the keys.
func (f Model) footer() []string {
	s := f.com.Styles
	lines := append([]string{""}, common.StyleAll(s.Faint, common.WrapWords(f.rules.periodNote(*f.v, f.com.Snap.Retention), f.width))...)
	if err := f.Err(); err != "" {
		lines = append(lines, common.StyleAll(s.Warning, common.WrapWords("! "+sim.Printable(err), f.width))...)
	}
	return append(lines, f.helpLines()...)
}

// helpLines are the form's keys from their bindings, through help.Model,
// on as many lines as the width needs: a cut key bar would hide how to
// serve or cancel.
func (f Model) helpLines() []string {
	s := f.com.Styles
	h := help.New()
	h.ShortSeparator = " · "
	h.Styles.ShortKey, h.Styles.ShortDesc, h.Styles.ShortSeparator = s.HelpKey, s.HelpDesc, s.Faint
	var lines []string
	var row []key.Binding
	for _, b := range f.Keys.ShortHelp() {
		if len(row) > 0 && lipgloss.Width(h.ShortHelpView(append(row, b))) > f.width {
			lines = append(lines, h.ShortHelpView(row))
			row = nil
		}
		row = append(row, b)
	}
	return append(lines, h.ShortHelpView(row))
}

// View draws the form at its size.
func (f Model) View() string {
	lines := append(append([]string(nil), f.top...), strings.Split(f.vp.View(), "\n")...)
	lines = append(lines, f.foot...)
	if len(lines) > f.height {
		lines = lines[:f.height]
	}
	return strings.Join(common.FitLines(lines, f.width, len(lines)), "\n")
}
