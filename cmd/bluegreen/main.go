// Command bluegreen simulates how Messages chooses a blue or green bubble
// and what that choice leaves in Apple's server-side log.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"
)

// Exit codes: 0 success, 1 something failed inside, 2 the input was wrong.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, parameterised for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	opts := []fang.Option{fang.WithVersion(version()), fang.WithErrorHandler(errorHandler(stderr))}
	if err := fang.Execute(ctx, root, opts...); err != nil {
		var internal *internalError
		if errors.As(err, &internal) {
			return exitInternal
		}
		return exitUsage
	}
	return exitOK
}

// errorHandler styles errors with fang on a terminal and prints one plain
// line otherwise, so scripts and logs get no padding or escape codes.
func errorHandler(stderr io.Writer) fang.ErrorHandler {
	return func(w io.Writer, styles fang.Styles, err error) {
		if errors.Is(err, errSilent) {
			return
		}
		if f, ok := stderr.(*os.File); ok && term.IsTerminal(f.Fd()) {
			fang.DefaultErrorHandler(w, styles, err)
			return
		}
		fmt.Fprintf(stderr, "bluegreen: %s\n", err)
	}
}

// errSilent exits 2 after the command has already said what was wrong.
var errSilent = errors.New("already reported")

// internalError marks failures that are not the user's input (a broken
// database, a full disk): exit 1 instead of 2.
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

func internal(err error) error {
	if err == nil {
		return nil
	}
	return &internalError{err: err}
}

func version() string { return "0.1.0" }
