package overlay

import (
	"strings"

	"bluegreen/tui/common"
	"bluegreen/tui/lessons"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Kind is what covers the panes.
type Kind int

// The overlays.
const (
	None Kind = iota
	Help
	Lesson
	Sources
	Order
	Compare // every design on the session's lookups
	Reverse // the hashed design's lookups reversed, live
)

// KeyMap is what an overlay's keys do (esc, which closes it, is the app's).
type KeyMap struct {
	common.ScrollKeys
	PrevCard, NextCard key.Binding // in a lesson card
}

// NewKeyMap takes the overlay's bindings from the app's key map.
func NewKeyMap(k common.KeyMap) KeyMap {
	return KeyMap{ScrollKeys: common.NewScrollKeys(k),
		PrevCard: common.NewBinding(k.ColumnLeft.Keys(), "←", "previous card"),
		NextCard: common.NewBinding(k.ColumnRight.Keys(), "→", "next card")}
}

// ShortHelp is the overlay's key bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.PrevCard, k.NextCard}
}

// FullHelp lists every overlay key.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp(), {k.Top, k.Bottom}} }

// ShowLessonMsg asks the parent to open lesson card Topic (← → in a card).
type ShowLessonMsg struct{ Topic lessons.Topic }

// Model is a scrollable full-body screen over the panes: help, a lesson
// card, the sources or the order form. Its lines are prepared by whoever
// opens it (on open, resize or theme change), never in View; a viewport
// keeps the scroll.
type Model struct {
	com    *common.Common
	Keys   KeyMap
	kind   Kind
	topic  lessons.Topic
	title  string
	body   common.Scroller
	width  int
	height int
}

// Open is an overlay of kind showing lines under title.
func Open(com *common.Common, kind Kind, title string, lines []string) Model {
	o := Model{com: com, Keys: NewKeyMap(com.Keys), kind: kind, title: title, body: common.NewScroller()}
	o.SetLines(lines)
	return o
}

// OpenLesson is the overlay of lesson card t, showing lines until the
// rendered card arrives.
func OpenLesson(com *common.Common, t lessons.Topic, title string, lines []string) Model {
	o := Open(com, Lesson, title, lines)
	o.topic = t
	return o
}

// Kind is what the overlay shows (None when closed).
func (o Model) Kind() Kind { return o.kind }

// Topic is the lesson card shown, if the overlay is a card.
func (o Model) Topic() lessons.Topic { return o.topic }

// IsOpen reports whether anything covers the panes.
func (o Model) IsOpen() bool { return o.kind != None }

// SetLines replaces what the overlay shows (a new width, theme or card),
// keeping the scroll within them.
func (o *Model) SetLines(lines []string) {
	o.body.SetLines(lines)
}

// SetSize sets the overlay's size.
func (o *Model) SetSize(w, h int) {
	o.width, o.height = w, h
	o.body.SetSize(w, h)
}

// Offset is the first line shown.
func (o Model) Offset() int { return o.body.Offset() }

// Update scrolls; in a lesson card ← and → ask for the other cards.
func (o Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	press, ok := msg.(tea.KeyPressMsg)
	if !ok || !o.IsOpen() {
		return o, nil
	}
	k, page := o.Keys, max(o.height-2, 1)
	if o.kind == Lesson && key.Matches(press, k.PrevCard, k.NextCard) {
		step := 1
		if key.Matches(press, k.PrevCard) {
			step = -1
		}
		next := neighbourTopic(o.topic, step)
		return o, func() tea.Msg { return ShowLessonMsg{Topic: next} }
	}
	switch {
	case key.Matches(press, k.Up):
		o.body.Scroll(-1)
	case key.Matches(press, k.Down):
		o.body.Scroll(1)
	case key.Matches(press, k.PageUp):
		o.body.Scroll(-page)
	case key.Matches(press, k.PageDown):
		o.body.Scroll(page)
	case key.Matches(press, k.Top):
		o.body.Top()
	case key.Matches(press, k.Bottom):
		o.body.Bottom()
	}
	return o, nil
}

// neighbourTopic is the card step places after t in reading order.
func neighbourTopic(t lessons.Topic, step int) lessons.Topic {
	all := lessons.LessonTopics()
	for i, x := range all {
		if x == t {
			return all[(i+step+len(all))%len(all)]
		}
	}
	return all[0]
}

// LessonMsg carries a rendered lesson card, and the width it was rendered
// for: a card for an old width is dropped.
type LessonMsg struct {
	Topic lessons.Topic
	Width int
	Text  string
	Err   error
}

// RenderLessonCmd renders a card off the UI goroutine (glamour takes a few
// milliseconds).
func RenderLessonCmd(t lessons.Topic, width int, s common.Styles) tea.Cmd {
	return func() tea.Msg {
		text, err := lessons.RenderLesson(t, width, s)
		return LessonMsg{Topic: t, Width: width, Text: text, Err: err}
	}
}

// View draws the overlay at its size with the frame helper (as every pane
// is drawn: see wirepane's View).
func (o Model) View() string {
	visible := max(o.height-2, 0)
	return o.com.Styles.Frame(o.titleLine(len(o.body.Lines()) > visible), o.body.Visible(), o.width, o.height, true)
}

// titleLine is the title and the keys that fit beside it whole: "esc
// closes" always, then a card's "← → other cards", then "↑↓ pgup pgdn
// scroll" — a hint is left out rather than cut (the key bar below shows
// the same keys).
func (o Model) titleLine(scrolls bool) string {
	var hints []string
	if o.kind == Lesson {
		hints = append(hints, "← → other cards")
	}
	if scrolls {
		hints = append(hints, "↑↓ pgup pgdn scroll")
	}
	room := o.width - 6 // the frame's corners and the spaces around the title
	for len(hints) > 0 && ansi.StringWidth(o.title+" — "+strings.Join(hints, " — ")+" — esc closes") > room {
		hints = hints[:len(hints)-1]
	}
	return strings.Join(append(append([]string{o.title}, hints...), "esc closes"), " — ")
}

// LessonLines splits a rendered card into lines.
func LessonLines(text string) []string { return strings.Split(strings.TrimRight(text, "\n"), "\n") }
