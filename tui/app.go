package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"bluegreen/sim"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Options configure the app.
type Options struct {
	Theme        string        // a name from ThemeNames; "" or "auto" follows the terminal
	NetworkDelay time.Duration // how long a query is "in flight"; 0 in tests
	HumanPace    time.Duration // simulated time each typed lookup, confirm or send takes; 0 in tests
	ExportDir    string        // where exported returns are written; "" = the working directory
}

// DefaultNetworkDelay makes a lookup visibly pending without slowing a demo.
const DefaultNetworkDelay = 350 * time.Millisecond

// DefaultHumanPace spaces a person's actions in simulated time, so the log
// shows them seconds apart as a real one would.
const DefaultHumanPace = 20 * time.Second

// Model is the whole app: the three panes, the caption and the help.
type Model struct {
	engine   *engine
	keys     KeyMap
	help     help.Model
	theme    Theme
	auto     bool // the theme follows the terminal's background
	darkBG   bool
	styles   Styles
	width    int
	height   int
	layout   Layout
	focus    Pane
	phone    phonePane
	wire     wirePane
	log      logPane
	snap     snapshot
	caption  caption
	overlay  overlay
	helpLine cachedLine // the help bar, drawn once per width and theme
	form     orderForm
	court    *courtCase // nil until an order is served
	ret      returnPane
	showRet  bool // the log pane shows the return instead of Apple's log
	store    sim.LogStore
	heldFrom time.Time // the log holds nothing before this (the world's start)
	present  []Pane    // a demo step's panes; empty = the normal layout
	export   string
}

// New builds the app around a world. The world then belongs to the app.
func New(w *sim.World, opts Options) (Model, error) {
	auto := opts.Theme == "" || opts.Theme == "auto"
	theme, err := ThemeByName(opts.Theme, true)
	if err != nil {
		return Model{}, err
	}
	m := Model{
		engine: newEngine(w, opts.NetworkDelay, opts.HumanPace),
		keys:   DefaultKeyMap(),
		help:   help.New(),
		auto:   auto,
		darkBG: true,
		log:    newLogPane(w.Server.Log(), w.Server.Retention()),
		snap:   takeSnapshot(w),
		store:  w.Server.Log(),
		export: opts.ExportDir,
	}
	if _, persistent := w.Server.Log().(sim.ClockStore); persistent {
		m.heldFrom = m.snap.Now // an older database may have purged rows before this session
	}
	m.setTheme(theme)
	m.phone = newPhonePane(m.styles)
	m.caption = welcomeCaption(m.snap)
	return m, nil
}

// Init starts the world and asks the terminal for its background colour.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.engine.run(opStart())}
	if m.auto {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m *Model) setTheme(t Theme) {
	m.theme = t
	m.styles = NewStyles(t)
	m.styles.open = len(m.present) > 0
	m.help.Styles = help.Styles{
		ShortKey: m.styles.HelpKey, ShortDesc: m.styles.HelpDesc, ShortSeparator: m.styles.Faint,
		FullKey: m.styles.HelpKey, FullDesc: m.styles.HelpDesc, FullSeparator: m.styles.Faint, Ellipsis: m.styles.Faint,
	}
	m.phone.setStyles(m.styles)
	m.cacheHelpBar()
}

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		m.darkBG = msg.IsDark()
		if m.auto {
			t, _ := ThemeByName("auto", m.darkBG)
			m.setTheme(t)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case tea.PasteMsg:
		if m.typing() {
			return m, m.typeIntoPhone(msg)
		}
		return m, nil
	case tea.MouseClickMsg:
		return m, m.handleClick(msg.Mouse())
	case tea.MouseWheelMsg:
		return m, m.handleWheel(msg.Mouse())
	case lookupMsg:
		return m, m.handleLookup(msg)
	case sentMsg:
		return m, m.handleSent(msg)
	case stateMsg:
		return m, m.handleState(msg)
	case logRowsMsg:
		m.log.apply(msg)
		return m, nil
	case producedMsg:
		return m, m.handleProduced(msg)
	case truthMsg:
		if msg.err == nil && m.court != nil && msg.c.order == m.court.order && len(msg.c.productions) == len(m.court.productions) {
			c := msg.c
			m.court = &c
		}
		return m, nil
	case exportedMsg:
		m.handleExported(msg)
		return m, nil
	case lessonMsg:
		if m.overlay.kind == overlayLesson && m.overlay.topic == msg.topic {
			m.overlay.lines, m.overlay.err = lessonLines(msg.text), msg.err
			if msg.err != nil {
				m.overlay.lines = []string{m.styles.Warning.Render("cannot show this card: " + msg.err.Error())}
			}
		}
		return m, nil
	}
	return m, nil
}

func (m *Model) resize(w, h int) tea.Cmd {
	m.width, m.height = w, h
	m.relayout()
	m.help.SetWidth(w)
	m.cacheHelpBar()
	m.scrollReturn(0) // a taller pane may now show the return's end: clamp
	return tea.Batch(m.log.fetch(m.logHeight()), m.refreshOverlay())
}

// logHeight is the log pane's height, or a screenful when it is hidden so
// the rows are ready when its tab is chosen.
func (m Model) logHeight() int {
	if r := m.layout.Panes[PaneLog]; !r.Empty() {
		return r.H
	}
	return max(m.layout.BodyHeight()-tabsHeight, MinHeight)
}

// relayout computes the layout afresh for the window and what is shown.
func (m *Model) relayout() {
	switch {
	case len(m.present) > 0:
		m.layout = ComputePresenterLayout(m.width, m.height, m.present)
	case m.showRet:
		m.layout = ComputeReturnLayout(m.width, m.height, m.focus)
	default:
		m.layout = ComputeLayout(m.width, m.height, m.focus)
	}
	if !m.layout.Visible(m.focus) && m.layout.Mode != TooSmall {
		m.focus = m.firstVisible()
		m.relayout()
	}
}

func (m Model) firstVisible() Pane {
	for p := PanePhone; p < paneCount; p++ {
		if m.layout.Visible(p) {
			return p
		}
	}
	return PanePhone
}

// nextVisible is the next pane on screen after p going in direction step.
func (m Model) nextVisible(p Pane, step int) Pane {
	for range paneCount {
		p = Pane((int(p) + step + int(paneCount)) % int(paneCount))
		if m.layout.Visible(p) || m.layout.Mode == TooSmall {
			return p
		}
	}
	return p
}

// setFocus moves focus to pane p (and, in narrow mode, shows it).
func (m *Model) setFocus(p Pane) tea.Cmd {
	m.focus = p
	m.relayout()
	if p == PanePhone {
		m.phone.refocus()
	} else {
		m.phone.blur()
	}
	return nil
}

// typing reports whether printable keys go into a text field now.
func (m Model) typing() bool { return m.focus == PanePhone && !m.overlay.isOpen() }

// binding is one entry of the dispatch table: keys, when they apply, and
// what they do. The same table drives dispatch and help.
type binding struct {
	key  key.Binding
	when func(m *Model) bool
	do   func(m *Model) tea.Cmd
}

func always(*Model) bool { return true }

func (m *Model) bindings() []binding {
	k := m.keys
	idle := func(m *Model) bool { return !m.typing() }
	return []binding{
		{k.Quit, always, func(*Model) tea.Cmd { return tea.Quit }},
		{k.QuitWhenIdle, idle, func(*Model) tea.Cmd { return tea.Quit }},
		{k.Help, always, (*Model).toggleHelp},
		{k.HelpWhenIdle, idle, (*Model).toggleHelp},
		{k.Cancel, func(m *Model) bool { return m.overlay.isOpen() }, (*Model).closeOverlay},
		{k.Lesson, always, (*Model).openLesson},
		{k.ServeOrder, always, (*Model).openOrderForm},
		{k.ProduceAgain, always, (*Model).produceAgain},
		{k.SwitchLog, always, (*Model).switchLogView},
		{k.Educator, always, (*Model).toggleEducator},
		{k.Export, always, (*Model).exportReturn},
		{k.Sources, always, (*Model).openSources},
		{k.NextPane, always, func(m *Model) tea.Cmd { return m.setFocus(m.nextVisible(m.focus, 1)) }},
		{k.PrevPane, always, func(m *Model) tea.Cmd { return m.setFocus(m.nextVisible(m.focus, -1)) }},
		{k.ToggleIMsg, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedIMessage, 0)) }},
		{k.ToggleSMS, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedSendAsSMS, 0)) }},
		{k.CycleNetwork, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedNetwork, 0)) }},
		{k.ClearCache, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedCache, 0)) }},
		{k.PlusHour, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedClock, clockStep(0))) }},
		{k.PlusDay, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedClock, clockStep(1))) }},
		{k.PlusWeek, always, func(m *Model) tea.Cmd { return m.engine.run(opChange(changedClock, clockStep(2))) }},
		{k.SwitchTheme, always, func(m *Model) tea.Cmd {
			m.auto = false
			m.setTheme(NextTheme(m.theme, m.darkBG))
			m.caption = caption{Text: "Theme: " + m.theme.Name + "."}
			return m.refreshOverlay()
		}},
		{k.NewMessage, always, func(m *Model) tea.Cmd { m.phone.newConversation(); m.setFocus(PanePhone); return nil }},
		{k.TryAgain, always, (*Model).tryAgain},
		{k.SendAsText, always, (*Model).sendAsText},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.overlay.kind == overlayOrder && !key.Matches(msg, m.keys.Quit) {
		return m.formKey(msg)
	}
	for _, b := range m.bindings() {
		if key.Matches(msg, b.key) && b.when(m) {
			return b.do(m)
		}
	}
	if m.overlay.isOpen() {
		return m.overlayKey(msg)
	}
	switch m.focus {
	case PanePhone:
		return m.phoneKey(msg)
	case PaneWire:
		return m.wireKey(msg)
	default:
		return m.logKey(msg)
	}
}

func (m *Model) toggleHelp() tea.Cmd {
	if m.overlay.kind == overlayHelp {
		return m.closeOverlay()
	}
	m.openOverlay(overlay{kind: overlayHelp, title: "Help", lines: m.helpLines()})
	return nil
}

func (m *Model) openOverlay(o overlay) {
	m.overlay = o
	m.phone.blur()
}

func (m *Model) closeOverlay() tea.Cmd {
	m.overlay = overlay{}
	if m.focus == PanePhone {
		m.phone.refocus()
	}
	return nil
}

// overlayWidth is the text width inside the overlay's frame.
func (m Model) overlayWidth() int { return max(m.width-4, 20) }

// openLesson opens the card for what has focus.
func (m *Model) openLesson() tea.Cmd {
	return m.showLesson(m.topicInFocus())
}

// showLesson opens card t; ← → in a card move through all of them.
func (m *Model) showLesson(t Topic) tea.Cmd {
	title := fmt.Sprintf("%s — ← → other cards", t.Title())
	m.openOverlay(overlay{kind: overlayLesson, topic: t, title: title, lines: []string{m.styles.Faint.Render("…")}})
	return renderLessonCmd(t, m.overlayWidth(), m.styles)
}

// neighbourTopic is the card step places after t in reading order.
func neighbourTopic(t Topic, step int) Topic {
	all := LessonTopics()
	for i, x := range all {
		if x == t {
			return all[(i+step+len(all))%len(all)]
		}
	}
	return all[0]
}

// topicInFocus picks the lesson card for the focused pane and its state.
func (m Model) topicInFocus() Topic {
	switch {
	case m.overlay.kind == overlayHelp:
		return TopicAbout
	case m.overlay.kind == overlaySources:
		return TopicDesignsThatLeakLess
	case m.focus == PaneLog && m.showRet:
		return TopicPenRegister
	case m.focus == PaneLog && m.log.column < 0:
		return TopicRetention
	}
	switch m.focus {
	case PaneWire:
		if len(m.wire.events) > 0 && len(m.wire.events[m.wire.selected].Exchanges) == 0 {
			return TopicCaching
		}
		return TopicLookup
	case PaneLog:
		if t, ok := ColumnTopic(m.log.column); ok {
			return t
		}
		return TopicCannotProve
	}
	if b, ok := m.phone.lastBubble(); ok {
		switch {
		case len(b.Decision.NeverArrives) > 0:
			return TopicStaleRegistration
		case b.Decision.Route == sim.RouteNotDelivered:
			return TopicNotDelivered
		}
		return TopicColours
	}
	return TopicLookup
}

func (m *Model) openSources() tea.Cmd {
	m.openOverlay(overlay{kind: overlaySources, title: "Sources — every fact bluegreen states", lines: SourcesScreen(m.overlayWidth(), m.styles)})
	return nil
}

// refreshOverlay rebuilds the overlay's lines for a new width or theme.
func (m *Model) refreshOverlay() tea.Cmd {
	switch m.overlay.kind {
	case overlayHelp:
		m.overlay.lines = m.helpLines()
	case overlaySources:
		m.overlay.lines = SourcesScreen(m.overlayWidth(), m.styles)
	case overlayLesson:
		return renderLessonCmd(m.overlay.topic, m.overlayWidth(), m.styles)
	case overlayOrder:
		m.form.setStyles(m.styles)
		m.overlay.lines = m.form.view(m.styles, m.overlayWidth())
	}
	return nil
}

func (m *Model) overlayKey(msg tea.KeyPressMsg) tea.Cmd {
	k, page := m.keys, max(m.layout.BodyHeight()-2, 1)
	if m.overlay.kind == overlayLesson && key.Matches(msg, k.ColumnLeft, k.ColumnRight) {
		step := 1
		if key.Matches(msg, k.ColumnLeft) {
			step = -1
		}
		return m.showLesson(neighbourTopic(m.overlay.topic, step))
	}
	switch {
	case key.Matches(msg, k.Up):
		m.overlay.scroll(-1, page)
	case key.Matches(msg, k.Down):
		m.overlay.scroll(1, page)
	case key.Matches(msg, k.PageUp):
		m.overlay.scroll(-page, page)
	case key.Matches(msg, k.PageDown):
		m.overlay.scroll(page, page)
	case key.Matches(msg, k.Top):
		m.overlay.scroll(-len(m.overlay.lines), page)
	case key.Matches(msg, k.Bottom):
		m.overlay.scroll(len(m.overlay.lines), page)
	}
	return nil
}

func (m *Model) phoneKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.phone.field == fieldTo && key.Matches(msg, k.Confirm):
		return m.confirmRecipient()
	case m.phone.field == fieldBody && key.Matches(msg, k.Send):
		return m.send()
	case key.Matches(msg, k.Cancel):
		return m.cancel()
	case m.phone.field == fieldTo && m.phone.to.Value() == "" && key.Matches(msg, k.RemoveLastRcp) && len(m.phone.recipients) > 0:
		m.phone.recipients = m.phone.recipients[:len(m.phone.recipients)-1]
		return nil
	case m.phone.field == fieldBody && key.Matches(msg, k.Up):
		m.phone.focusField(fieldTo)
		return nil
	}
	return m.typeIntoPhone(msg)
}

// typeIntoPhone passes a key to the focused field and, when the To: text
// changed, reads it again — which may fire an as-you-type lookup.
func (m *Model) typeIntoPhone(msg tea.Msg) tea.Cmd {
	cmd, changed := m.phone.updateInput(msg)
	if !changed {
		return cmd
	}
	return tea.Batch(cmd, m.toTextChanged())
}

func (m *Model) toTextChanged() tea.Cmd {
	before := m.phone.typed
	parsed := sim.ParseInput(m.phone.to.Value(), m.snap.Region)
	m.phone.reformat(parsed)
	m.phone.typed = typedState{parsed: parsed}
	m.phone.suggestion = suggest(m.phone.to.Value(), m.snap.Contacts)
	if before.parsed.Status == sim.Complete && before.parsed.Handle != parsed.Handle && before.answer != nil && before.answer.Answer.Source == sim.FromApple {
		m.caption = abandonedCaption(before.parsed.Handle, m.snap.Retention)
	}
	if parsed.Status != sim.Complete || m.snap.Policy != sim.AsYouType {
		return nil
	}
	seq := m.phone.nextSeq()
	m.phone.typed.seq, m.phone.typed.pending = seq, true
	return m.engine.run(opType(seq, parsed.Handle.Address()))
}

// confirmRecipient turns the To: text (or the suggested contact) into a
// lozenge and asks Apple about it (per the trigger policy).
func (m *Model) confirmRecipient() tea.Cmd {
	p := &m.phone
	text, name := p.to.Value(), ""
	if p.typed.parsed.Status != sim.Complete && p.suggestion != nil {
		text, name = string(p.suggestion.Handles[0]), p.suggestion.Name
	}
	if strings.TrimSpace(text) == "" {
		if len(p.recipients) > 0 {
			p.focusField(fieldBody)
		}
		return nil
	}
	parsed := sim.ParseInput(text, m.snap.Region)
	if parsed.Status != sim.Complete {
		m.caption = caption{Text: "Cannot add that recipient: " + detail(parsed) + "."}
		return nil
	}
	if name == "" {
		name = m.contactName(parsed.Handle)
	}
	for _, r := range p.recipients {
		if r.Handle == parsed.Handle {
			p.resetDraft()
			return nil
		}
	}
	seq := p.nextSeq()
	p.recipients = append(p.recipients, recipient{Handle: parsed.Handle, Display: parsed.Display, Name: name, Colour: sim.Grey, Pending: true, seq: seq})
	p.resetDraft()
	return m.engine.run(opConfirm(seq, string(parsed.Handle)))
}

func (m Model) contactName(h sim.Handle) string { return contactNamed(m.snap.Contacts, h) }

func (m *Model) send() tea.Cmd {
	p := &m.phone
	text := strings.TrimSpace(p.body.Value())
	switch {
	case len(p.recipients) == 0:
		m.caption = caption{Text: "Add a recipient first: type a number in the To: field and press enter."}
		p.focusField(fieldTo)
		return nil
	case text == "":
		return nil
	}
	p.body.SetValue("")
	return m.engine.run(opSend(p.handles(), text))
}

func (m *Model) cancel() tea.Cmd {
	p := &m.phone
	if p.field == fieldBody {
		if p.body.Value() != "" {
			p.body.SetValue("")
		} else {
			p.focusField(fieldTo)
		}
		return nil
	}
	p.resetDraft()
	return nil
}

func (m *Model) tryAgain() tea.Cmd {
	b, ok := m.phone.lastRed()
	if !ok {
		return nil
	}
	return m.engine.run(opSend(b.To, b.Text))
}

func (m *Model) sendAsText() tea.Cmd {
	b, ok := m.phone.lastRed()
	if !ok {
		return nil
	}
	return m.engine.run(opSendAsText(b.Index))
}

func (m *Model) wireKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.wire.step(-1)
	case key.Matches(msg, k.Down):
		m.wire.step(1)
	case key.Matches(msg, k.PageUp):
		m.wire.scrollLines(-m.paneHeight(PaneWire) / 2)
	case key.Matches(msg, k.PageDown):
		m.wire.scrollLines(m.paneHeight(PaneWire) / 2)
	case key.Matches(msg, k.Top):
		m.wire.jump(false)
	case key.Matches(msg, k.Bottom):
		m.wire.jump(true)
	}
	return nil
}

func (m *Model) logKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.showRet {
		return m.returnKey(msg)
	}
	k, h := m.keys, m.logHeight()
	page := visibleRows(h)
	switch {
	case key.Matches(msg, k.Up):
		return m.log.scroll(-1, h)
	case key.Matches(msg, k.Down):
		return m.log.scroll(1, h)
	case key.Matches(msg, k.PageUp):
		return m.log.scroll(-page, h)
	case key.Matches(msg, k.PageDown):
		return m.log.scroll(page, h)
	case key.Matches(msg, k.Top):
		return m.log.scrollToEnd(false, h)
	case key.Matches(msg, k.Bottom):
		return m.log.scrollToEnd(true, h)
	case key.Matches(msg, k.ColumnLeft):
		m.log.column = max(m.log.column-1, 0)
	case key.Matches(msg, k.ColumnRight):
		m.log.column = min(m.log.column+1, 4)
	}
	return nil
}

func (m Model) paneHeight(p Pane) int {
	if r := m.layout.Panes[p]; !r.Empty() {
		return r.H
	}
	return m.logHeight()
}

func (m *Model) handleClick(mouse tea.Mouse) tea.Cmd {
	if m.layout.Mode == Narrow && m.layout.Tabs.Contains(mouse.X, mouse.Y) {
		return m.setFocus(tabAt(mouse.X, m.width))
	}
	if p, ok := m.layout.PaneAt(mouse.X, mouse.Y); ok && p != m.focus {
		return m.setFocus(p)
	}
	return nil
}

func (m *Model) handleWheel(mouse tea.Mouse) tea.Cmd {
	p, ok := m.layout.PaneAt(mouse.X, mouse.Y)
	if !ok {
		return nil
	}
	delta := 3
	if mouse.Button == tea.MouseWheelUp {
		delta = -3
	}
	switch {
	case p == PaneLog && m.showRet:
		m.scrollReturn(delta)
	case p == PaneLog:
		return m.log.scroll(delta, m.logHeight())
	case p == PaneWire:
		m.wire.scrollLines(delta)
	}
	return nil
}

func (m *Model) handleLookup(msg lookupMsg) tea.Cmd {
	m.snap = msg.Snap
	switch msg.Purpose {
	case lookupTyped:
		m.phone.applyTyped(msg)
	case lookupConfirmed:
		m.phone.applyConfirmed(msg)
	}
	if len(msg.Answers) == 0 && msg.Err == nil {
		return nil
	}
	m.caption = lookupCaption(msg)
	if len(msg.Result.Answers) > 0 {
		m.wire.add(wireEvent{At: msg.Snap.Now, Trigger: triggerOf(msg), Exchanges: msg.Result.Exchanges, Answers: msg.Answers, Decision: msg.Decision})
	}
	if !msg.sentQuery() {
		return nil
	}
	m.log.markLanded()
	return m.log.fetch(m.logHeight())
}

func triggerOf(msg lookupMsg) sim.Trigger {
	if len(msg.Result.Exchanges) > 0 {
		return msg.Result.Exchanges[0].Trigger
	}
	if msg.Purpose == lookupTyped {
		return sim.TriggerTyped
	}
	return sim.TriggerCommitted
}

func (m *Model) handleSent(msg sentMsg) tea.Cmd {
	m.snap = msg.Snap
	m.caption = sentCaption(msg)
	if msg.Err != nil {
		return nil
	}
	m.phone.applySent(msg)
	refresh := m.refreshTruth()
	if len(msg.Result.Lookup.Answers) > 0 {
		m.wire.add(wireEvent{At: msg.Snap.Now, Trigger: sim.TriggerSend, Exchanges: msg.Result.Lookup.Exchanges, Answers: msg.Answers, Decision: msg.Result.Message.Decision})
	}
	if len(msg.Result.Lookup.Exchanges) == 0 {
		return refresh
	}
	m.log.markLanded()
	return tea.Batch(refresh, m.log.fetch(m.logHeight()))
}

func (m *Model) handleState(msg stateMsg) tea.Cmd {
	m.snap = msg.Snap
	m.log.retention = msg.Snap.Retention
	if msg.What == changedStart {
		return m.log.fetch(m.logHeight())
	}
	if c := stateCaption(msg); c.Text != "" {
		m.caption = c
	}
	if msg.What == changedClock {
		return m.log.fetch(m.logHeight())
	}
	return nil
}

// View draws the screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "bluegreen"
	return v
}

// render draws the screen as a string of exactly width × height cells.
func (m Model) render() string {
	if m.width == 0 {
		return ""
	}
	l := m.layout
	if l.Mode == TooSmall {
		return m.tooSmall()
	}
	var body string
	if m.overlay.isOpen() {
		body = m.overlay.view(m.styles, l.W, l.BodyHeight())
	} else {
		body = m.panes(l)
	}
	if l.Help.Empty() {
		return stack(body, m.captionView(l.Caption.W))
	}
	return stack(body, m.captionView(l.Caption.W), m.helpBar(l.Help.W))
}

func (m Model) tooSmall() string {
	msg := lipgloss.NewStyle().Width(max(m.width-2, 1)).Align(lipgloss.Center).Render(
		fmt.Sprintf("bluegreen needs a larger window: at least %d\u00a0×\u00a0%d (now %d\u00a0×\u00a0%d).\nctrl+c quits.", MinWidth, MinHeight, m.width, m.height))
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
}

func (m Model) paneView(p Pane) string {
	r := m.layout.Panes[p]
	focused := p == m.focus
	switch p {
	case PanePhone:
		return m.phone.view(m.styles, m.snap, r.W, r.H, focused)
	case PaneWire:
		return m.wire.view(m.styles, r.W, r.H, focused)
	default:
		if m.showRet {
			return m.ret.view(m.styles, m.court, m.snap, r.W, r.H, focused)
		}
		return m.log.view(m.styles, r.W, r.H, focused)
	}
}

func (m Model) panes(l Layout) string {
	switch l.Mode {
	case Wide:
		return beside(m.visiblePanes(func(Rect) bool { return true })...)
	case Medium:
		right := stack(m.visiblePanes(func(r Rect) bool { return r.X > 0 })...)
		return beside(append(m.visiblePanes(func(r Rect) bool { return r.X == 0 }), right)...)
	default:
		return stack(m.tabBar(l.Tabs.W), m.paneView(m.focus))
	}
}

// visiblePanes draws the panes on screen whose rectangle passes keep, in
// reading order (left to right, top to bottom).
func (m Model) visiblePanes(keep func(Rect) bool) []string {
	var ps []Pane
	for p := PanePhone; p < paneCount; p++ {
		if r := m.layout.Panes[p]; !r.Empty() && keep(r) {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := m.layout.Panes[ps[i]], m.layout.Panes[ps[j]]
		return a.X < b.X || a.X == b.X && a.Y < b.Y
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = m.paneView(p)
	}
	return out
}

// tabBar labels the panes in narrow mode; the active one is marked with
// brackets as well as style.
func (m Model) tabBar(w int) string {
	var parts []string
	for p := PanePhone; p < paneCount; p++ {
		name := p.String()
		if p == PaneLog && m.showRet {
			name = "Return"
		}
		if p == m.focus {
			parts = append(parts, m.styles.TabActive.Render("["+name+"]"))
		} else {
			parts = append(parts, m.styles.TabInactive.Render(" "+name+" "))
		}
	}
	return fit(strings.Join(parts, " ")+m.styles.Faint.Render("  tab: next pane"), w)
}

// tabAt maps a click on the tab bar to a pane.
func tabAt(x, w int) Pane {
	return Pane(min(x*int(paneCount)/max(w/2, 1), int(paneCount)-1))
}

func (m Model) captionView(w int) string {
	text := m.caption.Text
	if m.caption.Source != "" {
		text += " " + m.styles.Source.Render("["+m.caption.Source+"]")
	}
	return strings.Join(fitLines(wrap(m.styles.Caption.Render(text), w), w, m.layout.Caption.H), "\n")
}

// helpBar is the one-line key help, drawn once per width and theme (it
// depends on nothing else) instead of on every frame.
func (m Model) helpBar(w int) string {
	if m.helpLine.width == w && m.helpLine.theme == m.theme.Name && m.helpLine.text != "" {
		return m.helpLine.text
	}
	h := m.help
	h.SetWidth(w)
	return fit(h.ShortHelpView(m.keys.ShortHelp()), w)
}

// cachedLine is a drawn line and what it was drawn for.
type cachedLine struct {
	width int
	theme string
	text  string
}

// cacheHelpBar draws the help bar for the current width and theme.
func (m *Model) cacheHelpBar() {
	m.helpLine = cachedLine{}
	m.helpLine = cachedLine{width: m.layout.Help.W, theme: m.theme.Name, text: m.helpBar(m.layout.Help.W)}
}

// helpLines is the full key list, one binding a line under its group's
// heading, so it reads at any width (help.FullHelpView's side-by-side
// columns do not fit 80 columns).
func (m Model) helpLines() []string {
	w := m.overlayWidth()
	lines := append(styleAll(m.styles.Faint, wrap("Letters, digits and symbols always type into the phone's fields; actions use enter, esc, tab, ctrl, alt and F-keys.", w)), "")
	for i, group := range m.keys.FullHelp() {
		lines = append(lines, m.styles.Bold.Render(m.keys.GroupNames()[i]))
		for _, b := range group {
			if !b.Enabled() {
				continue
			}
			h := b.Help()
			lines = append(lines, "  "+m.styles.HelpKey.Render(fit(h.Key, 22))+" "+m.styles.HelpDesc.Render(h.Desc))
		}
		lines = append(lines, "")
	}
	return append(lines, m.styles.Faint.Render("Blue ■ iMessage · green □ SMS/MMS · ◆ RCS · red ! failed · … waiting for Apple."))
}
