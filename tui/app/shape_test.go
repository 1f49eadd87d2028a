package app

import (
	"reflect"
	"strings"
	"testing"

	"bluegreen/tui/common"
)

// The shell stays thin: the root model holds at most 12 fields (issue 11);
// state that grows belongs in a component or in one of the groups here.
func TestRootModelIsSmall(t *testing.T) {
	if n := reflect.TypeFor[model]().NumField(); n > 12 {
		t.Errorf("the root model has %d fields, more than 12", n)
	}
}

// Help is derived from the bindings the shell dispatches: every key of the
// global table is listed in the help (the full key map), with its keys.
func TestEveryGlobalKeyIsInTheHelp(t *testing.T) {
	k := common.DefaultKeyMap()
	listed := map[string]bool{}
	for _, group := range k.FullHelp() {
		for _, b := range group {
			listed[strings.Join(b.Keys(), " ")+" — "+b.Help().Desc] = true
		}
	}
	checked := 0
	for _, b := range globalBindings(k) {
		if !b.key.Enabled() {
			continue
		}
		checked++
		if id := strings.Join(b.key.Keys(), " ") + " — " + b.key.Help().Desc; !listed[id] {
			t.Errorf("the global key %q is dispatched but not in the help", id)
		}
	}
	if checked < 20 {
		t.Fatalf("only %d global keys checked: is the table read?", checked)
	}
}
