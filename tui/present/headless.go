package present

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"bluegreen/tui/app"

	"github.com/charmbracelet/x/ansi"
)

// HeadlessOptions configure a run without a terminal.
type HeadlessOptions struct {
	Width, Height int
	Out           io.Writer // each step's screen as plain text; nil = none
	Cast          io.Writer // an asciicast v2 recording; nil = none
}

// castHeader is the first line of an asciicast v2 file.
type castHeader struct {
	Version int               `json:"version"`
	Width   int               `json:"width"`
	Height  int               `json:"height"`
	Title   string            `json:"title,omitempty"`
	Env     map[string]string `json:"env,omitempty"`
}

// RunHeadless plays every step of the demo at once and writes each step's
// screen — for handouts, tests and recordings. Times in the recording come
// from the script (each step's wait), never from the clock, so the same
// script records the same file.
func RunHeadless(p *Player, opts HeadlessOptions) error {
	if opts.Width < app.MinWidth || opts.Height < app.MinHeight+presenterBarHeight {
		return fmt.Errorf("headless screens need at least %d × %d (asked for %d × %d)", app.MinWidth, app.MinHeight+presenterBarHeight, opts.Width, opts.Height)
	}
	p.headless = true
	p.width, p.height = opts.Width, opts.Height
	if need := app.MinHeight + p.barHeight(); opts.Height < need {
		return fmt.Errorf("headless screens of this demo need at least %d rows at %d columns (its captions take %d lines there; asked for %d)", need, opts.Width, p.captionLines(), opts.Height)
	}
	p.Update(windowSize(opts.Width, opts.Height))
	rec, err := newRecorder(opts.Cast, castHeader{Version: 2, Width: opts.Width, Height: opts.Height, Title: p.script.Title, Env: map[string]string{"TERM": "xterm-256color"}})
	if err != nil {
		return err
	}
	for n := 1; n <= p.Steps(); n++ {
		p.advanceTo(n)
		screen := p.Screen()
		if opts.Out != nil {
			if _, err := fmt.Fprintf(opts.Out, "── step %d of %d ──\n%s\n", n, p.Steps(), stripTrailing(ansi.Strip(screen))); err != nil {
				return err
			}
		}
		if err := rec.frame(screen, p.script.Steps[n-1].Wait); err != nil {
			return err
		}
	}
	return nil
}

func stripTrailing(screen string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// recorder writes asciicast v2 events: [seconds, "o", data].
type recorder struct {
	w   io.Writer
	at  time.Duration
	err error
}

func newRecorder(w io.Writer, h castHeader) (*recorder, error) {
	r := &recorder{w: w}
	if w == nil {
		return r, nil
	}
	return r, r.line(h)
}

func (r *recorder) line(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = r.w.Write(append(b, '\n'))
	return err
}

// frame records one whole screen, then lets wait pass.
func (r *recorder) frame(screen string, wait time.Duration) error {
	if r.w == nil {
		return nil
	}
	data := "\x1b[H\x1b[2J" + strings.ReplaceAll(screen, "\n", "\r\n")
	if err := r.line([]any{r.at.Seconds(), "o", data}); err != nil {
		return err
	}
	if wait == 0 {
		wait = defaultStepWait
	}
	r.at += wait
	return nil
}
