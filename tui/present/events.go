package present

import (
	"bluegreen/sim"
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

	tea "charm.land/bubbletea/v2"
)

// event is one message a step sends the app: a key a person would press,
// or one of the app's presenter messages. Typing is one event per
// character, so a live demo can pace it like a person.
type event struct {
	msg    tea.Msg
	typing bool // a keystroke of typed text (paced in live mode)
}

// produceKey is the key that asks Apple to produce again.
const produceKey = "alt+p"

// events expands a step into the messages it sends, in order.
func events(st scripts.Step) []event {
	var out []event
	add := func(msg tea.Msg) { out = append(out, event{msg: msg}) }
	if len(st.Show) > 0 {
		add(app.ShowPanesMsg{Panes: st.Show})
	}
	if st.Network != "" {
		n, _ := sim.ParseNetwork(st.Network)
		add(app.SetNetworkMsg{Network: n})
	}
	if st.Advance > 0 {
		add(app.AdvanceClockMsg{By: st.Advance})
	}
	press := func(names []string) {
		for _, name := range names {
			k, _ := common.KeyPress(name)
			add(k)
		}
	}
	press(st.Keys)
	for _, r := range st.Type {
		k, _ := common.KeyPress(string(r))
		if r == ' ' {
			k, _ = common.KeyPress("space")
		}
		out = append(out, event{msg: k, typing: true})
	}
	press(st.Then)
	if o := st.Order; o != nil {
		add(app.ServeOrderMsg{Kind: o.Kind, Target: o.Target, Case: o.Case, Entered: o.Entered, Produced: o.Produced, Direction: o.Direction})
	}
	if st.Renew {
		add(app.RenewOrderMsg{})
	}
	if st.Produce {
		press([]string{produceKey})
	}
	if st.Find != "" {
		add(app.FindInReturnMsg{Text: st.Find})
	}
	return out
}
