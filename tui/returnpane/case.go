// Package returnpane shows the return police receive for a served order:
// the case and its productions, the timeline of retention against the
// order's period, the printed return, and the educator overlay. It also
// makes productions and exports, as commands, off the UI goroutine.
package returnpane

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

// Case is an order served from the TUI and every production Apple
// made for it. Productions are frozen when made: producing again later
// adds one, it never recomputes the earlier ones (rows they held may have
// expired since — which is the lesson).
type Case struct {
	Order       logview.Order
	Retention   sim.Retention
	HeldFrom    time.Time
	Productions []logview.Production
	Report      *logview.Report
	Text        []string            // the return as `bluegreen return --format text` prints it, without ground truth
	Truths      map[int64]sim.Truth // simulator ground truth of the returned rows, for the educator overlay
	Exported    []string
	// Subject names the target when the parent knows them by a name (a
	// classroom's student); "" shows the handle alone.
	Subject string
}

// ProducedMsg carries a new production and the report rebuilt around it.
type ProducedMsg struct {
	Case Case
	Err  error
}

// TruthMsg carries the case with its ground truth read again (a message
// sent after a production changes what the educator overlay marks).
type TruthMsg ProducedMsg

// ExportedMsg reports files written by an export.
type ExportedMsg struct {
	Paths []string
	Err   error
}

// ProduceCmd makes a production at `at` and rebuilds the report, off the
// UI goroutine (it reads the log store).
func ProduceCmd(store sim.LogStore, c Case, at time.Time) tea.Cmd {
	c.Productions = append([]logview.Production(nil), c.Productions...)
	return func() tea.Msg {
		ctx := context.Background()
		ret, err := logview.Produce(ctx, store, logview.Request{Order: c.Order, Retention: c.Retention, Produced: []time.Time{at}, HeldFrom: c.HeldFrom})
		if err != nil {
			return ProducedMsg{Err: err}
		}
		c.Productions = append(c.Productions, ret.Productions...)
		return rebuildReport(ctx, store, c)
	}
}

// RenewedMsg carries the case under its renewed order, the return's text
// rebuilt (its header names the extension).
type RenewedMsg ProducedMsg

// RenewCmd rebuilds the report for a case whose order was renewed.
func RenewCmd(store sim.LogStore, c Case) tea.Cmd {
	return func() tea.Msg { return RenewedMsg(rebuildReport(context.Background(), store, c)) }
}

// RefreshTruthCmd rereads the case's ground truth off the UI goroutine.
func RefreshTruthCmd(store sim.LogStore, c Case) tea.Cmd {
	return func() tea.Msg { return TruthMsg(rebuildReport(context.Background(), store, c)) }
}

func rebuildReport(ctx context.Context, store sim.LogStore, c Case) ProducedMsg {
	ret := &logview.Return{Order: c.Order, Retention: c.Retention, HeldFrom: c.HeldFrom, Productions: c.Productions}
	places, err := logview.LoadPlaces()
	if err != nil {
		return ProducedMsg{Err: err}
	}
	rows := ret.Rows()
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	fresh, err := store.Truths(ctx, ids)
	if err != nil {
		return ProducedMsg{Err: err}
	}
	// Police keep rows Apple has since purged, and so does the simulator's
	// truth about them: read it afresh where Apple still has it (a message
	// sent since may have changed it), else keep what an earlier read knew.
	truths := make(map[int64]sim.Truth, len(ids))
	for _, id := range ids {
		if t, ok := fresh[id]; ok {
			truths[id] = t
		} else if t, ok := c.Truths[id]; ok {
			truths[id] = t
		}
	}
	c.Truths = truths
	c.Report = &logview.Report{Return: ret, Inference: logview.Infer(c.Order, rows, places), Truth: logview.TruthOf(rows, truths)}
	c.Text, err = returnText(c.Report)
	return ProducedMsg{Case: c, Err: err}
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

// ExportCmd writes the return as CSV, JSON and text into dir, never
// overwriting a file: a name that exists gets a number.
func ExportCmd(r *logview.Report, dir, base string) tea.Cmd {
	return func() tea.Msg {
		var paths []string
		for _, f := range []struct {
			format logview.Format
			ext    string
		}{{logview.FormatCSV, "csv"}, {logview.FormatJSON, "json"}, {logview.FormatText, "txt"}} {
			path, err := writeNew(dir, base, f.ext, func(b *bytes.Buffer) error { return writeExport(b, r, f.format) })
			if err != nil {
				return ExportedMsg{Paths: paths, Err: err}
			}
			paths = append(paths, path)
		}
		return ExportedMsg{Paths: paths}
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
		_, err = f.Write(b.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path) //nolint:errcheck // a cut-short export (a full disk) must not pass for a whole one
			return "", err
		}
		return path, nil
	}
	return "", fmt.Errorf("%s: too many exports with this name", filepath.Join(dir, base))
}

// ExportBase names an export after the case and production count, using
// only characters safe in a file name.
func ExportBase(c Case) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, c.Order.Case)
	if name == "" {
		name = "no-case"
	}
	return fmt.Sprintf("return-%s-%s-p%d", name, c.Order.Kind, len(c.Productions))
}
