package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"bluegreen/sim"
	"bluegreen/tui/app"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// notATerminal is printed instead of the full-screen app when stdout is
// not a terminal: plain words, no escape codes.
const notATerminal = `bluegreen's interactive screen needs a terminal, and stdout is not one.
For plain output that other programs can read, use:
  bluegreen lookup "(415) 555-0132"          what one lookup sends and logs
  bluegreen lookup --json 415-555-0147       the same as JSON
Run "bluegreen --help" for every command.`

// runTUI opens the full-screen app on the chosen scenario.
func runTUI(cmd *cobra.Command, g *globalFlags) error {
	// A mistyped flag is reported before the terminal check, so a user who
	// piped the output still learns what was wrong with the command.
	theme, err := resolveTheme(cmd, g.theme)
	if err != nil {
		return err
	}
	if f, ok := cmd.OutOrStdout().(*os.File); !ok || !term.IsTerminal(f.Fd()) {
		fmt.Fprintln(cmd.ErrOrStderr(), notATerminal)
		return errSilent
	}
	w, err := buildTUIWorld(cmd.Context(), g)
	if err != nil {
		return err
	}
	defer w.Server.Log().Close()
	hidden, remember := checklistMemory()
	model, err := app.New(w, app.Options{Theme: theme, NetworkDelay: app.DefaultNetworkDelay, HumanPace: app.DefaultHumanPace, ExportDir: g.export, Frame: app.DefaultFrame,
		Checklist: !hidden, RememberChecklist: remember})
	if err != nil {
		return err
	}
	return runProgram(cmd, model)
}

// resolveTheme applies NO_COLOR (unless --theme was given) and checks the name.
func resolveTheme(cmd *cobra.Command, theme string) (string, error) {
	if os.Getenv("NO_COLOR") != "" && !cmd.Flags().Changed("theme") {
		theme = "none"
	}
	if _, err := common.ThemeByName(theme, true); err != nil {
		return "", fmt.Errorf("--theme: %w", err)
	}
	return theme, nil
}

// runProgram runs a full-screen model on the command's terminal; quitting
// or an interrupt is a normal end. Signals are main's (see onSignals):
// they cancel the command's context, which makes Bubble Tea restore the
// terminal before Run returns and the caller close the database.
func runProgram(cmd *cobra.Command, model tea.Model) error {
	p := tea.NewProgram(model, tea.WithContext(cmd.Context()), tea.WithOutput(cmd.OutOrStdout()), tea.WithInput(cmd.InOrStdin()),
		tea.WithoutSignalHandler())
	_, err := p.Run()
	switch {
	case errors.Is(err, tea.ErrProgramPanic):
		// Bubble Tea has restored the terminal and printed the panic; it
		// reports it as a kill, which must not pass for a normal end.
		return internal(fmt.Errorf("the screen stopped on an internal error (please report it): %w", err))
	case err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled):
		return internal(err)
	}
	return nil
}

// buildTUIWorld loads the scenario and applies --trigger.
func buildTUIWorld(ctx context.Context, g *globalFlags) (*sim.World, error) {
	w, err := buildWorld(ctx, g, "")
	if err != nil {
		return nil, err
	}
	if g.trigger != "" {
		policy, err := sim.ParseTriggerPolicy(g.trigger)
		if err != nil {
			return nil, fmt.Errorf("--trigger: %w", err)
		}
		w.Policy = policy
	}
	return w, nil
}
