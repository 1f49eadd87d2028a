package common

import (
	"strconv"
	"strings"

	"bluegreen/logview"
	"bluegreen/sim"

	"github.com/nyaruka/phonenumbers"
)

// Who names the people behind handles as the phone knows them: "you" for
// its own handles, a contact's name, nothing for anyone else. It also knows
// the phone's own country code, so a table short of room can drop it from
// local numbers.
type Who struct {
	self  map[sim.Handle]bool
	names map[sim.Handle]string
	local string // "+1": the calling code of the phone's region
}

// WhoOf reads the phone's handles and contacts from a snapshot.
func WhoOf(s Snapshot) Who {
	w := Who{self: map[sim.Handle]bool{}, names: map[sim.Handle]string{}}
	if s.Self != "" {
		w.self[s.Self] = true
	}
	if s.AppleID != "" {
		w.self[sim.Handle("mailto:"+strings.ToLower(s.AppleID))] = true
	}
	for _, c := range s.Contacts {
		for _, h := range c.Handles {
			if _, taken := w.names[h]; !taken {
				w.names[h] = sim.Printable(c.Name)
			}
		}
	}
	if cc := phonenumbers.GetCountryCodeForRegion(strings.ToUpper(s.Region)); cc > 0 {
		w.local = "+" + strconv.Itoa(cc)
	}
	return w
}

// Name is "you", the contact's name, or "" for a handle the phone does not know.
func (w Who) Name(h sim.Handle) string {
	if w.self[h] {
		return "you"
	}
	return w.names[h]
}

// Row says who asked about whom in a log row: "you → Ana", "Ana → you",
// "stranger → you" (an account not in the contacts), "you → unknown" (a
// number that is nobody in the contacts).
func (w Who) Row(e sim.LogEntry) string {
	src, dst := w.Name(e.SourceHandle), w.Name(e.LookupHandle)
	if src == "" {
		src = "stranger"
	}
	if dst == "" {
		dst = "unknown"
	}
	return src + " → " + dst
}

// Local is how a handle reads without the phone's own country code
// ("4155550132" for +14155550132 on a US phone); anything else is its address.
func (w Who) Local(h sim.Handle) string {
	a := h.Address()
	if h.IsPhone() && w.local != "" && strings.HasPrefix(a, w.local) {
		return strings.TrimPrefix(a, w.local)
	}
	return a
}

// tableForm is one way of writing the log's columns: each step down the
// list is shorter, and no step ever cuts a handle.
type tableForm struct {
	uri    bool   // handles as tel:/mailto: URIs
	date   string // time layout of the first column
	local  bool   // local numbers without the country code
	header []string
	gap    int
	who    bool
	design bool // a Design column (rows written under comparison designs)
}

// withDesign is forms, each first with a Design column: a table of
// comparison rows names each row's design when it fits, and drops the
// column before it breaks rows in two.
func withDesign(forms []tableForm) []tableForm {
	out := make([]tableForm, 0, 2*len(forms))
	for _, f := range forms {
		f.design = true
		out = append(out, f)
	}
	return append(out, forms...)
}

// tableForms are tried in order until one fits: the URI scheme goes first,
// then the year and the seconds, the +1 of local numbers and the long
// Devices header. A who column (when wanted) is tried first, and dropped
// before any of that when it does not fit. When even the last
// does not fit, rows take two lines.
func tableForms(withWho bool) []tableForm {
	long := []string{"Date/Time UTC", "Source", "Lookup", "Client IP", "Devices"}
	short := []string{"When (UTC)", "Source", "Lookup", "Client IP", "Devices"}
	tiny := []string{"When (UTC)", "Source", "Lookup", "Client IP", "Dev."}
	forms := []tableForm{
		{uri: true, date: "2006-01-02 15:04:05", header: logview.Columns(), gap: 3},
		{date: "2006-01-02 15:04:05", header: long, gap: 3},
		{date: "01-02 15:04:05", header: long, gap: 2},
		{date: "01-02 15:04", header: short, gap: 2},
		{date: "01-02 15:04", header: short, gap: 2, local: true},
		{date: "01-02 15:04", header: tiny, gap: 2, local: true},
	}
	if !withWho {
		return forms
	}
	var out []tableForm
	for _, f := range forms[:5] {
		f.who = true
		out = append(out, f)
	}
	return append(out, forms...)
}

// LogTable is log rows laid out to a width. Every line is exactly the
// table's width; a row has one line, or two when a line cannot hold it.
type LogTable struct {
	Header  string
	Rows    [][]string
	Columns []string // the header cells as laid out
	Starts  []int    // where each column starts in Header, in cells
	Who     bool     // the who column is shown
}

// Lines is how many lines the rows take.
func (t LogTable) Lines() int {
	n := 0
	for _, r := range t.Rows {
		n += len(r)
	}
	return n
}

// LayoutLogTable lays rows out in width cells in the longest form that
// fits, with a who column when withWho and there is room. Handles are never cut: when no one-line form fits, each row takes
// two lines (time and handles, then the IP and devices).
func LayoutLogTable(rows []sim.LogEntry, width int, who Who, withWho bool) LogTable {
	forms := tableForms(withWho)
	if logview.HasComparison(rows) {
		forms = withDesign(forms)
	}
	for _, f := range forms {
		header, cells := f.cells(rows, who)
		widths := columnWidths(header, cells)
		if sum(widths)+f.gap*(len(widths)-1) <= width {
			return renderTable(header, cells, widths, f.gap, width, f.who)
		}
	}
	last := forms[len(forms)-1]
	if t, ok := overflowTable(rows, width, who, last); ok {
		return t
	}
	return stackedTable(rows, width, who, last)
}

// LogTableWidth is the fewest cells that hold rows one line each, every
// handle whole: what a pane must give the table not to break rows.
func LogTableWidth(rows []sim.LogEntry, who Who) int {
	forms := tableForms(false)
	header, cells := forms[len(forms)-1].cells(rows, who)
	return sum(columnWidths(header, cells)) + forms[len(forms)-1].gap*(len(header)-1)
}

// overflowTable keeps the columns for the rows whose handles fit them and
// gives the few that do not (a long email address) a second line: the
// handles run on past their columns, the IP and devices go below in theirs.
func overflowTable(rows []sim.LogEntry, width int, who Who, f tableForm) (LogTable, bool) {
	header, cells := f.cells(rows, who)
	widths := columnWidths(header, cells)
	rest := width - widths[0] - widths[3] - widths[4] - 4*f.gap
	ws, wl, ok := handleWidths(header, cells, rest)
	if !ok {
		return LogTable{}, false
	}
	widths[1], widths[2] = ws, wl
	t := renderTable(header, nil, widths, f.gap, width, false)
	sep := strings.Repeat(" ", f.gap)
	for _, c := range cells {
		if CellWidth(c[1]) <= ws && CellWidth(c[2]) <= wl {
			t.Rows = append(t.Rows, renderTable(header, [][]string{c}, widths, f.gap, width, false).Rows[0])
			continue
		}
		first := c[0] + sep + c[1] + sep + c[2]
		if CellWidth(first) > width {
			return LogTable{}, false
		}
		below := strings.Repeat(" ", t.Starts[3]) + Fit(c[3], widths[3]) + sep + c[4]
		t.Rows = append(t.Rows, []string{Fit(first, width), Fit(below, width)})
	}
	return t, true
}

// handleWidths picks widths for the source and lookup columns, together at
// most rest, that let the most rows keep to one line.
func handleWidths(header []string, cells [][]string, rest int) (ws, wl int, ok bool) {
	best := -1
	for _, cand := range cells {
		s := max(CellWidth(cand[1]), CellWidth(header[1]))
		l := CellWidth(header[2])
		for _, c := range cells {
			if CellWidth(c[1]) <= s && CellWidth(c[2]) <= rest-s {
				l = max(l, CellWidth(c[2]))
			}
		}
		if s+l > rest {
			continue
		}
		n := 0
		for _, c := range cells {
			if CellWidth(c[1]) <= s && CellWidth(c[2]) <= l {
				n++
			}
		}
		if n > best {
			best, ws, wl = n, s, l
		}
	}
	return ws, wl, best >= 0
}

// cells writes rows in form f: the five police columns, then who.
func (f tableForm) cells(rows []sim.LogEntry, who Who) ([]string, [][]string) {
	header := append([]string(nil), f.header...)
	if f.who {
		header = append(header, "Who")
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = append(f.row(r, who), "")
		if f.who {
			out[i][5] = who.Row(r)
		} else {
			out[i] = out[i][:5]
		}
	}
	// A row written under a comparison design says which, as a return does.
	if f.design {
		header = append(header, "Design")
		for i, r := range rows {
			out[i] = append(out[i], string(r.DesignOrApple()))
		}
	}
	return header, out
}

// row is one entry's five police columns in form f.
func (f tableForm) row(r sim.LogEntry, who Who) []string {
	handle := func(h sim.Handle) string {
		switch {
		case f.uri || !h.IsPhone() && !h.IsEmail(): // a hash, an OPRF output, "— (not learnt)"
			return sim.Printable(string(h))
		case f.local:
			return sim.Printable(who.Local(h))
		}
		return sim.Printable(h.Address())
	}
	return []string{r.Time.UTC().Format(f.date), handle(r.SourceHandle), handle(r.LookupHandle),
		sim.Printable(r.ClientIP), logview.DevicesCell(r)}
}

func columnWidths(header []string, cells [][]string) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = CellWidth(h)
	}
	for _, row := range cells {
		for i, c := range row {
			widths[i] = max(widths[i], CellWidth(c))
		}
	}
	return widths
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func renderTable(header []string, cells [][]string, widths []int, gap, width int, who bool) LogTable {
	sep := strings.Repeat(" ", gap)
	join := func(row []string) string {
		parts := make([]string, len(row))
		for i, c := range row {
			parts[i] = Fit(c, widths[i])
		}
		return Fit(strings.Join(parts, sep), width)
	}
	t := LogTable{Header: join(header), Columns: header, Who: who}
	pos := 0
	for i := range header {
		t.Starts = append(t.Starts, pos)
		pos += widths[i] + gap
	}
	for _, row := range cells {
		t.Rows = append(t.Rows, []string{join(row)})
	}
	return t
}

// stackedTable gives each row two lines: the time and both handles, then
// the IP and device count under the source. When both handles do not fit
// on one line the lookup handle gets a line of its own, and a handle longer
// than a whole line wraps rather than being cut.
func stackedTable(rows []sim.LogEntry, width int, who Who, f tableForm) LogTable {
	const gap = "  "
	dateW := len(f.date)
	indent := strings.Repeat(" ", dateW+len(gap))
	t := LogTable{Header: Fit(Fit("When (UTC)", dateW)+gap+"Source → Lookup · Client IP · devices", width),
		Columns: []string{"When (UTC)", "Source", "Lookup", "Client IP", "Devices"}}
	t.Starts = []int{0, dateW + len(gap), dateW + len(gap), dateW + len(gap), dateW + len(gap)}
	for _, r := range rows {
		c := f.row(r, who)
		var lines []string
		if first := c[0] + gap + c[1] + " → " + c[2]; CellWidth(first) <= width {
			lines = []string{first}
		} else {
			lines = append(place(c[0]+gap, c[1], width), place(indent+"→ ", c[2], width)...)
		}
		devices := sim.Plural(r.LookupDevices, "device", "devices")
		if c[4] == "—" {
			devices = "devices not learnt"
		}
		if d := r.DesignOrApple(); d != sim.DesignApple {
			devices += " · " + string(d)
		}
		lines = append(lines, indent+c[3]+" · "+devices)
		for i := range lines {
			lines[i] = Fit(lines[i], width)
		}
		t.Rows = append(t.Rows, lines)
	}
	return t
}

// place writes lead then text on one line when it fits; otherwise text
// goes on its own line, indented a little (a line of its own: first line
// holds lead), and only a text longer than a whole line wraps.
func place(lead, text string, width int) []string {
	if CellWidth(lead)+CellWidth(text) <= width {
		return []string{lead + text}
	}
	const short = "    "
	head := strings.TrimRight(lead, " ")
	var out []string
	if strings.TrimSpace(head) != "" && !strings.HasSuffix(head, "→") {
		out = append(out, head)
	}
	mark := ""
	if strings.HasSuffix(head, "→") {
		mark = "→ "
	}
	room := max(width-len(short)-CellWidth(mark), 1)
	for i, part := range Wrap(text, room) {
		if i == 0 {
			out = append(out, short+mark+part)
		} else {
			out = append(out, short+strings.Repeat(" ", CellWidth(mark))+part)
		}
	}
	return out
}
