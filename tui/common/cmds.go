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
