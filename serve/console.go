package serve

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// consoleTab is one page of the instructor's console.
type consoleTab int

const (
	tabLog consoleTab = iota
	tabRoster
	tabReturn
	tabGraph
	tabCount
)

func (t consoleTab) String() string {
	return [...]string{"1 Apple's log", "2 Roster", "3 Return", "4 Class graph"}[t]
}

// consoleKeys are the console's bindings; help is derived from them.
type consoleKeys struct {
	NextTab, PrevTab, Up, Down              key.Binding
	Hour, Day, Week                         key.Binding
	PenRegister, TrapTrace, Stored, Produce key.Binding
	Show, Dismiss, GraphSource, Platform    key.Binding
	Share, Design                           key.Binding
	Help, Quit                              key.Binding
}

func newConsoleKeys() consoleKeys {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return consoleKeys{
		NextTab:     b([]string{"tab", "right"}, "tab", "next page"),
		PrevTab:     b([]string{"shift+tab", "left"}, "shift+tab", "previous page"),
		Up:          b([]string{"up", "k"}, "↑", "previous student"),
		Down:        b([]string{"down", "j"}, "↓", "next student"),
		Hour:        b([]string{"h"}, "h", "clock +1 h"),
		Day:         b([]string{"d"}, "d", "clock +1 d"),
		Week:        b([]string{"w"}, "w", "clock +7 d"),
		PenRegister: b([]string{"p"}, "p", "pen register on student"),
		TrapTrace:   b([]string{"t"}, "t", "trap and trace on student"),
		Stored:      b([]string{"r"}, "r", "stored records on student"),
		Produce:     b([]string{"n"}, "n", "Apple produces now"),
		Show:        b([]string{"s"}, "s", "show return to class"),
		Dismiss:     b([]string{"x"}, "x", "dismiss shown return"),
		GraphSource: b([]string{"g"}, "g", "graph: log / returns"),
		Platform:    b([]string{"a"}, "a", "student iPhone/Android"),
		Share:       b([]string{"A"}, "A", "class share of Android 0/25/50/75 %"),
		Design:      b([]string{"D"}, "D", "next design: apple, hashed, private, +relay, no-log"),
		Help:        b([]string{"?"}, "?", "all keys"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "close console"),
	}
}

// ShortHelp implements help.KeyMap.
func (k consoleKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.NextTab, k.Down, k.Day, k.PenRegister, k.TrapTrace, k.Show, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k consoleKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.Up, k.Down},
		{k.Hour, k.Day, k.Week, k.Platform, k.Share},
		{k.PenRegister, k.TrapTrace, k.Stored, k.Produce},
		{k.Show, k.Dismiss, k.GraphSource, k.Design, k.Help, k.Quit},
	}
}

// courtOrder is the order the console is working on and its productions.
type courtOrder struct {
	order    logview.Order
	stored   bool // a stored-records order (18 U.S.C. §2703(d)), not a PR/TT
	produced []time.Time
	subject  string // the student's name
}

// console is the instructor's screen: the whole log live, the roster, the
// clock, court orders on students, the class graph.
type console struct {
	room    *classroom
	bye     *farewell
	keys    consoleKeys
	help    help.Model
	st      styles
	tab     consoleTab
	width   int
	height  int
	tick    int // the live refresh's id: stale ticks are dropped
	data    consoleData
	sel     int // the roster's selected student
	order   *courtOrder
	report  string         // the current return as text
	retRows []sim.LogEntry // rows of every return made, for the returns-only graph
	scroll  int            // the return's first line on screen
	fromRet bool           // the graph shows only what returns gave police
	status  string
	full    bool // full help
	share   int  // index into androidShares of the last share set
}

// consoleData is what one refresh read from the class.
type consoleData struct {
	now    time.Time
	roster []RosterRow
	total  int
	tail   []sim.LogEntry
	names  map[sim.Handle]string
	graph  Graph
	shown  bool
	design sim.Design
	online int
	err    error
}

func newConsole(room *classroom, bye *farewell, st styles) *console {
	return &console{room: room, bye: bye, keys: newConsoleKeys(), help: help.New(), st: st,
		status: "Welcome. Students join with ssh and the class code; their lookups appear on page 1."}
}

// refreshEvery is how often the console rereads the class.
const refreshEvery = time.Second

type consoleTickMsg struct{ id int }

type consoleDataMsg struct{ data consoleData }

// Init implements tea.Model.
func (c *console) Init() tea.Cmd { return tea.Batch(c.fetch(), c.schedule()) }

func (c *console) schedule() tea.Cmd {
	id := c.tick
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return consoleTickMsg{id: id} })
}

// fetch reads the class off the UI goroutine.
func (c *console) fetch() tea.Cmd {
	room, rows, fromRet := c.room, max(c.height-6, 1), c.fromRet
	retRows := append([]sim.LogEntry(nil), c.retRows...)
	graphWanted := c.tab == tabGraph
	return func() tea.Msg {
		return consoleDataMsg{data: readClass(room, rows, graphWanted, fromRet, retRows)}
	}
}

func readClass(room *classroom, rows int, graphWanted, fromRet bool, retRows []sim.LogEntry) consoleData {
	ctx := context.Background()
	log := room.class.Server().Log()
	d := consoleData{now: room.class.Now(), names: room.names(), design: room.class.Design()}
	if err := room.class.CatchUp(ctx); err != nil {
		d.err = err
	}
	var err error
	if d.roster, err = room.roster(ctx); err != nil {
		d.err = err
		return d
	}
	for _, r := range d.roster {
		if r.Online {
			d.online++
		}
	}
	if d.total, err = log.Count(ctx, sim.LogFilter{}); err != nil {
		d.err = err
		return d
	}
	if d.tail, err = log.Entries(ctx, sim.LogFilter{Offset: max(d.total-rows, 0), Limit: rows}); err != nil {
		d.err = err
	}
	if graphWanted {
		src := retRows
		if !fromRet {
			src, err = log.Entries(ctx, sim.LogFilter{From: room.began, Limit: maxGraphRows})
			if err != nil {
				d.err = err
			}
		}
		d.graph = BuildGraph(src)
	}
	room.mu.Lock()
	d.shown = room.shown != nil
	room.mu.Unlock()
	return d
}

// maxGraphRows bounds the rows the graph reads, so a huge log cannot stall it.
const maxGraphRows = 200_000

// Update implements tea.Model.
func (c *console) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		c.width, c.height = msg.Width, msg.Height
		c.help.SetWidth(msg.Width)
		return c, c.fetch()
	case consoleTickMsg:
		if msg.id != c.tick {
			return c, nil
		}
		return c, tea.Batch(c.fetch(), c.schedule())
	case consoleDataMsg:
		c.data = msg.data
		c.sel = min(c.sel, max(len(c.data.roster)-1, 0))
		if msg.data.err != nil {
			c.status = "Reading the class failed: " + msg.data.err.Error()
		}
		return c, nil
	case classChangedMsg:
		return c, c.fetch()
	case classEndedMsg:
		c.bye.set(endedLine)
		return c, tea.Quit
	case clockMovedMsg:
		c.status = msg.text
		return c, c.fetch()
	case reportMsg:
		return c, c.reported(msg)
	case designSetMsg:
		return c, c.designSet(msg)
	case tea.KeyPressMsg:
		return c, c.key(msg)
	}
	return c, nil
}

func (c *console) key(msg tea.KeyPressMsg) tea.Cmd {
	k := c.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		c.full = !c.full
	case key.Matches(msg, k.NextTab):
		c.tab = (c.tab + 1) % tabCount
		return c.fetch()
	case key.Matches(msg, k.PrevTab):
		c.tab = (c.tab + tabCount - 1) % tabCount
		return c.fetch()
	case msg.String() >= "1" && msg.String() <= "4":
		c.tab = consoleTab(msg.String()[0] - '1')
		return c.fetch()
	case key.Matches(msg, k.Up):
		c.move(-1)
	case key.Matches(msg, k.Down):
		c.move(1)
	case key.Matches(msg, k.Hour):
		return c.advance(time.Hour, "+1 h")
	case key.Matches(msg, k.Day):
		return c.advance(24*time.Hour, "+1 d")
	case key.Matches(msg, k.Week):
		return c.advance(7*24*time.Hour, "+7 d")
	case key.Matches(msg, k.PenRegister):
		return c.serve(logview.PenRegister, false)
	case key.Matches(msg, k.TrapTrace):
		return c.serve(logview.TrapAndTrace, false)
	case key.Matches(msg, k.Stored):
		return c.serve(logview.PenRegister, true)
	case key.Matches(msg, k.Produce):
		return c.produceNow()
	case key.Matches(msg, k.Show):
		return c.showToClass()
	case key.Matches(msg, k.Dismiss):
		c.room.show(nil)
		c.status = "The return is gone from every student screen."
	case key.Matches(msg, k.GraphSource):
		c.fromRet = !c.fromRet
		c.tab = tabGraph
		return c.fetch()
	case key.Matches(msg, k.Platform):
		return c.togglePlatform()
	case key.Matches(msg, k.Design):
		return c.switchDesign()
	case key.Matches(msg, k.Share):
		c.share = (c.share + 1) % len(androidShares)
		pct := androidShares[c.share]
		n := c.room.setShare(pct)
		c.status = fmt.Sprintf("Apple's directory now lists %d%% of the class (%d of %d) as Android phones, not on iMessage: lookups of them come back green.", pct, n, len(c.data.roster))
		return c.fetch()
	}
	return nil
}

// move selects another student, or scrolls the return on its page.
func (c *console) move(d int) {
	if c.tab == tabReturn {
		c.scroll = max(c.scroll+d, 0)
		return
	}
	c.sel = max(min(c.sel+d, len(c.data.roster)-1), 0)
}

func (c *console) selected() (RosterRow, bool) {
	if c.sel < 0 || c.sel >= len(c.data.roster) {
		return RosterRow{}, false
	}
	return c.data.roster[c.sel], true
}

type clockMovedMsg struct{ text string }

func (c *console) advance(d time.Duration, label string) tea.Cmd {
	class := c.room.class
	return func() tea.Msg {
		purged, err := class.Advance(context.Background(), d)
		if err != nil {
			return clockMovedMsg{text: "The clock could not move: " + err.Error()}
		}
		text := fmt.Sprintf("Clock %s for everyone: now %s.", label, logview.FormatTime(class.Now()))
		if purged > 0 {
			text += fmt.Sprintf(" Apple purged %d rows older than its retention.", purged)
		}
		return clockMovedMsg{text: text}
	}
}

// serve puts an order on the selected student. A pen register or trap and
// trace looks forward from now (18 U.S.C. §3123(c)); a stored-records
// order reaches back as far as Apple still keeps rows.
func (c *console) serve(kind logview.OrderKind, stored bool) tea.Cmd {
	row, ok := c.selected()
	if !ok {
		c.status = "No student yet: an order needs a student to name (↑/↓ on the roster)."
		return nil
	}
	now := c.room.class.Now()
	kindNow := kind
	if stored {
		kindNow = logview.StoredRecords
	}
	order := logview.NewOrder(kindNow, row.Number, now)
	order.Case = "CLASS-" + now.Format("0102-1504")
	if stored {
		order.Direction = logview.AsSource
	}
	o := &courtOrder{subject: row.Name, stored: stored, produced: []time.Time{now}, order: order}
	c.order, c.scroll, c.tab = o, 0, tabReturn
	return c.requestReport(o)
}

// produceNow asks Apple for another production under the current order.
func (c *console) produceNow() tea.Cmd {
	if c.order == nil {
		c.status = "No order yet: p, t or r on a student first."
		return nil
	}
	c.order.produced = append(c.order.produced, c.room.class.Now())
	c.tab = tabReturn
	return c.requestReport(c.order)
}

type reportMsg struct {
	order *courtOrder
	text  string
	rows  []sim.LogEntry
	err   error
}

func (c *console) requestReport(o *courtOrder) tea.Cmd {
	room := c.room
	req := logview.Request{Order: o.order, Retention: room.class.Server().Retention(), Produced: append([]time.Time(nil), o.produced...)}
	return func() tea.Msg {
		r, err := logview.BuildReport(context.Background(), room.class.Server().Log(), req)
		if err != nil {
			return reportMsg{order: o, err: err}
		}
		var b bytes.Buffer
		if err := r.WriteReturnText(&b); err != nil {
			return reportMsg{order: o, err: err}
		}
		rows := r.Return.Rows()
		names := room.names()
		return reportMsg{order: o, text: orderPreamble(o) + heldRows(rows, names) + classNames(rows, names) + b.String(), rows: rows}
	}
}

// orderPreamble says, above Apple's return, what the order is and what it
// can reach, in the classroom's names.
func orderPreamble(o *courtOrder) string {
	who := o.subject
	switch {
	case o.stored:
		return fmt.Sprintf("STORED-RECORDS ORDER on %s — 18 U.S.C. §2703(d): whom %s looked up, from the rows Apple still holds (as far back as retention allows).\n\n", who, who)
	case o.order.Kind == logview.TrapAndTrace:
		return fmt.Sprintf("TRAP AND TRACE on %s — who looked %s up, from the order on (18 U.S.C. §3123(c): up to 60 days, looking forward).\n"+
			"Rows from before the order need a stored-records order (r).\n\n", who, who)
	}
	return fmt.Sprintf("PEN REGISTER on %s — whom %s looks up, from the order on (18 U.S.C. §3123(c): up to 60 days, looking forward).\n"+
		"Rows from before the order need a stored-records order (r).\n\n", who, who)
}

// maxHeldLines bounds the summary above the return, so the projector
// shows it whole.
const maxHeldLines = 12

// heldRows is the return in one line a row, with the class's names: what
// police now hold, first, where the room can read it.
func heldRows(rows []sim.LogEntry, names map[sim.Handle]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "POLICE NOW HOLD %s:\n", strings.ToUpper(rowsWord(len(rows))))
	name := namesFrom(names)
	for i, r := range rows {
		if i == maxHeldLines {
			fmt.Fprintf(&b, "   … and %d more below\n", len(rows)-i)
			break
		}
		fmt.Fprintf(&b, "   %s  %s ──▶ %s  from %s\n", logview.FormatTime(r.Time), name(r.SourceHandle), name(r.LookupHandle), sim.Printable(r.ClientIP))
	}
	return b.String() + "\n"
}

// classNames says who in the class each handle in the rows is: the
// instructor's roster, not part of what Apple hands over.
func classNames(rows []sim.LogEntry, names map[sim.Handle]string) string {
	seen := map[sim.Handle]bool{}
	var parts []string
	for _, r := range rows {
		for _, h := range []sim.Handle{r.SourceHandle, r.LookupHandle} {
			if n, ok := names[h]; ok && !seen[h] {
				seen[h] = true
				parts = append(parts, h.Address()+" = "+n)
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "WHO THESE ARE IN THIS CLASS (from the roster, not from Apple): " + strings.Join(parts, " · ") + "\n\n"
}

func (c *console) reported(msg reportMsg) tea.Cmd {
	if msg.err != nil {
		c.status = "The order failed: " + msg.err.Error()
		return nil
	}
	if msg.order != c.order {
		return nil // a newer order replaced it
	}
	c.report = msg.text
	c.retRows = mergeRows(c.retRows, msg.rows)
	c.status = fmt.Sprintf("Apple produced %s under the order on %s. s shows this return to the class.", rowsWord(len(msg.rows)), msg.order.subject)
	return c.fetch()
}

// mergeRows adds rows not yet in have (by ID).
func mergeRows(have, rows []sim.LogEntry) []sim.LogEntry {
	seen := make(map[int64]bool, len(have))
	for _, r := range have {
		seen[r.ID] = true
	}
	for _, r := range rows {
		if !seen[r.ID] {
			have = append(have, r)
			seen[r.ID] = true
		}
	}
	return have
}

func (c *console) showToClass() tea.Cmd {
	if c.order == nil || c.report == "" {
		c.status = "Nothing to show yet: serve an order first (p, t or r)."
		return nil
	}
	title := fmt.Sprintf("Return on the %s order on %s", c.orderName(), c.order.subject)
	c.room.show(&Shown{Title: title, Text: c.report})
	c.status = "Shown on every student screen until you press x."
	return nil
}

func (c *console) orderName() string {
	if c.order.stored {
		return "stored-records"
	}
	return c.order.order.Kind.Title()
}

func (c *console) togglePlatform() tea.Cmd {
	row, ok := c.selected()
	if !ok {
		return nil
	}
	c.room.setAndroid(row.Number, !row.Android)
	phone := "an iPhone (on iMessage)"
	if !row.Android {
		phone = "an Android phone (not on iMessage)"
	}
	c.status = fmt.Sprintf("Apple's directory now lists %s as %s: classmates who look them up see it.", row.Name, phone)
	return c.fetch()
}

// View implements tea.Model.
func (c *console) View() tea.View {
	v := tea.NewView(c.render())
	v.AltScreen = true
	v.WindowTitle = "bluegreen · instructor"
	return v
}

func (c *console) render() string {
	if c.width == 0 {
		return ""
	}
	head := c.header()
	foot := c.st.faint.Render(ansi.Truncate(c.status, c.width, "…")) + "\n" + c.helpView()
	bodyH := max(c.height-lipgloss.Height(head)-lipgloss.Height(foot), 1)
	body := c.body(bodyH)
	box := lipgloss.NewStyle().Width(c.width).MaxWidth(c.width).Height(bodyH).MaxHeight(bodyH)
	return lipgloss.JoinVertical(lipgloss.Left, head, box.Render(body), foot)
}

func (c *console) helpView() string {
	if c.full {
		return c.help.FullHelpView(c.keys.FullHelp())
	}
	return c.help.ShortHelpView(c.keys.ShortHelp())
}

func (c *console) header() string {
	d := c.data
	shown := "nothing shown to the class"
	if d.shown {
		shown = "▣ a return is SHOWN to the class (x dismisses)"
	}
	line := fmt.Sprintf("bluegreen · INSTRUCTOR · %s · design %s · %d students, %d online · %d rows · clock %s · %s",
		c.room.class.Name(), d.design, len(d.roster), d.online, d.total, logview.FormatTime(d.now), shown)
	tabs := make([]string, tabCount)
	for t := range tabCount {
		if t == c.tab {
			tabs[t] = c.st.selected.Render("[" + t.String() + "]")
		} else {
			tabs[t] = " " + t.String() + " "
		}
	}
	return c.st.title.Render(ansi.Truncate(line, c.width, "…")) + "\n" + ansi.Truncate(strings.Join(tabs, " "), c.width, "…")
}

func (c *console) body(h int) string {
	var lines []string
	switch c.tab {
	case tabLog:
		lines = c.logLines()
	case tabRoster:
		lines = c.rosterLines()
	case tabReturn:
		lines = c.returnLines(h)
	case tabGraph:
		lines = c.graphLines()
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, c.width, "…")
	}
	return strings.Join(lines, "\n")
}

func (c *console) name(h sim.Handle) string { return namesFrom(c.data.names)(h) }

func (c *console) logLines() []string {
	out := []string{c.st.header.Render(fmt.Sprintf("%-19s  %-24s  %-24s  %-15s  %s", "Date/Time (UTC)", "Source handle", "Lookup handle", "Client IP", "Devices"))}
	if len(c.data.tail) == 0 {
		return append(out, "Nothing logged yet. When a student types a complete number, its row appears here.")
	}
	for _, e := range c.data.tail {
		cells := logview.Cells(e)
		out = append(out, fmt.Sprintf("%-19s  %-24s  %-24s  %-15s  %s", cells[0],
			c.labelled(e.SourceHandle), c.labelled(e.LookupHandle), cells[3], devicesWord(e.LookupDevices)))
	}
	return out
}

// labelled is a handle with the name the class knows it by.
func (c *console) labelled(h sim.Handle) string {
	addr := sim.Printable(h.Address())
	if n, ok := c.data.names[h]; ok {
		return addr + " " + n
	}
	return addr
}

// devicesWord says the device count with its meaning, not by colour.
func devicesWord(n int) string {
	if n == 0 {
		return "0 (not on iMessage)"
	}
	return fmt.Sprintf("%d (iMessage)", n)
}

func (c *console) rosterLines() []string {
	out := []string{c.st.header.Render(fmt.Sprintf("  %-24s  %-16s  %-15s  %-15s  %-8s  %-9s  %s", "Name", "Number", "Wi-Fi IP", "Cellular IP", "Phone", "Status", "Lookups"))}
	if len(c.data.roster) == 0 {
		return append(out, "  Nobody has joined yet.")
	}
	for i, r := range c.data.roster {
		phone, status := "iPhone", "○ away"
		if r.Android {
			phone = "Android"
		}
		if r.Online {
			status = "● online"
		}
		mark := "  "
		if i == c.sel {
			mark = "▶ "
		}
		line := fmt.Sprintf("%s%-24s  %-16s  %-15s  %-15s  %-8s  %-9s  %d", mark, r.Name, r.Number.Address(), r.WiFiIP, r.CellIP, phone, status, r.Lookups)
		if i == c.sel {
			line = c.st.selected.Render(line)
		}
		out = append(out, line)
	}
	return out
}

func (c *console) returnLines(h int) []string {
	if c.order == nil {
		return []string{
			"No order served yet. On the roster (page 2), choose a student with ↑/↓, then:",
			"  p  pen register — whom the student looks up, from now on",
			"  t  trap and trace — who looks the student up, from now on",
			"  r  stored records — what Apple already holds, as far back as its retention",
			"Then n asks Apple for another production, s shows the return to the class.",
		}
	}
	lines := strings.Split(strings.TrimRight(c.report, "\n"), "\n")
	c.scroll = min(c.scroll, max(len(lines)-h, 0))
	return lines[c.scroll:]
}

func (c *console) graphLines() []string {
	src := "from Apple's log since this class began (what Apple could draw)"
	if c.fromRet {
		src = "from the returns only (what police hold) — g for the whole log"
	} else {
		src += " — g for the returns only"
	}
	out := []string{c.st.header.Render("WHO LOOKED UP WHOM, " + src)}
	if row, ok := c.selected(); ok {
		out = append(out, "", c.st.title.Render("Two hops from "+row.Name+" (↑/↓ chooses another student):"))
		out = append(out, c.data.graph.HopLines(row.Number, c.name)...)
	}
	out = append(out, "", c.st.title.Render("Every edge (──▶ = looked up, ×n = lookups):"))
	return append(out, c.data.graph.EdgeLines(c.name, max(c.height, 10))...)
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}
