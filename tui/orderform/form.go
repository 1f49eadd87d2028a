// Package orderform is the court order an officer serves on Apple: kind
// (pen register, trap and trace, stored records), target, direction, case
// number, entry and production dates, checked before it is served.
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
	FieldDirection
	FieldCase
	FieldEntered
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
	side   logview.Side            // the direction a stored-records order names
	inputs [Fields]textinput.Model // the choice fields' inputs are unused
	focus  int
	err    string
	now    time.Time
	region string
}

// New is the form filled with defaults: a pen register on you, entered
// now on the simulated clock, produced now.
func New(com *common.Common) Model {
	snap := com.Snap
	f := Model{com: com, Keys: NewKeyMap(com.Keys), kind: logview.PenRegister, side: logview.AsSource, focus: FieldTarget, now: snap.Now, region: snap.Region}
	values := [Fields]string{
		FieldTarget:   snap.Self.Address(),
		FieldCase:     "SIM-" + snap.Now.UTC().Format("2006") + "-0042",
		FieldEntered:  "now",
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

// choice reports whether field i is chosen with ←→ rather than typed.
func choice(i int) bool { return i == FieldKind || i == FieldDirection }

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
	if !choice(f.focus) {
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
		Choose: key.NewBinding(key.WithKeys(append(append(k.ColumnLeft.Keys(), k.ColumnRight.Keys()...), "space")...), key.WithHelp("←→/space", "choose")),
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
		f.kind = nextKind(f.kind, press.String() == "left")
		f.err = ""
		return f, nil
	case f.focus == FieldDirection && isKey && key.Matches(press, k.Choose):
		f.side = otherSide(f.side)
		f.err = ""
		return f, nil
	case choice(f.focus):
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

// Filled is what a demo script sets on the form; empty values keep the
// defaults.
type Filled struct {
	Kind, Target, Case, Entered, Produced, Direction string
}

// Fill sets the fields a demo script names.
func (f *Model) Fill(v Filled) {
	if v.Kind != "" {
		f.kind = logview.OrderKind(v.Kind)
	}
	if v.Direction != "" {
		f.side = logview.Side(v.Direction)
	}
	for field, s := range map[int]string{FieldTarget: v.Target, FieldCase: v.Case, FieldEntered: v.Entered, FieldProduced: v.Produced} {
		if s != "" {
			f.inputs[field].SetValue(s)
		}
	}
}

// Focused is the field with focus.
func (f Model) Focused() int { return f.focus }

// Value is field i's text.
func (f Model) Value(i int) string { return f.inputs[i].Value() }

// Err is why the form was refused ("" when it was not).
func (f Model) Err() string { return f.err }

// nextKind is the kind after k (before it, going left), wrapping.
func nextKind(k logview.OrderKind, back bool) logview.OrderKind {
	kinds := logview.OrderKinds()
	step := 1
	if back {
		step = len(kinds) - 1
	}
	for i, kk := range kinds {
		if kk == k {
			return kinds[(i+step)%len(kinds)]
		}
	}
	return kinds[0]
}

func otherSide(d logview.Side) logview.Side {
	if d == logview.AsLookup {
		return logview.AsSource
	}
	return logview.AsLookup
}

// order reads the form into an order and its production time.
func (f Model) order() (logview.Order, time.Time, error) {
	target, err := sim.ParseHandle(f.inputs[FieldTarget].Value(), f.region)
	if err != nil {
		return logview.Order{}, time.Time{}, fmt.Errorf("target: %w", err)
	}
	entered, err := f.enteredAt()
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	produced, err := f.dateAt("produced", FieldProduced)
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	if produced.Before(entered) {
		return logview.Order{}, time.Time{}, fmt.Errorf("produced (%s) is before the order was entered (%s): Apple produces only under an order that exists",
			produced.Format(DateLayout), entered.Format(DateLayout))
	}
	o := logview.NewOrder(f.kind, target, entered)
	o.Case = strings.TrimSpace(f.inputs[FieldCase].Value())
	if f.kind == logview.StoredRecords {
		o.Direction = f.side
	}
	return o, produced, o.Check()
}

func parseFormDate(field, v string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want \"now\" or a date like 2016-09-26, got %q", field, sim.Printable(v))
	}
	return t.UTC(), nil
}

// enteredAt is when the court entered the order: "now", or the start of
// a day no later than today (as `bluegreen return --entered` reads a date).
func (f Model) enteredAt() (time.Time, error) {
	v := strings.TrimSpace(f.inputs[FieldEntered].Value())
	if v == "" || strings.EqualFold(v, "now") {
		return f.now, nil
	}
	t, err := parseFormDate("entered", v)
	if err != nil {
		return time.Time{}, err
	}
	if t.After(f.now) {
		return time.Time{}, fmt.Errorf("entered: %s is after the simulated clock (%s): an order cannot be entered in the future", v, f.now.Format(DateLayout))
	}
	return t, nil
}

// dateAt reads a date field: "now" on the simulated clock, or a date no
// later than now (nothing can be entered or produced in the future). A
// past date means the end of that day, or now if that is sooner.
func (f Model) dateAt(name string, field int) (time.Time, error) {
	v := strings.TrimSpace(f.inputs[field].Value())
	if v == "" || strings.EqualFold(v, "now") {
		return f.now, nil
	}
	t, err := parseFormDate(name, v)
	if err != nil {
		return time.Time{}, err
	}
	end := t.Add(24*time.Hour - time.Second)
	switch {
	case t.After(f.now):
		return time.Time{}, fmt.Errorf("%s: %s is after the simulated clock (%s): advance the clock first", name, v, f.now.Format(DateLayout))
	case end.After(f.now):
		return f.now, nil
	}
	return end, nil
}

// Lines draws the form as lines of width cells for the overlay. It fits
// an 80 × 24 screen: sentences wrap rather than being cut, so an error or
// the way out never ends in "…".
func (f Model) Lines(width int) []string {
	s := f.com.Styles
	mark := func(i int) string {
		if f.focus == i {
			return s.Accent.Render("▸ ")
		}
		return "  "
	}
	const labelW = 12
	indent := strings.Repeat(" ", labelW+2)
	labels := [Fields]string{"Kind", "Target", "Direction", "Case number", "Entered", "Produced"}
	lines := common.StyleAll(s.Faint, common.Wrap("How Apple answers these orders is not public: what each returns is an assumption.", width))
	lines = append(lines, "")
	for i := FieldKind; i < Fields; i++ {
		row := mark(i) + s.Bold.Render(common.Fit(labels[i], labelW))
		switch i {
		case FieldKind:
			choices := kindChoices(f.kind, width-labelW-2)
			lines = append(lines, row+choices[0])
			lines = append(lines, indentAll(choices[1:], indent)...)
			lines = append(lines, common.StyleAll(s.Faint, indentAll(common.Wrap(kindHint(f.kind), max(width-labelW-2, 10)), indent))...)
			continue
		case FieldDirection:
			lines = append(lines, row+common.Fit(directionText(f.kind, f.side), max(width-labelW-2, 1)))
			continue
		}
		in := f.inputs[i]
		in.SetWidth(max(width-labelW-4, 10))
		lines = append(lines, row+in.View())
	}
	lines = append(lines, "")
	lines = append(lines, common.StyleAll(s.Faint, common.Wrap(periodNote(f), width))...)
	if f.err != "" {
		lines = append(lines, common.StyleAll(s.Warning, common.Wrap("! "+f.err, width))...)
	}
	return append(lines, common.StyleAll(s.Faint, common.Wrap("↑↓ move · ←→ choose · dates: now or YYYY-MM-DD · enter serves · esc cancels", width))...)
}

// kindChoices lays the three kinds out as radio buttons, on one line
// when the width allows, else one per line.
func kindChoices(k logview.OrderKind, width int) []string {
	var parts []string
	for _, kk := range logview.OrderKinds() {
		parts = append(parts, fmt.Sprintf("(%s) %s", radio(kk == k), kindName(kk)))
	}
	if one := strings.Join(parts, "  "); len([]rune(one)) <= width {
		return []string{one}
	}
	return parts
}

// kindName is the kind as the form's choice names it.
func kindName(k logview.OrderKind) string {
	if k == logview.StoredRecords {
		return "stored records"
	}
	return k.Title()
}

func indentAll(lines []string, indent string) []string {
	for i := range lines {
		lines[i] = indent + lines[i]
	}
	return lines
}

func radio(on bool) string {
	if on {
		return "●"
	}
	return " "
}

// kindHint says what the kind returns and what it needs.
func kindHint(k logview.OrderKind) string {
	switch k {
	case logview.TrapAndTrace:
		return "who looked the target up, from the order's entry on · needs: the government certifies relevance (§3123(a))"
	case logview.StoredRecords:
		return "what Apple still retains on the production date, from before the order too · needs: specific and articulable facts (§2703(d))"
	}
	return "whom the target looked up, from the order's entry on · needs: the government certifies relevance (§3123(a))"
}

// directionText is the Direction row: a choice for stored records, fixed
// by the kind otherwise.
func directionText(k logview.OrderKind, d logview.Side) string {
	switch k {
	case logview.PenRegister:
		return "target as source handle (fixed by the kind)"
	case logview.TrapAndTrace:
		return "target as lookup handle (fixed by the kind)"
	}
	return fmt.Sprintf("(%s) target as source  (%s) target as lookup", radio(d != logview.AsLookup), radio(d == logview.AsLookup))
}

// periodNote says what the order reaches, in time.
func periodNote(f Model) string {
	entered, err := f.enteredAt()
	if err != nil {
		return "Entered: \"now\" or a date as YYYY-MM-DD."
	}
	if f.kind == logview.StoredRecords {
		return fmt.Sprintf("Reach: back over what Apple still retains on the production date (%s). No period to renew.", f.com.Snap.Retention.Phrase())
	}
	end := entered.Add(logview.StatuteDays * 24 * time.Hour)
	return fmt.Sprintf("Period: from entry (%s) for %d days, to %s — never before it (§3123(c)(1)); alt+k renews.",
		entered.Format(DateLayout), logview.StatuteDays, end.Format(DateLayout))
}
