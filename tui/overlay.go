package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// overlayKind is what covers the panes.
type overlayKind int

const (
	overlayNone overlayKind = iota
	overlayHelp
	overlayLesson
	overlaySources
	overlayOrder
)

// overlay is a scrollable full-body screen over the panes: help, a lesson
// card, or the sources. Its lines are prepared once (on open or resize),
// never in View.
type overlay struct {
	kind   overlayKind
	topic  Topic
	title  string
	lines  []string
	offset int
	err    error
}

// lessonMsg carries a rendered lesson card.
type lessonMsg struct {
	topic Topic
	width int
	text  string
	err   error
}

// renderLessonCmd renders a card off the UI goroutine (glamour takes a few
// milliseconds).
func renderLessonCmd(t Topic, width int, s Styles) tea.Cmd {
	return func() tea.Msg {
		text, err := RenderLesson(t, width, s)
		return lessonMsg{topic: t, width: width, text: text, err: err}
	}
}

func (o *overlay) scroll(delta, visible int) {
	o.offset = min(max(o.offset+delta, 0), max(len(o.lines)-visible, 0))
}

func (o overlay) view(s Styles, w, h int) string {
	visible := max(h-2, 0)
	start := min(o.offset, max(len(o.lines)-visible, 0))
	lines := o.lines[start:]
	title := o.title
	if len(o.lines) > visible {
		title += " — ↑↓ pgup pgdn scroll"
	}
	title += " — esc closes"
	return s.frame(title, lines, w, h, true)
}

func (o overlay) isOpen() bool { return o.kind != overlayNone }

// lessonLines splits a rendered card into lines.
func lessonLines(text string) []string { return strings.Split(strings.TrimRight(text, "\n"), "\n") }
