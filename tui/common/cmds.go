package common

import (
	"reflect"

	tea "charm.land/bubbletea/v2"
)

var commandType = reflect.TypeFor[tea.Cmd]()

// CommandsIn unpacks tea.BatchMsg and Bubble Tea's unexported sequence
// message (both are slices of commands).
func CommandsIn(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != commandType {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// RunCommands runs cmds synchronously, as a headless driver or a test
// does: the commands a batch or sequence holds run in its place, in
// order, and every other message goes to deliver, whose command joins the
// end of the queue. A nil message or a quit delivers nothing.
func RunCommands(deliver func(tea.Msg) tea.Cmd, cmds ...tea.Cmd) {
	RunCommandsWith(func(cmd tea.Cmd) tea.Msg { return cmd() }, deliver, cmds...)
}

// RunCommandsWith is RunCommands with each command run by exec, so a test
// can bound how long one may take or watch for a quit.
func RunCommandsWith(exec func(tea.Cmd) tea.Msg, deliver func(tea.Msg) tea.Cmd, cmds ...tea.Cmd) {
	queue := append([]tea.Cmd(nil), cmds...)
	for len(queue) > 0 {
		cmd := queue[0]
		queue = queue[1:]
		if cmd == nil {
			continue
		}
		msg := exec(cmd)
		if inner, ok := CommandsIn(msg); ok {
			queue = append(append([]tea.Cmd(nil), inner...), queue...)
			continue
		}
		switch msg.(type) {
		case nil, tea.QuitMsg:
		default:
			queue = append(queue, deliver(msg))
		}
	}
}
