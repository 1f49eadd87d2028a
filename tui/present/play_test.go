package present

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/simtest"
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

func playerFor(t *testing.T, name, theme string) *Player {
	t.Helper()
	script, err := scripts.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlayer(script, PlayerOptions{
		App: app.Options{Theme: theme, HumanPace: app.DefaultHumanPace},
		NewWorld: func() (*sim.World, error) {
			return simtest.NewWorld(script.Scenario, sim.NewMemoryLog())
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every built-in script plays to its end at a projector's 80×24 and a wide
// 160×45, each step's screen kept as a golden file.
func TestBuiltinScriptsPlayHeadless(t *testing.T) {
	for _, name := range scripts.BuiltinNames() {
		for _, size := range [][2]int{{80, 24}, {160, 45}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				p := playerFor(t, name, "none")
				var out bytes.Buffer
				if err := RunHeadless(p, HeadlessOptions{Width: size[0], Height: size[1], Out: &out}); err != nil {
					t.Fatal(err)
				}
				if p.Step() != p.Steps() {
					t.Fatalf("stopped at step %d of %d", p.Step(), p.Steps())
				}
				if got := strings.Count(out.String(), "── step "); got != p.Steps() {
					t.Errorf("printed %d step screens, want %d", got, p.Steps())
				}
				golden.RequireEqual(t, out.Bytes())
			})
		}
	}
}

func TestEveryStepScreenIsExactlyTheWindow(t *testing.T) {
	p := playerFor(t, "talk", "dark")
	p.Update(windowSize(100, 30))
	for n := 1; n <= p.Steps(); n++ {
		p.advanceTo(n)
		lines := strings.Split(p.Screen(), "\n")
		if len(lines) != 30 {
			t.Fatalf("step %d: %d lines, want 30", n, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != 100 {
				t.Fatalf("step %d line %d is %d wide, want 100: %q", n, i, w, ansi.Strip(l))
			}
		}
	}
}

// Rewinding to step k shows exactly the screen of a fresh run to step k.
func TestRewindIsADeterministicReplay(t *testing.T) {
	played := playerFor(t, "talk", "dark")
	played.Update(windowSize(120, 40))
	played.advanceTo(played.Steps())
	for _, k := range []int{played.Steps() - 1, 9, 3, 1} {
		if err := played.rewindTo(k); err != nil {
			t.Fatal(err)
		}
		fresh := playerFor(t, "talk", "dark")
		fresh.Update(windowSize(120, 40))
		fresh.advanceTo(k)
		if played.Screen() != fresh.Screen() {
			t.Errorf("rewound to step %d differs from a fresh run to step %d:\n%s\n---\n%s", k, k, ansi.Strip(played.Screen()), ansi.Strip(fresh.Screen()))
		}
		played.advanceTo(played.Steps())
	}
}

func TestTalkEndsOnTheReturnWithTheAbandonedNumber(t *testing.T) {
	p := playerFor(t, "talk", "none")
	p.Update(windowSize(80, 24))
	p.advanceTo(p.Steps())
	screen := ansi.Strip(p.Screen())
	for _, want := range []string{"RETURN — PEN REGISTER", "+14155550199", fmt.Sprintf("step %d of %d", p.Steps(), p.Steps())} {
		if !strings.Contains(screen, want) {
			t.Errorf("last step lacks %q:\n%s", want, screen)
		}
	}
}

func TestPresenterKeysStepForwardAndBack(t *testing.T) {
	p := playerFor(t, "group", "dark")
	p.after = func(time.Duration, tea.Msg) tea.Cmd { return nil } // no pacing: keys only
	p.Update(windowSize(120, 40))
	settle(t, p, p.Init())
	press := func(name string) {
		k, err := common.KeyPress(name)
		if err != nil {
			t.Fatal(err)
		}
		_, cmd := p.Update(k)
		settle(t, p, cmd)
	}
	press("right") // finish step 1's typing
	press("right") // step 2
	if p.Step() != 2 {
		t.Fatalf("after → →: step %d, want 2", p.Step())
	}
	press("left")
	if p.Step() != 1 || len(p.pending) != 0 {
		t.Errorf("after ←: step %d (pending %d), want step 1 complete", p.Step(), len(p.pending))
	}
	press("ctrl+t")
	press("q") // typed into the app while the presenter has the keyboard
	if !p.takeover || !strings.Contains(ansi.Strip(p.Screen()), "YOU HAVE THE KEYBOARD") {
		t.Error("take-over is not shown")
	}
	press("ctrl+t")
	if p.takeover {
		t.Error("ctrl+t did not hand the keyboard back")
	}
}

func TestBadScriptsAreRefusedBeforeAnythingIsDrawn(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"name: x\nsteps:\n  - keys: [enter, ctrl+?!]\n", "bad.yaml:3:19: steps[0].keys[1]: unknown key"},
		{"name: x\nsteps:\n  - show: [kitchen]\n", "bad.yaml:3:12: steps[0].show[0]: unknown pane"},
		{"name: x\nsteps:\n  - network: 5g\n", "bad.yaml:3:14: steps[0].network"},
		{"name: x\nsteps:\n  - {}\n", "bad.yaml:3:5: steps[0]: a step must do something"},
		{"name: x\nsteps:\n  - typo: 1\n", "bad.yaml:3:5:"},
		{"name: x\nscenario: nowhere\nsteps:\n  - caption: hi\n", "bad.yaml:2:11: scenario"},
		{"name: x\nsteps:\n  - order: {kind: wiretap}\n", "steps[0].order.kind"},
		{"name: x\nsteps: []\n", "bad.yaml:2:8: steps: a script needs at least one step"},
	}
	for _, tt := range tests {
		_, err := scripts.Parse("bad.yaml", []byte(tt.yaml))
		var se *sim.ScenarioError
		if err == nil || !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want it to contain %q", tt.yaml, err, tt.want)
		}
	}
}

// The recording is asciicast v2: a JSON header, then [time, "o", data].
func TestRecordingIsAsciicastV2(t *testing.T) {
	p := playerFor(t, "switched", "dark")
	var cast bytes.Buffer
	if err := RunHeadless(p, HeadlessOptions{Width: 100, Height: 30, Cast: &cast}); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&cast)
	sc.Buffer(nil, 1<<22)
	if !sc.Scan() {
		t.Fatal("empty recording")
	}
	var header struct {
		Version, Width, Height int
	}
	if err := json.Unmarshal(sc.Bytes(), &header); err != nil || header.Version != 2 || header.Width != 100 || header.Height != 30 {
		t.Fatalf("header %s: %+v %v", sc.Bytes(), header, err)
	}
	events, last := 0, -1.0
	for sc.Scan() {
		var ev []any
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil || len(ev) != 3 {
			t.Fatalf("event %s: %v", sc.Bytes(), err)
		}
		at, ok := ev[0].(float64)
		if !ok || at < last || ev[1] != "o" {
			t.Fatalf("event %v out of order or not output", ev[:2])
		}
		if data, _ := ev[2].(string); !strings.Contains(data, "Chloe") && !strings.Contains(data, "14155550163") {
			t.Errorf("event at %.1fs does not draw the screen", at)
		}
		last = at
		events++
	}
	if events != p.Steps() {
		t.Errorf("%d events, want one per step (%d)", events, p.Steps())
	}
}

func TestKeyPressNames(t *testing.T) {
	for name, want := range map[string]string{"enter": "enter", "alt+o": "alt+o", "ctrl+n": "ctrl+n", "shift+tab": "shift+tab", "f12": "f12", "a": "a", "space": "space"} {
		k, err := common.KeyPress(name)
		if err != nil || k.String() != want {
			t.Errorf("common.KeyPress(%q) = %q, %v", name, k.String(), err)
		}
	}
	if _, err := common.KeyPress("hyper+x"); err == nil {
		t.Error("an unknown key name was accepted")
	}
}

// settle runs what live play hands to the runtime, feeding every message
// back to the player, until nothing is left — as the runtime would, one
// command at a time.
func settle(t *testing.T, p *Player, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 10000 {
			t.Fatal("live play never settles")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if inner, ok := common.CommandsIn(msg); ok {
			queue = append(queue, inner...)
			continue
		}
		if _, quit := msg.(tea.QuitMsg); msg == nil || quit {
			continue
		}
		_, next := p.Update(msg)
		queue = append(queue, next)
	}
}

// Live play — the app's commands handed to the runtime, the next message
// applied only when they are back — shows at every step the screen a
// headless run shows; a live rewind (in a command) does too.
func TestLivePlayMatchesHeadless(t *testing.T) {
	live := playerFor(t, "talk", "dark")
	live.after = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	headless := playerFor(t, "talk", "dark")
	for _, p := range []*Player{live, headless} {
		p.Update(windowSize(120, 40))
	}
	settle(t, live, live.Init())
	press := func(name string) {
		_, cmd := live.Update(tuiKey(t, name))
		settle(t, live, cmd)
	}
	for n := 1; n <= live.Steps(); n++ {
		if n > 1 {
			press("right")
		}
		if len(live.pending) > 0 {
			press("right") // finish the step's typing
		}
		headless.advanceTo(n)
		if live.Step() != n || live.Screen() != headless.Screen() {
			t.Fatalf("live step %d differs from headless step %d:\n%s\n---\n%s", live.Step(), n, ansi.Strip(live.Screen()), ansi.Strip(headless.Screen()))
		}
	}
	press("left")
	fresh := playerFor(t, "talk", "dark")
	fresh.Update(windowSize(120, 40))
	fresh.advanceTo(live.Steps() - 1)
	if live.Step() != live.Steps()-1 || live.Screen() != fresh.Screen() {
		t.Errorf("a live rewind to step %d differs from a fresh run:\n%s\n---\n%s", live.Steps()-1, ansi.Strip(live.Screen()), ansi.Strip(fresh.Screen()))
	}
}

func tuiKey(t *testing.T, name string) tea.KeyPressMsg {
	t.Helper()
	k, err := common.KeyPress(name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Digits then enter jump to that step; the status line shows the digits
// as they are typed, and a step the demo does not have is refused.
func TestGoToStep(t *testing.T) {
	p := playerFor(t, "talk", "none")
	p.Update(windowSize(120, 40))
	p.advanceTo(2)
	press := func(names ...string) {
		for _, n := range names {
			k, err := common.KeyPress(n)
			if err != nil {
				t.Fatal(err)
			}
			p.Update(k)
		}
	}
	press("1", "4")
	if s := ansi.Strip(p.Screen()); !strings.Contains(s, "go to step 14 ↵") || p.Step() != 2 {
		t.Fatalf("after typing 14 (step %d) the status lacks it:\n%s", p.Step(), s)
	}
	press("enter")
	if p.Step() != 14 {
		t.Fatalf("14 enter went to step %d", p.Step())
	}
	if s := ansi.Strip(p.Screen()); !strings.Contains(s, fmt.Sprintf("step 14 of %d", p.Steps())) || !strings.Contains(s, "Dev has only an email address") {
		t.Errorf("step 14's screen:\n%s", s)
	}
	press("9", "9", "enter")
	if p.Step() != 14 || !strings.Contains(ansi.Strip(p.Screen()), "there is no step 99") {
		t.Errorf("99 enter: step %d, screen\n%s", p.Step(), ansi.Strip(p.Screen()))
	}
	press("3", "esc", "enter") // esc forgets the digits; enter is then "next"
	if p.Step() != 15 {
		t.Errorf("3 esc enter: step %d, want 15 (next)", p.Step())
	}
}

// Every caption of every built-in script reads whole in the presenter's
// banner at every width from 60 to 200, and the bar keeps its height.
func TestBannerShowsEveryWord(t *testing.T) {
	for _, name := range scripts.BuiltinNames() {
		p := playerFor(t, name, "dark")
		for w := 60; w <= 200; w++ {
			p.width, p.height = w, 40
			for n, st := range p.script.Steps {
				p.step = n + 1
				bar := ansi.Strip(p.presenterBar())
				if got := len(strings.Split(bar, "\n")); got != p.barHeight() {
					t.Fatalf("%s step %d at %d: the bar has %d lines, want %d", name, n+1, w, got, p.barHeight())
				}
				banner := strings.Split(bar, "\n")
				got := strings.Fields(strings.Join(banner[1:len(banner)-1], " "))
				if want := strings.Fields(st.Caption); strings.Join(got, " ") != strings.Join(want, " ") {
					t.Fatalf("%s step %d at %d columns: the banner reads\n%q\nwant\n%q", name, n+1, w, got, want)
				}
			}
		}
	}
}
