package serve

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	tea "charm.land/bubbletea/v2"
)

// unrelatedMsg stands for what reaches a join screen without changing it:
// the class's pushes, a terminal's replies.
type unrelatedMsg struct{}

// BenchmarkJoinScreenIdle is a join screen as Bubble Tea drives it: every
// message, even one that changes nothing, is followed by a View.
func BenchmarkJoinScreenIdle(b *testing.B) {
	m := newJoinModel(newStyles(themeFor("")))
	m, _ = m.Update(tea.KeyPressMsg{Code: 'K', Text: "K"})
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(unrelatedMsg{})
		_ = m.View(120, 40)
	}
}

// The join screen is laid out again only when what it shows changes: the
// class's pushes and a terminal's replies reuse the last layout, while a
// key, a resize, the phone choice and a refusal each show at once.
func TestTheJoinScreenRendersOnlyWhatChanged(t *testing.T) {
	s := newStudentSession(nil, "", &farewell{}, nil, newStyles(themeFor("")), nil)
	step := func(msg tea.Msg) string {
		t.Helper()
		s.Update(msg)
		return ansi.Strip(s.View().Content)
	}
	first := step(tea.WindowSizeMsg{Width: 100, Height: 30})
	renders := s.join.frame.renders
	for _, msg := range []tea.Msg{unrelatedMsg{}, shownMsg{shown: nil, seq: 1}, tea.BackgroundColorMsg{}, tea.FocusMsg{}, nil} {
		if got := step(msg); got != first || s.join.frame.renders != renders {
			t.Fatalf("%T re-rendered the join screen (%d layouts, want %d) or changed it", msg, s.join.frame.renders, renders)
		}
	}
	for _, tc := range []struct {
		msg  tea.Msg
		want string
	}{
		{tea.KeyPressMsg{Code: 'K', Text: "K"}, "Your name  K"},
		{tea.PasteMsg{Content: "im"}, "Your name  Kim"},
		{tea.WindowSizeMsg{Width: 60, Height: 20}, "Your name  Kim"},
		{tea.KeyPressMsg{Code: tea.KeyTab}, "Class code"},
		{tea.KeyPressMsg{Code: tea.KeyTab}, "(•) iPhone"},
		{tea.KeyPressMsg{Code: tea.KeyRight}, "(•) Android"},
		{joinRefusedMsg{err: ErrNameTaken}, "already has that name"},
	} {
		before := s.join.frame.renders
		got := step(tc.msg)
		if s.join.frame.renders != before+1 || !strings.Contains(got, tc.want) {
			t.Errorf("after %T: %d layouts (want %d), screen:\n%s", tc.msg, s.join.frame.renders, before+1, got)
		}
		if again := step(unrelatedMsg{}); again != got || s.join.frame.renders != before+1 {
			t.Errorf("after %T an unrelated message changed the screen or laid it out again", tc.msg)
		}
	}
	if w := strings.Split(s.View().Content, "\n"); len(w) != 20 {
		t.Errorf("the resized join screen has %d lines, want 20", len(w))
	}
}
