package tui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bluegreen/logview"
	"bluegreen/sim"

	tea "charm.land/bubbletea/v2"
)

// courtCase is an order served from the TUI and every production Apple
// made for it. Productions are frozen when made: producing again later
// adds one, it never recomputes the earlier ones (rows they held may have
// expired since — which is the lesson).
type courtCase struct {
	order       logview.Order
	retention   sim.Retention
	heldFrom    time.Time
	productions []logview.Production
	report      *logview.Report
	text        []string            // the return as `bluegreen return --format text` prints it, without ground truth
	truths      map[int64]sim.Truth // simulator ground truth of the returned rows, for the educator overlay
	exported    []string
}

// producedMsg carries a new production and the report rebuilt around it.
type producedMsg struct {
	c   courtCase
	err error
}

// truthMsg carries the case with its ground truth read again (a message
// sent after a production changes what the educator overlay marks).
type truthMsg producedMsg

// exportedMsg reports files written by an export.
type exportedMsg struct {
	paths []string
	err   error
}

// produceCmd makes a production at `at` and rebuilds the report, off the
// UI goroutine (it reads the log store).
func produceCmd(store sim.LogStore, c courtCase, at time.Time) tea.Cmd {
	c.productions = append([]logview.Production(nil), c.productions...)
	return func() tea.Msg {
		ctx := context.Background()
		ret, err := logview.Produce(ctx, store, logview.Request{Order: c.order, Retention: c.retention, Produced: []time.Time{at}, HeldFrom: c.heldFrom})
		if err != nil {
			return producedMsg{err: err}
		}
		c.productions = append(c.productions, ret.Productions...)
		return rebuildReport(ctx, store, c)
	}
}

// refreshTruthCmd rereads the case's ground truth off the UI goroutine.
func refreshTruthCmd(store sim.LogStore, c courtCase) tea.Cmd {
	return func() tea.Msg { return truthMsg(rebuildReport(context.Background(), store, c)) }
}

func rebuildReport(ctx context.Context, store sim.LogStore, c courtCase) producedMsg {
	ret := &logview.Return{Order: c.order, Retention: c.retention, HeldFrom: c.heldFrom, Productions: c.productions}
	places, err := logview.LoadPlaces()
	if err != nil {
		return producedMsg{err: err}
	}
	rows := ret.Rows()
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	fresh, err := store.Truths(ctx, ids)
	if err != nil {
		return producedMsg{err: err}
	}
	// Police keep rows Apple has since purged, and so does the simulator's
	// truth about them: read it afresh where Apple still has it (a message
	// sent since may have changed it), else keep what an earlier read knew.
	truths := make(map[int64]sim.Truth, len(ids))
	for _, id := range ids {
		if t, ok := fresh[id]; ok {
			truths[id] = t
		} else if t, ok := c.truths[id]; ok {
			truths[id] = t
		}
	}
	c.truths = truths
	c.report = &logview.Report{Return: ret, Inference: logview.Infer(c.order.Kind, rows, places), Truth: logview.TruthOf(rows, truths)}
	c.text, err = returnText(c.report)
	return producedMsg{c: c, err: err}
}

// returnText is the printable return without the educators' section,
// which the TUI shows only in its overlay.
func returnText(r *logview.Report) ([]string, error) {
	var b bytes.Buffer
	if err := r.WriteReturnText(&b); err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimRight(b.String(), "\n"), "\n"), nil
}

// exportCmd writes the return as CSV, JSON and text into dir, never
// overwriting a file: a name that exists gets a number.
func exportCmd(r *logview.Report, dir, base string) tea.Cmd {
	return func() tea.Msg {
		var paths []string
		for _, f := range []struct {
			format logview.Format
			ext    string
		}{{logview.FormatCSV, "csv"}, {logview.FormatJSON, "json"}, {logview.FormatText, "txt"}} {
			path, err := writeNew(dir, base, f.ext, func(b *bytes.Buffer) error { return writeExport(b, r, f.format) })
			if err != nil {
				return exportedMsg{paths: paths, err: err}
			}
			paths = append(paths, path)
		}
		return exportedMsg{paths: paths}
	}
}

// writeExport writes what police received: the text export leaves out the
// educators' ground truth (JSON keeps it, under its own labelled key).
func writeExport(b *bytes.Buffer, r *logview.Report, f logview.Format) error {
	if f == logview.FormatText {
		return r.WriteReturnText(b)
	}
	return r.Write(b, f)
}

// writeNew creates dir/base.ext, or base-2.ext, base-3.ext… if taken,
// with O_EXCL so an existing file is never replaced.
func writeNew(dir, base, ext string, fill func(*bytes.Buffer) error) (string, error) {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return "", err
	}
	for n := 1; n < 1000; n++ {
		name := base + "." + ext
		if n > 1 {
			name = fmt.Sprintf("%s-%d.%s", base, n, ext)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(b.Bytes()); err != nil {
			f.Close()
			return "", err
		}
		return path, f.Close()
	}
	return "", fmt.Errorf("%s: too many exports with this name", filepath.Join(dir, base))
}

// exportBase names an export after the case and production count, using
// only characters safe in a file name.
func exportBase(c courtCase) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, c.order.Case)
	if name == "" {
		name = "no-case"
	}
	return fmt.Sprintf("return-%s-%s-p%d", name, c.order.Kind, len(c.productions))
}
