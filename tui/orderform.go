package tui

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// The fields of the order form, in order.
const (
	formKind = iota
	formTarget
	formCase
	formFrom
	formTo
	formProduced
	formFields
)

const dateLayout = "2006-01-02"

// orderForm is the court order an officer serves on Apple.
type orderForm struct {
	kind   logview.OrderKind
	inputs [formFields]textinput.Model // formKind's input is unused: the kind is a choice
	focus  int
	err    string
	now    time.Time
	region string
}

// newOrderForm fills the form with defaults: a pen register on you, for
// the 60 days from the oldest day Apple still keeps, produced now.
func newOrderForm(s Styles, snap snapshot) orderForm {
	f := orderForm{kind: logview.PenRegister, focus: formTarget, now: snap.Now, region: snap.Region}
	// The period reaches back to the oldest day Apple still keeps: asked on
	// the clock's date alone, a return would hold only today's rows.
	from := snap.Retention.Cutoff(snap.Now).UTC().Truncate(24 * time.Hour)
	values := [formFields]string{
		formTarget:   snap.Self.Address(),
		formCase:     "SIM-" + snap.Now.UTC().Format("2006") + "-0042",
		formFrom:     from.Format(dateLayout),
		formTo:       from.Add(logview.StatuteDays * 24 * time.Hour).Format(dateLayout),
		formProduced: "now",
	}
	for i := range f.inputs {
		f.inputs[i] = newInput("", "")
		f.inputs[i].SetValue(values[i])
		f.inputs[i].CursorEnd()
	}
	f.setStyles(s)
	f.focusField(formTarget)
	return f
}

func (f *orderForm) setStyles(s Styles) {
	st := textinput.Styles{
		Focused: textinput.StyleState{Text: s.Text, Placeholder: s.Faint, Prompt: s.Bold},
		Blurred: textinput.StyleState{Text: s.Faint, Placeholder: s.Faint, Prompt: s.Faint},
		Cursor:  textinput.CursorStyle{Color: s.Theme.Focus},
	}
	for i := range f.inputs {
		f.inputs[i].SetStyles(st)
	}
}

func (f *orderForm) focusField(i int) {
	f.focus = (i + formFields) % formFields
	for j := range f.inputs {
		f.inputs[j].Blur()
	}
	if f.focus != formKind {
		f.inputs[f.focus].Focus()
	}
}

// formAction is what a key did to the form.
type formAction int

const (
	formEdited formAction = iota
	formSubmit
	formCancel
)

// update handles one key: moving, toggling the kind, typing, or asking
// to submit or cancel.
func (f *orderForm) update(msg tea.Msg, k KeyMap) (formAction, tea.Cmd) {
	press, isKey := msg.(tea.KeyPressMsg)
	switch {
	case isKey && key.Matches(press, k.Cancel):
		return formCancel, nil
	case isKey && key.Matches(press, k.Confirm):
		return formSubmit, nil
	case isKey && key.Matches(press, k.NextPane, k.Down):
		f.focusField(f.focus + 1)
		return formEdited, nil
	case isKey && key.Matches(press, k.PrevPane, k.Up):
		f.focusField(f.focus - 1)
		return formEdited, nil
	case f.focus == formKind && isKey && (key.Matches(press, k.ColumnLeft, k.ColumnRight) || press.String() == "space"):
		f.kind = otherKind(f.kind)
		return formEdited, nil
	case f.focus == formKind:
		return formEdited, nil
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.err = ""
	return formEdited, cmd
}

func otherKind(k logview.OrderKind) logview.OrderKind {
	if k == logview.PenRegister {
		return logview.TrapAndTrace
	}
	return logview.PenRegister
}

// order reads the form into an order and its production time.
func (f orderForm) order() (logview.Order, time.Time, error) {
	target, err := sim.ParseHandle(f.inputs[formTarget].Value(), f.region)
	if err != nil {
		return logview.Order{}, time.Time{}, fmt.Errorf("target: %w", err)
	}
	from, err := parseFormDate("from", f.inputs[formFrom].Value())
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	to, err := parseFormDate("to", f.inputs[formTo].Value())
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	produced, err := f.producedAt()
	if err != nil {
		return logview.Order{}, time.Time{}, err
	}
	o := logview.Order{Kind: f.kind, Case: strings.TrimSpace(f.inputs[formCase].Value()), Target: target, Period: logview.Window{From: from, To: to}}
	return o, produced, o.Check()
}

func parseFormDate(field, v string) (time.Time, error) {
	t, err := time.Parse(dateLayout, strings.TrimSpace(v))
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a date like 2016-09-26, got %q", field, sim.Printable(v))
	}
	return t.UTC(), nil
}

// producedAt is when Apple produces: "now" on the simulated clock, or a
// date no later than now (Apple cannot produce rows from the future).
func (f orderForm) producedAt() (time.Time, error) {
	v := strings.TrimSpace(f.inputs[formProduced].Value())
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
		return time.Time{}, fmt.Errorf("produced: %s is after the simulated clock (%s): advance the clock first", v, f.now.Format(dateLayout))
	case end.After(f.now):
		return f.now, nil
	}
	return end, nil
}

// view draws the form as lines for the overlay.
func (f orderForm) view(s Styles, width int) []string {
	mark := func(i int) string {
		if f.focus == i {
			return s.Accent.Render("▸ ")
		}
		return "  "
	}
	kinds := fmt.Sprintf("( %s ) pen register   ( %s ) trap and trace", radio(f.kind == logview.PenRegister), radio(f.kind == logview.TrapAndTrace))
	labels := [formFields]string{"Kind", "Target", "Case number", "Period from", "Period to", "Produced"}
	// Sentences wrap rather than being cut: at 80 columns an error or the
	// way out would otherwise end in "…".
	lines := styleAll(s.Faint, wrap("A court order for Apple's identity-lookup log (simulated). A prosecutor certifies relevance; the court shall issue it (18 U.S.C. §3123(a)).", width))
	lines = append(lines, "", mark(formKind)+s.Bold.Render(fit(labels[formKind], 13))+kinds)
	for _, l := range wrap(kindHint(f.kind), max(width-15, 10)) {
		lines = append(lines, "               "+s.Faint.Render(l))
	}
	for i := formTarget; i < formFields; i++ {
		in := f.inputs[i]
		in.SetWidth(max(width-20, 10))
		lines = append(lines, mark(i)+s.Bold.Render(fit(labels[i], 13))+in.View())
	}
	lines = append(lines, "")
	lines = append(lines, styleAll(s.Faint, wrap(periodNote(f), width))...)
	if f.err != "" {
		lines = append(lines, styleAll(s.Warning, wrap("! "+f.err, width))...)
	}
	lines = append(lines, "")
	return append(lines, styleAll(s.Faint, wrap("↑↓/tab move · ←→ or space choose the kind · enter serves the order · esc cancels", width))...)
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
func periodNote(f orderForm) string {
	from, err1 := parseFormDate("from", f.inputs[formFrom].Value())
	to, err2 := parseFormDate("to", f.inputs[formTo].Value())
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
