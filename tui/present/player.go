// Package present plays a demo script over the app, step by step, live
// or headless, with a presenter bar under it. It drives the app only
// through messages: keys a person would press and the app's presenter
// messages.
package present

import (
	"fmt"
	"strings"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// presenterBarHeight is the rule, two caption lines and the status line.
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
		Quit:     b([]string{"q", "ctrl+c"}, "q", "quit"),
	}
}

// ShortHelp is the presenter's status line.
func (k PlayerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Back, k.Restart, k.Auto, k.Faster, k.TakeOver, k.Quit}
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

// Player runs a demo script over the app, step by step. Steps are applied
// through a synchronous driver, so a step — and a rewind that replays the
// steps before it in a fresh world — gives the same screen every time.
type Player struct {
	script   *scripts.Script
	opts     PlayerOptions
	keys     PlayerKeys
	d        driver
	step     int     // steps begun (the current step is step; 0 = none)
	pending  []event // the current step's events not applied yet
	gen      int     // ticks from before a rewind carry an old gen and are dropped
	auto     bool
	speed    float64
	takeover bool
	width    int
	height   int
	err      error
}

// playTickMsg paces typing and auto mode.
type playTickMsg struct {
	gen  int
	auto bool
}

// NewPlayer prepares a demo of script.
func NewPlayer(script *scripts.Script, opts PlayerOptions) (*Player, error) {
	if opts.Speed <= 0 {
		opts.Speed = 1
	}
	p := &Player{script: script, opts: opts, keys: DefaultPlayerKeys(), auto: opts.Auto, speed: opts.Speed}
	if err := p.reset(); err != nil {
		return nil, err
	}
	return p, nil
}

// reset starts over in a fresh world at step 0.
func (p *Player) reset() error {
	w, err := p.opts.NewWorld()
	if err != nil {
		return err
	}
	opts := p.opts.App
	opts.NetworkDelay = 0 // a driven step must not wait on the network
	m, err := app.New(w, opts)
	if err != nil {
		return err
	}
	p.d = driver{app: m}
	p.d.run(m.Init())
	if p.width > 0 {
		p.d.send(tea.WindowSizeMsg{Width: p.width, Height: p.appHeight()})
	}
	p.step, p.pending, p.takeover = 0, nil, false
	p.gen++
	return nil
}

func (p *Player) appHeight() int { return max(p.height-presenterBarHeight, 1) }

// Step is the current step number (1-based; 0 before the first).
func (p *Player) Step() int { return p.step }

// Steps is how many steps the script has.
func (p *Player) Steps() int { return len(p.script.Steps) }

// begin starts step n: its events are queued, and everything up to the
// first typed key is applied at once.
func (p *Player) begin(n int) {
	p.step = n
	st := p.script.Steps[n-1]
	p.pending = events(st)
	if p.opts.Notes != nil {
		p.opts.Notes(n, len(p.script.Steps), st)
	}
}

// finish applies what is left of the current step.
func (p *Player) finish() {
	for _, e := range p.pending {
		p.d.send(e.msg)
	}
	p.pending = nil
}

// advanceTo plays every step up to n at once (headless runs and rewinds).
func (p *Player) advanceTo(n int) {
	for p.step < n {
		p.finish()
		p.begin(p.step + 1)
	}
	p.finish()
}

// rewindTo replays the script from a fresh world up to step n.
func (p *Player) rewindTo(n int) error {
	notes := p.opts.Notes
	p.opts.Notes = nil // replayed steps are not new to the speaker
	defer func() { p.opts.Notes = notes }()
	if err := p.reset(); err != nil {
		return err
	}
	p.advanceTo(n)
	if notes != nil && n > 0 {
		notes(n, len(p.script.Steps), p.script.Steps[n-1])
	}
	return nil
}

// Init starts the first step.
func (p *Player) Init() tea.Cmd {
	p.begin(1)
	return p.pump()
}

// pump applies the current step's events up to the next typed key and
// schedules that key (or, in auto mode, the next step).
func (p *Player) pump() tea.Cmd {
	for len(p.pending) > 0 && !p.pending[0].typing {
		p.d.send(p.pending[0].msg)
		p.pending = p.pending[1:]
	}
	gen := p.gen
	if len(p.pending) > 0 {
		return tea.Tick(time.Duration(float64(typingPace)/p.speed), func(time.Time) tea.Msg { return playTickMsg{gen: gen} })
	}
	if p.auto && p.step < len(p.script.Steps) {
		wait := p.script.Steps[p.step-1].Wait
		if wait == 0 {
			wait = defaultStepWait
		}
		return tea.Tick(time.Duration(float64(wait)/p.speed), func(time.Time) tea.Msg { return playTickMsg{gen: gen, auto: true} })
	}
	return nil
}

// Update handles presenter keys, pacing ticks, and — while the presenter
// has taken over — the app's own keys.
func (p *Player) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.width, p.height = msg.Width, msg.Height
		p.d.send(tea.WindowSizeMsg{Width: msg.Width, Height: p.appHeight()})
		return p, nil
	case playTickMsg:
		return p, p.tick(msg)
	case tea.KeyPressMsg:
		return p, p.key(msg)
	case tea.MouseMsg, tea.PasteMsg:
		if p.takeover {
			p.d.send(msg)
		}
		return p, nil
	}
	p.d.send(msg)
	return p, nil
}

func (p *Player) tick(msg playTickMsg) tea.Cmd {
	if msg.gen != p.gen {
		return nil
	}
	if msg.auto {
		return p.next()
	}
	if len(p.pending) > 0 {
		p.d.send(p.pending[0].msg)
		p.pending = p.pending[1:]
	}
	return p.pump()
}

func (p *Player) key(msg tea.KeyPressMsg) tea.Cmd {
	k := p.keys
	if key.Matches(msg, k.TakeOver) {
		p.takeover = !p.takeover
		p.d.send(app.FocusPhoneMsg{})
		return nil
	}
	if p.takeover {
		if msg.String() == "ctrl+c" {
			return tea.Quit
		}
		p.d.send(msg)
		return nil
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
		p.gen++
		return p.pump()
	case key.Matches(msg, k.Faster):
		p.speed = min(p.speed*1.5, 8)
	case key.Matches(msg, k.Slower):
		p.speed = max(p.speed/1.5, 0.25)
	}
	return nil
}

// next finishes the current step, or starts the next one.
func (p *Player) next() tea.Cmd {
	p.gen++
	if len(p.pending) > 0 {
		p.finish()
		return p.pump()
	}
	if p.step >= len(p.script.Steps) {
		p.auto = false
		return nil
	}
	p.begin(p.step + 1)
	return p.pump()
}

// back rewinds to step n (at least 1) by replaying from the start.
func (p *Player) back(n int) tea.Cmd {
	if err := p.rewindTo(max(n, 1)); err != nil {
		p.err = err
	}
	return p.pump()
}

// View draws the app above the presenter bar.
func (p *Player) View() tea.View {
	v := tea.NewView(p.Screen())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bluegreen — " + p.script.Title
	return v
}

// Screen is the whole screen as a string, exactly width × height.
func (p *Player) Screen() string {
	if p.width == 0 {
		return ""
	}
	return p.d.app.View().Content + "\n" + p.bar()
}

// bar is the presenter's caption: large, high-contrast, step n of m.
func (p *Player) bar() string {
	s := p.d.app.Styles()
	w := p.width
	caption := ""
	if p.step > 0 {
		caption = p.script.Steps[p.step-1].Caption
	}
	if p.err != nil {
		caption = "! " + sim.Printable(p.err.Error())
	}
	lines := common.FitLines(common.Wrap(sim.Printable(caption), w-2), w-2, 2)
	big := lipgloss.NewStyle().Bold(true)
	if s.Theme.Name != "none" {
		big = big.Foreground(lipgloss.BrightWhite).Background(lipgloss.Color("#1F3A5F"))
	}
	mode := "step mode"
	switch {
	case p.takeover:
		mode = "YOU HAVE THE KEYBOARD (ctrl+t hands back)"
	case p.auto:
		mode = fmt.Sprintf("auto ×%.1f", p.speed)
	}
	status := fmt.Sprintf("▶ %s — step %d of %d · %s · ", sim.Printable(p.script.Title), p.step, len(p.script.Steps), mode)
	var help []string
	for _, b := range p.keys.ShortHelp() {
		help = append(help, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join([]string{
		s.Faint.Render(strings.Repeat("━", w)),
		big.Render(" " + lines[0] + " "),
		big.Render(" " + lines[1] + " "),
		common.Fit(s.Accent.Render(status)+s.Faint.Render(strings.Join(help, " · ")), w),
	}, "\n")
}
