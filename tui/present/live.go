package present

import (
	"time"

	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
)

// liveState is how live play is going.
type liveState struct {
	on       bool // the runtime drives the player (Init was called)
	epoch    int  // the app's generation: a rewind starts a new one, and old results are dropped
	gen      int  // ticks from before a step change or a rewind carry an old gen and are dropped
	inflight int  // commands handed to the runtime whose messages have not come back
	ticking  bool // a tick is scheduled
	due      bool // the tick for the next typed key has come
	hurry    bool // the presenter asked to finish the step: no more pacing
	advance  bool // then go on to the next step
}

// playTickMsg paces typing and auto mode.
type playTickMsg struct {
	gen  int
	auto bool
}

// doneMsg is what an app command handed to the runtime brought back.
type doneMsg struct {
	epoch int
	msg   tea.Msg
}

// rewoundMsg carries a fresh world replayed up to step.
type rewoundMsg struct {
	epoch, step, width, height int
	d                          driver
	err                        error
}

// send gives the app one message: live, its commands go to the runtime
// (wrapped, so the player knows when they are done); otherwise they run
// at once through the synchronous driver.
func (p *Player) send(msg tea.Msg) tea.Cmd {
	if !p.live.on {
		p.d.send(msg)
		return nil
	}
	return p.wrap(p.d.update(msg))
}

// wrap hands cmd to the runtime, counting it until its message is back.
func (p *Player) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	p.live.inflight++
	epoch := p.live.epoch
	return func() tea.Msg { return doneMsg{epoch: epoch, msg: cmd()} }
}

// done takes in what an app command brought back and, once nothing is in
// flight, carries on with the step.
func (p *Player) done(msg doneMsg) tea.Cmd {
	if msg.epoch != p.live.epoch {
		return nil // from the world before a rewind
	}
	p.live.inflight--
	var cmds []tea.Cmd
	if inner, ok := common.CommandsIn(msg.msg); ok {
		for _, c := range inner {
			cmds = append(cmds, p.wrap(c))
		}
	} else if _, quit := msg.msg.(tea.QuitMsg); !quit && msg.msg != nil {
		cmds = append(cmds, p.send(msg.msg))
	}
	if p.live.inflight == 0 {
		cmds = append(cmds, p.pump())
	}
	return tea.Batch(cmds...)
}

// begin starts step n.
func (p *Player) begin(n int) tea.Cmd {
	p.step = n
	p.pending = events(p.script.Steps[n-1])
	p.live.hurry, p.live.advance, p.live.due = false, false, false
	return tea.Batch(p.notes(n), p.pump())
}

// pump applies the current step's messages while nothing is in flight:
// all of them up to the next typed key, which waits for its tick (or not
// at all when the presenter hurries). When the step is done it schedules
// auto mode's next step.
func (p *Player) pump() tea.Cmd {
	if !p.live.on {
		return nil
	}
	l := &p.live
	var cmds []tea.Cmd
	for l.inflight == 0 && len(p.pending) > 0 && (!p.pending[0].typing || l.hurry || l.due) {
		ev := p.pending[0]
		p.pending = p.pending[1:]
		if ev.typing {
			l.due = false
		}
		cmds = append(cmds, p.send(ev.msg))
	}
	switch {
	case l.inflight > 0:
		// carries on when the app's commands are back
	case len(p.pending) > 0:
		cmds = append(cmds, p.schedule(time.Duration(float64(typingPace)/p.speed), false))
	case l.advance && p.step < len(p.script.Steps):
		cmds = append(cmds, p.begin(p.step+1))
	case p.auto && p.step < len(p.script.Steps):
		wait := p.script.Steps[p.step-1].Wait
		if wait == 0 {
			wait = defaultStepWait
		}
		cmds = append(cmds, p.schedule(time.Duration(float64(wait)/p.speed), true))
	}
	return tea.Batch(cmds...)
}

// schedule asks for one tick at a time.
func (p *Player) schedule(d time.Duration, auto bool) tea.Cmd {
	if p.live.ticking {
		return nil
	}
	p.live.ticking = true
	return p.after(d, playTickMsg{gen: p.live.gen, auto: auto})
}

func (p *Player) tick(msg playTickMsg) tea.Cmd {
	if msg.gen != p.live.gen {
		return nil
	}
	p.live.ticking = false
	if msg.auto {
		return p.next()
	}
	p.live.due = true
	return p.pump()
}

// next finishes the current step, or starts the next one.
func (p *Player) next() tea.Cmd {
	l := &p.live
	l.gen++
	l.ticking = false
	if !l.on {
		p.nextSync()
		return nil
	}
	switch {
	case len(p.pending) > 0:
		l.advance = l.advance || l.hurry // a second → while finishing goes on to the next step
		l.hurry = true
		return p.pump()
	case l.inflight > 0:
		l.advance = true
		return nil
	case p.step >= len(p.script.Steps):
		p.auto = false
		return nil
	}
	return p.begin(p.step + 1)
}

// back rewinds to step n (at least 1) by replaying a fresh world, in a
// command: the old screen stays until the replay is ready.
func (p *Player) back(n int) tea.Cmd {
	n = max(n, 1)
	if !p.live.on {
		if err := p.rewindTo(n); err != nil {
			p.err = err
		}
		return nil
	}
	l := &p.live
	l.epoch++
	l.gen++
	l.inflight, l.ticking, l.hurry, l.advance, l.due = 0, false, false, false, false
	p.step, p.pending = n, nil
	opts, script, epoch, w, h := p.opts, p.script, l.epoch, p.width, p.appHeight()
	return func() tea.Msg {
		d, err := replay(opts, script, n, w, h)
		return rewoundMsg{epoch: epoch, step: n, width: w, height: h, d: d, err: err}
	}
}

// rewound shows the replayed world, unless a newer rewind was asked for.
func (p *Player) rewound(msg rewoundMsg) tea.Cmd {
	if msg.epoch != p.live.epoch {
		return nil
	}
	if msg.err != nil {
		p.err = msg.err
		return nil
	}
	p.d, p.step, p.pending, p.takeover = msg.d, msg.step, nil, false
	cmds := []tea.Cmd{p.notes(msg.step)}
	if msg.width != p.width || msg.height != p.appHeight() {
		cmds = append(cmds, p.send(tea.WindowSizeMsg{Width: p.width, Height: p.appHeight()}))
	}
	return tea.Batch(append(cmds, p.pump())...)
}
