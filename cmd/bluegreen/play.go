package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"bluegreen/sim"
	"bluegreen/sim/discovery"
	"bluegreen/tui/app"
	"bluegreen/tui/present"
	"bluegreen/tui/scripts"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

type playFlags struct {
	headless bool
	width    int
	height   int
	record   string
	notes    string
	auto     bool
	speed    float64
	theme    string
}

func newPlayCmd(g *globalFlags) *cobra.Command {
	f := &playFlags{}
	cmd := &cobra.Command{
		Use:   "play [NAME|FILE]",
		Short: "Run a scripted demo (talk, group, switched) for a class or a talk",
		Long: "play runs the screen with a demo script: → or space steps forward, ← steps back (a deterministic replay\n" +
			"from the start), r restarts, a toggles auto mode, ctrl+t lets the presenter take over the keyboard.\n" +
			"--headless prints every step's screen as plain text; --record writes an asciicast v2 file.\n" +
			"Built-in scripts: " + strings.Join(scripts.BuiltinNames(), ", ") + ".",
		Example:           "  bluegreen play talk\n  bluegreen play talk --headless --width 120 --height 40\n  bluegreen play group --record group.cast\n  bluegreen play talk --notes /tmp/notes.txt   # then: tail -f /tmp/notes.txt",
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeScript,
		RunE: func(cmd *cobra.Command, args []string) error {
			name := "talk"
			if len(args) == 1 {
				name = args[0]
			}
			return runPlay(cmd, g, f, name)
		},
	}
	cmd.Flags().BoolVar(&f.headless, "headless", false, "print each step's screen as plain text instead of opening the screen")
	cmd.Flags().IntVar(&f.width, "width", 120, "headless and recording: screen width")
	cmd.Flags().IntVar(&f.height, "height", 40, "headless and recording: screen height")
	cmd.Flags().StringVar(&f.record, "record", "", "write an asciicast v2 recording of every step to this file (never overwritten)")
	cmd.Flags().StringVar(&f.notes, "notes", "", "append each step's speaker notes to this file (follow it with tail -f)")
	cmd.Flags().BoolVar(&f.auto, "auto", false, "advance by itself, at each step's pace")
	cmd.Flags().Float64Var(&f.speed, "speed", 1, "auto mode speed (2 = twice as fast)")
	cmd.Flags().StringVar(&f.theme, "theme", "high-contrast", "colours: auto, dark, light, high-contrast, colour-blind or none (NO_COLOR also means none)")
	return cmd
}

func runPlay(cmd *cobra.Command, g *globalFlags, f *playFlags, name string) error {
	if g.db != "" {
		return fmt.Errorf("--db: play always starts from a fresh in-memory world, so every run and rewind is the same; leave --db out")
	}
	script, err := scripts.Load(name)
	if err != nil {
		return err
	}
	scenario := script.Scenario
	if cmd.Flags().Changed("scenario") {
		scenario = g.scenario
	}
	theme, err := resolveTheme(cmd, f.theme)
	if err != nil {
		return err
	}
	if f.speed <= 0 {
		return fmt.Errorf("--speed must be above 0 (got %g)", f.speed)
	}
	opts := present.PlayerOptions{
		App:      app.Options{Theme: theme, HumanPace: app.DefaultHumanPace},
		NewWorld: func() (*sim.World, error) { return memoryWorld(scenario) },
		Auto:     f.auto,
		Speed:    f.speed,
	}
	if f.headless || f.record != "" {
		return playHeadless(cmd.OutOrStdout(), script, opts, f)
	}
	return playLive(cmd, script, opts, f)
}

// memoryWorld is a fresh world of the scenario with Apple's log in memory:
// a demo must replay the same way every time.
func memoryWorld(scenario string) (*sim.World, error) {
	s, err := sim.LoadScenario(scenario)
	if err != nil {
		return nil, err
	}
	return discovery.Build(context.Background(), s, sim.NewMemoryLog(), "")
}

func playHeadless(out io.Writer, script *scripts.Script, opts present.PlayerOptions, f *playFlags) error {
	p, err := present.NewPlayer(script, opts)
	if err != nil {
		return err
	}
	h := present.HeadlessOptions{Width: f.width, Height: f.height}
	if f.headless {
		h.Out = out
	}
	var cast *os.File
	if f.record != "" {
		if cast, err = os.OpenFile(f.record, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err != nil {
			return fmt.Errorf("--record: %w (an existing file is never overwritten)", err)
		}
		h.Cast = cast
	}
	err = present.RunHeadless(p, h)
	if cast != nil {
		if cerr := cast.Close(); err == nil {
			err = cerr
		}
		if err == nil && !f.headless {
			fmt.Fprintf(out, "recorded %d steps of %q to %s (asciinema play %s)\n", p.Steps(), script.Name, f.record, f.record)
		}
	}
	return err
}

func playLive(cmd *cobra.Command, script *scripts.Script, opts present.PlayerOptions, f *playFlags) error {
	if out, ok := cmd.OutOrStdout().(*os.File); !ok || !term.IsTerminal(out.Fd()) {
		fmt.Fprintln(cmd.ErrOrStderr(), "bluegreen play needs a terminal; for plain output use: bluegreen play "+script.Name+" --headless")
		return errSilent
	}
	var notes *notesFile
	if f.notes != "" {
		var err error
		if notes, err = openNotes(f.notes); err != nil {
			return err
		}
		opts.Notes = notes.write
	}
	p, err := present.NewPlayer(script, opts)
	if err == nil {
		err = runProgram(cmd, p)
	}
	if notes != nil {
		err = errors.Join(err, notes.close())
	}
	return err
}

// notesFile is the speaker notes' file. A write that fails — a full disk —
// must not stop the talk on the projector, so it is remembered, further
// notes are skipped, and the presenter is told when the program ends.
type notesFile struct {
	f    *os.File
	path string
	err  error
}

func openNotes(path string) (*notesFile, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--notes: %w", err)
	}
	return &notesFile{f: f, path: path}, nil
}

func (n *notesFile) write(step, total int, s scripts.Step) {
	if n.err != nil {
		return
	}
	if _, err := fmt.Fprintf(n.f, "── step %d of %d — %s\n%s\n\n", step, total, sim.Printable(s.Caption), printableNotes(s.Notes)); err != nil {
		n.err = fmt.Errorf("--notes: the notes for step %d of %d and after are missing from %s: %w", step, total, n.path, err)
	}
}

// close closes the file and reports the first failed write.
func (n *notesFile) close() error {
	if err := n.f.Close(); err != nil && n.err == nil {
		n.err = fmt.Errorf("--notes: %w", err)
	}
	return n.err
}

// printableNotes keeps the notes' line breaks (the file is read with tail -f)
// and applies the one sanitising rule to everything else: a script's notes
// must not reach the presenter's terminal as escape sequences.
func printableNotes(notes string) string {
	return sim.PrintableKeeping(notes, func(r rune) bool { return r == '\n' })
}
