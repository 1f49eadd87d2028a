// Package scripts holds the demo scripts a presenter plays (embedded YAML,
// or a file) and checks every step before anything is drawn.
package scripts

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"
	"bluegreen/tui/app"
	"bluegreen/tui/common"
	"bluegreen/tui/orderform"
)

//go:embed *.yaml
var builtinScripts embed.FS

// maxSteps bounds a script: a talk has a few dozen steps.
const maxSteps = 500

// Script is a demo: a scenario and the steps a presenter walks through.
type Script struct {
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	Scenario string `yaml:"scenario"`
	Steps    []Step `yaml:"steps"`
}

// Step is one beat of a demo. It may do several things, applied in this
// order: show panes, switch network, advance the clock, press keys, type,
// press the "then" keys, serve an order, renew it, produce again, find
// text in the return. Caption is what the presenter bar says; Notes go only to the
// speaker's notes file.
type Step struct {
	Caption string        `yaml:"caption"`
	Notes   string        `yaml:"notes"`
	Show    []string      `yaml:"show"` // panes: phone, wire, log, return — most important first (a narrow screen keeps the first)
	Network string        `yaml:"network"`
	Advance time.Duration `yaml:"advance"`
	Type    string        `yaml:"type"`
	Keys    []string      `yaml:"keys"` // pressed before typing
	Then    []string      `yaml:"then"` // pressed after typing
	Order   *OrderStep    `yaml:"order"`
	Produce bool          `yaml:"produce"`
	Renew   bool          `yaml:"renew"` // extend the served order by 60 days, now
	Find    string        `yaml:"find"`  // scroll the return to the first line holding this text
	Wait    time.Duration `yaml:"wait"`  // how long auto mode stays on this step (default 4s)
	Pause   bool          `yaml:"pause"`
}

// OrderStep serves a court order; empty fields keep the form's defaults
// (a pen register on you, entered and produced now).
type OrderStep struct {
	Kind      string `yaml:"kind"`      // pen-register, trap-and-trace or stored-records
	Target    string `yaml:"target"`    // a handle as typed
	Case      string `yaml:"case"`      // the case number
	Entered   string `yaml:"entered"`   // "now" or YYYY-MM-DD
	Produced  string `yaml:"produced"`  // "now" or YYYY-MM-DD
	Direction string `yaml:"direction"` // stored records: source or lookup
}

// BuiltinNames lists the embedded demo scripts.
func BuiltinNames() []string {
	files, _ := fs.Glob(builtinScripts, "*.yaml")
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(path.Base(f), ".yaml")
	}
	sort.Strings(names)
	return names
}

// Load finds a script by built-in name or file path and checks
// every step before anything is drawn.
func Load(nameOrPath string) (*Script, error) {
	if !strings.ContainsAny(nameOrPath, "/\\.") {
		if data, err := builtinScripts.ReadFile(nameOrPath + ".yaml"); err == nil {
			return Parse(nameOrPath+".yaml", data)
		}
	}
	data, err := sim.ReadYAMLFile(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no built-in script or file named %q (built-ins: %s)", nameOrPath, strings.Join(BuiltinNames(), ", "))
	}
	if err != nil {
		return nil, err
	}
	return Parse(nameOrPath, data)
}

// Parse reads and checks a script; file names it in errors.
func Parse(file string, data []byte) (*Script, error) {
	s := &Script{}
	src, err := sim.DecodeYAML(file, data, s)
	if err != nil {
		return nil, err
	}
	if err := s.check(src); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Script) check(src *sim.YAMLSource) error {
	switch {
	case strings.TrimSpace(s.Name) == "" || sim.Printable(s.Name) != s.Name:
		return src.ErrAt("$.name", "a script needs a printable name")
	case len(s.Steps) == 0:
		return src.ErrAt("$.steps", "a script needs at least one step")
	case len(s.Steps) > maxSteps:
		return src.ErrAt("$.steps", "%d steps; a script has at most %d", len(s.Steps), maxSteps)
	}
	if s.Scenario == "" {
		s.Scenario = sim.DefaultScenario
	}
	if _, err := sim.LoadScenario(s.Scenario); err != nil {
		return src.ErrAt("$.scenario", "%v", err)
	}
	for i, st := range s.Steps {
		if err := st.check(src, fmt.Sprintf("$.steps[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func (st Step) check(src *sim.YAMLSource, at string) error {
	if st.Caption == "" && st.Type == "" && len(st.Keys) == 0 && len(st.Then) == 0 && st.Network == "" && st.Advance == 0 && st.Order == nil && !st.Produce && !st.Renew && len(st.Show) == 0 && st.Find == "" {
		return src.ErrAt(at, "a step must do something: caption, show, network, advance, type, keys, order, renew, produce or find")
	}
	for _, text := range []struct{ key, v string }{{"caption", st.Caption}, {"notes", st.Notes}, {"type", st.Type}, {"find", st.Find}} {
		if sim.PrintableKeeping(text.v, func(r rune) bool { return r == '\n' }) != text.v {
			return src.ErrAt(at+"."+text.key, "control, bidirectional-override and piled-up combining characters are not allowed (line breaks are)")
		}
	}
	for j, p := range st.Show {
		if _, _, ok := app.PaneNamed(p); !ok {
			return src.ErrAt(fmt.Sprintf("%s.show[%d]", at, j), "unknown pane %q: use phone, wire, log or return", p)
		}
	}
	if _, ok := sim.ParseNetwork(st.Network); st.Network != "" && !ok {
		return src.ErrAt(at+".network", "unknown network %q: use wifi, cellular or offline", st.Network)
	}
	if st.Advance < 0 || st.Wait < 0 {
		return src.ErrAt(at, "advance and wait cannot be negative")
	}
	for _, list := range []struct {
		name string
		keys []string
	}{{"keys", st.Keys}, {"then", st.Then}} {
		for j, k := range list.keys {
			if _, err := common.KeyPress(k); err != nil {
				return src.ErrAt(fmt.Sprintf("%s.%s[%d]", at, list.name, j), "%v", err)
			}
		}
	}
	if st.Order != nil {
		if _, err := logview.ParseOrderKind(orDefault(st.Order.Kind, string(logview.PenRegister))); err != nil {
			return src.ErrAt(at+".order.kind", "%v", err)
		}
		if st.Order.Target != "" {
			if _, err := sim.ParseHandle(st.Order.Target, "US"); err != nil {
				return src.ErrAt(at+".order.target", "%v", err)
			}
		}
		for _, d := range []struct{ name, v string }{{"entered", st.Order.Entered}, {"produced", st.Order.Produced}} {
			t, err := time.Parse(orderform.DateLayout, d.v)
			if d.v != "" && d.v != "now" && err != nil {
				return src.ErrAt(at+".order."+d.name, "want now or a date like 2016-09-26")
			}
			if d.v != "" && d.v != "now" && sim.CheckTime(t) != nil {
				return src.ErrAt(at+".order."+d.name, "%v", sim.CheckTime(t))
			}
		}
		if d := st.Order.Direction; d != "" {
			if _, err := logview.ParseSide(d); err != nil {
				return src.ErrAt(at+".order.direction", "%v", err)
			}
		}
	}
	return nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
