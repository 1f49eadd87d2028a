// Package tuitest holds what the components' tests share: a Common for a
// theme over the classroom world's first snapshot, key presses by name,
// and the size check every rendered view must pass.
package tuitest

import (
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Common is the shared value for theme over world's snapshot.
func Common(tb testing.TB, theme string, world *sim.World) *common.Common {
	tb.Helper()
	t, err := common.ThemeByName(theme, true)
	if err != nil {
		tb.Fatal(err)
	}
	return &common.Common{Styles: common.NewStyles(t), Keys: common.DefaultKeyMap(), Snap: common.TakeSnapshot(world)}
}

// Key is the key press named as in a demo script ("pgdown", "alt+o", "4").
func Key(tb testing.TB, name string) tea.KeyPressMsg {
	tb.Helper()
	k, err := common.KeyPress(name)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// Run executes cmd and the commands its messages batch, and returns the
// messages that are not batches (nor a quit), in order: what a component
// asked for.
func Run(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	common.RunCommands(func(msg tea.Msg) tea.Cmd { out = append(out, msg); return nil }, cmd)
	return out
}

// ExecWithin runs a command for common.RunCommandsWith, dropping it (a
// nil message) when it is still running after d: a timer such as a
// cursor's blink or a live refresh, which is not the work being driven.
func ExecWithin(d time.Duration) func(tea.Cmd) tea.Msg {
	return func(cmd tea.Cmd) tea.Msg {
		got := make(chan tea.Msg, 1)
		go func() { got <- cmd() }()
		select {
		case msg := <-got:
			return msg
		case <-time.After(d):
			return nil
		}
	}
}

// CheckSize fails unless out is exactly w cells × h lines.
func CheckSize(tb testing.TB, out string, w, h int) {
	tb.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) != h {
		tb.Errorf("rendered %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			tb.Errorf("line %d is %d cells wide, want %d: %q", i+1, got, w, ansi.Strip(l))
		}
	}
}
