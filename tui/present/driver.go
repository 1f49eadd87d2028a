package present

import (
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/scripts"

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
func (d *driver) send(msg tea.Msg) { d.run(d.update(msg)) }

// update passes msg to Update and returns its command, not run.
func (d *driver) update(msg tea.Msg) tea.Cmd {
	next, cmd := d.app.Update(msg)
	d.app = next.(app.Model)
	return cmd
}

func (d *driver) run(cmds ...tea.Cmd) { common.RunCommands(d.update, cmds...) }

// windowSize is the message a terminal of w × h columns and rows sends.
func windowSize(w, h int) tea.Msg { return tea.WindowSizeMsg{Width: w, Height: h} }

// newDriver is the app on a fresh world, started and sized to w × h (no
// size yet when w is 0).
func newDriver(opts PlayerOptions, w, h int) (driver, error) {
	world, err := opts.NewWorld()
	if err != nil {
		return driver{}, err
	}
	o := opts.App
	o.NetworkDelay = 0 // a driven step must not wait on the network
	m, err := app.New(world, o)
	if err != nil {
		return driver{}, err
	}
	d := driver{app: m}
	d.run(m.Init())
	if w > 0 {
		d.send(tea.WindowSizeMsg{Width: w, Height: h})
	}
	return d, nil
}

// play sends every message of a step and runs all that follows.
func (d *driver) play(st scripts.Step) {
	for _, e := range events(st) {
		d.send(e.msg)
	}
}

// replay is a fresh world with steps 1 to n played, at w × h.
func replay(opts PlayerOptions, script *scripts.Script, n, w, h int) (driver, error) {
	d, err := newDriver(opts, w, h)
	if err != nil {
		return driver{}, err
	}
	for _, st := range script.Steps[:n] {
		d.play(st)
	}
	return d, nil
}

// advanceTo plays every step up to n at once (headless runs).
func (p *Player) advanceTo(n int) {
	for p.step < n {
		p.finishSync()
		p.step++
		p.pending = events(p.script.Steps[p.step-1])
		if p.opts.Notes != nil {
			p.opts.Notes(p.step, len(p.script.Steps), p.script.Steps[p.step-1])
		}
	}
	p.finishSync()
}

// finishSync applies what is left of the current step.
func (p *Player) finishSync() {
	for _, e := range p.pending {
		p.d.send(e.msg)
	}
	p.pending = nil
}

// nextSync is the next-step key without the runtime: finish the step, or
// start the next one up to its first typed key.
func (p *Player) nextSync() {
	if len(p.pending) > 0 {
		p.finishSync()
		return
	}
	if p.step >= len(p.script.Steps) {
		return
	}
	p.step++
	p.pending = events(p.script.Steps[p.step-1])
	for len(p.pending) > 0 && !p.pending[0].typing {
		p.d.send(p.pending[0].msg)
		p.pending = p.pending[1:]
	}
}

// rewindTo replays the script from a fresh world up to step n, here and
// now (headless runs and tests; live play rewinds in a command).
func (p *Player) rewindTo(n int) error {
	d, err := replay(p.opts, p.script, n, p.width, p.appHeight())
	if err != nil {
		return err
	}
	p.d, p.step, p.pending, p.takeover = d, n, nil, false
	if p.opts.Notes != nil && n > 0 {
		p.opts.Notes(n, len(p.script.Steps), p.script.Steps[n-1])
	}
	return nil
}
