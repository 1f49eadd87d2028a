package orderform

import (
	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
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

// labelWidth is the width the text fields' titles are padded to, so that
// their values line up in one column.
const labelWidth = 13

// fields are the huh fields of one form, kept to read focus and to change
// a field's options when the kind changes.
type fields struct {
	kind   *huh.Select[logview.OrderKind]
	dir    *huh.Select[logview.Side]
	inputs [Fields]*textField // nil for the two choices
	list   [Fields]huh.Field
}

// newFields builds the form's fields bound to v.
func newFields(v *values, r rules) fields {
	var f fields
	f.kind = huh.NewSelect[logview.OrderKind]().Title("Kind").Value(&v.kind)
	var kinds []huh.Option[logview.OrderKind]
	for _, k := range logview.OrderKinds() {
		kinds = append(kinds, huh.NewOption(kindName(k), k))
	}
	f.kind.Options(kinds...)
	f.dir = huh.NewSelect[logview.Side]().Title("Direction").Value(&v.dir)
	input := func(i int, title string, value *string, check func(string) error) {
		in := huh.NewInput().Title(common.Fit(title, labelWidth)).Inline(true).Prompt("").Value(value)
		if check != nil {
			in.Validate(check)
		}
		f.inputs[i] = &textField{Input: in, title: common.Fit(title, labelWidth), value: value}
	}
	input(FieldTarget, "Target", &v.target, func(s string) error { _, err := r.target(s); return err })
	input(FieldCase, "Case number", &v.caseNo, nil)
	input(FieldEntered, "Entered", &v.entered, func(s string) error { _, err := r.enteredAt(s); return err })
	input(FieldProduced, "Produced", &v.produced, func(s string) error {
		entered, err := r.enteredAt(v.entered)
		if err != nil {
			return nil // the Entered field says what is wrong
		}
		_, err = r.producedAt(s, entered)
		return err
	})
	for i := range f.list {
		switch i {
		case FieldKind:
			f.list[i] = f.kind
		case FieldDirection:
			f.list[i] = f.dir
		default:
			f.list[i] = f.inputs[i]
		}
	}
	return f
}

// follow makes the fields agree with the kind chosen: its standard under
// the kind, and the direction a choice only for stored records.
func (f fields) follow(v *values) {
	f.kind.Description(kindHint(v.kind))
	switch v.kind {
	case logview.PenRegister:
		v.dir = logview.AsSource
		f.dir.Options(huh.NewOption("target as source handle (fixed by the kind)", logview.AsSource))
	case logview.TrapAndTrace:
		v.dir = logview.AsLookup
		f.dir.Options(huh.NewOption("target as lookup handle (fixed by the kind)", logview.AsLookup))
	default:
		v.dir = v.side
		f.dir.Options(huh.NewOption("target as source handle", logview.AsSource), huh.NewOption("target as lookup handle", logview.AsLookup))
	}
}

// focused is the index of the field with focus in form.
func (f fields) focused(form *huh.Form) int {
	got := form.GetFocusedField()
	for i, field := range f.list {
		if field == got {
			return i
		}
	}
	return FieldKind
}

// textField is a huh text input drawn by the form when it is not in
// focus: huh leaves a blurred input in the text field's own default
// colour (ANSI white, faint on a light theme and a colour under NO_COLOR),
// which its theme cannot reach.
type textField struct {
	*huh.Input
	title   string
	value   *string
	styles  *huh.Styles
	width   int
	focused bool
}

// Update passes msg to the input and keeps the field itself in the group.
func (t *textField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	_, cmd := t.Input.Update(msg)
	return t, cmd
}

// Focus focuses the input.
func (t *textField) Focus() tea.Cmd { t.focused = true; return t.Input.Focus() }

// Blur blurs (and so checks) the input.
func (t *textField) Blur() tea.Cmd { t.focused = false; return t.Input.Blur() }

// WithTheme keeps the styles to draw the blurred field with.
func (t *textField) WithTheme(th huh.Theme) huh.Field {
	t.styles = th.Theme(true)
	t.Input.WithTheme(th)
	return t
}

// WithWidth keeps the width to draw the blurred field at.
func (t *textField) WithWidth(w int) huh.Field { t.width = w; t.Input.WithWidth(w); return t }

// WithHeight sets the input's height.
func (t *textField) WithHeight(h int) huh.Field { t.Input.WithHeight(h); return t }

// WithKeyMap sets the input's keys.
func (t *textField) WithKeyMap(k *huh.KeyMap) huh.Field { t.Input.WithKeyMap(k); return t }

// WithPosition tells the input where it stands.
func (t *textField) WithPosition(p huh.FieldPosition) huh.Field { t.Input.WithPosition(p); return t }

// View is huh's input in focus, else the title and the text in the theme's
// blurred styles, cut to one line.
func (t *textField) View() string {
	if t.focused || t.styles == nil {
		return t.Input.View()
	}
	st := t.styles.Blurred
	inner := t.width - st.Base.GetHorizontalFrameSize()
	line := st.Title.Render(t.title) + st.TextInput.Text.Render(common.Fit(sim.Printable(*t.value), max(inner-labelWidth, 1)))
	return st.Base.Width(t.width).Render(line)
}

// huhKeys are the keys huh itself acts on: typing, and ←→/space in a
// choice. Moving between fields, serving and cancelling are the form's
// own bindings (KeyMap), handled before huh sees a key, so huh's are
// bound to nothing.
func huhKeys(k KeyMap) *huh.KeyMap {
	none := key.NewBinding(key.WithDisabled())
	km := huh.NewDefaultKeyMap()
	km.Quit = none
	km.Input = huh.InputKeyMap{AcceptSuggestion: none, Next: none, Prev: none, Submit: none}
	km.Select = huh.SelectKeyMap{
		Next: none, Prev: none, Submit: none, Left: none, Right: none,
		Filter: none, SetFilter: none, ClearFilter: none,
		HalfPageUp: none, HalfPageDown: none, GotoTop: none, GotoBottom: none,
		// A choice's options stand one above the other; huh steps through
		// them with its Up and Down, which here are ← and →.
		Up:   key.NewBinding(key.WithKeys("left")),
		Down: key.NewBinding(key.WithKeys(without(k.Choose.Keys(), "left")...)),
	}
	return km
}

func without(keys []string, drop string) []string {
	var out []string
	for _, k := range keys {
		if k != drop {
			out = append(out, k)
		}
	}
	return out
}

// huhTheme is huh's styles made from the app's: the focused field marked
// by a thick bar in the focus colour, the chosen option by ● (so neither
// needs colour), errors in the warning style. Under the none theme every
// colour is nil and lipgloss draws none.
func huhTheme(s common.Styles) huh.Theme {
	t := huh.ThemeBase(true)
	bar := t.Focused.Base
	if s.Theme.Focus != nil {
		bar = bar.BorderForeground(s.Theme.Focus)
	}
	f := &t.Focused
	f.Base, f.Card = bar, bar
	f.Title, f.NoteTitle = s.Bold, s.Bold
	f.Description = s.Faint
	f.ErrorIndicator = s.Warning.SetString(" !")
	f.ErrorMessage = s.Warning
	f.SelectSelector = s.Accent.SetString("● ")
	f.Option, f.UnselectedOption = s.Text, s.Text
	f.SelectedOption = s.Bold
	f.TextInput = huh.TextInputStyles{Cursor: s.Accent, CursorText: s.Text, Placeholder: s.Faint, Prompt: s.Bold, Text: s.Text}
	t.Blurred = t.Focused
	b := &t.Blurred
	b.Base = bar.BorderStyle(lipgloss.HiddenBorder())
	b.Card = b.Base
	b.Title, b.SelectSelector = s.Text, s.Text.SetString("● ")
	b.SelectedOption, b.Option, b.UnselectedOption, b.TextInput.Text = s.Text, s.Faint, s.Faint, s.Text
	t.Group.Description = s.Faint
	t.FieldSeparator = lipgloss.NewStyle().SetString("\n")
	return huh.ThemeFunc(func(bool) *huh.Styles { return t })
}
