// Package orderform is the court order an officer serves on Apple: kind,
// target, case number, period and production date, checked before it is
// served.
package orderform

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// The fields of the order form, in order.
const (
	FieldKind = iota
	FieldTarget
	FieldCase
	FieldFrom
	FieldTo
	FieldProduced
	Fields // how many fields there are
)

// DateLayout is how the form and demo scripts write dates.
const DateLayout = "2006-01-02"

// Model is the order form.
type Model struct {
	com    *common.Common
	Keys   KeyMap
	kind   logview.OrderKind
	inputs [Fields]textinput.Model // FieldKind's input is unused: the kind is a choice
	focus  int
	err    string
	now    time.Time
	region string
}

// New is the form filled with defaults: a pen register on you, for the 60
// days from the oldest day Apple still keeps, produced now.
func New(com *common.Common) Model {
	snap := com.Snap
	f := Model{com: com, Keys: NewKeyMap(com.Keys), kind: logview.PenRegister, focus: FieldTarget, now: snap.Now, region: snap.Region}
	// The period reaches back to the oldest day Apple still keeps: asked on
	// the clock's date alone, a return would hold only today's rows.
	from := snap.Retention.Cutoff(snap.Now).UTC().Truncate(24 * time.Hour)
	values := [Fields]string{
		FieldTarget:   snap.Self.Address(),
		FieldCase:     "SIM-" + snap.Now.UTC().Format("2006") + "-0042",
		FieldFrom:     from.Format(DateLayout),
		FieldTo:       from.Add(logview.StatuteDays * 24 * time.Hour).Format(DateLayout),
		FieldProduced: "now",
	}
	for i := range f.inputs {
		f.inputs[i] = common.NewInput("", "")
		f.inputs[i].SetValue(values[i])
		f.inputs[i].CursorEnd()
	}
	f.SetStyles()
	f.focusField(FieldTarget)
	return f
}

// SetStyles applies the shared styles' theme to the fields.
func (f *Model) SetStyles() {
	if f.com == nil {
		return // no form opened yet
	}
	st := common.InputStyles(f.com.Styles)
	for i := range f.inputs {
		f.inputs[i].SetStyles(st)
	}
}

func (f *Model) focusField(i int) {
	f.focus = (i + Fields) % Fields
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	if f.focus != FieldKind {
		f.inputs[f.focus].Focus()
	}
}

// KeyMap is what the form's keys do; printable keys type into a field.
type KeyMap struct {
	Serve, Cancel, Next, Prev, Choose key.Binding
}

// NewKeyMap takes the form's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{
		Serve:  key.NewBinding(key.WithKeys(k.Confirm.Keys()...), key.WithHelp("enter", "serve the order")),
		Cancel: k.Cancel,
		Next:   key.NewBinding(key.WithKeys(append(k.NextPane.Keys(), k.Down.Keys()...)...), key.WithHelp("↓/tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys(append(k.PrevPane.Keys(), k.Up.Keys()...)...), key.WithHelp("↑/shift+tab", "previous field")),
		Choose: key.NewBinding(key.WithKeys(append(append(k.ColumnLeft.Keys(), k.ColumnRight.Keys()...), "space")...), key.WithHelp("←→/space", "choose the kind")),
	}
}

// ShortHelp is the form's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Choose, k.Serve, k.Cancel}
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

// Update handles one key: moving, toggling the kind, typing, serving or
// cancelling.
func (f Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	press, isKey := msg.(tea.KeyPressMsg)
	k := f.Keys
	switch {
	case isKey && key.Matches(press, k.Cancel):
		return f, func() tea.Msg { return CancelMsg{} }
	case isKey && key.Matches(press, k.Serve):
		return f, f.Submit()
	case isKey && key.Matches(press, k.Next):
		f.focusField(f.focus + 1)
		return f, nil
	case isKey && key.Matches(press, k.Prev):
		f.focusField(f.focus - 1)
		return f, nil
	case f.focus == FieldKind && isKey && key.Matches(press, k.Choose):
		f.kind = otherKind(f.kind)
		return f, nil
	case f.focus == FieldKind:
		return f, nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.err = ""
	return f, cmd
}

// Submit checks the form: when it holds a valid order it asks the parent
// to serve it; otherwise it shows why not.
func (f *Model) Submit() tea.Cmd {
	order, at, err := f.order()
	if err != nil {
		f.err = err.Error()
		return nil
	}
	return func() tea.Msg { return ServeMsg{Order: order, At: at} }
}

// Fill sets the fields a demo script names; empty values keep the defaults.
func (f *Model) Fill(kind, target, caseNumber, from, to string) {
	if kind != "" {
		f.kind = logview.OrderKind(kind)
	}
	for field, v := range map[int]string{FieldTarget: target, FieldCase: caseNumber, FieldFrom: from, FieldTo: to} {
		if v != "" {
			f.inputs[field].SetValue(v)
		}
	}
}

// Focused is the field with focus.
func (f Model) Focused() int { return f.focus }

// Value is field i's text.
func (f Model) Value(i int) string { return f.inputs[i].Value() }

// Err is why the form was refused ("" when it was not).
func (f Model) Err() string { return f.err }

func otherKind(k logview.OrderKind) logview.OrderKind {
	if k == logview.PenRegister {
		return logview.TrapAndTrace
	}
	return logview.PenRegister
}

// order reads the form into an order and its production time.
func (f Model) order() (logview.Order, time.Time, error) {
	target, err := sim.ParseHandle(f.inputs[FieldTarget].Value(), f.region)
	if err != nil {
		return logview.Order{}, time.Time{}, fmt.Errorf("target: %w", err)
	}
	from, err := parseFormDate("from", f.inputs[FieldFrom].Value())
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	to, err := parseFormDate("to", f.inputs[FieldTo].Value())
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	produced, err := f.producedAt()
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	o := logview.Order{Kind: f.kind, Case: strings.TrimSpace(f.inputs[FieldCase].Value()), Target: target, Period: logview.Window{From: from, To: to}}
	return o, produced, o.Check()
}

func parseFormDate(field, v string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a date like 2016-09-26, got %q", field, sim.Printable(v))
	}
	return t.UTC(), nil
}

// producedAt is when Apple produces: "now" on the simulated clock, or a
// date no later than now (Apple cannot produce rows from the future).
func (f Model) producedAt() (time.Time, error) {
	v := strings.TrimSpace(f.inputs[FieldProduced].Value())
	if v == "" || strings.EqualFold(v, "now") {
		return f.now, nil
	}
	t, err := parseFormDate("produced", v)
	if err != nil {
		return time.Time{}, err
	}
	end := t.Add(24*time.Hour - time.Second)
	switch {
	case t.After(f.now):
		return time.Time{}, fmt.Errorf("produced: %s is after the simulated clock (%s): advance the clock first", v, f.now.Format(DateLayout))
	case end.After(f.now):
		return f.now, nil
	}
	return end, nil
}

// Lines draws the form as lines of width cells for the overlay.
func (f Model) Lines(width int) []string {
	s := f.com.Styles
	mark := func(i int) string {
		if f.focus == i {
			return s.Accent.Render("▸ ")
		}
		return "  "
	}
	kinds := fmt.Sprintf("( %s ) pen register   ( %s ) trap and trace", radio(f.kind == logview.PenRegister), radio(f.kind == logview.TrapAndTrace))
	labels := [Fields]string{"Kind", "Target", "Case number", "Period from", "Period to", "Produced"}
	// Sentences wrap rather than being cut: at 80 columns an error or the
	// way out would otherwise end in "…".
	lines := common.StyleAll(s.Faint, common.Wrap("A court order for Apple's identity-lookup log (simulated). A prosecutor certifies relevance; the court shall issue it (18 U.S.C. §3123(a)).", width))
	lines = append(lines, "", mark(FieldKind)+s.Bold.Render(common.Fit(labels[FieldKind], 13))+kinds)
	for _, l := range common.Wrap(kindHint(f.kind), max(width-15, 10)) {
		lines = append(lines, "               "+s.Faint.Render(l))
	}
	for i := FieldTarget; i < Fields; i++ {
		in := f.inputs[i]
		in.SetWidth(max(width-20, 10))
		lines = append(lines, mark(i)+s.Bold.Render(common.Fit(labels[i], 13))+in.View())
	}
	lines = append(lines, "")
	lines = append(lines, common.StyleAll(s.Faint, common.Wrap(periodNote(f), width))...)
	if f.err != "" {
		lines = append(lines, common.StyleAll(s.Warning, common.Wrap("! "+f.err, width))...)
	}
	lines = append(lines, "")
	return append(lines, common.StyleAll(s.Faint, common.Wrap("↑↓/tab move · ←→ or space choose the kind · enter serves the order · esc cancels", width))...)
}

func radio(on bool) string {
	if on {
		return "●"
	}
	return " "
}

func kindHint(k logview.OrderKind) string {
	if k == logview.TrapAndTrace {
		return "who looked the target up (rows where the target is the lookup handle)"
	}
	return "whom the target looked up (rows where the target is the source handle)"
}

// periodNote warns when the period is longer than the statute allows.
func periodNote(f Model) string {
	from, err1 := parseFormDate("from", f.inputs[FieldFrom].Value())
	to, err2 := parseFormDate("to", f.inputs[FieldTo].Value())
	switch {
	case err1 != nil || err2 != nil:
		return "Period: dates as YYYY-MM-DD."
	case !to.After(from):
		return "Period: it must end after it starts."
	}
	o := logview.Order{Period: logview.Window{From: from, To: to}}
	if note := o.StatuteNote(); note != "" {
		return "! " + note
	}
	return fmt.Sprintf("Period: %d days — within the 60 days §3123(c) allows without an extension.", int(to.Sub(from).Hours()/24))
}
