// Package present plays a demo script over the app, step by step, live
// or headless, with a presenter bar under it. It drives the app only
// through messages: keys a person would press and the app's presenter
// messages.
package present

import (
	"fmt"
	"strconv"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// presenterBarHeight is the least the presenter's bar takes: the rule,
// two caption lines and the status line. The banner grows to hold the
// script's longest caption, padded above and below when the window allows.
const presenterBarHeight = 4

// typingPace is how fast a demo types: a brisk, human rhythm.
const typingPace = 90 * time.Millisecond

// defaultStepWait is how long auto mode stays on a step without a wait.
const defaultStepWait = 4 * time.Second

// PlayerKeys are the presenter's keys. Printable keys are theirs too: the
// audience's app only gets keys while the presenter has taken over.
type PlayerKeys struct {
	Next     key.Binding
	Back     key.Binding
	Restart  key.Binding
	Auto     key.Binding
	Faster   key.Binding
	Slower   key.Binding
	TakeOver key.Binding
	GoTo     key.Binding // digits, then enter
	Quit     key.Binding
}

// DefaultPlayerKeys is the presenter's key map.
func DefaultPlayerKeys() PlayerKeys {
	b := common.NewBinding
	return PlayerKeys{
		Next:     b([]string{"right", "space", "n", "enter", "pgdown"}, "→/space", "next step"),
		Back:     b([]string{"left", "p", "backspace", "pgup"}, "←", "previous step"),
		Restart:  b([]string{"r", "home"}, "r", "restart"),
		Auto:     b([]string{"a"}, "a", "auto on/off"),
		Faster:   b([]string{"+", "="}, "+/-", "speed"),
		Slower:   b([]string{"-"}, "-", "slower"),
		TakeOver: b([]string{"ctrl+t"}, "ctrl+t", "take over / hand back the keyboard"),
		GoTo:     b([]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "7 ↵", "go to step 7"),
		Quit:     b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// ShortHelp is the presenter's status line.
func (k PlayerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Back, k.GoTo, k.Restart, k.Auto, k.Faster, k.TakeOver, k.Quit}
}

// FullHelp lists every presenter key.
func (k PlayerKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// PlayerOptions configure a demo.
type PlayerOptions struct {
	App      app.Options                // the app's options (theme…)
	NewWorld func() (*sim.World, error) // a fresh world: rewinding replays from it
	Auto     bool                       // start in auto mode
	Speed    float64                    // auto mode speed (1 = as written)
	Notes    func(step, total int, s scripts.Step)
}

// Player runs a demo script over the app, step by step.
//
// Live (once the Bubble Tea runtime has called Init) it sends the app the
// step's messages and hands the app's commands to the runtime, applying
// the next message only when everything the last one started has come
// back — so a live step leaves the same screen as a headless one. Headless
// runs and rewinds play through a synchronous driver instead; a rewind
// replays a fresh world in a command, off the UI goroutine, and so do the
// speaker's notes.
type Player struct {
	script   *scripts.Script
	opts     PlayerOptions
	keys     PlayerKeys
	d        driver
	step     int     // steps begun (the current step is step; 0 = none)
	pending  []event // the current step's events not applied yet
	auto     bool
	speed    float64
	takeover bool
	width    int
	height   int
	err      error
	live     liveState
	bar      barCache
	goTo     string                               // digits typed for "go to step", until enter
	headless bool                                 // a handout: the bar leaves out the presenter's keys
	after    func(time.Duration, tea.Msg) tea.Cmd // schedules a tick (tea.Tick; tests stub it)
}

// NewPlayer prepares a demo of script.
func NewPlayer(script *scripts.Script, opts PlayerOptions) (*Player, error) {
	if opts.Speed <= 0 {
		opts.Speed = 1
	}
	p := &Player{script: script, opts: opts, keys: DefaultPlayerKeys(), auto: opts.Auto, speed: opts.Speed, after: tick}
	d, err := newDriver(opts, 0, 0)
	if err != nil {
		return nil, err
	}
	p.d = d
	return p, nil
}

// tick is a command that delivers msg after d.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

func (p *Player) appHeight() int { return max(p.height-p.barHeight(), 1) }

// captionLines is how many lines the longest caption of the script takes
// at the window's width: every step's banner has that height, so the app
// above it keeps one size through the demo.
func (p *Player) captionLines() int {
	n := 2
	for _, st := range p.script.Steps {
		n = max(n, len(common.WrapWords(sim.Printable(st.Caption), bannerWidth(p.width))))
	}
	return n
}

// bannerWidth is the caption's width inside the banner's side padding.
func bannerWidth(w int) int { return max(w-4, 10) }

// bannerPadding is whether the banner has a blank padded line above and
// below its caption: only when the app keeps its minimum height.
func (p *Player) bannerPadding() bool {
	return p.height-(2+p.captionLines()+2) >= app.MinHeight
}

// barHeight is the presenter's bar: the rule, the banner, the status line.
func (p *Player) barHeight() int {
	h := 2 + p.captionLines()
	if p.bannerPadding() {
		h += 2
	}
	return h
}

// Step is the current step number (1-based; 0 before the first).
func (p *Player) Step() int { return p.step }

// Steps is how many steps the script has.
func (p *Player) Steps() int { return len(p.script.Steps) }

// Init starts live play at the first step.
func (p *Player) Init() tea.Cmd {
	p.live.on = true
	return p.begin(1)
}

// Update handles presenter keys, pacing ticks, what the app's commands
// bring back, and — while the presenter has taken over — the app's own
// keys.
func (p *Player) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.width, p.height = msg.Width, msg.Height
		return p, p.send(tea.WindowSizeMsg{Width: msg.Width, Height: p.appHeight()})
	case doneMsg:
		return p, p.done(msg)
	case rewoundMsg:
		return p, p.rewound(msg)
	case playTickMsg:
		return p, p.tick(msg)
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.MouseMsg, tea.PasteMsg:
		if p.takeover {
			return p, p.send(msg)
		}
		return p, nil
	}
	return p, p.send(msg)
}

func (p *Player) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	if cmd, ok := p.goToKey(msg); ok {
		return cmd
	}
	if key.Matches(msg, k.TakeOver) {
		p.takeover = !p.takeover
		return p.send(app.FocusPhoneMsg{})
	}
	if p.takeover {
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
		return p.send(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Next):
		return p.next()
	case key.Matches(msg, k.Back):
		return p.back(p.step - 1)
	case key.Matches(msg, k.Restart):
		return p.back(1)
	case key.Matches(msg, k.Auto):
		p.auto = !p.auto
		p.live.gen++
		p.live.ticking = false
		return p.pump()
	case key.Matches(msg, k.Faster):
		p.speed = min(p.speed*1.5, 8)
	case key.Matches(msg, k.Slower):
		p.speed = max(p.speed/1.5, 0.25)
	}
	return nil
}

// goToKey reads "go to step N": digits collect, enter jumps, esc or
// backspace on the last digit forgets them.
func (p *Player) goToKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case p.takeover:
		return nil, false
	case key.Matches(msg, p.keys.GoTo):
		if len(p.goTo) < 3 {
			p.goTo += msg.String()
		}
		return nil, true
	case p.goTo == "":
		return nil, false
	case msg.String() == "enter":
		n, _ := strconv.Atoi(p.goTo)
		p.goTo = ""
		if n < 1 || n > len(p.script.Steps) {
			p.err = fmt.Errorf("there is no step %d: this demo has %d", n, len(p.script.Steps))
			return nil, true
		}
		p.err = nil
		return p.back(n), true
	case msg.String() == "backspace":
		p.goTo = p.goTo[:len(p.goTo)-1]
		return nil, true
	}
	p.goTo = ""
	return nil, msg.String() == "esc"
}

// notes tells the speaker's notes about step n, off the UI goroutine
// (the notes go to a file).
func (p *Player) notes(n int) tea.Cmd {
	notes := p.opts.Notes
	if notes == nil || n < 1 {
		return nil
	}
	total, st := len(p.script.Steps), p.script.Steps[n-1]
	return func() tea.Msg {
		notes(n, total, st)
		return nil
	}
}
