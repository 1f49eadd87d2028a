package serve

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// MaxCodeTries is how many wrong class codes end a session.
const MaxCodeTries = 3

// joinField is the field the join screen's cursor is in.
type joinField int

const (
	fieldName joinField = iota
	fieldCode
	fieldPhone
	fieldCount
)

// joinKeys are the join screen's bindings.
type joinKeys struct {
	Next, Prev, Toggle, Submit, Quit key.Binding
}

func newJoinKeys() joinKeys {
	return joinKeys{
		Next:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous")),
		Toggle: key.NewBinding(key.WithKeys("left", "right", "space"), key.WithHelp("←/→", "iPhone or Android")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "join")),
		Quit:   key.NewBinding(key.WithKeys("ctrl+c", "esc"), key.WithHelp("esc", "leave")),
	}
}

// ShortHelp implements help.KeyMap.
func (k joinKeys) ShortHelp() []key.Binding { return []key.Binding{k.Next, k.Toggle, k.Submit, k.Quit} }

// FullHelp implements help.KeyMap.
func (k joinKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// joinModel asks a new student for a display name, the class code and
// their phone. It only collects: the session model admits the student.
type joinModel struct {
	keys    joinKeys
	help    help.Model
	name    textinput.Model
	code    textinput.Model
	android bool
	field   joinField
	tries   int    // wrong codes so far
	problem string // why the last try was refused
	busy    bool   // a join is being decided
	st      styles
	frame   *joinFrame // shared by the model's copies: the last screen laid out
}

// joinFrame is the join screen as last laid out, and what it was laid out
// from. Bubble Tea asks for a View after every message, most of which
// change nothing here (the class's pushes, a terminal's replies), and a
// layout costs about half a millisecond: with a hundred students joining,
// that was an eighth of a busy class's CPU.
type joinFrame struct {
	key     string
	view    string
	renders int // layouts so far, for the test that unrelated messages cause none
}

func newJoinModel(st styles) joinModel {
	name := textinput.New()
	name.Prompt = "Your name  "
	name.Placeholder = "first name or nickname"
	name.CharLimit = MaxNameRunes
	name.SetWidth(MaxNameRunes + 1)
	code := textinput.New()
	code.Prompt = "Class code "
	code.Placeholder = "from the projector"
	code.CharLimit = 16
	code.EchoMode = textinput.EchoPassword
	code.EchoCharacter = '•'
	code.SetWidth(17)
	name.SetStyles(st.inputStyles())
	code.SetStyles(st.inputStyles())
	m := joinModel{keys: newJoinKeys(), help: help.New(), name: name, code: code, st: st, frame: &joinFrame{}}
	m.help.Styles = st.helpStyles()
	m.name.Focus()
	return m
}

// joinSubmitMsg asks the session to admit the student.
type joinSubmitMsg struct{ req joinRequest }

// joinRefusedMsg says why the classroom refused the join.
type joinRefusedMsg struct{ err error }

func (m joinModel) Update(msg tea.Msg) (joinModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case joinRefusedMsg:
		m.busy = false
		m.problem = refusal(msg.err, m.tries)
		if errors.Is(msg.err, ErrWrongCode) {
			m.code.Reset()
			m.focus(fieldCode)
		} else if errors.Is(msg.err, ErrNameTaken) || errors.Is(msg.err, ErrBadName) {
			m.focus(fieldName)
		}
		return m, nil
	}
	return m.forward(msg)
}

func (m joinModel) key(msg tea.KeyPressMsg) (joinModel, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case m.busy:
		return m, nil
	case key.Matches(msg, m.keys.Submit):
		return m.submit()
	case key.Matches(msg, m.keys.Next):
		m.focus((m.field + 1) % fieldCount)
		return m, nil
	case key.Matches(msg, m.keys.Prev):
		m.focus((m.field + fieldCount - 1) % fieldCount)
		return m, nil
	case m.field == fieldPhone && key.Matches(msg, m.keys.Toggle):
		m.android = !m.android
		return m, nil
	}
	return m.forward(msg)
}

func (m joinModel) forward(msg tea.Msg) (joinModel, tea.Cmd) {
	var cmd tea.Cmd
	switch m.field {
	case fieldName:
		m.name, cmd = m.name.Update(msg)
	case fieldCode:
		m.code, cmd = m.code.Update(msg)
	}
	return m, cmd
}

// submit moves to the next empty field, or asks to join when all are filled.
func (m joinModel) submit() (joinModel, tea.Cmd) {
	switch {
	case strings.TrimSpace(m.name.Value()) == "":
		m.focus(fieldName)
		m.problem = "Type the name your classmates will see."
		return m, nil
	case strings.TrimSpace(m.code.Value()) == "" || m.field == fieldName:
		m.focus(fieldCode)
		return m, nil
	case m.field == fieldCode:
		m.focus(fieldPhone)
		return m, nil
	}
	m.busy = true
	m.problem = ""
	return m, func() tea.Msg {
		return joinSubmitMsg{req: joinRequest{Name: m.name.Value(), Code: m.code.Value(), Android: m.android}}
	}
}

func (m *joinModel) focus(f joinField) {
	m.field = f
	m.name.Blur()
	m.code.Blur()
	switch f {
	case fieldName:
		m.name.Focus()
	case fieldCode:
		m.code.Focus()
	}
}

// refusal is the sentence a refused student reads.
func refusal(err error, tries int) string {
	switch {
	case errors.Is(err, ErrWrongCode):
		left := MaxCodeTries - tries
		if left == 1 {
			return "That is not the class code. One try left."
		}
		return "That is not the class code. " + string(rune('0'+left)) + " tries left."
	case errors.Is(err, ErrNameTaken):
		return "Someone in the class (or in everyone's contacts) already has that name: add an initial."
	case errors.Is(err, ErrBadName):
		return "A name needs at least one letter."
	}
	return capitalise(err.Error()) + "."
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// View is the join screen at width×height, laid out again only when what
// it shows has changed.
func (m joinModel) View(width, height int) string {
	key := m.frameKey(width, height)
	if m.frame.view != "" && m.frame.key == key {
		return m.frame.view
	}
	m.frame.key, m.frame.view = key, m.layout(width, height)
	m.frame.renders++
	return m.frame.view
}

// frameKey is everything the screen is drawn from. The fields' own views
// are cheap, and they carry what only they know: the cursor's place and
// whether it is blinked on.
func (m joinModel) frameKey(width, height int) string {
	var b strings.Builder
	b.Grow(256)
	fmt.Fprintf(&b, "%d×%d %d %t %t %d %q\x00", width, height, m.field, m.android, m.busy, m.tries, m.problem)
	b.WriteString(m.name.View())
	b.WriteByte(0)
	b.WriteString(m.code.View())
	return b.String()
}

func (m joinModel) layout(width, height int) string {
	s := m.st
	var b strings.Builder
	b.WriteString(s.title.Render("bluegreen · join the class") + "\n\n")
	b.WriteString("You get a phone of your own on one shared, simulated Apple.\n")
	b.WriteString("Your classmates and your instructor see the name you give.\n\n")
	b.WriteString(m.name.View() + "\n")
	b.WriteString(m.code.View() + "\n")
	b.WriteString(m.phoneChoice() + "\n\n")
	switch {
	case m.busy:
		b.WriteString(s.faint.Render("Joining…") + "\n")
	case m.problem != "":
		b.WriteString(s.warn.Render("! "+m.problem) + "\n")
	default:
		b.WriteString("\n")
	}
	b.WriteString("\n" + m.help.View(m.keys))
	return lipgloss.NewStyle().Width(width).MaxWidth(width).Height(height).MaxHeight(height).Padding(1, 2).Render(b.String())
}

func (m joinModel) phoneChoice() string {
	iphone, android := "( ) iPhone", "( ) Android"
	if m.android {
		android = "(•) Android"
	} else {
		iphone = "(•) iPhone"
	}
	line := "Your phone " + iphone + "  " + android
	if m.field == fieldPhone {
		return m.st.focus.Render(line) + m.st.faint.Render("  ←/→ to change")
	}
	return line
}
