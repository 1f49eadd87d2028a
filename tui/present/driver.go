package present

import (
	"bluegreen/tui/app"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
)

// driver feeds messages to the app and runs every command that follows,
// synchronously and in the order they were made — how a headless run plays
// a step, and how a rewind replays the steps before it, the same bytes
// every time. Commands that would end the program are dropped.
type driver struct {
	app app.Model
}

// send passes msg to Update and runs everything that follows from it.
func (d *driver) send(msg tea.Msg) {
	next, cmd := d.app.Update(msg)
	d.app = next.(app.Model)
	d.run(cmd)
}

func (d *driver) run(cmds ...tea.Cmd) {
	queue := append([]tea.Cmd(nil), cmds...)
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		msg := cmd()
		if inner, ok := common.CommandsIn(msg); ok {
			queue = append(append([]tea.Cmd(nil), inner...), queue...)
			continue
		}
		switch msg.(type) {
		case nil, tea.QuitMsg:
		default:
			next, c := d.app.Update(msg)
			d.app = next.(app.Model)
			queue = append(queue, c)
		}
	}
}

// windowSize is the message a terminal of w × h columns and rows sends.
func windowSize(w, h int) tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }
