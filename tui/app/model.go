// Package app is bluegreen's screen: a thin shell that composes the phone,
// wire, log and return panes and the overlays, dispatches the global keys
// from one table (bindings.go), keeps focus and a pure layout (layout.go),
// and bridges to the world through the engine (engine.go), which does all
// of the world's work off the UI goroutine.
package app

import (
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/logpane"
	"bluegreen/tui/orderform"
	"bluegreen/tui/overlay"
	"bluegreen/tui/palette"
	"bluegreen/tui/phonepane"
	"bluegreen/tui/returnpane"
	"bluegreen/tui/wirepane"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Options configure the app.
type Options struct {
	Theme        string        // a name from common.ThemeNames; "" or "auto" follows the terminal
	NetworkDelay time.Duration // how long a query is "in flight"; 0 in tests
	HumanPace    time.Duration // simulated time each typed lookup, confirm or send takes; 0 in tests
	ExportDir    string        // where exported returns are written; "" = the working directory
	Checklist    bool          // show the first run's checklist of discoveries (alt+j hides it)
	// RememberChecklist keeps whether the checklist is hidden for the next
	// run (nil: not kept). It is called in a command, never in Update.
	RememberChecklist func(hidden bool) error
	Frame             time.Duration // draw at most once per Frame while keys pour in (DefaultFrame); 0 = after every message
}

// DefaultNetworkDelay makes a lookup visibly pending without slowing a demo.
const DefaultNetworkDelay = 350 * time.Millisecond

// DefaultHumanPace spaces a person's actions in simulated time, so the log
// shows them seconds apart as a real one would.
const DefaultHumanPace = 20 * time.Second

// Model is the whole app: the panes, the overlays, the caption and the
// key bar. The components own their state; the shell only composes them.
//
// Model is one pointer wide: Bubble Tea passes the model by value through
// every Update and View and boxes it in an interface, and the parts hold
// some 80 KB of state — copied three times per key, a 20 KB paste once
// cost seconds of allocation. The state lives in model, shared by every
// copy of the handle; only the latest copy is ever used.
type Model struct{ *model }

// model is the app's state (see Model).
type model struct {
	com     *common.Common // styles, keys, window size and the world's snapshot, shared with every part
	engine  *engine        // the world, behind commands
	look    look           // the theme choice and the key bar
	scr     arrangement    // layout and focus
	phone   phonepane.Model
	wire    wirepane.Model
	log     logpane.Model
	ret     returnpane.Model
	overlay overlay.Model
	modal   modals      // the palette and the order form: while open, they take every key
	below   below       // what the screen says under the panes
	designs designState // the comparison designs: the session's lookups, compare, reverse
}

// modals are the parts that take every key while open: the command
// palette (ctrl+k) and the court-order form (shown in the overlay).
type modals struct {
	palette palette.Model
	form    orderform.Model
}

// look is how the screen is drawn: whether the theme follows the terminal,
// and the key bar drawn once per width and theme.
type look struct {
	auto   bool // the theme follows the terminal's background
	darkBG bool
	help   help.Model
	bar    cachedLine
	frames frameGate // coalesces drawing while keys pour in
}

// arrangement is what is where: the layout computed from the window, the
// pane in focus, a demo step's panes, and whether the log pane shows the
// return.
type arrangement struct {
	layout  Layout
	focus   Pane
	present []Pane // a demo step's panes; empty = the normal layout
	showRet bool   // the log pane shows the return instead of Apple's log
	// logNeeds is the widest the log's rows have needed during this demo
	// step, in columns: the presenter stacks panes rather than squeeze it.
	logNeeds int
}

// New builds the app around a world. The world then belongs to the app.
func New(w *sim.World, opts Options) (Model, error) {
	auto := opts.Theme == "" || opts.Theme == "auto"
	theme, err := common.ThemeByName(opts.Theme, true)
	if err != nil {
		return Model{}, err
	}
	com := &common.Common{Keys: common.DefaultKeyMap(), Snap: common.TakeSnapshot(w)}
	m := Model{&model{
		com:    com,
		engine: newEngine(w, opts),
		look:   look{auto: auto, darkBG: true, help: help.New(), frames: frameGate{every: opts.Frame}},
		log:    logpane.New(com, w.Server.Log(), w.Server.Retention()),
		wire:   wirepane.New(com),
		ret:    returnpane.New(com),
		below:  below{guide: checklist{hidden: !opts.Checklist, remember: opts.RememberChecklist}},
	}}
	m.setTheme(theme)
	m.ret.SetNow(com.Snap.Now)
	m.phone = phonepane.New(com)
	m.below.caption = welcomeCaption(com.Snap)
	return m, nil
}

// Init starts the world and asks the terminal for its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.engine.run(opStart())}
	if m.look.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Styles are the styles of the current theme (the presenter draws its bar
// with them).
func (m Model) Styles() common.Styles { return m.com.Styles }

func (m *Model) setTheme(t common.Theme) {
	s := common.NewStyles(t)
	s.Open = len(m.scr.present) > 0
	m.com.Styles = s
	m.look.help.Styles = help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.Faint,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.Faint, Ellipsis: s.Faint,
	}
	m.phone.SetStyles()
	m.wire.SetStyles()
	m.ret.SetStyles()
	m.modal.form.SetStyles()
	m.cacheHelpBar()
}

// setSnap takes in the world as a message reported it.
func (m *Model) setSnap(s common.Snapshot) {
	m.com.Snap = s
	m.log.SetRetention(s.Retention)
	m.ret.SetNow(s.Now)
}
