package serve

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// testIdle is the idle timeout of the tests below: long enough that a
// loaded machine still delivers a key well inside it.
const testIdle = 1500 * time.Millisecond

// stillOpen reports whether the session is open after d.
func (c *client) stillOpen(d time.Duration) bool {
	select {
	case <-c.done:
		return false
	case <-time.After(d):
		return true
	}
}

// A student who only resizes their window is not there: the session
// times out all the same, says so in its last line, and the same key gets
// the same phone back, with the number they had typed.
func TestAnIdleStudentIsToldAndComesBackToTheSamePhone(t *testing.T) {
	tc := startClass(t, withIdle(testIdle))
	key := newSigner(t)
	kim := tc.dial(t, "student", key, 120, 40)
	kim.join("Kim")
	kim.lookUp("4155550132")
	stop := make(chan struct{})
	resized := make(chan int)
	go func() { // a window that keeps changing size, with nobody typing
		n := 0
		defer func() { resized <- n }()
		for w := 100; ; w = 220 - w {
			select {
			case <-stop:
				return
			case <-kim.done:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if kim.sess.WindowChange(40, w) == nil {
				n++
			}
		}
	}()
	began := time.Now()
	out := kim.ended("an idle student")
	idleFor := time.Since(began)
	close(stop)
	if n := <-resized; n < int(testIdle/(200*time.Millisecond)) {
		t.Errorf("only %d resizes before the timeout: the test did not show that resizing is not activity", n)
	}
	if want := idleLine(testIdle, true); !strings.Contains(out, want) {
		t.Errorf("the idle student's last line is %q, want %q", lastLine(out), want)
	}
	if idleFor < testIdle/2 {
		t.Errorf("the session closed %s after the last key, before the %s timeout", idleFor, testIdle)
	}
	waitOffline(t, kim, "Kim")
	back := tc.dial(t, "student", key, 120, 40)
	scr := back.waitFor("Kim is back", "Kim · Wi-Fi 192.0.2.10", "(415) 555-0132")
	if strings.Contains(scr, "join the class") || strings.Contains(scr, "server restarted") {
		t.Errorf("a student back from a timeout was not given their phone as they left it:\n%s", scr)
	}
}

// Typing keeps a student's session open past the timeout; the
// instructor's console, which may sit on the projector for a whole
// lesson, has none.
func TestKeysKeepASessionOpenAndTheConsoleNeverTimesOut(t *testing.T) {
	tc := startClass(t, withIdle(testIdle))
	kim := tc.dial(t, "student", newSigner(t), 120, 40)
	kim.join("Kim")
	console := tc.dial(t, InstructorUser, tc.instructor, 140, 30)
	console.waitFor("the console", "INSTRUCTOR")
	for range 2 * int(testIdle/(250*time.Millisecond)) { // twice the timeout, a key every 250 ms
		kim.send("\x1b[D") // ←: moves the cursor, changes nothing
		if !kim.stillOpen(250 * time.Millisecond) {
			t.Fatalf("a student typing every 250 ms was timed out after %s:\n%s", testIdle, kim.ended("typing"))
		}
	}
	kim.ended("Kim stops typing")
	if !console.stillOpen(testIdle / 2) {
		t.Errorf("the console timed out:\n%s", console.ended("the console"))
	}
}

func TestWhatCountsAsActivity(t *testing.T) {
	for _, tc := range []struct {
		msg  tea.Msg
		want bool
	}{
		{tea.KeyPressMsg{Code: 'a', Text: "a"}, true},
		{tea.PasteMsg{Content: "415"}, true},
		{tea.MouseClickMsg{}, true},
		{tea.MouseWheelMsg{}, true},
		{tea.WindowSizeMsg{Width: 80, Height: 24}, false},
		{tea.FocusMsg{}, false},
		{tea.MouseMotionMsg{}, false},
	} {
		if got := isActivity(tc.msg); got != tc.want {
			t.Errorf("isActivity(%T) = %v, want %v", tc.msg, got, tc.want)
		}
	}
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30 minutes", 90 * time.Minute: "1 hour 30 minutes", 1500 * time.Millisecond: "2 seconds",
		time.Hour + time.Second: "1 hour 1 second", 0: "less than a second",
	} {
		if got := DurationWords(d); got != want {
			t.Errorf("DurationWords(%s) = %q, want %q", d, got, want)
		}
	}
}
