package serve

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/common"
	"bluegreen/tui/orderform"
	"bluegreen/tui/returnpane"

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

// consoleOptions are what the server tells a console beyond the room.
type consoleOptions struct {
	theme     string // as Config.Theme
	exportDir string // where exported returns go
}

// console is the instructor's screen: the whole log live, the roster, the
// clock, court orders on students through the app's order form and return
// pane, the design in force, the class graph.
type console struct {
	room    *classroom
	bye     *farewell
	opts    consoleOptions
	com     *common.Common // the components' shared styles, keys and view of the class
	keys    consoleKeys
	help    help.Model
	st      styles
	tab     consoleTab
	width   int
	height  int
	tick    int // the live refresh's id: stale ticks are dropped
	data    consoleData
	sel     int              // the roster's selected student
	ret     returnpane.Model // the return of the order served, as the app shows it
	form    *orderform.Model // the order being filled in; nil when closed
	formFor string           // the student the open form names
	retRows []sim.LogEntry   // rows of every return made, for the returns-only graph
	fromRet bool             // the graph shows only what returns gave police
	status  string
	full    bool       // full help
	share   int        // index into androidShares of the last share set
	asked   sim.Design // the design last asked for ("" none yet)
}

func newConsole(room *classroom, bye *farewell, st styles, opts consoleOptions) *console {
	com := &common.Common{Styles: st.com, Keys: common.DefaultKeyMap(), Snap: common.Snapshot{
		Region: room.class.Region(), Retention: room.class.Server().Retention(), Now: room.class.Now(), Scenario: room.class.Name(),
	}}
	c := &console{room: room, bye: bye, opts: opts, com: com, keys: newConsoleKeys(), help: help.New(), st: st,
		ret:    returnpane.New(com),
		status: "Welcome. Students join with ssh and the class code; their lookups appear on page 1."}
	c.applyHelpStyles()
	c.ret.Focus()
	return c
}

// refreshEvery is how often the console rereads the class.
const refreshEvery = time.Second

type consoleTickMsg struct{ id int }

type consoleDataMsg struct{ data consoleData }

// Init implements tea.Model.
func (c *console) Init() tea.Cmd {
	cmds := []tea.Cmd{c.fetch(), c.schedule()}
	if c.opts.theme == "" || c.opts.theme == "auto" {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (c *console) schedule() tea.Cmd {
	id := c.tick
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return consoleTickMsg{id: id} })
}

// Update implements tea.Model.
func (c *console) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		c.width, c.height = msg.Width, msg.Height
		c.com.Width, c.com.Height = msg.Width, msg.Height
		c.help.SetWidth(msg.Width)
		return c, c.fetch()
	case tea.BackgroundColorMsg:
		if !msg.IsDark() {
			t, _ := common.ThemeByName("auto", false)
			c.setTheme(t)
		}
		return c, nil
	case consoleTickMsg:
		if msg.id != c.tick {
			return c, nil
		}
		return c, tea.Batch(c.fetch(), c.schedule())
	case consoleDataMsg:
		c.took(msg.data)
		return c, nil
	case classChangedMsg:
		return c, c.fetch()
	case classEndedMsg:
		c.bye.set(endedLine)
		return c, tea.Quit
	case clockMovedMsg:
		c.status = msg.text
		return c, c.fetch()
	case designSetMsg:
		return c, c.designSet(msg)
	case tea.KeyPressMsg:
		if c.form != nil {
			return c, c.formKey(msg)
		}
		return c, c.key(msg)
	}
	return c, c.court(msg)
}

// took keeps what a refresh read and moves the return's timeline to the
// class clock.
func (c *console) took(d consoleData) {
	c.data = d
	c.sel = min(c.sel, max(len(d.roster)-1, 0))
	if d.err != nil {
		c.status = "Reading the class failed: " + d.err.Error()
	}
	c.com.Snap.Now, c.com.Snap.Contacts = d.now, d.people
	c.ret.SetNow(d.now)
}

func (c *console) key(msg tea.KeyPressMsg) tea.Cmd {
	k := c.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		c.full = !c.full
	case key.Matches(msg, k.NextTab):
		return c.goTo((c.tab + 1) % tabCount)
	case key.Matches(msg, k.PrevTab):
		return c.goTo((c.tab + tabCount - 1) % tabCount)
	case key.Matches(msg, k.Pages):
		return c.goTo(consoleTab(msg.String()[0] - '1'))
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
		return c.openForm(logview.PenRegister)
	case key.Matches(msg, k.TrapTrace):
		return c.openForm(logview.TrapAndTrace)
	case key.Matches(msg, k.Stored):
		return c.openForm(logview.StoredRecords)
	case key.Matches(msg, k.Produce):
		return c.produceNow()
	case key.Matches(msg, k.Renew):
		return c.renew()
	case key.Matches(msg, k.Overlay):
		c.toggleOverlay()
	case key.Matches(msg, k.Export):
		return c.export()
	case key.Matches(msg, k.Show):
		c.showToClass()
	case key.Matches(msg, k.Dismiss):
		c.room.show(nil)
		c.status = "The return is gone from every student screen."
	case key.Matches(msg, k.GraphSource):
		c.fromRet = !c.fromRet
		return c.goTo(tabGraph)
	case key.Matches(msg, k.Platform):
		return c.togglePlatform()
	case key.Matches(msg, k.Share):
		return c.nextShare()
	case key.Matches(msg, k.Design):
		return c.switchDesign()
	case key.Matches(msg, k.Theme):
		c.setTheme(common.NextTheme(c.st.com.Theme, true))
		c.status = "Theme: " + c.st.com.Theme.Name + "."
	case c.tab == tabReturn:
		var cmd tea.Cmd
		c.ret, cmd = c.ret.Update(msg) // page up and down, home, end
		return cmd
	}
	return nil
}

func (c *console) goTo(t consoleTab) tea.Cmd {
	c.tab = t
	return c.fetch()
}

// move selects another student, or scrolls the return on its page.
func (c *console) move(d int) {
	if c.tab == tabReturn {
		c.ret.Scroll(d)
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

// setTheme rebuilds every style from t, the components' too.
func (c *console) setTheme(t common.Theme) {
	c.st = newStyles(t)
	c.com.Styles = c.st.com
	c.applyHelpStyles()
	c.ret.SetStyles()
	if c.form != nil {
		c.form.SetStyles()
	}
}

func (c *console) applyHelpStyles() { c.help.Styles = c.st.helpStyles() }

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

func (c *console) nextShare() tea.Cmd {
	c.share = (c.share + 1) % len(androidShares)
	pct := androidShares[c.share]
	n := c.room.setShare(pct)
	c.status = fmt.Sprintf("Apple's directory now lists %d%% of the class (%d of %d) as Android phones, not on iMessage: lookups of them come back green.", pct, n, len(c.data.roster))
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
	return head + "\n" + c.body(bodyH) + "\n" + foot
}

// helpView is the key bar, or every key: the order form's while it is open.
func (c *console) helpView() string {
	switch {
	case c.form != nil && c.full:
		return c.help.FullHelpView(c.form.Keys.FullHelp())
	case c.form != nil:
		return c.help.ShortHelpView(c.form.Keys.ShortHelp())
	case c.full:
		return c.help.FullHelpView(c.keys.FullHelp())
	}
	return c.help.ShortHelpView(c.keys.bar(c.tab))
}

func (c *console) header() string {
	tabs := make([]string, tabCount)
	for t := range tabCount {
		if t == c.tab {
			tabs[t] = c.st.focus.Render("[" + t.String() + "]")
		} else {
			tabs[t] = c.st.com.TabInactive.Render(" " + t.String() + " ")
		}
	}
	return c.st.title.Render(c.statusLine()) + "\n" + ansi.Truncate(strings.Join(tabs, " "), c.width, "…")
}

// statusLine is the console's first line in the longest wording that fits:
// a projector's 80 columns keep the design, who is online, the rows, the
// clock and whether a return is shown, in shorter words.
func (c *console) statusLine() string {
	d := c.data
	shown, brief := "nothing shown to the class", ""
	if d.shown {
		shown, brief = "▣ a return is SHOWN to the class (x dismisses)", " · ▣ SHOWN (x)"
	}
	students, rows := sim.Plural(len(d.roster), "student", "students"), sim.Plural(d.total, "row", "rows")
	for _, line := range []string{
		fmt.Sprintf("bluegreen · INSTRUCTOR · %s · design %s · %s, %d online · %s · clock %s · %s",
			c.room.class.Name(), d.design, students, d.online, rows, logview.FormatTime(d.now), shown),
		fmt.Sprintf("INSTRUCTOR · design %s · %s, %d online · %s · %s UTC%s", d.design, students, d.online, rows, d.now.UTC().Format("2006-01-02 15:04"), brief),
		fmt.Sprintf("INSTRUCTOR · %s · %d/%d online · %s · %s%s", d.design, d.online, len(d.roster), rows, d.now.UTC().Format("01-02 15:04"), brief),
	} {
		if ansi.StringWidth(line) <= c.width {
			return line
		}
	}
	return ansi.Truncate(fmt.Sprintf("%s · %d/%d online · %s%s", d.design, d.online, len(d.roster), d.now.UTC().Format("01-02 15:04"), brief), c.width, "…")
}

func (c *console) body(h int) string {
	switch {
	case c.form != nil:
		return c.formView(h)
	case c.tab == tabReturn && c.ret.Case() != nil:
		c.ret.SetSize(c.width, h)
		return c.ret.View() // fitted to its size by the pane
	}
	var lines []string
	switch c.tab {
	case tabLog:
		lines = c.logLines(h)
	case tabRoster:
		lines = c.rosterLines()
	case tabReturn:
		lines = noOrderLines()
	case tabGraph:
		lines = c.graphLines()
	}
	return strings.Join(common.FitLines(lines, c.width, h), "\n")
}

// noOrderLines is the Return page before any order.
func noOrderLines() []string {
	return []string{
		"No order served yet. On the roster (page 2), choose a student with ↑/↓, then:",
		"  p  pen register — whom the student looks up, from the order's entry on (18 U.S.C. §3123(c))",
		"  t  trap and trace — who looks the student up, from the order's entry on",
		"  r  stored records — what Apple already holds, as far back as its retention (18 U.S.C. §2703(d))",
		"The order form opens with the student as target; enter serves it, esc cancels.",
		"Then n asks Apple for another production, R renews, u overlays names, e exports, s shows the class.",
	}
}
