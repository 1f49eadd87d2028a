package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/lessons"
	"bluegreen/tui/logpane"
	"bluegreen/tui/overlay"
	"bluegreen/tui/phonepane"
	"bluegreen/tui/wirepane"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Student is a student's screen in a class over SSH: their phone, the
// wire, and "what Apple logged from you" — composed from the same panes
// as the app, with a key map of its own. A student has no clock, no court
// orders and no design keys: the class's Apple, its clock and its design
// are the instructor's. Like Model it is one pointer wide.
type Student struct{ *student }

type student struct {
	com     *common.Common
	engine  *engine
	keys    StudentKeys
	help    help.Model
	phone   phonepane.Model
	wire    wirepane.Model
	log     logpane.Model
	focus   Pane
	caption caption
	android bool          // the class made this phone an Android: not on iMessage, never asks Apple
	helpOn  bool          // the full help is open
	card    overlay.Model // a lesson card, when open
	frames  frameGate
	darkBG  bool
	auto    bool
	// right is the wire and the log as last drawn: a key the phone takes
	// changes neither, so typing redraws only the phone.
	right cachedLine
	asked atomic.Int64 // the wire's Asked, readable from any goroutine
	cap   cachedLine   // the caption block, for its width, theme and words
	bar   cachedLine   // the key bar, for its width and theme
}

// StudentOptions configure a student's screen.
type StudentOptions struct {
	Theme        string        // as Options.Theme
	NetworkDelay time.Duration // as Options.NetworkDelay
	Frame        time.Duration // as Options.Frame
	Android      bool          // the phone starts as an Android phone
}

// StudentKeys are the student's keys: the phone's own settings and
// moving around, nothing that changes the class.
type StudentKeys struct {
	Help, Quit, Lesson, NextPane, PrevPane, NewMessage, ToggleIMsg, ToggleSMS, CycleNetwork, ClearCache, TryAgain, SendAsText, SwitchTheme, CloseHelp key.Binding
	phone                                                                                                                                             phonepane.KeyMap
	scroll                                                                                                                                            common.ScrollKeys
}

// NewStudentKeys takes the student's bindings from the app's key map.
func NewStudentKeys(k common.KeyMap) StudentKeys {
	return StudentKeys{
		Help: k.Help, Quit: k.Quit, Lesson: k.Lesson, NextPane: k.NextPane, PrevPane: k.PrevPane, NewMessage: k.NewMessage,
		ToggleIMsg: k.ToggleIMsg, ToggleSMS: k.ToggleSMS, CycleNetwork: k.CycleNetwork, ClearCache: k.ClearCache,
		TryAgain: k.TryAgain, SendAsText: k.SendAsText, SwitchTheme: k.SwitchTheme, CloseHelp: k.Cancel,
		phone: phonepane.NewKeyMap(k), scroll: common.NewScrollKeys(k),
	}
}

// ShortHelp is the student's key bar.
func (k StudentKeys) ShortHelp() []key.Binding {
	return []key.Binding{brief(k.Help, "help"), brief(k.Quit, "quit"), brief(k.NextPane, "pane"), brief(k.Lesson, "lesson"),
		brief(k.NewMessage, "new"), brief(k.ToggleIMsg, "iMessage"), brief(k.CycleNetwork, "network")}
}

// FullHelp is the student's help screen.
func (k StudentKeys) FullHelp() [][]key.Binding {
	p := k.phone
	return [][]key.Binding{
		{p.Confirm, p.Send, p.RemoveLastRcp, k.NewMessage, p.Cancel, k.TryAgain, k.SendAsText},
		{k.ToggleIMsg, k.ToggleSMS, k.CycleNetwork, k.ClearCache},
		append([]key.Binding{k.NextPane, k.PrevPane}, k.scroll.ShortHelp()...),
		{k.Lesson, k.SwitchTheme, k.Help, k.Quit},
	}
}

// brief is b for the key bar: its first key name and a shorter description.
func brief(b key.Binding, desc string) key.Binding {
	name, _, _ := strings.Cut(b.Help().Key, "/")
	if name == "" {
		name = b.Help().Key // the key is "/" itself
	}
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(name, desc))
}

// NewStudent builds a student's screen around their phone's world, which
// then belongs to the screen.
func NewStudent(w *sim.World, opts StudentOptions) (Student, error) {
	auto := opts.Theme == "" || opts.Theme == "auto"
	theme, err := common.ThemeByName(opts.Theme, true)
	if err != nil {
		return Student{}, err
	}
	com := &common.Common{Keys: common.DefaultKeyMap(), Snap: common.TakeSnapshot(w), Styles: common.NewStyles(theme)}
	m := Student{&student{
		com: com, engine: newEngine(w, Options{NetworkDelay: opts.NetworkDelay}), keys: NewStudentKeys(com.Keys), help: help.New(),
		wire: wirepane.New(com), log: logpane.New(com, w.Server.Log(), w.Server.Retention()),
		frames: frameGate{every: opts.Frame}, darkBG: true, auto: auto, android: opts.Android,
	}}
	m.log.SetTitle("What Apple logged from you")
	m.phone = phonepane.New(com)
	m.setTheme(theme)
	m.caption = welcomeCaption(com.Snap)
	if d := com.Snap.Design; d != sim.DesignApple {
		m.caption = classDesignCaption(d)
	}
	if m.android {
		m.caption = androidCaption(true)
	}
	return m, nil
}

// Init starts the world and asks the terminal for its background colour.
func (m Student) Init() tea.Cmd {
	cmds := []tea.Cmd{m.engine.run(opStart())}
	if m.android {
		cmds = append(cmds, m.engine.run(opAndroid(true)))
	}
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

// Resume is Init for a screen that comes back on a new session: what its
// world did while no one watched (a lookup queued as the student left)
// reaches the screen, and the log is read afresh.
func (m Student) Resume() tea.Cmd {
	return tea.Batch(m.engine.resume(), m.log.Fetch())
}

// PlatformMsg tells a student's screen that the instructor made the
// phone an Android phone (or an iPhone again).
type PlatformMsg struct{ Android bool }

// DesignMsg tells a student's screen that the instructor switched the
// class's Apple to another design: the phone's world already runs it.
type DesignMsg struct{ Design sim.Design }

// classDesignCaption names the design the class's Apple now runs, as a
// comparison unless it is Apple's.
func classDesignCaption(d sim.Design) caption {
	if d == sim.DesignApple {
		return caption{Text: "Your instructor switched the class's Apple back to design apple — " + d.Summary() + ". Rows already logged keep the design they were written under.", Source: sim.SrcIntercept}
	}
	return caption{Text: fmt.Sprintf("Your instructor switched the class's Apple to design %s — %s. The wire shows what your phone now sends; rows already logged keep their design.", d, d.Summary()), Source: sim.SrcAssumption}
}

// Android reports whether the phone is an Android phone.
func (m Student) Android() bool { return m.android }

// Asked is how many handles this phone has asked Apple about, as its
// wire shows them: each is one row in Apple's log. Safe to call from any
// goroutine (a classroom counting its phones' lookups).
func (m Student) Asked() int { return int(m.asked.Load()) }

func (m *Student) setTheme(t common.Theme) {
	s := common.NewStyles(t)
	m.com.Styles = s
	m.help.Styles = help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.Faint,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.Faint, Ellipsis: s.Faint,
	}
	m.phone.SetStyles()
	m.wire.SetStyles()
}

// act runs an action on the student's world.
func (m *Student) act(op worldOp) tea.Cmd {
	m.log.MarkLanded()
	return m.engine.run(op)
}

// opAndroid makes the phone an Android phone (iMessage off: it never asks
// Apple) or an iPhone again (iMessage on).
func opAndroid(android bool) worldOp {
	return func(_ context.Context, w *sim.World, _ time.Duration) tea.Msg {
		w.Phone.Settings.IMessage = !android
		return stateMsg{Snap: common.TakeSnapshot(w), What: changedPlatform}
	}
}

// opReread reads the world again after the class changed it (its design).
func opReread() worldOp {
	return func(_ context.Context, w *sim.World, _ time.Duration) tea.Msg {
		return stateMsg{Snap: common.TakeSnapshot(w), What: changedPlatform}
	}
}

func androidCaption(android bool) caption {
	if android {
		return caption{Text: "Your phone is an Android phone: it is not on iMessage, so it never asks Apple whether a number is — your typing leaves no row in Apple's log. Classmates who look you up still ask Apple, and see green.", Source: sim.SrcAssumption}
	}
	return caption{Text: "Your phone is an iPhone again: iMessage is on, and every new number you type is a question to Apple that it logs.", Source: sim.SrcIntercept}
}

// showCard opens lesson card t (the class's own card first); ← → in it
// move through every card.
func (m *Student) showCard(t lessons.Topic) tea.Cmd {
	m.card = overlay.OpenLesson(m.com, t, t.Title()+" — ← → other cards", []string{m.com.Styles.Faint.Render("…")})
	m.layOut()
	return overlay.RenderLessonCmd(t, m.cardWidth(), m.com.Styles)
}

func (m Student) cardWidth() int { return max(m.com.Width-4, 20) }

// cardArrived shows a rendered card if it is still the one open.
func (m *Student) cardArrived(msg overlay.LessonMsg) {
	if m.card.Kind() != overlay.Lesson || m.card.Topic() != msg.Topic || msg.Width != m.cardWidth() {
		return
	}
	if msg.Err != nil {
		m.card.SetLines([]string{m.com.Styles.Warning.Render("cannot show this card: " + msg.Err.Error())})
		return
	}
	m.card.SetLines(overlay.LessonLines(msg.Text))
}
