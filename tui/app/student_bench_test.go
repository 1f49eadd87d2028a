package app

import (
	"fmt"
	"testing"
	"time"

	"bluegreen/tui/common"
	"bluegreen/tui/tuitest"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkStudentKeystroke is one key on a class student's screen, as a
// session of `bluegreen serve` handles it at 100×30 in colour: Update, View,
// and the messages the key's commands bring back (a lookup's answer, the
// log's new rows), each with its View. It types ten-digit numbers new to
// the phone, then ctrl+n, so every eleventh key completes a lookup.
// Timers (the cursor's blink) are not waited for. Run with
//
//	go test ./tui/app -run '^$' -bench StudentKeystroke -benchmem
func BenchmarkStudentKeystroke(b *testing.B) {
	w, _ := newClassroom(b)
	s, err := NewStudent(w, StudentOptions{Theme: "dark"})
	if err != nil {
		b.Fatal(err)
	}
	var m tea.Model = s
	deliver := func(msg tea.Msg) tea.Cmd {
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		m.View()
		return cmd
	}
	exec := tuitest.ExecWithin(20 * time.Millisecond) // a timer is not this key's work
	common.RunCommandsWith(exec, deliver, s.Init(), func() tea.Msg { return tea.WindowSizeMsg{Width: 100, Height: 30} })
	areaCodes := [...]int{415, 212, 312, 617, 206, 303, 404, 512, 702, 808} // each with the fictional 555-01xx block
	var keys []tea.KeyPressMsg
	for n := range 1000 { // a thousand fictional numbers, each new to the phone
		for _, d := range fmt.Sprintf("%d55501%02d", areaCodes[n/100], n%100) {
			keys = append(keys, tea.KeyPressMsg{Code: d, Text: string(d)})
		}
		keys = append(keys, tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		common.RunCommandsWith(exec, deliver, deliver(keys[i%len(keys)]))
	}
	b.StopTimer()
	if made, want := m.(Student).wire.Asked(), b.N/11; made < want {
		b.Fatalf("the phone asked Apple %d times in %d keys, want at least %d", made, b.N, want)
	}
}
