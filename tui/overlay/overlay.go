package overlay

import (
	"strings"

	"bluegreen/tui/common"
	"bluegreen/tui/lessons"

	tea "charm.land/bubbletea/v2"
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
)

// Model is a scrollable full-body screen over the panes: help, a lesson
// card, the sources or the order form. Its lines are prepared once (on
// open or resize), never in View.
type Model struct {
	kind   Kind
	topic  lessons.Topic
	title  string
	lines  []string
	offset int
}

// Open is an overlay of kind showing lines under title.
func Open(kind Kind, title string, lines []string) Model {
	return Model{kind: kind, title: title, lines: lines}
}

// OpenLesson is the overlay of lesson card t, showing lines until the
// rendered card arrives.
func OpenLesson(t lessons.Topic, title string, lines []string) Model {
	return Model{kind: Lesson, topic: t, title: title, lines: lines}
}

// Kind is what the overlay shows (None when closed).
func (o Model) Kind() Kind { return o.kind }

// Topic is the lesson card shown, if the overlay is a card.
func (o Model) Topic() lessons.Topic { return o.topic }

// IsOpen reports whether anything covers the panes.
func (o Model) IsOpen() bool { return o.kind != None }

// SetLines replaces what the overlay shows (a new width, theme or card).
func (o *Model) SetLines(lines []string) { o.lines = lines }

// LessonMsg carries a rendered lesson card.
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

// Scroll moves the view by delta lines, never past the last screenful.
func (o *Model) Scroll(delta, visible int) {
	o.offset = min(max(o.offset+delta, 0), max(len(o.lines)-visible, 0))
}

// Lines is how many lines the overlay holds.
func (o Model) Lines() int { return len(o.lines) }

// View draws the overlay at w × h.
func (o Model) View(s common.Styles, w, h int) string {
	visible := max(h-2, 0)
	start := min(o.offset, max(len(o.lines)-visible, 0))
	lines := o.lines[start:]
	title := o.title
	if len(o.lines) > visible {
		title += " — ↑↓ pgup pgdn scroll"
	}
	title += " — esc closes"
	return s.Frame(title, lines, w, h, true)
}

// LessonLines splits a rendered card into lines.
func LessonLines(text string) []string { return strings.Split(strings.TrimRight(text, "\n"), "\n") }
